"""`kg centrality` and `kg plot ...`: the network commands, registered on the main app by `register(app)`.

Like kg.cli.app, this module only parses options, calls the library (kg.network.analysis, kg.network.plot) and renders with
rich; networkx and matplotlib are imported inside the commands so `kg --help` stays fast.
"""


from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kg.errors import KgError

if TYPE_CHECKING:
    from kg.network.analysis import CentralityResult


class Metric(str, Enum):
    degree = "degree"
    pagerank = "pagerank"
    betweenness = "betweenness"
    eigenvector = "eigenvector"
    closeness = "closeness"
    all = "all"


class SizeMetric(str, Enum):
    degree = "degree"
    pagerank = "pagerank"
    betweenness = "betweenness"
    eigenvector = "eigenvector"
    closeness = "closeness"


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


TypeOpt = Annotated[Optional[str], typer.Option(
    "--type", "-t", metavar="CLASSES", help="Only entities of these classes, comma-separated (subclasses included: Product takes "
    "Platform).")]
SourceOpt = Annotated[Optional[list[str]], typer.Option(
    "--source", "-s", metavar="STEM", help="Only statements from this source document (file stem or a unique prefix); repeatable.")]


def _split(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [v.strip() for v in value.split(",") if v.strip()] or None


def _sources(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [v.strip() for x in values for v in x.split(",") if v.strip()] or None


HEADERS = {"degree": "degree", "pagerank": "pagerank", "betweenness": "between-\nness", "eigenvector": "eigen-\nvector",
           "closeness": "close-\nness"}


def centrality_table(result: "CentralityResult", title: str | None = None):
    """Centrality rows for the terminal: rank, entity, class and one column per metric, every score and name
    whole (kg.cli.render.Fitted), then how they are sorted."""
    import re

    from rich.console import Group
    from rich.text import Text

    from kg.cli.render import Fitted

    headers = [HEADERS.get(m, m) + (" ~" if m == "betweenness" and result.approximate else "") for m in result.metrics]
    rows = [[str(i), row.label, re.sub(r"(?<=[a-z])(?=[A-Z])", " ", row.cls),  # ResearchOrganization: two words
             *(f"{row.scores[m]:.4f}" for m in result.metrics)] for i, row in enumerate(result.rows, 1)]
    table = Fitted(["#", "entity", "class", *headers], rows, title or f"centrality: {result.nodes} entities, "
                   f"{result.edges} links", no_wrap=("#",), right=("#", *headers))
    caption = "\n".join([f"sorted by {result.sort_by}"] + [f"~ {n}" for n in result.notes])
    return Group(table, Text(caption, style="dim"))


def centrality_csv(result: "CentralityResult") -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["rank", "iri", "label", "class", *result.metrics])
    for i, row in enumerate(result.rows, 1):
        w.writerow([i, row.iri, row.label, row.cls, *(repr(row.scores[m]) for m in result.metrics)])
    return buf.getvalue()


def centrality_cmd(
    metric: Annotated[Metric, typer.Option("--metric", "-m", help="Which centrality to compute.")] = Metric.all,
    types: TypeOpt = None,
    source: SourceOpt = None,
    top: Annotated[int, typer.Option("--top", "-n", min=0, help="Show the N best entities (0: all).")] = 20,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    observations: Annotated[bool, typer.Option(
        "--observations", help="Keep observations as nodes instead of folding them into their subjects.")] = False,
    documents: Annotated[bool, typer.Option("--documents", help="Add the source documents as nodes.")] = False,
) -> None:
    """Rank entities by degree, PageRank, betweenness, eigenvector or closeness centrality.

    Computed on the entity network (kg.network.analysis.project): entities are nodes, statements between them are
    edges. On graphs over 2000 nodes betweenness is estimated from a seeded sample and marked '~'.
    """
    from kg.cli.common import built, console, fail
    from kg.network.analysis import build_network, projection_centrality

    try:
        net = build_network(built(), types=_split(types), sources=_sources(source), observations=observations,
                            documents=documents)
        result = projection_centrality(net, metric.value, top=top or None)
    except KgError as e:
        fail(e)
    if fmt is OutputFormat.json:
        import json

        print(json.dumps(result.to_dict(), indent=1, ensure_ascii=False))
        return
    if fmt is OutputFormat.csv:
        import sys

        sys.stdout.write(centrality_csv(result))
        for note in result.notes:
            console(stderr=True).print(f"note: {note}", markup=False)
        return
    out = console()
    out.print(centrality_table(result))


def _check_picture(output: Path) -> None:
    """A picture's name and folder, checked before any work (exit 2 for the format, 3 for the folder)."""
    from kg.files import check_writable
    from kg.network.plot import picture_format

    picture_format(output)
    check_writable(output)


def _wrote(info, what: str) -> None:
    from kg.cli.common import console

    err = console(stderr=True)
    size = f"{info.bytes / 1024:.0f} KB" if info.bytes < 1024 * 1024 else f"{info.bytes / 1024 / 1024:.1f} MB"
    err.print(f"wrote {info.path} ({what}, {size})", markup=False)
    for note in info.notes:
        err.print(f"warning: {note}", markup=False)


def plot_network_cmd(
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="Picture to write: .png, .svg or .pdf.")],
    size_by: Annotated[SizeMetric, typer.Option("--size-by", help="Centrality that sets node size.")] = (
        SizeMetric.pagerank),
    types: TypeOpt = None,
    source: SourceOpt = None,
    top: Annotated[int, typer.Option("--top", "-n", min=0, help="Draw the N most central entities, named, and the "
                                     "entities linked to two or more of them (0: every entity).")] = 30,
    labels: Annotated[Optional[int], typer.Option("--labels", min=0, help="Name the N most central entities "
                                                  "(default: the --top ones, or 40).")] = None,
    isolates: Annotated[bool, typer.Option("--isolates", help="Also draw entities linked to no other.")] = False,
) -> None:
    """Draw the entity network: by default the 30 most central entities, named in English and Chinese, with the
    entities linked to two or more of them; node size by centrality, colour by class."""
    from kg.cli.common import built, fail
    from kg.network.analysis import project_build
    from kg.network.plot import plot_network

    try:
        _check_picture(output)
        g = project_build(built(), types=_split(types), sources=_sources(source))
        info = plot_network(g, output, size_by=size_by.value, top=top, labels=labels, drop_isolates=not isolates)
    except KgError as e:
        fail(e)
    _wrote(info, f"{info.nodes} entities, {info.edges} links")


def plot_figures_cmd(
    entity: Annotated[str, typer.Argument(help="An entity id (dingtalk) or name in English or Chinese (钉钉).")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="Picture to write: .png, .svg or .pdf.")],
) -> None:
    """Draw an entity's figures over time: one panel per metric, sources in the caption."""
    from kg.cli.common import built, fail
    from kg.network.plot import plot_figures

    try:
        _check_picture(output)
        info = plot_figures(built().dataset(), entity, output)
    except KgError as e:
        fail(e)
    _wrote(info, f"{info.observations} figures in {info.series} series from {len(info.sources)} documents"
                 + (f"; {info.once} stated once, in a table" if info.once else ""))


def register(app: typer.Typer) -> None:
    """Add `kg centrality` and the `kg plot` group to the main app."""
    app.command("centrality")(centrality_cmd)
    plot = typer.Typer(help="Draw the graph: the entity network, or one entity's figures over time.",
                       no_args_is_help=True, rich_markup_mode=None)
    plot.command("network")(plot_network_cmd)
    plot.command("figures")(plot_figures_cmd)
    app.add_typer(plot, name="plot")
