"""Names of things: a label index built with the graph, and entity resolution by any label or alias.

Matching ignores case, punctuation and white space, and treats Traditional and Simplified Chinese
alike (via OpenCC, kg.text.fold); a fuzzy match above a threshold is accepted, lower ones become suggestions.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.text.fold import simplified as _simplified

INDEX_FILE = "index.json"
ACCEPT = 0.86  # fuzzy ratio above which a name resolves without asking
SUGGEST = 0.55

_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
_LEADING = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """'Tencent Docs' == 'tencent-docs' == 'TENCENT DOCS'; '釘釘' == '钉钉'; quotes and brackets drop out."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = _LEADING.sub("", text)
    return _PUNCT.sub("", _simplified(text.casefold()))


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\W_]+", _simplified(text.casefold())) if w and w not in _STOP]


_STOP = {"the", "of", "a", "an", "for", "in", "on", "and", "s"}


def _containment(key: str, words: set[str], other: str, entries: list[tuple[str, str]]) -> float:
    """A score for partial names: all query words inside a longer name, or Chinese text inside a name."""
    if key == other or len(key) < 2:
        return 0.0
    if any("\u3400" <= c <= "\u9fff" for c in key):
        return 0.87 if len(key) >= 2 and key in other and len(key) / len(other) >= 0.4 else 0.0
    if len(words) >= 2 or (words and len(next(iter(words))) >= 5):
        if not all(w in other for w in words):
            return 0.0  # a word missing from the name's letters cannot be one of its words
        name_words = set(_words(entries[0][1]))
        if words <= name_words:
            return 0.8 + 0.15 * len(words) / max(len(name_words), 1)
    return 0.0


@dataclass(frozen=True)
class Match:
    iri: str
    kind: str  # entity | metric | class | property | document
    name: str  # the label that matched
    score: float


class Index:
    """Labels, aliases and classes of everything with a name, loaded from the build's index.json."""

    def __init__(self, data: dict):
        self.data = data
        self.things: dict[str, dict] = data["things"]
        # normalized name -> [(iri, name)]: kept in the build's index.json, computed for other indexes
        self._keys: dict[str, list[tuple[str, str]]] = data["keys"] if "keys" in data else name_keys(self.things)

    @classmethod
    def load(cls, build_path: Path) -> Index:
        return cls(json.loads((build_path / INDEX_FILE).read_text(encoding="utf-8")))

    # ---------------------------------------------------------------- labels

    def label(self, iri: str, lang: str = "en") -> str | None:
        thing = self.things.get(iri)
        if not thing:
            return None
        labels = thing["labels"]
        order = ["zh-Hans", "zh-Hant", "zh", "en"] if lang.startswith("zh") else [lang, "en", "zh-Hans", "zh-Hant"]
        if lang == "zh-Hant":
            order = ["zh-Hant", "zh-Hans", "en"]
        for code in order:
            if code in labels:
                return labels[code]
        return next(iter(labels.values()), None)

    def subclasses(self, iri: str) -> list[str]:
        """A class and every class below it, for queries that must not rely on rdfs:subClassOf* paths."""
        return [iri] + sorted(i for i, t in self.things.items() if t["kind"] == "class" and iri in t.get("super", []))

    def kind(self, iri: str) -> str | None:
        thing = self.things.get(iri)
        return thing["kind"] if thing else None

    def cls(self, iri: str) -> str | None:
        thing = self.things.get(iri)
        return thing.get("class") if thing else None

    # ---------------------------------------------------------------- resolution

    def find(self, text: str, kinds: tuple[str, ...] = ("entity",), limit: int = 8) -> list[Match]:
        """Candidates for `text` among things of the given kinds, best first."""
        key = normalize(text)
        if not key:
            return []
        out: dict[str, Match] = {}
        for iri, name in self._keys.get(key, []):
            if self.things[iri]["kind"] in kinds:
                out.setdefault(iri, Match(iri, self.things[iri]["kind"], name, 1.0))
        words = set(_words(text))
        for other, entries in self._keys.items() if len(out) < limit else ():
            score = _containment(key, words, other, entries)
            if score:
                for iri, name in entries:
                    if self.things[iri]["kind"] in kinds and (iri not in out or out[iri].score < score):
                        out[iri] = Match(iri, self.things[iri]["kind"], name, score)
        if len(out) < limit:
            for other in difflib.get_close_matches(key, list(self._keys), n=limit * 3, cutoff=SUGGEST):
                score = difflib.SequenceMatcher(None, key, other).ratio()
                for iri, name in self._keys[other]:
                    if self.things[iri]["kind"] in kinds and (iri not in out or out[iri].score < score):
                        out[iri] = Match(iri, self.things[iri]["kind"], name, score)
        return sorted(out.values(), key=lambda m: (-m.score, m.name))[:limit]

    def resolve(self, text: str, kinds: tuple[str, ...] = ("entity",)) -> Match | None:
        """The single best match if it is good enough, else None."""
        exact = [(iri, name) for iri, name in self._keys.get(normalize(text), []) if self.things[iri]["kind"] in kinds]
        if len({iri for iri, _ in exact}) == 1:  # what `find` would rank first, without its fuzzy search
            return Match(exact[0][0], self.things[exact[0][0]]["kind"], exact[0][1], 1.0)
        found = self.find(text, kinds, limit=2)
        if not found or found[0].score < ACCEPT:
            return None
        return found[0]

    def suggestions(self, text: str, kinds: tuple[str, ...] = ("entity",), limit: int = 5) -> list[str]:
        return [self.label(m.iri) or m.name for m in self.find(text, kinds, limit)]


