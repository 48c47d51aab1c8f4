"""What every command shares: typer's option types, and (from kg.cli.run, which needs no typer) the console,
turning library errors into exit codes, opening the graph."""


from enum import Enum
from typing import Annotated, Optional

import typer

from kg.cli.base import Options, console
from kg.cli.run import built, fail, interrupted, opened, query_limits, show_answer, split_params

__all__ = ["Options", "built", "console", "fail", "interrupted", "opened", "query_limits", "show_answer", "AuthOpt",
           "DigestOpt", "EndpointOpt", "Engine", "Lang", "MaxRowsOpt", "OutputFormat", "QueryFormat", "TimeoutOpt",
           "parse_params"]


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


def parse_params(pairs: list[str]) -> dict[str, str]:
    for pair in pairs:
        name, eq, _ = pair.partition("=")
        if not eq or not name.strip():
            raise typer.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint="--param")
    return split_params(pairs)
