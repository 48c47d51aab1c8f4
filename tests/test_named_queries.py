"""Every named query runs, and rdflib and Oxigraph give the same answers (two independent engines)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pyoxigraph as ox
import pytest

from kg.sparql.named import named_queries, parse_rq
from kg.terms import NUMERIC

NAMED = sorted(named_queries())


@pytest.fixture(scope="module")
def engines(build_dir):
    from kg.graph import open_graph
    from tests.conftest import FACTS

    return open_graph(FACTS, build_dir, engine="oxigraph"), open_graph(FACTS, build_dir, engine="rdflib")


def norm(t):
    if t is None:
        return None
    if isinstance(t, ox.Literal) and t.datatype and t.datatype.value in NUMERIC:
        return ("num", Decimal(t.value))
    if isinstance(t, ox.Literal):
        return ("lit", t.value, t.language.lower() if t.language else None)  # stores differ in tag case
    return ("iri", t.value)


def test_at_least_25_named_queries_with_headers():
    assert len(NAMED) >= 25
    for q in named_queries().values():
        assert q.title and q.description and q.aliases


@pytest.mark.parametrize("name", NAMED)
def test_engines_agree(engines, name):
    ox_graph, rdf_graph = engines
    a, b = ox_graph.query(name), rdf_graph.query(name)
    ca = Counter(tuple(norm(t) for t in row) for row in a.rows)
    cb = Counter(tuple(norm(t) for t in row) for row in b.rows)
    assert ca == cb
    assert a.rows, f"{name} returned nothing on the seed graph"


def test_malformed_param_header(tmp_path):
    f = tmp_path / "bad.rq"
    f.write_text("# title: Bad\n# param: x banana\nSELECT * WHERE { ?s ?p ?o }\n")
    from kg.errors import QueryError

    with pytest.raises(QueryError, match="bad.rq:2: malformed parameter"):
        parse_rq(f)
