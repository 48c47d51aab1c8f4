"""Read the fact files and check them: the result is a FactSet of sourced triples, ready to compile.

Every problem is reported as a FactError naming the file and line; all problems of a run are collected
so a curator can fix them in one pass.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Context, Decimal
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.build.datafiles import fact_files
from kg.build.langtags import problem as tag_problem
from kg.build.ontology import TEMPORAL, Schema
from kg.build.yamlsource import Y, parse_yaml, read_yaml
from kg.errors import FactError, FactErrors
from kg.namespaces import KG, METRIC, OBS, RES, SRC

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
STEM_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
NUMBER_RE = re.compile(r"[+-]?([0-9]+)(?:\.([0-9]+))?")  # ASCII digits only, here and below
DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
INTEGER_RE = re.compile(r"[+-]?[0-9]+")
MAX_INTEGER_DIGITS = 18  # xsd:integer values a store keeps exactly (64 bits)
# xsd:decimal values a store computes with exactly (Oxigraph: 128 bits, 18 digits after the point)
MAX_DECIMAL_DIGITS = (20, 18)

TOP_KEYS = {"document", "entities", "metrics", "statements", "observations"}
DOCUMENT_KEYS = {"id", "title", "publisher", "date", "language", "authors", "para"}
METRIC_KEYS = {"id", "name", "aliases", "unit"}
OBSERVATION_KEYS = {"subject", "metric", "value", "unit", "time", "qualifier", "comparedTo", "startDate",
                    "statedBy", "para"}
ENTITY_BASE_KEYS = {"id", "type", "name", "aliases", "mentions", "para"}
LABEL_KEYS = {"name": RDFS.label, "aliases": SKOS.altLabel}


@dataclass(frozen=True)
class Where:
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Claim:
    """One triple a document states, with the paragraphs that state it."""

    s: URIRef
    p: URIRef
    o: URIRef | Literal
    doc: str
    paras: tuple[int, ...]
    where: Where


@dataclass
class Document:
    stem: str
    iri: URIRef
    where: Where


@dataclass
class FactSet:
    """Everything the fact files say, checked and turned into RDF terms."""

    documents: dict[str, Document] = field(default_factory=dict)
    entities: dict[str, tuple[URIRef, URIRef, Where]] = field(default_factory=dict)  # id -> (iri, class, where)
    metrics: dict[str, Where] = field(default_factory=dict)
    metric_triples: list[tuple[URIRef, URIRef, URIRef | Literal]] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    observations: dict[URIRef, tuple[str, list[tuple[URIRef, URIRef | Literal]], Where]] = field(default_factory=dict)

    def where_is(self, iri: URIRef) -> Where | None:
        """The place an IRI was declared, for error messages about it."""
        for e_iri, _, where in self.entities.values():
            if e_iri == iri:
                return where
        if iri in self.observations:
            return self.observations[iri][2]
        for doc in self.documents.values():
            if doc.iri == iri:
                return doc.where
        return None


def load_facts(facts_dir: Path, schema: Schema, texts: dict[Path, bytes] | None = None, parse=parse_yaml) -> FactSet:
    """Read and check every fact file; raise FactErrors listing every problem found.

    `texts` gives the bytes of each fact file (what the build hashed); without it the files are read here.
    `parse(bytes, shown)` parses one (kg.build.yamlsource.parse_yaml, or a cache of its results).
    A file that cannot be read raises EnvironmentProblem.
    """
    return _Loader(facts_dir, schema, parse).run(texts)


class _Loader:
    def __init__(self, facts_dir: Path, schema: Schema, parse=parse_yaml):
        self.dir = facts_dir
        self.schema = schema
        self.parse = parse
        self.facts = FactSet()
        self.errors: list[FactError] = []
        self.trees: list[tuple[str, Y]] = []

    # ------------------------------------------------------------------ driver

    def run(self, texts: dict[Path, bytes] | None = None) -> FactSet:
        if not self.dir.is_dir():
            raise FactErrors([FactError("facts folder not found", str(self.dir))])
        files = list(texts) if texts is not None else fact_files(self.dir)
        if not files:
            raise FactErrors([FactError("no fact files (*.yaml) in this folder", str(self.dir))])
        for path in files:
            shown = path.relative_to(self.dir.parent).as_posix() if path.is_relative_to(self.dir.parent) else str(path)
            try:
                tree = self.parse(texts[path], shown) if texts is not None else read_yaml(path, shown)
            except FactError as e:
                self.errors.append(e)
                continue
            if tree is None:
                continue
            if not tree.is_map:
                self.errors.append(tree.error("a fact file must be a mapping with keys such as entities:, statements:"))
                continue
            self.trees.append((path.stem, tree))
        for stem, tree in self.trees:
            self._guard(self._declare, stem, tree)
        if self.errors:
            # A file that cannot be read, or an id that could not be declared, would make every reference
            # to what it declares fail too: report the cause alone, not a cascade that buries it.
            raise FactErrors(sorted(self.errors, key=lambda e: (e.file or "", e.line or 0, e.message)))
        for stem, tree in self.trees:
            self._guard(self._resolve, stem, tree)
        if self.errors:
            raise FactErrors(sorted(self.errors, key=lambda e: (e.file or "", e.line or 0, e.message)))
        return self.facts

    def _guard(self, fn, *args) -> None:
        try:
            fn(*args)
        except FactError as e:
            self.errors.append(e)

    def _each(self, items: list[Y], fn, *args) -> None:
        for item in items:
            self._guard(fn, item, *args)

    # ------------------------------------------------------------------ pass 1: declarations

    def _declare(self, stem: str, tree: Y) -> None:
        top: dict[str, Y] = tree.value
        for key, val in top.items():
            if key not in TOP_KEYS:
                raise val.error(f"unknown section '{key}' (expected one of: {', '.join(sorted(TOP_KEYS))})")
        if "document" in top:
            self._declare_document(stem, top["document"])
        elif "statements" in top or "observations" in top:
            key = "statements" if "statements" in top else "observations"
            raise top[key].error(f"'{key}' need a 'document:' section in the same file to cite")
        for section in ("entities", "metrics"):
            if section in top:
                items = self._list(top[section], section)
                self._each(items, self._declare_id, section)

    def _declare_document(self, stem: str, node: Y) -> None:
        doc = self._map(node, "document", DOCUMENT_KEYS)
        ident = self._need(doc, "id", node)
        if not ident.is_text or not STEM_RE.match(ident.value):
            raise ident.error(f"document id {ident.shown} is not a valid file stem")
        if ident.value != stem:
            raise ident.error(f"document id '{ident.value}' does not match the file name '{stem}'")
        if stem in self.facts.documents:
            raise ident.error(f"document '{stem}' is declared twice (also at {self.facts.documents[stem].where})")
        self.facts.documents[stem] = Document(stem, SRC[stem], Where(ident.file, ident.line))

    def _declare_id(self, item: Y, section: str) -> None:
        entry = self._map(item, section[:-1].replace("entitie", "entity"))
        ident = self._need(entry, "id", item)
        if not ident.is_text:
            raise ident.error(f"an id is one word such as 'tencent-docs', not {ident.shown}")
        if not ID_RE.match(ident.value):
            raise ident.error(f"id {ident.shown} is malformed: use lower-case letters, digits and hyphens (e.g. 'tencent-docs')")
        where = Where(ident.file, ident.line)
        if section == "metrics":
            if ident.value in self.facts.metrics:
                raise ident.error(f"metric '{ident.value}' is declared twice (first at {self.facts.metrics[ident.value]})")
            self.facts.metrics[ident.value] = where
            return
        if ident.value in self.facts.entities:
            raise ident.error(f"id '{ident.value}' is declared twice (first at {self.facts.entities[ident.value][2]})")
        type_node = self._need(entry, "type", item)
        if not type_node.is_text:
            raise type_node.error(f"'type' takes one class name, not {type_node.shown}")
        cls = self.schema.classes.get(type_node.value) if type_node.is_text else None
        if cls is None or type_node.value in ("Observation", "SourceDocument", "Metric", "Unit", "Qualifier"):
            raise type_node.error(f"unknown class '{type_node.value}'{self._hint(type_node.value, self._entity_classes())}")
        self.facts.entities[ident.value] = (RES[ident.value], cls, where)

    def _entity_classes(self) -> list[str]:
        return [c for c in self.schema.classes if c not in ("Observation", "SourceDocument", "Metric", "Unit", "Qualifier")]

    # ------------------------------------------------------------------ pass 2: content

    def _resolve(self, stem: str, tree: Y) -> None:
        top: dict[str, Y] = tree.value
        if "document" in top and stem not in self.facts.documents:
            return  # its document section is broken and already reported
        doc = stem if "document" in top else None
        if doc:
            self._guard(self._document, doc, top["document"])
        if "metrics" in top:
            self._each(self._list(top["metrics"], "metrics"), self._metric)
        if "entities" in top:
            self._each(self._list(top["entities"], "entities"), self._entity, doc)
        if doc and "statements" in top:
            self._each(self._list(top["statements"], "statements"), self._statement, doc)
        if doc and "observations" in top:
            self._each(self._list(top["observations"], "observations"), self._observation, doc)

    def _document(self, stem: str, node: Y) -> None:
        d: dict[str, Y] = node.value
        iri = SRC[stem]
        paras = self._paras(d["para"]) if "para" in d else ()
        add = self._adder(stem, paras)
        add(iri, RDF.type, KG.SourceDocument, node)
        add(iri, KG.fileStem, Literal(stem), d["id"])
        titles = self._lang_texts(d["title"], single=True) if "title" in d else []
        if not any(t.language == "en" for t in titles):
            titles.append(Literal(f"Source document {stem}", lang="en"))
        for t in titles:
            add(iri, RDFS.label, t, d.get("title", node))
        if "publisher" in d:
            for ref in self._refs(d["publisher"]):
                add(iri, KG.publisher, ref, d["publisher"])
        if "date" in d:
            add(iri, KG.publicationDate, self._date(d["date"]), d["date"])
        if "language" in d:
            add(iri, KG.sourceLanguage, Literal(self._lang(d["language"]), datatype=XSD.language), d["language"])
        if "authors" in d:
            for ref in self._refs(d["authors"]):
                add(iri, KG.author, ref, d["authors"])

    def _metric(self, item: Y) -> None:
        m = self._map(item, "metric", METRIC_KEYS)
        iri = METRIC[m["id"].value]
        self.facts.metric_triples.append((iri, RDF.type, KG.Metric))
        for lit in self._names(m, item):
            self.facts.metric_triples.append((iri, lit[0], lit[1]))
        if "unit" in m:
            self.facts.metric_triples.append((iri, KG.defaultUnit, self._unit(m["unit"])))

    def _entity(self, item: Y, doc: str | None) -> None:
        e: dict[str, Y] = item.value
        iri, cls, _ = self.facts.entities[e["id"].value]
        extra = [k for k in e if k not in ENTITY_BASE_KEYS]
        if doc is None:
            if extra:
                raise e[extra[0]].error(f"'{extra[0]}' is not allowed here: an entity outside a document file takes only "
                                        f"{', '.join(sorted(ENTITY_BASE_KEYS - {'para'}))}; state facts in a document file")
            if "para" in e:
                raise e["para"].error("'para' needs a document: outside a document file, use 'mentions: {<document>: [paragraphs]}'")
            mentions = self._need(e, "mentions", item)
            cites = self._mentions(mentions)
        else:
            if "mentions" in e:
                raise e["mentions"].error("'mentions' is for entities/ files; in a document file give 'para:'")
            cites = [(doc, self._paras(self._need(e, "para", item)))]
        for stem, paras in cites:
            add = self._adder(stem, paras)
            add(iri, RDF.type, cls, e["type"])
            for pred, lit in self._names(e, item):
                add(iri, pred, lit, e.get("name" if pred == RDFS.label else "aliases", item))
        if doc is not None:
            add = self._adder(doc, cites[0][1])
            for key in extra:
                self._property(iri, key, e[key], add)

    def _statement(self, item: Y, doc: str) -> None:
        st = self._map(item, "statement")
        subject = self._ref(self._need(st, "s", item))
        add = self._adder(doc, self._paras(self._need(st, "para", item)))
        keys = [k for k in st if k not in ("s", "para")]
        if not keys:
            raise item.error("a statement needs at least one property besides 's' and 'para'")
        for key in keys:
            if key in LABEL_KEYS:
                for pred, lit in self._names({key: st[key]}, item, require_en=False):
                    add(subject, pred, lit, st[key])
            else:
                self._property(subject, key, st[key], add)

    def _observation(self, item: Y, doc: str) -> None:
        o = self._map(item, "observation", OBSERVATION_KEYS)
        subject = self._ref(self._need(o, "subject", item))
        metric_node = self._need(o, "metric", item)
        metric = self._metric_ref(metric_node)
        value = self._number(self._need(o, "value", item))
        unit = self._unit(self._need(o, "unit", item))
        para = self._paras(self._need(o, "para", item))
        if len(para) != 1:
            raise o["para"].error("an observation comes from exactly one paragraph")
        pairs: list[tuple[URIRef, URIRef | Literal]] = [
            (RDF.type, KG.Observation), (KG.subject, subject), (KG.metric, metric), (KG.value, value),
            (KG.unit, unit), (KG.reportedIn, SRC[doc]), (KG.paragraph, Literal(para[0], datatype=XSD.positiveInteger)),
        ]
        time = self._date(o["time"]) if "time" in o else None
        for key, pred in (("time", KG.time), ("comparedTo", KG.comparedTo), ("startDate", KG.startDate)):
            if key in o:
                pairs.append((pred, self._date(o[key])))
        if "qualifier" in o:
            pairs.append((KG.qualifier, self._qualifier(o["qualifier"])))
        if "statedBy" in o:
            pairs.append((KG.statedBy, self._ref(o["statedBy"])))
        digest = hashlib.sha1(("|".join(sorted(f"{p.n3()} {v.n3()}" for p, v in pairs))).encode()).hexdigest()[:8]
        slug = f"{o['subject'].value}-{metric_node.value}-{time or 'undated'}-{digest}"
        iri = OBS[slug]
        if iri in self.facts.observations:
            raise item.error(f"the same observation is stated twice (first at {self.facts.observations[iri][2]})")
        self.facts.observations[iri] = (doc, pairs, Where(item.file, item.line))

    # ------------------------------------------------------------------ properties and values

    def _property(self, subject: URIRef, key: str, node: Y, add) -> None:
        s = self.schema
        if key in s.object_properties:
            pred = s.object_properties[key]
            for ref in self._refs(node):
                add(subject, pred, ref, node)
        elif key in s.datatype_properties:
            pred = s.datatype_properties[key]
            for lit in self._literals(node, s.datatype(pred), key):
                add(subject, pred, lit, node)
        else:
            known = list(s.object_properties) + list(s.datatype_properties) + list(LABEL_KEYS)
            raise node.error(f"unknown property '{key}'{self._hint(key, known)}")

    def _literals(self, node: Y, datatype: URIRef, key: str) -> list[Literal]:
        if datatype == RDF.langString:
            return self._lang_texts(node)
        items = node.items_list()
        out = []
        for item in items:
            if not item.is_text:
                raise item.error(f"'{key}' takes a plain value, not a {'list' if item.is_list else 'mapping'}")
            if datatype == TEMPORAL:
                out.append(self._date(item))
            elif datatype in (XSD.positiveInteger, XSD.integer, XSD.nonNegativeInteger):
                out.append(self._integer(item, positive=datatype == XSD.positiveInteger, datatype=datatype))
            elif datatype == XSD.decimal:
                out.append(self._number(item))
            elif datatype == XSD.language:
                out.append(Literal(self._lang(item), datatype=XSD.language))
            else:
                out.append(Literal(item.value))
        return out

    def _lang_texts(self, node: Y, single: bool = False) -> list[Literal]:
        if not node.is_map:
            raise node.error("text needs its language, e.g. {en: ..., zh-Hans: ...}")
        out = []
        for lang, val in node.value.items():
            tag = self._lang(Y(lang, val.file, val.line))
            values = val.items_list()
            if single and len(values) > 1:
                raise val.error(f"only one value per language here ({lang})")
            for v in values:
                if not v.is_text or not v.value.strip():
                    raise v.error(f"expected text for language '{lang}'")
                out.append(Literal(v.value.strip(), lang=tag))
        return out

    def _names(self, entry: dict[str, Y], item: Y, require_en: bool = True) -> list[tuple[URIRef, Literal]]:
        out: list[tuple[URIRef, Literal]] = []
        if "name" in entry:
            out += [(RDFS.label, lit) for lit in self._lang_texts(entry["name"], single=True)]
        elif require_en:
            raise item.error("missing 'name' (at least {en: ...})")
        if require_en and not any(lit.language == "en" for _, lit in out):
            raise entry["name"].error("missing English name: add 'en:' under 'name'")
        if "aliases" in entry:
            out += [(SKOS.altLabel, lit) for lit in self._lang_texts(entry["aliases"])]
        return out

    def _lang(self, node: Y) -> str:
        """A BCP 47 language tag (kg.build.langtags), e.g. en, zh-Hans, en-GB."""
        if not node.is_text:
            raise node.error(f"a language tag is a word such as en or zh-Hans, not {node.shown}")
        problem = tag_problem(node.value)
        if problem:
            hint = f"use a hyphen: {node.value.replace('_', '-')}" if "_" in node.value else f"BCP 47: {problem}"
            raise node.error(f"malformed language tag {node.value!r} ({hint})")
        return node.value

    def _date(self, node: Y) -> Literal:
        self._ascii_digits(node, "date")
        if not node.is_text:
            raise node.error(f"a date is one value (YYYY, YYYY-MM or YYYY-MM-DD), not {node.shown}")
        m = DATE_RE.fullmatch(node.value)
        if not m:
            raise node.error(f"malformed date {node.shown}: use YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = m.groups()
        if month and not 1 <= int(month) <= 12:
            raise node.error(f"malformed date {node.value!r}: month {month} does not exist")
        if day and not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
            raise node.error(f"malformed date {node.value!r}: day {day} does not exist in {year}-{month}")
        dt = XSD.date if day else XSD.gYearMonth if month else XSD.gYear
        return Literal(node.value, datatype=dt)

    def _number(self, node: Y) -> Literal:
        self._ascii_digits(node, "number")
        text = node.value.replace("_", "") if node.is_text else None
        m = NUMBER_RE.fullmatch(text) if text is not None else None
        if m is None:
            raise node.error(f"{node.shown} is not a number: write the value in digits in its unit (e.g. 381000000)")
        whole, fraction = m[1].lstrip("0"), (m[2] or "").rstrip("0")
        if len(whole) > MAX_DECIMAL_DIGITS[0] or len(fraction) > MAX_DECIMAL_DIGITS[1]:
            raise node.error(f"{node.shown} is out of range: a figure has at most {MAX_DECIMAL_DIGITS[0]} digits before "
                             f"the point and {MAX_DECIMAL_DIGITS[1]} after it")
        value = Decimal(text).normalize(Context(prec=sum(MAX_DECIMAL_DIGITS) + 2))  # exact: never rounded
        return Literal(format(value, "f"), datatype=XSD.decimal)

    def _integer(self, node: Y, positive: bool, datatype: URIRef) -> Literal:
        self._ascii_digits(node, "number")
        kind = "a positive whole number" if positive else "a whole number"
        if not INTEGER_RE.fullmatch(node.value):
            raise node.error(f"{node.shown} is not {kind}")
        if len(node.value.lstrip("+-").lstrip("0")) > MAX_INTEGER_DIGITS:
            raise node.error(f"{node.shown} is out of range: at most {MAX_INTEGER_DIGITS} digits")
        if positive and int(node.value) < 1:
            raise node.error(f"{node.shown} is not {kind}")
        return Literal(str(int(node.value)), datatype=datatype)

    def _paras(self, node: Y) -> tuple[int, ...]:
        out = []
        for item in node.items_list():
            self._ascii_digits(item, "paragraph number")
            if (not item.is_text or not re.fullmatch(r"[0-9]{1,9}", item.value.lstrip("0") or "0")
                    or int(item.value) < 1):
                raise item.error(f"paragraph {item.shown} must be a positive whole number (the n-th non-blank line)")
            out.append(int(item.value))
        if not out:
            raise node.error("at least one paragraph is needed")
        return tuple(sorted(set(out)))

    @staticmethod
    def _ascii_digits(node: Y, what: str) -> None:
        if node.is_text and any(ch.isnumeric() and not ch.isascii() for ch in node.value):
            raise node.error(f"{node.shown}: write a {what} with the ASCII digits 0-9")

    def _mentions(self, node: Y) -> list[tuple[str, tuple[int, ...]]]:
        if not node.is_map or not node.value:
            raise node.error("'mentions' maps document ids to paragraphs, e.g. {000_a3adda4dcaacb95c: [4, 9]}")
        out = []
        for stem, paras in node.value.items():
            if stem not in self.facts.documents:
                raise paras.error(f"unknown document '{stem}'{self._hint(stem, list(self.facts.documents))}")
            out.append((stem, self._paras(paras)))
        return out

    def _ref(self, node: Y) -> URIRef:
        if not node.is_text:
            raise node.error("expected the id of an entity, not a " + ("list" if node.is_list else "mapping"))
        ident = node.value
        if ident in self.facts.entities:
            return self.facts.entities[ident][0]
        if ident in self.facts.documents:
            return self.facts.documents[ident].iri
        if not ID_RE.match(ident):
            raise node.error(f"expected the id of an entity, found text {ident!r}")
        raise node.error(f"unknown id '{ident}': no entity declares it{self._hint(ident, list(self.facts.entities))}")

    def _refs(self, node: Y) -> list[URIRef]:
        return [self._ref(item) for item in node.items_list()]

    def _metric_ref(self, node: Y) -> URIRef:
        if not node.is_text:
            raise node.error(f"expected the id of a metric, not {node.shown}")
        if node.value not in self.facts.metrics:
            raise node.error(f"unknown metric {node.shown}{self._hint(node.value, list(self.facts.metrics))}")
        return METRIC[node.value]

    def _unit(self, node: Y) -> URIRef:
        if not node.is_text:
            raise node.error(f"expected the id of a unit, not {node.shown}")
        if node.value not in self.schema.units:
            raise node.error(f"unknown unit {node.shown}{self._hint(node.value, list(self.schema.units))}")
        return self.schema.units[node.value]

    def _qualifier(self, node: Y) -> URIRef:
        if not node.is_text:
            raise node.error(f"expected the id of a qualifier, not {node.shown}")
        if node.value not in self.schema.qualifiers:
            raise node.error(f"unknown qualifier {node.shown}{self._hint(node.value, list(self.schema.qualifiers))}")
        return self.schema.qualifiers[node.value]

    # ------------------------------------------------------------------ helpers

    def _adder(self, doc: str, paras: tuple[int, ...]):
        def add(s: URIRef, p: URIRef, o, node: Y) -> None:
            self.facts.claims.append(Claim(s, p, o, doc, paras, Where(node.file, node.line)))
        return add

    @staticmethod
    def _map(node: Y, what: str, allowed: set[str] | None = None) -> dict[str, Y]:
        if not node.is_map:
            raise node.error(f"each {what} must be a mapping of keys to values")
        if allowed is not None:
            for key, val in node.value.items():
                if key not in allowed:
                    raise val.error(f"unknown key '{key}' in {what} (allowed: {', '.join(sorted(allowed))})")
        return node.value

    @staticmethod
    def _list(node: Y, what: str) -> list[Y]:
        if not node.is_list:
            raise node.error(f"'{what}' must be a list (items start with '- ')")
        return node.value

    @staticmethod
    def _need(entry: dict[str, Y], key: str, item: Y) -> Y:
        if key not in entry:
            raise item.error(f"missing '{key}'")
        return entry[key]

    @staticmethod
    def _hint(word: str, choices: list[str]) -> str:
        import difflib

        close = difflib.get_close_matches(word, choices, n=3, cutoff=0.6)
        return f" (did you mean {', '.join(close)}?)" if close else ""
