"""Write a compiled graph in the standard RDF formats, byte-for-byte the same for the same facts."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from kg.errors import EnvironmentProblem, NotFound, QueryError
from kg.namespaces import SRC, bind_prefixes

FORMATS = {"trig": "trig", "turtle": "turtle", "ttl": "turtle", "nt": "nt", "ntriples": "nt", "nquads": "nquads",
           "nq": "nquads"}
EXTENSIONS = {"trig": ".trig", "turtle": ".ttl", "nt": ".nt", "nquads": ".nq"}


def serialize(ds: Dataset, fmt: str, graph: str | None = None) -> bytes:
    """The dataset (or one source document's graph) in `fmt`: trig, turtle, nt or nquads.

    Line-based formats are sorted; Turtle and TriG come from rdflib's serializers, which order subjects
    and predicates, and kg mints no blank nodes, so equal graphs give equal bytes.
    """
    name = FORMATS.get(fmt.lower())
    if name is None:
        raise QueryError(f"unknown export format '{fmt}' (use one of: trig, turtle, nt, nquads)")
    if graph is not None:
        ds = _only(ds, graph)
    if name in ("nt", "turtle"):
        union = Graph()
        bind_prefixes(union)
        for s, p, o, _ in ds.quads((None, None, None, None)):
            union.add((s, p, o))
        data = union.serialize(format="nt" if name == "nt" else "turtle", encoding="utf-8")
    else:
        data = ds.serialize(format=name, encoding="utf-8")
    if name in ("nt", "nquads"):
        lines = sorted(set(line for line in data.decode("utf-8").splitlines() if line.strip()))
        data = ("\n".join(lines) + "\n").encode("utf-8")
    return data


def _only(ds: Dataset, graph: str) -> Dataset:
    iri = URIRef(graph) if ":" in graph and not graph.startswith("src:") else SRC[graph.removeprefix("src:")]
    names = {g.identifier for g in ds.graphs()}
    if iri not in names:
        stems = sorted(str(n)[len(str(SRC)):] for n in names if str(n).startswith(str(SRC)))
        raise NotFound(f"no graph named '{graph}'", suggestions=stems)
    out = Dataset()
    bind_prefixes(out)
    g = out.graph(iri)
    for t in ds.graph(iri):
        g.add(t)
    return out


def write_output(data: bytes, path: Path | None) -> None:
    """Write to a file atomically (or to stdout when path is None)."""
    import sys

    if path is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from kg.build import _write_atomic

    try:
        _write_atomic(path, data)
    except OSError as e:
        raise EnvironmentProblem(f"cannot write {path}: {e.strerror or e}") from None
