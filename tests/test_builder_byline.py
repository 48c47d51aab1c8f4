"""Bylines (kg.assist.byline): who wrote an article and for whom, in all three scripts, and what the draft makes
of them (authors and publisher of the document, each author's affiliation, never a figure's subject)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from test_builder import FACTS, kg
from test_builder_shapes import drafted

from kg.assist.byline import read_byline
from kg.assist.source import paragraphs


def byline(text: str, lang: str, places: set[str] = frozenset()) -> tuple[list[str], str | None]:
    b = read_byline(paragraphs(textwrap.dedent(text)), lang, set(places))
    return [a.name for a in b.authors], (b.publisher.name if b.publisher else None)


@pytest.mark.parametrize("text, lang, expected", [
    ("Headline\nBy Anna Wu and LI MING in Shanghai | Harbour Tech Times | Updated: 2024-05-02\nBody.\n", "en",
     (["Anna Wu", "Li Ming"], "Harbour Tech Times")),
    ("Headline\nSource: Eastern Ledger | 2024-03-18 | Editor: Tom Reed\nBody.\n", "en", (["Tom Reed"], "Eastern Ledger")),
    ("Headline\nNORLAND, March 20 (Meridian Wire) - Larkspur said.\nMore.\n(Reporting by Sun Yu; Editing by Mark Dale)\n",
     "en", (["Sun Yu", "Mark Dale"], "Meridian Wire")),
    ("标题\n2024-06-14 08:30　来源：数智观察　记者 王思远\n正文。\n", "zh-Hans", (["王思远"], "数智观察")),
    ("标题\n新华社北京5月21日电（记者王晓宇、刘思远）工业和信息化部21日发布数据。\n", "zh-Hans", (["王晓宇", "刘思远"], "新华社")),
    ("標題\n【港島財經報／記者陳怡安台北報導】雲雀集團昨日公布業績。\n", "zh-Hant", (["陳怡安"], "港島財經報")),
    ("標題\n新經濟報導　文／溫郁庭　2024.03.25\n正文。\n", "zh-Hant", (["溫郁庭"], "新經濟報導")),
])
def test_a_byline_names_its_authors_and_publisher(text, lang, expected):
    assert byline(text, lang, {"北京", "台北"}) == expected


def test_a_known_outlet_is_the_publisher_under_its_own_id(tmp_path: Path):
    d, names = drafted(tmp_path, """\
        Quill passes 10 million users

        By MA LIN | chinadaily.com.cn | Updated: 2024-05-02

        Quill had 10 million users at the end of April, China Daily said.
        """)
    assert d["document"]["publisher"] == "china-daily" and [names[a] for a in d["document"]["authors"]] == ["Ma Lin"]
    assert {o["subject"] for o in d["observations"]} == {"quill"}
    d, _names = drafted(tmp_path / "zh", """\
        羽笔文档用户破千万

        2024-05-02 10:25　来源：新华网

        羽笔文档用户数达到1000万。
        """)
    assert d["document"]["publisher"] == "xinhua"


def test_a_reporter_in_the_body_is_no_byline():
    assert byline("标题\n发布日期：2025-01-15\n1月14日，记者从四川省大数据中心获悉，平台用户增长。\n", "zh-Hans") == ([], None)


def test_the_draft_gives_the_authors_their_publisher_and_keeps_them_out_of_figures(tmp_path: Path):
    d, names = drafted(tmp_path, """\
        Quill passes 10 million users

        By Anna Wu | Harbour Tech Times | Updated: 2024-05-02

        Larkspur Group said Quill had 10 million users at the end of April.
        """)
    doc = d["document"]
    assert names[doc["publisher"]] == "Harbour Tech Times" and [names[a] for a in doc["authors"]] == ["Anna Wu"]
    assert {(names.get(st["s"]), names.get(st["affiliation"])) for st in d["statements"] if "affiliation" in st} == \
        {("Anna Wu", "Harbour Tech Times")}
    assert {o["subject"] for o in d["observations"]} == {"quill"}


def test_accept_keeps_the_byline_only_where_its_names_are_accepted(tmp_path: Path):
    facts = tmp_path / "facts"
    for name, text in FACTS.items():
        (facts / name).parent.mkdir(parents=True, exist_ok=True)
        (facts / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    src = tmp_path / "quill.txt"
    src.write_text(textwrap.dedent("""\
        Quill passes 10 million users

        By Anna Wu | Harbour Tech Times | Updated: 2024-05-02

        Larkspur Group said Quill had 10 million users at the end of April.
        """), encoding="utf-8")
    assert kg(facts, "add-source", str(src)).exit_code == 0
    path = facts / "drafts" / "quill.yaml"
    draft = yaml.safe_load(path.read_text(encoding="utf-8"))
    person = next(e["id"] for e in draft["entities"] if e["type"] == "Person")
    text = path.read_text(encoding="utf-8").replace("status: proposed", "status: accepted")
    at = text.index(f"- id: {person}")  # the author is rejected; the publisher and the rest accepted
    end = text.index("status: accepted", at)
    text = text[:end] + "status: rejected\n    reason: not a person we track" + text[end + len("status: accepted"):]
    path.write_text(text, encoding="utf-8")
    statements = [i for i, line in enumerate(text.split("\n")) if "affiliation:" in line]
    assert statements  # the author's affiliation is drafted too; reject it with the author
    lines = text.split("\n")
    for i in statements:
        j = next(k for k in range(i, len(lines)) if "status:" in lines[k])
        lines[j] = lines[j].replace("status: accepted", "status: rejected") + "\n    reason: the author is not tracked"
    path.write_text("\n".join(lines), encoding="utf-8")
    r = kg(facts, "accept", "quill")
    assert r.exit_code == 0, r.output
    doc = yaml.safe_load((facts / "documents" / "quill.yaml").read_text(encoding="utf-8"))["document"]
    assert "authors" not in doc and doc["publisher"] == "harbour-tech-times"
    assert kg(facts, "validate").exit_code == 0
