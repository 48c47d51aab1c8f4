"""The plain functions of kg's Python API (re-exported by `kg`): the default graph, query, select,
project, centrality, save. The CLI and the notebook magics call the same library underneath.
"""

from __future__ import annotations

_session: dict = {}  # the default graph and its dataset, for the build they were opened on


def default_graph():
    """The default KnowledgeGraph, reopened only when its build changed (the facts were edited)."""
    from kg.build.pipeline import ensure_built
    from kg.graph import open_graph

    build = ensure_built()
    graph = _session.get("graph")
    if graph is None or graph.build.path != build.path:
        _session.clear()
        _session["graph"] = graph = open_graph()
    return graph


def dataset(graph=None):
    """The compiled graph as an rdflib Dataset: one named graph per source document, the ontology
    and the metrics vocabulary; its default graph is their union.

        >>> ds = kg.dataset()
        >>> len(list(ds.graphs()))        # documents + ontology + metrics (+ the default graph)
    """
    if graph is not None:
        return graph.build.dataset()
    default = default_graph()
    if "dataset" not in _session:
        _session["dataset"] = default.build.dataset()
    return _session["dataset"]


def query(text: str, params: dict | None = None, *, sources: bool = False, lang: str = "en", iris: bool = False,
          timeout: float | None = None, allow_network: bool = False, graph=None):
    """Answer a plain-language phrase, a named query (name or alias), SPARQL text or a .rq path, as a
    pandas DataFrame with labels for IRIs and typed columns (kg.frames explains the dtypes).

    `params` fills a named query's parameters (entity names in any language); `sources` adds a
    ``sources`` column of document#paragraph citations; `lang` picks the label language (en, zh,
    zh-Hans, zh-Hant); `iris` adds a ``<column>_iri`` column beside each column of IRIs.

        >>> kg.query("who owns Feishu?")
        >>> kg.query("figures-by-metric", params={"metric": "users"}).dtypes["value"]
        Int64Dtype()

    Raises kg.errors.KgError subclasses (NotFound, QueryError, QueryTimeout) with one-line messages.
    """
    from kg.frames import answer_frame, pandas

    pandas()  # fail before running anything when pandas is missing
    g = graph or default_graph()
    answer = g.query(text, params=params, timeout=timeout, allow_network=allow_network, sources=sources)
    return answer_frame(answer, g.index, lang=lang, iris=iris)


def select(text: str, *, lang: str = "en", iris: bool = False, sources: bool = False,
            timeout: float | None = None, allow_network: bool = False, graph=None, **bindings):
    """Run SPARQL (kg's prefixes predeclared) with variables bound to values; a DataFrame.

    A binding's value may be the name of an entity, document, metric or class in any language, or its
    id (``"Tencent"``, ``"腾讯"``, ``"kgr:tencent"``, ``"users"``), a full IRI, a number, a pyoxigraph
    term, or a list of these (one VALUES row each). Values are bound as escaped terms, never pasted
    into the text.

        >>> kg.select("SELECT ?product WHERE { ?product kg:ownedBy ?owner }", owner="Tencent")
        >>> kg.select("SELECT ?s ?v WHERE { ?o kg:subject ?s ; kg:value ?v . FILTER(?v >= ?min) }", min=10**8)
    """
    from kg.errors import QueryError
    from kg.frames import answer_frame, pandas
    from kg.sparql.safety import bind_values, query_form

    pandas()
    if not query_form(text):
        raise QueryError("kg.select takes SPARQL text (SELECT, ASK, CONSTRUCT or DESCRIBE); "
                         "use kg.query for named queries and phrases")
    g = graph or default_graph()
    text = bind_values(text, {name: _term(g, value) for name, value in bindings.items()})
    answer = g.query(text, timeout=timeout, allow_network=allow_network, sources=sources)
    return answer_frame(answer, g.index, lang=lang, iris=iris)


def _term(graph, value):
    """A pyoxigraph term for a binding (see `sparql`)."""
    import pyoxigraph as ox

    from kg.namespaces import PREFIXES

    if isinstance(value, (list, tuple)):
        return [_term(graph, v) for v in value]
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    if isinstance(value, (bool, int, float)):
        return ox.Literal(value)
    text = str(value)
    if text.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(text)
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and " " not in text:
        return ox.NamedNode(str(PREFIXES[prefix]) + local)
    return ox.NamedNode(graph.resolve(text, ("entity", "document", "metric", "class")))


def project(types: list[str] | None = None, sources: list[str] | None = None, *, observations: bool = False,
             documents: bool = False, graph=None):
    """The entities and the statements between them as a networkx MultiDiGraph (kg.network.analysis.project):
    `types` keeps some kg classes (subclasses included), `sources` some documents (file stems).

        >>> g = kg.project(types=["Company", "Product"])
        >>> g.nodes["https://w3id.org/kg-office/resource/dingtalk"]["label"]
        'DingTalk'
    """
    from kg.network.analysis import project

    return project(dataset(graph), types=types, sources=sources, observations=observations, documents=documents)


def centrality(g=None, metric: str | list[str] = "all", top: int | None = None, *, types: list[str] | None = None,
               sources: list[str] | None = None, sort_by: str | None = None, graph=None):
    """Centrality of the entities as a DataFrame (label, class, iri, one column per metric), best first.

    `g` is a projection from kg.project; without one the default graph's is used, narrowed by `types`
    and `sources`. `metric` is degree, pagerank, betweenness, eigenvector, closeness, a list, or all.

        >>> kg.centrality(metric="betweenness", top=5)
    """
    from kg.frames import centrality_frame, pandas
    from kg.network.analysis import centrality as compute

    pandas()
    if g is None:
        g = project(types=types, sources=sources, graph=graph)
    return centrality_frame(compute(g, metric, top=top, sort_by=sort_by))


def save(fmt: str = "trig", path=None, *, source: str | None = None, graph=None) -> bytes:
    """The graph as trig, turtle, nt, nquads, jsonld, graphml or gexf bytes (kg.export.formats.serialize),
    written atomically to `path` when one is given; `source` keeps one document's graph.

        >>> kg.save("turtle", "kg-office.ttl")
        >>> kg.save("graphml", source="002_c60f5f8123234b95").startswith(b"<?xml")
        True
    """
    from pathlib import Path

    from kg.export.formats import serialize
    from kg.files import write_output

    data = serialize(dataset(graph), fmt, graph=source)
    if path is not None:
        write_output(data, Path(path))
    return data
