"""The builder end to end: `kg add-source` drafts an article's facts, `kg review` walks them, `kg accept` merges
them into a facts folder that still checks, in English, Simplified and Traditional Chinese.

The articles are our own sentences with made-up figures; the facts folder is a small one written here.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kg.assist.accept import add_mentions
from kg.assist.drafts import Draft
from kg.assist.source import read_article
from kg.cli.app import app

FACTS = {
    "metrics.yaml": """
        metrics:
          - id: users
            name: {en: users, zh-Hans: 用户数, zh-Hant: 用戶數}
            aliases: {en: [user count], zh-Hans: [用户], zh-Hant: [用戶]}
            unit: person
          - id: netizens
            name: {en: internet users, zh-Hans: 网民规模, zh-Hant: 網民規模}
            aliases: {en: [netizens], zh-Hans: [网民], zh-Hant: [網民]}
            unit: person
          - id: market-share
            name: {en: market share, zh-Hans: 市场份额, zh-Hant: 市場份額}
            unit: percent
        """,
    "entities/known.yaml": """
        # Entities the tests' articles name.
        entities:
          - id: china
            type: Place
            name: {en: China, zh-Hans: 中国, zh-Hant: 中國}
            mentions:
              seed-doc: 1

          - id: cnnic
            type: GovernmentBody
            name: {en: China Internet Network Information Center, zh-Hans: 中国互联网络信息中心}
            aliases: {en: [CNNIC]}
            mentions: {seed-doc: 1}

          - id: larkspur-group
            type: Company
            name: {en: Larkspur Group, zh-Hans: 云雀集团, zh-Hant: 雲雀集團}
            aliases: {en: [Larkspur]}
            mentions:
              seed-doc: 1
        """,
    "documents/seed-doc.yaml": """
        document:
          id: seed-doc
          title: {en: A seed document}
          language: en
        statements:
          - s: larkspur-group
            para: 1
            location: china
        """,
}

ARTICLES = {
    "en": """\
        Quill Notes reaches 12 million users

        Published: 2024-03-15

        Larkspur said on March 10 that its note-taking app Quill Notes had more than 12 million users as of February 2024.

        According to CNNIC, China had 1.05 billion netizens by December 2023.

        Quill Notes was launched in 2019. Quill Notes and Inkwell Pad held 31.5 percent and 8 percent of the market respectively.
        """,
    "zh-Hans": """\
        云简文档用户突破800万

        发布日期：2024-04-02

        据中国互联网络信息中心统计，截至2023年12月，中国网民规模达10.9亿人。

        云雀集团表示，旗下《云简文档》的用户数已超过800万。
        """,
    "zh-Hant": """\
        雲簡文檔用戶突破八百萬

        發布日期：2024-04-02

        根據中國互聯網絡信息中心的統計，截至2023年12月，中國網民規模達10.9億人。

        雲雀集團表示，旗下《雲簡文檔》的用戶數已超過800萬。
        """,
}

runner = CliRunner()


@pytest.fixture()
def facts(tmp_path: Path) -> Path:
    root = tmp_path / "facts"
    for name, text in FACTS.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


def article(tmp_path: Path, lang: str) -> Path:
    path = tmp_path / f"news-{lang.lower()}.txt"
    path.write_text(textwrap.dedent(ARTICLES[lang]), encoding="utf-8")
    return path


def kg(facts: Path, *args: str, input: str | None = None):
    return runner.invoke(app, ["--facts", str(facts), *args], input=input)


def draft_of(facts: Path, stem: str) -> dict:
    return yaml.safe_load((facts / "drafts" / f"{stem}.yaml").read_text(encoding="utf-8"))


def figures(draft: dict) -> list[dict]:
    return [{k: v for k, v in o.items() if k not in ("status", "confidence", "evidence", "check")}
            for o in draft.get("observations") or []]


def test_add_source_copies_the_text_and_drafts_deterministically(facts: Path, tmp_path: Path):
    src = article(tmp_path, "en")
    r = kg(facts, "add-source", str(src), "--id", "quill-2024")
    assert r.exit_code == 0, r.output
    assert (facts / "sources" / "quill-2024.txt").read_text(encoding="utf-8") == src.read_text(encoding="utf-8")
    first = (facts / "drafts" / "quill-2024.yaml").read_bytes()
    assert kg(facts, "add-source", str(src), "--id", "quill-2024").exit_code == 2  # a draft is never overwritten silently
    assert kg(facts, "add-source", str(src), "--id", "quill-2024", "--force").exit_code == 0
    assert (facts / "drafts" / "quill-2024.yaml").read_bytes() == first
    draft = yaml.safe_load(first)
    doc = draft["document"]
    assert doc["language"] == "en" and doc["title"] == {"en": "Quill Notes reaches 12 million users"}
    assert str(doc["date"]) == "2024-03-15"
    for section in ("entities", "mentions", "observations"):
        for item in draft[section]:
            assert item["status"] == "proposed" and 0 <= item["confidence"] <= 1
            assert item["evidence"]["para"] >= 1 and len(item["evidence"]["span"]) == 2


def test_english_draft_finds_mentions_new_names_figures_and_dates(facts: Path, tmp_path: Path):
    assert kg(facts, "add-source", str(article(tmp_path, "en")), "--id", "quill").exit_code == 0
    draft = draft_of(facts, "quill")
    mentioned = {m["id"]: m["para"] for m in draft["mentions"]}
    assert mentioned["cnnic"] == 4 and mentioned["larkspur-group"] == 3 and mentioned["china"] == 4
    new = {e["name"]["en"]: e for e in draft["entities"]}
    assert new["Quill Notes"]["type"] == "Product"  # 'the note-taking app Quill Notes'
    quill = new["Quill Notes"]["id"]
    got = figures(draft)
    assert {"subject": quill, "metric": "users", "value": 12000000, "unit": "person", "time": "2024-02",
            "qualifier": "more-than", "statedBy": "larkspur-group", "para": 3} in got
    assert {"subject": "china", "metric": "netizens", "value": 1050000000, "unit": "person", "time": "2023-12",
            "statedBy": "cnnic", "para": 4} in got
    shares = {(f["subject"], f["value"]) for f in got if f["unit"] == "percent"}
    assert shares == {(quill, 31.5), (new["Inkwell Pad"]["id"], 8)}  # 'respectively' lines the lists up
    assert {"s": quill, "para": 5, "launchDate": 2019} in [
        {k: v for k, v in s.items() if k not in ("status", "confidence", "evidence")} for s in draft["statements"]]


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant"])
def test_chinese_draft_in_both_scripts(facts: Path, tmp_path: Path, lang: str):
    assert kg(facts, "add-source", str(article(tmp_path, lang)), "--id", "yunjian").exit_code == 0
    draft = draft_of(facts, "yunjian")
    assert draft["document"]["language"] == lang
    mentioned = {m["id"] for m in draft["mentions"]}
    assert {"cnnic", "china", "larkspur-group"} <= mentioned  # Traditional names fold to the Simplified ones
    titles = [e for e in draft["entities"] if e["type"] == "Report"]
    assert [e["name"][lang] for e in titles] == ["云简文档" if lang == "zh-Hans" else "雲簡文檔"]
    got = figures(draft)
    assert {"subject": "china", "metric": "netizens", "value": 1090000000, "unit": "person", "time": "2023-12",
            "statedBy": "cnnic", "para": 3} in got
    assert any(f["value"] == 8000000 and f["qualifier"] == "more-than" and f["metric"] == "users" for f in got)


@pytest.mark.parametrize("lang", ["en", "zh-Hans", "zh-Hant"])
def test_add_source_then_accept_round_trip(facts: Path, tmp_path: Path, lang: str):
    stem = f"article-{lang.lower()}"
    assert kg(facts, "add-source", str(article(tmp_path, lang)), "--id", stem, "--publisher", "larkspur-group").exit_code == 0
    path = facts / "drafts" / f"{stem}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: proposed", "status: accepted"), encoding="utf-8")
    r = kg(facts, "accept", stem)
    assert r.exit_code == 0, r.output
    doc = yaml.load((facts / "documents" / f"{stem}.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert doc["document"]["id"] == stem and doc["document"]["publisher"] == "larkspur-group"
    assert all(k not in o for o in doc["observations"] for k in ("status", "confidence", "evidence"))
    assert f"{stem}:" in (facts / "entities" / "known.yaml").read_text(encoding="utf-8")  # mentions moved into place
    assert kg(facts, "validate").exit_code == 0
    left = draft_of(facts, stem)
    assert not any(left.get(k) for k in ("entities", "mentions", "observations", "statements"))
    shown = kg(facts, "show", "china", "--sources")
    assert shown.exit_code == 0 and ("10.9" in shown.output or "1.05 billion" in shown.output)  # the cited paragraph
    value, para = ("1050000000", 4) if lang == "en" else ("1090000000", 3)  # a figure's provenance, read out
    cited = kg(facts, "query", "figure-sources", "--param", f"value={value}", "--sources")
    assert cited.exit_code == 0 and f"{stem}#p{para}" in cited.output and "cited paragraphs" in cited.output
    assert ("netizens" in cited.output) if lang == "en" else ("10.9" in cited.output)


def test_accept_changes_nothing_when_the_facts_would_not_check(facts: Path, tmp_path: Path):
    assert kg(facts, "add-source", str(article(tmp_path, "en")), "--id", "quill").exit_code == 0
    path = facts / "drafts" / "quill.yaml"
    text = path.read_text(encoding="utf-8")
    # accept the figures but leave the new entities they are about proposed: the facts would not load
    head, _, tail = text.partition("observations:")
    path.write_text(head + "observations:" + tail.replace("status: proposed", "status: accepted"), encoding="utf-8")
    before = {p: p.read_bytes() for p in facts.rglob("*") if p.is_file()}
    r = kg(facts, "accept", "quill")
    assert r.exit_code == 2 and "unknown id" in r.output
    assert {p: p.read_bytes() for p in facts.rglob("*") if p.is_file()} == before
    assert not (facts / "documents" / "quill.yaml").exists()


def test_review_accepts_edits_and_rejects_with_a_reason(facts: Path, tmp_path: Path):
    assert kg(facts, "add-source", str(article(tmp_path, "zh-Hans")), "--id", "yunjian").exit_code == 0
    pending = Draft(facts, "yunjian").pending()
    assert len(pending) >= 3
    r = kg(facts, "review", "yunjian", input="a\ne\nconfidence=1\ntype=Product\n\nr\nnot a name\nq\n")
    assert r.exit_code == 0, r.output
    assert "¶" in r.output  # the evidence is shown in its paragraph
    items = Draft(facts, "yunjian").items
    assert items[0].status == "accepted"
    assert items[1].status == "accepted" and items[1].data["type"] == "Product"
    assert items[2].status == "rejected" and items[2].data["reason"] == "not a name"
    assert all(i.status == "proposed" for i in items[3:])
    assert kg(facts, "review", "nope").exit_code == 2


def test_rejected_items_keep_their_reason(facts: Path, tmp_path: Path):
    assert kg(facts, "add-source", str(article(tmp_path, "en")), "--id", "quill").exit_code == 0
    path = facts / "drafts" / "quill.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: proposed", "status: rejected", 1), encoding="utf-8")
    r = kg(facts, "accept", "quill")
    assert r.exit_code == 2 and "reason" in r.output


def test_drafts_and_sources_are_not_facts(facts: Path):
    (facts / "drafts").mkdir()
    (facts / "drafts" / "broken.yaml").write_text("observations: [this is: not a fact file\n", encoding="utf-8")
    (facts / "sources").mkdir()
    (facts / "sources" / "x.txt").write_text("text\n", encoding="utf-8")
    assert kg(facts, "validate").exit_code == 0


def test_bad_options_are_one_line_errors(facts: Path, tmp_path: Path):
    src = article(tmp_path, "en")
    for args, word in ((["--date", "March 2024"], "--date"), (["--language", "fr"], "--language"),
                       (["--id", "../x"], "--id"), (["--publisher", "Larkspur Group"], "--publisher")):
        r = kg(facts, "add-source", str(src), *args)
        assert r.exit_code == 2 and word in r.output and "Traceback" not in r.output
    assert kg(facts, "add-source", str(tmp_path / "missing.txt")).exit_code == 2


def test_add_mentions_edits_only_the_entity():
    text = textwrap.dedent("""\
        entities:
          - id: a
            type: Company
            name: {en: A}
            mentions:
              d1: 1

          - id: b
            type: Company
            name: {en: B}
            mentions: {d1: [2, 3]}
        """)
    once = add_mentions(text, "a", "d2", [4, 7])
    assert once.splitlines()[5:7] == ["      d1: 1", "      d2: [4, 7]"]
    assert add_mentions(once, "b", "d1", [5]).splitlines()[-1] == "    mentions: {d1: [2, 3, 5]}"
    assert add_mentions(text, "c", "d2", [1]) is None


@pytest.mark.parametrize("line, date", [
    ("2025-08-30 09:40 Source: Lantern Daily  Editor: Mo Lin", "2025-08-30"),
    ("2025年8月30日 08:30　來源：晨光日報　記者 林小雨", "2025-08-30"),
    ("By Mo Lin | Lantern Daily | Updated: 2025-08-30 10:25", "2025-08-30"),
    ("August 30, 2025 | By Staff Reporter", "2025-08-30"),
    ("The Lantern Daily Business Weekly | Saturday, 30 August 2025, 7:45pm", "2025-08-30"),
])
def test_a_dateline_under_the_title_gives_the_article_its_date(line: str, date: str):
    text = f"Quill passes a milestone\n\n{line}\n\nQuill said on Monday that it had passed 3 million users, up from a year earlier.\n"
    assert read_article(text, "x").date == date


def test_a_print_credit_at_the_foot_gives_an_undated_article_its_date():
    body = "\n\n".join(["羽笔文档用户破千万"] + [f"第{i}段，羽笔文档用户持续增长。" for i in range(1, 12)]
                         + ["《晨光日报》2025年1月15日 第3版（编辑：林小雨）"])
    assert read_article(body, "x").date == "2025-01-15"


@pytest.mark.parametrize("opening", [
    "LISBON, May 6, 2025 (Lantern Wire) - Quill said on Tuesday that paying teams rose to 40,000 over the year to March, a long way from its first office.",
    "HONG KONG, May 6, 2025 - Quill, which makes note-taking software for schools and small firms, said on Tuesday that paying teams rose to 40,000.",
])
def test_a_wire_dateline_opening_the_first_paragraph_gives_the_article_its_date(opening: str):
    text = f"Quill passes a milestone\n\n{opening}\n\nIts revenue rose 12 percent.\n"
    assert read_article(text, "x").date == "2025-05-06"
    assert read_article("Quill passes a milestone\n\nIn LISBON, May 6, 2025 was a good day for Quill - it said so.\n", "x").date is None
