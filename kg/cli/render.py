"""Rich renderings shared by the CLI and notebooks."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from rich.cells import cell_len
from rich.table import Table

from kg.present import answer_text, display, prefixed, records

_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


def heading(text: str | None, lang: str = "en", kind: str = "columns") -> str | None:
    """A column header or table title in the label language: Chinese ones from kg/cli/headers.yaml."""
    if not text or not lang.startswith("zh"):
        return text
    return _headings()[kind].get(text, {}).get("zh-Hant" if lang == "zh-Hant" else "zh-Hans", text)


@functools.cache
def _headings() -> dict:
    import yaml

    return yaml.safe_load((Path(__file__).parent / "headers.yaml").read_text(encoding="utf-8"))


def _token_width(token: str) -> int:
    """The narrowest a word may be: whole, except in Chinese text, which may break between characters."""
    return 2 if _CJK.search(token) else cell_len(token)


class Fitted:
    """A table that never cuts a cell: column widths keep every number, id and Latin word whole (Chinese text
    folds between characters); when the console is too narrow for that, each row is printed as a record,
    one "column  value" line per cell."""

    def __init__(self, columns: list[str], rows: list[list[str]], title: str | None = None,
                 no_wrap: tuple[str, ...] = (), right: tuple[str, ...] = ()):
        self.columns, self.rows, self.title = columns, [[str(c) for c in r] for r in rows], title
        self.no_wrap, self.right = set(no_wrap), set(right)

    def _bounds(self, i: int) -> tuple[int, int]:
        lines = [line for c in (self.columns[i], *(r[i] for r in self.rows)) for line in c.split("\n")]
        widest = max((cell_len(line) for line in lines), default=1)
        if self.columns[i] in self.no_wrap:
            return widest, widest
        return max((_token_width(w) for line in lines for w in line.split()), default=1), widest

    def widths(self, width: int) -> list[int] | None:
        """Column widths for a console `width` wide, or None when the cells cannot all stay whole."""
        bounds = [self._bounds(i) for i in range(len(self.columns))]
        room = width - 2 * (len(self.columns) - 1)  # two spaces between columns
        low, high = sum(b[0] for b in bounds), sum(b[1] for b in bounds)
        if high <= room:
            return [b[1] for b in bounds]
        if low > room:
            return None
        widths, spare = [b[0] for b in bounds], room - low
        while spare:  # share the room out evenly; a column stops growing at its widest cell
            growing = [i for i, (w, b) in enumerate(zip(widths, bounds)) if w < b[1]]
            for i in growing:
                add = min(max(1, spare // len(growing)), bounds[i][1] - widths[i], spare)
                widths[i] += add
                spare -= add
        return widths

    def table(self, widths: list[int]) -> Table:
        table = Table(box=_box(), show_edge=False, pad_edge=False, padding=(0, 1, 0, 0))
        for name, w in zip(self.columns, widths):
            table.add_column(name, width=w, no_wrap=name in self.no_wrap, overflow="fold",
                             justify="right" if name in self.right else "left")
        for r in self.rows:
            table.add_row(*r)
        return table

    def records(self, width: int) -> list:
        key = max(cell_len(c) for c in self.columns)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True, width=key)
        grid.add_column(overflow="fold", width=max(1, width - key - 1))
        for n, r in enumerate(self.rows):
            if n:
                grid.add_row("", "")
            for name, cell in zip(self.columns, r):
                grid.add_row(name, cell)
        return [grid]

    def __rich_console__(self, console, options):
        from rich.text import Text

        if self.title:  # above the table, not in it: a title wider than the table stays on one line
            yield Text(self.title, style="italic")
        widths = self.widths(options.max_width)
        if widths is not None:
            yield self.table(widths)
        else:
            yield from self.records(options.max_width)


def stats_tables(s: dict) -> list[Table]:
    """Tables for `kg stats`: totals, classes, documents, label languages."""
    prov = s["provenance"]
    share = lambda n: f"{100 * n / prov['statements']:.1f}%" if prov["statements"] else "n/a"  # noqa: E731
    totals = Table(title="graph", show_header=False, title_justify="left")
    totals.add_column(style="bold")
    totals.add_column(justify="right")
    totals.add_row("triples", str(s["triples"]))
    totals.add_row("entities", str(s["entities"]))
    totals.add_row("classes", str(len(s["classes"])))
    totals.add_row("observations", str(s["observations"]))
    totals.add_row("source documents", str(len(s["documents"])))
    totals.add_row("statements", str(prov["statements"]))
    totals.add_row("  with source document", f"{prov['with_source']} ({share(prov['with_source'])})")
    totals.add_row("  with paragraph", f"{prov['with_paragraph']} ({share(prov['with_paragraph'])})")

    classes = Table(title="entities per class", title_justify="left")
    classes.add_column("class")
    classes.add_column("entities", justify="right")
    for name, n in s["classes"].items():
        classes.add_row(name, str(n))

    docs = Table(title="per source document", title_justify="left")
    docs.add_column("document")
    for col in ("statements", "observations", "entities"):
        docs.add_column(col, justify="right")
    for stem, d in s["documents"].items():
        docs.add_row(stem, str(d["statements"]), str(d["observations"]), str(d["entities"]))

    langs = Table(title="labels per language", title_justify="left")
    langs.add_column("language")
    langs.add_column("labels", justify="right")
    for lang, n in s["labels"].items():
        langs.add_row(lang, str(n))
    return [totals, classes, docs, langs]


QUESTION_ROWS = 10  # rows a question's answer shows before "--all": an answer stays within a screen


def answer_renderables(answer, index, lang: str = "en", every_row: bool = True) -> list:
    """Rich renderables for the terminal: a table, a card, a path or a yes/no. A question's answer shows
    its first QUESTION_ROWS supporting rows unless `every_row`."""
    from rich.text import Text

    if answer.kind == "card":
        return card_renderables(answer.card, index, lang)
    if answer.kind == "path":
        return [path_text(answer, index, lang)]
    if answer.kind == "boolean":
        return [Text("yes" if answer.result.boolean else "no")]
    if answer.kind == "triples":
        return [Text(answer_text(answer, index, "csv"))]
    cols, rows = records(answer, index, lang)
    total = len(rows)
    if answer.line and not every_row and total > QUESTION_ROWS:
        rows = rows[:QUESTION_ROWS]
    head = []
    if answer.line:
        head.append(Text(answer.line, style="bold"))
    table = Fitted([heading(c, lang) for c in cols], rows, None if answer.line else heading(answer.title, lang, "titles"),
                   no_wrap=tuple(heading(c, lang) for c in ("source", "time", "date")))
    caption = f"{len(rows)} 行" if lang.startswith("zh") else f"{len(rows)} row{'s' if len(rows) != 1 else ''}"
    if len(rows) < total:
        caption = (f"{len(rows)} / {total} 行（--all 显示全部）" if lang.startswith("zh")
                   else f"{len(rows)} of {total} rows (--all shows every row)")
    tail = []
    if answer.understood:
        zh = lang.startswith("zh") or (answer.reply is not None and answer.reply.reading.lang == "zh")
        tail.append(Text(("理解为：" if zh else "understood as: ") + answer.understood, style="dim"))
        for alt in answer.alternatives:
            tail.append(Text(("  或：" if zh else "  or: ") + alt, style="dim"))
    return [*head, table, Text(caption, style="dim"), *tail]


def _box():
    from rich import box

    return box.SIMPLE_HEAD


def path_text(answer, index, lang: str = "en"):
    from rich.text import Text

    out = Text(answer.title + "\n", style="bold")
    if not answer.path:
        out.append("(the same entity)\n")
        return out
    name = lambda iri: index.label(iri, lang) or prefixed(iri)  # noqa: E731
    out.append(name(answer.path[0].source))
    for hop in answer.path:
        rel = index.label(hop.predicate, lang) or prefixed(hop.predicate)
        arrow = f"  --{rel}-->  " if hop.forward else f"  <--{rel}--  "
        out.append(arrow, style="cyan")
        out.append(name(hop.target))
    out.append(f"\n{len(answer.path)} hop{'s' if len(answer.path) != 1 else ''}")
    return out


def card_renderables(card, index, lang: str = "en") -> list:
    from rich.text import Text

    head = Text()
    head.append((index.label(card.iri, lang) or card.iri) + "\n", style="bold")
    head.append(f"{prefixed(card.iri)}  ({', '.join(index.label(t, lang) or prefixed(t) for t in card.types)})\n")
    for code in sorted(card.labels):
        head.append(f"  {code}: {card.labels[code]}\n")
    for code in sorted(card.aliases):
        head.append(f"  also ({code}): {', '.join(card.aliases[code])}\n")
    facts = []
    for direction, relation, other, document, paragraphs in card.facts:
        rel = index.label(relation, lang) or prefixed(relation)
        if direction == "in":
            rel = f"← {rel}"  # the other entity states this relation to the card's entity
        stem = document.rsplit("/", 1)[-1]
        cite = f"{stem}#p{paragraphs}" if paragraphs else stem
        facts.append([rel, display(other, index, lang), cite])
    h = lambda name: heading(name, lang)  # noqa: E731
    out = [head, Fitted([h("relation"), h("value"), h("source")], facts, heading("facts", lang, "titles"),
                        no_wrap=(h("source"),))]
    if card.figures.rows:
        figs = []
        cols = card.figures.columns
        for i, row in enumerate(card.figures.rows):
            get = dict(zip(cols, row))
            qual = display(get.get("qualifier"), index, lang)
            value = f"{qual + ' ' if qual else ''}{display(get['value'], index, lang)} {display(get['unit'], index, lang)}"
            source = f"{display(get['document'], index, lang)}#p{get['paragraph'].value}"
            figs.append(["≠" if i in card.conflicts else "", display(get.get("time"), index, lang),
                         display(get["metric"], index, lang), value, display(get.get("stated_by"), index, lang), source])
        out.append(Fitted(["", h("time"), h("metric"), h("value"), h("stated by"), h("source")], figs,
                          heading("figures", lang, "titles"), no_wrap=("", h("time"), h("source"))))
        if card.conflicts:
            out.append(Text("≠ another source document gives a different value for this metric, in the same unit and "
                            "year", style="dim"))
    return out
