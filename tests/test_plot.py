"""Pictures: `kg plot network` and `kg plot figures`, and Chinese labels drawn as glyphs, not boxes.

A test that needs a CJK font is skipped when none is installed, unless KG_REQUIRE_TOOLS is set (as in CI),
where it fails instead.
"""

from __future__ import annotations

import os
import warnings

import networkx as nx
import numpy as np
import pytest

from kg.errors import NotFound, QueryError
from kg.namespaces import RES
from kg.network.plot import figures_of, find_cjk_font, human, plot_figures, plot_network


def cjk_font_or_skip():
    font = find_cjk_font()
    if font is None:
        message = "no CJK font installed (apt-get install fonts-noto-cjk or fonts-wqy-microhei)"
        if os.environ.get("KG_REQUIRE_TOOLS"):
            pytest.fail(message)
        pytest.skip(message)
    return font


def small_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    people = [("dingtalk", "Platform", "DingTalk", "钉钉"), ("alibaba", "Company", "Alibaba Group", "阿里巴巴集团"),
              ("wecom", "Platform", "WeCom", "企业微信"), ("tencent", "Company", "Tencent", "腾讯"),
              ("china", "Place", "China", "中国"), ("education", "Sector", "education", "教育")]
    for ident, cls, en, zh in people:
        g.add_node(str(RES[ident]), iri=str(RES[ident]), cls=cls, label_en=en, label_zh=zh, label=en, observations=0)
    for s, key, o in [("dingtalk", "ownedBy", "alibaba"), ("wecom", "ownedBy", "tencent"), ("dingtalk", "market", "china"),
                      ("wecom", "market", "china"), ("dingtalk", "servesSector", "education"),
                      ("dingtalk", "competitor", "wecom")]:
        g.add_edge(str(RES[s]), str(RES[o]), key=key, predicate=key, source=["doc"])
    return g


def image_stats(path) -> tuple[int, int, int, float]:
    """(height, width, distinct colours, share of pixels that are not white)."""
    import matplotlib.image

    img = matplotlib.image.imread(str(path))
    rgb = (img[..., :3] * 255).round().astype(np.uint8)
    flat = rgb.reshape(-1, 3)
    colours = len(np.unique(flat, axis=0))
    ink = float((flat < 245).any(axis=1).mean())
    return rgb.shape[0], rgb.shape[1], colours, ink


# ---------------------------------------------------------------- fonts


def test_the_cjk_font_has_the_glyphs():
    from matplotlib.ft2font import FT2Font

    font = cjk_font_or_skip()
    ft = FT2Font(font.path)
    for ch in "钉釘腾讯在线办公":
        assert ft.get_char_index(ord(ch)) != 0, ch


def test_chinese_labels_render_as_glyphs(tmp_path):
    cjk_font_or_skip()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        info = plot_network(small_graph(), tmp_path / "small.png", labels=10, figsize=(8, 6), dpi=80)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert missing == []  # matplotlib warns for every glyph it has to draw as a box
    assert info.cjk_font and info.labelled == 6


