"""Every command and subcommand of the installed `kg` console script, run with no arguments and with --help:
a usage error is one line on stderr with exit 2, never a traceback, and help shows no escaped `\\[`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
import typer

from kg.cli.app import app
from tests.conftest import FACTS


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        out.append(((*path, name), cmd))
        if isinstance(cmd, click.Group):
            out += _commands(cmd, (*path, name))
    return out


COMMANDS = _commands(typer.main.get_command(app))


def kg_script() -> str:
    """The console script installed beside this Python (the package's entry point, not `python -m kg`)."""
    beside = Path(sys.executable).parent / "kg"
    found = str(beside) if beside.exists() else shutil.which("kg")
    if not found:
        pytest.fail("the `kg` console script is not installed (pip install .)")
    return found


@pytest.fixture(scope="module")
def run(seed_build, build_dir, tmp_path_factory):
    env = {**os.environ, "KG_FACTS": str(FACTS), "KG_BUILD_DIR": str(build_dir), "COLUMNS": "100"}
    env.pop("KG_ENDPOINT", None)

    def invoke(*args: str) -> subprocess.CompletedProcess:
        cwd = tmp_path_factory.mktemp("cwd")  # `kg init` with no argument makes its graph folder here
        return subprocess.run([kg_script(), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
                              stdin=subprocess.DEVNULL)

    return invoke


def test_every_command_is_listed():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"query", "show", "search", "push", "plot", "plot network", "plot figures", "centrality"} <= names


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=" ".join)
def test_no_arguments(run, path):
    cmd = dict(COMMANDS)[path]
    proc = run(*path)
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    required = [p for p in cmd.params if p.required]
    if required:
        assert proc.returncode == 2, proc.stderr
    assert proc.returncode in (0, 2), proc.stderr
    if proc.returncode == 2:
        lines = proc.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
        assert f"usage: kg {' '.join(path)}" in lines[0]


@pytest.mark.parametrize("path", [(), *(p for p, _ in COMMANDS)], ids=lambda p: " ".join(p) or "kg")
def test_help(run, path):
    proc = run(*path, "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.startswith(f"Usage: kg {' '.join(path)}".rstrip() + " ")
    assert "\\[" not in proc.stdout
    assert "Traceback" not in proc.stdout


@pytest.mark.parametrize("args, message", [
    (("query", "x", "--lang", "xx"), "error: invalid value for '--lang'"),
    (("nope",), "error: no such command 'nope'"),
    (("query", "x", "--no-such-option"), "error: no such option"),
])
def test_bad_usage_is_one_line(run, args, message):
    proc = run(*args)
    assert proc.returncode == 2
    assert proc.stderr.startswith(message) and proc.stderr.count("\n") == 1, proc.stderr
