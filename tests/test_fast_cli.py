"""`kg query TEXT` parsed by hand (kg.cli.fast) against the same call through typer: the same stdout, stderr
and exit code, and the arguments the fast path leaves to typer."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from kg.cli.fast import parse
from tests.conftest import FACTS, as_at_a_terminal

TYPER = "import sys; sys.argv = ['kg', *sys.argv[1:]]\nfrom kg.cli.app import main\nmain()"
FAST = ("import json, sys\nfrom kg.cli.fast import main\ntry:\n    main()\nfinally:\n"
        "    sys.stdout.flush()\n    print('\\nTYPER ' + json.dumps('typer' in sys.modules), file=sys.stderr)")


def run(code: str, args: list[str], env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": "100", **(env or {})}, preexec_fn=as_at_a_terminal)


CASES = [
    ["query", "platforms by parent company"],
    ["query", "platforms by parent company", "--format", "csv"],
    ["query", "platforms by parent company", "-f", "tsv", "--lang", "zh"],
    ["query", "平台的母公司", "--format=json"],
    ["query", "platforms by parent company", "--format", "md", "--lang=zh-Hant"],
    ["query", "who owns Feishu?", "--explain"],
    ["query", "platforms by parent company", "--sources", "--all"],
    ["query", "products-of-company", "--param", "company=tencent", "-f", "csv"],
    ["query", "products-of-company", "-p", "company=nobody-at-all"],
    ["query", "SELECT ?c WHERE { ?c a kg:Company } ORDER BY ?c LIMIT 3", "--format", "csv", "--max-rows", "none"],
    ["query", "SELECT ?c WHERE { ?c a kg:Company }", "--format", "csv", "--max-rows", "2"],
    ["query", "SELECT ?c WHERE { ?c a kg:Company }", "--max-rows", "2"],
    ["query", "CONSTRUCT { ?c a kg:Company } WHERE { ?c a kg:Company } LIMIT 2", "--format", "turtle"],
    ["query", "platforms by parent company", "--format", "nt"],
    ["query", "SELECT ?c WHERE { ?c a kg:Company", "--format", "csv"],
    ["query", "DELETE WHERE { ?s ?p ?o }"],
    ["query", "the colour of the moon on tuesdays"],
    ["query", "platforms by parent company", "--timeout", "soon"],
    ["query", "platforms by parent company", "--max-rows", "-"],
    ["query", "missing.rq"],
    ["query", "platforms by parent company", "--engine", "rdflib", "--format", "csv", "--timeout", "none"],
]


@pytest.mark.parametrize("args", CASES, ids=[" ".join(c)[:60] for c in CASES])
def test_the_fast_path_answers_as_typer_does(seed_build, build_dir, args):
    argv = ["--facts", str(FACTS), "--build-dir", str(build_dir), *args]
    fast, slow = run(FAST, argv), run(TYPER, argv)
    out, _, took_typer = fast.stderr.rpartition("\nTYPER ")
    assert json.loads(took_typer) is (parse(argv) is None)
    assert (fast.returncode, fast.stdout, out) == (slow.returncode, slow.stdout, slow.stderr)


def test_the_build_folder_from_the_environment(seed_build, build_dir):
    argv = ["--facts", str(FACTS), "query", "platforms by parent company", "-f", "csv"]
    env = {"KG_BUILD_DIR": str(build_dir), "KG_MAX_ROWS": "3"}
    fast, slow = run(FAST, argv, env), run(TYPER, argv, env)
    assert fast.stderr.endswith("TYPER false\n")
    assert (fast.returncode, fast.stdout) == (slow.returncode, slow.stdout) == (4, slow.stdout)
    assert fast.stderr.rpartition("\nTYPER ")[0] == slow.stderr


@pytest.mark.parametrize("argv", [
    ["query", "x", "--format", "csv"], ["--facts", "f", "--build-dir=b", "query", "x"], ["query", "--all", "x", "-p", "a=1"],
    ["build"], ["--facts", "f", "build", "--force"],
])
def test_the_fast_path_takes_the_common_calls(argv):
    assert parse(argv, environ={}) is not None


@pytest.mark.parametrize("argv", [
    [], ["--help"], ["--version"], ["query"], ["query", "--help"], ["query", "-h"], ["query", "a", "b"], ["query", "x", "--format"],
    ["query", "x", "--format", "xml"], ["query", "x", "-fcsv"], ["query", "x", "-f=csv"], ["query", "x", "--sources=1"],
    ["query", "x", "--timeout", "-1"], ["query", "x", "--param", "company"], ["query", "x", "-p", "=1"], ["query", "-", "x"],
    ["query", "x", "--endpoint", "http://h/sparql"], ["query", "x", "--", "y"], ["--facts", "", "query", "x"],
    ["--facts", "f", "show", "x"], ["search", "x"], ["query", "x", "--lang", "fr"], ["query", "x", "--form", "csv"],
    ["build", "--help"], ["build", "--force", "--force"], ["build", "--forc"], ["build", "x"],
])
def test_the_rest_is_left_to_typer(argv):
    assert parse(argv, environ={}) is None


@pytest.mark.parametrize("var", ["KG_ENDPOINT", "KG_AUTH", "_KG_COMPLETE"])
def test_typer_answers_when_the_environment_names_an_endpoint(var):
    assert parse(["query", "x"], environ={var: "1"}) is None
    assert parse(["query", "x"], environ={var: ""}) is not None


def test_the_parsed_options_are_typers():
    """The keywords the fast path passes to run_query are the values typer gives the command."""
    import click
    import typer.main

    from kg.cli.app import app

    group = typer.main.get_command(app)
    for argv in (["query", "a b", "-f", "csv", "--lang=zh", "-p", "x=1", "--param", "y = 2 ", "--all", "--sources"],
                 ["query", "--explain", "SELECT 1", "--timeout", "5", "--max-rows=7", "--engine", "rdflib", "--allow-network"],
                 ["query", "x", "--format", "json", "--format", "md"]):
        _, kw = parse(argv, environ={})
        ctx = click.Context(group, info_name="kg")
        got = group.get_command(ctx, "query").make_context("query", argv[1:], parent=ctx).params
        plain = {k: getattr(v, "value", v) for k, v in got.items()}
        want = {"text": plain["text"], "params": list(plain["param"] or []), "lang": plain["lang"], "sources": plain["sources"],
                "fmt": plain["fmt"], "explain": plain["explain"], "every_row": plain["every_row"], "timeout": plain["timeout"],
                "max_rows": plain["max_rows"], "allow_network": plain["allow_network"], "engine": plain["engine"]}
        defaults = {"lang": "en", "sources": False, "fmt": "table", "explain": False, "every_row": False, "timeout": None,
                    "max_rows": None, "allow_network": False, "engine": "oxigraph"}
        assert {**defaults, **kw} == want, argv


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_kg_build_without_typer_prints_what_typer_prints(tmp_path, force):
    outs = []
    for name, code in (("fast", FAST), ("typer", TYPER)):
        bdir = tmp_path / name
        argv = ["--facts", str(FACTS), "--build-dir", str(bdir), "build", *force]
        done = [run(code, argv) for _ in range(2)]  # built, then up to date (or built again with --force)
        assert all(d.returncode == 0 for d in done)
        outs.append([(d.stdout.replace(str(bdir), "BUILD"), d.stderr.rpartition("\nTYPER ")[0] if name == "fast" else d.stderr)
                     for d in done])
        if name == "fast":
            assert all(d.stderr.endswith("TYPER false\n") for d in done)
    assert outs[0] == outs[1] and "built: " in outs[0][0][0]


def test_kg_build_errors_without_typer_are_typers(tmp_path):
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "bad.yaml").write_text("entities:\n  - id: Not An Id\n", encoding="utf-8")
    argv = ["--facts", str(facts), "--build-dir", str(tmp_path / "b"), "build"]
    fast, slow = run(FAST, argv), run(TYPER, argv)
    assert (fast.returncode, fast.stdout, fast.stderr.rpartition("\nTYPER ")[0]) == (slow.returncode, slow.stdout, slow.stderr)
    assert fast.returncode == 2 and fast.stderr.endswith("TYPER false\n")
