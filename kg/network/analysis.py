"""The graph as a network: a networkx projection of the entities and centrality scores over it.

Used by `kg centrality`, `kg plot network`, the GraphML/GEXF exports and notebooks:

    >>> from kg.network.analysis import project, centrality
    >>> g = project(ds, types=["Company", "Product"])        # nx.MultiDiGraph
    >>> centrality(g, "pagerank", top=10).rows[0].label

What becomes a node
    Entities only: IRIs under https://w3id.org/kg-office/resource/ that carry a kg class. Source
    documents (https://w3id.org/kg-office/source/...) become nodes only with ``documents=True``, and
    observations (https://w3id.org/kg-office/observation/...) only with ``observations=True``. Node
    keys are the IRI strings; attributes are ``iri``, ``cls`` (the most specific kg class, by local
    name), ``label_en``, ``label_zh`` (zh-Hans, else zh-Hant; "" when there is none), ``label`` (English,
    else Chinese, else the id) and ``observations`` (how many figures are about the entity).

What becomes an edge
    One edge per distinct entity-to-entity triple, whichever documents state it, keyed by the
    predicate's local name (``ownedBy``), with attributes ``predicate`` (the full IRI) and ``source``
    (the sorted file stems of the documents that state it). Reading only some documents
    (``sources=[...]``) keeps the statements of those documents and the entities they mention.

What is left out
    * Literals (names, dates, values, paragraph numbers) never become nodes: labels are node
      attributes, every other literal is dropped.
    * Blank nodes are skipped: kg mints none in the document graphs; the only ones sit in the
      ontology graph (an owl:unionOf list), which is not projected.
    * The provenance records (rdf:Statement nodes under https://w3id.org/kg-office/statement/), the
      ontology graph and the metrics graph are not projected; metrics, units and qualifiers are
      vocabulary, not entities.

Observations
    By default an observation is folded into its subject: it adds one to the subject's
    ``observations`` count, and its links to other entities (``statedBy`` a report) become edges from
    the subject, with an extra ``observations`` attribute listing the observation IRIs (a link back to
    the subject itself is dropped). With ``observations=True`` each observation is a node of class
    Observation linked to its subject by a ``subject`` edge.

Class filters (``types=["Product"]``) include subclasses, read from rdfs:subClassOf in the ontology
graph: Product includes Platform, Event includes Outage and Launch.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from kg.errors import BadName, NotFound, QueryError
from kg.iris import BASE, DATA, PREFIX_IRIS

if TYPE_CHECKING:  # networkx and rdflib are imported inside the functions: the store path needs neither
    import networkx as nx
    from rdflib import Dataset, URIRef

logger = logging.getLogger(__name__)

METRICS = ("degree", "pagerank", "betweenness", "eigenvector", "closeness")
K_SAMPLE_THRESHOLD = 2000  # above this many nodes betweenness is estimated from sampled sources
K_SAMPLES = 500
# Sampled betweenness costs about one graph traversal per source: on big graphs fewer sources are drawn,
# never fewer than K_MIN_SAMPLES, so that sources x edges stays near K_WORK (a 100 k-node projection
# with 300 k edges gets 82 sources; BENCHMARKS.md).
K_WORK = 25_000_000
K_MIN_SAMPLES = 50

KG_IRI, RES_IRI, SRC_IRI, OBS_IRI = PREFIX_IRIS["kg"], PREFIX_IRIS["kgr"], PREFIX_IRIS["src"], PREFIX_IRIS["obs"]
KG_SUBJECT = KG_IRI + "subject"
ONTOLOGY_GRAPH = BASE + "ontology"
_NODE_BASES = (RES_IRI, OBS_IRI, SRC_IRI)


def local_name(iri: str) -> str:
    """The part of an IRI after its last '#' or '/'."""
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# ---------------------------------------------------------------- the class hierarchy


def class_hierarchy(ds: Dataset) -> dict[str, set[str]]:
    """Each kg class (local name) mapped to its superclasses (local names, transitively, itself included).

    Read from rdfs:subClassOf in the dataset's ontology graph, or from the shipped ontology when the
    dataset has none (a hand-made graph in a notebook or test).
    """
    from rdflib import URIRef
    from rdflib.namespace import OWL, RDF, RDFS

    onto_iri = URIRef(ONTOLOGY_GRAPH)
    onto = ds.graph(onto_iri) if onto_iri in {g.identifier for g in ds.graphs()} else None
    if onto is None or len(onto) == 0:
        from kg.build.ontology import load_schema
        from kg.paths import ontology_dir

        onto = load_schema(ontology_dir()).graph
    pairs = [(str(c), str(sup) if isinstance(sup, URIRef) else None)
             for c, sup in onto.subject_objects(RDFS.subClassOf) if isinstance(c, URIRef)]
    return _hierarchy(pairs, [str(c) for c in onto.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)])


def _hierarchy(pairs: Iterable[tuple[str, str | None]], classes: Iterable[str]) -> dict[str, set[str]]:
    """The closure of `class_hierarchy` from (class, superclass or None) IRI pairs and the declared classes."""
    parents: dict[str, set[str]] = defaultdict(set)
    for c, sup in pairs:
        if c.startswith(KG_IRI):
            parents[c[len(KG_IRI):]]
            if sup is not None and sup.startswith(KG_IRI):
                parents[c[len(KG_IRI):]].add(sup[len(KG_IRI):])
    for c in classes:
        if c.startswith(KG_IRI):
            parents[c[len(KG_IRI):]]
    closure: dict[str, set[str]] = {}

    def ancestors(c: str, seen: frozenset = frozenset()) -> set[str]:
        if c in closure:
            return closure[c]
        out = {c}
        for p in parents.get(c, ()):
            if p not in seen:
                out |= ancestors(p, seen | {c})
        closure[c] = out
        return out

    for c in list(parents):
        ancestors(c)
    return closure


def resolve_classes(names: Iterable[str], hierarchy: dict[str, set[str]]) -> set[str]:
    """The kg classes (local names) that `names` denote, subclasses included. Case does not matter.

    Raises BadName (a NotFound, exit 2), with suggestions, for a name that is no kg class.
    """
    by_lower = {c.lower(): c for c in hierarchy}
    wanted: set[str] = set()
    for raw in names:
        name = raw.strip().removeprefix("kg:")
        if not name:
            continue
        cls = by_lower.get(name.lower()) or by_lower.get(name.lower().replace(" ", "").replace("-", ""))
        if cls is None:
            close = difflib.get_close_matches(name.lower(), list(by_lower), n=4, cutoff=0.5)
            raise BadName(f"no class named '{raw.strip()}'", suggestions=[by_lower[c] for c in close])
        wanted |= {c for c, sups in hierarchy.items() if cls in sups}
    return wanted


def most_specific(classes: Iterable[str], hierarchy: dict[str, set[str]]) -> str:
    """The deepest of `classes` in the hierarchy (ties broken by name); 'Entity' when there is none."""
    known = [c for c in classes if c in hierarchy]
    if not known:
        return "Entity"
    return sorted(known, key=lambda c: (-len(hierarchy[c]), c))[0]


# ---------------------------------------------------------------- documents


def source_stems(ds: Dataset) -> list[str]:
    """The file stems of the source documents that have a graph in `ds`, sorted."""
    return sorted(str(g.identifier)[len(SRC_IRI):] for g in ds.graphs() if str(g.identifier).startswith(SRC_IRI))


def resolve_sources(ds: Dataset, sources: Iterable[str]) -> list[URIRef]:
    """Graph names for document stems (`000_a3adda4dcaacb95c`, `src:000_...` or the full IRI)."""
    from rdflib import URIRef

    return [URIRef(SRC_IRI + stem) for stem in _resolve_stems(source_stems(ds), sources)]


def _resolve_stems(stems: list[str], sources: Iterable[str]) -> list[str]:
    out = []
    for raw in sources:
        s = raw.strip()
        if not s:
            continue
        stem = s[len(SRC_IRI):] if s.startswith(SRC_IRI) else s.removeprefix("src:")
        if stem not in stems:
            prefixed = [x for x in stems if x.startswith(stem)]
            if len(prefixed) != 1:  # a unique prefix (`000`) is enough
                close = prefixed or difflib.get_close_matches(stem, stems, n=4, cutoff=0.5)
                raise BadName(f"no source document '{s}'", suggestions=close or stems)
            stem = prefixed[0]
        out.append(stem)
    return out


# ---------------------------------------------------------------- projection


def _is_node_iri(iri: str) -> bool:
    return iri.startswith(_NODE_BASES)


def _is_document_graph(iri: str) -> bool:
    return iri.startswith((SRC_IRI, DATA))


def _stem(graph: str) -> str:
    """How an edge names the graph that states it: a document's file stem, a data file's path."""
    return graph[len(SRC_IRI):] if graph.startswith(SRC_IRI) else graph[len(DATA):]


@dataclass
class Facts:
    """What a projection is made of, every term as a string: the document graphs (source documents and data
    files), and from them the rdf:type triples and language-tagged labels of IRIs under the resource,
    observation and source namespaces, and the triples linking two such IRIs (rdf:type aside)."""

    graphs: list[str]
    hierarchy: dict[str, set[str]]
    types: Iterable[tuple[str, str, str]]  # (graph, subject, class IRI or "")
    labels: Iterable[tuple[str, str, str, str]]  # (graph, subject, language tag in lower case, text)
    links: Iterable[tuple[str, str, str, str]]  # (graph, subject, predicate, object)
    # the `labels` rows of the given subjects only, when they can be read apart (a store): see `network`
    labels_of: Callable[[list[str]], Iterable[tuple[str, str, str, str]]] | None = None
    # the same rows as `links`, as columns (graphs, subjects, predicates, objects), chunk by chunk (a store)
    link_columns: Iterable[tuple[list[str], list[str], list[str], list[str]]] | None = None
    # the same rows as `types`, as columns (graphs, subjects, classes), when they are read so (a store)
    type_columns: Callable[[], tuple[list[str], list[str], list[str]]] | None = None


def project(
    ds: Dataset,
    types: Iterable[str] | None = None,
    sources: Iterable[str] | None = None,
    observations: bool = False,
    documents: bool = False,
) -> nx.MultiDiGraph:
    """The entities of `ds` and the statements between them as a networkx MultiDiGraph.

    `types` keeps only entities of these kg classes (subclasses included); `sources` reads only these
    documents' graphs (file stems); `observations` keeps observations as nodes instead of folding them
    into their subjects; `documents` adds the source documents as nodes. See the module docstring for
    what becomes a node and an edge.
    """
    return assemble(dataset_facts(ds), types=types, sources=sources, observations=observations, documents=documents)


def dataset_facts(ds: Dataset) -> Facts:
    """The Facts of a projection read from an rdflib Dataset."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, RDFS

    graphs = sorted((g for g in ds.graphs() if _is_document_graph(str(g.identifier))), key=lambda g: str(g.identifier))
    type_rows, label_rows, link_rows = [], [], []
    for g in graphs:
        name = str(g.identifier)
        for s, p, o in g:
            if not isinstance(s, URIRef) or not _is_node_iri(str(s)):  # (rdflib's startswith takes no tuple)
                continue
            if p == RDF.type:
                type_rows.append((name, str(s), str(o) if isinstance(o, URIRef) else ""))
            elif p == RDFS.label:
                if isinstance(o, Literal) and o.language:
                    label_rows.append((name, str(s), o.language.lower(), str(o)))
            elif isinstance(o, URIRef) and _is_node_iri(str(o)):
                link_rows.append((name, str(s), str(p), str(o)))
    return Facts([str(g.identifier) for g in graphs], class_hierarchy(ds), type_rows, label_rows, link_rows)


