"""SHACL validation of a compiled graph, with every violation traced back to its fact file and line."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SH

from kg.errors import FactError
from kg.loader import FactSet
from kg.namespaces import PREFIXES


def _short(term) -> str:
    text = str(term)
    for prefix, ns in PREFIXES.items():
        if isinstance(term, URIRef) and text.startswith(str(ns)):
            return f"{prefix}:{text[len(str(ns)):]}"
    return text if isinstance(term, URIRef) else term.n3()


def check_shapes(ds: Dataset, shapes_file: Path, facts: FactSet) -> list[FactError]:
    """Run the SHACL shapes over the union of all graphs; one FactError per violation."""
    import pyshacl

    data = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        data.add((s, p, o))
    shapes = Graph().parse(shapes_file, format="turtle")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False)
    if conforms:
        return []
    where_of = {(c.s, c.p, c.o): c.where for c in facts.claims}
    errors = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        message = str(report.value(result, SH.resultMessage) or "violates a shape")
        where = where_of.get((focus, path, value)) or facts.where_is(focus)
        what = f"{_short(focus)} {_short(path)}" if path is not None else _short(focus)
        found = f" (value {_short(value)})" if value is not None else ""
        errors.append(FactError(f"shape violation: {what}: {message}{found}",
                                where.file if where else str(shapes_file), where.line if where else None))
    return sorted(errors, key=lambda e: (e.file or "", e.line or 0, e.message))
