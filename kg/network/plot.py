"""Pictures of the graph: the entity network, and an entity's figures over time (matplotlib, Agg).

    >>> from kg.network.analysis import project
    >>> from kg.network.plot import plot_network, plot_figures
    >>> plot_network(project(ds), "net.png", size_by="pagerank")
    >>> plot_figures(ds, "dingtalk", "dingtalk.png")

Chinese labels need a font with CJK glyphs. `find_cjk_font` looks for one through
matplotlib.font_manager (Noto Sans CJK, Source Han Sans, WenQuanYi, Droid Sans Fallback, ...), or takes
the file named by the environment variable KG_CJK_FONT. Debian and Ubuntu ship one as
`fonts-noto-cjk` or `fonts-wqy-microhei`. Without one the pictures are drawn with English labels only,
and the returned info says so (``cjk_font`` is None).
"""

from __future__ import annotations

import functools
import io
import logging
import math
import os
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import NotFound, QueryError

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

logger = logging.getLogger(__name__)

PICTURE_FORMATS = ("png", "svg", "pdf")
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans SC", "Source Han Sans SC",
    "Source Han Sans CN", "Source Han Sans", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback",
    "Noto Serif CJK SC", "AR PL UMing CN", "AR PL UKai CN", "SimHei", "Microsoft YaHei", "PingFang SC",
    "Heiti SC", "Arial Unicode MS",
)
_CJK_FILE = re.compile(r"(cjk|wqy|droidsansfallback|sourcehan|uming|ukai|simhei|msyh|pingfang)", re.I)
PROBE = "钉釘"  # a simplified and a traditional character that every CJK font must draw


@dataclass(frozen=True)
class FontChoice:
    """A font that draws Chinese: its family name (for rcParams) and file."""

    name: str
    path: str


@dataclass
class PlotInfo:
    """What a picture shows: where it was written and what went into it."""

    path: str
    format: str
    nodes: int = 0
    edges: int = 0
    labelled: int = 0
    size_by: str | None = None
    classes: dict[str, int] = field(default_factory=dict)
    observations: int = 0
    series: int = 0
    once: int = 0  # figures drawn in the table of single points, not as a line
    sources: list[str] = field(default_factory=list)
    cjk_font: str | None = None
    bytes: int = 0
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- fonts


def has_glyphs(path: str, text: str = PROBE) -> bool:
    """True when the font file draws every character of `text` (no 'tofu' boxes)."""
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(path)
    except (OSError, RuntimeError, ValueError):
        return False
    return all(font.get_char_index(ord(ch)) != 0 for ch in text)


@functools.lru_cache(maxsize=1)
def find_cjk_font() -> FontChoice | None:
    """A font with CJK glyphs known to matplotlib (registering system fonts it has not cached), or None."""
    from matplotlib import font_manager as fm

    env = os.environ.get("KG_CJK_FONT")
    if env and Path(env).is_file() and has_glyphs(env):
        fm.fontManager.addfont(env)
        return FontChoice(fm.FontProperties(fname=env).get_name(), env)

    def known() -> FontChoice | None:
        by_name: dict[str, str] = {}
        regular_first = sorted(fm.fontManager.ttflist, key=lambda f: (f.style != "normal", abs(_weight(f.weight) - 400),
                                                                      f.fname))
        for f in regular_first:
            by_name.setdefault(f.name, f.fname)
        for family in CJK_FAMILIES:
            if family in by_name and has_glyphs(by_name[family]):
                return FontChoice(family, by_name[family])
        return None

    found = known()
    if found:
        return found
    # matplotlib caches its font list: a font installed after the cache was written is not in it
    cached = {f.fname for f in fm.fontManager.ttflist}
    for path in sorted(fm.findSystemFonts()):
        if path not in cached and _CJK_FILE.search(Path(path).name):
            try:
                fm.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
    found = known()
    if found:
        return found
    for f in fm.fontManager.ttflist:  # any other font that happens to draw Chinese
        if _CJK_FILE.search(Path(f.fname).name) and has_glyphs(f.fname):
            return FontChoice(f.name, f.fname)
    return None