_STORE_QUERIES = {
    "hierarchy": "SELECT ?c ?sup WHERE { GRAPH <%s> { ?c rdfs:subClassOf ?sup } FILTER(isIRI(?c)) }",
    "classes": "SELECT ?c WHERE { GRAPH <%s> { ?c a owl:Class } FILTER(isIRI(?c)) }",
}


def store_facts(store) -> Facts:
    """The Facts of a projection read from a pyoxigraph Store (a build's store, `KnowledgeGraph.engine.store`)
    by SPARQL: no rdflib, and the data files' graphs included. The rows are read lazily, query by query, by two
    threads ahead of their use (`_Reads`); `labels_of` reads the labels of a few subjects."""
    import pyoxigraph as ox

    from kg.iris import BASE, PREFIX_IRIS

    def rows(name: str, *args):
        text = _STORE_QUERIES[name]
        return store.query(text.replace("%s", args[0]) if args else text, prefixes=PREFIX_IRIS)

    onto = BASE + "ontology"
    pairs = [(c.value, sup.value if isinstance(sup, ox.NamedNode) else None) for c, sup in rows("hierarchy", onto)]
    classes = [c.value for (c,) in rows("classes", onto)]
    if not pairs and not classes:  # a graph without kg's ontology: the shipped one
        from kg.build.ontology import load_schema
        from kg.paths import ontology_dir

        hierarchy = class_hierarchy_of(load_schema(ontology_dir()).graph)
    else:
        hierarchy = _hierarchy(pairs, classes)
    graphs = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode) and _is_document_graph(g.value))
    reads = _Reads(store)
    typed = _tsv_types(reads, graphs, hierarchy)  # types and links read once, as columns (`network`) or rows
    chunks = _tsv_links(reads, graphs)
    return Facts(graphs, hierarchy, _rows(typed), _tsv_labels(reads, graphs),
                 (row for chunk in chunks for row in zip(*chunk)), link_columns=chunks, type_columns=typed,
                 labels_of=lambda subjects: _tsv_labels(reads, graphs, subjects))


def _rows(columns: Callable[[], tuple[list[str], ...]]):
    """The rows of the columns `columns()` gives, read when the first row is."""
    yield from zip(*columns())


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_NOT_LINKS = {_RDF_TYPE, _RDFS_LABEL, "http://www.w3.org/2004/02/skos/core#altLabel",
              "http://www.w3.org/2000/01/rdf-schema#comment"}
_FEW_LABELS = 2000  # subjects whose labels are asked for by name; for more, every label is read


def _in_graphs(graphs: list[str], pattern: str, where: str = "", select: str = "?s ?o") -> str:
    """A SELECT of ?i and `select` over `pattern` in the `graphs`, ?i being the graph's position in `graphs`:
    Oxigraph spends most of a big read turning stored terms into text (a lookup each), a small number it writes
    as it is."""
    values = " ".join(f"(<{g}> {i})" for i, g in enumerate(graphs))
    return f"SELECT ?i {select} WHERE {{ VALUES (?g ?i) {{ {values} }} GRAPH ?g {{ {pattern} }} {where} }}"


def _tsv_text(store, query: str) -> bytes:
    """The rows of a SELECT as one TSV text (IRIs as <...>), made by Oxigraph: much faster to read than a term
    object per cell when there are hundreds of thousands of rows."""
    import pyoxigraph as ox

    return store.query(query).serialize(format=ox.QueryResultsFormat.TSV)


