"""Write a compiled graph in the standard formats, byte-for-byte the same for the same facts.

RDF: TriG, Turtle, N-Triples, N-Quads and JSON-LD carry every triple. Network: GraphML and GEXF carry
the entity projection of kg.network.analysis (nodes with labels, classes and centralities; one edge per
statement) for Gephi, igraph, Cytoscape and yEd.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.errors import BadName, QueryError
from kg.iris import PREFIX_IRIS

if TYPE_CHECKING:  # rdflib is imported by the functions that take a Dataset: `kg export` reads the build without it
    from rdflib import Dataset

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
    from kg.build.serialize import rdf_bytes

    name = format_name(fmt)
    if name in NETWORK_FORMATS:
        return network_export(ds, name, graph=graph)
    if graph is not None:
        ds = _only(ds, graph)
    return rdf_bytes(ds, name)


def format_name(fmt: str) -> str:
    """The canonical name of an export format (`ttl` -> `turtle`); QueryError for an unknown one."""
    name = FORMATS.get(fmt.lower())
    if name is None:
        raise QueryError(f"unknown export format '{fmt}' (use one of: {', '.join(EXTENSIONS)})")
    return name


def export_build(build, fmt: str, graph: str | None = None) -> bytes:
    """A build (kg.build.pipeline.Build) in `fmt`, as `serialize(build.dataset(), fmt, graph)` gives it,
    without parsing the graph into rdflib: the RDF formats are written from graph.nq's sorted N-Quads and
    the data files' graphs in the build's store (kg.export.lines), the network formats from the projection
    streamed from the store. N-Quads and N-Triples are byte for byte what `serialize` writes; Turtle and
    TriG keep every term as N-Quads spells it. JSON-LD (Oxigraph has no writer for it), and data files
    with blank nodes (which need canonical names), go through rdflib.
    """
    from kg.export import lines as rdf

    name = format_name(fmt)
    if name == "jsonld":
        return serialize(build.dataset(), name, graph=graph)
    if name in NETWORK_FORMATS:
        from kg.network.analysis import project_build

        return _network_bytes(project_build(build, sources=[graph] if graph is not None else None), name)
    data = _data_lines(build)
    if data is None:
        return serialize(build.dataset(), name, graph=graph)
    curated = build.graph_file.read_bytes()
    if name == "nquads" and graph is None and not data:
        return curated  # graph.nq is this very export
    lines = curated.decode("utf-8").splitlines() + data
    quads = [rdf.split(line) for line in lines]
    if graph is not None:
        iri = _graph_iri(graph, {q[3] for q in quads if q[3]})
        keep = [i for i, q in enumerate(quads) if q[3] == iri]
        lines, quads = [lines[i] for i in keep], [quads[i] for i in keep]
    if name == "nquads":
        return rdf.nquads(lines)
    return {"nt": rdf.ntriples, "turtle": rdf.turtle, "trig": rdf.trig}[name](quads)


def _data_lines(build) -> list[str] | None:
    """The quads of the build's data-file graphs as N-Quads lines (none without data files), or None when
    they have blank nodes (named at random by the store: rdflib gives them canonical names)."""
    graphs = build.manifest.get("data_graphs") or []
    if not graphs or build.store_path is None:
        return []
    import pyoxigraph as ox

    store = ox.Store.read_only(str(build.store_path))
    out = []
    for iri in graphs:
        nt = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(iri)).decode("utf-8")
        if "_:" in nt:
            return None
        out += [f"{line[:-2]} <{iri}> ." for line in nt.splitlines() if line]
    return out


def _graph_iri(graph: str, names: set[str]) -> str:
    """The N-Quads term of the graph `graph` names (a document's stem, src:STEM or an IRI); BadName (exit 2) else."""
    src = PREFIX_IRIS["src"]
    iri = graph if ":" in graph and not graph.startswith("src:") else src + graph.removeprefix("src:")
    if f"<{iri}>" in names:
        return f"<{iri}>"
    import difflib

    stems = sorted(n[1 + len(src):-1] for n in names if n.startswith("<" + src))
    close = difflib.get_close_matches(graph.removeprefix("src:"), stems, n=3, cutoff=0.6)
    raise BadName(f"no graph named '{graph}'", suggestions=close or stems)


def network_export(ds: Dataset, fmt: str, graph: str | None = None) -> bytes:
    """The entity projection (kg.network.analysis.project) as GraphML or GEXF, for Gephi, igraph or yEd.

    Nodes are keyed by IRI and carry label (English, else Chinese), label_en, label_zh, class, iri,
    observations and one attribute per centrality (degree, pagerank, betweenness, eigenvector,
    closeness); edges carry predicate (local name, also as label), predicate_iri and sources (the
    stating documents' file stems, space-separated). Nodes and edges are written in IRI order and
    GEXF's date stamp is left out, so the same facts give the same bytes.
    """
    from kg.network.analysis import project

    return _network_bytes(project(ds, sources=[graph] if graph is not None else None), fmt)


def _network_bytes(g, fmt: str) -> bytes:
    """A projection with its centralities as GraphML or GEXF bytes (see `network_export`)."""
    import io
    import re

    import networkx as nx

    from kg.network.analysis import METRICS, add_centralities

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
    from rdflib import Dataset, URIRef

    from kg.namespaces import SRC, bind_prefixes

    iri = URIRef(graph) if ":" in graph and not graph.startswith("src:") else SRC[graph.removeprefix("src:")]
    names = {g.identifier for g in ds.graphs()}
    if iri not in names:
        import difflib

        stems = sorted(str(n)[len(str(SRC)):] for n in names if str(n).startswith(str(SRC)))
        close = difflib.get_close_matches(graph.removeprefix("src:"), stems, n=3, cutoff=0.6)
        raise BadName(f"no graph named '{graph}'", suggestions=close or stems)
    out = Dataset()
    bind_prefixes(out)
    g = out.graph(iri)
    for t in ds.graph(iri):
        g.add(t)
    return out
