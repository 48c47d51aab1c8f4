"""The network canary: an HTTP server on 127.0.0.1 records every request it gets. No query aimed at it
(SERVICE hidden by escapes, FROM / FROM NAMED of URLs and files) reaches it without --allow-network, on
either local engine or through --endpoint (a real Oxigraph server, which would follow SERVICE itself).
With --allow-network it does, which shows the canary listens."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from triplestores import Oxigraph, private_build

from kg.build.names import Index
from kg.errors import QueryError
from kg.export.push import push
from kg.graph import KnowledgeGraph, open_graph
from kg.sparql.engine import OxigraphEngine, RdflibEngine


class Canary:
    def __init__(self):
        seen = self.requests = []

        class Handler(BaseHTTPRequestHandler):
            def answer(self):
                seen.append(f"{self.command} {self.path}")
                body = b"<urn:canary> <urn:p> <urn:o> .\n"
                self.send_response(200)
                self.send_header("Content-Type", "application/n-triples")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def canary():
    c = Canary()
    yield c
    c.stop()


@pytest.fixture(scope="module")
def server(build_dir, tmp_path_factory):
    s = Oxigraph(tmp_path_factory.mktemp("oxigraph"))
    try:
        push(private_build(build_dir, tmp_path_factory.mktemp("build") / "copy"), s.url)
        yield s
    finally:
        s.stop()


# {url}: the canary; each must be refused (exit 2) by the local check, wherever it is run
BYPASSES = {
    "service_hidden_after_escaped_quote": 'SELECT * WHERE { BIND("""x\\"""" AS ?a) SERVICE <{url}/long> { ?s ?p ?o } }',
    "service_spelled_with_a_unicode_escape": "SELECT * WHERE { \\u0053ERVICE <{url}/escaped> { ?s ?p ?o } }",
    "service_after_an_escaped_backslash_escape": ('SELECT * WHERE { BIND("a\\u005C" AS ?x) SERVICE <{url}/backslash> '
                                                  '{ ?s ?p ?o } BIND("\\u005C" AS ?y) }'),
    "service_in_lower_case_silent": "select * where { service silent <{url}/lower> { ?s ?p ?o } }",
    "service_inside_filter_exists": "ASK { ?s ?p ?o FILTER EXISTS { SERVICE <{url}/exists> { ?s ?p ?o } } }",
    "service_inside_a_subquery": "SELECT * WHERE { { SELECT * WHERE { SERVICE <{url}/sub> { ?a ?b ?c } } } }",
    "service_named_by_a_prefix": "PREFIX c: <{url}/> SELECT * WHERE { SERVICE c:prefixed { ?s ?p ?o } }",
    "service_after_a_comment_with_a_quote": 'SELECT * WHERE { # "\n SERVICE <{url}/comment> { ?s ?p ?o } }',
    "from_a_url": "SELECT * FROM <{url}/from> WHERE { ?s ?p ?o }",
    "from_named_a_url": "SELECT * FROM NAMED <{url}/named> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "from_a_url_spelled_with_escapes": "SELECT * \\u0046ROM <{url}/escaped-from> WHERE { ?s ?p ?o }",
    "virtuoso_bif_function": 'PREFIX b: <bif:> SELECT (b:http_get("{url}/bif") AS ?x) WHERE { }',
    "virtuoso_bif_function_undeclared": 'SELECT (bif:http_get("{url}/bif2") AS ?x) WHERE { }',
    "virtuoso_sql_procedure": 'SELECT (<sql:fetch>("{url}/sql") AS ?x) WHERE { }',
}


def one_line(result, code: int) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.output, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def graphs(seed_build, server):
    index = Index.load(seed_build.path)
    return {"oxigraph": KnowledgeGraph(seed_build, OxigraphEngine.for_build(seed_build), index),
            "rdflib": KnowledgeGraph(seed_build, RdflibEngine(seed_build.dataset()), index),
            "endpoint": open_graph(endpoint=server.url)}


@pytest.mark.parametrize("where", ["oxigraph", "rdflib", "endpoint"])
@pytest.mark.parametrize("name", sorted(BYPASSES))
def test_bypass_sends_nothing(graphs, canary, where, name):
    before = len(canary.requests)
    with pytest.raises(QueryError):
        graphs[where].query(BYPASSES[name].replace("{url}", canary.base), timeout=20)
    assert canary.requests[before:] == []


@pytest.mark.parametrize("options", [["--engine", "oxigraph"], ["--engine", "rdflib"], ["--endpoint", "SERVER"]])
def test_service_hidden_after_escaped_quote_is_refused(cli, canary, server, options):
    before = len(canary.requests)
    query = BYPASSES["service_hidden_after_escaped_quote"].replace("{url}", canary.base)
    line = one_line(cli("query", query, *[server.url if o == "SERVER" else o for o in options]), 2)
    assert line == (f"error: SERVICE <{canary.base}/long> is refused because it would reach the network; "
                    "pass --allow-network to allow it")
    assert canary.requests[before:] == []


def test_from_a_local_file_is_refused_by_rdflib(cli, tmp_path):
    secret = tmp_path / "secret.nt"
    secret.write_text("<urn:secret> <urn:p> <urn:o> .\n")
    r = cli("query", f"SELECT * FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}", "--engine", "rdflib", "-f", "csv")
    assert "urn:secret" not in r.stdout
    assert "is not one of kg's graphs" in one_line(r, 2) and "--allow-network" in r.stderr


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_allow_network_reaches_the_canary(cli, canary, engine):
    before = len(canary.requests)
    r = cli("query", f"SELECT * WHERE {{ SERVICE <{canary.base}/allowed> {{ ?s ?p ?o }} }}", "--engine", engine,
            "--allow-network", "--timeout", "20", "-f", "csv")
    assert len(canary.requests) > before, r.output


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_service_to_a_dead_port_with_allow_network_exits_3(cli, engine):
    from triplestores import free_port

    r = cli("query", f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{free_port()}/x> {{ ?s ?p ?o }} }}",
            "--engine", engine, "--allow-network", "--timeout", "20")
    one_line(r, 3)


def test_shipped_queries_skip_the_parse_so_rdflib_stays_off_the_cold_path():
    from kg.paths import queries_dir
    from kg.sparql.safety import might_reach_out

    shipped = sorted(queries_dir().glob("*.rq")) + sorted((queries_dir() / "templates").glob("*.rq"))
    assert shipped and [p.name for p in shipped if might_reach_out(p.read_text(encoding="utf-8"))] == []


@pytest.mark.parametrize("text", ["SELECT * WHERE { \\u0073ervice <x> {} }", 'SELECT * WHERE { BIND("service" AS ?x) }',
                                  "SELECT * \\U00000046ROM <x> WHERE {}", "SELECT * WHERE { # x\n  ?s ?p ?o } # from"])
def test_anything_that_could_hide_service_or_from_is_parsed(text):
    from kg.sparql.safety import might_reach_out

    assert might_reach_out(text)
