"""The date grammar of English and Chinese questions: time expressions turned into intervals.

`time_spans("what happened on March 9, 2021", words)` gives one `TimeSpan` from 2021-03-09 to 2021-03-09.
Understood: ISO dates (2021-03-09, 2021-03), "March 9, 2021", "9 March 2021", "May 2019", "in 2018",
"H1 2021" / "second half of 2019" / "early 2020" (the parts of a year the lexicon lists), "2019年5月",
"2021年3月9日", "3月9日" (the year left open), "2020年上半年", "8月底". The words (months, parts of a year,
month-end words) come from the lexicon's `time_words` section; the text is expected folded (lower case,
Simplified characters).
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class TimeSpan:
    """An interval of days named by a time expression; `year` is None when the text gave no year."""

    start: int  # character offsets in the text
    end: int
    year: int | None
    first: tuple[int, int, int]  # (month, day) bounds inside the year: (m, d) as (month, day, 0)
    last: tuple[int, int, int]
    precision: str  # year | month | day | part | range
    year_last: int | None = None  # the last day's year when a range crosses years (else `year`)

    def bounds(self, year: int | None = None) -> tuple[str, str]:
        """ISO dates of the first and last day ('2019-05-01', '2019-05-31')."""
        y = self.year or year or 0
        z = self.year_last or y
        return (f"{y:04d}-{self.first[0]:02d}-{self.first[1]:02d}", f"{z:04d}-{self.last[0]:02d}-{self.last[1]:02d}")

    def contains(self, iso: str) -> bool:
        """Whether a stored date ('2020', '2020-02', '2020-02-03') lies in (or overlaps) the span."""
        parts = [int(p) for p in re.findall(r"\d+", iso)[:3]]
        if not parts:
            return False
        y = parts[0]
        if self.year is not None and self.year_last not in (None, self.year):
            lo = (self.year, *self.first[:2])
            hi = (self.year_last, *self.last[:2])
            return lo[:len(parts)] <= tuple(parts) <= hi[:len(parts)]
        if self.year is not None and y != self.year:
            return False
        lo = (self.first[0], self.first[1])
        hi = (self.last[0], self.last[1])
        if len(parts) == 1:
            return self.year is not None  # a year-only date overlaps any span of that year
        m = parts[1]
        if len(parts) == 2:
            return lo[0] <= m <= hi[0]
        return lo <= (m, parts[2]) <= hi


def _last_day(year: int | None, month: int) -> int:
    return calendar.monthrange(year or 2001, month)[1]


def _span(start, end, year, m1, d1, m2, d2, precision) -> TimeSpan:
    return TimeSpan(start, end, year, (m1, d1, 0), (m2, d2, 0), precision)


def time_spans(text: str, words: dict) -> list[TimeSpan]:
    """Every time expression of `text` (folded), longest first where they overlap, in text order."""
    months: dict[str, int] = {k.lower(): int(v) for k, v in (words.get("months", {}).get("en") or {}).items()}
    parts: dict[str, list[int]] = {k.lower(): v for k, v in (words.get("parts") or {}).items()}
    month_end = [w.lower() for w in words.get("month_end") or []]
    found: list[TimeSpan] = []
    month_alt = "|".join(sorted(map(re.escape, months), key=len, reverse=True)) or "(?!x)x"
    part_en = "|".join(sorted((re.escape(p) for p in parts if p.isascii()), key=len, reverse=True)) or "(?!x)x"
    part_zh = "|".join(sorted((re.escape(p) for p in parts if not p.isascii()), key=len, reverse=True)) or "(?!x)x"
    ends = "|".join(sorted(map(re.escape, month_end), key=len, reverse=True)) or "(?!x)x"
    year = r"((?:19|20)\d\d)"

    def add(m, y, m1, d1, m2, d2, precision):
        if 1 <= m1 <= 12 and 1 <= m2 <= 12:
            found.append(_span(m.start(), m.end(), y, m1, d1, m2, d2, precision))

    for m in re.finditer(rf"\b{year}-(\d\d)-(\d\d)\b", text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        add(m, y, mo, d, mo, d, "day")
    for m in re.finditer(rf"\b{year}-(\d\d)\b(?!-)", text):
        y, mo = int(m[1]), int(m[2])
        add(m, y, mo, 1, mo, _last_day(y, mo), "month")
    # English: "march 9, 2021", "march 9 2021", "9 march 2021", "march 2021", "march 9"
    for m in re.finditer(rf"\b({month_alt})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s*{year})?", text):
        mo, d = months[m[1]], int(m[2])
        y = int(m[3]) if m[3] else None
        if 1 <= d <= 31:
            add(m, y, mo, d, mo, d, "day")
    for m in re.finditer(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({month_alt})\b\.?(?:,?\s*{year})?", text):
        d, mo = int(m[1]), months[m[2]]
        y = int(m[3]) if m[3] else None
        if 1 <= d <= 31:
            add(m, y, mo, d, mo, d, "day")
    for m in re.finditer(rf"\b(?:(?:{ends})\s+(?:of\s+)?)?({month_alt})\.?,?\s+(?:of\s+)?{year}\b", text):
        mo, y = months[m[1]], int(m[2])
        add(m, y, mo, 1, mo, _last_day(y, mo), "month")
    for m in re.finditer(rf"\b({part_en})(?:\s+|\s*-\s*)(?:of\s+)?{year}\b|\b{year}\s+({part_en})\b", text):  # 'mid-2021'
        key, y = (m[1], int(m[2])) if m[1] else (m[4], int(m[3]))
        a, b = parts[key]
        add(m, y, a, 1, b, _last_day(y, b), "part")
    for m in re.finditer(rf"(?<![\d-]){year}(?![\d-])", text):
        y = int(m[1])
        add(m, y, 1, 1, 12, 31, "year")
    # Chinese: 2021年3月9日, 2019年5月, 2020年上半年, 3月9日, 8月底, 2018年
    for m in re.finditer(rf"(?:{year}\s*年\s*)?(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*[日号]", text):
        y = int(m[1]) if m[1] else None
        mo, d = int(m[2]), int(m[3])
        if 1 <= d <= 31:
            add(m, y, mo, d, mo, d, "day")
    for m in re.finditer(rf"(?:{year}\s*年\s*)?(\d{{1,2}})\s*月(?!\s*\d{{1,2}}\s*[日号])({ends})?", text):
        y = int(m[1]) if m[1] else None
        mo = int(m[2])
        if m[3]:
            d = _last_day(y, mo)
            add(m, y, mo, d, mo, d, "day")
        else:
            add(m, y, mo, 1, mo, _last_day(y, mo), "month")
    for m in re.finditer(rf"(?:{year}\s*年?\s*)?({part_zh})", text):  # 2020年上半年, 2021上半年
        y = int(m[1]) if m[1] else None
        a, b = parts[m[2]]
        add(m, y, a, 1, b, _last_day(y, b), "part")
    for m in re.finditer(rf"{year}\s*年(?!\s*\d{{1,2}}\s*月)", text):
        add(m, int(m[1]), 1, 1, 12, 31, "year")
    return _ranges(text, _longest(found), words.get("ranges") or {})


def _open(a: TimeSpan, side: str, start: int, end: int) -> TimeSpan:
    """A's time opened to the end of time (since, after) or from its beginning (until, before)."""
    first = datetime.date(a.year, *a.first[:2])
    last = datetime.date(a.year_last or a.year, *a.last[:2])
    if side == "after":
        first = last + datetime.timedelta(days=1)
    if side == "before":
        last = first - datetime.timedelta(days=1)
    if side in ("since", "after"):
        last = datetime.date(9999, 12, 31)
    else:
        first = datetime.date(1, 1, 1)
    return TimeSpan(start, end, first.year, (first.month, first.day, 0), (last.month, last.day, 0), "range",
                    last.year)


