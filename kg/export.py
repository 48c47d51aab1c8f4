"""Write a compiled graph in the standard formats, byte-for-byte the same for the same facts.

RDF: TriG, Turtle, N-Triples, N-Quads and JSON-LD carry every triple. Network: GraphML and GEXF carry
the entity projection of kg.network (nodes with labels, classes and centralities; one edge per
statement) for Gephi, igraph, Cytoscape and yEd.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from kg.errors import EnvironmentProblem, NotFound, QueryError
from kg.namespaces import SRC, bind_prefixes

FORMATS = {"trig": "trig", "turtle": "turtle", "ttl": "turtle", "nt": "nt", "ntriples": "nt", "nquads": "nquads",
           "nq": "nquads", "jsonld": "jsonld", "json-ld": "jsonld", "graphml": "graphml", "gexf": "gexf"}
EXTENSIONS = {"trig": ".trig", "turtle": ".ttl", "nt": ".nt", "nquads": ".nq", "jsonld": ".jsonld",
              "graphml": ".graphml", "gexf": ".gexf"}
NETWORK_FORMATS = ("graphml", "gexf")


def serialize(ds: Dataset, fmt: str, graph: str | None = None) -> bytes:
    """The dataset (or one source document's graph) in `fmt`: trig, turtle, nt, nquads, jsonld,
    graphml or gexf.

    Line-based formats are sorted; Turtle and TriG come from rdflib's serializers, which order subjects
    and predicates (TriG's graphs are put in IRI order here), and the only blank nodes (the ontology's
    OWL lists) get canonical names (kg.store.stabilize_blank_nodes), so equal graphs give equal bytes.
    JSON-LD is sorted (see `jsonld`); GraphML and GEXF list nodes and edges in IRI order (see
    `network_export`). Every RDF format carries the same terms: a decimal keeps its lexical form.
    """
    name = FORMATS.get(fmt.lower())
    if name is None:
        raise QueryError(f"unknown export format '{fmt}' (use one of: {', '.join(EXTENSIONS)})")
    if name in NETWORK_FORMATS:
        return network_export(ds, name, graph=graph)
    if graph is not None:
        ds = _only(ds, graph)
    if name == "jsonld":
        return jsonld(ds)
    if name in ("nt", "turtle"):
        union = Graph()
        bind_prefixes(union)
        for s, p, o, _ in ds.quads((None, None, None, None)):
            union.add((s, p, o))
        data = union.serialize(format="nt", encoding="utf-8") if name == "nt" else _turtle(union)
    elif name == "trig":
        data = _trig(ds)
    else:
        data = ds.serialize(format=name, encoding="utf-8")
    if name in ("nt", "nquads"):
        lines = sorted(set(line for line in data.decode("utf-8").splitlines() if line.strip()))
        data = ("\n".join(lines) + "\n").encode("utf-8")
    return data


def _exact_decimals(base):
    """A Turtle-family serializer that writes a decimal without a point ("381000000") quoted with its
    datatype: rdflib's short form 381000000.0 would be another RDF term than the N-Quads export's."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    class Serializer(base):
        def label(self, node, position):
            if isinstance(node, Literal) and node.datatype == XSD.decimal and "." not in node:
                return node._literal_n3(use_plain=False, qname_callback=lambda dt: self.get_pname(dt, False))
            return super().label(node, position)

    return Serializer


def _turtle(g: Graph) -> bytes:
    import io

    from rdflib.plugins.serializers.turtle import TurtleSerializer

    buf = io.BytesIO()
    _exact_decimals(TurtleSerializer)(g).serialize(buf, encoding="utf-8")
    return buf.getvalue()


def _trig(ds: Dataset) -> bytes:
    """TriG with the named graphs in IRI order (rdflib writes them in the order of a set)."""
    import io

    from rdflib.plugins.serializers.trig import TrigSerializer

    serializer = _exact_decimals(TrigSerializer)(ds)
    serializer.contexts.sort(key=lambda g: str(g.identifier))
    buf = io.BytesIO()
    serializer.serialize(buf, encoding="utf-8")
    return buf.getvalue()


def jsonld(ds: Dataset) -> bytes:
    """JSON-LD of every named graph, compacted with kg's prefixes and sorted so equal graphs give equal
    bytes: object keys in code-point order, node objects by @id, values by their JSON text (@list
    order is kept). Blank nodes (only the ontology has any) get canonical labels first."""
    import json

    from rdflib import BNode
    from rdflib.compare import to_canonical_graph

    from kg.namespaces import PREFIXES

    canon = Dataset()
    bind_prefixes(canon)
    for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        if len(g) == 0:
            continue
        triples = to_canonical_graph(g) if any(isinstance(t, BNode) for tr in g for t in tr) else g
        target = canon.graph(g.identifier)
        for t in triples:
            target.add(t)
    context = {p: str(ns) for p, ns in PREFIXES.items()}
    data = json.loads(canon.serialize(format="json-ld", context=context, auto_compact=True))
    return (json.dumps(_sorted_json(data), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _sorted_json(x, keep_order: bool = False):
    import json

    if isinstance(x, dict):
        return {k: _sorted_json(v, keep_order=k == "@list") for k, v in x.items()}
    if isinstance(x, list):
        items = [_sorted_json(v) for v in x]
        if keep_order:
            return items
        key = lambda v: (str(v.get("@id", "")) if isinstance(v, dict) else "",  # noqa: E731
                         json.dumps(v, sort_keys=True, ensure_ascii=False))
        return sorted(items, key=key)
    return x


def network_export(ds: Dataset, fmt: str, graph: str | None = None) -> bytes:
    """The entity projection (kg.network.project) as GraphML or GEXF, for Gephi, igraph or yEd.

    Nodes are keyed by IRI and carry label (English, else Chinese), label_en, label_zh, class, iri,
    observations and one attribute per centrality (degree, pagerank, betweenness, eigenvector,
    closeness); edges carry predicate (local name, also as label), predicate_iri and sources (the
    stating documents' file stems, space-separated). Nodes and edges are written in IRI order and
    GEXF's date stamp is left out, so the same facts give the same bytes.
    """
    import io
    import re

    import networkx as nx

    from kg.network import METRICS, add_centralities, project

    g = project(ds, sources=[graph] if graph is not None else None)
    add_centralities(g, METRICS)
    out = nx.MultiDiGraph()
    for n, d in sorted(g.nodes(data=True)):
        attrs = {"label": d["label"], "label_en": d["label_en"], "label_zh": d["label_zh"], "class": d["cls"],
                 "iri": d["iri"], "observations": int(d["observations"])}
        attrs.update({m: float(d[m]) for m in METRICS})
        out.add_node(n, **attrs)
    for i, (u, v, k, d) in enumerate(sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])):
        out.add_edge(u, v, key=f"e{i}", predicate=k, label=k, predicate_iri=d["predicate"],
                     sources=" ".join(d["source"]), observations=len(d.get("observations", ())))
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml_xml(out, buf, encoding="utf-8")
        return buf.getvalue().rstrip(b"\n") + b"\n"
    nx.write_gexf(out, buf, encoding="utf-8", version="1.2draft")
    return re.sub(rb' lastmodifieddate="[^"]*"', b"", buf.getvalue()).rstrip(b"\n") + b"\n"


def _only(ds: Dataset, graph: str) -> Dataset:
    iri = URIRef(graph) if ":" in graph and not graph.startswith("src:") else SRC[graph.removeprefix("src:")]
    names = {g.identifier for g in ds.graphs()}
    if iri not in names:
        import difflib

        stems = sorted(str(n)[len(str(SRC)):] for n in names if str(n).startswith(str(SRC)))
        close = difflib.get_close_matches(graph.removeprefix("src:"), stems, n=3, cutoff=0.6)
        raise NotFound(f"no graph named '{graph}'", suggestions=close or stems)
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