def _weight(w) -> int:
    from matplotlib.font_manager import weight_dict

    return w if isinstance(w, int) else weight_dict.get(str(w).lower(), 400)


def _rc(cjk: FontChoice | None) -> dict:
    # a list of families turns on matplotlib's glyph-by-glyph fallback: Latin from DejaVu, Chinese from cjk
    families = ["DejaVu Sans"] + ([cjk.name] if cjk else [])
    return {"font.family": families, "svg.fonttype": "path",
            "axes.unicode_minus": False, "pdf.fonttype": 42}


def picture_format(path: Path | str) -> str:
    """png, svg or pdf, from the file name; a QueryError (exit 2) for any other."""
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in PICTURE_FORMATS:
        raise QueryError(f"cannot tell the picture format of '{path}': name it .png, .svg or .pdf")
    return fmt


def _save(fig, path: Path | str, fmt: str, dpi: int) -> int:
    from kg.files import write_output

    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=dpi, bbox_inches="tight", facecolor="white",
                metadata={"Software": None} if fmt == "png" else ({"Date": None} if fmt == "svg" else None))
    data = buf.getvalue()
    write_output(data, Path(path))
    return len(data)


# ---------------------------------------------------------------- the network


def _palette(n: int) -> list:
    import matplotlib

    base = list(matplotlib.colormaps["tab20"].colors)
    base = base[0::2] + base[1::2]  # the strong colours first
    if n > len(base):
        base += list(matplotlib.colormaps["tab20b"].colors)
    return [base[i % len(base)] for i in range(n)]


def _component_layout(sub: nx.Graph, seed: int, weight: dict[str, float]) -> dict:
    import networkx as nx
    import numpy as np

    if len(sub) <= 2:
        return nx.spring_layout(sub, seed=seed)
    if hasattr(nx, "forceatlas2_layout"):  # networkx >= 3.4: spreads hubs and their leaves apart
        with np.errstate(divide="ignore", invalid="ignore"):
            pos = nx.forceatlas2_layout(sub, max_iter=300, seed=seed, scaling_ratio=2.0, linlog=True,
                                        node_size={n: 1 + 10 * weight.get(n, 0.0) for n in sub})
        if all(np.isfinite(p).all() for p in pos.values()):
            return pos
    start = nx.spring_layout(sub, seed=seed, iterations=50)
    try:
        return nx.kamada_kawai_layout(sub, pos=start)
    except ImportError:  # kamada-kawai needs scipy, which kg does not require
        return start


