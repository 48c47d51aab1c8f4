"""Tables keep every number and id whole at 80 and 160 columns, with and without --sources: compared with golden
renderings in tests/data/golden/ (KG_UPDATE_GOLDEN=1 rewrites them after a deliberate change), and checked
against the same answer as CSV."""

from __future__ import annotations

import csv
import io
import os
import re

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from kg.cli.app import app
from tests.conftest import FACTS, ROOT

GOLDEN = ROOT / "tests" / "data" / "golden"
COUNTED = {"value", "count", "products", "people", "figures", "entities", "statements"}  # columns of numbers
CASES = {
    "figures-of-china": ("query", "figures-of-entity", "--param", "entity=china"),
    "figures-of-china-sources": ("query", "figures-of-entity", "--param", "entity=china", "--sources"),
    "conflicts-sources": ("query", "conflicting-figures", "--sources"),
    "platforms-sources": ("query", "platforms-by-parent-company", "--sources"),
    "dingtalk-zh": ("query", "figures-of-entity", "--param", "entity=dingtalk", "--lang", "zh"),
    "card": ("show", "dingtalk"),
    "search": ("search", "ding"),
    "centrality": ("centrality", "--top", "12"),
}


def run(build_dir, width: int, *args: str) -> str:
    result = CliRunner().invoke(app, ["--facts", str(FACTS), "--build-dir", str(build_dir), *args],
                                env={"COLUMNS": str(width), "KG_FACTS": None}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def numbers(build_dir, args: tuple[str, ...]) -> set[str]:
    """Every number of the answer as the table writes it (digits grouped by thousands)."""
    if args[0] == "query":
        text = run(build_dir, 200, *[a for a in args if a != "--sources"], "--format", "csv")
        cells = [c for row in csv.DictReader(io.StringIO(text)) for k, c in row.items() if k in COUNTED]
    elif args[0] == "centrality":
        text = run(build_dir, 200, *args, "--format", "csv")
        return {f"{float(c):.4f}" for row in list(csv.reader(io.StringIO(text)))[1:] for c in row[4:]}
    else:
        return set()
    out = set()
    for c in cells:
        if re.fullmatch(r"-?\d+(\.\d+)?", c):
            whole, _, frac = c.partition(".")
            out.add(f"{int(whole):,}" + (f".{frac}" if frac else ""))
    return out


@pytest.mark.parametrize("width", [80, 160])
@pytest.mark.parametrize("name", list(CASES))
def test_every_number_and_id_whole(build_dir, seed_build, name, width):
    args = CASES[name]
    text = run(build_dir, width, *args)
    assert all(cell_len(line) <= width for line in text.splitlines()), text
    assert "…" not in text
    for number in numbers(build_dir, args):
        assert number in text, f"{number} is cut in\n{text}"
    for cite in re.findall(r"\d{3}_[0-9a-f]{16}#p\d+", run(build_dir, 400, *args)):
        assert cite in text
    for ident in re.findall(r"kgr:[\w-]+", run(build_dir, 400, *args)):
        assert ident in text
    path = GOLDEN / f"{name}-{width}.txt"
    if os.environ.get("KG_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_chinese_titles_and_headers(build_dir, seed_build):
    text = run(build_dir, 160, "query", "figures-of-entity", "--param", "entity=dingtalk", "--lang", "zh")
    head = text.splitlines()[:2]
    assert head[0].strip() == "某实体的数据时间线"
    assert head[1].split() == ["时间", "指标", "数值", "发布方", "来源"]
    assert not re.search(r"[A-Za-z]{3,}", "".join(head))
