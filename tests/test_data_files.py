"""RDF data files in a facts folder: loaded as they are into their own named graphs of the build's
Oxigraph store, checked by SHACL only on request, and reported in one line when malformed."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from kg.build.pipeline import ensure_built
from kg.graph import open_graph

DATA = "https://w3id.org/kg-office/data/"
KG = "https://w3id.org/kg-office/ontology#"
KGR = "https://w3id.org/kg-office/resource/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

NT = f"""\
<{KGR}bench-suite> <{RDF_TYPE}> <{KG}Platform> .
<{KGR}bench-suite> <{RDFS_LABEL}> "Bench Suite"@en .
<{KGR}bench-suite> <{KG}ownedBy> <{KGR}tencent> .
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def graph_rows(graph, iri: str) -> list[tuple[str, ...]]:
    rows = graph.sparql(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }} ORDER BY ?s ?p ?o").rows
    return [tuple(t.value for t in row) for row in rows]


def test_an_nt_file_lands_in_its_own_graph_and_answers_named_queries(facts_copy, tmp_path):
    write(facts_copy, "data/extra.nt", NT)
    build = ensure_built(facts_copy, tmp_path / "b")
    assert build.store_path is not None and build.manifest["data_graphs"] == [DATA + "data/extra"]
    assert build.stats["data"] == {"files": 1, "quads": 3}
    g = open_graph(facts_copy, tmp_path / "b")
    assert len(graph_rows(g, DATA + "data/extra")) == 3
    answer = g.query("platforms by parent company")
    assert (KGR + "bench-suite", KGR + "tencent") in [(a.value, b.value) for a, b in answer.rows]


def test_quads_keep_their_graphs_and_default_triples_go_to_the_file_graph(facts_copy, tmp_path):
    write(facts_copy, "data/quads.nq", f"""\
        <{KGR}a> <{KG}partner> <{KGR}b> <https://example.org/g1> .
        <{KGR}a> <{RDFS_LABEL}> "A"@en .
        """)
    write(facts_copy, "data/more.trig", f"""\
        @prefix kgr: <{KGR}> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://example.org/g2> {{ kgr:c rdfs:label "C"@en . }}
        kgr:d rdfs:label "D"@en .
        """)
    write(facts_copy, "data/sub/turtle.ttl", f"""\
        @prefix kgr: <{KGR}> .
        kgr:e <{RDFS_LABEL}> "E"@en ; <{KG}partner> [ <{RDFS_LABEL}> "anonymous"@en ] .
        """)
    build = ensure_built(facts_copy, tmp_path / "b")
    assert build.manifest["data_graphs"] == sorted(
        [DATA + "data/quads", DATA + "data/more", DATA + "data/sub/turtle", "https://example.org/g1", "https://example.org/g2"])
    g = open_graph(facts_copy, tmp_path / "b")
    assert graph_rows(g, "https://example.org/g1") == [(KGR + "a", KG + "partner", KGR + "b")]
    assert graph_rows(g, DATA + "data/quads") == [(KGR + "a", RDFS_LABEL, "A")]
    assert graph_rows(g, DATA + "data/more") == [(KGR + "d", RDFS_LABEL, "D")]
    assert len(graph_rows(g, DATA + "data/sub/turtle")) == 3
    ds = build.dataset()  # the rdflib view holds the data graphs too
    assert {str(x.identifier) for x in ds.graphs()} >= {DATA + "data/quads", "https://example.org/g2"}


@pytest.mark.parametrize("name, text, line", [
    ("data/bad.nt", NT + '<https://e/x> <https://e/p> "unterminated .\n', 4),
    ("data/bad.ttl", "@prefix e: <https://e/> .\ne:a e:p e:b .\ne:a e:p e:c ;\n  e:q e:d e:e .\n", 4),
])
def test_a_malformed_data_file_is_one_line_with_file_and_line_and_writes_nothing(facts_copy, tmp_path, cli, name, text, line):
    bdir = tmp_path / "b"
    ensure_built(facts_copy, bdir)
    before = sorted(p.name for p in bdir.iterdir())
    write(facts_copy, name, text)
    result = cli("build", facts=facts_copy, bdir=bdir)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: facts/{name}:{line}: malformed RDF data: "), lines
    assert sorted(p.name for p in bdir.iterdir()) == before  # the previous build stays, no half-made one
    result = cli("validate", facts=facts_copy)
    assert result.exit_code == 2 and f"facts/{name}:{line}: malformed RDF data" in result.output


def test_shacl_checks_data_files_only_on_request(facts_copy, cli):
    # a product owned by a place: the shapes want an organisation
    write(facts_copy, "data/odd.nt", NT.replace(f"<{KGR}tencent>", f"<{KGR}china>"))
    plain = cli("validate", facts=facts_copy)
    assert plain.exit_code == 0, plain.output
    assert "3 quads in 1 data files parse" in " ".join(plain.output.split())
    checked = cli("validate", "--shacl-data", facts=facts_copy)
    assert checked.exit_code == 2
    text = " ".join(checked.output.split())
    assert "facts/data/odd.nt" in text and "kgr:bench-suite kg:ownedBy" in text


def test_small_graphs_are_loaded_in_memory_and_big_ones_opened_from_disk(facts_copy, tmp_path, monkeypatch):
    import kg.build.store

    monkeypatch.setattr(kg.build.store, "STORE_THRESHOLD", 10**9)
    small = ensure_built(facts_copy, tmp_path / "small")
    assert small.store_path is None and not (small.path / "store").exists()
    monkeypatch.setattr(kg.build.store, "STORE_THRESHOLD", 10)
    big = ensure_built(facts_copy, tmp_path / "big")
    assert big.store_path is not None
    rows = [open_graph(facts_copy, d).query("platforms by parent company").rows for d in (tmp_path / "small", tmp_path / "big")]
    assert rows[0] == rows[1] and rows[0]
    manifest = json.loads((big.path / "manifest.json").read_text())
    assert manifest["store"] is True and "data_graphs" in manifest


@pytest.mark.parametrize("options", [{}, {"observations": True}, {"documents": True}, {"types": ["Product"]},
                                     {"sources": ["000"]}, {"observations": True, "documents": True, "sources": ["001", "003"]}])
def test_the_projection_streamed_from_the_store_equals_the_rdflib_one(seed_build, seed_dataset, options):
    from kg.network.analysis import project, project_build

    streamed, reference = project_build(seed_build, **options), project(seed_dataset, **options)
    assert sorted(streamed.nodes(data=True)) == sorted(reference.nodes(data=True))
    assert sorted(streamed.edges(keys=True, data=True)) == sorted(reference.edges(keys=True, data=True))
    assert streamed.graph == reference.graph and streamed.number_of_nodes() > 10


def test_sampled_betweenness_with_igraph_equals_networkx():
    nx = pytest.importorskip("networkx")
    pytest.importorskip("igraph")
    from kg.network.analysis import scores

    g = nx.relabel_nodes(nx.gnm_random_graph(400, 1200, seed=3), str)
    fast, k = scores(g, "betweenness", k_sample_threshold=100, k_samples=50)
    slow = nx.betweenness_centrality(g, k=50, normalized=True, seed=42)
    assert k == 50 and max(abs(fast[n] - slow[n]) for n in g) < 1e-12
