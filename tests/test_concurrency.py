"""Parallel commands and edits during a build: builds are single-flight, a build in use is never deleted
under its reader, an edit saved while a build runs is seen by the next command, and what a killed build
left behind is cleaned up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import kg.build.pipeline as pipeline
from kg.build.pipeline import current_build, ensure_built
from tests.test_loader_errors import write_mini

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
PEOPLE = "entities/organizations.yaml"
NEW_PERSON = """
  - id: test-person-{n}
    type: Person
    name: {{en: Test Person {n}}}
    mentions:
      d1: 1
"""


@pytest.fixture
def facts_copy(tmp_path) -> Path:
    """A small fact folder with an RDF data file, so that its builds have an on-disk Oxigraph store."""
    facts = write_mini(tmp_path)
    rows = "".join(f"<https://example.org/s{i}> <https://example.org/p> \"{i}\" .\n" for i in range(200))
    (facts / "data.nt").write_text(rows, encoding="utf-8")
    return facts


def add_person(facts: Path, n: int) -> None:
    path = facts / PEOPLE
    path.write_text(path.read_text(encoding="utf-8") + NEW_PERSON.format(n=n), encoding="utf-8")


def start(args: list[str], facts: Path, bdir: Path, cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "KG_FACTS": str(facts), "KG_BUILD_DIR": str(bdir)}
    return subprocess.Popen([sys.executable, "-m", "kg", *args], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def run_parallel(n: int, args: list[str], facts: Path, bdir: Path, cwd: Path) -> list[tuple[int, str, str]]:
    procs = [start(args, facts, bdir, cwd) for _ in range(n)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        results.append((p.returncode, out, err))
    return results


def count(facts: Path, bdir: Path) -> int:
    build = ensure_built(facts, bdir)
    return build.stats["entities"]


def test_twenty_parallel_queries_after_touching_and_editing_a_fact_file_all_succeed(facts_copy, tmp_path):
    bdir = tmp_path / "build"
    ensure_built(facts_copy, bdir)
    people = facts_copy / PEOPLE
    st = people.stat()
    os.utime(people, ns=(st.st_atime_ns, st.st_mtime_ns + 3_000_000_000))  # touched: same content
    for code, out, err in run_parallel(20, ["query", "-f", "json", COUNT], facts_copy, bdir, tmp_path):
        assert code == 0 and err == "", err
        assert json.loads(out)

    add_person(facts_copy, 1)  # edited: every one of them must see the new content, none may crash
    results = run_parallel(20, ["query", "-f", "json", COUNT], facts_copy, bdir, tmp_path)
    for code, _, err in results:
        assert code == 0 and err == "", err
    assert len({out for _, out, _ in results}) == 1, "all twenty read the same build"


def test_parallel_builds_of_the_same_edit_compile_once(facts_copy, tmp_path):
    bdir = tmp_path / "build"
    ensure_built(facts_copy, bdir)
    add_person(facts_copy, 2)
    results = run_parallel(8, ["build"], facts_copy, bdir, tmp_path)
    assert all(code == 0 for code, _, _ in results), [err for _, _, err in results]
    states = sorted(out.split(":")[0] for _, out, _ in results)
    assert states == ["built"] + ["up to date"] * 7, states
    add_person(facts_copy, 11)
    ensure_built(facts_copy, bdir)  # an old build a reader held when the first was made goes with the next
    assert [p.name for p in bdir.iterdir() if p.is_dir()] == [(bdir / "CURRENT").read_text()]


def test_an_edit_saved_while_a_build_runs_is_seen_by_the_next_command(facts_copy, tmp_path, monkeypatch):
    bdir = tmp_path / "build"
    before = count(facts_copy, bdir)
    add_person(facts_copy, 3)
    compile_ = pipeline._compiled

    def compile_then_edit(*args, **kwargs):  # the curator saves another edit while the build compiles
        result = compile_(*args, **kwargs)
        add_person(facts_copy, 4)
        return result

    monkeypatch.setattr(pipeline, "_compiled", compile_then_edit)
    assert ensure_built(facts_copy, bdir).stats["entities"] == before + 1
    monkeypatch.setattr(pipeline, "_compiled", compile_)
    again = ensure_built(facts_copy, bdir)
    assert again.rebuilt, "the edit saved during the build was taken for built"
    assert again.stats["entities"] == before + 2
    assert not ensure_built(facts_copy, bdir).rebuilt


def test_an_edit_saved_between_hashing_and_loading_is_not_taken_for_built(facts_copy, tmp_path, monkeypatch):
    bdir = tmp_path / "build"
    before = count(facts_copy, bdir)
    add_person(facts_copy, 5)
    read = pipeline._read_inputs

    def read_then_edit(*args, **kwargs):  # the edit lands after the bytes were hashed, before the loader runs
        inputs = read(*args, **kwargs)
        add_person(facts_copy, 6)
        return inputs

    monkeypatch.setattr(pipeline, "_read_inputs", read_then_edit)
    assert ensure_built(facts_copy, bdir).stats["entities"] == before + 1  # what was hashed is what was compiled
    monkeypatch.setattr(pipeline, "_read_inputs", read)
    assert ensure_built(facts_copy, bdir).stats["entities"] == before + 2


def test_a_build_in_use_is_not_deleted_until_its_reader_lets_go(facts_copy, tmp_path):
    bdir = tmp_path / "build"
    ensure_built(facts_copy, bdir)
    reader = current_build(pipeline.Sources.resolve(facts_copy, bdir))
    add_person(facts_copy, 7)
    newer = ensure_built(facts_copy, bdir)
    assert newer.rebuilt and newer.path != reader.path
    assert (reader.graph_file).is_file() and reader.store_path is not None, "the build in use was deleted"
    old = reader.path
    del reader
    add_person(facts_copy, 8)
    del newer
    newest = ensure_built(facts_copy, bdir)
    assert not old.exists(), "an old build nobody reads is deleted by the next build"
    assert [p.name for p in bdir.iterdir() if p.is_dir()] == [newest.path.name]


def test_what_a_killed_build_left_behind_is_cleaned_up(facts_copy, tmp_path):
    bdir = tmp_path / "build"
    ensure_built(facts_copy, bdir)
    (bdir / ".tmp-killed" / "store").mkdir(parents=True)  # as a build killed while writing its store leaves it
    (bdir / ".tmp-killed" / "graph.nq").write_text("<a> <b> <c> .\n")
    (bdir / ".tmp-current").write_text("half")  # a CURRENT being replaced
    add_person(facts_copy, 9)
    ensure_built(facts_copy, bdir)
    assert sorted(p.name for p in bdir.iterdir()) == sorted([".lock", "CURRENT", (bdir / "CURRENT").read_text()])


def test_a_killed_build_process_leaves_the_previous_build_usable(facts_copy, tmp_path):
    bdir = tmp_path / "build"
    before = count(facts_copy, bdir)
    add_person(facts_copy, 10)
    proc = start(["build"], facts_copy, bdir, tmp_path)
    try:
        proc.wait(timeout=1.5)
    except subprocess.TimeoutExpired:
        proc.kill()
    proc.communicate()
    after = ensure_built(facts_copy, bdir)  # the lock died with the process: nothing waits forever
    assert after.stats["entities"] == before + 1
    assert not [p for p in bdir.iterdir() if p.name.startswith(".tmp-")]