def _columns(text: bytes, width: int) -> list[list[str]]:
    """The columns of a TSV text of `width` cells a row, cut by Python's C code rather than row by row (cells of
    white space, as literals may hold, are cut at tabs and line ends only)."""
    body = text.decode("utf-8")
    body = body[body.find("\n") + 1:] if body else ""
    cells = body.split()
    if len(cells) != width * body.count("\n"):
        cells = body.replace("\n", "\t").split("\t")[:-1]
    return [cells[i::width] for i in range(width)]


class _Reads:
    """A store's queries evaluated by two threads ahead of their use: Oxigraph lets go of Python's lock while it
    works, so its work overlaps Python's (and runs on a second core when there is one)."""

    def __init__(self, store):
        from concurrent.futures import ThreadPoolExecutor

        self.store = store
        self.pool = ThreadPoolExecutor(2, thread_name_prefix="kg-store")

    def ask(self, query: str) -> Callable[[], bytes]:
        """A function that returns the query's TSV text (see `_tsv_text`), evaluated from now on."""
        return self.pool.submit(_tsv_text, self.store, query).result

    def call(self, fn, *args):
        """A function that returns `fn(*args)`, called by a store thread from now on."""
        return self.pool.submit(fn, *args).result

    def each(self, queries: list[str], started: list | None = None):
        """The TSV text of each query, in order, at most two evaluated ahead of the one in use (`started`: the
        functions `ask` gave for the first queries already)."""
        pending = list(started or [])
        pending += [self.ask(q) for q in queries[len(pending):2]]
        for i in range(len(queries)):
            text = pending.pop(0)()
            if i + 2 < len(queries):
                pending.append(self.ask(queries[i + 2]))
            yield text


_TSV_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_TSV_CHARS = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f"}


def _unescape(m: re.Match) -> str:
    code = m.group(1)
    return chr(int(code[1:], 16)) if len(code) > 1 else _TSV_CHARS.get(code, code)


def _tsv_literal(cell: str) -> tuple[str, str] | None:
    """(text, language) of a language-tagged literal as SPARQL TSV writes it ("x\"y"@en), else None."""
    end = cell.rfind('"@')
    if not cell.startswith('"') or end <= 0:
        return None
    body = cell[1:end]
    return (_TSV_ESCAPE.sub(_unescape, body) if "\\" in body else body), cell[end + 2:]


def _node_columns(graphs: list[str], columns: list[list[str]], *iris: int) -> list[list[str]]:
    """The `columns` (graph number, cells...) of the rows whose cells at positions `iris` are IRIs that may be
    nodes: graph numbers as graph IRIs, those IRIs without their brackets and interned (one string per IRI,
    however many rows name it: a big projection's memory). Each step runs over a whole column in C."""
    from itertools import compress, repeat
    from operator import and_, itemgetter
    from sys import intern

    bases = tuple("<" + b for b in _NODE_BASES)
    keep = None
    for i in iris:
        ok = list(map(str.startswith, columns[i], repeat(bases)))
        keep = ok if keep is None else list(map(and_, keep, ok))
    out = [list(compress(c, keep)) if keep is not None else c for c in columns]
    unbracket = itemgetter(slice(1, -1))
    for i in iris:
        out[i] = list(map(intern, map(unbracket, out[i])))
    out[0] = list(map(dict(zip(map(str, range(len(graphs))), graphs)).__getitem__, out[0]))
    return out


def _tsv_types(reads: _Reads, graphs: list[str], hierarchy: dict[str, set[str]]):
    """A function that returns the columns (graphs, subjects, class IRIs or "") of the rdf:type triples whose
    subject may be a node, the query started now. The classes are numbered in the query (a number costs Oxigraph nothing to write, a class IRI a lookup):
    a class outside the hierarchy reads as "", which the projection does not tell apart from it."""
    classes = sorted({*hierarchy, "Observation", "SourceDocument"})
    numbered = " ".join(f"(<{KG_IRI}{c}> {i})" for i, c in enumerate(classes))
    text = reads.ask(_in_graphs(graphs, f"?s <{_RDF_TYPE}> ?t", f"OPTIONAL {{ VALUES (?t ?o) {{ {numbered} }} }}"))

    def columns() -> tuple[list[str], list[str], list[str]]:
        from itertools import repeat

        names = {str(i): KG_IRI + c for i, c in enumerate(classes)}
        g, s, c = _node_columns(graphs, _columns(text(), 3), 1)
        return g, s, list(map(names.get, c, repeat("")))

    return columns


def _tsv_labels(reads: _Reads, graphs: list[str], subjects: list[str] | None = None):
    """(graph, subject, language, text) of the language-tagged labels of possible nodes, or of `subjects` only."""
    if subjects is not None and not subjects:
        return
    named = "" if subjects is None or len(subjects) > _FEW_LABELS else " ".join(f"<{s}>" for s in subjects)
    text = _tsv_text(reads.store, _in_graphs(graphs, f"VALUES ?s {{ {named} }} ?s <{_RDFS_LABEL}> ?o" if named else
                                             f"?s <{_RDFS_LABEL}> ?o", 'FILTER(LANG(?o) != "")'))
    wanted = None if subjects is None or named else set(subjects)
    for g, s, lit in zip(*_node_columns(graphs, _columns(text, 3), 1)):
        read = _tsv_literal(lit) if wanted is None or s in wanted else None
        if read:
            yield g, s, read[1], read[0]


_FEW_OBJECTS = 1000  # a predicate with no more distinct objects than this has its objects numbered in its query


def _tsv_links(reads: _Reads, graphs: list[str]):
    """Columns (graphs, subjects, predicates, objects) of the triples between two possible nodes, predicate by predicate
    (each query reads one predicate's quads from an index instead of filtering every quad); the predicates are
    listed, and the first two predicates' queries started, now. A predicate's distinct objects are read first
    (Oxigraph compares stored terms without spelling them out): when they are few, its query numbers those
    that may be nodes, or is not made when there are none (metrics, units); when they are many, literals are
    left out by the query if there are some, else by Python, which tells node IRIs apart anyway."""
    from itertools import repeat
    from sys import intern

    bases = tuple("<" + b for b in _NODE_BASES)
    in_graphs = " ".join(f"<{g}>" for g in graphs)

    def plan():
        listed = _columns(_tsv_text(reads.store, "SELECT DISTINCT ?p WHERE { GRAPH ?g { ?s ?p ?o } }"), 1)[0]
        plans = []  # (predicate, query, the numbered objects or None)
        for p in sorted({p[1:-1] for p in listed if p.startswith("<")} - _NOT_LINKS):
            seen = _columns(_tsv_text(reads.store, f"SELECT DISTINCT ?o WHERE {{ VALUES ?g {{ {in_graphs} }} GRAPH ?g "
                                                   f"{{ ?s <{p}> ?o }} }} LIMIT {_FEW_OBJECTS + 1}"), 1)[0]
            if len(seen) <= _FEW_OBJECTS:
                objects = [o for o in seen if o.startswith(bases)]
                if objects:
                    numbered = " ".join(f"({o} {i})" for i, o in enumerate(objects))
                    plans.append((p, _in_graphs(graphs, f"?s <{p}> ?o", f"VALUES (?o ?n) {{ {numbered} }}", "?s ?n"),
                                  [intern(o[1:-1]) for o in objects]))
            else:
                iris = all(o.startswith(("<", "_:")) for o in seen)
                plans.append((p, _in_graphs(graphs, f"?s <{p}> ?o", "" if iris else "FILTER(isIRI(?o))"), None))
        return plans, [reads.ask(q) for _, q, _ in plans[:2]]

    planned = reads.call(plan)

    def chunks():
        plans, started = planned()
        for (p, _, objects), text in zip(plans, reads.each([q for _, q, _ in plans], started)):
            if objects is None:
                g, s, o = _node_columns(graphs, _columns(text, 3), 1, 2)
            else:
                g, s, n = _node_columns(graphs, _columns(text, 3), 1)
                o = list(map(objects.__getitem__, map(int, n)))
            yield g, s, list(repeat(intern(p), len(s))), o

    return chunks()


