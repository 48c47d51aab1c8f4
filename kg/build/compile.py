"""Turn a checked FactSet into an rdflib Dataset: one named graph per source document, one for the
ontology and one for the metrics vocabulary.

Each triple a document states is kept in that document's graph together with a provenance record
(an rdf:Statement node naming the document and paragraphs), so a union query can still say where any
triple came from. Observations carry their document and paragraph directly.
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.build.loader import FactSet
from kg.build.store import stabilize_blank_nodes
from kg.namespaces import KG, METRICS_GRAPH, ONTOLOGY_GRAPH, SRC, STMT, bind_prefixes


@functools.lru_cache(maxsize=1 << 16)  # asked again for every stated triple by kg.build.stats
def statement_iri(doc: str, s: URIRef, p: URIRef, o) -> URIRef:
    """A stable IRI for the provenance record of triple (s, p, o) in document `doc`."""
    key = f"{doc}|{s.n3()}|{p.n3()}|{o.n3()}".encode()
    return STMT[hashlib.sha1(key).hexdigest()[:16]]


def compile_dataset(facts: FactSet, ontology: Graph, only: set[str] | None = None) -> Dataset:
    """The FactSet as a Dataset: the ontology's graph, the metrics graph and one graph per source document;
    `only` (graph IRIs) compiles those graphs alone."""
    ds = Dataset()
    bind_prefixes(ds)
    if only is None or str(ONTOLOGY_GRAPH) in only:
        onto = ds.graph(ONTOLOGY_GRAPH)
        for t in ontology:
            onto.add(t)
        stabilize_blank_nodes(onto)
    for iri, triples in compile_graphs(facts, only).items():
        g = ds.graph(iri)
        for t in triples:
            g.add(t)
    return ds


def compiled_graphs(facts: FactSet, ontology: Graph) -> dict:
    """Every graph of `compile_dataset` by IRI, without a Dataset (several times faster): the ontology's an rdflib
    Graph (its blank nodes named after their content), the others `Triples`."""
    onto = Graph(identifier=ONTOLOGY_GRAPH)
    for t in ontology:
        onto.add(t)
    stabilize_blank_nodes(onto)
    return {ONTOLOGY_GRAPH: onto, **{iri: Triples(iri, ts) for iri, ts in compile_graphs(facts).items()}}


def compile_graphs(facts: FactSet, only: set[str] | None = None) -> dict[URIRef, dict[tuple, None]]:
    """The triples of the metrics graph and of each source document's graph, by graph IRI (`only`: those graphs
    alone), each graph's in the order they are made (a dict as an ordered set); the ontology's graph is the
    ontology itself."""
    out: dict[URIRef, dict[tuple, None]] = {}
    if only is None or str(METRICS_GRAPH) in only:
        out[METRICS_GRAPH] = dict.fromkeys(facts.metric_triples)

    docs = {doc: SRC[doc] for doc in {c.doc for c in facts.claims} | {d for d, _, _ in facts.observations.values()}}
    wanted = {doc for doc, iri in docs.items() if only is None or str(iri) in only}
    # rdflib's namespace attributes are slow to look up: once, not per triple
    a, statement, subject, predicate, object_ = RDF.type, RDF.Statement, RDF.subject, RDF.predicate, RDF.object
    derived, paragraph, positive, label = PROV.wasDerivedFrom, KG.paragraph, XSD.positiveInteger, RDFS.label
    paras: dict[tuple[str, URIRef, URIRef, object], set[int]] = defaultdict(set)
    for c in facts.claims:
        if c.doc in wanted:
            paras[(c.doc, c.s, c.p, c.o)].update(c.paras)
    for (doc, s, p, o), ps in paras.items():
        g = out.setdefault(docs[doc], {})
        g[(s, p, o)] = None
        st = statement_iri(doc, s, p, o)
        g[(st, a, statement)] = None
        g[(st, subject, s)] = None
        g[(st, predicate, p)] = None
        g[(st, object_, o)] = None
        g[(st, derived, docs[doc])] = None
        for n in ps:
            g[(st, paragraph, Literal(n, datatype=positive))] = None

    labels = _labels(facts)
    for iri, (doc, pairs, _) in facts.observations.items():
        if doc not in wanted:
            continue
        g = out.setdefault(docs[doc], {})
        for p, o in pairs:
            g[(iri, p, o)] = None
        for lit in _observation_labels(dict(pairs), labels):
            g[(iri, label, lit)] = None
    return out


def nquads_lines(graphs: dict) -> list[str]:
    """The N-Quads lines of `graphs` (IRI -> triples: `compile_graphs`, `compiled_graphs`), sorted: each as rdflib's
    N-Quads writer spells it (kg.build.serialize.rdf_bytes: Literal.n3 aside, its _quoteLiteral), without building
    a Dataset; each term object is spelled once (a subject recurs on many lines)."""
    from rdflib.plugins.serializers.nt import _quoteLiteral

    spelled: dict[int, str] = {}  # by id(): the terms stay alive in `graphs` meanwhile

    def term(t) -> str:
        text = spelled.get(id(t))
        if text is None:
            if type(t) is URIRef and not any(c in t for c in _NOT_IN_IRI):
                text = f"<{t}>"
            else:  # rdflib's own checks and spelling (and its error for an IRI it cannot write)
                text = _quoteLiteral(t) if isinstance(t, Literal) else t.n3()
            spelled[id(t)] = text
        return text

    rows = [f"{term(s)} {term(p)} {term(o)} {term(g)} .\n" for g, ts in graphs.items() for s, p, o in ts]
    text = "".join(rows).encode("utf-8", "replace").decode("utf-8")
    return sorted({line for line in text.splitlines() if line.strip()})  # as rdf_bytes splits and sorts them


_NOT_IN_IRI = '<>" {}|\\^`'  # rdflib.term._invalid_uri_chars: URIRef.n3 refuses these


class Triples:
    """One graph of `compile_graphs` as kg.build.stats.stats_part and kg.build.names.index_part read a graph
    (its identifier, length, triples, subjects, and membership with None for any object), without rdflib's store."""

    def __init__(self, identifier: URIRef, triples: dict[tuple, None]):
        self.identifier = identifier
        self._triples = triples
        self._pairs = {(s, p) for s, p, _ in triples}

    def __len__(self) -> int:
        return len(self._triples)

    def __iter__(self):
        return iter(self._triples)

    def __contains__(self, triple) -> bool:
        s, p, o = triple
        return (s, p) in self._pairs if o is None else triple in self._triples

    def triples(self, pattern):
        if pattern != (None, None, None):
            raise ValueError("Triples reads every triple only")
        return iter(self._triples)

    def subjects(self, predicate, obj):
        return iter({s: None for s, p, o in self._triples if p == predicate and o == obj})