def test_without_a_cjk_font_labels_stay_english(tmp_path, monkeypatch):
    import kg.network.plot

    monkeypatch.setattr(kg.network.plot, "find_cjk_font", lambda: None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        info = plot_network(small_graph(), tmp_path / "en.png", figsize=(8, 6), dpi=80)
    assert info.cjk_font is None and "no CJK font" in info.notes[0]
    assert not [w for w in caught if "missing from font" in str(w.message)]


# ---------------------------------------------------------------- the network


def test_kg_plot_network_png(cli, tmp_path):
    out = tmp_path / "net.png"
    r = cli("plot", "network", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert f"wrote {out}" in r.output
    assert out.stat().st_size > 20_000
    height, width, colours, ink = image_stats(out)
    assert height > 1000 and width > 1000
    assert colours > 200  # class colours, anti-aliased edges and text: not a blank or single-colour image
    assert 0.05 < ink < 0.9


def test_kg_plot_network_svg_with_filters(cli, tmp_path):
    out = tmp_path / "net.svg"
    r = cli("plot", "network", "-o", str(out), "--size-by", "degree", "--type", "Company,Product", "--labels", "10")
    assert r.exit_code == 0, r.output
    text = out.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert out.stat().st_size > 20_000


def test_plot_network_bad_input(cli, tmp_path, seed_dataset):
    r = cli("plot", "network", "-o", str(tmp_path / "net.gif"))
    assert r.exit_code == 2 and "name it .png, .svg or .pdf" in r.output
    with pytest.raises(NotFound):
        plot_network(nx.MultiDiGraph(), tmp_path / "empty.png")
    with pytest.raises(QueryError):
        plot_network(small_graph(), tmp_path / "x.png", size_by="katz")


# ---------------------------------------------------------------- an entity's figures


def test_figures_of_an_entity(seed_dataset):
    figs = figures_of(seed_dataset, RES.dingtalk)
    assert figs and all(f.document and f.time and f.metric for f in figs)
    assert {f.metric for f in figs} >= {"organization-users"}


def test_kg_plot_figures(cli, tmp_path):
    out = tmp_path / "dingtalk.png"
    r = cli("plot", "figures", "dingtalk", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert "figures in" in r.output and "series" in r.output
    assert out.stat().st_size > 20_000
    _, _, colours, ink = image_stats(out)
    assert colours > 50 and ink > 0.02
    r = cli("plot", "figures", "钉钉", "-o", str(tmp_path / "zh.png"))
    assert r.exit_code == 0, r.output


def test_kg_plot_figures_unknown_entity(cli, tmp_path):
    r = cli("plot", "figures", "dingtak", "-o", str(tmp_path / "x.png"))
    assert r.exit_code == 1
    assert "no entity named 'dingtak'" in r.output and "did you mean: dingtalk" in r.output
    assert not (tmp_path / "x.png").exists()


def test_plot_figures_of_an_entity_without_figures(seed_dataset, tmp_path):
    from rdflib.namespace import RDF

    from kg.namespaces import KG

    no_figures = next(s for s in sorted(seed_dataset.subjects(RDF.type, KG.Technology))
                      if not figures_of(seed_dataset, s))
    with pytest.raises(NotFound, match="no dated figures"):
        plot_figures(seed_dataset, str(no_figures), tmp_path / "none.png")


def test_human_numbers():
    assert [human(v) for v in (381_000_000, 1800, 37.7, 5, 19_000_000, 1.5e9)] == \
        ["381M", "1800", "37.7", "5", "19M", "1.5B"]


def test_the_default_network_is_the_30_most_central_and_their_context(cli, tmp_path, seed_dataset):
    from kg.network.analysis import project

    whole = project(seed_dataset)
    info = plot_network(whole, tmp_path / "net.png", figsize=(10, 8), dpi=60)
    assert info.labelled == 30 and 30 < info.nodes < whole.number_of_nodes() / 2
    everything = plot_network(whole, tmp_path / "all.png", top=0, labels=10, figsize=(10, 8), dpi=60)
    assert everything.nodes > info.nodes and everything.labelled == 10
    r = cli("plot", "network", "-o", str(tmp_path / "cli.png"), "--top", "12")
    assert r.exit_code == 0 and "wrote" in r.output


def test_labels_wrap_and_are_never_cut():
    from kg.network.plot import _wrap

    long = "Feishu business edition free for three years for eligible organisations"
    assert _wrap(long, 22).replace("\n", " ") == long and max(map(len, _wrap(long, 22).splitlines())) <= 22
    assert _wrap("第48次《中国互联网络发展状况统计报告》", 12).replace("\n", "") == "第48次《中国互联网络发展状况统计报告》"


def test_figures_years_start_the_year_and_single_points_go_to_a_table(cli, seed_dataset, tmp_path):
    from datetime import datetime

    from kg.network.plot import _when

    assert (_when("2020"), _when("2020-02"), _when("2020-02-03")) == \
        (datetime(2020, 1, 1), datetime(2020, 2, 1), datetime(2020, 2, 3))
    info = plot_figures(seed_dataset, "dingtalk", tmp_path / "d.png")
    assert (info.observations, info.once) == (6, 3)  # organisation users over time; rating, rank and users once
    r = cli("plot", "figures", "WeCom", "-o", str(tmp_path / "w.png"))
    assert r.exit_code == 0 and "4 stated once, in a table" in r.output
