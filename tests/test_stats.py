"""`kg stats` on the shipped facts, and the rendering of its tables."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from kg.cli.render import stats_tables

DOCUMENTS = {"000_a3adda4dcaacb95c", "001_5cd2286e9a92c80c", "002_c60f5f8123234b95", "003_cf951393b995b922",
             "004_041e0fcc8abf86c1"}
CHINESE_DOCUMENTS = ("002_c60f5f8123234b95", "004_041e0fcc8abf86c1")
FACTS = Path(__file__).resolve().parent.parent / "facts"


@pytest.fixture(scope="module")
def stats(build_dir, seed_build) -> dict:
    from typer.testing import CliRunner

    from kg.cli.app import app

    result = CliRunner().invoke(app, ["--facts", str(FACTS), "--build-dir", str(build_dir), "stats", "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_entities_and_classes(stats):
    assert stats["entities"] >= 150
    assert len(stats["classes"]) >= 9
    assert sum(stats["classes"].values()) == stats["entities"]
    assert {"Company", "Person", "Product", "Technology", "GovernmentPlan", "Report"} <= set(stats["classes"])


def test_observations_in_every_document(stats):
    assert stats["observations"] >= 45
    docs = stats["documents"]
    assert set(docs) == DOCUMENTS
    assert sum(d["observations"] for d in docs.values()) == stats["observations"]
    for stem, d in docs.items():
        assert d["observations"] > 0, stem
        assert d["statements"] > 0 and d["entities"] > 0, stem
    for stem in CHINESE_DOCUMENTS:
        assert docs[stem]["observations"] >= 10, f"{stem} holds many figures"


def test_every_statement_has_its_source_and_paragraph(stats):
    prov = stats["provenance"]
    assert prov["statements"] > 0
    assert prov["with_source"] == prov["with_paragraph"] == prov["statements"]


def test_labels_in_three_languages(stats):
    labels = stats["labels"]
    for lang in ("en", "zh-Hans", "zh-Hant"):
        assert labels.get(lang, 0) > 0, lang
    assert labels["en"] >= stats["entities"]  # every entity has an English name


def test_stats_tables_on_the_terminal(cli, seed_build):
    result = cli("stats")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for title in ("graph", "entities per class", "per source document", "labels per language"):
        assert title in out
    assert out.count("(100.0%)") == 2
    for stem in DOCUMENTS:
        assert stem in out


SMALL = {
    "triples": 1234,
    "entities": 7,
    "classes": {"Company": 4, "Person": 3},
    "observations": 2,
    "documents": {"d1": {"statements": 30, "observations": 2, "entities": 5},
                  "d2": {"statements": 10, "observations": 0, "entities": 3}},
    "labels": {"en": 9, "zh-Hans": 5},
    "provenance": {"statements": 40, "with_source": 40, "with_paragraph": 39},
}

GOLDEN = [
    "graph                                   ",
    "┌────────────────────────┬─────────────┐",
    "│ triples                │        1234 │",
    "│ entities               │           7 │",
    "│ classes                │           2 │",
    "│ observations           │           2 │",
    "│ source documents       │           2 │",
    "│ statements             │          40 │",
    "│   with source document │ 40 (100.0%) │",
    "│   with paragraph       │  39 (97.5%) │",
    "└────────────────────────┴─────────────┘",
    "entities per class    ",
    "┏━━━━━━━━━┳━━━━━━━━━━┓",
    "┃ class   ┃ entities ┃",
    "┡━━━━━━━━━╇━━━━━━━━━━┩",
    "│ Company │        4 │",
    "│ Person  │        3 │",
    "└─────────┴──────────┘",
    "per source document                                ",
    "┏━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━━┓",
    "┃ document ┃ statements ┃ observations ┃ entities ┃",
    "┡━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━┩",
    "│ d1       │         30 │            2 │        5 │",
    "│ d2       │         10 │            0 │        3 │",
    "└──────────┴────────────┴──────────────┴──────────┘",
    "labels per language  ",
    "┏━━━━━━━━━━┳━━━━━━━━┓",
    "┃ language ┃ labels ┃",
    "┡━━━━━━━━━━╇━━━━━━━━┩",
    "│ en       │      9 │",
    "│ zh-Hans  │      5 │",
    "└──────────┴────────┘",
]


def test_stats_tables_golden():
    buf = io.StringIO()
    console = Console(width=80, force_terminal=True, color_system=None, file=buf)
    for table in stats_tables(SMALL):
        console.print(table)
    assert buf.getvalue() == "\n".join(GOLDEN) + "\n"


def test_stats_tables_without_statements():
    """No statements: shares read n/a instead of dividing by zero."""
    empty = {**SMALL, "documents": {}, "classes": {}, "labels": {},
             "provenance": {"statements": 0, "with_source": 0, "with_paragraph": 0}}
    buf = io.StringIO()
    console = Console(width=80, force_terminal=True, color_system=None, file=buf)
    for table in stats_tables(empty):
        console.print(table)
    assert "│   with paragraph       │ 0 (n/a) │" in buf.getvalue()
