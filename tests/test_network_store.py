"""Centrality straight from the store (kg.network.analysis.network: nodes, labels, classes and index pairs, then
igraph; no networkx) gives the full projection's figures."""

from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import RDF, RDFS

from kg.namespaces import KG, OBS, RES, SRC
from kg.network.analysis import (
    Network,
    build_network,
    centrality,
    dataset_facts,
    network,
    project_build,
    projection,
    projection_centrality,
)
from tests.test_network import ENTITIES, make_dataset

pytest.importorskip("igraph")


def agree(fast, slow, pagerank_tol: float = 2e-5) -> None:
    """Two CentralityResults give the same nodes, labels, classes and (to rounding) scores."""
    assert (fast.nodes, fast.edges, fast.sample_size, fast.notes) == (slow.nodes, slow.edges, slow.sample_size, slow.notes)
    got, want = {r.iri: r for r in fast.rows}, {r.iri: r for r in slow.rows}
    assert got.keys() == want.keys()
    assert {n: (r.label, r.cls) for n, r in got.items()} == {n: (r.label, r.cls) for n, r in want.items()}
    for m in fast.metrics:
        tol = pagerank_tol if m == "pagerank" else 1e-12  # networkx stops its PageRank iteration at 1e-6 per node
        assert max((abs(got[n].scores[m] - want[n].scores[m]) for n in got), default=0.0) <= tol, m


def same_as_networkx(net: Network, **options) -> None:
    agree(projection_centrality(net, **options), centrality(net.to_networkx(), **options))


@pytest.mark.parametrize("options", [{}, {"observations": True, "documents": True}, {"types": ["Company"]},
                                     {"sources": ["000"]}])
def test_seed_centrality_from_the_store_equals_the_full_projection(seed_build, options):
    agree(projection_centrality(build_network(seed_build, **options)), centrality(project_build(seed_build, **options)))


def test_sampled_betweenness_on_a_big_graph_draws_the_same_sources(seed_build):
    same_as_networkx(build_network(seed_build), k_sample_threshold=100, k_samples=40)


def test_loops_parallel_edges_isolated_nodes_and_components():
    nodes = [(f"n{i}", f"N{i}", "Company") for i in range(9)]
    pairs = [(0, 1), (1, 0), (1, 2), (2, 2), (3, 4), (4, 5), (5, 3), (6, 7), (6, 7)]
    same_as_networkx(Network.of(nodes, pairs))
    same_as_networkx(Network.of(nodes[:1], []))
    same_as_networkx(Network.of([], []))


@pytest.mark.parametrize("options", [{}, {"observations": True}, {"documents": True}, {"types": ["Product"]},
                                     {"sources": ["doc2"]}, {"observations": True, "documents": True}])
def test_the_network_is_the_projection_without_attributes(options):
    """Folded observations, a label per language and graph, documents, class and source filters."""
    ds = _tricky_dataset()
    full = projection(dataset_facts(ds), **options)
    net = network(dataset_facts(ds), **options)
    assert net.nodes == [(n, d["label"], d["cls"]) for n, d in full.nodes]
    index = {n: i for i, (n, _) in enumerate(full.nodes)}
    assert net.pairs == [(index[u], index[v]) for u, v, _, _ in full.edges]
    assert net.pairs  # the graph is not trivially empty


@pytest.mark.parametrize("few", [0, 1000])
@pytest.mark.parametrize("options", [{}, {"observations": True}, {"documents": True}, {"types": ["Product"]},
                                     {"sources": ["doc2"]}])
