"""The `kg` command line: parses options, calls the library, renders with rich. No logic lives here.

Heavy modules (rdflib, pyshacl, networkx) are imported inside the commands that need them, so
`kg --help` starts fast.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.errors import FactErrors, KgError, NotFound

app = typer.Typer(
    name="kg",
    help="Knowledge graph of China's online and collaborative-office market: build, query, export.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


class Options:
    """Options shared by every command (set by the callback)."""

    facts: Optional[Path] = None
    build_dir: Optional[Path] = None


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=stderr)


def fail(err: KgError) -> None:
    """Print a library error for a person (one line each, no traceback) and exit with its code."""
    out = console(stderr=True)
    if isinstance(err, FactErrors):
        shown = err.errors[:20]
        for e in shown:
            out.print(f"error: {e}", markup=False)
        if len(err.errors) > len(shown):
            out.print(f"... and {len(err.errors) - len(shown)} more errors", markup=False)
    else:
        out.print(f"error: {err}", markup=False)
        if isinstance(err, NotFound) and err.suggestions:
            out.print("did you mean: " + ", ".join(err.suggestions), markup=False)
    raise typer.Exit(err.exit_code)


def built(force: bool = False):
    from kg.build import ensure_built

    return ensure_built(Options.facts, Options.build_dir, force=force)


@app.callback()
def main_options(
    facts: Annotated[Optional[Path], typer.Option("--facts", envvar="KG_FACTS", help="Folder of fact files (default: the shipped facts).")] = None,
    build_dir: Annotated[Optional[Path], typer.Option("--build-dir", envvar="KG_BUILD_DIR", help="Where compiled graphs are kept (default: ~/.cache/kg/...).")] = None,
) -> None:
    Options.facts, Options.build_dir = facts, build_dir


@app.command()
def build(force: Annotated[bool, typer.Option("--force", help="Rebuild even if nothing changed.")] = False) -> None:
    """Compile ontology + facts into the stored graph (other commands do this by themselves when needed)."""
    try:
        b = built(force=force)
    except KgError as e:
        fail(e)
    s = b.stats
    state = "built" if b.rebuilt else "up to date"
    console().print(f"{state}: {s['triples']} triples, {s['entities']} entities, {s['observations']} observations, "
                    f"{len(s['documents'])} documents -> {b.graph_file}", markup=False)


@app.command()
def validate() -> None:
    """Check every fact file and the SHACL shapes without writing anything; exit 2 on the first problems."""
    from kg.build import check

    try:
        s = check(Options.facts)
    except KgError as e:
        fail(e)
    console().print(f"ok: {s['entities']} entities, {s['observations']} observations and "
                    f"{s['provenance']['statements']} statements conform", markup=False)


@app.command()
def stats(
    json_out: Annotated[bool, typer.Option("--json", help="Print the numbers as JSON.")] = False,
) -> None:
    """Counts per class, per source document and per label language, and the share with provenance."""
    try:
        s = built().stats
    except KgError as e:
        fail(e)
    if json_out:
        import json

        print(json.dumps(s, indent=1, ensure_ascii=False))
        return
    from kg.render import stats_tables

    out = console()
    for table in stats_tables(s):
        out.print(table)


class ExportFormat(str, Enum):
    trig = "trig"
    turtle = "turtle"
    nt = "nt"
    nquads = "nquads"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.trig,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: standard output).")] = None,
    graph: Annotated[Optional[str], typer.Option("--graph", help="Only this source document's graph (its file stem).")] = None,
) -> None:
    """Write the graph as TriG, Turtle, N-Triples or N-Quads; the same facts give the same bytes."""
    from kg.export import serialize, write_output

    try:
        data = serialize(built().dataset(), fmt.value, graph=graph)
        write_output(data, output)
    except KgError as e:
        fail(e)
    if output:
        console(stderr=True).print(f"wrote {output} ({len(data)} bytes, {fmt.value})", markup=False)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
