"""The `kg` command line: typer commands that parse options, call the library and render with rich.

Holds `app` (the typer application and its shared options), one module per command group (graph_cmds,
query_cmds, network, push), `common` (console, error-to-exit-code, opening the graph) and `render`
(rich tables and cards). May import every other stage of kg; nothing in kg imports it. Heavy libraries
are imported inside the commands that need them, so `kg --help` starts fast.
"""


def main() -> None:
    """The console script: run the typer app (imported here so `import kg.cli` stays cheap)."""
    from kg.cli.app import main as run

    run()
