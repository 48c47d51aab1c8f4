"""Centrality straight from the store's projection (igraph, no networkx) gives networkx's figures."""

from __future__ import annotations

import pytest

from kg.network.analysis import Projection, build_projection, centrality, projection_centrality

pytest.importorskip("igraph")


def agree(p: Projection, pagerank_tol: float = 2e-5, **options) -> None:
    fast, slow = projection_centrality(p, **options), centrality(p.to_networkx(), **options)
    assert (fast.nodes, fast.edges, fast.sample_size, fast.notes) == (slow.nodes, slow.edges, slow.sample_size, slow.notes)
    got, want = {r.iri: r.scores for r in fast.rows}, {r.iri: r.scores for r in slow.rows}
    assert got.keys() == want.keys()
    for m in fast.metrics:
        tol = pagerank_tol if m == "pagerank" else 1e-12  # networkx stops its PageRank iteration at 1e-6 per node
        assert max((abs(got[n][m] - want[n][m]) for n in got), default=0.0) <= tol, m


@pytest.mark.parametrize("options", [{}, {"observations": True, "documents": True}, {"types": ["Company"]}])
def test_seed_centrality_from_the_store_equals_networkx(seed_build, options):
    agree(build_projection(seed_build, **options))


def test_sampled_betweenness_on_a_big_graph_draws_the_same_sources(seed_build):
    agree(build_projection(seed_build), k_sample_threshold=100, k_samples=40)


def test_loops_parallel_edges_isolated_nodes_and_components():
    nodes = [(f"n{i}", {"iri": f"n{i}", "label": f"N{i}", "cls": "Company"}) for i in range(9)]
    links = [(0, 1, "a"), (1, 0, "b"), (1, 2, "a"), (2, 2, "a"), (3, 4, "a"), (4, 5, "a"), (5, 3, "b"), (6, 7, "a")]
    edges = [(f"n{u}", f"n{v}", k, {}) for u, v, k in links]
    agree(Projection(nodes, edges, {}))
    agree(Projection(nodes[:1], [], {}))
    agree(Projection([], [], {}))


def test_the_projection_kept_beside_the_build_gives_the_same_projection(seed_build, tmp_path):
    import shutil

    from kg.build.pipeline import Build
    from kg.network.analysis import PROJECTION_CACHE

    copy = Build(tmp_path / "build", seed_build.manifest)
    shutil.copytree(seed_build.path, copy.path)
    (copy.path / PROJECTION_CACHE).unlink(missing_ok=True)
    first = build_projection(copy, observations=True)
    assert (copy.path / PROJECTION_CACHE).is_file()
    again = build_projection(copy, observations=True)
    assert (again.nodes, again.edges, again.graph) == (first.nodes, first.edges, first.graph)


@pytest.mark.parametrize("options", [{}, {"observations": True, "documents": True}, {"sources": ["000_a3adda4dcaacb95c"]}])
def test_the_lean_projection_has_the_same_nodes_edges_and_centrality(seed_build, options):
    full, lean = build_projection(seed_build, **options), build_projection(seed_build, lean=True, **options)
    assert [(n, {k: d[k] for k in ("iri", "cls", "label")}) for n, d in full.nodes] == lean.nodes
    assert [(u, v, k, {"predicate": d["predicate"]}) for u, v, k, d in full.edges] == lean.edges
    a, b = projection_centrality(full), projection_centrality(lean)
    assert [(r.iri, r.label, r.cls, r.scores) for r in a.rows] == [(r.iri, r.label, r.cls, r.scores) for r in b.rows]


def test_store_projection_reads_tsv_literals_and_rows():
    from kg.network.analysis import _cells, _tsv_literal

    assert _tsv_literal('"a\\"b\\\\c\\n\\u00e9"@zh-hans') == ('a"b\\c\né', "zh-hans")
    assert _tsv_literal('"Ding"@en') == ("Ding", "en") and _tsv_literal("<http://x>") is None
    assert list(_cells(b"?a\t?b\n<x>\t<y>\n\n<z>\t\n")) == [["<x>", "<y>"], ["<z>", ""]]
    assert list(_cells(b"?a\n")) == [] and list(_cells(b"")) == []
