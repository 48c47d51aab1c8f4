"""Dates the builder reads in articles (kg.assist.when): what day, month or year each names."""

from __future__ import annotations

from kg.assist.when import find_dates


def values(text: str, **kw) -> list[str]:
    return [d.value for d in find_dates(text, 2024, 9, "2024-09-16", **kw)]


def test_a_fiscal_year_is_the_year_it_ends_in_and_its_month_where_the_article_keeps_one():
    assert values("在2023/24年度共批出") == ["2024"]
    assert values("在2024至25年度财政预算案中") == ["2025"]
    assert values("fiscal 2023-24 results", fiscal_end=3) == ["2024-03"]
    assert values("2024-11-12 02:18") == ["2024-11-12"]  # a day, not a fiscal year
    assert values("from 2019-21 onwards") == ["2019"]  # no fiscal year: 21 does not follow 2019


def test_a_weekday_the_sentence_looks_ahead_to_is_the_next_one():
    assert values("The fair opened on Monday.") == ["2024-09-16"]
    assert values("It said on Friday that sales rose.") == ["2024-09-13"]
    assert values("Visitors are expected before it closes on Friday.") == ["2024-09-20"]


def test_yesterday_and_last_month_count_from_the_article():
    assert values("騰訊昨日收報418.6港元") == ["2024-09-15"]
    assert values("It said yesterday that sales rose.") == ["2024-09-15"]
    assert values("at its event last month") == ["2024-08"]
    assert values("上月发布") == ["2024-08"]
    assert values("今年3月22日发布") == ["2024-03-22"] and values("去年12月1日起") == ["2023-12-01"]


def test_analysts_shorthand_for_halves_and_quarters_is_the_periods_last_month():
    assert values("Revenue share, 1H24 (1H23 in brackets)") == ["2024-06", "2023-06"]
    assert values("in 3Q24 and Q4 2023") == ["2024-09", "2023-12"]
    assert values("the H20 chip") == []


def test_within_years_is_a_forecasts_horizon_only_where_the_sentence_looks_ahead():
    assert values("预计在3年内达到100亿元") == ["2027"]
    assert values("截至2021年12月，用户一年内增加逾1.3亿") == ["2021-12"]  # a span gone by


def test_end_and_mid_of_a_year_written_with_a_hyphen():
    assert values("we put its seats at 2.4 million at end-2023") == ["2023-12"]
    assert values("a target of 50 cities by mid-2026") == ["2026-06"]


def test_a_quarter_or_half_not_begun_at_the_articles_date_is_last_years():
    def march(text: str) -> list[str]:
        return [d.value for d in find_dates(text, 2025, 3, "2025-03-20")]
    assert march("第四季营收按年增长") == ["2024-12"] and march("the third quarter saw losses") == ["2024-09"]
    assert march("上半年") == ["2025-06"] and march("前三季度") == ["2025-09"]  # begun by March
    assert march("下半年将推出新版") == ["2025-12"]  # looking ahead


def test_a_companys_quarters_end_with_the_fiscal_year_it_keeps():
    def june(text: str, quarter_end=None) -> list[str]:
        return [d.value for d in find_dates(text, 2025, 6, "2025-06-12", quarter_end=quarter_end)]
    assert june("Fourth-quarter revenue rose", quarter_end=3) == ["2025-03"]
    assert june("in the third quarter", quarter_end=3) == ["2024-12"]
    assert june("Fourth-quarter revenue rose") == ["2024-12"]  # a calendar year where the article says nothing
    assert june("截至今年年底", quarter_end=3) == ["2025-12"]  # a year's end is no quarter


def test_a_year_after_percent_on_is_the_baseline_of_a_change():
    assert [(d.value, d.cue) for d in find_dates("revenue up 17.9% on 2023", 2025, 6, "2025-06-30")] == [("2023", "baseline")]