def _layout(u: nx.Graph, seed: int, weight: dict[str, float]) -> dict:
    """The largest connected component laid out by force, the smaller ones in rows beneath it."""
    import networkx as nx
    import numpy as np

    comps = sorted((sorted(c) for c in nx.connected_components(u)), key=lambda c: (-len(c), c[0]))
    pos: dict = {}
    if not comps:
        return pos
    main = _component_layout(u.subgraph(comps[0]), seed, weight)
    xy = np.array(list(main.values()), dtype=float)
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    pos.update({n: tuple((np.asarray(p, dtype=float) - lo) / span) for n, p in main.items()})  # into [0, 1]^2
    rest = comps[1:]
    per_row = max(4, math.ceil(math.sqrt(len(rest) * 4))) if rest else 1
    step = 1.0 / per_row
    for i, comp in enumerate(rest):
        cx, cy = (i % per_row + 0.5) * step, -0.08 - (i // per_row) * step
        if len(comp) == 1:
            pos[comp[0]] = (cx, cy)
            continue
        sp = nx.spring_layout(u.subgraph(comp), seed=seed, scale=step * 0.3)
        pos.update({n: (cx + float(x), cy + float(y)) for n, (x, y) in sp.items()})
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def _repel(fig, ax, texts: list, anchors: list[tuple[float, float]], radii: list[float], rounds: int = 300) -> None:
    """Put each label just below its node, move overlapping labels apart (in screen space), and tie a
    label that had to move to its node by a thin line. `radii` are the nodes' radii in points."""
    import numpy as np

    if not texts:
        return
    renderer = fig.canvas.get_renderer()
    to_data = ax.transData.inverted()
    boxes = [t.get_window_extent(renderer) for t in texts]
    half = np.array([[b.width / 2 + 3, b.height / 2 + 2] for b in boxes])
    node = np.array([ax.transData.transform(a) for a in anchors])
    px_per_pt = fig.dpi / 72.0
    centre = node - np.array([[0.0, r * px_per_pt + h[1] + 1] for r, h in zip(radii, half, strict=True)])
    home = centre.copy()
    upper = np.triu(np.ones((len(texts), len(texts)), dtype=bool), 1)
    for _ in range(rounds):
        d = centre[None, :, :] - centre[:, None, :]  # d[i, j] = centre[j] - centre[i]
        overlap = half[:, None, :] + half[None, :, :] - np.abs(d)
        hit = (overlap[..., 0] > 0) & (overlap[..., 1] > 0) & upper
        if not hit.any():
            break
        i, j = np.nonzero(hit)
        ov, dd = overlap[i, j], d[i, j]
        axis = (ov[:, 1] / half[i, 1] < ov[:, 0] / half[i, 0]).astype(int)  # the cheaper way out
        rows = np.arange(len(i))
        sign = np.sign(dd[rows, axis])
        sign[sign == 0] = np.where(i[sign == 0] % 2, 1.0, -1.0)
        push = np.zeros((len(i), 2))
        push[rows, axis] = sign * (ov[rows, axis] / 2 + 0.5)
        step = np.zeros_like(centre)
        np.add.at(step, i, -push)
        np.add.at(step, j, push)
        centre += step * 0.5 + (home - centre) * 0.01  # a weak pull back towards the node
    for t, c, h, (ax_, ay_) in zip(texts, centre, home, anchors, strict=True):
        x, y = to_data.transform(c)
        t.set_position((x, y))
        if np.hypot(*(c - h)) > 14:
            ax.plot([ax_, x], [ay_, y], color="#555555", lw=0.6, alpha=0.7, zorder=4)


def plot_network(
    g: nx.Graph,
    path: Path | str,
    size_by: str = "pagerank",
    *,
    top: int | None = 30,
    labels: int | None = None,
    title: str | None = None,
    drop_isolates: bool = True,
    seed: int = 42,
    figsize: tuple[float, float] = (18, 14),
    dpi: int = 150,
) -> PlotInfo:
    """Draw a projection (kg.network.analysis.project) to `path` (.png, .svg or .pdf).

    Node area grows with the centrality `size_by` (degree, pagerank, betweenness, eigenvector or
    closeness), computed on the whole projection; colour shows the class, explained in a legend. With `top`
    (default 30; None or 0: every entity) only the `top` most central entities are drawn, named, with the
    entities linked to two or more of them as small unnamed context. The `labels` most central nodes (default:
    the `top`, else 40) are named in English and, when a CJK font is found, Chinese, wrapped, never cut, and
    moved apart so that no two overlap. Isolated nodes are left out unless `drop_isolates` is False. The
    layout is seeded, so the same graph gives the same picture.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.lines import Line2D

    from kg.network.analysis import METRICS, scores, undirected

    fmt = picture_format(path)
    if size_by not in METRICS:
        raise QueryError(f"unknown centrality metric '{size_by}' (use one of: {', '.join(METRICS)})")
    u = undirected(g)
    if drop_isolates:
        u.remove_nodes_from([n for n in list(u) if u.degree(n) == 0])
    if u.number_of_nodes() == 0:
        raise NotFound("nothing to draw: no entity is linked to another (check --type and --source)")
    values, _ = scores(g.subgraph(list(u)).copy() if g.is_directed() else u, size_by, seed=seed)
    whole = (u.number_of_nodes(), u.number_of_edges())
    core: set = set(u)
    if top and u.number_of_nodes() > top:
        core = set(sorted(u, key=lambda n: (-values.get(n, 0.0), n))[:top])
        context = {n for n in u if n not in core and sum(1 for m in u[n] if m in core) >= 2}
        u = u.subgraph(core | context).copy()
    labels = (top if top else 40) if labels is None else labels
    biggest = max(values.values()) or 1.0
    nodes = sorted(u, key=lambda n: (n in core, values.get(n, 0.0), n))  # the central ones drawn last, on top
    sizes = [(60 + 2600 * (values.get(n, 0.0) / biggest)) if n in core else 25 for n in nodes]

    class_counts: dict[str, int] = {}
    for n in u:
        c = u.nodes[n].get("cls", "Entity")
        class_counts[c] = class_counts.get(c, 0) + 1
    order = sorted(class_counts, key=lambda c: (-class_counts[c], c))
    colour = dict(zip(order, _palette(len(order)), strict=True))

    cjk = find_cjk_font()
    info = PlotInfo(path=str(path), format=fmt, nodes=u.number_of_nodes(), edges=u.number_of_edges(),
                    size_by=size_by, classes={c: class_counts[c] for c in order}, cjk_font=cjk.name if cjk else None)
    if not cjk:
        info.notes.append("no CJK font found: labels are in English only "
                          "(install fonts-noto-cjk or fonts-wqy-microhei)")
        logger.warning(info.notes[-1])
    pos = _layout(u, seed, {n: values.get(n, 0.0) / biggest for n in u})

    with matplotlib.rc_context(_rc(cjk)):
        fig, ax = plt.subplots(figsize=figsize)
        try:
            inner = [(a, b) for a, b in u.edges() if a in core and b in core]
            nx.draw_networkx_edges(u, pos, ax=ax, edgelist=[e for e in u.edges() if e not in set(inner)],
                                   edge_color="#b0b4b8", alpha=0.35, width=0.5)
            nx.draw_networkx_edges(u, pos, ax=ax, edgelist=inner, edge_color="#6b7075", alpha=0.6, width=1.0)
            nx.draw_networkx_nodes(u, pos, ax=ax, nodelist=nodes, node_size=sizes, linewidths=0.6,
                                   node_color=[colour[u.nodes[n].get("cls", "Entity")] for n in nodes],
                                   edgecolors="white", alpha=[0.95 if n in core else 0.55 for n in nodes])
            named = sorted(u, key=lambda n: (n not in core, -values.get(n, 0.0), n))[: max(0, labels)]
            texts = []
            for rank, n in enumerate(named):
                d = u.nodes[n]
                en = d.get("label_en") or d.get("label") or str(n)
                text = _wrap(en, 22)
                zh = d.get("label_zh", "")
                if cjk and zh and zh != en:
                    text += "\n" + _wrap(zh, 12)
                size = 14 if rank < 5 else 11 if rank < 15 else 9.5
                texts.append(ax.text(*pos[n], text, ha="center", va="center", fontsize=size, zorder=6,
                                     color="#111111", linespacing=1.1,
                                     bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "#bbbbbb", "lw": 0.4,
                                           "alpha": 0.8}))
            xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
            ax.set_xlim(min(xs) - 0.05, max(xs) + 0.05)
            ax.set_ylim(min(ys) - 0.05, max(ys) + 0.05)
            area = dict(zip(nodes, sizes, strict=True))
            _repel(fig, ax, texts, [pos[n] for n in named], [math.sqrt(area[n]) / 2 for n in named])
            info.labelled = len(named)
            handles = [Line2D([], [], marker="o", ls="", markersize=11, markerfacecolor=colour[c],
                              markeredgecolor="white", label=f"{c} ({class_counts[c]})") for c in order]
            ax.legend(handles=handles, title="class (entities)", loc="upper left", bbox_to_anchor=(1.0, 1.0),
                      frameon=False, fontsize=12, title_fontsize=13)
            shown = (f"the {len(core)} most central of {whole[0]} entities (named) and {u.number_of_nodes() - len(core)} "
                     f"linked to two or more of them" if len(core) < whole[0] else f"{whole[0]} entities, {whole[1]} links")
            ax.set_title(title or f"kg-office: {shown}\nnode size: {size_by} in the whole network; colour: class",
                         fontsize=16, loc="left")
            ax.set_axis_off()
            info.bytes = _save(fig, path, fmt, dpi)
        finally:
            plt.close(fig)
    return info


def _wrap(text: str, width: int) -> str:
    """A label on lines of about `width` characters, whole (Chinese breaks between characters)."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=not text.isascii(), break_on_hyphens=True)) or text


# ---------------------------------------------------------------- an entity's figures


@dataclass
class Figure:
    """One observation of an entity, as drawn."""

    iri: str
    metric: str
    metric_label: str
    unit: str
    unit_label: str
    symbol: str
    value: float
    time: str
    qualifier: str | None
    compared_to: str | None
    stated_by: str | None
    document: str


def figures_of(ds: Dataset, entity) -> list[Figure]:
    """Every observation whose kg:subject is `entity`, sorted by metric, time and document."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS

    from kg.namespaces import KG, SRC

    labels: dict = {}
    for s, _, o, _ in ds.quads((None, RDFS.label, None, None)):
        if isinstance(o, Literal) and o.language == "en":
            labels.setdefault(s, str(o))
    symbols = {s: str(o) for s, _, o, _ in ds.quads((None, KG.symbol, None, None))}
    out = []
    for obs, _, _, g in ds.quads((None, KG.subject, URIRef(str(entity)), None)):
        gid = g.identifier if hasattr(g, "identifier") else g
        fields = {p: o for p, o in ds.graph(gid).predicate_objects(obs)}
        if KG.value not in fields or KG.metric not in fields:
            continue
        metric, unit = fields[KG.metric], fields.get(KG.unit)
        doc = fields.get(KG.reportedIn, gid)
        metric_id = str(metric).rsplit("/", 1)[-1]
        out.append(Figure(
            iri=str(obs), metric=metric_id, metric_label=labels.get(metric, metric_id),
            unit=str(unit).rsplit("/", 1)[-1] if unit else "", unit_label=labels.get(unit, "") if unit else "",
            symbol=symbols.get(unit, "") if unit else "", value=float(fields[KG.value]),
            time=str(fields.get(KG.time, "")),
            qualifier=str(fields[KG.qualifier]).rsplit("/", 1)[-1] if KG.qualifier in fields else None,
            compared_to=str(fields[KG.comparedTo]) if KG.comparedTo in fields else None,
            stated_by=str(fields[KG.statedBy]) if KG.statedBy in fields else None,
            document=str(doc)[len(str(SRC)):] if str(doc).startswith(str(SRC)) else str(doc),
        ))
    out.sort(key=lambda f: (f.metric_label, f.unit, f.time, f.document, f.iri))
    return out


def _when(text: str):
    """A datetime for a kg time: a year is drawn at its first day, a year-month at the month's first day."""
    from datetime import datetime

    parts = text.split("-")
    try:
        if len(parts) == 1:
            return datetime(int(parts[0]), 1, 1)
        if len(parts) == 2:
            return datetime(int(parts[0]), int(parts[1]), 1)
        return datetime(int(parts[0]), int(parts[1]), int(parts[2][:2]))
    except ValueError:
        return None


QUALIFIER_MARK = {"more-than": ">", "at-least": "≥", "nearly": "<", "up-to": "≤", "about": "~", "forecast": "forecast ",
                  "claimed": "claimed "}


def human(value: float) -> str:
    """381000000 -> '381M', 1800 -> '1.8k', 37.7 -> '37.7'."""
    a = abs(value)
    for div, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if a >= div and not (a < 1e4 and value == int(value)):
            return f"{value / div:.3g}{suffix}"
    return f"{value:.4g}"


def _with_unit(value: float, symbol: str) -> str:
    if symbol == "#":
        return f"#{human(value)}"
    if not symbol or symbol == "people":
        return human(value)
    return f"{human(value)}{symbol}" if symbol == "%" else f"{human(value)} {symbol}"


def plot_figures(ds: Dataset, entity, path: Path | str, *, dpi: int = 150) -> PlotInfo:
    """Draw `entity`'s figures over time to `path`: one panel per metric (and unit), one point per
    observation labelled with its value, qualifier and source number; the sources are listed in the
    caption. `entity` is an IRI, an id (`dingtalk`) or a name (`DingTalk`, `钉钉`).

    Raises NotFound when the entity is unknown or has no figures.
    """
    from datetime import timedelta

    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS

    from kg.namespaces import RES, SRC
    from kg.network.analysis import find_entity

    fmt = picture_format(path)
    iri = URIRef(str(entity)) if str(entity).startswith(str(RES)) else find_entity(ds, str(entity))
    figs = [f for f in figures_of(ds, iri) if _when(f.time)]
    if not figs:
        raise NotFound(f"no dated figures about '{str(iri)[len(str(RES)):]}'")
    names: dict[str, str] = {}
    for _, _, lit, _ in ds.quads((iri, RDFS.label, None, None)):
        if isinstance(lit, Literal) and lit.language:
            names.setdefault(lit.language, str(lit))
    cjk = find_cjk_font()
    name = names.get("en", str(iri)[len(str(RES)):])
    zh = names.get("zh-Hans") or names.get("zh-Hant")
    if cjk and zh:
        name += f" {zh}"

    # sources: documents in order of first use, each with its title and the reports it cites
    docs: list[str] = []
    stated: dict[str, set[str]] = {}
    for f in figs:
        if f.document not in docs:
            docs.append(f.document)
        if f.stated_by:
            stated.setdefault(f.document, set()).add(f.stated_by)

    def label_of(term: str) -> str:
        for _, _, lit, _ in ds.quads((URIRef(term), RDFS.label, None, None)):
            if isinstance(lit, Literal) and lit.language == "en":
                return str(lit)
        return term.rsplit("/", 1)[-1]

    groups: dict[tuple[str, str], list[Figure]] = {}
    for f in figs:
        groups.setdefault((f.metric_label, f.unit), []).append(f)
    # a series with one point has no line to draw: it goes into the table under the panels
    lines = {k: v for k, v in groups.items() if len({(_when(f.time), f.value) for f in v}) > 1}
    once: dict[tuple, list[int]] = {}
    for key, series in groups.items():
        if key not in lines:
            for f in series:
                refs = once.setdefault((f.metric_label, f.unit_label or f.unit, f.time, f.qualifier, f.value,
                                        f.compared_to), [])
                if docs.index(f.document) + 1 not in refs:
                    refs.append(docs.index(f.document) + 1)
    n = len(lines)
    ncols = 1 if n <= 3 else 2
    nrows = math.ceil(n / ncols)
    caption = ["Sources:"]
    for i, d in enumerate(docs, 1):
        title = label_of(str(SRC[d])) if not d.startswith("http") else d
        line = f"[{i}] {d}: {title}"
        if d in stated:
            line += "; stated by " + ", ".join(sorted(label_of(s) for s in stated[d]))
        caption.extend(textwrap.wrap(line, 150 if ncols == 2 else 110, subsequent_indent="      "))
    info = PlotInfo(path=str(path), format=fmt, observations=len(figs), series=len(groups), once=len(once),
                    sources=docs, cjk_font=cjk.name if cjk else None)

    with matplotlib.rc_context(_rc(cjk)):
        width = 16 if ncols == 2 else 12
        table_height = 0.25 * (len(once) + 1) + 0.45 if once else 0
        heights = [2.9] * nrows + ([table_height] if once else [])
        fig = plt.figure(figsize=(width, sum(heights) + 0.9 + 0.22 * len(caption)))
        try:
            grid = fig.add_gridspec(len(heights), ncols, height_ratios=heights)
            colours = _palette(max(n, 1))
            xs_all = [_when(f.time) for series in lines.values() for f in series]
            if xs_all:  # one time axis for every panel
                lo, hi = min(xs_all), max(xs_all)
                pad = max(timedelta(days=120), (hi - lo) * 0.08)
                span = (hi - lo) + 2 * pad
            first = None
            for i, ((metric_label, _unit), series) in enumerate(lines.items()):
                ax = fig.add_subplot(grid[i // ncols, i % ncols], sharex=first)
                first = first or ax
                series = sorted(series, key=lambda f: (_when(f.time), f.value))
                xs = [_when(f.time) for f in series]
                ys = [f.value for f in series]
                ax.plot(xs, ys, "-o", color=colours[i], lw=1.4, ms=7, zorder=3)
                # one label per distinct point; documents that agree share it: "381M [1, 4]"
                points: dict[tuple, list[int]] = {}
                for f in series:
                    key = (_when(f.time), f.value, f.qualifier, f.compared_to, f.symbol)
                    points.setdefault(key, [])
                    if docs.index(f.document) + 1 not in points[key]:
                        points[key].append(docs.index(f.document) + 1)
                stacked: dict = {}
                last_x, below = None, False
                for (x, y, qualifier, compared_to, symbol), refs in sorted(points.items(), key=lambda kv: kv[0][:2]):
                    text = f"{QUALIFIER_MARK.get(qualifier or '', '')}{_with_unit(y, symbol)} " \
                           f"[{', '.join(map(str, sorted(refs)))}]"
                    if compared_to:
                        text += f"\nvs {compared_to}"
                    level = stacked[x] = stacked.get(x, -1) + 1  # points at the same time: labels stacked
                    # a neighbour close in time takes the other side of the line
                    below = (not below) if last_x is not None and x != last_x and (x - last_x) < span * 0.12 else False
                    last_x = x
                    offset = -(14 + 13 * level) - 10 * text.count("\n") if below else 8 + 13 * level
                    ax.annotate(text, (x, y), textcoords="offset points", xytext=(0, offset), ha="center",
                                va="bottom", fontsize=9)
                unit = series[0].unit_label or series[0].unit
                ax.set_title(f"{metric_label}" + (f" ({unit})" if unit else ""), fontsize=11, loc="left")
                ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: human(v)))
                ymin, ymax = min(ys + [0.0]), max(ys)
                ax.set_ylim(ymin, ymax * 1.3 if ymax > 0 else 1)
                ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
                ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
                ax.tick_params(labelbottom=True)
                ax.grid(True, alpha=0.3)
                ax.spines[["top", "right"]].set_visible(False)
            if first is not None:
                first.set_xlim(lo - pad, hi + pad)
            if once:
                tax = fig.add_subplot(grid[nrows, :])
                tax.set_axis_off()
                rows = [[f"{metric}" + (f" ({unit})" if unit else ""), time,
                         " ".join(x for x in ((qualifier or "").replace("-", " "), _full(value), unit) if x)
                         + (f" vs {compared_to}" if compared_to else ""), ", ".join(map(str, sorted(refs)))]
                        for (metric, unit, time, qualifier, value, compared_to), refs in
                        sorted(once.items(), key=lambda kv: (kv[0][2], kv[0][0]))]
                table = tax.table(cellText=rows, colLabels=["metric (unit)", "time", "value", "sources"],
                                  colWidths=[0.36, 0.12, 0.4, 0.12], bbox=(0, 0, 1, 1), cellLoc="left")
                table.auto_set_font_size(False)
                table.set_fontsize(9.5)
                for cell in table.get_celld().values():
                    cell.set_edgecolor("#dddddd")
                tax.set_title(f"stated once ({len(rows)} figures: a single point, no line to draw)", fontsize=11,
                              loc="left")
            what = (f"{len(figs)} observations: {n} series over time" + (f", {len(once)} stated once" if once else "")
                    if n else f"{len(figs)} observations, each a single point")
            fig.suptitle(f"{name}: figures over time ({what})", fontsize=15, x=0.01, ha="left")
            fig.tight_layout(rect=(0, 0.22 * len(caption) / fig.get_figheight(), 1, 0.97))
            fig.text(0.01, 0.005, "\n".join(caption), ha="left", va="bottom", fontsize=9, color="#333333")
            info.bytes = _save(fig, path, fmt, dpi)
        finally:
            plt.close(fig)
    return info


def _full(value: float) -> str:
    """381000000.0 -> '381,000,000', 37.7 -> '37.7'."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,g}"
