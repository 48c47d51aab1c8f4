"""Portability: kg answers questions about a graph it was not written for.

tests/data/tiny-market/ is a small fictional market (companies, platforms, people, a plan, a report, events
and figures, in two made-up documents with English and Chinese labels) built with the same ontology as the
seed graph. Each question, worded as a user would type it, must give exactly the expected answer set with no
change to kg.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import kg

TINY = Path(__file__).resolve().parent / "data" / "tiny-market"
T01, T02 = "t01_skylark_story", "t02_market_brief"


def normal(value) -> str:
    """An answer value as a comparable string: an IRI by its local id, a number without trailing zeros."""
    if isinstance(value, bool):
        return str(value).lower()
    text = str(getattr(value, "value", value))
    if text.startswith("http"):
        return text.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    try:
        number = float(text)
    except ValueError:
        return text
    return str(int(number)) if number == int(number) else repr(number)


QUESTIONS = [
    # lookups: an entity or value through one property
    ("lookup", "Who owns Skylark?", {"nimbus-works"}),
    ("lookup", "skylark owner", {"nimbus-works"}),
    ("lookup", "Who owns Skylrak?", {"nimbus-works"}),
    ("lookup", "雲雀協同是哪家公司的產品", {"nimbus-works"}),
    ("lookup", "云雀协通是哪家公司的产品", {"nimbus-works"}),
    ("lookup", "Which company makes Ravenboard?", {"corvid-labs"}),
    ("lookup", "Who developed Skylark?", {"nimbus-works"}),
    ("lookup", "Who is the CEO of Nimbus Works?", {"mira-holt"}),
    ("lookup", "Who leads Corvid Labs?", {"tang-yulan"}),
    ("lookup", "鸦羽网络的掌门人是谁", {"tang-yulan"}),
    ("lookup", "鸦羽网络的总裁是谁", {"tang-yulan"}),
    ("lookup", "雲雀科技的執行長是誰", {"mira-holt"}),
    ("lookup", "Who does Tang Yulan work for?", {"corvid-labs"}),
    ("lookup", "唐玉兰是哪家公司的", {"corvid-labs"}),
    ("lookup", "费利克斯·阿登在哪里工作", {"lumen-insights"}),
    ("lookup", "Who issued the Cloud Workplace Action Plan?", {"digital-affairs-bureau"}),
    ("lookup", "云上职场行动计划是哪个部门发布的", {"digital-affairs-bureau"}),
    ("lookup", "Who published the Valdoria Online Office Report 2021?", {"lumen-insights"}),
    ("lookup", "Which company publishes the Valdoria Online Office Report 2021?", {"lumen-insights"}),
    ("lookup", "Which newspaper published the brief on Valdoria's online office market?", {"north-star-daily"}),
    ("lookup", "Where is Nimbus Works based?", {"harbor-city"}),
    ("lookup", "Which country is Harbor City in?", {"valdoria"}),
    ("lookup", "港湾市位于哪个国家", {"valdoria"}),
    ("lookup", "Which market does Skylark serve?", {"valdoria"}),
    ("lookup", "Skylark Meet is part of which product?", {"skylark"}),
    ("lookup", "云雀笔记属于哪个产品", {"skylark"}),
    ("lookup", "Is Ravenboard a competitor of Skylark?", {"true"}),
    # listings: every member of a set
    ("listing", "What products does Nimbus Works own?", {"skylark", "skylark-meet", "nimbus-drive"}),
    ("listing", "鸦羽网络旗下有哪些产品", {"ravenboard", "raven-mail"}),
    ("listing", "云雀协同有哪些功能", {"skylark-meet", "skylark-notes"}),
    ("listing", "What does the Cloud Workplace Action Plan promote?", {"cloud-desktops", "electronic-signatures"}),
    ("listing", "哪些政策推动云桌面", {"cloud-workplace-plan"}),
    ("listing", "Who are Skylark's competitors?", {"ravenboard"}),
    ("listing", "Which platforms operate in Valdoria?", {"skylark", "ravenboard"}),
    ("listing", "List the outages", {"skylark-meet-outage-2020-02-10", "ravenboard-outage-2021-03-08"}),
    ("listing", "What reports has Lumen Insights published?", {"lumen-office-report-2021"}),
    ("listing", "Which report did Lumen Insights publish?", {"lumen-office-report-2021"}),
    ("listing", "What did the Digital Affairs Bureau issue?", {"cloud-workplace-plan"}),
    ("listing", "瓦尔多利亚数字事务局发布了什么", {"cloud-workplace-plan"}),
    # when: the date of a property or of an event
    ("when", "When did Skylark launch?", {"2016-04"}),
    ("when", "渡鸦白板是什么时候推出的", {"2018-09"}),
    ("when", "When was the Cloud Workplace Action Plan issued?", {"2020-03-15"}),
    ("when", "云上职场行动计划是哪天印发的", {"2020-03-15"}),
    ("when", "When was the Lumen report published?", {"2021-05-20"}),
    ("when", "When did Ravenboard have an outage?", {"2021-03-08"}),
    ("when", "渡鸦白板什么时候出现故障", {"2021-03-08"}),
    ("when", "When did Ravenboard go down?", {"2021-03-08"}),
    ("when", "When did Skylark Meet crash?", {"2020-02-10"}),
    ("when", "云雀会议什么时候出现故障", {"2020-02-10"}),
    ("when", "渡鴉白板何時當機", {"2021-03-08"}),
    ("when", "When did Skylark go free for schools?", {"2020-02-01"}),
    ("when", "Who issued the Cloud Workplace Action Plan and when?", {"digital-affairs-bureau", "2020-03-15"}),
    # events in a time window
    ("events", "What happened in February 2020?", {"skylark-meet-outage-2020-02-10", "skylark-schools-free-2020"}),
    ("events", "2020年2月发生了哪些事件", {"skylark-meet-outage-2020-02-10", "skylark-schools-free-2020"}),
    ("events", "What happened to Skylark Meet on 10 February 2020?", {"skylark-meet-outage-2020-02-10"}),
    ("events", "Which outages happened in 2021?", {"ravenboard-outage-2021-03-08"}),
    ("events", "2021年上半年发生了什么", {"ravenboard-outage-2021-03-08"}),
    ("events", "Which events happened between March 2020 and December 2021?", {"ravenboard-outage-2021-03-08"}),
    ("events", "2020年3月至2021年12月发生了哪些事件", {"ravenboard-outage-2021-03-08"}),
    ("events", "What happened after 2020?", {"ravenboard-outage-2021-03-08"}),
    ("events", "What did Nimbus Works launch in 2019?", {"skylark-meet"}),
    ("events", "Which products crashed in 2020?", {"skylark-meet"}),
    ("events", "2021年哪些产品出现了故障", {"ravenboard"}),
    ("events", "云雀科技2019年推出了什么", {"skylark-meet"}),
    ("events", "Which outages happened before 2021?", {"skylark-meet-outage-2020-02-10"}),
    # statistics with dates
    ("statistic", "How many users did Skylark have in June 2021?", {"120000000"}),
    ("statistic", "How many users did Skylark have in 2020?", {"60000000"}),
    ("statistic", "2021年3月渡鸦白板有多少用户", {"45000000"}),
    ("statistic", "How many users does Ravenboard have?", {"45000000"}),
    ("statistic", "渡鸦白版有多少用户", {"45000000"}),
    ("statistic", "How many organisations used Skylark in June 2021?", {"3500000"}),
    ("statistic", "云雀协同2021年6月有多少企业用户", {"3500000"}),
    ("statistic", "渡鴉白板有多少企業用戶", {"800000"}),
    # comparisons
    ("comparison", "Which has more users, Skylark or Ravenboard?", {"skylark"}),
    ("comparison", "Which launched first, Skylark or Ravenboard?", {"skylark"}),
    ("comparison", "云雀协同和渡鸦白板哪个先上线", {"skylark"}),
    ("comparison", "Which is older, Skylark Meet or Ravenboard?", {"ravenboard"}),
    ("comparison", "Did Ravenboard launch before Skylark?", {"false"}),
    ("comparison", "Did Skylark have more users than Ravenboard?", {"true"}),
    ("comparison", "Did Ravenboard have more users than Skylark?", {"false"}),
    ("comparison", "云雀协同的用户比渡鸦白板多吗", {"true"}),
    ("comparison", "渡鸦白板比云雀协同更早上线吗", {"false"}),
    ("comparison", "Nimbus Works vs Corvid Labs: which owns more products?", {"nimbus-works"}),
    ("comparison", "Which has fewer products, Nimbus Works or Corvid Labs?", {"corvid-labs"}),
    ("comparison", "云雀科技和鸦羽网络哪家公司的产品更多", {"nimbus-works"}),
    # counts
    ("count", "How many outages are recorded?", {"2"}),
    ("count", "一共有几次宕机", {"2"}),
    ("count", "How many products does Nimbus Works own?", {"3"}),
    ("count", "云雀协同有几个子产品", {"2"}),
    ("count", "How many platforms are there?", {"2"}),
    ("count", "How many people are in the graph?", {"4"}),
    ("count", "How many documents mention Skylark?", {"2"}),
    # superlatives
    ("superlative", "Which platform has the most users?", {"skylark"}),
    ("superlative", "Which platform has the fewest users?", {"ravenboard"}),
    ("superlative", "哪个平台的企业用户最多", {"skylark"}),
    ("superlative", "Which company owns the most products?", {"nimbus-works"}),
    ("superlative", "哪家公司旗下的产品最多", {"nimbus-works"}),
    ("superlative", "What was the earliest event?", {"ravenboard-launch-2018"}),
    ("superlative", "Which company is mentioned most?", {"nimbus-works"}),
    ("superlative", "哪个人被提到得最多", {"jonas-pell"}),
    ("superlative", "Which outage happened first?", {"skylark-meet-outage-2020-02-10"}),
    ("superlative", "Which was the most recent outage?", {"ravenboard-outage-2021-03-08"}),
    ("superlative", "最早的宕机是哪次", {"skylark-meet-outage-2020-02-10"}),
    # provenance
    ("provenance", "Which documents mention Ravenboard?", {T01, T02}),
    ("provenance", "哪些文章提到了唐玉兰", {T02}),
    ("provenance", "Where does the 45 million Ravenboard users figure come from?", {"lumen-office-report-2021", T02}),
    ("provenance", "Where does the figure of 800,000 Ravenboard organisation users come from?",
     {"lumen-office-report-2021", T02}),
    ("provenance", "1.2亿云雀协同用户这个数据出自哪里", {"nimbus-works", T01}),
    ("provenance", "Who states that Skylark has 120 million users?", {"nimbus-works"}),  # who, not where
    # connections
    ("connection", "How is Mira Holt connected to Skylark?", {"nimbus-works"}),
    ("connection", "唐玉兰和渡鸦白板有什么关系", {"corvid-labs"}),
    ("connection", "How is Skylark Notes related to Nimbus Works?", {"skylark"}),
    ("connection", "What links Tang Yulan and Raven Mail?", {"corvid-labs"}),
    ("connection", "How are Nimbus Works and Corvid Labs connected?", {"skylark", "ravenboard"}),
    ("connection", "What is the connection between Skylark and Corvid Labs?", {"ravenboard"}),
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return kg.open(TINY, build_dir=tmp_path_factory.mktemp("tiny-market-build"))


def _id(param) -> str:
    values = getattr(param, "values", param)
    return f"{values[0]}:{values[1]}"


@pytest.mark.parametrize(("kind", "question", "expected"), QUESTIONS, ids=[_id(p) for p in QUESTIONS])
def test_question(tiny, kind, question, expected):
    got = {normal(v) for v in tiny.ask(question).values}
    assert got == expected, f"{kind}: {question!r} answered {sorted(got)}, expected {sorted(expected)}"


def test_many_kinds_and_both_languages():
    """The set stays broad: 20+ questions, every kind, English and Chinese."""
    plain = [getattr(p, "values", p) for p in QUESTIONS]
    assert len(plain) >= 20
    assert {k for k, _q, _e in plain} >= {"lookup", "listing", "when", "events", "statistic", "comparison", "count",
                                           "superlative", "provenance", "connection"}
    chinese = [q for _k, q, _e in plain if any("\u4e00" <= ch <= "\u9fff" for ch in q)]
    assert len(chinese) >= 15 and len(plain) - len(chinese) >= 15


@pytest.mark.parametrize(("question", "word"), [("Which company makes Ravenboard?", "Corvid Labs"),
                                              ("鸦羽网络的总裁是谁", "唐玉兰"),
                                              ("How many users did Skylark have in June 2021?", "120,000,000")])
def test_the_answer_line_is_worded_from_the_graphs_labels(tiny, question, word):
    answer = tiny.query(question)
    assert word in answer.line
    assert answer.understood
