"""The README's "Adding an article" section shows what kg prints: the made-up article
tests/data/articles/lumen-2023.txt added to a copy of the seed graph, reviewed, accepted and shown, at 80 columns."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from kg.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "tests" / "data" / "articles" / "lumen-2023.txt"
runner = CliRunner()


def section_runs() -> dict[str, list[str]]:
    """Each `$ kg ...` line of the section's console blocks, with the lines printed under it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8").split("## Adding an article\n", 1)[1].split("\n## ", 1)[0]
    runs: dict[str, list[str]] = {}
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        command = None
        for line in block.splitlines():
            if line.startswith("$ kg "):
                command = line[2:]
                runs[command] = []
            elif command:
                runs[command].append(line)
    return runs


def kg(facts: Path, *args: str, input: str | None = None) -> list[str]:
    r = runner.invoke(app, ["--facts", str(facts), *args], input=input, env={"COLUMNS": "80", "KG_FACTS": None},
                      catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return [line.rstrip() for line in r.output.splitlines()]


def shown(expected: list[str], got: list[str]) -> bool:
    """Whether `got` shows `expected`, where a '...' line stands for any number of lines."""
    pattern = "".join(r"(?:[^\n]*\n)*?" if line == "..." else re.escape(line) + r"\n" for line in expected)
    return re.fullmatch(pattern, "\n".join(got) + "\n") is not None


def test_the_adding_an_article_section_is_what_kg_prints(tmp_path: Path, monkeypatch):
    runs = section_runs()
    assert list(runs) == ["kg add-source lumen.txt --id lumen-2023", "kg accept lumen-2023",
                          'kg show "Lumen Docs" --sources']
    assert runner.invoke(app, ["init", str(tmp_path / "graph"), "--from-bundled"]).exit_code == 0
    facts = tmp_path / "graph" / "facts"
    (tmp_path / "lumen.txt").write_bytes(ARTICLE.read_bytes())
    monkeypatch.chdir(tmp_path)
    assert kg(facts, "add-source", "lumen.txt", "--id", "lumen-2023") == runs["kg add-source lumen.txt --id lumen-2023"]
    # every item accepted but the 35 percent (rejected with a reason) and the 1,500 of a year before (skipped)
    answers = "a\n" * 9 + "r\nthe share is of online office users, not of netizens\n" + "a\ns\n"
    kg(facts, "review", "lumen-2023", input=answers)
    assert kg(facts, "accept", "lumen-2023") == runs["kg accept lumen-2023"]
    assert shown(runs['kg show "Lumen Docs" --sources'], kg(facts, "show", "Lumen Docs", "--sources"))
