"""The number grammar (kg.text.numbers) on our own phrases, in English and Chinese (Simplified input)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.text.numbers import chinese_numeral, quantities


@pytest.mark.parametrize("text, value, unit, qualifier", [
    ("some 2,450 firms signed up", "2450", "company", "about"),
    ("more than 3.2 million users", "3200000", "person", "more-than"),
    ("nearly 40 percent of them", "40", "percent", "nearly"),
    ("up to $12.5 billion", "12500000000", "usd", "up-to"),
    ("raised HK$45 million", "45000000", "hkd", None),
    ("about NT$2.1 billion", "2100000000", "twd", "about"),
    ("新台币3亿元", "300000000", "twd", None),
    ("集资2,000万港元", "20000000", "hkd", None),
    ("约6亿欧元", "600000000", "eur", "about"),
    ("had more than doubled from a year earlier", "2", "times", "more-than"),
    ("营收翻了一番", "2", "times", None),
    ("at least 16 hours", "16", "hour", "at-least"),
    ("a 7-fold rise", "7", "times", None),
    ("超过4,500家企业", "4500", "company", "more-than"),
    ("约2.35亿元人民币", "235000000", "cny", "about"),
    ("将近六千名学生", "6000", "person", "nearly"),
    ("覆盖3万多所学校", "30000", "school", "more-than"),
    ("增长12.5%", "12.5", "percent", None),
    ("九十分钟", "90", "minute", None),
    ("占比八成以上", "80", "percent", "more-than"),
    ("约八成", "80", "percent", "about"),
    ("达到14.2万亿元", "14200000000000", "cny", None),
    ("超过一半的企业", "50", "percent", "more-than"),
    ("nearly half of the firms", "50", "percent", "nearly"),
    ("净利润为-8.15亿元", "-815000000", "cny", None),
    ("a margin of -3.5% last year", "-3.5", "percent", None),
    ("其中约三分之一由员工搭建", "33.3", "percent", "about"),
    ("占总数逾四分之一", "25", "percent", "more-than"),
    ("nearly one in five new members", "20", "percent", "nearly"),
    ("1 in 10 firms", "10", "percent", None),
    ("付费用户按年增长一倍", "100", "percent", None),
    ("估值增长1.5倍", "1.5", "times", None),
    ("with 1.38 billion monthly active accounts", "1380000000", "person", None),
])
def test_quantities(text, value, unit, qualifier):
    q = quantities(text)[0]
    assert (q.value, q.unit, q.qualifier) == (Decimal(value), unit, qualifier)


def test_names_codes_and_ordinals_are_not_amounts():
    assert [str(q.value) for q in quantities("5G and COVID-19 in the 48th report, tel 0571-8888")] == []
    assert [str(q.value) for q in quantities("the 2023-2024 season, pre-2020 levels, an A-1 rating")] == []
    first = quantities("排名第二位")
    assert first[0].ordinal and first[0].value == 2 and first[0].unit == "rank"
    alone = quantities("全国排名第一，被列为第一级")  # 第一 is a position even with no counted noun after it
    assert [(q.value, q.unit) for q in alone] == [(1, "rank"), (1, "rank")]
    assert quantities("统一规划，一些企业") == []
    assert quantities("成为一成不变的三成员工") == []  # 成 as a word, not tenths


@pytest.mark.parametrize("text, value", [("两千", 2000), ("二十万", 200000), ("十二", 12), ("三亿五千万", 350000000)])
def test_chinese_numerals(text, value):
    assert chinese_numeral(text) == value


def test_a_range_is_not_a_number():
    assert chinese_numeral("三四") is None


@pytest.mark.parametrize("text, values", [
    ("add 3-4 percentage points", [(3, None), (4, "percentage-point")]),
    ("约3至5万元", [(30000, "cny"), (50000, "cny")]),
    ("costs 60,000-85,000 yuan", [(60000, None), (85000, "cny")]),
    ("2-3 million users", [(2000000, "person"), (3000000, "person")]),
    ("20%-30%", [(20, "percent"), (30, "percent")]),
])
def test_both_ends_of_a_range_are_read_with_the_scale_written_once(text, values):
    assert [(q.value, q.unit) for q in quantities(text)] == values


def test_a_figure_opening_the_text_is_read():
    (q,) = quantities("3.81亿在线办公用户")
    assert q.value == 381000000 and q.start == 0


def test_the_number_words_are_cached_as_json_by_content(tmp_path, monkeypatch):
    from kg.text import numbers

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    numbers.grammar.cache_clear()
    try:
        first = numbers._words()
        cached = list((tmp_path / "kg").glob("numbers-*.json"))
        assert len(cached) == 1
        assert numbers._words() == first  # read back from the cache
    finally:
        numbers.grammar.cache_clear()


def test_a_currency_code_written_against_the_number_is_its_currency_not_a_names_letters():
    assert [(q.value, q.unit) for q in quantities("revenue of RMB1.46bn and USD300 a seat")] == [
        (Decimal("1460000000"), "cny"), (Decimal("300"), "usd")]
    assert quantities("the B2B market, COVID-19") == []
