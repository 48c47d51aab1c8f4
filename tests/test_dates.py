"""The date grammar of questions: English and Chinese time expressions read as intervals of days."""

from __future__ import annotations

import pytest

from kg.ask.lexicon import load_lexicon
from kg.text.dates import time_spans

WORDS = load_lexicon().time_words


def spans(text: str) -> list[tuple[str, str, str]]:
    return [(*t.bounds(), text[t.start:t.end]) for t in time_spans(text, WORDS)]


@pytest.mark.parametrize("text, first, last", [
    ("what happened on march 9, 2021", "2021-03-09", "2021-03-09"),
    ("users in may 2019", "2019-05-01", "2019-05-31"),
    ("in 2018", "2018-01-01", "2018-12-31"),
    ("second half of 2019", "2019-07-01", "2019-12-31"),
    ("2019年5月的用户", "2019-05-01", "2019-05-31"),
    ("2021年3月9日", "2021-03-09", "2021-03-09"),
    ("2020年上半年", "2020-01-01", "2020-06-30"),
    ("2021上半年的用户", "2021-01-01", "2021-06-30"),
    ("online office users in mid-2021", "2021-06-01", "2021-07-31"),
    ("seats at end-2024", "2024-10-01", "2024-12-31"),
    ("2020年中国远程办公人数", "2020-01-01", "2020-12-31"),  # 年中国 holds no 年中 (mid-year)
])
def test_single_expressions(text, first, last):
    (got,) = spans(text)
    assert got[:2] == (first, last)


@pytest.mark.parametrize("text, first, last, words", [
    ("events between march 2020 and december 2021", "2020-03-01", "2021-12-31", "between march 2020 and december 2021"),
    ("from 2019 to 2020", "2019-01-01", "2020-12-31", "from 2019 to 2020"),
    ("may 2019 to june 2020", "2019-05-01", "2020-06-30", "may 2019 to june 2020"),
    ("2020年3月至2021年5月发生了什么", "2020-03-01", "2021-05-31", "2020年3月至2021年5月"),
    ("2019年到2020年", "2019-01-01", "2020-12-31", "2019年到2020年"),
])
def test_a_window_between_two_dates_is_one_interval(text, first, last, words):
    assert spans(text) == [(first, last, words)]


@pytest.mark.parametrize("text, first, last", [
    ("since 2020", "2020-01-01", "9999-12-31"),
    ("2020年以来", "2020-01-01", "9999-12-31"),
    ("after 2020", "2021-01-01", "9999-12-31"),
    ("2020年之后", "2021-01-01", "9999-12-31"),
    ("before march 2021", "0001-01-01", "2021-02-28"),
    ("until june 2021", "0001-01-01", "2021-06-30"),
])
def test_open_windows(text, first, last):
    (got,) = spans(text)
    assert got[:2] == (first, last)


def test_a_window_holds_dates_of_any_precision_it_overlaps():
    (window,) = time_spans("between march 2020 and december 2021", WORDS)
    assert [window.contains(d) for d in ("2020-02-29", "2020-03", "2020", "2021-12-31", "2022-01")] == \
        [False, True, True, True, False]


def test_two_years_joined_by_and_stay_two_spans():
    assert [s[2] for s in spans("in 2020 and 2021")] == ["2020", "2021"]


def test_a_year_then_an_ordinal_part_is_not_an_open_window():
    assert spans("2020年前三季度")[0][2] == "2020年"
