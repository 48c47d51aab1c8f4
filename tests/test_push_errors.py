"""What goes wrong with a triple store, told in one line with its exit code: a stopped server (3), refused
credentials (3), a store failing half-way (3, and no success reported) and a query past --timeout (4)."""

from __future__ import annotations

import pytest
from triplestores import Gate, Oxigraph, private_build

from kg.errors import EnvironmentProblem
from kg.export.push import push
from kg.graph import open_graph
from kg.sparql.endpoint import Auth

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def kg_build(build_dir, tmp_path_factory):
    return private_build(build_dir, tmp_path_factory.mktemp("build") / "copy")


@pytest.fixture(scope="module")
def server(tmp_path_factory, kg_build):
    s = Oxigraph(tmp_path_factory.mktemp("oxigraph"), timeout_s=5)  # the server gives up on SLOW by itself
    try:
        push(kg_build, s.url)
        yield s
    finally:
        s.stop()


@pytest.fixture(scope="module")
def gate(server):
    g = Gate(server.base, "kg", "s3cret")
    yield g
    g.stop()


def one_error_line(result, code: int) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output and "pushed" not in result.stdout
    return lines[0]


def test_push_to_a_stopped_server(cli, tmp_path):
    stopped = Oxigraph(tmp_path)
    stopped.stop()
    line = one_error_line(cli("push", "--endpoint", stopped.url), 3)
    assert line.startswith(f"error: push to {stopped.url} failed after 0 of ")
    assert line.endswith("Connection refused")
    line = one_error_line(cli("query", "platforms by parent company", "--endpoint", stopped.url), 3)
    assert line == f"error: cannot reach {stopped.url}: Connection refused"


def test_basic_auth_accepted(cli, gate, kg_build):
    r = cli("push", "--endpoint", gate.base + "/query", "--auth", "kg:s3cret")
    assert r.exit_code == 0, r.stderr
    graphs = len(kg_build.stats["documents"]) + 2  # and the ontology and metrics graphs
    assert r.stdout == (f"pushed {kg_build.stats['triples']} triples in {graphs} graphs to {gate.base}/query "
                        "(via graph store; read back and verified)\n")
    r = cli("query", "who owns Feishu", "--endpoint", gate.base + "/query", "--auth", "kg:s3cret", "--format", "csv")
    assert r.exit_code == 0 and "ByteDance" in r.stdout


@pytest.mark.parametrize("command", [["push"], ["query", "who owns Feishu"], ["show", "DingTalk"], ["search", "Tencent"]])
def test_wrong_password(cli, gate, command):
    line = one_error_line(cli(*command, "--endpoint", gate.base + "/query", "--auth", "kg:wrong"), 3)
    assert "refused the credentials of user 'kg' (HTTP 401; for Digest authentication add --digest)" in line
    line = one_error_line(cli(*command, "--endpoint", gate.base + "/query"), 3)
    assert line.endswith("needs credentials (HTTP 401): pass --auth USER:PASSWORD")


def test_bad_options(cli, gate):
    assert one_error_line(cli("push", "--endpoint", gate.base + "/query", "--auth", "kg"), 2) == \
        "error: --auth needs USER:PASSWORD"
    assert one_error_line(cli("query", "who owns Feishu", "--endpoint", "127.0.0.1:7878/query"), 2) == \
        "error: not an http(s) URL: '127.0.0.1:7878/query'"
    assert one_error_line(cli("query", "who owns Feishu", "--endpoint", gate.base + "/query", "--engine", "rdflib"), 2) == \
        "error: --engine rdflib chooses a local engine; it cannot be combined with an endpoint"


def test_a_push_failing_half_way_raises(server, kg_build, cli):
    half = Gate(server.base, fail_from=4)  # the endpoint answers ASK {}, two graphs go in, the third is refused
    try:
        with pytest.raises(EnvironmentProblem) as failed:
            push(kg_build, half.base + "/query")
        assert str(failed.value).startswith(f"push to {half.base}/query failed after 2 of ")
        assert str(failed.value).endswith("answered HTTP 500 Internal Server Error: disk full")
        assert half.requests[:4] == ["POST", "PUT", "PUT", "PUT"]
        line = one_error_line(cli("push", "--endpoint", half.base + "/query"), 3)
        assert "failed after 0 of" in line and "disk full" in line  # from request 3 on, everything fails
    finally:
        half.stop()


def test_a_query_past_its_timeout(cli, server):
    line = one_error_line(cli("query", SLOW, "--endpoint", server.url, "--timeout", "1"), 4)
    assert line == f"error: {server.url} did not answer within 1 s"
    graph = open_graph(endpoint=server.url, auth=Auth("nobody", "needed"))  # a server without auth ignores it
    assert graph.sparql("ASK { ?s ?p ?o }").boolean is True


def test_syntax_errors_read_as_locally(cli, server):
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 2 x"
    there = one_error_line(cli("query", query, "--endpoint", server.url), 2)
    assert there == one_error_line(cli("query", query), 2)
