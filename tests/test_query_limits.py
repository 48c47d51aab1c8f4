"""The limits every local query runs within (a time limit, a row cap), Ctrl-C, errors met while rows are read,
and the checking of --timeout / --max-rows / --param values: one line and a documented exit code each."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import FACTS, as_at_a_terminal

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CATASTROPHIC = 'SELECT ?x WHERE { BIND(REGEX("' + "a" * 40 + '!", "^(a+)+$") AS ?x) }'


def one_line(result, code: int) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.output, result.stderr
    return lines[0]


def test_a_cartesian_product_stops_at_the_time_limit_under_rdflib(cli, seed_build):
    start = time.monotonic()
    line = one_line(cli("query", CARTESIAN, "--engine", "rdflib", "--timeout", "1"), 4)
    assert time.monotonic() - start < 30  # the limit, plus start-up on a busy machine
    assert line == "error: the query ran longer than 1 s (--timeout; --timeout none lifts the limit)"


def test_a_cartesian_product_stops_at_the_time_limit_under_oxigraph(build_dir, seed_build):
    # In a process of its own: Oxigraph cannot be interrupted, and the abandoned worker thread would spin
    # on for the rest of the test session.
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "kg", "--facts", str(FACTS), "--build-dir", str(build_dir),
                           "query", CARTESIAN, "--timeout", "0.5"], capture_output=True, text=True, timeout=120)
    assert time.monotonic() - start < 30
    assert proc.returncode == 4 and proc.stderr == (
        "error: the query ran longer than 0.5 s (--timeout; --timeout none lifts the limit)\n"), proc.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_the_time_limit_holds_when_the_parent_blocked_sigalrm(build_dir, seed_build):
    def blocked():
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})

    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "kg", "--facts", str(FACTS), "--build-dir", str(build_dir),
                           "query", CARTESIAN, "--engine", "rdflib", "--timeout", "1"],
                          capture_output=True, preexec_fn=blocked, timeout=60)
    assert time.monotonic() - start < 30
    assert proc.returncode == 4 and b"ran longer than 1 s" in proc.stderr, proc.stderr


def test_catastrophic_regex_under_rdflib_respects_the_timeout(cli, seed_build):
    start = time.monotonic()
    one_line(cli("query", CATASTROPHIC, "--engine", "rdflib", "--timeout", "1"), 4)
    assert time.monotonic() - start < 30  # the limit, plus start-up on a busy machine


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_row_cap_stops_a_big_answer_with_a_clear_message(cli, engine):
    line = one_line(cli("query", "SELECT * WHERE { ?s ?p ?o }", "--engine", engine, "--max-rows", "10"), 4)
    assert line == ("error: the answer has more than 10 rows (--max-rows); add a LIMIT to the query, "
                    "or pass --max-rows none to lift the cap")
    assert cli("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 10", "--engine", engine, "--max-rows", "10",
               "-f", "csv").exit_code == 0


def test_default_row_cap_and_how_to_lift_it(cli, monkeypatch):
    query = "SELECT ?a ?d WHERE { ?a a kg:Company . ?d a ?t }"  # some ten thousand rows: above a cap of 1000
    monkeypatch.setenv("KG_MAX_ROWS", "1000")
    assert "more than 1,000 rows" in one_line(cli("query", query, "-f", "csv"), 4)
    for lifted in ("none", "0"):
        assert cli("query", query, "-f", "csv", "--max-rows", lifted).exit_code == 0


@pytest.mark.parametrize("value", ["inf", "1e12", "nan", "-1", "-0.5", "soon", ""])
def test_bad_timeout_is_a_usage_error(cli, value):
    line = one_line(cli("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--timeout", value), 2)
    assert "--timeout" in line


@pytest.mark.parametrize("value", ["-3", "1.5", "nan", "many"])
def test_bad_max_rows_is_a_usage_error(cli, value):
    assert "--max-rows" in one_line(cli("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--max-rows", value), 2)


@pytest.mark.parametrize("value", ["0", "none", "NONE", "2.5"])
def test_timeout_none_or_zero_means_no_limit(cli, value):
    assert cli("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--timeout", value, "-f", "csv").exit_code == 0


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "1e12"])
def test_bad_push_timeout_is_a_usage_error(cli, value):
    assert "--timeout" in one_line(cli("push", "--endpoint", "http://127.0.0.1:9/query", "--timeout", value), 2)


def test_push_timeout_zero_waits_as_long_as_it_takes(cli):
    from triplestores import free_port

    url = f"http://127.0.0.1:{free_port()}/query"
    line = one_line(cli("push", "--endpoint", url, "--timeout", "0"), 3)
    assert line.endswith("Connection refused") and "in progress" not in line


def test_invalid_regex_under_rdflib_exits_2(cli):
    line = one_line(cli("query", 'SELECT * WHERE { ?s ?p ?o FILTER REGEX(STR(?o), "[") } LIMIT 1',
                        "--engine", "rdflib"), 2)
    assert line.startswith("error: invalid regular expression in the query")


@pytest.mark.parametrize("query", ["PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b ex:c }",
                                   "BASE <http://example.org/> PREFIX ex: <x#> DELETE WHERE { ?s ?p ?o }",
                                   "# a comment\nPREFIX ex: <http://example.org/>\nCLEAR ALL"])
def test_an_update_after_prefix_is_refused_with_exit_2(cli, query):
    assert one_line(cli("query", query), 2) == "error: SPARQL updates are not accepted: kg queries are read-only"


@pytest.mark.parametrize("value", ["sNaN", "NaN", "1e99999999", "Infinity", "-inf", "１２", "١٢", "12abc", "0x10"])
def test_number_parameter_must_be_a_finite_ascii_number(cli, value):
    assert "parameter value" in one_line(cli("query", "figure-sources", "--param", f"value={value}"), 2)


@pytest.mark.parametrize("value", ["381000000", "381,000,000", "3.81e8", "381000000.0"])
def test_number_parameter_forms_all_bind_the_same_figure(cli, value):
    r = cli("query", "figure-sources", "--param", f"value={value}", "-f", "csv")
    assert r.exit_code == 0 and "online office users,2021-06" in r.stdout, r.output


def test_empty_parameter_is_an_error_not_the_default(cli):
    line = one_line(cli("query", "products-of-company", "--param", "company="), 2)
    assert line == ("error: parameter company is empty: give a value (--param company=VALUE), "
                    "or leave it out for the default (tencent)")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_ctrl_c_stops_a_running_query_with_130(build_dir, seed_build, engine):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "kg", "--facts", str(FACTS), "--build-dir", str(build_dir),
                             "query", CARTESIAN, "--timeout", "none", "--engine", engine], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, preexec_fn=as_at_a_terminal)
    try:
        time.sleep(3)  # start-up and into the query
        assert proc.poll() is None, proc.communicate()
        proc.send_signal(signal.SIGINT)
        start = time.monotonic()
        _, err = proc.communicate(timeout=10)
        assert time.monotonic() - start < 3
        assert proc.returncode == 130 and b"Traceback" not in err, err
    finally:
        proc.kill()


def test_the_time_limit_holds_when_the_timer_signal_never_comes(build_dir, seed_build, monkeypatch):
    import kg
    from kg.errors import QueryTimeout

    monkeypatch.setattr(signal, "setitimer", lambda *args: (0.0, 0.0))  # a timer that never fires
    graph = kg.open(FACTS, build_dir=build_dir, engine="rdflib")
    start = time.monotonic()
    with pytest.raises(QueryTimeout):
        graph.query(CARTESIAN, timeout=0.5)
    assert time.monotonic() - start < 30


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("timer", ["fires", "never fires"])
def test_the_time_limit_holds_when_an_alarm_is_swallowed(monkeypatch, timer):
    """Python drops an exception raised in a __del__ method or by a bare `except:` in library code: an alarm
    landing there is lost, and the next one must still stop the query."""
    from kg.errors import QueryTimeout
    from kg.sparql import engine

    if timer == "never fires":
        monkeypatch.setattr(signal, "setitimer", lambda *args: (0.0, 0.0))
    swallowed = []

    def query_that_swallows_the_first_alarm(_):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                while time.monotonic() < deadline:
                    sum(range(1000))
            except BaseException as e:  # noqa: BLE001 - standing in for a library's bare except
                if swallowed:
                    raise
                swallowed.append(e)
        return "ran to the end"

    start = time.monotonic()
    with pytest.raises(QueryTimeout):
        engine._under_alarm(query_that_swallows_the_first_alarm, 0.3)
    assert len(swallowed) == 1 and time.monotonic() - start < 10
