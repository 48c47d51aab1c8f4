"""Turn a checked FactSet into an rdflib Dataset: one named graph per source document, one for the
ontology and one for the metrics vocabulary.

Each triple a document states is kept in that document's graph together with a provenance record
(an rdf:Statement node naming the document and paragraphs), so a union query can still say where any
triple came from. Observations carry their document and paragraph directly.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.build.loader import FactSet
from kg.build.store import stabilize_blank_nodes
from kg.namespaces import KG, METRICS_GRAPH, ONTOLOGY_GRAPH, SRC, STMT, bind_prefixes


def statement_iri(doc: str, s: URIRef, p: URIRef, o) -> URIRef:
    """A stable IRI for the provenance record of triple (s, p, o) in document `doc`."""
    key = f"{doc}|{s.n3()}|{p.n3()}|{o.n3()}".encode()
    return STMT[hashlib.sha1(key).hexdigest()[:16]]


def compile_dataset(facts: FactSet, ontology: Graph) -> Dataset:
    ds = Dataset()
    bind_prefixes(ds)
    onto = ds.graph(ONTOLOGY_GRAPH)
    for t in ontology:
        onto.add(t)
    stabilize_blank_nodes(onto)
    metrics = ds.graph(METRICS_GRAPH)
    for t in facts.metric_triples:
        metrics.add(t)

    paras: dict[tuple[str, URIRef, URIRef, object], set[int]] = defaultdict(set)
    for c in facts.claims:
        paras[(c.doc, c.s, c.p, c.o)].update(c.paras)
    for (doc, s, p, o), ps in paras.items():
        g = ds.graph(SRC[doc])
        g.add((s, p, o))
        st = statement_iri(doc, s, p, o)
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        g.add((st, PROV.wasDerivedFrom, SRC[doc]))
        for n in ps:
            g.add((st, KG.paragraph, Literal(n, datatype=XSD.positiveInteger)))

    labels = _labels(ds)
    for iri, (doc, pairs, _) in facts.observations.items():
        g = ds.graph(SRC[doc])
        for p, o in pairs:
            g.add((iri, p, o))
        for lit in _observation_labels(dict(pairs), labels):
            g.add((iri, RDFS.label, lit))
    return ds


def _labels(ds: Dataset) -> dict[tuple[URIRef, str], str]:
    out: dict[tuple[URIRef, str], str] = {}
    for s, _, o, _ in ds.quads((None, RDFS.label, None, None)):
        if isinstance(o, Literal) and o.language:
            out.setdefault((s, o.language), str(o))
    return out


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
