"""The benchmark suite's smallest size end to end (CI's smoke test): it generates a fact set in kg's own
format, builds it, and measures kg beside rdflib and pyoxigraph. No timing is asserted here: speed
targets are judged by the benchmark's own report (BENCHMARKS.md)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_smallest_size_runs_and_prints_the_table(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--work", str(tmp_path),
                          "--json", str(tmp_path / "out.json")],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "| measure | kg | pyoxigraph | kg ÷ pyoxigraph | rdflib |" in out.stdout
    for name in ("platforms-by-parent-company", "counts-per-company", "products-of-company", "entities-per-class",
                 "figures-by-metric"):
        assert f"SPARQL `{name}`" in out.stdout
    (size,) = json.loads((tmp_path / "out.json").read_text())["sizes"]
    kg, native, rdflib = size["kg_sparql"]["queries"], size["native"]["queries"], size["rdflib"]["queries"]
    for name, q in kg.items():  # the three engines agree on every answer's size
        assert q["rows"] == native[name]["rows"] == rdflib[name]["rows"], name
    assert kg["products-of-company"]["rows"] > 0 and size["projection"]["nodes"] > 300


def test_synthetic_facts_pass_kg_validate_with_data_shapes(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import generate

    facts = generate(tmp_path, 1000)["facts"]
    out = subprocess.run([sys.executable, "-m", "kg", "--facts", str(facts), "validate", "--shacl-data"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
