"""The cited paragraphs themselves, under a card or a table printed with --sources, when the articles' texts
are in the facts folder (sources/<stem>.txt, kept by `kg add-source`)."""

from __future__ import annotations

import re
from pathlib import Path

from kg.cli.base import Options, console


def _facts() -> Path:
    from kg.paths import default_facts_dir

    return Path(Options.facts) if Options.facts else default_facts_dir()


def cites_of(answer) -> list[tuple[str, int]]:
    """(document stem, paragraph) of everything an answer cites, in order of first citation."""
    out: list[tuple[str, int]] = []

    def add(document, paragraphs) -> None:
        stem = str(getattr(document, "value", document)).rsplit("/", 1)[-1]
        for p in re.findall(r"\d+", str(getattr(paragraphs, "value", paragraphs) or "")):
            if (stem, int(p)) not in out:
                out.append((stem, int(p)))

    if answer.card is not None:
        for _d, _r, _o, document, paragraphs in answer.card.facts:
            add(document, paragraphs)
        cols = answer.card.figures.columns
        for row in answer.card.figures.rows:
            get = dict(zip(cols, row))
            if get.get("document") is not None:
                add(get["document"], get.get("paragraph"))
    for row in answer.sources or []:
        for cite in row:
            stem, _, p = cite.partition("#p")
            add(stem, p)
    return out


def print_cited(answer) -> None:
    """Print each cited paragraph whose text the facts folder keeps; a note for the others."""
    from rich.text import Text

    from kg.assist.provenance import cited_paragraph

    cites = cites_of(answer)
    if not cites:
        return
    out = console()
    out.print(Text("cited paragraphs", style="bold"))
    missing = []
    for stem, para in cites:
        text = cited_paragraph(_facts(), stem, para)
        if text is None:
            missing.append(f"{stem}#p{para}")
            continue
        line = Text(f"{stem}#p{para}  ", style="dim")
        line.append(text)
        out.print(line)
    if missing:
        out.print(Text(f"(no text kept for {', '.join(missing)}: kg add-source keeps an article's text in "
                       "sources/)", style="dim"))
