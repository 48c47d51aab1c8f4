"""What a facts folder already names: entities and metrics with every label and alias, and document ids.

Read straight from the YAML (no build, no checks): a draft is written even when the folder does not build,
and reading the names of a few hundred entities takes milliseconds. The drafts/ folder is not read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.build.datafiles import fact_files

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Named:
    """An entity or metric: its id, class (or unit, for a metric) and names as (language, text)."""

    id: str
    kind: str  # a class local name for entities; "metric" for metrics
    names: list[tuple[str, str]] = field(default_factory=list)
    unit: str | None = None

    def name(self, lang: str = "en") -> str:
        for code, text in self.names:
            if code == lang:
                return text
        return self.names[0][1] if self.names else self.id


@dataclass
class Known:
    entities: dict[str, Named] = field(default_factory=dict)
    metrics: dict[str, Named] = field(default_factory=dict)
    documents: set[str] = field(default_factory=set)

    def ids(self) -> set[str]:
        return set(self.entities) | set(self.metrics) | self.documents


def _names(entry: dict) -> list[tuple[str, str]]:
    out = []
    for key in ("name", "aliases"):
        value = entry.get(key)
        if isinstance(value, dict):
            for lang, texts in value.items():
                for t in texts if isinstance(texts, list) else [texts]:
                    if isinstance(t, (str, int, float)) and str(t).strip():
                        out.append((str(lang), str(t).strip()))
    return out


def read_known(facts_dir: Path) -> Known:
    """Every entity, metric and document the YAML files of `facts_dir` declare (drafts/ left out)."""
    known = Known()
    said: list[dict] = []
    for path in fact_files(facts_dir):
        try:
            tree = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
        except (yaml.YAMLError, OSError, UnicodeDecodeError):
            continue  # `kg validate` reports it; the builder works with what it can read
        if not isinstance(tree, dict):
            continue
        doc = tree.get("document")
        if isinstance(doc, dict) and doc.get("id"):
            known.documents.add(str(doc["id"]))
        for e in tree.get("entities") or []:
            if isinstance(e, dict) and e.get("id"):
                n = known.entities.setdefault(str(e["id"]), Named(str(e["id"]), str(e.get("type", "Entity"))))
                n.names += [x for x in _names(e) if x not in n.names]
        for m in tree.get("metrics") or []:
            if isinstance(m, dict) and m.get("id"):
                n = known.metrics.setdefault(str(m["id"]), Named(str(m["id"]), "metric", unit=m.get("unit")))
                n.names += [x for x in _names(m) if x not in n.names]
        said += [st for st in tree.get("statements") or [] if isinstance(st, dict)]
    for st in said:  # names given in statements (`s: dingtalk, aliases: ...`), once every entity is known
        if str(st.get("s")) in known.entities:
            n = known.entities[str(st["s"])]
            n.names += [x for x in _names(st) if x not in n.names]
    return known
