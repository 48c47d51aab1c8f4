"""kg against a real Oxigraph server on 127.0.0.1: push, then every named query, phrase, card and path
answers as it does locally, from kg's graphs only, whatever else the store holds."""

from __future__ import annotations

import collections
import urllib.request

import pytest
from triplestores import Oxigraph, answers, private_build, value
from typer.testing import CliRunner

from kg.build.names import Index
from kg.cli.app import app
from kg.errors import QueryError
from kg.export.push import push
from kg.graph import KnowledgeGraph, open_graph
from kg.sparql.endpoint import EndpointEngine, endpoint_index
from kg.sparql.engine import OxigraphEngine
from kg.sparql.named import named_queries

FOREIGN = "https://example.org/not-kg"


@pytest.fixture(scope="module")
def kg_build(build_dir, tmp_path_factory):
    return private_build(build_dir, tmp_path_factory.mktemp("build") / "copy")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield s
    s.stop()


@pytest.fixture(scope="module")
def pushed(server, kg_build):
    report = push(kg_build, server.url)
    # what a shared store holds besides: triples in its own default graph and in another named graph
    update(server, f'INSERT DATA {{ <{FOREIGN}#s> a <{FOREIGN}#Thing> . '
                   f'GRAPH <{FOREIGN}> {{ <{FOREIGN}#s> <http://www.w3.org/2000/01/rdf-schema#label> "other"@en }} }}')
    return report


@pytest.fixture(scope="module")
def local(kg_build):
    return KnowledgeGraph(kg_build, OxigraphEngine.from_file(kg_build.graph_file), Index.load(kg_build.path))


@pytest.fixture(scope="module")
def remote(server, pushed):
    return open_graph(endpoint=server.url)


def update(server, text: str) -> None:
    request = urllib.request.Request(server.base + "/update", data=text.encode(),
                                     headers={"Content-Type": "application/sparql-update"})
    urllib.request.urlopen(request, timeout=30).close()


def store_counts(server) -> dict[str, int]:
    """Triples per graph in the whole store (no restriction to kg's graphs); the default graph is ''."""
    engine = EndpointEngine(server.url, graphs=[])
    named = engine.run("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", dataset=False)
    default = engine.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", dataset=False)
    return {**{g.value: int(n.value) for g, n in named.rows}, "": int(default.rows[0][0].value)}


def build_counts(build) -> dict[str, int]:
    import pyoxigraph as ox

    return dict(collections.Counter(q.graph_name.value for q in ox.parse(path=str(build.graph_file),
                                                                          format=ox.RdfFormat.N_QUADS)))


def test_push_loads_one_graph_per_document_plus_ontology_and_metrics(pushed, kg_build, server):
    assert pushed.method == "graph store" and pushed.removed == []
    assert pushed.graphs == build_counts(kg_build)
    documents = {g for g in pushed.graphs if g.startswith("https://w3id.org/kg-office/source/")}
    assert len(documents) == len(kg_build.stats["documents"])
    assert set(pushed.graphs) - documents == {"https://w3id.org/kg-office/ontology",
                                               "https://w3id.org/kg-office/graph/metrics"}
    assert {k: v for k, v in store_counts(server).items() if k in pushed.graphs} == pushed.graphs


@pytest.mark.parametrize("name", list(named_queries()))
def test_named_query_answers_as_locally(name, local, remote):
    here, there = local.query(name), remote.query(name)
    assert there.columns == here.columns
    sparql = here.sparql[0]
    assert answers(there.result, sparql) == answers(here.result, sparql)


def test_names_resolve_with_the_endpoints_own_labels(remote, local):
    assert endpoint_index(remote.engine).things == local.index.things
    assert remote.resolve("釘釘") == local.resolve("钉钉") == "https://w3id.org/kg-office/resource/dingtalk"
    assert remote.search("tencent", 5) == local.search("tencent", 5)


def test_only_kgs_graphs_are_read(remote, local, server):
    assert store_counts(server)[""] == 1 and store_counts(server)[FOREIGN] == 1
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert value(remote.sparql(count).rows[0][0]) == value(local.sparql(count).rows[0][0])
    assert remote.sparql(f"ASK {{ <{FOREIGN}#s> ?p ?o }}").boolean is False
    assert remote.sparql(f"ASK {{ GRAPH <{FOREIGN}> {{ ?s ?p ?o }} }}").boolean is False
    # FROM cannot widen the dataset: a graph that is not kg's is refused before anything is sent
    with pytest.raises(QueryError, match="is not one of kg's graphs"):
        remote.sparql(f"ASK FROM <{FOREIGN}> {{ ?s ?p ?o }}")


