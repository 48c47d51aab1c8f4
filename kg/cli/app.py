"""The `kg` command line: parses options, calls the library, renders with rich. No logic lives here.

Heavy modules (rdflib, pyshacl, networkx) are imported inside the commands that need them, so
`kg --help` starts fast.
"""


import sys
from pathlib import Path
from typing import Annotated, Optional

import click
import typer
import typer.core

from kg.cli import builder_cmds, graph_cmds, network, push, query_cmds
from kg.cli.common import Options


class KgGroup(typer.core.TyperGroup):
    """The `kg` group: a usage error (missing argument, unknown option, bad value) is one line on stderr, exit 2."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as e:  # `kg`, `kg plot`: the help, as --help prints it
            click.echo(e.ctx.get_help())
            code = 0
        except click.UsageError as e:
            usage = f" (usage: {e.ctx.command_path} {' '.join(e.ctx.command.collect_usage_pieces(e.ctx))})" if e.ctx else ""
            _error(_one_line(e.format_message()) + usage)
            code = 2
        except click.ClickException as e:
            _error(_one_line(e.format_message()))
            code = e.exit_code
        except click.Abort:
            code = 130
        sys.exit(code or 0)


def _one_line(message: str) -> str:
    text = " ".join(message.split()).rstrip(".")
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _error(message: str) -> None:
    click.echo(f"error: {message}", err=True)


app = typer.Typer(
    name="kg",
    cls=KgGroup,
    help="Knowledge graph of China's online and collaborative-office market: build, query, export.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    facts: Annotated[Optional[Path], typer.Option(
        "--facts", help="Folder of fact files (default: $KG_FACTS, else facts/ of the nearest graph folder from the "
        "current directory up, else the bundled seed graph).")] = None,
    build_dir: Annotated[Optional[Path], typer.Option(
        "--build-dir", envvar="KG_BUILD_DIR", help="Where compiled graphs are kept (default: ~/.cache/kg/...).")] = None,
    version: Annotated[bool, typer.Option("--version", help="Print kg's version and the graph in use.")] = False,
) -> None:
    Options.facts, Options.build_dir = facts, build_dir
    if version:
        from kg.paths import graph_facts
        from kg.version import __version__

        typer.echo(f"kg {__version__}\ngraph: {graph_facts(facts).describe()}")
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


for _group in (graph_cmds, query_cmds, network, push, builder_cmds):
    _group.register(app)
