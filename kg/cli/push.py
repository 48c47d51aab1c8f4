"""`kg push`: load the compiled graph into a SPARQL triple store (kg.export.push), registered by `register(app)`.

Like kg.cli.app, this module only parses options, calls the library and renders with rich.
"""


from typing import Annotated, Optional

import typer

from kg.errors import KgError


def push_cmd(
    endpoint: Annotated[str, typer.Option(
        "--endpoint", envvar="KG_ENDPOINT", help="The store's SPARQL query URL, e.g. http://127.0.0.1:7878/query "
        "(Oxigraph) or http://127.0.0.1:8890/sparql (Virtuoso); a server's root URL finds either.")],
    graph_store: Annotated[Optional[str], typer.Option(
        "--graph-store", help="Its Graph Store Protocol URL (default: derived from --endpoint).")] = None,
    update: Annotated[Optional[str], typer.Option(
        "--update", help="Its SPARQL Update URL, used when there is no graph store (default: derived from --endpoint).")] = None,
    auth: Annotated[Optional[str], typer.Option(
        "--auth", envvar="KG_AUTH", help="USER:PASSWORD (HTTP Basic, or Digest with --digest).")] = None,
    digest: Annotated[bool, typer.Option("--digest", help="Send --auth with HTTP Digest (Virtuoso's /sparql-auth).")] = False,
    timeout: Annotated[str, typer.Option(
        "--timeout", metavar="SECONDS", help="Seconds to wait for each request; 'none' or 0: wait as long as it takes.")] = "120",
) -> None:
    """Load the compiled graph into a triple store: one named graph per source document, plus the ontology
    and metrics graphs.

    Each graph is replaced, so pushing twice leaves the same data; kg graphs the build no longer has are
    dropped, and every graph is read back from the store and compared afterwards. Then query the store
    with kg query/show/search --endpoint URL (or KG_ENDPOINT=URL).
    Exit codes: 0 pushed and verified, 2 bad input, 3 store unreachable, refusing or incomplete.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from kg.cli.common import built, console, fail, interrupted
    from kg.export.push import push
    from kg.sparql import limits
    from kg.sparql.endpoint import Auth

    try:
        seconds = limits.timeout(timeout, "--timeout")
        credentials = Auth.parse(auth, digest)
        build = built()
        err = console(stderr=True)
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("triples"),
                      console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task("pushing", total=build.stats["triples"])

            def step(graph: str, done: int, total: int) -> None:
                bar.update(task, completed=done, total=total, description=graph.rsplit("/", 1)[-1])

            report = push(build, endpoint, credentials, step, graph_store=graph_store, update=update, timeout=seconds)
    except KgError as e:
        fail(e)
    except KeyboardInterrupt:
        interrupted()
    removed = f", removed {len(report.removed)} old graphs" if report.removed else ""
    console().print(f"pushed {report.triples} triples in {len(report.graphs)} graphs to {report.url} "
                    f"(via {report.method}{removed}; read back and verified)", markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add `kg push` to the main app."""
    app.command("push")(push_cmd)
