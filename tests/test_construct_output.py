"""CONSTRUCT and DESCRIBE answers that another program reads: `kg query ... > f.nt` is plain N-Triples, one
unwrapped line per triple, whatever the terminal's width, and `--format turtle` is Turtle; serdi parses both."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import FACTS
from tests.test_cli_usage import kg_script
from tests.test_export import tool

CONSTRUCT = "CONSTRUCT { ?s kg:ownedBy ?o ; rdfs:label ?l } WHERE { ?s kg:ownedBy ?o ; rdfs:label ?l }"


@pytest.fixture
def kg_to_file(tmp_path, build_dir, seed_build):
    env = {**os.environ, "KG_FACTS": str(FACTS), "KG_BUILD_DIR": str(build_dir), "COLUMNS": "60"}

    def run(*args: str, name: str) -> str:
        path = tmp_path / name
        with path.open("w") as out:
            proc = subprocess.run([kg_script(), "query", *args], stdout=out, stderr=subprocess.PIPE, env=env, text=True,
                                  timeout=300, cwd=tmp_path)
        assert proc.returncode == 0 and proc.stderr == "", proc.stderr
        return str(path)

    return run


def serdi(syntax: str, path: str) -> list[str]:
    proc = subprocess.run([tool("serdi"), "-i", syntax, "-o", "ntriples", path], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "error" not in proc.stderr.lower(), proc.stderr
    return sorted(line for line in proc.stdout.splitlines() if line.strip())


def test_construct_to_a_file_is_ntriples_that_serdi_parses(kg_to_file):
    path = kg_to_file(CONSTRUCT, name="c.nt")
    lines = open(path, encoding="utf-8").read().splitlines()
    assert len(lines) > 20 and all(line.endswith(" .") and len(line) > 60 for line in lines)  # not cut at 60 columns
    assert lines == sorted(set(lines))
    assert any('"钉钉"@zh-hans' in line.lower() for line in lines)
    assert serdi("ntriples", path) == sorted(set(serdi("ntriples", path))) and len(serdi("ntriples", path)) == len(lines)


def test_turtle_and_describe(kg_to_file):
    nt = serdi("ntriples", kg_to_file(CONSTRUCT, name="c.nt"))
    ttl = kg_to_file(CONSTRUCT, "--format", "turtle", name="c.ttl")
    assert open(ttl, encoding="utf-8").read().startswith("@prefix ")
    assert serdi("turtle", ttl) == nt
    described = serdi("ntriples", kg_to_file("DESCRIBE kgr:feishu", name="d.nt"))
    assert any(line.startswith("<https://w3id.org/kg-office/resource/feishu> ") for line in described)


def test_nt_format_for_a_table_is_a_usage_error(cli):
    result = cli("query", "platforms by parent company", "--format", "nt")
    assert result.exit_code == 2
    assert result.stderr == "error: --format nt is for CONSTRUCT and DESCRIBE queries; this answer is a table\n"
