"""Write a compiled graph in the standard formats, byte-for-byte the same for the same facts.

RDF: TriG, Turtle, N-Triples, N-Quads and JSON-LD carry every triple. Network: GraphML and GEXF carry
the entity projection of kg.network.analysis (nodes with labels, classes and centralities; one edge per
statement) for Gephi, igraph, Cytoscape and yEd.
"""

from __future__ import annotations

from rdflib import Dataset, URIRef

from kg.build.serialize import rdf_bytes
from kg.errors import NotFound, QueryError
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
    OWL lists) get canonical names (kg.build.store.stabilize_blank_nodes), so equal graphs give equal bytes.
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
    return rdf_bytes(ds, name)


def network_export(ds: Dataset, fmt: str, graph: str | None = None) -> bytes:
    """The entity projection (kg.network.analysis.project) as GraphML or GEXF, for Gephi, igraph or yEd.

    Nodes are keyed by IRI and carry label (English, else Chinese), label_en, label_zh, class, iri,
    observations and one attribute per centrality (degree, pagerank, betweenness, eigenvector,
    closeness); edges carry predicate (local name, also as label), predicate_iri and sources (the
    stating documents' file stems, space-separated). Nodes and edges are written in IRI order and
    GEXF's date stamp is left out, so the same facts give the same bytes.
    """
    import io
    import re

    import networkx as nx

    from kg.network.analysis import METRICS, add_centralities, project

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