def test_from_a_kg_graph_selects_it_on_the_endpoint_as_locally(remote, local):
    query = ("SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/kg-office/ontology> "
             "FROM NAMED src:000_a3adda4dcaacb95c WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
    assert value(remote.sparql(query).rows[0][0]) == value(local.sparql(query).rows[0][0])


@pytest.mark.parametrize("text", ["who owns Feishu?", "products of Tencent", "腾讯的产品", "DingTalk users",
                                  "number of products per company", "documents mentioning WeLink",
                                  "companies by location"])
def test_phrases_answer_as_locally(text, local, remote):
    here, there = local.query(text), remote.query(text)
    assert (there.title, there.kind, there.columns) == (here.title, here.kind, here.columns)
    assert answers(there.result, here.sparql[0]) == answers(here.result, here.sparql[0])


def test_cards_paths_construct_and_ask_as_locally(local, remote):
    here, there = local.show("钉钉"), remote.show("钉钉")
    assert (there.iri, sorted(there.types), there.labels) == (here.iri, sorted(here.types), here.labels)
    assert facts(there) == facts(here)
    assert answers(there.figures) == answers(here.figures) and len(there.conflicts) == len(here.conflicts)
    assert remote.connect("Kingsoft", "Tencent Docs") == local.connect("Kingsoft", "Tencent Docs")
    construct = "CONSTRUCT { ?p kg:ownedBy ?o } WHERE { ?p kg:ownedBy ?o }"
    triples = [collections.Counter(tuple(map(value, t)) for t in g.sparql(construct).triples) for g in (local, remote)]
    assert triples[0] == triples[1] and triples[0]
    assert remote.sparql("ASK { kgr:feishu kg:ownedBy kgr:bytedance }").boolean is True


def facts(card) -> collections.Counter:
    """A card's facts; the paragraphs of one fact come in any order (GROUP_CONCAT)."""
    return collections.Counter((d, r, value(o), doc, tuple(sorted(paras.split(",")))) for d, r, o, doc, paras in card.facts)


def test_cli_query_with_endpoint_prints_what_the_local_graph_prints(cli, server, pushed):
    here = cli("query", "platforms by parent company")
    there = cli("query", "platforms by parent company", "--endpoint", server.url)
    assert there.exit_code == 0, there.output
    assert there.output == here.output and "Platforms by parent company" in there.output
    csv_there = cli("query", "platforms by parent company", "--endpoint", server.url, "--format", "csv")
    assert csv_there.output == cli("query", "platforms by parent company", "--format", "csv").output


@pytest.mark.parametrize("timeout", ["none", "0", "30"])
def test_timeout_options_work_with_an_endpoint(cli, server, pushed, timeout):
    there = cli("query", "platforms by parent company", "--endpoint", server.url, "--timeout", timeout)
    assert there.exit_code == 0, there.output
    assert there.output == cli("query", "platforms by parent company").output


def test_show_and_search_take_the_endpoint_from_KG_ENDPOINT(cli, server, pushed):
    runner = CliRunner()
    for args in (["show", "DingTalk"], ["search", "tencent"]):
        there = runner.invoke(app, args, env={"KG_ENDPOINT": server.url})
        assert there.exit_code == 0, there.output
        assert there.output == cli(*args).output


def test_pushing_twice_leaves_the_same_data(server, kg_build, pushed):
    before = store_counts(server)
    seen = []
    again = push(kg_build, server.url, progress=lambda graph, done, total: seen.append((done, total)))
    assert store_counts(server) == before and again.graphs == pushed.graphs
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and seen[-1] == (again.triples, again.triples)


def test_push_drops_kg_graphs_the_build_no_longer_has(server, kg_build, pushed):
    old = "https://w3id.org/kg-office/source/zz_removed_document"
    request = urllib.request.Request(f"{server.base}/store?graph={old}", method="PUT", data=b"<urn:a> <urn:b> <urn:c> .",
                                     headers={"Content-Type": "application/n-triples"})
    urllib.request.urlopen(request, timeout=30).close()
    assert push(kg_build, server.url).removed == [old]
    assert old not in store_counts(server) and FOREIGN in store_counts(server)


def test_push_falls_back_to_updates_without_a_graph_store(server, kg_build, pushed):
    before = store_counts(server)
    report = push(kg_build, server.url, graph_store=server.base + "/no-graph-store-here")
    assert report.method == "update" and report.graphs == pushed.graphs
    assert store_counts(server) == before


@pytest.mark.parametrize("question", ["Which launched first, DingTalk or WeCom?", "钉钉的竞争对手有哪些",
                                      "How many online office users did China have in June 2021?",
                                      "2020年2月3日发生了哪些宕机", "Which documents mention Feishu?"])
def test_questions_answer_as_locally(question, local, remote):
    here, there = local.ask(question), remote.ask(question)
    assert there.best.shape == here.best.shape
    assert [str(getattr(v, "value", v)) for v in there.values] == [str(getattr(v, "value", v)) for v in here.values]
