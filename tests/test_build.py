"""Builds are reproducible, cached by content, rebuilt when a fact changes, and atomic when they fail."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.build.pipeline import MANIFEST_FILE, Sources, _fingerprint, current_build, ensure_built
from kg.namespaces import SRC

FACTS = Path(__file__).resolve().parent.parent / "facts"
DOC0 = "000_a3adda4dcaacb95c"

# A new person, appended to a shared entity file: one more entity and one more English label.
NEW_PERSON = f"""
  - id: test-person-for-rebuilds
    type: Person
    name: {{en: Test Person}}
    mentions:
      {DOC0}: 1
"""
NEW_ALIAS = "    aliases: {en: [T. Person]}\n"


def kg_process(*args: str, facts: Path, bdir: Path, seed: str, cwd: Path) -> subprocess.Popen:
    """`python -m kg ARGS` in its own process with its own hash seed (started, not waited for)."""
    env = {**os.environ, "PYTHONHASHSEED": seed, "KG_FACTS": str(facts), "KG_BUILD_DIR": str(bdir)}
    return subprocess.Popen([sys.executable, "-m", "kg", *args], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def finish(proc: subprocess.Popen) -> bytes:
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    return out


def snapshot(bdir: Path) -> dict[str, bytes]:
    return {p.relative_to(bdir).as_posix(): p.read_bytes() for p in sorted(bdir.rglob("*")) if p.is_file()}


def manifest(bdir: Path) -> dict:
    name = (bdir / "CURRENT").read_text().strip()
    return json.loads((bdir / name / MANIFEST_FILE).read_text())


@pytest.fixture
def two_copies(tmp_path) -> tuple[Path, Path]:
    """The shipped facts copied twice, to two different paths."""
    a, b = tmp_path / "a" / "facts", tmp_path / "b" / "facts"
    shutil.copytree(FACTS, a)
    shutil.copytree(a, b)
    return a, b


def test_same_facts_give_the_same_bytes_in_every_format(two_copies, tmp_path):
    (fa, fb), (ba, bb) = two_copies, (tmp_path / "build-a", tmp_path / "build-b")
    procs = [kg_process("build", facts=fa, bdir=ba, seed="1", cwd=tmp_path),
             kg_process("build", facts=fb, bdir=bb, seed="4242", cwd=tmp_path)]
    for p in procs:
        finish(p)
    ma, mb = manifest(ba), manifest(bb)
    assert ma["input_hash"] == mb["input_hash"]
    assert (ba / (ba / "CURRENT").read_text() / "graph.nq").read_bytes() == \
           (bb / (bb / "CURRENT").read_text() / "graph.nq").read_bytes()
    assert ma["stats"] == mb["stats"]

    for fmt in ("trig", "turtle", "nt", "nquads"):
        pa = kg_process("export", "--format", fmt, facts=fa, bdir=ba, seed="7", cwd=tmp_path)
        pb = kg_process("export", "--format", fmt, facts=fb, bdir=bb, seed="123456", cwd=tmp_path)
        out_a, out_b = finish(pa), finish(pb)
        assert len(out_a) > 100_000, fmt
        assert out_a == out_b, f"{fmt} export differs between two builds of the same facts"


def test_unchanged_facts_are_not_rebuilt(facts_copy, tmp_path, cli):
    bdir = tmp_path / "build"
    first = ensure_built(facts_copy, bdir)
    assert first.rebuilt
    before = snapshot(bdir)
    again = ensure_built(facts_copy, bdir)
    assert not again.rebuilt
    assert again.path == first.path
    result = cli("build", facts=facts_copy, bdir=bdir)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("up to date: ")
    assert snapshot(bdir) == before


def test_touching_a_file_does_not_rebuild(facts_copy, tmp_path, cli):
    bdir = tmp_path / "build"
    first = ensure_built(facts_copy, bdir)
    graph_mtime = first.graph_file.stat().st_mtime_ns
    current = (bdir / "CURRENT").read_bytes()
    touched = facts_copy / "entities" / "people.yaml"
    st = touched.stat()
    os.utime(touched, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))

    again = ensure_built(facts_copy, bdir)
    assert not again.rebuilt
    assert (bdir / "CURRENT").read_bytes() == current
    assert again.graph_file.stat().st_mtime_ns == graph_mtime
    # the manifest now knows the new time stamps, so the next command skips even the content hash
    src = Sources.resolve(facts_copy, bdir)
    assert manifest(bdir)["fingerprint"] == _fingerprint(src.input_files())
    result = cli("build", facts=facts_copy, bdir=bdir)
    assert result.exit_code == 0 and result.stdout.startswith("up to date: "), result.output


def test_editing_a_fact_file_rebuilds_on_the_next_command(facts_copy, tmp_path, cli):
    bdir = tmp_path / "build"
    stats = lambda: json.loads(cli("stats", "--json", facts=facts_copy, bdir=bdir).stdout)  # noqa: E731
    before = stats()
    hash_before = manifest(bdir)["input_hash"]

    people = facts_copy / "entities" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + NEW_PERSON, encoding="utf-8")
    added = stats()
    assert manifest(bdir)["input_hash"] != hash_before
    assert added["entities"] == before["entities"] + 1
    assert added["classes"]["Person"] == before["classes"]["Person"] + 1
    assert added["labels"]["en"] == before["labels"]["en"] + 1

    hash_added = manifest(bdir)["input_hash"]
    people.write_text(people.read_text(encoding="utf-8") + NEW_ALIAS, encoding="utf-8")  # an alias, nothing else
    aliased = stats()
    assert manifest(bdir)["input_hash"] != hash_added
    assert aliased["entities"] == added["entities"]
    assert aliased["labels"]["en"] == added["labels"]["en"] + 1
    assert [p.name for p in bdir.iterdir() if p.is_dir()] == [(bdir / "CURRENT").read_text()], \
        "only the build in use is kept"


def test_a_new_fact_file_rebuilds(facts_copy, tmp_path):
    bdir = tmp_path / "build"
    first = ensure_built(facts_copy, bdir)
    (facts_copy / "entities" / "extra.yaml").write_text("entities:" + NEW_PERSON, encoding="utf-8")
    second = ensure_built(facts_copy, bdir)
    assert second.rebuilt
    assert second.stats["entities"] == first.stats["entities"] + 1
    (facts_copy / "entities" / "extra.yaml").unlink()
    third = ensure_built(facts_copy, bdir)
    assert third.rebuilt
    assert third.manifest["input_hash"] == first.manifest["input_hash"]


def test_a_failed_build_keeps_the_previous_one(facts_copy, tmp_path, cli):
    bdir = tmp_path / "build"
    good = ensure_built(facts_copy, bdir)
    before = snapshot(bdir)
    people = facts_copy / "entities" / "people.yaml"
    original = people.read_text(encoding="utf-8")
    people.write_text(original + "  - id: Broken_Id\n", encoding="utf-8")

    for command in (["build"], ["stats", "--json"], ["export", "--format", "nt"]):
        result = cli(*command, facts=facts_copy, bdir=bdir)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("error: facts/entities/people.yaml:"), result.stderr
        assert len(result.stderr.splitlines()) == 1
        assert snapshot(bdir) == before

    # the previous graph is still there and can be queried
    old = current_build(Sources.resolve(facts_copy, bdir))
    assert old is not None and old.path == good.path and old.stats == good.stats
    ds = old.dataset()
    rows = list(ds.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g = ?doc) }",
                         initBindings={"doc": SRC[DOC0]}))
    assert int(rows[0][0]) == len(ds.graph(SRC[DOC0])) > 0

    # fixing the file brings the same build back without compiling again
    people.write_text(original, encoding="utf-8")
    assert not ensure_built(facts_copy, bdir).rebuilt
    result = cli("stats", "--json", facts=facts_copy, bdir=bdir)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"graph": str(facts_copy), **good.stats}


def test_a_build_that_cannot_be_written_leaves_no_trace(facts_copy, tmp_path, cli, monkeypatch):
    bdir = tmp_path / "build"
    ensure_built(facts_copy, bdir)
    before = snapshot(bdir)
    people = facts_copy / "entities" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + NEW_PERSON, encoding="utf-8")

    import kg.build.pipeline

    def disk_full(path, data, **_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kg.build.pipeline, "write_json", disk_full)
    result = cli("build", facts=facts_copy, bdir=bdir)
    assert result.exit_code == 3, result.output
    assert result.stderr == f"error: cannot write the build under {bdir}: No space left on device\n"
    assert snapshot(bdir) == before
    assert not [p.name for p in bdir.iterdir() if p.name.startswith(".tmp-")], "temporary build left behind"