def class_hierarchy_of(onto) -> dict[str, set[str]]:
    """`class_hierarchy` of an rdflib Graph holding an ontology."""
    from rdflib import Dataset, URIRef

    ds = Dataset()
    g = ds.graph(URIRef(ONTOLOGY_GRAPH))
    for t in onto:
        g.add(t)
    return class_hierarchy(ds)


def project_store(store, types: Iterable[str] | None = None, sources: Iterable[str] | None = None,
                  observations: bool = False, documents: bool = False) -> nx.MultiDiGraph:
    """`project` of the graph in a pyoxigraph Store, read by SPARQL instead of through rdflib: the same
    nodes, edges and attributes, data files' graphs included (an edge's ``source`` names a data file by its
    path in the facts folder)."""
    return assemble(store_facts(store), types=types, sources=sources, observations=observations, documents=documents)


def project_build(build, types: Iterable[str] | None = None, sources: Iterable[str] | None = None,
                  observations: bool = False, documents: bool = False) -> nx.MultiDiGraph:
    """`project_store` of a build (kg.build.pipeline.Build): its on-disk store, or graph.nq in memory."""
    from kg.sparql.engine import OxigraphEngine

    return project_store(OxigraphEngine.for_build(build).store, types=types, sources=sources,
                         observations=observations, documents=documents)


PROJECTION_CACHE = "projection.json"  # the Facts of a build's projection, kept beside it once read (small graphs)
PROJECTION_CACHE_MAX = 200_000  # rows above which the Facts are read from the store every time


def build_projection(build, types: Iterable[str] | None = None, sources: Iterable[str] | None = None,
                     observations: bool = False, documents: bool = False) -> Projection:
    """`project_build` as a Projection, without networkx. The Facts read from the store are kept in the build
    folder (a build never changes), so the next call reads a small file."""
    return projection(build_facts(build), types=types, sources=sources, observations=observations, documents=documents)


def build_network(build, types: Iterable[str] | None = None, sources: Iterable[str] | None = None,
                  observations: bool = False, documents: bool = False) -> Network:
    """`build_projection` reduced to what centrality needs (see `network`): what `kg centrality` computes on."""
    return network(build_facts(build), types=types, sources=sources, observations=observations, documents=documents)


