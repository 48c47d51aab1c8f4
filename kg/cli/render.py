"""Rich renderings shared by the CLI and notebooks."""

from __future__ import annotations

from rich.table import Table

from kg.present import answer_text, display, prefixed, records


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


def answer_renderables(answer, index, lang: str = "en") -> list:
    """Rich renderables for the terminal: a table, a card, a path or a yes/no."""
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
    head = []
    if answer.line:
        head.append(Text(answer.line, style="bold"))
    table = Table(title=None if answer.line else answer.title, title_justify="left", box=_box(), show_edge=False)
    for c in cols:
        table.add_column(c, no_wrap=c in ("source", "sources", "time", "date"))
    for r in rows:
        table.add_row(*r)
    caption = f"{len(rows)} row{'s' if len(rows) != 1 else ''}"
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
    facts = Table(title="facts", title_justify="left", box=_box(), show_edge=False)
    for c in ("relation", "value", "source"):
        facts.add_column(c, no_wrap=c == "source")
    for direction, relation, other, document, paragraphs in card.facts:
        rel = index.label(relation, lang) or prefixed(relation)
        if direction == "in":
            rel = f"← {rel}"  # the other entity states this relation to the card's entity
        stem = document.rsplit("/", 1)[-1]
        cite = f"{stem}#p{paragraphs}" if paragraphs else stem
        facts.add_row(rel, display(other, index, lang), cite)
    out = [head, facts]
    if card.figures.rows:
        figs = Table(title="figures", title_justify="left", box=_box(), show_edge=False)
        cols = card.figures.columns
        for c in ("", "time", "metric", "value", "stated by", "source"):
            figs.add_column(c, no_wrap=c in ("time", "source"))
        for i, row in enumerate(card.figures.rows):
            get = dict(zip(cols, row))
            qual = display(get.get("qualifier"), index, lang)
            value = f"{qual + ' ' if qual else ''}{display(get['value'], index, lang)} {display(get['unit'], index, lang)}"
            source = f"{display(get['document'], index, lang)}#p{get['paragraph'].value}"
            figs.add_row("≠" if i in card.conflicts else "", display(get.get("time"), index, lang),
                         display(get["metric"], index, lang), value, display(get.get("stated_by"), index, lang), source)
        out.append(figs)
        if card.conflicts:
            out.append(Text("≠ another source document gives a different value for this metric, in the same unit and "
                            "year", style="dim"))
    return out
