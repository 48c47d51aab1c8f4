"""Rich renderings shared by the CLI and notebooks."""

from __future__ import annotations

from rich.table import Table


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
