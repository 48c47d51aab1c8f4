"""Fast start: `kg --help` and a query on a current build import none of the heavy libraries, and do
not re-read the fact files. (Speed itself is measured by benchmarks/, not here.)"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import FACTS

HEAVY = ("rdflib", "pyshacl", "networkx", "pkg_resources", "kg.build.loader", "kg.build.compile")

PROBE = """
import json, sys
heavy = json.loads(sys.argv[2])
sys.argv = ["kg", *json.loads(sys.argv[1])]
from kg.cli.app import main
try:
    main()
except SystemExit as e:
    code = e.code
else:
    code = 0
sys.stdout.flush()
print("\\nMODULES " + json.dumps({"code": code, "loaded": sorted(m for m in heavy if m in sys.modules)}))
"""


def run_kg(*args: str) -> dict:
    """Run `kg ARGS` in a fresh interpreter; the exit code and which heavy modules it imported."""
    out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args), json.dumps(HEAVY)], capture_output=True, text=True,
                         timeout=120)
    assert "MODULES " in out.stdout, out.stderr
    return json.loads(out.stdout.rsplit("MODULES ", 1)[1])


def test_help_imports_no_rdflib():
    assert run_kg("--help") == {"code": 0, "loaded": []}


@pytest.mark.parametrize("question", ["platforms by parent company", "平台的母公司", "SELECT * WHERE { ?s a kg:Company } LIMIT 1"])
def test_a_query_on_a_current_build_imports_no_rdflib_pyshacl_or_networkx(seed_build, build_dir, question):
    found = run_kg("--facts", str(FACTS), "--build-dir", str(build_dir), "query", question, "--format", "csv")
    assert found == {"code": 0, "loaded": []}


def test_importing_kg_stays_light():
    code = "import json, kg, sys; print(sorted(m for m in json.loads(sys.argv[1]) if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code, json.dumps(HEAVY)], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr


def test_help_leaves_rich_to_the_commands_that_print():
    probe = ("import json, sys; sys.argv = ['kg', '--help']\nfrom kg.cli.app import main\ntry:\n    main()\n"
             "except SystemExit:\n    pass\nprint('\\nMODULES ' + json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'rich')))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert out.stdout.rsplit("MODULES ", 1)[1].strip() == "[]", out.stderr


@pytest.mark.parametrize("args", [("centrality", "--top", "3"), ("export", "--format", "turtle"), ("export", "--format", "nt"),
                                  ("stats",)])
def test_network_and_export_commands_read_the_store_without_rdflib_or_networkx(seed_build, build_dir, args):
    found = run_kg("--facts", str(FACTS), "--build-dir", str(build_dir), *args)
    assert found == {"code": 0, "loaded": []}


def test_command_modules_keep_their_annotations_as_objects():
    """typer reads every command's signature at each start: string annotations would be compiled every time."""
    from pathlib import Path

    import kg.cli

    commands = ("app", "builder_cmds", "common", "graph_cmds", "network", "push", "query_cmds")
    folder = Path(kg.cli.__file__).parent
    assert [m for m in commands if "from __future__ import annotations" in (folder / f"{m}.py").read_text()] == []