def build_facts(build) -> Facts:
    """`store_facts` of a build, from its cache when it has one (see `build_projection`)."""
    import json

    cache = build.path / PROJECTION_CACHE
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        return Facts(data["graphs"], {c: set(s) for c, s in data["hierarchy"].items()}, data["types"], data["labels"],
                     data["links"])
    except (OSError, ValueError, KeyError):
        pass
    from kg.sparql.engine import OxigraphEngine

    facts = store_facts(OxigraphEngine.for_build(build).store)
    if build.stats.get("triples", 0) > 4 * PROJECTION_CACHE_MAX:
        return facts  # read once, as the projection goes: no copy of every row in memory
    facts.types, facts.labels, facts.links = list(facts.types), list(facts.labels), list(facts.links)
    facts.link_columns = facts.type_columns = None  # read into `links` and `types`
    if len(facts.types) + len(facts.labels) + len(facts.links) <= PROJECTION_CACHE_MAX:
        from kg.files import write_atomic

        data = {"graphs": facts.graphs, "hierarchy": {c: sorted(s) for c, s in sorted(facts.hierarchy.items())},
                "types": facts.types, "labels": facts.labels, "links": facts.links}
        try:
            write_atomic(cache, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        except OSError:  # a read-only build folder: read the store again next time
            pass
    return facts


@dataclass
class Projection:
    """A projection as plain lists (what `project` returns as a networkx graph): nodes sorted by IRI with their
    attributes, edges (source, target, predicate's local name, attributes) sorted, and the graph's attributes."""

    nodes: list[tuple[str, dict]]
    edges: list[tuple[str, str, str, dict]]
    graph: dict

    def to_networkx(self) -> nx.MultiDiGraph:
        import networkx as nx

        out = nx.MultiDiGraph()
        out.add_nodes_from(self.nodes)
        out.add_edges_from(self.edges)
        out.graph.update(self.graph)
        return out


def assemble(facts: Facts, types: Iterable[str] | None = None, sources: Iterable[str] | None = None,
             observations: bool = False, documents: bool = False) -> nx.MultiDiGraph:
    """The projection of `facts` as a networkx MultiDiGraph (see the module docstring and `project`)."""
    return projection(facts, types=types, sources=sources, observations=observations, documents=documents).to_networkx()


def projection(facts: Facts, types: Iterable[str] | None = None, sources: Iterable[str] | None = None,
               observations: bool = False, documents: bool = False) -> Projection:
    """The projection of `facts` as a Projection (see the module docstring and `project`)."""
    hierarchy = facts.hierarchy
    in_graphs, selected, allowed = _scope(facts, types, sources)

    # Pass 1, over every document graph: classes, labels and observation subjects, which do not
    # depend on the documents selected.
    classes: dict[str, frozenset[str]] = {}  # one frozenset per combination of classes, shared by its subjects
    combos: dict[frozenset[str], frozenset[str]] = {}
    typed: dict[str, set[str]] = defaultdict(set)  # graph -> its subjects of rdf:type
    for g, s, c in facts.types:
        if g not in in_graphs:
            continue
        typed[g].add(s)
        if c.startswith(KG_IRI):
            both = classes.get(s, frozenset()) | {c[len(KG_IRI):]}
            classes[s] = combos.setdefault(both, both)
    # per node and language, the label of the first graph (then the least text): what sorting all rows gave
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for g, s, lang, text in facts.labels:
        if g in in_graphs:
            langs = found.get(s)
            if langs is None:
                found[s] = {lang: (g, text)}
            elif lang not in langs or (g, text) < langs[lang]:
                langs[lang] = (g, text)
    labels = {s: {lang: found[s][lang][1] for lang in sorted(found[s])} for s in found}
    del found
    links = [row for row in facts.links if row[0] in in_graphs]
    obs_subject = {s: o for _, s, p, o in links if p == KG_SUBJECT and o.startswith(RES_IRI)}

    def kind(term: str) -> str | None:
        """'entity', 'observation' or 'document' for a term that may be a node, else None."""
        if term.startswith(RES_IRI):
            return "entity"
        if term.startswith(OBS_IRI) and "Observation" in classes.get(term, ()):
            return "observation"
        if term.startswith(SRC_IRI) and "SourceDocument" in classes.get(term, ()):
            return "document"
        return None

    def node_for(term: str) -> str | None:
        k = kind(term)
        if k == "entity":
            return term
        if k == "observation":
            return term if observations else obs_subject.get(term)
        if k == "document":
            return term if documents else None
        return None

    # Pass 2, over the selected graphs: nodes and edges.
    nodes: set[str] = set()
    obs_count: dict[str, set[str]] = defaultdict(set)
    for g in selected:
        for s in typed.get(g, ()):
            k = kind(s)
            if k == "entity" or (k == "document" and documents) or (k == "observation" and observations):
                nodes.add(s)
            if k == "observation" and s in obs_subject:
                obs_count[obs_subject[s]].add(s)
    edges: dict[tuple[str, str, str], dict] = {}
    short: dict[str, str] = {}  # local names of the (few) predicates
    for g, s, p, o in links:
        if g not in selected:
            continue
        u, v = node_for(s), node_for(o)
        if u is None or v is None:
            continue
        folded = u != s
        if folded and (p == KG_SUBJECT or u == v):
            continue
        name = short.get(p) or short.setdefault(p, local_name(p))
        e = edges.get((u, v, name))
        if e is None:
            e = edges[(u, v, name)] = {"predicate": p, "source": set(), "observations": set()}
        e["source"].add(_stem(g))
        if folded:
            e["observations"].add(s)
        nodes.add(u)
        nodes.add(v)

    links.clear()  # not needed below: a big projection's peak memory
    typed.clear()

    def keep(n: str) -> bool:
        return allowed is None or most_specific(classes.get(n, ()), hierarchy) in allowed

    out_nodes = []
    for n in sorted(nodes):
        if not keep(n):
            continue
        lab = labels.get(n, {})
        zh = lab.get("zh-hans") or lab.get("zh-hant") or next((v for k, v in sorted(lab.items()) if k[:2] == "zh"), "")
        cls = most_specific(classes.get(n, ()), hierarchy)
        out_nodes.append((n, {"iri": n, "cls": cls, "label_en": lab.get("en", ""), "label_zh": zh,
                              "label": lab.get("en") or zh or local_name(n), "observations": len(obs_count.get(n, ()))}))
    kept = {n for n, _ in out_nodes}
    out_edges = []
    for (u, v, name), e in sorted(edges.items()):
        if u in kept and v in kept:
            attrs = {"predicate": e["predicate"], "source": sorted(e["source"])}
            if e["observations"]:
                attrs["observations"] = sorted(e["observations"])
            out_edges.append((u, v, name, attrs))
    return Projection(out_nodes, out_edges, {"kind": "kg projection", "observations_folded": not observations,
                                             "sources": sorted(_stem(x) for x in selected)})


def _scope(facts: Facts, types, sources) -> tuple[set[str], set[str], set[str] | None]:
    """The document graphs of `facts`, those `sources` selects, and the classes `types` allows (None: all)."""
    types = [types] if isinstance(types, str) else types
    sources = [sources] if isinstance(sources, str) else sources
    in_graphs = set(facts.graphs)
    stems = [g[len(SRC_IRI):] for g in facts.graphs if g.startswith(SRC_IRI)]
    selected = {SRC_IRI + s for s in _resolve_stems(stems, sources)} if sources is not None else in_graphs
    return in_graphs, selected, resolve_classes(types, facts.hierarchy) if types else None


@dataclass
class Network:
    """What centrality needs of a projection: its nodes' IRIs, sorted, and classes, one (source, target) pair of
    node positions per edge, in the projection's edge order, and the nodes' labels, read when asked for (a
    centrality shows a few rows of a big graph: its labels are most of a projection's reading)."""

    iris: list[str]
    classes: list[str]
    pairs: list[tuple[int, int]]
    label_of: Callable[[list[int]], list[str]]  # the labels of the nodes at these positions

    @classmethod
    def of(cls, nodes: list[tuple[str, str, str]], pairs: list[tuple[int, int]]) -> Network:
        """The Network of nodes given as (IRI, label, class), sorted by IRI."""
        labels = [label for _, label, _ in nodes]
        return cls([n for n, _, _ in nodes], [c for _, _, c in nodes], pairs, lambda at: [labels[i] for i in at])

    def labels(self, positions: Iterable[int] | None = None) -> list[str]:
        """The labels of the nodes at `positions` (default: of every node), as `projection` gives them."""
        return self.label_of(list(range(len(self.iris)) if positions is None else positions))

    @property
    def nodes(self) -> list[tuple[str, str, str]]:
        """Every node as (IRI, label, class)."""
        return list(zip(self.iris, self.labels(), self.classes))

    def to_networkx(self) -> nx.MultiDiGraph:
        """The nodes (attributes ``iri``, ``label``, ``cls``) and edges (no attributes) as networkx's graph."""
        import networkx as nx

        out = nx.MultiDiGraph()
        out.add_nodes_from((iri, {"iri": iri, "label": label, "cls": cls}) for iri, label, cls in self.nodes)
        out.add_edges_from((self.iris[u], self.iris[v]) for u, v in self.pairs)
        return out


def network(facts: Facts, types: Iterable[str] | None = None, sources: Iterable[str] | None = None,
            observations: bool = False, documents: bool = False) -> Network:
    """The nodes and edges of `projection(facts, ...)` (same options) without their other attributes: what a
    million-triple graph's centrality can afford. Reads each of the Facts' row streams once; the labels are read
    when the Network is asked for them if the Facts can read some subjects' labels only (`Facts.labels_of`)."""
    from collections import Counter
    from itertools import compress, repeat
    from operator import add, and_, is_not, itemgetter, mul, not_, or_

    hierarchy = facts.hierarchy
    in_graphs, selected, allowed = _scope(facts, types, sources)
    everything = selected.issuperset(in_graphs)
    # the types, column by column (in C: a million-triple graph types a hundred thousand subjects)
    if facts.type_columns is not None:
        g, s, c = facts.type_columns()
    else:
        g, s, c = [list(column) for column in zip(*facts.types)] or [[], [], []]
    if not in_graphs.issuperset(g):
        inside = list(map(in_graphs.__contains__, g))
        g, s, c = (list(compress(column, inside)) for column in (g, s, c))
    typed = set(s) if everything else set(compress(s, map(selected.__contains__, g)))  # in the selected graphs
    ours = _starts(c, KG_IRI)
    s, c = list(compress(s, ours)), list(compress(c, ours))
    del g, ours
    # each subject's kg classes (local names): one frozenset per combination, shared by its subjects
    one = {k: frozenset({k[len(KG_IRI):]}) for k in set(c)}
    classes = dict(zip(s, map(one.__getitem__, c)))
    if len(classes) < len(s):  # subjects typed more than once
        counts = Counter(s)
        again = list(map((1).__lt__, map(counts.__getitem__, s)))
        combos: dict[frozenset[str], frozenset[str]] = {}
        classes.update(zip(compress(s, again), repeat(frozenset())))
        for x, k in zip(compress(s, again), compress(c, again)):
            both = classes[x] | one[k]
            classes[x] = combos.setdefault(both, both)
    del s, c
    label = _labeller(facts.labels, in_graphs) if facts.labels_of is None else None

    def node_for(term: str) -> str | None:  # as in `projection`
        if term.startswith(RES_IRI):
            return term
        if term.startswith(OBS_IRI) and "Observation" in classes.get(term, ()):
            return term if observations else obs_subject.get(term)
        if term.startswith(SRC_IRI) and "SourceDocument" in classes.get(term, ()):
            return term if documents else None
        return None

    edges: set[tuple[str, str, str]] = set()
    later, obs_subject = [], {}  # links with an observation or a document, which wait for every observation's subject
    short: dict[str, str] = {}
    chunks = facts.link_columns
    if chunks is None:
        rows = list(facts.links)
        chunks = [tuple(map(list, zip(*rows)))] if rows else []
    for g, s, p, o in chunks:  # column by column, in C: a million-triple graph has hundreds of thousands of links
        if not in_graphs.issuperset(g):
            inside = list(map(in_graphs.__contains__, g))
            g, s, p, o = (list(compress(c, inside)) for c in (g, s, p, o))
        o_entity = _starts(o, RES_IRI)
        about = list(map(and_, map(KG_SUBJECT.__eq__, p), o_entity))
        if any(about):
            obs_subject.update(zip(compress(s, about), compress(o, about)))
        chosen = None if everything else list(map(selected.__contains__, g))
        both = list(map(and_, _starts(s, RES_IRI), o_entity))
        rest = list(map(not_, both))
        if chosen is not None:
            both, rest = list(map(and_, both, chosen)), list(map(and_, rest, chosen))
        for q in set(p):
            short.setdefault(q, local_name(q))
        edges.update(zip(compress(s, both), compress(o, both), compress(map(short.__getitem__, p), both)))
        if any(rest):
            s, p, o = (list(compress(column, rest)) for column in (s, p, o))
            keep = None
            if not documents:  # no document is a node, so nothing links to or from one
                keep = list(map(not_, map(or_, _starts(s, SRC_IRI), _starts(o, SRC_IRI))))
            if not observations:  # an observation's link to its subject folds into nothing
                folded = map(not_, map(and_, map(KG_SUBJECT.__eq__, p), _starts(s, OBS_IRI)))
                keep = list(folded) if keep is None else list(map(and_, keep, folded))
            later.extend(zip(s, p, o) if keep is None else zip(compress(s, keep), compress(p, keep), compress(o, keep)))
    if observations or documents:
        nodes = {s for s in typed if node_for(s) == s}
    else:  # entities alone are nodes of their own
        nodes = list(typed)
        nodes = set(compress(nodes, _starts(nodes, RES_IRI)))
    nodes.update(map(itemgetter(0), edges))
    nodes.update(map(itemgetter(1), edges))
    for s, p, o in later:
        u, v = node_for(s), node_for(o)
        if u is None or v is None or (u != s and (p == KG_SUBJECT or u == v)):
            continue
        edges.add((u, v, short.get(p) or short.setdefault(p, local_name(p))))
        nodes.add(u)
        nodes.add(v)
    del later, typed

    iris = sorted(nodes)
    del nodes
    combined = list(map(classes.get, iris, repeat(frozenset())))
    kinds = list(map({k: most_specific(k, hierarchy) for k in set(combined)}.__getitem__, combined))
    if allowed is not None:
        kept = list(map(allowed.__contains__, kinds))
        iris, kinds = list(compress(iris, kept)), list(compress(kinds, kept))
    index = dict(zip(iris, range(len(iris))))
    # the edges' (source, target) positions, in order: one number each, sorted (the projection's order, by
    # source, target and predicate, with the predicate dropped)
    us, vs = list(map(index.get, map(itemgetter(0), edges))), list(map(index.get, map(itemgetter(1), edges)))
    del edges
    if allowed is not None:
        kept = list(map(and_, map(is_not, us, repeat(None)), map(is_not, vs, repeat(None))))
        us, vs = list(compress(us, kept)), list(compress(vs, kept))
    width = len(iris)
    pairs = list(map(divmod, sorted(map(add, map(mul, us, repeat(width)), vs)), repeat(width)))

    def label_of(at: list[int]) -> list[str]:
        named = [iris[i] for i in at]
        pick = label or _labeller(facts.labels_of(named), in_graphs)
        return list(map(pick, named))

    return Network(iris, kinds, pairs, label_of)


def _starts(column: list[str], prefix: str) -> list[bool]:
    """Whether each string of `column` starts with `prefix`."""
    from itertools import repeat

    return list(map(str.startswith, column, repeat(prefix)))


def _labeller(rows: Iterable[tuple[str, str, str, str]], in_graphs: set[str]) -> Callable[[str], str]:
    """A node's label as `projection` gives it, from label rows (graph, subject, language, text): English, else
    Chinese (zh-Hans, zh-Hant, another zh tag), else the IRI's local name; per language, the label of the first
    graph, then the least text."""
    first: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)  # language -> subject -> (graph, label)
    for g, s, lang, text in rows:
        if g in in_graphs and (lang == "en" or lang[:2] == "zh"):
            old = first[lang].get(s)
            if old is None or (g, text) < old:
                first[lang][s] = (g, text)
    english = first.pop("en", {})
    zh_tags = sorted(first)

    def label(n: str) -> str:
        lab = {lang: first[lang][n][1] for lang in zh_tags if n in first[lang]}
        zh = lab.get("zh-hans") or lab.get("zh-hant") or next(iter(lab.values()), "")
        return english.get(n, ("", ""))[1] or zh or local_name(n)

    return label


