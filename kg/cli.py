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
    from kg.build import ensure_built

    return ensure_built(Options.facts, Options.build_dir, force=force)


@app.callback()
def main_options(
    facts: Annotated[Optional[Path], typer.Option(
        "--facts", envvar="KG_FACTS", help="Folder of fact files (default: the shipped facts).")] = None,
    build_dir: Annotated[Optional[Path], typer.Option(
        "--build-dir", envvar="KG_BUILD_DIR", help="Where compiled graphs are kept (default: ~/.cache/kg/...).")] = None,
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
def validate(
    shacl_data: Annotated[bool, typer.Option("--shacl-data", help="Check RDF data files against the shapes too "
                                             "(slow for big files; by default they are only parsed).")] = False,
) -> None:
    """Check every fact file and the SHACL shapes without writing anything; exit 2 on the first problems."""
    from kg.build import check

    try:
        s = check(Options.facts, shacl_data=shacl_data)
    except KgError as e:
        fail(e)
    data = s["data"]
    files = f"; {data['quads']} quads in {data['files']} data files " + ("conform" if shacl_data else "parse") if data["files"] else ""
    console().print(f"ok: {s['entities']} entities, {s['observations']} observations and "
                    f"{s['provenance']['statements']} statements conform{files}", markup=False)


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
    jsonld = "jsonld"
    graphml = "graphml"
    gexf = "gexf"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.trig,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: standard output).")] = None,
    graph: Annotated[Optional[str], typer.Option("--graph", help="Only this source document's graph (its file stem).")] = None,
) -> None:
    """Write the graph as TriG, Turtle, N-Triples, N-Quads or JSON-LD, or its entity network as GraphML or GEXF
    (labels, classes and centralities as node attributes); the same facts give the same bytes."""
    from kg.export import serialize, write_output

    try:
        data = serialize(built().dataset(), fmt.value, graph=graph)
        write_output(data, output)
    except KgError as e:
        fail(e)
    if output:
        console(stderr=True).print(f"wrote {output} ({len(data)} bytes, {fmt.value})", markup=False)


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    md = "md"


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


def opened(engine: str = "oxigraph", endpoint: str | None = None, auth: str | None = None, digest: bool = False):
    from kg.graph import open_graph

    if not (endpoint or auth):  # kg.endpoint imports rdflib: keep it off the local query path
        return open_graph(Options.facts, Options.build_dir, engine=engine)
    from kg.endpoint import Auth

    return open_graph(Options.facts, Options.build_dir, engine=engine, endpoint=endpoint, auth=Auth.parse(auth, digest))


def _params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if not eq or not name.strip():
            raise typer.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint="--param")
        out[name.strip()] = value.strip()
    return out


def show_answer(answer, graph, fmt: OutputFormat, lang: str, explain: bool) -> None:
    from kg.render import answer_renderables, answer_text

    out = console()
    if explain:
        from rich.syntax import Syntax

        for q in answer.sparql:
            out.print(Syntax(q.strip(), "sparql", theme="ansi_light", word_wrap=True))
    if fmt == OutputFormat.table or answer.kind in ("card", "path"):
        for item in answer_renderables(answer, graph.index, lang):
            out.print(item)
    else:
        sys.stdout.write(answer_text(answer, graph.index, fmt.value, lang))


@app.command()
def query(
    text: Annotated[str, typer.Argument(help="A question, a named query, SPARQL text, or a path to a .rq file.")],
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE for a named query's parameter.")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Label language.")] = Lang.en,
    sources: Annotated[bool, typer.Option("--sources", help="Add the source document and paragraph of each row.")] = False,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    explain: Annotated[bool, typer.Option("--explain", help="Print the SPARQL that was run.")] = False,
    timeout: Annotated[Optional[float], typer.Option("--timeout", help="Give up after this many seconds (exit 4).")] = None,
    allow_network: Annotated[bool, typer.Option("--allow-network", help="Allow SERVICE clauses in SPARQL.")] = False,
    engine: Annotated[Engine, typer.Option("--engine", help="Local SPARQL engine.")] = Engine.oxigraph,
    endpoint: EndpointOpt = None,
    auth: AuthOpt = None,
    digest: DigestOpt = False,
) -> None:
    """Answer a plain-language question (English or Chinese), a named query, or SPARQL.

    Examples: kg query "platforms by parent company"; kg query "腾讯的产品";
    kg query "who owns Feishu?"; kg query "SELECT * WHERE { ?s kg:ownedBy ?o }".
    Exit codes: 0 answered, 1 nothing matched, 2 bad query, 3 endpoint unreachable or refused, 4 timed out.
    """
    try:
        graph = opened(engine.value, endpoint, auth, digest)
        answer = graph.query(text, params=_params(param or []), timeout=timeout, allow_network=allow_network,
                             sources=sources)
    except KgError as e:
        fail(e)
    show_answer(answer, graph, fmt, lang.value, explain)


@app.command()
def queries(
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
) -> None:
    """List the named queries with their parameters and aliases."""
    from kg.named import named_queries

    items = named_queries()
    if fmt != OutputFormat.table:
        import json

        rows = [{"name": q.name, "title": q.title, "description": q.description,
                 "params": " ".join(f"{p.name}={p.default}" for p in q.params), "aliases": " | ".join(q.aliases)}
                for q in items.values()]
        if fmt == OutputFormat.json:
            print(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        import csv

        w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), delimiter="\t" if fmt == OutputFormat.tsv else ",",
                           lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        return
    from rich.table import Table

    from kg.render import _box

    table = Table(title=f"{len(items)} named queries (kg query NAME, or any alias)", title_justify="left",
                  box=_box(), show_edge=False)
    table.add_column("name", no_wrap=True)
    table.add_column("title / parameters", overflow="fold")
    for q in items.values():
        params = " ".join(f"--param {p.name}={p.default}" for p in q.params)
        table.add_row(q.name, q.title + (f"\n{params}" if params else ""))
    console().print(table)


@app.command()
def show(
    entity: Annotated[str, typer.Argument(help="A name or alias in any language, or an id such as 'dingtalk'.")],
    lang: Annotated[Lang, typer.Option("--lang", help="Label language.")] = Lang.en,
    endpoint: EndpointOpt = None,
    auth: AuthOpt = None,
    digest: DigestOpt = False,
) -> None:
    """An entity's card: every label, its types, each fact with its source, figures as a timeline."""
    try:
        graph = opened(endpoint=endpoint, auth=auth, digest=digest)
        answer = graph.card_answer(graph.resolve(entity))
    except KgError as e:
        fail(e)
    show_answer(answer, graph, OutputFormat.table, lang.value, False)


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Part of a name, in any language.")],
    limit: Annotated[int, typer.Option("--limit", help="At most this many matches.")] = 10,
    endpoint: EndpointOpt = None,
    auth: AuthOpt = None,
    digest: DigestOpt = False,
) -> None:
    """Entities whose names match TEXT, with their class and a match score."""
    try:
        graph = opened(endpoint=endpoint, auth=auth, digest=digest)
        found = graph.search(text, limit)
    except KgError as e:
        fail(e)
    if not found:
        fail(NotFound(f"no entity matches '{text}'"))
    from rich.table import Table

    from kg.render import _box, _prefixed

    table = Table(box=_box(), show_edge=False)
    for c in ("entity", "id", "class", "score"):
        table.add_column(c)
    for iri, label, cls, score in found:
        table.add_row(label, _prefixed(iri), cls or "", f"{score:.2f}")
    console().print(table)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


from kg import cli_network  # noqa: E402

cli_network.register(app)

from kg import cli_push  # noqa: E402

cli_push.register(app)
