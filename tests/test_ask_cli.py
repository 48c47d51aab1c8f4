"""`kg query QUESTION` through the CLI, one English and one Chinese question of every kind on the seed graph:
the one-line answer comes first, the interpretation is printed in the question's language, and `--format json`
and `--explain` carry how the question was read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES = [
    # kind, question, what the first line (the one-line answer) must contain
    ("lookup", "feishu parent company", "ByteDance"),
    ("lookup", "飞书是哪家公司旗下的产品？", "字节跳动"),
    ("listing", "What products does Tencent own?", "Tencent Meeting"),
    ("listing", "钉钉有哪些功能模块", "钉钉打卡"),
    ("statistic", "How many users does DingTalk have?", "500,000,000"),
    ("statistic", "2021年上半年日均在线会议时长是多少分钟", "36"),
    ("temporal", "When did Feishu enter the Chinese market?", "2019-12"),
    ("temporal", "钉钉视频会议宕机是哪一天", "2020-02-03"),
    ("comparison", "Which launched first, DingTalk or WeCom?", "DingTalk"),
    ("comparison", "腾讯会议和企业微信谁的用户多", "腾讯会议"),
    ("count", "In how many documents is DingTalk mentioned?", "4"),
    ("count", "2020年2月3日有几个平台宕机", "3"),
    ("superlative", "Which platform has the most users?", "DingTalk"),
    ("superlative", "哪家公司旗下的产品最多", "腾讯"),
    ("provenance", "source of the 751 million netizens figure", "China Internet Network Information Center"),
    ("provenance", "7.51亿网民这个数据是谁给出的", "中国互联网络信息中心"),
    ("connection", "What links Xu Siyan to Tencent?", "Tencent Research Institute"),
    ("connection", "支付宝和阿里巴巴是什么关系", "蚂蚁金服"),
]


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_kind_in_both_languages():
    kinds = {k for k, _q, _w in CASES}
    assert kinds == {"lookup", "listing", "statistic", "temporal", "comparison", "count", "superlative",
                     "provenance", "connection"}
    for kind in kinds:
        langs = {_chinese(q) for k, q, _w in CASES if k == kind}
        assert langs == {True, False}, kind


@pytest.mark.parametrize(("kind", "question", "word"), CASES, ids=[f"{k}:{q}" for k, q, _w in CASES])
def test_question(cli, kind, question, word):
    r = cli("query", question)
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert word in lines[0], f"{kind}: first line {lines[0]!r} lacks {word!r}\n{r.output}"
    said = "理解为" if _chinese(question) else "understood as"
    assert said in r.output, r.output
    assert len(lines) <= 40, r.output


def test_json_carries_answer_reading_and_rows(cli):
    r = cli("query", "Which platform has the most users?", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert {"answer", "understood_as", "rows"} <= set(data)
    assert "DingTalk" in data["answer"]
    assert data["understood_as"]
    assert any("DingTalk" in json.dumps(row, ensure_ascii=False) for row in data["rows"])


def test_json_of_a_chinese_question(cli):
    r = cli("query", "钉钉视频会议宕机是哪一天", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert "2020-02-03" in data["answer"] and data["understood_as"] and data["rows"]


def test_explain_prints_the_chosen_reading(cli):
    r = cli("query", "Which launched first, DingTalk or WeCom?", "--explain")
    assert r.exit_code == 0, r.output
    assert "chosen:" in r.output
    assert "span " in r.output
    assert "DingTalk" in r.output


TINY = Path(__file__).resolve().parent / "data" / "tiny-market"


@pytest.mark.parametrize(("question", "answer", "reading"), [
    ("Nimbus Works vs Corvid Labs: which owns more products?", "Nimbus Works",
     "Nimbus Works or Corvid Labs, compared by the number of product linked to each"),
    ("云雀科技和鸦羽网络哪家公司的产品更多", "云雀科技", "理解为：按产品的数量比较云雀科技与鸦羽网络"),
    ("Which outage happened first?", "Skylark Meet outage", "understood as: the outage with the earliest"),
    ("When did Ravenboard go down?", "2021-03-08", "understood as: the date of Ravenboard"),
    ("云雀协通是哪家公司的产品", "云雀科技", "理解为：云雀协同的所属公司"),
])
def test_questions_on_another_graph_read_and_answer_in_words(cli, question, answer, reading):
    r = cli("--facts", str(TINY), "query", question)
    assert r.exit_code == 0, r.output
    assert answer in r.output.splitlines()[0], r.output
    assert reading in " ".join(r.output.split()), r.output


@pytest.mark.parametrize(("question", "names"), [
    ("Which companies does document 002 mention?", ["ByteDance", "Tencent"]),
    ("文章002提到了哪些公司", ["字节跳动", "腾讯"]),
])
def test_a_document_named_by_its_number_lists_what_it_is_about(cli, question, names):
    r = cli("query", question)
    assert r.exit_code == 0, r.output
    first = r.output.splitlines()[0]
    assert all(n in first for n in names), r.output


@pytest.mark.parametrize(("question", "name", "reading"), [
    ("What happened during the 2020 Spring Festival?", "DingTalk", "understood as: events in the month of 2020 Spring"),
    ("2020年春节期间发生了什么", "钉钉", "理解为：2020年春节当月的事件"),
])
def test_a_named_event_stands_for_its_time(cli, question, name, reading):
    r = cli("query", question)
    assert r.exit_code == 0, r.output
    assert name in r.output.splitlines()[0], r.output
    assert reading in " ".join(r.output.split()), r.output


@pytest.mark.parametrize(("question", "iri"), [("tell me about Feishu", "kgr:feishu"), ("介绍一下钉钉", "kgr:dingtalk")])
def test_asking_about_a_thing_outright_shows_its_card(cli, question, iri):
    r = cli("query", question)
    assert r.exit_code == 0, r.output
    assert iri in r.output.splitlines()[1], r.output  # the card, as `kg show` prints it
    assert "closest" not in r.output, r.output


def test_a_when_question_without_a_date_in_the_graph_shows_the_closest_facts(cli):
    r = cli("query", "When was the 14th Five-Year Plan for Digital Economy Development issued?")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[0] == "No interpretation fits; the closest sourced facts:"
    assert "State Council" not in r.output.splitlines()[0]


@pytest.mark.parametrize(("question", "said"), [
    ("Did Skylark have more users than Ravenboard?", "Yes."),
    ("渡鸦白板比云雀协同更早上线吗", "否。"),
])
def test_a_yes_or_no_comparison_answers_yes_or_no(cli, question, said):
    r = cli("--facts", str(TINY), "query", question)
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[0] == said, r.output


def test_a_why_question_gets_the_closest_sourced_facts(cli):
    r = cli("query", "Why did DingTalk get one-star reviews?")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[0] == "No interpretation fits; the closest sourced facts:"
    assert "002_c60f5f8123234b95#p18" in r.output
