"""Load a compiled graph into a SPARQL triple store: one named graph per source document, plus the
ontology and metrics graphs.

Each graph is replaced, never appended to: with the SPARQL 1.1 Graph Store HTTP Protocol a PUT replaces
the graph; without one, a `DROP SILENT GRAPH` goes first in the same request as the first batch of
`INSERT DATA`. Pushing the same build twice therefore leaves the same data. kg graphs on the store that the
build no longer has (a removed source document) are dropped. Afterwards every graph is counted and read
back from the store and must hold the build's triples, compared by value; anything short of that raises,
so a push that failed part-way never reports success.

Before anything is written the query endpoint must answer `ASK {}` with SPARQL results (a server's root
URL is tried at Oxigraph's /query and Virtuoso's /sparql). Service URLs follow from it unless given: `.../query` (Oxigraph) has its updates at
`.../update` and its graph store at `.../store`; `.../sparql` and `.../sparql-auth` (Virtuoso) take
updates themselves and keep the graph store at `.../sparql-graph-crud` (`-auth`). When the graph store
answers 404, 405 or 501, kg falls back to updates.
"""

from __future__ import annotations

import logging
import urllib.parse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from kg.errors import EnvironmentProblem, KgError
from kg.sparql.endpoint import Auth, EndpointEngine, EndpointError, Http, kg_graphs, query_endpoint
from kg.terms import NUMERIC, XSD

logger = logging.getLogger(__name__)

NO_GRAPH_STORE = (404, 405, 501)
BATCH = 1000  # triples per INSERT DATA request: Virtuoso refuses about 3000 ("SQL text has exceeded 10000 lines")


@dataclass
class PushReport:
    """What a push left on the store."""

    url: str
    method: str  # "graph store" or "update"
    graphs: dict[str, int]  # graph IRI -> triples now on the store
    removed: list[str] = field(default_factory=list)  # kg graphs dropped because the build no longer has them

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def service_urls(url: str) -> tuple[str, str | None]:
    """(update URL, graph store URL or None) that usually go with a query endpoint URL."""
    head, _, last = url.rstrip("/").rpartition("/")
    if last == "query":
        return f"{head}/update", f"{head}/store"
    if last in ("sparql", "sparql-auth"):
        return url, f"{head}/sparql-graph-crud" + ("-auth" if last == "sparql-auth" else "")
    return url, None


def push(build, url: str, auth: Auth | tuple[str, str] | None = None,
         progress: Callable[[str, int, int], None] | None = None, *, graph_store: str | None = None,
         update: str | None = None, timeout: float = 120.0) -> PushReport:
    """Replace kg's graphs on the store behind query endpoint `url` with those of `build`.

    `progress(graph, done, total)` is called after every request with the triples sent so far.
    Raises EnvironmentProblem (and never returns) unless every graph on the store holds the build's
    triples, compared by value: a store may write "1.50"^^xsd:decimal as "1.5" or lower-case a language
    tag, but not turn "abc"^^xsd:integer into "0".
    """
    graphs = _graphs(build)
    engine = EndpointEngine(url, auth, timeout, graphs=sorted(graphs))
    total, done = sum(len(t) for t in graphs.values()), 0
    step = f"after 0 of {len(graphs)} graphs"
    try:
        engine.url = query_endpoint(url, engine.http)  # before anything is written
        default_update, default_store = service_urls(engine.url)
        writer = _Writer(engine.http, update or default_update, graph_store or default_store)
        for i, iri in enumerate(sorted(graphs)):
            step = f"after {i} of {len(graphs)} graphs"
            for sent in writer.replace(iri, graphs[iri]):
                done += sent
                if progress:
                    progress(iri, done, total)
        step = "while removing old graphs"
        stale = sorted(set(kg_graphs(engine)) - set(graphs))
        for iri in stale:
            writer.drop(iri)
        step = "while checking the result"
        counts = _verify(engine, graphs)
    except KgError as e:
        raise EnvironmentProblem(f"push to {url} failed {step}: {e}") from None
    return PushReport(engine.url, writer.method, counts, stale)


