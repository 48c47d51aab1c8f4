"""A corpus of bad fact files (tests/data/bad-facts/, expected lines in tests/data/bad-facts.yaml): hostile
YAML, wrong shapes, malformed language tags, numbers, dates and paragraphs. Each gives its one documented line
and exit code from `kg validate` and `kg build`, and leaves the previous build byte-identical; and file-system
trouble (an unreadable fact file, a build folder that cannot be written) exits 3 with one line."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kg.build.pipeline import ensure_built
from tests.test_loader_errors import snapshot, write_mini

DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "bad-facts"
EXPECTED = yaml.safe_load((DATA / "bad-facts.yaml").read_text(encoding="utf-8"))
TARGET = "documents/bad.yaml"


@pytest.fixture(scope="module")
def previous_build(tmp_path_factory) -> Path:
    """A build of the small valid folder with the unbroken bad.yaml in it."""
    root = tmp_path_factory.mktemp("bad-facts")
    facts = write_mini(root)
    shutil.copy(DATA / "bad-facts-base.yaml", facts / TARGET)
    bdir = root / "build"
    assert ensure_built(facts, bdir).rebuilt
    return bdir


def test_the_corpus_is_complete():
    files = {p.stem for p in CORPUS.glob("*.yaml")}
    assert files == set(EXPECTED), "every bad file needs its expected line, and every line its file"
    assert len(files) >= 80


def test_the_unbroken_file_is_valid(tmp_path, cli):
    facts = write_mini(tmp_path)
    shutil.copy(DATA / "bad-facts-base.yaml", facts / TARGET)
    result = cli("validate", facts=facts, bdir=tmp_path / "build")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_fact_file(case, tmp_path, cli, previous_build):
    facts = write_mini(tmp_path)
    shutil.copy(CORPUS / f"{case}.yaml", facts / TARGET)
    bdir = tmp_path / "build"
    shutil.copytree(previous_build, bdir)
    before = snapshot(bdir)
    expected = EXPECTED[case]
    for command in ("validate", "build"):
        result = cli(command, facts=facts, bdir=bdir)
        assert "Traceback" not in result.output
        assert (result.exit_code, result.stderr) == (expected["exit"], f"error: {expected['error']}\n"), command
        assert result.stdout == ""
    assert snapshot(bdir) == before, "a failed build must leave the previous build untouched"


@pytest.fixture
def unreadable(monkeypatch):
    """Make reading one file fail as a file without read permission does (tests may run as root)."""
    def make(path: Path) -> None:
        path.chmod(0)
        try:
            with path.open("rb"):
                pass
        except PermissionError:
            return
        read_bytes = Path.read_bytes

        def refuse(self):
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return read_bytes(self)

        monkeypatch.setattr(Path, "read_bytes", refuse)
    return make


def test_an_unreadable_fact_file_exits_3_with_one_line(tmp_path, cli, unreadable):
    facts = write_mini(tmp_path)
    bdir = tmp_path / "build"
    ensure_built(facts, bdir)
    before = snapshot(bdir)
    doc = facts / "documents" / "d1.yaml"
    doc.write_text(doc.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    unreadable(doc)
    try:
        for command in ("validate", "build"):
            result = cli(command, facts=facts, bdir=bdir)
            assert (result.exit_code, result.stderr) == (3, "error: cannot read facts/documents/d1.yaml: Permission denied\n")
        assert snapshot(bdir) == before
    finally:
        doc.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_touched_fact_file_with_a_build_folder_that_cannot_be_written(tmp_path, cli, monkeypatch):
    """Only the time stamp changed: the build is still right, so the command runs; the manifest that could not
    record the new time stamp costs a content comparison next time, not an error."""
    facts = write_mini(tmp_path)
    bdir = tmp_path / "build"
    ensure_built(facts, bdir)
    before = snapshot(bdir)
    doc = facts / "documents" / "d1.yaml"
    st = doc.stat()
    os.utime(doc, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000_000))

    import kg.build.pipeline

    def full(path, data, **_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kg.build.pipeline, "write_json", full)
    result = cli("stats", "--json", facts=facts, bdir=bdir)
    assert result.exit_code == 0, result.output
    assert snapshot(bdir) == before
    # a real edit cannot be built there: exit 3, one line, the previous build kept
    doc.write_text(doc.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = cli("stats", "--json", facts=facts, bdir=bdir)
    assert (result.exit_code, result.stderr) == (3, f"error: cannot write the build under {bdir}: No space left on device\n")
    assert snapshot(bdir) == before


def test_a_read_only_build_folder(tmp_path, cli):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    facts = write_mini(tmp_path)
    bdir = tmp_path / "build"
    ensure_built(facts, bdir)
    doc = facts / "documents" / "d1.yaml"
    st = doc.stat()
    os.utime(doc, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000_000))
    folders = [bdir, *[p for p in bdir.rglob("*") if p.is_dir()]]
    for p in folders:
        p.chmod(0o555)
    try:
        assert cli("stats", "--json", facts=facts, bdir=bdir).exit_code == 0  # touched only: still up to date
        doc.write_text(doc.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        result = cli("stats", "--json", facts=facts, bdir=bdir)
        assert result.exit_code == 3 and result.stderr.startswith(f"error: cannot write the build under {bdir}: ")
        assert len(result.stderr.splitlines()) == 1
    finally:
        for p in folders:
            p.chmod(0o755)


@pytest.mark.parametrize("case", ["yaml-alias-bomb", "yaml-recursive-alias", "yaml-deep-flow", "type-nested-list",
                                  "para-5000-digits", "yaml-binary", "lang-region-twice"])
def test_hostile_files_in_a_real_process(case, tmp_path):
    """In a separate `python -m kg` process: no traceback, no MemoryError or RecursionError, the one line."""
    facts = write_mini(tmp_path)
    shutil.copy(CORPUS / f"{case}.yaml", facts / TARGET)
    env = {**os.environ, "KG_BUILD_DIR": str(tmp_path / "build")}
    env.pop("KG_FACTS", None)
    for command in ("validate", "build"):
        proc = subprocess.run([sys.executable, "-m", "kg", "--facts", str(facts), command], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)
        assert (proc.returncode, proc.stderr, proc.stdout) == (EXPECTED[case]["exit"], f"error: {EXPECTED[case]['error']}\n", "")
