"""Which graph kg uses, found like git finds its repository, and `kg init`: through the installed `kg` console
script and the Python API in fresh processes, which must agree."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.paths import find_graph_folder, graph_facts
from tests.conftest import ROOT
from tests.test_cli_usage import kg_script

API = """
import json, sys, kg
g = kg.open()
print(json.dumps({"facts": g.build.manifest["facts"],
                  "rows": sorted(str(r[0].value) for r in g.query(sys.argv[1]).rows)}))
"""


@pytest.fixture
def env(tmp_path):
    env = {**os.environ, "KG_BUILD_DIR": str(tmp_path / "build")}
    for name in ("KG_FACTS", "KG_ENDPOINT", "PYTHONPATH"):
        env.pop(name, None)
    return env


def kg(env, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([kg_script(), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def api(env, cwd: Path, sparql: str) -> dict:
    """The API's answer in a fresh interpreter started in `cwd` (PYTHONSAFEPATH: kg is the installed one)."""
    proc = subprocess.run([sys.executable, "-c", API, sparql], cwd=cwd, env={**env, "PYTHONSAFEPATH": "1"},
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def readme_fact() -> tuple[str, str, list[str]]:
    """The README's "Adding a fact" example: the file to edit, the statements to add, the command to run."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Adding a fact\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```yaml\n# (\S+)\nstatements:\n(.*?)```", section, re.S)
    command = re.search(r"^\$ kg (.+)$", section, re.M)
    return block.group(1), block.group(2), shlex.split(command.group(1))


def test_readme_adding_a_fact_works_verbatim_in_a_copy_of_the_seed_graph(tmp_path, env):
    file, statements, command = readme_fact()
    assert kg(env, tmp_path, "init", "--from-bundled").returncode == 0
    assert (tmp_path / "kg.toml").is_file()
    sparql = command[1]
    before = kg(env, tmp_path, *command)
    assert before.returncode == 0 and before.stdout.splitlines()[1:] == [], before.stdout  # a fact not yet in the files

    path = tmp_path / file
    text = path.read_text(encoding="utf-8")
    assert "\nstatements:\n" in text
    path.write_text(text.replace("\nstatements:\n", "\nstatements:\n" + statements, 1), encoding="utf-8")

    sub = tmp_path / "facts" / "documents"  # from a folder below the graph folder too
    after = kg(env, sub, *command)
    assert after.returncode == 0, after.stderr
    assert after.stdout == "market\nChina\n"
    assert api(env, sub, sparql) == {"facts": str((tmp_path / "facts").resolve()),
                                     "rows": ["https://w3id.org/kg-office/resource/china"]}


def test_init_an_empty_graph_then_add_an_entity(tmp_path, env):
    made = kg(env, tmp_path, "init", "notes")
    assert made.returncode == 0 and "notes" in made.stdout
    folder = tmp_path / "notes"
    assert sorted(p.name for p in (folder / "facts").iterdir()) == ["README.md", "documents", "entities", "metrics.yaml"]
    stats = json.loads(kg(env, folder, "stats", "--json").stdout)
    assert (stats["entities"], stats["graph"]) == (0, str((folder / "facts").absolute()))

    (folder / "facts" / "documents" / "my-notes.yaml").write_text(
        "document:\n  id: my-notes\n  title: {en: My notes}\n  language: en\n"
        "entities:\n  - id: lumen-docs\n    type: Product\n    name: {en: Lumen Docs, zh-Hans: 流明文档}\n    para: 1\n",
        encoding="utf-8")
    shown = kg(env, folder, "show", "流明文档")
    assert shown.returncode == 0 and shown.stdout.startswith("Lumen Docs\nkgr:lumen-docs"), shown.stdout
    sparql = "SELECT ?p WHERE { ?p a kg:Product }"
    assert kg(env, folder, "query", sparql, "--format", "csv").stdout == "p\nLumen Docs\n"
    assert api(env, folder, sparql)["rows"] == ["https://w3id.org/kg-office/resource/lumen-docs"]


def test_version_and_stats_say_which_graph(tmp_path, env):
    kg(env, tmp_path, "init")
    found = kg(env, tmp_path, "--version").stdout
    assert found == f"kg {__import__('kg').__version__}\ngraph: {tmp_path / 'facts'} (graph folder found from the current directory)\n"
    assert "(given by KG_FACTS)" in kg({**env, "KG_FACTS": str(tmp_path / "facts")}, tmp_path, "--version").stdout
    assert "(given by --facts)" in kg(env, tmp_path, "--facts", str(tmp_path / "facts"), "--version").stdout
    assert kg(env, tmp_path, "stats").stdout.startswith(f"graph: {tmp_path / 'facts'} (graph folder found")


def test_init_refuses_a_graph_folder(tmp_path, env):
    kg(env, tmp_path, "init")
    again = kg(env, tmp_path, "init", "--from-bundled")
    assert again.returncode == 2
    assert again.stderr == f"error: {tmp_path} already holds a graph (kg.toml or a non-empty facts/ folder)\n"


def test_discovery_order(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_FACTS", raising=False)
    (tmp_path / "a" / "facts" / "documents").mkdir(parents=True)
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    (tmp_path / "a" / "b" / "kg.toml").write_text("")
    (tmp_path / "lone" / "facts").mkdir(parents=True)  # a facts/ folder without kg's layout is not a graph
    assert find_graph_folder(tmp_path / "a" / "b" / "c") == tmp_path / "a" / "b"
    assert find_graph_folder(tmp_path / "a" / "facts" / "documents") == tmp_path / "a"
    monkeypatch.chdir(tmp_path / "lone")
    assert graph_facts().origin in ("bundled", "found")  # found only if a folder above tmp_path is a graph folder
    monkeypatch.chdir(tmp_path / "a" / "b" / "c")
    assert graph_facts() == graph_facts(None)
    assert (graph_facts().facts, graph_facts().origin) == (tmp_path / "a" / "b" / "facts", "found")
    monkeypatch.setenv("KG_FACTS", "/x")
    assert (graph_facts().facts, graph_facts().origin) == (Path("/x"), "KG_FACTS")
    assert (graph_facts("y").facts, graph_facts("y").origin) == (Path("y"), "--facts")


def test_a_clone_is_a_graph_folder(tmp_path, env):
    """A checkout (a facts/ folder laid out as kg's, no kg.toml) is found too: the README's edit, made in the
    clone, is what the next query and the API read, from the clone's root or any folder below it."""
    shutil.copytree(ROOT / "facts", tmp_path / "clone" / "facts")
    clone = tmp_path / "clone"
    file, statements, command = readme_fact()
    path = clone / file
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nstatements:\n", "\nstatements:\n" + statements, 1), encoding="utf-8")
    assert "(graph folder found from the current directory)" in kg(env, clone, "--version").stdout
    assert kg(env, clone / "facts" / "entities", *command).stdout == "market\nChina\n"
    assert api(env, clone, command[1])["rows"] == ["https://w3id.org/kg-office/resource/china"]


def test_the_builder_writes_into_a_graph_folder_never_into_the_bundled_seed(tmp_path, env):
    (tmp_path / "a.txt").write_text("Lumen Docs passes 40 million users\n\nLumen Docs had more than 40 million users.\n",
                                    encoding="utf-8")
    nowhere = kg(env, tmp_path, "add-source", "a.txt", "--id", "lumen")
    assert nowhere.returncode == 2 and nowhere.stderr.startswith("error: no graph folder here or above to write into")
    kg(env, tmp_path, "init", "notes")
    made = kg(env, tmp_path / "notes", "add-source", str(tmp_path / "a.txt"), "--id", "lumen")
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "notes" / "facts" / "drafts" / "lumen.yaml").is_file()
