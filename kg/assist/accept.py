"""`kg accept`: move a draft's accepted items into the facts and check them, all or nothing.

Accepted entities, metrics, statements and observations go to documents/<stem>.yaml (made on the first
accept, extended after); accepted mentions go under `mentions:` of the entity in entities/*.yaml. Then the
whole folder is loaded, compiled and validated like `kg validate`; on any error every file is put back as
it was and the error is raised. Accepted items leave the draft; rejected ones stay with their reasons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.assist.drafts import Draft, plain
from kg.assist.yamlout import document, flow
from kg.build.datafiles import fact_files
from kg.build.yamlsource import read_yaml
from kg.errors import DraftError, FactError, KgError
from kg.files import write_atomic

ORDER = ("entities", "metrics", "statements", "observations")


@dataclass
class Accepted:
    stem: str
    document: Path
    moved: dict[str, int]
    mentions_not_recorded: list[str] = field(default_factory=list)
    left: dict[str, int] = field(default_factory=dict)
    stats: dict = field(default_factory=dict)


def _para_text(paras: list[int]) -> str:
    return str(paras[0]) if len(paras) == 1 else flow(paras)


def _as_list(value) -> list[int]:
    values = value if isinstance(value, list) else [value]
    return sorted({int(v) for v in values})


def add_mentions(text: str, ident: str, stem: str, paras: list[int]) -> str | None:
    """The text of an entities/*.yaml file with `stem: paras` under the mentions of `ident`; None if the file
    does not declare `ident`. Only the lines of that entity change."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(rf"^(\s*)- id:\s*{re.escape(ident)}\s*$", line)), None)
    if start is None:
        return None
    indent = len(lines[start]) - len(lines[start].lstrip()) + 2
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) >= indent) \
            and not re.match(r"^\s*- ", lines[end][:indent]):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    pad = " " * indent
    for i in range(start + 1, end):
        m = re.match(rf"^{pad}mentions:\s*(.*)$", lines[i])
        if not m:
            continue
        if m.group(1).strip():  # mentions: {doc: [1, 2]}
            current = yaml.safe_load(m.group(1)) or {}
            old = _as_list(current.get(stem, [])) if stem in current else []
            current[stem] = sorted(set(old) | set(paras))
            current = {k: (v if not isinstance(v, list) or len(v) != 1 else v[0]) for k, v in current.items()}
            lines[i] = f"{pad}mentions: {flow(current)}"
            return "\n".join(lines)
        child = i + 1
        last = i
        child_pad = None
        while child < end and (not lines[child].strip() or len(lines[child]) - len(lines[child].lstrip()) > indent):
            if lines[child].strip():
                child_pad = child_pad or lines[child][:len(lines[child]) - len(lines[child].lstrip())]
                km = re.match(rf"^\s*{re.escape(stem)}:\s*(.*)$", lines[child])
                if km:
                    old = _as_list(yaml.safe_load(km.group(1)))
                    lines[child] = f"{child_pad}{stem}: {_para_text(sorted(set(old) | set(paras)))}"
                    return "\n".join(lines)
                last = child
            child += 1
        lines.insert(last + 1, f"{child_pad or pad + '  '}{stem}: {_para_text(paras)}")
        return "\n".join(lines)
    lines.insert(end, f"{pad}mentions:\n{pad}  {stem}: {_para_text(paras)}")
    return "\n".join(lines)


def _declared_in(facts_dir: Path) -> dict[str, Path]:
    """Where each entity id is declared (files of entities/ and documents/)."""
    out = {}
    for path in fact_files(facts_dir):
        try:
            tree = read_yaml(path, path.name)
        except FactError:
            continue
        if tree is None or not tree.is_map or "entities" not in tree.value or not tree.value["entities"].is_list:
            continue
        for e in tree.value["entities"].value:
            if e.is_map and "id" in e.value and e.value["id"].is_text:
                out.setdefault(e.value["id"].value, path)
    return out


def accept(facts_dir: Path, stem: str, check=None) -> Accepted:
    """Merge the accepted items of drafts/<stem>.yaml into the facts; restore everything if the facts do not check.

    `check(facts_dir)` loads and validates the folder (default: kg.build.pipeline.check) and raises KgError."""
    if check is None:
        from kg.build.pipeline import check
    draft = Draft(facts_dir, stem)
    for item in draft.items:
        if item.status == "rejected" and not str(item.data.get("reason", "")).strip():
            raise DraftError(f"{draft.shown}:{item.line}: a rejected item keeps its reason: add 'reason: ...'")
    chosen = [i for i in draft.items if i.status == "accepted"]
    if not chosen:
        raise DraftError(f"nothing to accept in {draft.shown}: set 'status: accepted' on items, or run `kg review {stem}`")
    doc_path = facts_dir / "documents" / f"{stem}.yaml"
    originals: dict[Path, bytes | None] = {}

    def write(path: Path, text: str) -> None:
        if path not in originals:
            originals[path] = path.read_bytes() if path.exists() else None
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))

    sections: dict = {"document": dict(draft.document), **{k: [] for k in ORDER}}
    if doc_path.exists():
        tree = read_yaml(doc_path, f"documents/{stem}.yaml")
        existing = plain(tree) if tree is not None else {}
        sections["document"] = existing.get("document", sections["document"])
        for k in ORDER:
            sections[k] = list(existing.get(k) or [])
    moved = dict.fromkeys(("entities", "metrics", "mentions", "statements", "observations"), 0)
    for item in chosen:
        if item.section != "mentions":
            sections[item.section].append(item.facts())
            moved[item.section] += 1
    declared = _declared_in(facts_dir)
    own = {e.get("id") for e in sections["entities"]}
    pending = {str(i.data.get("id")) for i in draft.items if i.section == "entities"} - own
    doc = sections["document"]  # the byline's author or publisher not accepted (yet): not in the document either
    if doc.get("publisher") in pending:
        del doc["publisher"]
    if isinstance(doc.get("authors"), list):
        doc["authors"] = [a for a in doc["authors"] if a not in pending]
        if not doc["authors"]:
            del doc["authors"]
    not_recorded = []
    edits: dict[Path, str] = {}
    for item in chosen:
        if item.section != "mentions":
            continue
        ident = str(item.data.get("id"))
        paras = _as_list(item.data.get("para", []))
        where = declared.get(ident)
        if ident in own:
            moved["mentions"] += 1  # this document declares it: its own `para` cites it
            continue
        if where is None or where.parent.name != "entities":
            not_recorded.append(ident)
            continue
        text = edits.get(where) or where.read_text(encoding="utf-8")
        new = add_mentions(text, ident, stem, paras)
        if new is None:
            not_recorded.append(ident)
            continue
        edits[where] = new
        moved["mentions"] += 1
    try:
        write(doc_path, document(sections))
        for path, text in edits.items():
            write(path, text)
        stats = check(facts_dir)
    except (KgError, OSError) as e:
        for path, data in originals.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)
        if isinstance(e, OSError):
            raise DraftError(f"cannot write into {facts_dir}: {e.strerror or e}") from None
        raise
    placed = {id(i) for i in chosen if i.section != "mentions" or str(i.data.get("id")) not in not_recorded}
    draft.items = [i for i in draft.items if id(i) not in placed]
    draft.save()
    left = draft.counts()
    return Accepted(stem, doc_path, moved, sorted(set(not_recorded)), left, stats if isinstance(stats, dict) else {})