def _verify(engine: EndpointEngine, graphs: dict[str, list]) -> dict[str, int]:
    """Count every graph on the store, then read it back and compare values; return the counts."""
    result = engine.run("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    counts = {g.value: int(n.value) for g, n in result.rows if g is not None}
    short = [f"<{iri}> holds {counts.get(iri, 0)} of {len(graphs[iri])} triples" for iri in sorted(graphs)
             if counts.get(iri, 0) != len(graphs[iri])]
    if short:
        raise EnvironmentProblem("the store did not keep every triple: " + "; ".join(short[:3])
                                 + (f" (and {len(short) - 3} more graphs)" if len(short) > 3 else ""))
    for iri in sorted(graphs):
        rows = engine.run(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}").rows
        if len(rows) != counts[iri]:
            raise EnvironmentProblem(f"the store answered with {len(rows)} of the {counts[iri]} triples of <{iri}>: it "
                                     "cuts answers short (Virtuoso: raise ResultSetMaxRows in virtuoso.ini)")
        sent = Counter(_key(t) for t in graphs[iri])
        kept = Counter(_key(t) for t in rows)
        if sent != kept:
            raise EnvironmentProblem(f"the store changed {sum((sent - kept).values())} values in <{iri}>, e.g. "
                                     + _example(graphs[iri], rows, sent - kept, kept - sent))
    return {iri: counts[iri] for iri in sorted(graphs)}


def _key(triple) -> tuple:
    """A triple compared by value: numbers by amount, booleans by truth, language tags without case, and
    blank nodes all alike (their labels are the store's own)."""
    return tuple(_term_key(t) for t in triple)


def _term_key(t) -> tuple:
    import pyoxigraph as ox

    if isinstance(t, ox.BlankNode):
        return ("_:",)
    if isinstance(t, ox.NamedNode):
        return ("iri", t.value)
    if t.language:
        return ("lang", t.value, t.language.lower())
    datatype = t.datatype.value
    if datatype in NUMERIC:
        try:
            number = Decimal(t.value.strip())
            if number.is_finite():
                return ("number", number, "")
        except ArithmeticError:
            pass
    if datatype == XSD + "boolean" and t.value in ("true", "false", "1", "0"):
        return ("boolean", str(t.value in ("true", "1")), "")
    return ("literal", t.value, datatype)


def _example(sent: list, kept: list, lost: Counter, new: Counter) -> str:
    """'<s> <p> "abc"^^<...#integer> came back as "0"^^<...#integer>' for the first changed triple."""
    before = next(t for t in sent if _key(t) in lost)
    after = next((t for t in kept if _key(t) in new and (t[0], t[1]) == (before[0], before[1])), None)
    return f"{before[0]} {before[1]} {before[2]} came back as {after[2] if after else 'nothing'}"


class _Writer:
    """Replaces and drops graphs with the Graph Store Protocol, or with updates when there is none."""

    def __init__(self, http: Http, update: str, graph_store: str | None):
        self.http, self.update, self.graph_store = http, update, graph_store
        self.method = "graph store" if graph_store else "update"
        self.confirmed = False  # the graph store accepted a graph: later errors are errors, not a missing service

    def replace(self, iri: str, triples: list):
        """Yield the number of triples sent with each request."""
        if self.method == "graph store":
            try:
                self._gsp("PUT", iri, _ntriples(triples).encode())
            except EndpointError as e:
                if e.status not in NO_GRAPH_STORE or self.confirmed:
                    raise
                logger.info("no graph store at %s (HTTP %s); using SPARQL updates", self.graph_store, e.status)
                self.method = "update"
            else:
                self.confirmed = True
                yield len(triples)
                return
        for i, batch in enumerate(_batches(triples)):
            # blank nodes: a template, because Virtuoso refuses them in INSERT DATA
            text = (f"INSERT {{ GRAPH <{iri}> {{\n{_ntriples(batch)}}} }} WHERE {{}}" if any(map(_has_blank, batch))
                    else f"INSERT DATA {{ GRAPH <{iri}> {{\n{_ntriples(batch)}}} }}")
            self._update(f"DROP SILENT GRAPH <{iri}> ;\n{text}" if i == 0 else text)
            yield len(batch)

    def drop(self, iri: str) -> None:
        if self.method == "graph store":
            try:
                self._gsp("DELETE", iri)
            except EndpointError as e:
                if e.status != 404:  # already gone
                    raise
        else:
            self._update(f"DROP SILENT GRAPH <{iri}>")

    def _gsp(self, method: str, iri: str, data: bytes | None = None) -> None:
        sep = "&" if "?" in self.graph_store else "?"
        target = f"{self.graph_store}{sep}graph={urllib.parse.quote(iri, safe='')}"
        headers = {"Content-Type": "text/turtle; charset=utf-8"} if data is not None else {}  # N-Triples is Turtle
        self.http.send(target, data, headers, method=method)

    def _update(self, text: str) -> None:
        self.http.send(self.update, text.encode(), {"Content-Type": "application/sparql-update; charset=utf-8"})


def _graphs(build) -> dict[str, list]:
    """The build's triples per named graph: the curated ones in graph.nq's (sorted) order, then the RDF data
    files' graphs, which only the build's store holds."""
    import itertools

    import pyoxigraph as ox

    out: dict[str, list] = {}
    quads = ox.parse(path=str(build.graph_file), format=ox.RdfFormat.N_QUADS)
    data = build.manifest.get("data_graphs") or []
    if data and build.store_path is not None:
        from kg.sparql.engine import OxigraphEngine

        store = OxigraphEngine.for_build(build).store
        quads = itertools.chain(quads, *(store.quads_for_pattern(None, None, None, ox.NamedNode(g)) for g in data))
    for q in quads:
        if isinstance(q.graph_name, ox.DefaultGraph):
            raise EnvironmentProblem(f"{build.graph_file} has a triple outside the named graphs: {q}")
        out.setdefault(q.graph_name.value, []).append(ox.Triple(q.subject, q.predicate, q.object))
    return out


def _batches(triples: list) -> list[list]:
    """Batches of at most BATCH triples; triples with blank nodes all go in the first, so each blank node
    stays one node (a label means the same node only within one request)."""
    blank = [t for t in triples if _has_blank(t)]
    rest = [t for t in triples if not _has_blank(t)]
    first = blank + rest[:max(BATCH - len(blank), 0)]
    rest = rest[len(first) - len(blank):]
    return [first] + [rest[i:i + BATCH] for i in range(0, len(rest), BATCH)]


def _has_blank(triple) -> bool:
    import pyoxigraph as ox

    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _ntriples(triples: list) -> str:
    return "".join(f"{t} .\n" for t in triples)