def undirected(g: nx.Graph) -> nx.Graph:
    """A simple undirected view of a projection: one edge per linked pair, no self-loops.

    Each edge keeps ``predicates`` (sorted local names of the statements between the two, either way)
    and ``count`` (how many there are). Node attributes are copied.
    """
    import networkx as nx

    out = nx.Graph()
    out.add_nodes_from(g.nodes(data=True))
    if g.is_multigraph():
        triples = ((u, v, k) for u, v, k in g.edges(keys=True))
    else:
        triples = ((u, v, d.get("predicate", "")) for u, v, d in g.edges(data=True))
    for u, v, k in triples:
        if u == v:
            continue
        if out.has_edge(u, v):
            out[u][v]["predicates"].append(k)
            out[u][v]["count"] += 1
        else:
            out.add_edge(u, v, predicates=[k], count=1)
    for _, _, d in out.edges(data=True):
        d["predicates"] = sorted(set(d["predicates"]))
    return out


# ---------------------------------------------------------------- centrality


@dataclass
class CentralityRow:
    """One node's scores: its IRI, label, class and one score per metric."""

    iri: str
    label: str
    cls: str
    scores: dict[str, float]


@dataclass
class CentralityResult:
    """Scores of the top nodes, best first, and how they were computed."""

    metrics: list[str]
    sort_by: str
    rows: list[CentralityRow]
    nodes: int
    edges: int
    approximate: bool = False  # betweenness estimated from `sample_size` sampled sources
    sample_size: int | None = None
    seed: int = 42
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def parse_metrics(metric: str | Iterable[str]) -> list[str]:
    """'all', one metric or a comma-separated list, as a list of metric names in METRICS order."""
    names = [metric] if isinstance(metric, str) else list(metric)
    names = [n.strip().lower() for x in names for n in x.split(",") if n.strip()]
    if not names or "all" in names:
        return list(METRICS)
    bad = [n for n in names if n not in METRICS]
    if bad:
        raise QueryError(f"unknown centrality metric '{bad[0]}' (use one of: {', '.join(METRICS)}, all)")
    return [m for m in METRICS if m in names]


def _simple_directed(g: nx.Graph) -> nx.DiGraph:
    import networkx as nx

    if not g.is_directed():
        return g
    d = nx.DiGraph()
    d.add_nodes_from(g.nodes)
    d.add_edges_from((u, v) for u, v in g.edges())
    return d


