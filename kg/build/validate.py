"""SHACL validation of a compiled graph, with every violation traced back to its fact file and line."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SH

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


def check_shapes(ds: Dataset, shapes_file: Path, facts: FactSet, provenance: bool = True,
                 data: Iterable[DataFile] = ()) -> list[FactError]:
    """Run the SHACL shapes over the union of all graphs; one FactError per violation.

    `provenance=False` leaves out the provenance records (kg's own rdf:Statement nodes, most of the
    triples), `data` adds RDF data files (parsed with rdflib: meant for modest files, on request).
    """
    stmt = str(STMT)
    triples = {t for g in ds.graphs() for t in g if provenance or not t[0].startswith(stmt)}
    origin: dict = {}  # subject -> the data file that states it, for messages
    for f in data:
        found = _parse_data(f)
        triples.update(found)
        for t in found:
            origin.setdefault(t[0], f.shown)
    union = Graph()
    union.addN((s, p, o, union) for s, p, o in triples)
    return _violations(union, shapes_file, facts, origin)


def check_focus(union: Graph, shapes_file: Path, facts: FactSet, focus: list) -> list[FactError]:
    """`check_shapes` of the nodes `focus` alone, over a graph that holds their triples and what the shapes
    read beyond them (the classes of the nodes they link to, the class hierarchy): an incremental build."""
    return _violations(union, shapes_file, facts, {}, focus) if focus else []


# The SHACL terms whose constraints read a string literal's datatype and language, never its text: while the
# shapes use no others, renaming a label (same subject, predicate, language) cannot change a verdict.
TEXT_BLIND = frozenset(
    ["NodeShape", "PropertyShape", "targetClass", "property", "path", "class", "datatype", "languageIn",
     "minCount", "maxCount", "or", "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount", "uniqueLang"])


def text_blind(shapes_file: Path) -> bool:
    """Whether the shapes in `shapes_file` use only the TEXT_BLIND SHACL terms."""
    shapes = Graph().parse(shapes_file, format="turtle")
    used = {str(t) for triple in shapes for t in triple if isinstance(t, URIRef) and t.startswith(str(SH))}
    return all(t[len(str(SH)):] in TEXT_BLIND for t in used)


def _violations(union: Graph, shapes_file: Path, facts: FactSet, origin: dict, focus: list | None = None) -> list[FactError]:
    import pyshacl

    shapes = Graph().parse(shapes_file, format="turtle")
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
