"""Every notebook in notebooks/ runs headless, top to bottom, on the shipped facts: their asserts are tests.

The kernel is this interpreter's (a kernel spec written for sys.executable, so a `python3` spec of some
other Python cannot be picked up), and it shares the session's build through KG_FACTS / KG_BUILD_DIR.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "facts"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 300  # seconds


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS] == ["01-sparql-tour.ipynb", "02-centrality.ipynb", "03-platforms-race.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


@pytest.fixture(scope="session")
def kernel_dirs(tmp_path_factory) -> list[str]:
    from ipykernel.kernelspec import write_kernel_spec

    root = tmp_path_factory.mktemp("kernels")
    write_kernel_spec(root / "python3")  # argv: [sys.executable, "-m", "ipykernel_launcher", ...]
    spec = json.loads((root / "python3" / "kernel.json").read_text())
    assert spec["argv"][0] == sys.executable
    return [str(root)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path, kernel_dirs, seed_build, build_dir, tmp_path, monkeypatch):
    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    monkeypatch.setenv("KG_FACTS", str(FACTS))
    monkeypatch.setenv("KG_BUILD_DIR", str(build_dir))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    nb = nbformat.read(path, as_version=4)
    km = KernelManager(kernel_name="python3", kernel_spec_manager=KernelSpecManager(kernel_dirs=kernel_dirs))
    NotebookClient(nb, km=km, timeout=CELL_TIMEOUT, resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