def test_the_network_read_from_a_store_is_the_projection(options, few, monkeypatch):
    """The same graph in an Oxigraph store: objects numbered in the query (few distinct ones) or spelled out."""
    import pyoxigraph as ox

    import kg.network.analysis as analysis

    monkeypatch.setattr(analysis, "_FEW_OBJECTS", few)
    ds = _tricky_dataset()
    store = ox.Store()
    store.load(ds.serialize(format="nquads").encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    full = projection(dataset_facts(ds), **options)
    net = network(analysis.store_facts(store), **options)
    assert net.nodes == [(n, d["label"], d["cls"]) for n, d in full.nodes]
    index = {n: i for i, (n, _) in enumerate(full.nodes)}
    assert net.pairs == [(index[u], index[v]) for u, v, _, _ in full.edges] and net.pairs


def test_an_empty_store_gives_an_empty_network():
    import pyoxigraph as ox

    from kg.network.analysis import store_facts

    net = network(store_facts(ox.Store()))
    assert (net.iris, net.pairs, net.nodes) == ([], [], [])
    assert projection_centrality(net, top=5).rows == []


def _tricky_dataset():
    ds = make_dataset(ENTITIES, {"doc1": [("a", "partner", "b"), ("b", "ownedBy", "a"), ("b", "partOf", "c"),
                                          ("a", "jobTitle", Literal("a b\tc"))],
                                 "doc2": [("b", "partOf", "c"), ("c", "market", "d"), ("a", "partner", "b")]},
                      observations={"b-users": ("doc1", "b", {"statedBy": "r"}), "b-orgs": ("doc2", "b", {"statedBy": "b"}),
                                    "d-users": ("doc2", "d", {"statedBy": "a"})})
    ds.graph(SRC.doc1).add((RES.r, RDF.type, KG.Report))
    ds.graph(SRC.doc2).add((RES.c, RDFS.label, Literal("伽马", lang="zh-Hant")))
    ds.graph(SRC.doc1).add((RES.a, RDFS.label, Literal("Alpha Inc", lang="en")))  # two English labels: the first wins
    ds.graph(SRC.doc2).add((RES.e, KG.partner, RES.a))  # an entity without a type or a label
    ds.graph(SRC.doc2).add((OBS["d-users"], RDFS.label, Literal("D 用户", lang="zh")))
    return ds


def test_the_projection_kept_beside_the_build_gives_the_same_projection(seed_build, tmp_path):
    import shutil

    from kg.build.pipeline import Build
    from kg.network.analysis import PROJECTION_CACHE, build_projection

    copy = Build(tmp_path / "build", seed_build.manifest)
    shutil.copytree(seed_build.path, copy.path)
    (copy.path / PROJECTION_CACHE).unlink(missing_ok=True)
    first = build_projection(copy, observations=True)
    assert (copy.path / PROJECTION_CACHE).is_file()
    again = build_projection(copy, observations=True)
    assert (again.nodes, again.edges, again.graph) == (first.nodes, first.edges, first.graph)


def test_store_projection_reads_tsv_literals_and_columns():
    from kg.network.analysis import _columns, _tsv_literal

    assert _tsv_literal('"a\\"b\\\\c\\n\\u00e9"@zh-hans') == ('a"b\\c\né', "zh-hans")
    assert _tsv_literal('"Ding"@en') == ("Ding", "en") and _tsv_literal("<http://x>") is None
    assert _columns(b"?a\t?b\n<x>\t<y>\n<z>\t\n", 2) == [["<x>", "<z>"], ["<y>", ""]]
    assert _columns(b'?o\n"a b"\n', 1) == [['"a b"']]
    assert _columns(b"?i\t?s\n0\t<x>\n1\t<y>\n", 2) == [["0", "1"], ["<x>", "<y>"]]
    assert _columns(b'?i\t?s\n0\t"a b"@en\n1\t"c\\td"@zh\n', 2) == [["0", "1"], ['"a b"@en', '"c\\td"@zh']]
    assert _columns(b"?i\t?s\n", 2) == [[], []] and _columns(b"", 2) == [[], []]


@pytest.mark.parametrize("top", [1, 5, 20])
def test_the_top_rows_equal_the_full_projections(seed_build, top):
    agree(projection_centrality(build_network(seed_build), top=top), centrality(project_build(seed_build), top=top))
    ranked = projection_centrality(build_network(seed_build), top=top).rows
    assert [r.iri for r in ranked] == [r.iri for r in centrality(project_build(seed_build), top=top).rows]


def test_labels_are_read_for_the_rows_shown_and_those_tied_with_the_last():
    """A star (hub 0) with four leaves of equal scores: top 2 reads the hub's and the leaves' labels, whose
    order the labels decide; top 1 reads the hub's alone."""
    asked: list[list[int]] = []
    names = ["Hub", "Delta", "Alpha", "Charlie", "Bravo"]

    def label_of(at):
        asked.append(list(at))
        return [names[i] for i in at]

    net = Network([f"n{i}" for i in range(5)], ["Company"] * 5, [(0, i) for i in range(1, 5)], label_of)
    rows = projection_centrality(net, "degree", top=2).rows
    assert [r.label for r in rows] == ["Hub", "Alpha"] and asked == [[0, 1, 2, 3, 4]]
    asked.clear()
    assert [r.label for r in projection_centrality(net, "degree", top=1).rows] == ["Hub"] and asked == [[0]]


def test_store_labels_by_name_or_all_read(seed_build, monkeypatch):
    import kg.network.analysis as analysis

    by_name = build_network(seed_build).nodes
    monkeypatch.setattr(analysis, "_FEW_LABELS", 10)  # more subjects than this: every label is read, then kept
    assert build_network(seed_build).nodes == by_name
    assert by_name == network(all_labels_read(seed_build)).nodes


def all_labels_read(build):
    """The Facts of a build's store with every label read at once (no `labels_of`)."""
    from kg.network.analysis import store_facts
    from kg.sparql.engine import OxigraphEngine

    facts = store_facts(OxigraphEngine.for_build(build).store)
    facts.labels, facts.labels_of = list(facts.labels), None
    return facts