def build_index(ds) -> dict:
    """Collect labels and aliases of entities, documents, metrics, classes and properties."""
    return merge_index({str(g.identifier): index_part(g) for g in ds.graphs()})


def _kind_of(iri: str) -> str | None:
    from kg.iris import PREFIX_IRIS

    for kind, prefix in (("entity", "kgr"), ("document", "src"), ("metric", "metric")):
        if iri.startswith(PREFIX_IRIS[prefix]):
            return kind
    return None


def index_part(g) -> dict:
    """What one named graph adds to the index (see `merge_index`): the ontology's classes, properties and
    vocabulary, and every graph's typed things with their label and alias candidates (JSON)."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import OWL, RDF, RDFS, SKOS

    from kg.namespaces import KG, ONTOLOGY_GRAPH

    vocab: dict[str, dict] = {}
    if g.identifier == ONTOLOGY_GRAPH:
        for s in g.subjects(RDF.type, OWL.Class):
            if isinstance(s, URIRef) and str(s).startswith(str(KG)):
                supers = sorted(str(c) for c in g.transitive_objects(s, RDFS.subClassOf) if c != s)
                vocab[str(s)] = {"kind": "class", "id": str(s)[len(str(KG)):], "labels": {}, "aliases": {},
                                 "super": supers}
        for kind_iri in (OWL.ObjectProperty, OWL.DatatypeProperty):
            for s in g.subjects(RDF.type, kind_iri):
                if isinstance(s, URIRef) and str(s).startswith(str(KG)):
                    vocab[str(s)] = {"kind": "property", "id": str(s)[len(str(KG)):], "labels": {}, "aliases": {},
                                     "object": kind_iri == OWL.ObjectProperty,
                                     "domain": str(g.value(s, RDFS.domain) or ""),
                                     "range": str(g.value(s, RDFS.range) or "")}
        for kind_iri in (KG.Unit, KG.Qualifier):
            for s in g.subjects(RDF.type, kind_iri):
                labels = {o.language or "en": str(o) for o in g.objects(s, RDFS.label) if isinstance(o, Literal)}
                vocab[str(s)] = {"kind": "vocab", "id": str(s).rsplit("/", 1)[-1], "labels": labels, "aliases": {}}
    types: set[tuple[str, str]] = set()
    labels: set[tuple[str, str, str]] = set()
    aliases: set[tuple[str, str, str]] = set()
    a, label, alias = RDF.type, RDFS.label, SKOS.altLabel  # rdflib's namespace attributes are slow to look up
    for s, p, o in g:
        if p == a and isinstance(o, URIRef):
            if _kind_of(str(s)):
                types.add((str(s), str(o)))
        elif (p == label or p == alias) and isinstance(o, Literal):
            (labels if p == label else aliases).add((str(s), o.language or "en", str(o)))
    return {"vocab": vocab, "types": sorted(types), "labels": sorted(labels), "aliases": sorted(aliases)}


def merge_index(parts: dict[str, dict]) -> dict:
    """The index from its graphs' parts (`index_part`), in graph order: a thing's label in a language is the
    first of its labels there (graphs in IRI order, labels in code-point order); its class the last kg class."""
    from kg.iris import PREFIX_IRIS

    kg = PREFIX_IRIS["kg"]
    things: dict[str, dict] = {}
    for part in parts.values():
        things.update(part.get("vocab", {}))
    for _, part in sorted(parts.items()):
        for s, o in part["types"]:
            kind = _kind_of(s)
            thing = things.setdefault(s, {"kind": kind, "labels": {}, "aliases": {}})
            if o.startswith(kg):
                thing["class"] = o[len(kg):]
            thing["id"] = s[len(PREFIX_IRIS[{"entity": "kgr", "document": "src", "metric": "metric"}[kind]]):]
        for key, lists in (("labels", part["labels"]), ("aliases", part["aliases"])):
            for s, lang, text in lists:
                if s not in things:
                    kind = _kind_of(s)
                    if kind is None:
                        continue
                    things[s] = {"kind": kind, "labels": {}, "aliases": {}}
                if key == "labels":
                    things[s]["labels"].setdefault(lang, text)
                elif text not in things[s]["aliases"].setdefault(lang, []):
                    things[s]["aliases"][lang].append(text)
    for thing in things.values():  # in language order, whatever order the graphs gave them in
        for names in thing["aliases"].values():
            names.sort()
        thing["labels"] = dict(sorted(thing["labels"].items()))
        thing["aliases"] = dict(sorted(thing["aliases"].items()))
    things = dict(sorted(things.items()))
    return {"things": things, "keys": name_keys(things)}


def name_keys(things: dict[str, dict]) -> dict[str, list[tuple[str, str]]]:
    """Every label, alias and id by its normalized form: what names resolve through."""
    keys: dict[str, list[tuple[str, str]]] = {}
    for iri, thing in things.items():
        for lang_names in (thing["labels"], thing.get("aliases", {})):
            for names in lang_names.values():
                for name in names if isinstance(names, list) else [names]:
                    keys.setdefault(normalize(name), []).append((iri, name))
        if thing.get("id"):
            keys.setdefault(normalize(thing["id"]), []).append((iri, thing["id"]))
    return keys
