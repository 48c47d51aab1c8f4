"""The plain functions of kg's Python API (re-exported by `kg`): the default graph, query, answer, select,
project, centrality, save. The CLI and the notebook magics call the same library underneath.
"""

from __future__ import annotations

import math
import os

from kg.errors import QueryError

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
    lang = _lang(lang)
    g = graph or default_graph()
    answer = g.query(text, params=params, timeout=timeout, allow_network=allow_network, sources=sources)
    frame = answer_frame(answer, g.index, lang=lang, iris=iris)
    if answer.line:  # a question: its one-line answer and how it was read travel with the rows
        frame.attrs.update(answer=answer.line, understood_as=answer.understood, other_readings=answer.alternatives)
    return frame


def answer(question: str, *, timeout: float | None = None, graph=None):
    """Understand a plain-language question (English or Chinese) and answer it: a kg.ask.pipeline.Reply
    with the answer set (``.values``: IRIs, literals, numbers or booleans), the chosen reading (``.best``,
    its ``.shape`` and ``.score``), the runners-up (``.alternatives``) and the SPARQL that ran (``.sparql``).

        >>> kg.answer("Who owns Feishu?").values
        ['https://w3id.org/kg-office/resource/bytedance']

    (Named `answer`, not `ask`: `kg.ask` is the subpackage that reads questions.)
    """
    g = graph or default_graph()
    return g.ask(question, timeout=timeout)


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
    from kg.frames import answer_frame, pandas
    from kg.sparql.safety import bind_values, query_form

    pandas()
    lang = _lang(lang)
    if not isinstance(text, str) or query_form(text) in (None, "UPDATE"):
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
        if not value:
            raise QueryError("a binding needs at least one value, got an empty list")
        return [_term(graph, v) for v in value]
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    if isinstance(value, float) and not math.isfinite(value):
        raise QueryError(f"cannot bind {value!r}: SPARQL numbers are finite")
    if isinstance(value, (bool, int, float)):
        return ox.Literal(value)
    if not isinstance(value, str):
        raise QueryError(f"cannot bind a {type(value).__name__} ({value!r}); give a name, an IRI, a number, "
                         "a pyoxigraph term or a list of these"[:300])
    text = value
    if text.startswith(("http://", "https://", "urn:")):
        try:
            return ox.NamedNode(text)
        except ValueError as e:
            raise QueryError(f"not a valid IRI: {text!r} ({e})") from None
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

    types, sources = _names(types, "types"), _names(sources, "sources")
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
    _check_centrality(g, metric, top)
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

    if not isinstance(fmt, str) or (source is not None and not isinstance(source, str)):
        raise QueryError(f"kg.save takes a format name and a document stem as text, got {fmt!r} and {source!r}")
    if path is not None and not isinstance(path, (str, os.PathLike)):
        raise QueryError(f"kg.save's path must be a file path, got {type(path).__name__} {path!r}")
    data = serialize(dataset(graph), fmt, graph=source)
    if path is not None:
        write_output(data, Path(path))
    return data


LANGS = ("en", "zh", "zh-Hans", "zh-Hant")


def _lang(lang) -> str:
    if lang not in LANGS:
        raise QueryError(f"unknown label language {lang!r} (use one of: {', '.join(LANGS)})")
    return lang


def _names(value, what: str) -> list[str] | None:
    """None, one name or a list of names (text), as a list; anything else is a QueryError."""
    if value is None:
        return None
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, (list, tuple, set, frozenset)) or not all(isinstance(n, str) for n in names):
        raise QueryError(f"{what} must be a name or a list of names, got {value!r}"[:300])
    return list(names)


def _check_centrality(g, metric, top) -> None:
    if g is not None and not hasattr(g, "number_of_nodes"):
        raise QueryError(f"kg.centrality takes a projection from kg.project (a networkx graph), got {type(g).__name__}")
    if metric is None or not isinstance(metric, str):
        if _names(metric, "metric") is None:
            raise QueryError("metric must be a centrality metric's name, a list of them, or 'all'; got None")
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise QueryError(f"top must be a whole number of at least 1 (or None for every row), got {top!r}")