def _ranges(text: str, spans: list[TimeSpan], words: dict) -> list[TimeSpan]:
    """Join 'between A and B', 'from A to B', 'A至B' into one span from A's first day to B's last; open
    ranges ('since A', 'A以来', 'before B') run from or to the end of time (see `_open`)."""
    def has(words_of: str, piece: str) -> bool:
        return piece.strip(" ,") in {w.lower() for w in words.get(words_of) or []}

    out: list[TimeSpan] = []
    i = 0
    while i < len(spans):
        a = spans[i]
        if i + 1 < len(spans):
            b = spans[i + 1]
            gap = text[a.end:b.start].strip()
            before = text[:a.start].rstrip().rsplit(" ", 1)[-1] if a.start else ""
            joined = has("joiners", gap) or (has("pair_joiners", gap) and has("pair_openers", before))
            if joined and (a.year is None) == (b.year is None):
                start = a.start - (len(text[:a.start]) - len(text[:a.start].rstrip()) + len(before)
                                   if has("pair_openers", before) else 0)
                precision = a.precision if a.precision == b.precision and a.year == b.year else "range"
                out.append(TimeSpan(start, b.end, a.year, a.first, b.last, precision, b.year))
                i += 2
                continue
        head = text[:a.start].rstrip()
        tail = text[a.end:].lstrip()
        opened = None
        for side in ("since", "after", "until", "before"):
            lead = next((w for w in words.get(side) or [] if head.endswith(w)), None)
            trail = next((w for w in words.get(side + "_after") or [] if tail.startswith(w)), None)
            if a.year is not None and (lead or trail):
                start = len(head) - len(lead) if lead else a.start
                end = a.end + (len(text[a.end:]) - len(tail) + len(trail) if trail else 0)
                opened = _open(a, side, start, end)
                break
        if opened:
            out.append(opened)
        else:
            out.append(a)
        i += 1
    return out


def _longest(spans: list[TimeSpan]) -> list[TimeSpan]:
    """Drop spans inside a longer (more precise) one; keep text order."""
    spans = sorted(set(spans), key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[TimeSpan] = []
    for s in spans:
        if any(k.start <= s.start and s.end <= k.end for k in kept):
            continue
        kept = [k for k in kept if not (s.start <= k.start and k.end <= s.end)]
        kept.append(s)
    return sorted(kept, key=lambda s: s.start)
