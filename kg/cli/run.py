"""What the commands share that needs no typer: turning library errors into exit codes, opening the graph,
rendering an answer, and the work of `kg query` and `kg build` themselves (which kg.cli.fast runs without typer)."""

from __future__ import annotations

import sys

from kg.cli.base import Options, console
from kg.errors import FactErrors, KgError, NotFound, QueryError


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
    sys.exit(err.exit_code)


def interrupted() -> None:
    """Ctrl-C: one line, exit 130."""
    console(stderr=True).print("interrupted", markup=False)
    sys.exit(130)


def built(force: bool = False):
    from kg.build.pipeline import ensure_built

    return ensure_built(Options.facts, Options.build_dir, force=force)


def query_limits(timeout: str | None, max_rows: str | None) -> tuple[float | None, int | None]:
    """The --timeout and --max-rows of a command, checked (QueryError, exit 2), with kg's defaults."""
    from kg.sparql import limits

    return (limits.timeout(limits.DEFAULT_TIMEOUT if timeout is None else timeout, "--timeout"),
            limits.max_rows(limits.DEFAULT_MAX_ROWS if max_rows is None else max_rows, "--max-rows"))


def opened(engine: str = "oxigraph", endpoint: str | None = None, auth: str | None = None, digest: bool = False):
    from kg.graph import open_graph

    if not (endpoint or auth):  # kg.sparql.endpoint imports rdflib: keep it off the local query path
        return open_graph(Options.facts, Options.build_dir, engine=engine)
    from kg.sparql.endpoint import Auth

    return open_graph(Options.facts, Options.build_dir, engine=engine, endpoint=endpoint, auth=Auth.parse(auth, digest))


def run_build(force: bool = False) -> None:
    """`kg build` once its options are parsed."""
    try:
        b = built(force=force)
    except KgError as e:
        fail(e)
    s = b.stats
    state = "built" if b.rebuilt else "up to date"
    console().print(f"{state}: {s['triples']} triples, {s['entities']} entities, {s['observations']} observations, "
                    f"{len(s['documents'])} documents -> {b.graph_file}", markup=False)


def split_params(pairs: list[str]) -> dict[str, str]:
    """--param NAME=VALUE pairs as a dict (each checked by the caller to hold a '=' after a name)."""
    out = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        out[name.strip()] = value.strip()
    return out


def run_query(text: str, params: list[str], lang: str = "en", sources: bool = False, fmt: str = "table",
              explain: bool = False, every_row: bool = False, timeout: str | None = None, max_rows: str | None = None,
              allow_network: bool = False, engine: str = "oxigraph", endpoint: str | None = None,
              auth: str | None = None, digest: bool = False, parse=split_params) -> None:
    """`kg query` once its options are parsed (plain strings); `parse` reads the --param pairs."""
    try:
        limit, rows = query_limits(timeout, max_rows)
        graph = opened(engine, endpoint, auth, digest)
        if fmt in ("csv", "tsv") and not (sources or explain or params):
            streamed = graph.stream(text, timeout=limit, allow_network=allow_network, max_rows=rows)
            if streamed is not None:
                return write_rows(streamed, graph.index, lang, "\t" if fmt == "tsv" else ",")
        answer = graph.query(text, params=parse(params), timeout=limit, allow_network=allow_network,
                             sources=sources, max_rows=rows)
    except KgError as e:
        fail(e)
    except KeyboardInterrupt:
        interrupted()
    show_answer(answer, graph, fmt, lang, explain, every_row)
    if sources and fmt == "table" and answer.kind != "triples":
        from kg.cli.cited import print_cited

        print_cited(answer)


def write_rows(streamed, index, lang: str, delimiter: str) -> None:
    """A SELECT answer as CSV or TSV, each row written as the engine reads it (a long answer starts at once,
    and stops at --max-rows or --timeout with the rows so far written and the error on stderr)."""
    import csv

    from kg.present import plain_row

    writer = csv.writer(sys.stdout, delimiter=delimiter, lineterminator="\n")
    try:
        for n, row in enumerate(streamed):
            if n == 0:
                writer.writerow([c.replace("_", " ") for c in row])
            else:
                writer.writerow(plain_row(row, index, lang))
    except KgError as e:
        sys.stdout.flush()
        fail(e)
    except KeyboardInterrupt:
        sys.stdout.flush()
        interrupted()


def show_answer(answer, graph, fmt: str, lang: str, explain: bool, every_row: bool = True) -> None:
    """An answer on stdout: a rich table (or card, path), CSV/TSV/JSON/Markdown, or N-Triples/Turtle."""
    from kg.cli.render import answer_renderables
    from kg.present import answer_text, triples_text

    fmt = getattr(fmt, "value", fmt)  # a QueryFormat or OutputFormat from typer
    if answer.kind == "triples":  # plain N-Triples (or Turtle) that other tools read: never wrapped
        if explain:
            console(stderr=True).print("\n".join(q.strip() for q in answer.sparql), markup=False, soft_wrap=True)
        sys.stdout.write(triples_text(answer.result.triples, "turtle" if fmt == "turtle" else "nt"))
        return
    if fmt in ("nt", "turtle"):
        fail(QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE queries; this answer is a "
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
    if fmt == "table" or answer.kind in ("card", "path"):
        for item in answer_renderables(answer, graph.index, lang, every_row):
            out.print(item)
    else:
        sys.stdout.write(answer_text(answer, graph.index, fmt, lang))
