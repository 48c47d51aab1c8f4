"""`kg push` sends every graph of the build (RDF data files' graphs included) and finds, or asks for, the
store's query endpoint: a server's root URL works for Oxigraph, a server that is not a SPARQL store is
told in one line before anything is written."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from triplestores import Oxigraph

from kg.build.pipeline import ensure_built
from kg.export.push import push
from kg.graph import open_graph

DATA = "https://w3id.org/kg-office/data/"
KGR = "https://w3id.org/kg-office/resource/"


class Anything:
    """A web server that answers 200 and a page to every request: not a SPARQL store."""

    def __init__(self):
        seen = self.requests = []

        class Handler(BaseHTTPRequestHandler):
            def answer(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                seen.append(f"{self.command} {self.path}")
                body = b"<html><body>welcome</body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = do_OPTIONS = answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def anything():
    a = Anything()
    yield a
    a.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield s
    s.stop()


def one_line(result, code: int) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.output, result.stderr
    return lines[0]


def test_push_sends_data_file_graphs_and_reads_them_back(facts_copy, tmp_path, server):
    lines = "".join(f"<{KGR}item-{i}> <http://www.w3.org/2000/01/rdf-schema#label> \"item {i}\"@en .\n"
                    for i in range(1000))
    (facts_copy / "data").mkdir(exist_ok=True)
    (facts_copy / "data" / "items.nt").write_text(lines, encoding="utf-8")
    build = ensure_built(facts_copy, tmp_path / "b")
    report = push(build, server.url)
    assert report.graphs[DATA + "data/items"] == 1000
    local = open_graph(facts_copy, tmp_path / "b").sparql("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert report.triples == int(local.rows[0][0].value)
    remote = open_graph(endpoint=server.url)
    count = remote.sparql(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{DATA}data/items> {{ ?s ?p ?o }} }}")
    assert count.rows[0][0].value == "1000"


def test_push_to_a_server_root_finds_oxigraphs_query_endpoint(cli, server):
    r = cli("push", "--endpoint", server.base)
    assert r.exit_code == 0, r.output
    assert f"graphs to {server.base}/query (via graph store" in r.stdout and "read back and verified" in r.stdout


def test_push_to_a_web_server_that_is_not_a_store_says_which_url_to_give(cli, anything):
    line = one_line(cli("push", "--endpoint", anything.base + "/query"), 3)
    assert "is not a SPARQL query endpoint (it answered ASK {} with 33 bytes of text/html" in line
    assert "http://HOST:7878/query (Oxigraph) or http://HOST:8890/sparql (Virtuoso)" in line
    assert [r.split()[0] for r in anything.requests] == ["POST"]  # the probe; nothing was written


def test_push_to_the_root_of_a_web_server_names_the_urls_tried(cli, anything):
    line = one_line(cli("push", "--endpoint", anything.base), 3)
    assert f"{anything.base} is the root of a server and none of {anything.base}/query (Oxigraph), " \
           f"{anything.base}/sparql (Virtuoso) answers SPARQL queries" in line
    assert all(r.startswith("POST") for r in anything.requests)
