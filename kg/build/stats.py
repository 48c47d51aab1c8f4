"""Counts that say what a compiled graph holds: per class, per source document, per label language,
and how many statements carry their source and paragraph.

They are summed from one part per named graph (`stats_part`), so that an incremental build counts again only
the graphs it compiled again (kg.build.pipeline keeps the parts of a build beside it).
"""

from __future__ import annotations

from collections import Counter

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.build.compile import statement_iri
from kg.namespaces import KG, ONTOLOGY_GRAPH, RES, SRC, STMT


def compute_stats(ds: Dataset) -> dict:
    """The stats of every graph of `ds`."""
    return merge_stats({str(g.identifier): stats_part(g) for g in ds.graphs()})


def stats_part(g) -> dict:
    """What one named graph adds to the stats (JSON: terms as N-Triples text)."""
    part: dict = {"triples": len(g)}
    if g.identifier == ONTOLOGY_GRAPH:
        return part
    labels = set()
    if not str(g.identifier).startswith(str(SRC)):
        for s, p, o in g.triples((None, None, None)):
            if p in (RDFS.label, SKOS.altLabel) and isinstance(o, Literal):
                labels.add((s.n3(), p.n3(), o.n3(), o.language or "none"))
        part["labels"] = sorted(labels)
        return part
    stem = str(g.identifier)[len(str(SRC)):]
    doc_iri = g.identifier
    obs = set(g.subjects(RDF.type, KG.Observation))
    types, doc_entities = set(), set()
    total = with_source = with_para = 0
    # rdflib's namespace attributes are slow to look up: once, not per triple
    a, label, alias, reported, paragraph, derived = RDF.type, RDFS.label, SKOS.altLabel, KG.reportedIn, KG.paragraph, PROV.wasDerivedFrom
    stmt, res, kg = str(STMT), str(RES), str(KG)
    for s, p, o in g:
        if s.startswith(stmt):
            continue
        if (p == label or p == alias) and isinstance(o, Literal):
            labels.add((s.n3(), p.n3(), o.n3(), o.language or "none"))
        if p == a and s.startswith(res) and isinstance(o, URIRef) and o.startswith(kg):
            types.add((str(s), o[len(kg):]))
        for t in (s, o):
            if isinstance(t, URIRef) and t.startswith(res):
                doc_entities.add(t)
        total += 1
        if s in obs:
            with_source += (s, reported, doc_iri) in g
            with_para += (s, paragraph, None) in g
        else:
            st = statement_iri(stem, s, p, o)
            if (st, derived, doc_iri) in g:
                with_source += 1
                with_para += (st, paragraph, None) in g or s == doc_iri
    part.update(labels=sorted(labels), types=sorted(types), observations=len(obs),
                document={"statements": total, "observations": len(obs), "entities": len(doc_entities)},
                provenance=[total, with_source, with_para])
    return part


def merge_stats(parts: dict[str, dict]) -> dict:
    """The stats of a graph from its graphs' parts (`stats_part`), in graph order: an entity typed with two
    classes counts for the first in that order."""
    classes: Counter[str] = Counter()
    entities: set[str] = set()
    labels: set[tuple] = set()
    documents: dict[str, dict[str, int]] = {}
    total = with_source = with_para = observations = triples = 0
    for iri, part in sorted(parts.items()):
        triples += part["triples"]
        labels.update(tuple(x) for x in part.get("labels", ()))
        for s, cls in part.get("types", ()):
            if s not in entities:
                classes[cls] += 1
                entities.add(s)
        if "document" in part:
            documents[iri[len(str(SRC)):]] = part["document"]
            observations += part["observations"]
            total, with_source, with_para = (a + b for a, b in zip((total, with_source, with_para), part["provenance"]))
    return {
        "triples": triples,
        "entities": len(entities),
        "classes": dict(sorted(classes.items(), key=lambda kv: (-kv[1], kv[0]))),
        "observations": observations,
        "documents": dict(sorted(documents.items())),
        "labels": dict(sorted(Counter(x[3] for x in labels).items())),
        "provenance": {"statements": total, "with_source": with_source, "with_paragraph": with_para},
    }
