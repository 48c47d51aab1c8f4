"""What every command shares: options, the console, turning library errors into exit codes, opening the graph."""


import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.errors import FactErrors, KgError, NotFound, QueryError


class Options:
    """Options shared by every command (set by the callback)."""

    facts: Optional[Path] = None
    build_dir: Optional[Path] = None


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=stderr, emoji=False)


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
    from kg.build.pipeline import ensure_built

    return ensure_built(Options.facts, Options.build_dir, force=force)


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    md = "md"


class QueryFormat(str, Enum):
    """`kg query --format`: the table formats, and N-Triples or Turtle for CONSTRUCT and DESCRIBE."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    md = "md"
    nt = "nt"
    turtle = "turtle"


class Lang(str, Enum):
    en = "en"
    zh = "zh"
    zh_Hans = "zh-Hans"
    zh_Hant = "zh-Hant"


class Engine(str, Enum):
    oxigraph = "oxigraph"
    rdflib = "rdflib"


EndpointOpt = Annotated[Optional[str], typer.Option(
    "--endpoint", envvar="KG_ENDPOINT", help="Ask this SPARQL endpoint (loaded by kg push) instead of the local build.")]
AuthOpt = Annotated[Optional[str], typer.Option(
    "--auth", envvar="KG_AUTH", help="USER:PASSWORD for --endpoint (HTTP Basic, or Digest with --digest).")]
DigestOpt = Annotated[bool, typer.Option("--digest", help="Send --auth with HTTP Digest (Virtuoso's /sparql-auth).")]


TimeoutOpt = Annotated[Optional[str], typer.Option(
    "--timeout", envvar="KG_TIMEOUT", metavar="SECONDS",
    help="Give up after this many seconds (exit 4); default 60; 'none' or 0: no limit.")]
MaxRowsOpt = Annotated[Optional[str], typer.Option(
    "--max-rows", envvar="KG_MAX_ROWS", metavar="N",
    help="Stop when the answer passes N rows (exit 4); default 100000; 'none' or 0: no cap.")]


def query_limits(timeout: str | None, max_rows: str | None) -> tuple[float | None, int | None]:
    """The --timeout and --max-rows of a command, checked (QueryError, exit 2), with kg's defaults."""
    from kg.sparql import limits

    return (limits.timeout(limits.DEFAULT_TIMEOUT if timeout is None else timeout, "--timeout"),
            limits.max_rows(limits.DEFAULT_MAX_ROWS if max_rows is None else max_rows, "--max-rows"))


def interrupted() -> None:
    """Ctrl-C: one line, exit 130."""
    console(stderr=True).print("interrupted", markup=False)
    raise typer.Exit(130)


def opened(engine: str = "oxigraph", endpoint: str | None = None, auth: str | None = None, digest: bool = False):
    from kg.graph import open_graph

    if not (endpoint or auth):  # kg.sparql.endpoint imports rdflib: keep it off the local query path
        return open_graph(Options.facts, Options.build_dir, engine=engine)
    from kg.sparql.endpoint import Auth

    return open_graph(Options.facts, Options.build_dir, engine=engine, endpoint=endpoint, auth=Auth.parse(auth, digest))


def parse_params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if not eq or not name.strip():
            raise typer.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint="--param")
        out[name.strip()] = value.strip()
    return out


def show_answer(answer, graph, fmt: QueryFormat | OutputFormat, lang: str, explain: bool, every_row: bool = True) -> None:
    from kg.cli.render import answer_renderables
    from kg.present import answer_text, triples_text

    if answer.kind == "triples":  # plain N-Triples (or Turtle) that other tools read: never wrapped
        if explain:
            console(stderr=True).print("\n".join(q.strip() for q in answer.sparql), markup=False, soft_wrap=True)
        sys.stdout.write(triples_text(answer.result.triples, "turtle" if fmt.value == "turtle" else "nt"))
        return
    if fmt.value in ("nt", "turtle"):
        fail(QueryError(f"--format {fmt.value} is for CONSTRUCT and DESCRIBE queries; this answer is a "
                        f"{'table' if answer.kind == 'table' else answer.kind}"))
    out = console()
    if explain and getattr(answer, "explanation", None):
        ex = answer.explanation
        for sp in ex["spans"]:
            out.print(f"span {sp['span']!r} -> {sp['kind']} {sp['target']} ({sp['score']})", markup=False)
        for tag, c in [("chosen", ex["chosen"])] + [("runner-up", c) for c in ex["runners_up"]]:
            if c:
                out.print(f"{tag}: {c['shape']} score {c['score']:.3f}: {c['understood_as']} -> {c['answer']}", markup=False)
    if explain:
        from rich.syntax import Syntax

        for q in answer.sparql:
            out.print(Syntax(q.strip(), "sparql", theme="ansi_light", word_wrap=True))
    if fmt.value == "table" or answer.kind in ("card", "path"):
        for item in answer_renderables(answer, graph.index, lang, every_row):
            out.print(item)
    else:
        sys.stdout.write(answer_text(answer, graph.index, fmt.value, lang))