def _labels(facts: FactSet) -> dict[tuple[URIRef, str], str]:
    """The language-tagged labels of entities, documents and metrics, for the observations' own labels: per
    thing and language the first in code-point order, should a thing have several."""
    found: dict[tuple[URIRef, str], set[str]] = defaultdict(set)
    label = RDFS.label  # rdflib's namespace attributes are slow to look up: once, not per triple
    for s, p, o in [(c.s, c.p, c.o) for c in facts.claims if c.p == label] + list(facts.metric_triples):
        if p == label and isinstance(o, Literal) and o.language:
            found[(s, o.language)].add(str(o))
    return {key: min(texts) for key, texts in found.items()}


def graph_digests(facts: FactSet) -> dict[str, str]:
    """A digest of what each source document's graph and the metrics graph are compiled from, by graph IRI: the
    claims (with their paragraphs) and observations a graph gets, and the labels its observations' labels are
    made of. A graph whose digest did not change compiles to the same triples (kg.build.pipeline reuses them)."""
    parts: dict[str, list[str]] = defaultdict(list)
    graph = {doc: str(SRC[doc]) for doc in {c.doc for c in facts.claims} | {d for d, _, _ in facts.observations.values()}}
    for c in facts.claims:
        parts[graph[c.doc]].append(f"{c.s.n3()} {c.p.n3()} {c.o.n3()} {sorted(c.paras)}")
    labels = _labels(facts)
    subject, metric = KG.subject, KG.metric
    for iri, (doc, pairs, _) in facts.observations.items():
        fields = dict(pairs)
        used = [labels.get((fields.get(subject), lang)) or labels.get((fields.get(subject), "en"))
                for lang in ("en", "zh-Hans")] + [labels.get((fields.get(metric), lang))
                                                  or labels.get((fields.get(metric), "en")) for lang in ("en", "zh-Hans")]
        parts[graph[doc]].append(f"{iri.n3()} {sorted((p.n3(), o.n3()) for p, o in pairs)} {used}")
    parts[str(METRICS_GRAPH)] = [f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in facts.metric_triples]
    return {g: hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest() for g, lines in sorted(parts.items())}


def _observation_labels(fields: dict, labels: dict[tuple[URIRef, str], str]) -> list[Literal]:
    """'DingTalk: users 2021-08-31' in English and Chinese, from the labels of subject and metric."""
    out = []
    for lang in ("en", "zh-Hans"):
        subject = labels.get((fields[KG.subject], lang)) or labels.get((fields[KG.subject], "en"), "")
        metric = labels.get((fields[KG.metric], lang)) or labels.get((fields[KG.metric], "en"), "")
        when = f" {fields[KG.time]}" if KG.time in fields else ""
        sep = "：" if lang.startswith("zh") else ": "
        out.append(Literal(f"{subject}{sep}{metric}{when}", lang=lang))
    return out
