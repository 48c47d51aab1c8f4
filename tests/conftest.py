"""Shared fixtures: a private build directory per test session, a CLI runner, and copies of the facts
that a test may break without touching the shipped ones."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "facts"


def as_at_a_terminal() -> None:
    """Popen's preexec_fn: give the child the signals a person at a terminal has. A CI runner may start the
    tests with SIGINT ignored (a background job of a script) or signals blocked, which a child inherits."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGALRM})


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory) -> Path:
    """One build of the shipped facts shared by the whole session (kept out of ~/.cache)."""
    return tmp_path_factory.mktemp("kg-build")


@pytest.fixture(scope="session")
def seed_build(build_dir):
    from kg.build.pipeline import ensure_built

    return ensure_built(FACTS, build_dir)


@pytest.fixture(scope="session")
def seed_dataset(seed_build):
    return seed_build.dataset()


@pytest.fixture
def facts_copy(tmp_path) -> Path:
    """A private copy of the shipped facts folder that a test may edit."""
    dst = tmp_path / "facts"
    shutil.copytree(FACTS, dst)
    return dst


@pytest.fixture
def cli(build_dir):
    """Invoke `kg ARGS...` on the shipped facts; returns the CliRunner result."""
    runner = CliRunner()

    def invoke(*args: str, facts: Path | None = None, bdir: Path | None = None):
        opts = ["--facts", str(facts or FACTS), "--build-dir", str(bdir or build_dir)]
        return runner.invoke(app, [*opts, *args], catch_exceptions=False)

    return invoke
