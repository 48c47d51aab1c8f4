"""CSV and TSV answers to SPARQL SELECT are written row by row as Oxigraph reads them: the same bytes as a
collected answer, the first rows out while a long query still runs, and the row cap, the time limit and
Ctrl-C stop it with their one-line message and exit code after the rows so far."""

from __future__ import annotations

import csv
import io
import signal
import subprocess
import sys
import time

import pytest
from conftest import FACTS, as_at_a_terminal

import kg
from kg.present import answer_text, plain_row

ENDLESS = "SELECT ?a ?b ?c ?d WHERE { ?a ?b ?c . ?d ?e ?f }"  # some hundred million rows


def streamed_text(graph, query: str, delimiter: str = ",") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    for n, row in enumerate(graph.stream(query)):
        writer.writerow([c.replace("_", " ") for c in row] if n == 0 else plain_row(row, graph.index, "en"))
    return buf.getvalue()


@pytest.mark.parametrize("query", [
    "SELECT ?p ?o WHERE { ?p kg:ownedBy ?o } ORDER BY ?p",
    "SELECT ?o ?v ?t WHERE { ?o kg:value ?v ; kg:time ?t } ORDER BY ?o",
    "SELECT ?s ?l WHERE { ?s rdfs:label ?l } ORDER BY ?s ?l",
    "SELECT ?x WHERE { ?x a kg:NoSuchClass }",
])
def test_a_streamed_answer_is_the_collected_answer_byte_for_byte(build_dir, seed_build, query):
    graph = kg.open(FACTS, build_dir=build_dir)
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        assert streamed_text(graph, query, delimiter) == answer_text(graph.query(query), graph.index, fmt)


def test_only_select_is_streamed(build_dir, seed_build):
    graph = kg.open(FACTS, build_dir=build_dir)
    assert graph.stream("ASK { ?s ?p ?o }") is None
    assert graph.stream("platforms by parent company") is None


def test_the_cli_writes_the_rows_before_the_cap_stops_it(cli):
    r = cli("query", "SELECT ?s WHERE { ?s ?p ?o }", "-f", "csv", "--max-rows", "5")
    assert r.exit_code == 4
    assert len(r.stdout.splitlines()) == 6  # the header and five rows
    assert r.stderr.startswith("error: the answer has more than 5 rows")


def test_rows_come_out_while_a_long_query_runs(build_dir, seed_build):
    proc = subprocess.Popen([sys.executable, "-m", "kg", "--facts", str(FACTS), "--build-dir", str(build_dir),
                             "query", ENDLESS, "-f", "csv", "--max-rows", "none", "--timeout", "none"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=as_at_a_terminal)
    try:
        first = proc.stdout.readline()  # arrives long before the answer could have been collected
        assert first.decode().strip() == "a,b,c,d"
        assert proc.stdout.readline().count(b",") >= 3
        assert proc.poll() is None  # still running
        if sys.platform != "win32":
            proc.send_signal(signal.SIGINT)
            start = time.monotonic()
            _, err = proc.communicate(timeout=10)
            assert time.monotonic() - start < 5
            assert proc.returncode == 130 and b"Traceback" not in err, err
    finally:
        proc.kill()
        proc.communicate()


def test_the_time_limit_stops_a_streamed_answer(cli):
    start = time.monotonic()
    r = cli("query", ENDLESS, "-f", "tsv", "--max-rows", "none", "--timeout", "1")
    assert time.monotonic() - start < 30
    assert r.exit_code == 4 and r.stdout.startswith("a\tb\tc\td\n")
    assert r.stderr.strip() == "error: the query ran longer than 1 s (--timeout; --timeout none lifts the limit)"
