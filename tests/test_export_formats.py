"""`kg export` in JSON-LD, GraphML and GEXF: read back by independent parsers, and byte-for-byte stable.

igraph (PyPI `igraph`, in the test extra) reads the GraphML; a test that needs it is skipped when it is
missing, unless KG_REQUIRE_TOOLS is set (as in CI), where it fails instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import networkx as nx
import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from kg.export.formats import serialize
from kg.namespaces import RES, SRC
from kg.network.analysis import METRICS, project

NODE_ATTRS = {"label", "label_en", "label_zh", "class", "iri", "observations", *METRICS}
EDGE_ATTRS = {"predicate", "label", "predicate_iri", "sources", "observations"}


def require(module: str):
    try:
        return __import__(module)
    except ImportError:
        message = f"{module} is not installed (pip install -e '.[test]')"
        if os.environ.get("KG_REQUIRE_TOOLS"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def jsonld_bytes(seed_dataset) -> bytes:
    return serialize(seed_dataset, "jsonld")


@pytest.fixture(scope="module")
def projection(seed_dataset) -> nx.MultiDiGraph:
    return project(seed_dataset)


# ---------------------------------------------------------------- JSON-LD


def test_jsonld_round_trips_to_an_isomorphic_graph(seed_dataset, jsonld_bytes):
    back = Dataset()
    back.parse(data=jsonld_bytes, format="json-ld")
    names = {g.identifier for g in seed_dataset.graphs() if len(g)}
    assert {g.identifier for g in back.graphs() if len(g)} == names
    for name in sorted(names):
        assert isomorphic(seed_dataset.graph(name), back.graph(name)), name


def test_jsonld_is_compact_and_sorted(jsonld_bytes):
    doc = json.loads(jsonld_bytes)
    assert doc["@context"]["kgr"] == str(RES) and doc["@context"]["src"] == str(SRC)
    graphs = doc["@graph"]
    ids = [g["@id"] for g in graphs]
    assert ids == sorted(ids)
    nodes = next(g for g in graphs if g["@id"] == "src:000_a3adda4dcaacb95c")["@graph"]
    assert [n["@id"] for n in nodes] == sorted(n["@id"] for n in nodes)
    assert any(n["@id"] == "kgr:dingtalk" for n in nodes)
    assert jsonld_bytes.endswith(b"}\n")


def test_jsonld_is_byte_identical_across_runs(seed_build, seed_dataset, jsonld_bytes):
    assert serialize(seed_dataset, "jsonld") == jsonld_bytes
    # another process, another hash seed, the graph read afresh (the ontology's blank nodes get new ids)
    code = ("import sys; from kg.build.store import load_dataset; from kg.export.formats import serialize; "
            "sys.stdout.buffer.write(serialize(load_dataset(sys.argv[1]), 'jsonld'))")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run([sys.executable, "-c", code, str(seed_build.graph_file)], capture_output=True, env=env,
                         check=True, timeout=300).stdout
    assert out == jsonld_bytes


def test_jsonld_of_one_document(cli, tmp_path):
    out = tmp_path / "doc.jsonld"
    r = cli("export", "--format", "jsonld", "--graph", "000_a3adda4dcaacb95c", "-o", str(out))
    assert r.exit_code == 0, r.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["@id"] == "src:000_a3adda4dcaacb95c"
    back = Dataset()
    back.parse(out, format="json-ld")
    assert {str(g.identifier) for g in back.graphs() if len(g)} == {str(SRC["000_a3adda4dcaacb95c"])}


# ---------------------------------------------------------------- GraphML


def test_graphml_read_back_by_igraph(cli, tmp_path, projection):
    ig = require("igraph")
    out = tmp_path / "kg.graphml"
    r = cli("export", "-f", "graphml", "-o", str(out))
    assert r.exit_code == 0, r.output
    g = ig.Graph.Read_GraphML(str(out))
    assert g.is_directed()
    assert g.vcount() == projection.number_of_nodes()
    assert g.ecount() == projection.number_of_edges()
    assert NODE_ATTRS <= set(g.vs.attributes())
    assert EDGE_ATTRS <= set(g.es.attributes())
    v = g.vs.find(id=str(RES.dingtalk))
    assert (v["label"], v["label_zh"], v["class"]) == ("DingTalk", "钉钉", "Platform")
    assert 0 < v["pagerank"] < 1 and v["degree"] > 0
    preds = {e["predicate"] for e in g.es.select(_source=v.index)}
    assert "ownedBy" in preds
    e = next(e for e in g.es.select(_source=v.index) if e["predicate"] == "ownedBy")
    assert g.vs[e.target]["id"] == str(RES.alibaba)
    assert e["predicate_iri"].endswith("#ownedBy") and e["sources"]


def test_graphml_is_deterministic_and_read_by_networkx(seed_dataset, tmp_path, projection):
    data = serialize(seed_dataset, "graphml")
    assert serialize(seed_dataset, "graphml") == data
    (tmp_path / "kg.graphml").write_bytes(data)
    g = nx.read_graphml(tmp_path / "kg.graphml")
    assert g.number_of_nodes() == projection.number_of_nodes()
    assert list(g.nodes) == sorted(g.nodes)


# ---------------------------------------------------------------- GEXF


def test_gexf_read_back_by_networkx(cli, tmp_path, projection, seed_dataset):
    out = tmp_path / "kg.gexf"
    r = cli("export", "-f", "gexf", "-o", str(out))
    assert r.exit_code == 0, r.output
    data = out.read_bytes()
    assert b"lastmodifieddate" not in data  # no date stamp: the same facts give the same bytes
    assert serialize(seed_dataset, "gexf") == data
    g = nx.read_gexf(out)
    assert g.is_directed() and g.is_multigraph()
    assert g.number_of_nodes() == projection.number_of_nodes()
    assert g.number_of_edges() == projection.number_of_edges()
    d = g.nodes[str(RES.dingtalk)]
    assert d["label"] == "DingTalk" and d["label_zh"] == "钉钉" and d["class"] == "Platform"
    assert set(METRICS) <= set(d)


def test_network_export_of_one_document(cli, tmp_path, seed_dataset):
    out = tmp_path / "doc.gexf"
    r = cli("export", "-f", "gexf", "--graph", "000_a3adda4dcaacb95c", "-o", str(out))
    assert r.exit_code == 0, r.output
    g = nx.read_gexf(out)
    assert g.number_of_nodes() == project(seed_dataset, sources=["000_a3adda4dcaacb95c"]).number_of_nodes()
    assert all(d["sources"] == "000_a3adda4dcaacb95c" for _, _, d in g.edges(data=True))
    r = cli("export", "-f", "graphml", "--graph", "no-such-doc")
    assert r.exit_code == 2 and "did you mean" in r.output


def test_unknown_format_names_them_all(seed_dataset):
    from kg.errors import QueryError

    with pytest.raises(QueryError, match="jsonld, graphml, gexf"):
        serialize(seed_dataset, "yaml")
