"""Counts that say what a compiled graph holds: per class, per source document, per label language,
and how many statements carry their source and paragraph."""

from __future__ import annotations

from collections import Counter

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.build.compile import statement_iri
from kg.namespaces import KG, ONTOLOGY_GRAPH, RES, SRC, STMT


def compute_stats(ds: Dataset) -> dict:
    classes: Counter[str] = Counter()
    entities: set[URIRef] = set()
    labels: Counter[str] = Counter()
    seen_labels: set = set()
    documents: dict[str, dict[str, int]] = {}
    total = with_source = with_para = 0
    observations = 0
    triples = 0
    for g in ds.graphs():
        n = len(g)
        triples += n
        if g.identifier == ONTOLOGY_GRAPH or not str(g.identifier).startswith(str(SRC)):
            if g.identifier != ONTOLOGY_GRAPH:
                for s, p, o in g.triples((None, None, None)):
                    if p in (RDFS.label, SKOS.altLabel) and isinstance(o, Literal) and (s, p, o) not in seen_labels:
                        seen_labels.add((s, p, o))
                        labels[o.language or "none"] += 1
            continue
        stem = str(g.identifier)[len(str(SRC)):]
        doc_iri = g.identifier
        obs = set(g.subjects(RDF.type, KG.Observation))
        observations += len(obs)
        doc_entities = set()
        stmts = 0
        for s, p, o in g:
            if str(s).startswith(str(STMT)):
                continue
            if p in (RDFS.label, SKOS.altLabel) and isinstance(o, Literal) and (s, p, o) not in seen_labels:
                seen_labels.add((s, p, o))
                labels[o.language or "none"] += 1
            if p == RDF.type and str(s).startswith(str(RES)) and isinstance(o, URIRef) and o.startswith(str(KG)):
                if s not in entities:
                    classes[o[len(str(KG)):]] += 1
                entities.add(s)
            for t in (s, o):
                if isinstance(t, URIRef) and str(t).startswith(str(RES)):
                    doc_entities.add(t)
            total += 1
            stmts += 1
            if s in obs:
                with_source += (s, KG.reportedIn, doc_iri) in g
                with_para += (s, KG.paragraph, None) in g
            else:
                st = statement_iri(stem, s, p, o)
                if (st, PROV.wasDerivedFrom, doc_iri) in g:
                    with_source += 1
                    with_para += (st, KG.paragraph, None) in g or s == doc_iri
        documents[stem] = {"statements": stmts, "observations": len(obs), "entities": len(doc_entities)}
    return {
        "triples": triples,
        "entities": len(entities),
        "classes": dict(sorted(classes.items(), key=lambda kv: (-kv[1], kv[0]))),
        "observations": observations,
        "documents": dict(sorted(documents.items())),
        "labels": dict(sorted(labels.items())),
        "provenance": {"statements": total, "with_source": with_source, "with_paragraph": with_para},
    }
