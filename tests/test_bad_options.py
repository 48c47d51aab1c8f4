"""Options that used to crash or mislead: each is one line on stderr with the README's exit code, and a bad
output path is reported before any work."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("value", ["inf", "-inf", "1e12", "nan", "-1", "1e400"])
@pytest.mark.parametrize("command", [("query", "platforms by parent company"), ("push", "--endpoint", "http://127.0.0.1:9")])
def test_timeouts_that_are_no_number_of_seconds(cli, command, value):
    r = cli(*command, "--timeout", value)
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith("error: --timeout must be") and r.stderr.count("\n") == 1, r.stderr


@pytest.mark.parametrize("path", ["./missing.rq", "missing.rq", "queries/nope.rq"])
def test_a_missing_rq_file_is_not_a_question(cli, path):
    r = cli("query", path)
    assert (r.exit_code, r.stderr) == (2, f"error: no such file: {path}\n")


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("query, prefix", [
    ("SELECT * WHERE { ?s foo:bar ?o }", "foo"),
    ("SELECT * WHERE {\n  ?s kg:ownedBy ?o .\n  ?o ex.a:name \"a:b\" }", "ex.a"),
])
def test_unknown_prefix(cli, engine, query, prefix):
    r = cli("query", query, "--engine", engine)
    assert r.exit_code == 2
    assert r.stderr.startswith("error: SPARQL syntax error") and r.stderr.count("\n") == 1, r.stderr
    assert f"unknown prefix {prefix}: (declare it with PREFIX {prefix}: <...>)" in r.stderr


@pytest.mark.parametrize("option", [("--type", "Compnay"), ("--source", "nope")])
@pytest.mark.parametrize("command", [("centrality",), ("plot", "network", "-o", "net.png")])
def test_a_name_that_names_nothing_is_a_bad_option(cli, command, option, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = cli(*command, *option)
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith(("error: no class named 'Compnay'\ndid you mean: Company", "error: no source document"))


@pytest.mark.parametrize("command, exit_code, message", [
    (("export", "-o", "{tmp}/no/such/folder/kg.trig"), 3, "error: cannot write {tmp}/no/such/folder/kg.trig: no folder {tmp}/no/such/folder"),
    (("export", "-o", "{tmp}"), 3, "error: cannot write {tmp}: it is a folder"),
    (("plot", "network", "-o", "{tmp}/no/net.png"), 3, "error: cannot write {tmp}/no/net.png: no folder {tmp}/no"),
    (("plot", "network", "-o", "{tmp}/net.gif"), 2, "error: cannot tell the picture format of '{tmp}/net.gif': name it .png, .svg or .pdf"),
    (("plot", "figures", "dingtalk", "-o", "{tmp}/no/f.png"), 3, "error: cannot write {tmp}/no/f.png: no folder {tmp}/no"),
])
def test_a_bad_output_path_is_checked_first(cli, tmp_path, command, exit_code, message):
    bdir = tmp_path / "build"
    r = cli(*(a.format(tmp=tmp_path) for a in command), bdir=bdir)
    assert (r.exit_code, r.stderr) == (exit_code, message.format(tmp=tmp_path) + "\n")
    assert not bdir.exists() or not any(bdir.iterdir())  # nothing was built