def scores(
    g: nx.Graph,
    metric: str,
    k_sample_threshold: int = K_SAMPLE_THRESHOLD,
    k_samples: int = K_SAMPLES,
    seed: int = 42,
) -> tuple[dict[str, float], int | None]:
    """One metric for every node of `g`, and the sample size if betweenness was estimated (else None).

    degree, betweenness (normalised), eigenvector and closeness are computed on the undirected simple
    view; pagerank (alpha 0.85) on the directed graph with parallel edges merged.
    """
    import networkx as nx

    n = g.number_of_nodes()
    if n == 0:
        return {}, None
    big = n > k_sample_threshold  # big graphs go to igraph's C code when it is installed, same figures
    if metric == "pagerank":
        fast = _igraph_pagerank(g) if big else None
        return (fast if fast is not None else pagerank(_simple_directed(g))), None
    if metric == "betweenness" and big:
        k = min(n, k_samples, max(K_MIN_SAMPLES, K_WORK // max(g.number_of_edges(), 1)))
        fast = _igraph_betweenness(g, k, seed)
        if fast is None:
            u = undirected(g) if (g.is_directed() or g.is_multigraph()) else g
            fast = nx.betweenness_centrality(u, k=k, normalized=True, seed=seed)
        return fast, k
    u = undirected(g) if (g.is_directed() or g.is_multigraph()) else g
    if metric == "degree":
        return nx.degree_centrality(u), None
    if metric == "betweenness":
        return nx.betweenness_centrality(u, normalized=True), None
    if metric == "eigenvector":
        if u.number_of_edges() == 0:
            return dict.fromkeys(u, 0.0), None
        try:
            return nx.eigenvector_centrality(u, max_iter=1000, tol=1e-08), None
        except nx.PowerIterationFailedConvergence:
            try:
                return nx.eigenvector_centrality_numpy(u, max_iter=1000), None
            except ImportError:  # scipy is optional
                raise QueryError("eigenvector centrality did not converge on this graph "
                                 "(install scipy for the exact solver)") from None
    if metric == "closeness":
        return nx.closeness_centrality(u), None
    raise QueryError(f"unknown centrality metric '{metric}' (use one of: {', '.join(METRICS)}, all)")


def pagerank(g, alpha: float = 0.85, tol: float = 1.0e-6, max_iter: int = 100) -> dict[str, float]:
    """PageRank of a directed graph, as networkx computes it (dangling nodes spread their rank evenly), by
    power iteration in plain Python: scipy (networkx's way) is optional."""
    nodes = list(g)
    n = len(nodes)
    if n == 0:
        return {}
    out_degree = {v: g.out_degree(v) for v in nodes}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[v] for v in nodes if out_degree[v] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for v in nodes:
            if out_degree[v]:
                share = alpha * rank[v] / out_degree[v]
                for w in g.successors(v):
                    new[w] += share
        if sum(abs(new[v] - rank[v]) for v in nodes) < n * tol:
            return new
        rank = new
    return rank


def _igraph(g: nx.Graph, directed: bool):
    """`g` as an igraph Graph (nodes in `g`'s order) with parallel edges merged, or None without igraph.
    Undirected: self-loops dropped, as in `undirected`; directed: kept, as in `_simple_directed`."""
    igraph = load_igraph()
    if igraph is None:
        return None
    nodes = list(g.nodes())
    index = {x: i for i, x in enumerate(nodes)}
    h = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in g.edges()], directed=directed and g.is_directed())
    h.simplify(multiple=True, loops=not directed)
    return h, nodes, index


def _igraph_pagerank(g: nx.Graph) -> dict[str, float] | None:
    """networkx's PageRank (alpha 0.85, dangling nodes spread evenly) by igraph's PRPACK solver."""
    made = _igraph(g, directed=True)
    if made is None:
        return None
    h, nodes, _ = made
    return dict(zip(nodes, h.pagerank(damping=0.85, directed=g.is_directed())))


def _igraph_betweenness(g: nx.Graph, k: int, seed: int) -> dict[str, float] | None:
    """networkx's sampled betweenness (the same `k` sources drawn with `seed`, normalised the same way)
    computed by igraph's C code, 10-20 times faster on big projections; None without igraph."""
    n = g.number_of_nodes()
    made = _igraph(g, directed=False) if n > 2 and k > 1 else None
    if made is None:
        return None
    h, nodes, _ = made
    # networkx counts ordered pairs (igraph each pair once) and rescales sampled sources apart
    return dict(zip(nodes, _sampled_betweenness(h, nodes, k, seed)))


def centrality(
    g: nx.Graph,
    metric: str | Iterable[str] = "all",
    top: int | None = None,
    k_sample_threshold: int = K_SAMPLE_THRESHOLD,
    seed: int = 42,
    k_samples: int = K_SAMPLES,
    sort_by: str | None = None,
) -> CentralityResult:
    """Centrality of every node of a projection: rows (iri, label, class, scores), best first.

    `metric` is one of METRICS, a list of them, or 'all'. Rows are sorted by `sort_by` (default: the
    metric, or pagerank for several), then by label; `top` keeps the first rows. On graphs with more
    than `k_sample_threshold` nodes betweenness is estimated from `k_samples` source nodes drawn with
    `seed`, and the result says so (``approximate``, ``sample_size``, ``notes``).
    """
    metrics, by = _metrics_and_order(metric, sort_by)
    table: dict[str, dict[str, float]] = {}
    sample = None
    for m in metrics:
        values, k = scores(g, m, k_sample_threshold=k_sample_threshold, k_samples=k_samples, seed=seed)
        table[m] = values
        sample = k if k is not None else sample
    rows = []
    for n, d in g.nodes(data=True):
        rows.append(CentralityRow(iri=d.get("iri", str(n)), label=d.get("label") or d.get("label_en") or str(n),
                                  cls=d.get("cls", ""), scores={m: float(table[m].get(n, 0.0)) for m in metrics}))
    return _result(rows, metrics, by, top, sample, g.number_of_nodes(), g.number_of_edges(), seed, k_sample_threshold)


def _metrics_and_order(metric, sort_by: str | None) -> tuple[list[str], str]:
    metrics = parse_metrics(metric)
    by = sort_by or ("pagerank" if len(metrics) > 1 and "pagerank" in metrics else metrics[0])
    if by not in metrics:
        raise QueryError(f"cannot sort by '{by}': it is not among the metrics computed ({', '.join(metrics)})")
    return metrics, by


def _result(rows: list[CentralityRow], metrics: list[str], by: str, top: int | None, sample: int | None, nodes: int,
            edges: int, seed: int, k_sample_threshold: int) -> CentralityResult:
    # rounded, so that equal scores computed with different float noise tie, and the label decides
    rows.sort(key=lambda r: (-round(r.scores[by], 12), r.label.lower(), r.iri))
    if top is not None and top > 0:
        rows = rows[:top]
    notes = []
    if sample is not None:
        notes.append(f"betweenness estimated from {sample} of {nodes} nodes sampled with seed {seed} "
                     f"(exact above none; threshold {k_sample_threshold} nodes)")
    return CentralityResult(metrics=metrics, sort_by=by, rows=rows, nodes=nodes, edges=edges,
                            approximate=sample is not None, sample_size=sample, seed=seed, notes=notes)


