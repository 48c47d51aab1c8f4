"""`kg export`: other RDF parsers accept every format, the data round-trips, --graph selects one document,
and -o writes atomically."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from kg.cli.app import app
from kg.namespaces import SRC

FACTS = Path(__file__).resolve().parent.parent / "facts"
DOC0 = "000_a3adda4dcaacb95c"
FORMATS = {"trig": ".trig", "turtle": ".ttl", "nt": ".nt", "nquads": ".nq"}
SERDI_SYNTAX = {"trig": "trig", "turtle": "turtle", "nt": "ntriples", "nquads": "nquads"}


def tool(name: str) -> str:
    """The path of an external program; skip without it, unless KG_REQUIRE_TOOLS is set (as in CI)."""
    beside = Path(sys.executable).parent / name  # installed into the venv by a PyPI package (oxigraph)
    found = str(beside) if beside.is_file() else shutil.which(name)
    if found is None:
        if os.environ.get("KG_REQUIRE_TOOLS"):
            pytest.fail(f"{name} is not installed, and KG_REQUIRE_TOOLS is set")
        pytest.skip(f"{name} is not installed")
    return found


@pytest.fixture(scope="module")
def exports(tmp_path_factory, build_dir, seed_build) -> dict[str, Path]:
    """`kg export --format F -o FILE` of the shipped facts, once per format."""
    out = tmp_path_factory.mktemp("exports")
    runner = CliRunner()
    files = {}
    for fmt, ext in FORMATS.items():
        path = out / f"kg{ext}"
        result = runner.invoke(app, ["--facts", str(FACTS), "--build-dir", str(build_dir), "export", "--format", fmt,
                                     "-o", str(path)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert result.stderr == f"wrote {path} ({path.stat().st_size} bytes, {fmt})\n"
        files[fmt] = path
    return files


@pytest.fixture(scope="module")
def expected_counts(seed_dataset) -> dict[str, int]:
    quads = {(s, p, o, g) for s, p, o, g in seed_dataset.quads((None, None, None, None))}
    triples = {(s, p, o) for s, p, o, _ in quads}
    return {"trig": len(quads), "nquads": len(quads), "turtle": len(triples), "nt": len(triples)}


def run_parser(command: list[str]) -> list[str]:
    proc = subprocess.run(command, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "RUST_BACKTRACE": "0"})
    assert proc.returncode == 0, f"{' '.join(command)} rejected the export:\n{proc.stderr[:2000]}"
    assert "error" not in proc.stderr.lower(), proc.stderr[:2000]
    return [line for line in proc.stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("fmt", FORMATS)
def test_serdi_accepts_export(exports, expected_counts, fmt):
    lines = run_parser([tool("serdi"), "-i", SERDI_SYNTAX[fmt], "-o", "nquads", str(exports[fmt])])
    assert len(set(lines)) == expected_counts[fmt]


@pytest.mark.parametrize("fmt", FORMATS)
def test_oxigraph_accepts_export(exports, expected_counts, fmt):
    lines = run_parser([tool("oxigraph"), "convert", "--from-file", str(exports[fmt]), "--to-format", "nq"])
    assert len(set(lines)) == expected_counts[fmt]


@pytest.mark.parametrize("name", ["serdi", "oxigraph"])
def test_formats_say_the_same(exports, name):
    """Read by the same parser, TriG and N-Quads give the same quads, Turtle and N-Triples the same triples
    (the same terms: a decimal such as "381000000" must not come back from Turtle as 381000000.0)."""
    exe = tool(name)

    def read(fmt: str) -> set[str]:
        if name == "serdi":
            return set(run_parser([exe, "-i", SERDI_SYNTAX[fmt], "-o", "nquads", str(exports[fmt])]))
        return set(run_parser([exe, "convert", "--from-file", str(exports[fmt]), "--to-format", "nq"]))

    def split(lines: set[str]) -> tuple[set[str], int]:  # blank nodes are named anew by each parse
        return {line for line in lines if "_:" not in line}, sum("_:" in line for line in lines)

    assert split(read("trig")) == split(read("nquads"))
    assert split(read("turtle")) == split(read("nt"))


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_quad_formats_round_trip_into_rdflib(exports, seed_dataset, fmt):
    ds = Dataset()
    ds.parse(exports[fmt], format=fmt)
    got = {(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))}
    want = {(s, p, o, g) for s, p, o, g in seed_dataset.quads((None, None, None, None))}
    assert len(got) == len(want)
    blank = lambda q: any(t.__class__.__name__ == "BNode" for t in q)  # noqa: E731  (named anew on parsing)
    assert {q for q in got if not blank(q)} == {q for q in want if not blank(q)}


@pytest.mark.parametrize("fmt", ["turtle", "nt"])
def test_triple_formats_round_trip_into_rdflib(exports, seed_dataset, fmt):
    g = Graph()
    g.parse(exports[fmt], format=fmt)
    want = {(s, p, o) for s, p, o, _ in seed_dataset.quads((None, None, None, None))}
    assert len(g) == len(want)


def test_one_document_graph(cli, seed_dataset):
    result = cli("export", "--format", "nquads", "--graph", DOC0)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == len(seed_dataset.graph(SRC[DOC0])) > 100
    assert all(line.endswith(f" <{SRC[DOC0]}> .") for line in lines)

    result = cli("export", "--format", "trig", "--graph", DOC0)
    assert result.exit_code == 0, result.output
    ds = Dataset()
    ds.parse(data=result.stdout, format="trig")
    assert {g.identifier for g in ds.graphs() if len(g)} == {SRC[DOC0]}
    assert len(ds.graph(SRC[DOC0])) == len(seed_dataset.graph(SRC[DOC0]))


def test_unknown_graph_is_not_found_with_a_suggestion(cli, tmp_path):
    target = tmp_path / "out.trig"
    result = cli("export", "--graph", "000_a3adda4dcaacb95d", "-o", str(target))
    assert result.exit_code == 2  # a bad option
    assert result.stdout == ""
    assert result.stderr == "error: no graph named '000_a3adda4dcaacb95d'\ndid you mean: 000_a3adda4dcaacb95c\n"
    assert not target.exists()


def test_unknown_format_is_a_usage_error(cli):
    result = cli("export", "--format", "rdfxml")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "rdfxml" in result.stderr


def test_output_file_matches_stdout(cli, exports):
    result = cli("export", "--format", "nquads")
    assert result.exit_code == 0
    assert result.stdout_bytes == exports["nquads"].read_bytes()


def test_output_is_written_atomically(cli, tmp_path, monkeypatch):
    """A write that fails half-way leaves the old file as it was and no temporary file behind."""
    target = tmp_path / "kg.trig"
    target.write_bytes(b"old content\n")
    real_fdopen = os.fdopen

    class HalfWritten:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def write(self, data):
            self.f.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    def fdopen(fd, mode="r", *args, **kwargs):
        f = real_fdopen(fd, mode, *args, **kwargs)
        return HalfWritten(f) if mode == "wb" else f

    monkeypatch.setattr(os, "fdopen", fdopen)
    result = cli("export", "--format", "trig", "-o", str(target))
    monkeypatch.undo()
    assert result.exit_code == 3, result.output
    assert result.stderr == f"error: cannot write {target}: No space left on device\n"
    assert target.read_bytes() == b"old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.trig"]


def test_output_into_a_missing_folder(cli, tmp_path):
    target = tmp_path / "no-such-folder" / "kg.trig"
    result = cli("export", "-o", str(target))
    assert result.exit_code == 3, result.output
    assert result.stderr == f"error: cannot write {target}: no folder {target.parent}\n"
    assert not target.parent.exists()


def test_no_output_file_when_the_build_fails(cli, facts_copy, tmp_path):
    (facts_copy / "entities" / "people.yaml").write_text("entities: [\n", encoding="utf-8")
    target = tmp_path / "kg.nq"
    result = cli("export", "--format", "nquads", "-o", str(target), facts=facts_copy, bdir=tmp_path / "build")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: facts/entities/people.yaml:")
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]
