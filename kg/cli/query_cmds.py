"""`kg query`, `kg queries`, `kg show`, `kg search`: asking the graph."""


import sys
from typing import Annotated, Optional

import typer

from kg.cli.common import (
    AuthOpt,
    DigestOpt,
    EndpointOpt,
    Engine,
    Lang,
    MaxRowsOpt,
    OutputFormat,
    QueryFormat,
    TimeoutOpt,
    console,
    fail,
    opened,
    parse_params,
    show_answer,
)
from kg.cli.run import run_query
from kg.errors import KgError, NotFound


def query(
    text: Annotated[str, typer.Argument(help="A question, a named query, SPARQL text, or a path to a .rq file.")],
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE for a named query's parameter.")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Label language.")] = Lang.en,
    sources: Annotated[bool, typer.Option("--sources", help="Add the source document and paragraph of each row.")] = False,
    fmt: Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format (nt, turtle: CONSTRUCT and DESCRIBE "
                                             "answers, which are N-Triples by default).")] = QueryFormat.table,
    explain: Annotated[bool, typer.Option("--explain", help="Print how a question was read (spans, readings) and "
                                          "the SPARQL that was run.")] = False,
    every_row: Annotated[bool, typer.Option("--all", help="Show every supporting row of a question's answer "
                                            "(else the first 10).")] = False,
    timeout: TimeoutOpt = None,
    max_rows: MaxRowsOpt = None,
    allow_network: Annotated[bool, typer.Option(
        "--allow-network", help="Allow SPARQL to reach outside kg's graphs: SERVICE, and FROM / FROM NAMED "
        "naming other graphs (which rdflib fetches or reads from disk).")] = False,
    engine: Annotated[Engine, typer.Option("--engine", help="Local SPARQL engine.")] = Engine.oxigraph,
    endpoint: EndpointOpt = None,
    auth: AuthOpt = None,
    digest: DigestOpt = False,
) -> None:
    """Answer a plain-language question (English or Chinese), a named query, or SPARQL.

    Examples: kg query "platforms by parent company"; kg query "腾讯的产品";
    kg query "who owns Feishu?"; kg query "SELECT * WHERE { ?s kg:ownedBy ?o }".
    Exit codes: 0 answered, 1 nothing matched, 2 bad query, 3 endpoint unreachable or refused, 4 past
    --timeout or --max-rows, 130 interrupted.
    """
    run_query(text, param or [], lang.value, sources, fmt.value, explain, every_row, timeout, max_rows,
              allow_network, engine.value, endpoint, auth, digest, parse=parse_params)


def queries(
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
) -> None:
    """List the named queries with their parameters and aliases."""
    from kg.sparql.named import named_queries

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
    from kg.cli.render import Fitted

    rows = []
    for q in items.values():
        params = " ".join(f"--param {p.name}={p.default}" for p in q.params)
        rows.append([q.name, "\n".join(x for x in (q.title, q.description, params) if x), " | ".join(q.aliases)])
    console().print(Fitted(["name", "title, description, parameters", "aliases"], rows,
                           f"{len(items)} named queries (kg query NAME, or any alias)", no_wrap=("name",)))


def show(
    entity: Annotated[str, typer.Argument(help="A name or alias in any language, or an id such as 'dingtalk'.")],
    lang: Annotated[Lang, typer.Option("--lang", help="Label language.")] = Lang.en,
    sources: Annotated[bool, typer.Option("--sources", help="Print the cited paragraphs (kept by kg add-source).")] = False,
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
    if sources:
        from kg.cli.cited import print_cited

        print_cited(answer)


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
    from kg.cli.render import Fitted
    from kg.present import prefixed

    rows = [[label, prefixed(iri), cls or "", f"{score:.2f}"] for iri, label, cls, score in found]
    console().print(Fitted(["entity", "id", "class", "score"], rows, no_wrap=("id", "score"), right=("score",)))


def register(app: typer.Typer) -> None:
    """Add `kg query`, `kg queries`, `kg show`, `kg search` to the main app."""
    app.command("query")(query)
    app.command("queries")(queries)
    app.command("show")(show)
    app.command("search")(search)