def projection_centrality(
    net: Network,
    metric: str | Iterable[str] = "all",
    top: int | None = None,
    k_sample_threshold: int = K_SAMPLE_THRESHOLD,
    seed: int = 42,
    k_samples: int = K_SAMPLES,
    sort_by: str | None = None,
) -> CentralityResult:
    """`centrality(net.to_networkx(), ...)` computed by igraph straight from the Network's lists, without
    networkx (which is used when igraph is not installed): the same figures, to float rounding for degree,
    betweenness, eigenvector and closeness, and within networkx's 1e-6 tolerance for PageRank (igraph solves
    it exactly). Big graphs (over `k_sample_threshold` nodes) get the sampled betweenness of `scores`."""
    ig = load_igraph()
    if ig is None:
        return centrality(net.to_networkx(), metric, top=top, k_sample_threshold=k_sample_threshold, seed=seed,
                          k_samples=k_samples, sort_by=sort_by)
    metrics, by = _metrics_and_order(metric, sort_by)
    nodes = net.iris
    pairs = net.pairs
    n = len(nodes)
    made: dict[bool, object] = {}

    def simple(directed: bool):
        """Parallel edges merged; self-loops kept on the directed graph only (as `_simple_directed`, `undirected`)."""
        if directed not in made:
            with _hidden("numpy"):  # igraph's constructor imports numpy (0.1-0.2 s) only to test for an array
                h = ig.Graph(n=n, edges=pairs, directed=directed)
            h.simplify(multiple=True, loops=not directed)
            made[directed] = h
        return made[directed]

    table: dict[str, list[float]] = {}
    sample = None
    for m in metrics:
        if n == 0:
            table[m] = []
        elif m == "degree":
            scale = 1 / (n - 1) if n > 1 else None
            table[m] = [d * scale for d in simple(False).degree()] if scale else [1.0] * n
        elif m == "pagerank":
            table[m] = simple(True).pagerank(damping=0.85, directed=True)
        elif m == "betweenness" and n > k_sample_threshold:
            sample = min(n, k_samples, max(K_MIN_SAMPLES, K_WORK // max(len(pairs), 1)))
            table[m] = _sampled_betweenness(simple(False), nodes, sample, seed)
        elif m == "betweenness":
            raw = simple(False).betweenness(directed=False)
            scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 1.0
            table[m] = [b * scale for b in raw]
        elif m == "eigenvector":
            table[m] = _eigenvector(simple(False))
            if table[m] is None:  # the power iteration did not converge: networkx's numpy solver, as `scores`
                values, _ = scores(net.to_networkx(), "eigenvector")
                table[m] = [values[x] for x in nodes]
        else:
            table[m] = _closeness(simple(False), n)
    shown = _leaders(table[by], top)
    rows = [CentralityRow(iri=nodes[i], label=label, cls=net.classes[i], scores={m: float(table[m][i]) for m in metrics})
            for i, label in zip(shown, net.labels(shown))]
    return _result(rows, metrics, by, top, sample, n, len(pairs), seed, k_sample_threshold)


def _leaders(values: list[float], top: int | None) -> list[int]:
    """The positions of the values that may rank among the `top` best in `_result` (all of them if `top` is None):
    the best `top`, and those tied with the last of them, whose labels decide."""
    import heapq

    if not top or top <= 0 or top >= len(values):
        return list(range(len(values)))
    keys = [-round(float(v), 12) for v in values]
    last = heapq.nsmallest(top, keys)[-1]
    return [i for i, k in enumerate(keys) if k <= last]


def load_igraph():
    """The igraph module, or None when it is not installed. igraph's drawing code imports matplotlib if it
    can, about half a second that centrality does not need: unless matplotlib is loaded already, it is hidden
    while igraph is first imported (igraph's own matplotlib plotting is then unavailable in this process)."""
    import sys

    if "igraph" in sys.modules:
        return sys.modules["igraph"]
    try:
        with _hidden("matplotlib"):
            import igraph
    except ImportError:
        return None
    return igraph


@contextmanager
def _hidden(name: str):
    """Importing the module `name` fails inside this block, unless it is imported already."""
    import sys

    hide = name not in sys.modules
    if hide:
        sys.modules[name] = None  # an import of it raises ImportError
    try:
        yield
    finally:
        if hide and sys.modules.get(name, 0) is None:
            del sys.modules[name]


def _sampled_betweenness(h, nodes: list[str], k: int, seed: int) -> list[float]:
    """networkx's sampled betweenness: the `k` sources it draws with `seed`, normalised as it does."""
    import random

    n = len(nodes)
    if n <= 2 or k <= 1:
        return [0.0] * n
    index = {x: i for i, x in enumerate(nodes)}
    sources = random.Random(seed).sample(nodes, k)
    raw = h.betweenness(directed=False, sources=[index[x] for x in sources])
    drawn = set(sources)
    return [2 * b / ((k - 1 if x in drawn else k) * (n - 2)) for x, b in zip(nodes, raw)]


def _eigenvector(h) -> list[float] | None:
    """networkx's eigenvector centrality (unit length) by its very power iteration on A + I (tolerance 1e-8
    per node, at most 1000 rounds; None if it does not converge); big graphs iterate with scipy when it is
    installed."""
    import math

    n = h.vcount()
    if h.ecount() == 0:
        return [0.0] * n
    if n > K_SAMPLE_THRESHOLD:
        try:
            import numpy as np
            from scipy import sparse
        except ImportError:
            pass
        else:
            pairs = np.array(h.get_edgelist(), dtype=np.int64).reshape(-1, 2)
            rows, cols = np.concatenate([pairs[:, 0], pairs[:, 1]]), np.concatenate([pairs[:, 1], pairs[:, 0]])
            a = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
            x = np.full(n, 1 / n)
            for _ in range(1000):
                last = x
                x = last + a @ last
                x /= np.linalg.norm(x) or 1.0
                if np.abs(x - last).sum() < n * 1e-08:
                    return x.tolist()
            return None
    adjacent = h.get_adjlist()
    x = [1 / n] * n
    for _ in range(1000):
        last = x
        x = [last[i] + sum(last[j] for j in adjacent[i]) for i in range(n)]
        norm = math.hypot(*x) or 1.0
        x = [v / norm for v in x]
        if sum(abs(a - b) for a, b in zip(x, last)) < n * 1e-08:
            return x
    return None


def _closeness(h, n: int) -> list[float]:
    """networkx's closeness (Wasserman-Faust: scaled by the share of the graph a node reaches)."""
    if n <= 1:
        return [0.0] * n
    raw = h.closeness(normalized=True)  # (reached - 1) / total distance, within the node's component
    sizes = h.connected_components().sizes()
    member = h.connected_components().membership
    out = []
    for i, c in enumerate(raw):
        reached = sizes[member[i]]
        out.append(0.0 if reached <= 1 or c != c else c * (reached - 1) / (n - 1))
    return out


def add_centralities(g: nx.Graph, metrics: Iterable[str] = METRICS, **kwargs) -> dict[str, int | None]:
    """Store each metric's score as a node attribute of `g` (in place); returns sample sizes used."""
    used = {}
    for m in metrics:
        values, k = scores(g, m, **kwargs)
        used[m] = k
        for n in g.nodes:
            g.nodes[n][m] = float(values.get(n, 0.0))
    return used


# ---------------------------------------------------------------- finding an entity by name


def find_entity(ds: Dataset, name: str) -> URIRef:
    """The entity `name` denotes: an id (`dingtalk`), `kgr:dingtalk`, its IRI, or a name or alias in any
    language (`DingTalk`, `钉钉`). Raises NotFound with did-you-mean suggestions."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, RDFS, SKOS

    from kg.namespaces import RES

    text = name.strip()
    if text.startswith(str(RES)):
        ident = text[len(str(RES)):]
    else:
        ident = text.removeprefix("kgr:")
    names: dict[str, set[URIRef]] = defaultdict(set)
    ids: dict[str, URIRef] = {}
    for s, p, o, _ in ds.quads((None, None, None, None)):
        if not (isinstance(s, URIRef) and s.startswith(RES_IRI)):
            continue
        if p == RDF.type:
            ids[s[len(str(RES)):]] = s
        elif p in (RDFS.label, SKOS.altLabel) and isinstance(o, Literal):
            names[str(o).casefold()].add(s)
    if ident in ids:
        return ids[ident]
    hits = names.get(text.casefold(), set())
    if len(hits) == 1:
        return next(iter(hits))
    if len(hits) > 1:
        options = sorted(h[len(str(RES)):] for h in hits)
        raise NotFound(f"'{name}' names several entities; give an id", suggestions=options)
    pool = list(ids) + list(names)
    close = difflib.get_close_matches(text.casefold(), [p.casefold() for p in pool], n=5, cutoff=0.6)
    close += [i for i in sorted(ids) if text.casefold() in i and i not in close][:5]
    suggestions: list[str] = []
    for c in close:
        for iri in ([ids[c]] if c in ids else sorted(names.get(c, ()), key=str)):
            ident = iri[len(str(RES)):]
            if ident not in suggestions:
                suggestions.append(ident)
    raise NotFound(f"no entity named '{name}'", suggestions=suggestions[:5])
