"""`kg build`, `kg validate`, `kg stats`, `kg export`: the commands about the compiled graph itself."""


from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli.common import Options, built, console, fail
from kg.cli.run import run_build
from kg.errors import KgError


def build(force: Annotated[bool, typer.Option("--force", help="Rebuild even if nothing changed.")] = False) -> None:
    """Compile ontology + facts into the stored graph (other commands do this by themselves when needed)."""
    run_build(force)


def validate(
    shacl_data: Annotated[bool, typer.Option("--shacl-data", help="Check RDF data files against the shapes too "
                                             "(slow for big files; by default they are only parsed).")] = False,
) -> None:
    """Check every fact file and the SHACL shapes without writing anything; exit 2 on the first problems."""
    from kg.build.pipeline import check

    try:
        s = check(Options.facts, shacl_data=shacl_data)
    except KgError as e:
        fail(e)
    data = s["data"]
    files = f"; {data['quads']} quads in {data['files']} data files " + ("conform" if shacl_data else "parse") if data["files"] else ""
    console().print(f"ok: {s['entities']} entities, {s['observations']} observations and "
                    f"{s['provenance']['statements']} statements conform{files}", markup=False)


def stats(
    json_out: Annotated[bool, typer.Option("--json", help="Print the numbers as JSON.")] = False,
) -> None:
    """Counts per class, per source document and per label language, and the share with provenance."""
    from kg.paths import graph_facts

    try:
        s = built().stats
    except KgError as e:
        fail(e)
    if json_out:
        import json

        print(json.dumps({"graph": str(graph_facts(Options.facts).facts), **s}, indent=1, ensure_ascii=False))
        return
    from kg.cli.render import stats_tables

    out = console()
    out.print(f"graph: {graph_facts(Options.facts).describe()}", markup=False, soft_wrap=True)
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


def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.trig,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: standard output).")] = None,
    graph: Annotated[Optional[str], typer.Option("--graph", help="Only this source document's graph (its file stem).")] = None,
) -> None:
    """Write the graph as TriG, Turtle, N-Triples, N-Quads or JSON-LD, or its entity network as GraphML or GEXF
    (labels, classes and centralities as node attributes); the same facts give the same bytes."""
    from kg.export.formats import export_build
    from kg.files import check_writable, write_output

    try:
        check_writable(output)
        data = export_build(built(), fmt.value, graph=graph)
        write_output(data, output)
    except KgError as e:
        fail(e)
    if output:
        console(stderr=True).print(f"wrote {output} ({len(data)} bytes, {fmt.value})", markup=False)


def init(
    folder: Annotated[Path, typer.Argument(help="The graph folder to make (default: the current directory).")] = Path("."),
    from_bundled: Annotated[bool, typer.Option("--from-bundled", help="Start from a copy of the bundled seed graph's "
                                               "facts instead of an empty graph.")] = False,
) -> None:
    """Start a graph folder: kg.toml and facts/ (empty, with the format notes and the metrics vocabulary, or a copy
    of the seed graph). kg commands run in it or below it then use its facts. Exit codes: 0 made, 2 the folder
    already holds a graph, 3 it cannot be written."""
    from kg.paths import init_graph_folder

    try:
        facts = init_graph_folder(folder, from_bundled=from_bundled)
    except KgError as e:
        fail(e)
    what = "a copy of the bundled seed graph's facts" if from_bundled else "no facts yet; the format is in facts/README.md"
    console().print(f"made graph folder {folder.absolute()} ({what}); kg commands run there or below use "
                    f"{facts.absolute()}", markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add `kg init`, `kg build`, `kg validate`, `kg stats`, `kg export` to the main app."""
    app.command("init")(init)
    app.command("build")(build)
    app.command("validate")(validate)
    app.command("stats")(stats)
    app.command("export")(export)
