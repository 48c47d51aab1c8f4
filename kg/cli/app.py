"""The `kg` command line: parses options, calls the library, renders with rich. No logic lives here.

Heavy modules (rdflib, pyshacl, networkx) are imported inside the commands that need them, so
`kg --help` starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli import builder_cmds, graph_cmds, network, push, query_cmds
from kg.cli.common import Options

app = typer.Typer(
    name="kg",
    help="Knowledge graph of China's online and collaborative-office market: build, query, export.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


@app.callback()
def main_options(
    facts: Annotated[Optional[Path], typer.Option(
        "--facts", envvar="KG_FACTS", help="Folder of fact files (default: the shipped facts).")] = None,
    build_dir: Annotated[Optional[Path], typer.Option(
        "--build-dir", envvar="KG_BUILD_DIR", help="Where compiled graphs are kept (default: ~/.cache/kg/...).")] = None,
) -> None:
    Options.facts, Options.build_dir = facts, build_dir


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


for _group in (graph_cmds, query_cmds, network, push, builder_cmds):
    _group.register(app)
