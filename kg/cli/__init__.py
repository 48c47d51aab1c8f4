"""The `kg` command line: typer commands that parse options, call the library and render with rich.

Holds `app` (the typer application and its shared options), one module per command group (graph_cmds,
query_cmds, network, push), `common` (typer's option types), `base` (the global options, the console), `run` (error-to-exit-code, opening
the graph, `kg query`'s work; no typer), `fast` (`kg query` parsed by hand, typer imported only for other calls) and `render`
(rich tables and cards). May import every other stage of kg; nothing in kg imports it. Heavy libraries
are imported inside the commands that need them, so `kg --help` starts fast. The command modules keep their
annotations as objects (no `from __future__ import annotations`): typer reads every command's signature at each
start, and would compile each annotation written as a string (about 50 ms).
"""


def main() -> None:
    """The console script: `kg query TEXT` by kg.cli.fast, everything else by the typer app (imported only then,
    so `import kg.cli` stays cheap)."""
    from kg.cli.fast import main as run

    run()
