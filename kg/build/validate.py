"""SHACL validation of a compiled graph, with every violation traced back to its fact file and line."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from kg.build.datafiles import DataFile
from kg.build.loader import FactSet
from kg.errors import FactError
from kg.namespaces import PREFIXES, STMT


def _short(term) -> str:
    text = str(term)
    for prefix, ns in PREFIXES.items():
        if isinstance(term, URIRef) and text.startswith(str(ns)):
            return f"{prefix}:{text[len(str(ns)):]}"
    return text if isinstance(term, URIRef) else term.n3()


def check_shapes(graphs: Iterable, shapes_file: Path, facts: FactSet, provenance: bool = True,
                 data: Iterable[DataFile] = ()) -> list[FactError]:
    """Run the SHACL shapes over the union of `graphs` (each an iterable of triples: a Dataset's graphs, or
    kg.build.compile.compiled_graphs); one FactError per violation.

    `provenance=False` leaves out the provenance records (kg's own rdf:Statement nodes, most of the
    triples), `data` adds RDF data files (parsed with rdflib: meant for modest files, on request).
    """
    stmt = str(STMT)
    triples = {t for g in graphs for t in g if provenance or not t[0].startswith(stmt)}
    origin: dict = {}  # subject -> the data file that states it, for messages
    for f in data:
        found = _parse_data(f)
        triples.update(found)
        for t in found:
            origin.setdefault(t[0], f.shown)
    shapes = shapes_graph(shapes_file)
    if _Proof.of(shapes).holds(triples):  # the usual case, proved without pySHACL (not even imported)
        return []
    union = Graph()
    union.addN((s, p, o, union) for s, p, o in triples)
    return _violations(union, shapes_file, facts, origin)


def check_focus(union: Graph, shapes_file: Path, facts: FactSet, focus: list) -> list[FactError]:
    """`check_shapes` of the nodes `focus` alone, over a graph that holds their triples and what the shapes
    read beyond them (the classes of the nodes they link to, the class hierarchy): an incremental build."""
    if not focus:
        return []
    shapes = shapes_graph(shapes_file)
    if _Proof.of(shapes).holds(set(union), focus=set(focus)):
        return []
    return _violations(union, shapes_file, facts, {}, focus)


# The SHACL terms whose constraints read a string literal's datatype and language, never its text: while the
# shapes use no others, renaming a label (same subject, predicate, language) cannot change a verdict.
TEXT_BLIND = frozenset(
    ["NodeShape", "PropertyShape", "targetClass", "property", "path", "class", "datatype", "languageIn",
     "minCount", "maxCount", "or", "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount", "uniqueLang"])


def shapes_graph(shapes_file: Path) -> Graph:
    """The shapes, parsed once per process and file version (treat as read-only)."""
    st = shapes_file.stat()
    return _parsed(shapes_file, st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _parsed(shapes_file: Path, size: int, mtime: int) -> Graph:
    return Graph().parse(shapes_file, format="turtle")


def text_blind(shapes_file: Path) -> bool:
    """Whether the shapes in `shapes_file` use only the TEXT_BLIND SHACL terms."""
    shapes = shapes_graph(shapes_file)
    used = {str(t) for triple in shapes for t in triple if isinstance(t, URIRef) and t.startswith(str(SH))}
    return all(t[len(str(SH)):] in TEXT_BLIND for t in used)


def _violations(union: Graph, shapes_file: Path, facts: FactSet, origin: dict,
                focus: list | None = None) -> list[FactError]:
    import pyshacl

    shapes = Graph().parse(shapes_file, format="turtle")  # pySHACL adds to the shapes graph: not the shared one
    options = {} if focus is None else {"focus_nodes": focus}
    conforms, report, _ = pyshacl.validate(union, shacl_graph=shapes, inference="none", advanced=False, **options)
    if conforms:
        return []
    where_of = {(c.s, c.p, c.o): c.where for c in facts.claims}
    errors = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus_node = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        message = str(report.value(result, SH.resultMessage) or "violates a shape")
        where = where_of.get((focus_node, path, value)) or facts.where_is(focus_node)
        what = f"{_short(focus_node)} {_short(path)}" if path is not None else _short(focus_node)
        found = f" (value {_short(value)})" if value is not None else ""
        errors.append(FactError(f"shape violation: {what}: {message}{found}",
                                where.file if where else origin.get(focus_node, str(shapes_file)),
                                where.line if where else None))
    return sorted(errors, key=lambda e: (e.file or "", e.line or 0, e.message))


def _parse_data(f: DataFile) -> set:
    """The triples of a data file (quads lose their graph: shapes see the union)."""
    from rdflib import Dataset as RdflibDataset

    formats = {".nt": "nt", ".nq": "nquads", ".ttl": "turtle", ".trig": "trig"}
    ds = RdflibDataset()
    try:
        ds.parse(f.path, format=formats[f.path.suffix.lower()])
    except Exception as e:  # rdflib raises several unrelated types for bad RDF
        raise FactError(f"malformed RDF data: {str(e).splitlines()[0] if str(e) else type(e).__name__}", f.shown) from None
    return {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}


# The SHACL terms `_Proof` understands: those of TEXT_BLIND, but for qualifiedMaxCount (which would need to
# know every value that may conform to a shape, where `_Proof` knows only those that surely do).
PROVABLE = TEXT_BLIND - {"qualifiedMaxCount"}


class _Proof:
    """A proof that data conforms to the shapes, for the part of SHACL core kg's shapes use, so that pySHACL (a
    second or more on the seed graph, with its import) runs only when a violation may be there, to report it in
    its words. Sound, not complete: each check holds only where pySHACL's (0.26+, rdflib mode, no inference)
    finds no violation, and anything it does not understand (another SHACL term, a complex path, a malformed
    parameter) makes it give up (`holds` is False), never pass. tests/test_shapes_proof.py compares the two."""

    def __init__(self, shapes: list[dict] | None):
        self.shapes = shapes  # the shapes with a sh:targetClass (parsed by `_shape`); None: shapes it cannot judge

    @classmethod
    def of(cls, g: Graph) -> _Proof:
        try:
            sh = str(SH)
            for triple in g:
                for t in triple:
                    if isinstance(t, URIRef) and t.startswith(sh) and t[len(sh):] not in PROVABLE:
                        return cls(None)
            if any(any(g.triples(t)) for t in ((None, RDF.type, RDFS.Class), (None, RDF.type, OWL.Class),
                                                (None, RDFS.subClassOf, RDFS.Class))):
                return cls(None)  # a shape that is a class targets its instances implicitly
            memo: dict = {}
            return cls([{**_shape(g, s, memo), "target": c} for s, c in g.subject_objects(SH.targetClass)])
        except _Unprovable:
            return cls(None)

    def holds(self, triples, focus: set | None = None) -> bool:
        """Whether every node targeted by a shape (of `focus` alone, if given) conforms to it in `triples`."""
        if self.shapes is None:
            return False
        objects: dict = {}
        for s, p, o in triples:
            objects.setdefault((s, p), []).append(o)
        self.objects = objects
        self.closure: dict = {}
        targets: dict = {}
        for (s, p), os in objects.items():
            if p == RDF.type and (focus is None or s in focus) and isinstance(s, URIRef | BNode):
                for t in os:
                    for c in self._supers(t):
                        targets.setdefault(c, set()).add(s)
        try:
            return all(self._conforms(n, shape) for shape in self.shapes for n in targets.get(shape["target"], ()))
        except _Unprovable:
            return False

    def _supers(self, cls) -> set:
        """`cls` and every class it is a subclass of (rdfs:subClassOf*, as the data states it)."""
        found = self.closure.get(cls)
        if found is None:
            found, todo = {cls}, [cls]
            while todo:
                for sup in self.objects.get((todo.pop(), RDFS.subClassOf), ()):
                    if sup not in found:
                        found.add(sup)
                        todo.append(sup)
            self.closure[cls] = found
        return found

    def _conforms(self, node, shape: dict) -> bool:
        values = [node] if shape["path"] is None else self.objects.get((node, shape["path"]), [])
        if shape["property"] and shape["path"] is not None:
            raise _Unprovable
        if len(values) < shape["min"] or (shape["max"] is not None and len(values) > shape["max"]):
            return False
        for v in values:
            if shape["datatype"] is not None and not _datatype_ok(v, shape["datatype"]):
                return False
            for c in shape["class"]:
                if isinstance(v, Literal) or not any(c in self._supers(t) for t in self.objects.get((v, RDF.type), ())):
                    return False
            if shape["languageIn"] is not None and not _language_in(v, shape["languageIn"]):
                return False
            for members in shape["or"]:
                if not any(self._conforms(v, m) for m in members):
                    return False
        if shape["uniqueLang"]:
            tags = [str(v.language).lower() for v in values if isinstance(v, Literal) and v.language]
            if len(tags) != len(set(tags)):
                return False
        if shape["qualified"] is not None:
            qshape, least = shape["qualified"]
            if sum(1 for v in values if self._conforms(v, qshape)) < least:
                return False
        return all(self._conforms(node, p) for p in shape["property"])


class _Unprovable(Exception):
    """The shapes or the data hold something `_Proof` does not judge."""


def _one(g: Graph, s, p):
    found = list(g.objects(s, p))
    if len(found) > 1:
        raise _Unprovable
    return found[0] if found else None


def _count(g: Graph, s, p) -> int | None:
    n = _one(g, s, p)
    if n is None:
        return None
    if not isinstance(n, Literal) or type(n.value) is not int or n.value < 0:
        raise _Unprovable
    return n.value


def _shape(g: Graph, s, memo: dict) -> dict:
    """A shape's constraints (`_Proof._conforms` reads them)."""
    if s in memo:
        if memo[s] is None:  # a shape that refers to itself
            raise _Unprovable
        return memo[s]
    memo[s] = None
    kinds = set(g.objects(s, RDF.type)) - {SH.NodeShape, SH.PropertyShape}
    path = _one(g, s, SH.path)
    if kinds or (path is not None and not isinstance(path, URIRef)):
        raise _Unprovable
    if path is None and any(g.value(s, p) is not None for p in (SH.minCount, SH.maxCount, SH.uniqueLang, SH.qualifiedValueShape)):
        raise _Unprovable  # constraints of property shapes on a node shape
    datatype = _one(g, s, SH.datatype)
    unique = _one(g, s, SH.uniqueLang)
    langs = _one(g, s, SH.languageIn)
    qualified = _one(g, s, SH.qualifiedValueShape)
    least = _count(g, s, SH.qualifiedMinCount)
    if (qualified is None) != (least is None) or (unique is not None and not isinstance(getattr(unique, "value", None), bool)):
        raise _Unprovable
    if langs is not None:
        langs = list(g.items(langs))
        if not all(isinstance(x, Literal) and isinstance(x.value, str) for x in langs):
            raise _Unprovable
    shape = {"path": path, "min": _count(g, s, SH.minCount) or 0, "max": _count(g, s, SH.maxCount),
             "datatype": datatype, "class": list(g.objects(s, SH["class"])),
             "languageIn": {str(x.value).lower() for x in langs} if langs is not None else None,
             "uniqueLang": bool(unique is not None and unique.value),
             "or": [[_shape(g, m, memo) for m in g.items(lst)] for lst in g.objects(s, SH["or"])],
             "qualified": (_shape(g, qualified, memo), least) if qualified is not None else None,
             "property": [_shape(g, p, memo) for p in g.objects(s, SH.property)]}
    memo[s] = shape
    return shape


def _language_in(v, langs: set[str]) -> bool:
    if not isinstance(v, Literal) or not v.language:
        return False
    lang = str(v.language).lower()
    return "*" in langs or lang in langs or lang.split("-")[0] in langs


def _datatype_ok(v, datatype) -> bool:
    """pySHACL's sh:datatype check (DatatypeConstraintComponent)."""
    if not isinstance(v, Literal):
        return False
    if v.datatype == datatype:
        return getattr(v, "ill_typed", None) is not True and _value_is(v, datatype)
    if datatype == RDFS.Literal or (datatype == RDFS.Datatype and v.datatype):
        return True
    if v.datatype is None and v.language is None and datatype == XSD.string:
        return _value_is(v, datatype)
    if datatype == RDF.langString and v.language:
        return _value_is(v, datatype)
    return False


def _value_is(v: Literal, datatype) -> bool:
    kinds = _value_kinds()
    return isinstance(v.value, kinds[datatype]) if datatype in kinds else True


@functools.cache
def _value_kinds() -> dict:
    """The Python value each datatype pySHACL checks must have (DatatypeConstraintComponent)."""
    from datetime import date, datetime, time
    from decimal import Decimal

    return {XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
            XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time, XSD.dateTime: datetime}
