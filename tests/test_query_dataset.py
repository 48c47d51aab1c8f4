"""FROM and FROM NAMED select kg's own graphs, identically on both engines; a graph kg does not have is
refused (an engine would fetch it or read it from disk) unless --allow-network."""

from __future__ import annotations

import pytest

from kg.build.names import Index
from kg.errors import QueryError
from kg.graph import KnowledgeGraph
from kg.iris import BASE
from kg.sparql.engine import OxigraphEngine, RdflibEngine

DOC = BASE + "source/000_a3adda4dcaacb95c"
ONTOLOGY = BASE + "ontology"


@pytest.fixture(scope="module")
def engines(seed_build):
    index = Index.load(seed_build.path)
    return {"oxigraph": KnowledgeGraph(seed_build, OxigraphEngine.for_build(seed_build), index),
            "rdflib": KnowledgeGraph(seed_build, RdflibEngine(seed_build.dataset()), index)}


def counts(graph, query: str) -> list:
    return [tuple(t.value if t is not None else None for t in row) for row in graph.sparql(query).rows]


QUERIES = [
    f"SELECT (COUNT(*) AS ?n) FROM <{DOC}> WHERE {{ ?s ?p ?o }}",
    "SELECT (COUNT(*) AS ?n) FROM src:000_a3adda4dcaacb95c WHERE { ?s ?p ?o }",
    f"SELECT (COUNT(*) AS ?n) FROM <{DOC}> FROM <{ONTOLOGY}> WHERE {{ ?s ?p ?o }}",
    f"SELECT ?g (COUNT(*) AS ?n) FROM NAMED <{DOC}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g",
    f"SELECT (COUNT(*) AS ?n) FROM NAMED <{DOC}> WHERE {{ ?s ?p ?o }}",
    f"ASK FROM <{ONTOLOGY}> {{ ?s a kg:Company }}",
]


@pytest.mark.parametrize("query", QUERIES)
def test_from_selects_kgs_graph_on_both_engines_alike(engines, query):
    here, there = engines["oxigraph"], engines["rdflib"]
    if query.startswith("ASK"):
        assert here.sparql(query).boolean is there.sparql(query).boolean is False
        return
    assert counts(here, query) == counts(there, query)


def test_from_one_document_counts_that_document_only(engines, seed_build):
    whole = counts(engines["oxigraph"], "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0][0]
    one = counts(engines["oxigraph"], f"SELECT (COUNT(*) AS ?n) FROM <{DOC}> WHERE {{ ?s ?p ?o }}")[0][0]
    named = counts(engines["oxigraph"], f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{DOC}> {{ ?s ?p ?o }} }}")[0][0]
    assert one == named and 0 < int(one) < int(whole)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("clause", ["FROM <urn:nothing>", "FROM NAMED <http://example.org/g>", "FROM <file:///etc/hostname>"])
def test_from_a_graph_kg_does_not_have_is_refused(engines, engine, clause):
    with pytest.raises(QueryError, match="is not one of kg's graphs.*--allow-network"):
        engines[engine].sparql(f"SELECT * {clause} WHERE {{ ?s ?p ?o }}")


def test_the_word_from_in_a_literal_is_harmless(engines):
    for graph in engines.values():
        assert graph.sparql('SELECT ?x WHERE { BIND("FROM <urn:x> SERVICE" AS ?x) }').rows[0][0].value.startswith("FROM")
