"""Dates as articles write them (June 2021, Oct 13, this August, 2021年6月, 2月3日, 去年), resolved against
the article's own date into YYYY, YYYY-MM or YYYY-MM-DD, with the cue word before each (as of, by, 截至).

The words live in words.yaml (`dates:`); the input is folded text (kg.assist.folding).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from kg.assist.words import words


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    cue: str | None = None  # the kind of cue before it: point (as of, by, 截至), period (in), since (自, 以来),
    #                         horizon ('within five years': a forecast's year, no nearer date's rival)
    relative: bool = False  # the year came from the article's date, not from the text


class _Dates:
    def __init__(self):
        w = words()["dates"]
        self.months = {k.lower(): int(v) for k, v in w["months"].items()}
        self.relative_years = {k.lower(): int(v) for k, v in w["relative_years"].items()}
        self.month_rel = {k.lower(): int(v) for k, v in w["month_relatives"].items()}
        self.rel_months = {k.lower(): int(v) for k, v in w["relative_months"].items()}
        self.rel_days = {k.lower(): int(v) for k, v in w["relative_days"].items()}
        self.half_end = {k: int(v) for k, v in w["period_end_month"].items()}
        self.cues = sorted(((c, kind) for kind, cs in w["cues"].items() for c in cs), key=lambda c: -len(c[0]))
        self.baseline_from = [c.lower() for c in w["baseline_from"]]
        self.baseline_after = [c.lower() for c in w["baseline_after"]]
        mon = "|".join(sorted(map(re.escape, self.months), key=len, reverse=True))
        rel = "|".join(sorted(map(re.escape, self.relative_years), key=len, reverse=True))
        mrel = "|".join(sorted(map(re.escape, self.month_rel), key=len, reverse=True))
        period = "|".join(sorted(map(re.escape, self.half_end), key=len, reverse=True))
        self.counts = {k.lower(): int(v) for k, v in w["counts"].items()}
        n_en = "|".join([r"\d{1,2}"] + sorted((re.escape(k) for k in self.counts if k.isascii()), key=len, reverse=True))
        n_zh = "".join(k for k in self.counts if not k.isascii())
        self.new_year = {int(k): str(v) for k, v in w["lunar_new_year"].items()}
        self.lunar_days = {k.lower(): int(v) for k, v in w["lunar_days"].items()}
        self.weekdays = {k.lower(): int(v) for k, v in w["weekdays"].items()}
        self.future = [f.lower() for f in w["future_before"]]
        self.ahead_zh = [f for f in w["future_before"] + words()["forecast"] if not f.isascii()]
        self.to_text = {k.lower() for k in w["relative_to_text"]}
        days = "|".join(sorted(map(re.escape, self.weekdays), key=len, reverse=True))
        ahead = "|".join(sorted(map(re.escape, w["weekday_ahead"]), key=len, reverse=True))
        self.weekday_ahead = re.compile(rf"(?<![a-z])(?:{ahead})(?![a-z])")
        self.weekday = re.compile(rf"(?:(?<![a-z])(?:on|last|this)\s+({days})(?![a-z])|(?<![上下本])({days}))", re.I)
        self.lunar_months = {k.lower() for k in w["lunar_months"]}
        lunar = "|".join(sorted(map(re.escape, list(self.lunar_days) + list(self.lunar_months)), key=len, reverse=True))
        y = r"(?:19[5-9]\d|20[0-4]\d)"
        alone = "|".join(sorted((re.escape(p) for p in w["period_alone"] if p.isascii()), key=len, reverse=True))
        alone_zh = "|".join(sorted((re.escape(p) for p in w["period_alone"] if not p.isascii()), key=len, reverse=True))
        self.patterns = [
            ("fiscal", re.compile(rf"(?<![\d.])(?:fy\s*)?({y})\s*(?:[/\-–]|至(?=\s*\d{{2}}\s*(?:财政)?年度))\s*(\d{{2}})(?!\d|[-/.]\d)"
                                  rf"\s*(?:财政年度|年度|财年|fiscal\s+year)?", re.I)),  # 2023/24年度, 2024至25年度
            ("zh_m_range", re.compile(rf"(?:({y})\s*年\s*|({rel}))?(?<!\d)(?:前|1\s*[至到\-—–~]\s*)(\d{{1,2}})\s*(?:个)?月(?!\s*\d{{1,2}}\s*[日号])")),
            # analysts' shorthand: 1H24, H1 2024, 3Q24, Q3 2024, 2Q'24 (a half or a quarter: its last month)
            ("short_period", re.compile(r"(?<![A-Za-z0-9])(?:([1-4])\s?([QH])|([QH])([1-4]))\s?['’]?((?:19|20)\d{2}|\d{2})(?![\d%])")),
            ("ymd", re.compile(rf"(?<![\d.])({y})\s*[-./年]\s*(\d{{1,2}})\s*[-./月]\s*(\d{{1,2}})\s*[日号]?(?!\d)")),
            ("mdy", re.compile(rf"\b({mon})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+({y})\b)?", re.I)),
            ("dmy", re.compile(rf"\b(\d{{1,2}})\s+({mon})\b\.?(?:,?\s+({y})\b)?", re.I)),
            ("my", re.compile(rf"\b({mon})\.?,?\s+(?:of\s+)?({y})\b", re.I)),
            ("m_rel", re.compile(rf"\b({mon})\.?\s+({mrel})\b", re.I)),
            ("rel_m", re.compile(rf"\b({mrel})\s+({mon})\b", re.I)),
            ("zh_rel_md", re.compile(rf"({rel})\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*[日号]")),  # 今年3月22日
            ("zh_rel_m", re.compile(rf"({rel})\s*(\d{{1,2}})\s*月(?!\s*\d{{1,2}}\s*[日号])")),  # 今年3月, 去年12月
            ("zh_ym", re.compile(rf"({y})\s*年\s*(\d{{1,2}})\s*月(?!\s*\d{{1,2}}\s*[日号])")),
            ("zh_md", re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")),
            ("y_period", re.compile(rf"({y})\s*年?\s*(?:的)?\s*({period})", re.I)),
            ("period_y", re.compile(rf"\b(?:the\s+)?({period})\s+(?:of\s+)?({y})\b", re.I)),
            ("period_rel", re.compile(rf"\b(?:the\s+)?({period})\s+(?:of\s+)?({rel})\b", re.I)),
            ("rel_period", re.compile(rf"({rel})\s*(?:的)?\s*({period})", re.I)),
            ("months_to", re.compile(rf"(?<![a-z])(?:three|six|nine|twelve|3|6|9|12)\s+months\s+(?:to|ended|ending|through)\s+"
                                     rf"(?:the\s+end\s+of\s+)?({mon})\.?(?:\s+(?:30|31|\d{{1,2}}))?(?:,?\s+({y}))?(?![a-z])", re.I)),
            ("m_range", re.compile(rf"(?<![a-z])({mon})\s*[-–—]\s*({mon})(?:\s+(?:quarter|period|months))?(?:,?\s+({y}))?(?![a-z])", re.I)),
            ("m_dash", re.compile(rf"(?<![a-z])(?:end|mid|early|late)-({mon})\b(?!\s*\d)", re.I)),
            ("y_dash", re.compile(rf"(?<![a-z])(end|mid|early|late)-({y})(?!\d)", re.I)),  # 'at end-2024', 'by mid-2025'
            ("quarter_adj", re.compile(r"(?<![a-z])(first|second|third|fourth)-quarter(?![a-z])", re.I)),
            ("period", re.compile(rf"(?:(?<![a-z])the\s+({alone})(?:\s+of\s+(?:the|this)\s+year)?(?!\s+of\b)(?![a-z])|(?<![\d年])({alone_zh}))", re.I)),
            ("lunar", re.compile(rf"(?:({y})\s*年\s*)?(?<![a-z])({lunar})(?![a-z])", re.I)),
            ("first_months", re.compile(rf"(?:({y})\s*年|({rel}))?\s*前\s*(\d{{1,2}}|[{n_zh}]{{1,2}})\s*个月"
                                        rf"|(?<![a-z])(?:the\s+)?first\s+({n_en})\s+months(?:\s+of\s+(?:the\s+|this\s+)?(?:year|({y})))?",
                                        re.I)),
            ("zh_y", re.compile(rf"(?<!\d)({y})\s*年(?!代)")),
            ("zh_d", re.compile(r"(?<![\d年月.])(\d{1,2})\s*日(?![内间期])")),
            ("zh_m", re.compile(r"(?<![\d年个])(\d{1,2})\s*月(?!\s*\d)(?!份?\s*\d)")),
            ("rel_day", re.compile(rf"(?<![a-z0-9])({'|'.join(sorted(map(re.escape, self.rel_days), key=len, reverse=True))})(?![a-z0-9])", re.I)),
            ("rel_month", re.compile(rf"(?<![a-z0-9])({'|'.join(sorted(map(re.escape, self.rel_months), key=len, reverse=True))})(?![a-z0-9])", re.I)),
            ("rel", re.compile(rf"(?<![a-z0-9])({rel})(?![a-z0-9])", re.I)),  # 截至今年: CJK around it is no word
            ("m", re.compile(rf"\b(?:in|by|as\s+of|through|since|until|this|last|early|late|mid-?|(?:the\s+)?(?:end|beginning|start|middle)\s+of)"
                             rf"\s+({mon})\b(?!\s*\d)", re.I)),
            ("y", re.compile(rf"(?<![\d,.$-])({y})(?![\d%])(?!,\d)(?!\s*(?:percent|per cent|人|家|个|名|元))", re.I)),
            ("within", re.compile(rf"(?:(?<![a-z])(?:within\s+(?:the\s+next\s+)?|in\s+the\s+next\s+)({n_en})\s+years?(?![a-z])"
                                  rf"|(?<!过去)(?<!近)在?\s*(\d{{1,2}}|[{n_zh}]{{1,3}})\s*年之?内)", re.I)),
        ]


@lru_cache(maxsize=1)
def _dates() -> _Dates:
    return _Dates()


def month_names() -> dict[str, int]:
    """Month names and abbreviations (English, lower case) with their numbers."""
    return _dates().months


def _fmt(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    if year is None:
        return None
    if month is None or not 1 <= month <= 12:
        return f"{year:04d}"
    if day is None or not 1 <= day <= 31:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_dates(text: str, ref_year: int | None, ref_month: int | None = None, ref_day: str | None = None,
               fiscal_end: int | None = None, quarter_end: int | None = None) -> list[DateSpan]:
    """Every date of the folded `text`, longest first where two overlap; `ref_year` fills in missing years,
    `ref_month` the month of a bare day (17日: the 17th of the article's month), `ref_day` (the article's
    YYYY-MM-DD) the day a weekday names ('said on Tuesday': the last Tuesday up to it), and `fiscal_end` the
    month a fiscal year (2023/24年度) ends in where the article's place keeps one; `quarter_end` that month where the
    article says a company's year ends there, so that its 'fourth quarter' ends in it."""
    d = _dates()
    taken: list[tuple[int, int]] = []
    out: list[DateSpan] = []
    for kind, pattern in d.patterns:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken):
                continue
            if kind == "within":  # 'within five years' of the last year named before it, else of the article's
                begin = max(text.rfind(c, 0, s) for c in "。！？!?；;") + 1  # its sentence
                if m.group(2) and not any(f in text[begin:e + 10] for f in d.ahead_zh):
                    continue  # 一年内增加逾1.3亿: a span gone by, no forecast's year
                base = max((x for x in out if x.end <= s), key=lambda x: x.end, default=None)
                value, relative = _within(m, d, int(base.value[:4]) if base else ref_year), base is None
                if value:
                    taken.append((s, e))
                    out.append(DateSpan(s, e, value, "horizon", relative))
                continue
            if kind == "rel_day":  # 'yesterday', 昨日: counted from the article's day
                if not (ref_day and len(ref_day) == 10):
                    continue
                taken.append((s, e))
                day = date.fromisoformat(ref_day) + timedelta(days=d.rel_days[m.group(1).lower()])
                out.append(DateSpan(s, e, day.isoformat(), _cue(text, s, d, e), True))
                continue
            if kind == "rel_month":  # 'last month', 上月: counted from the article's month
                if not (ref_year and ref_month):
                    continue
                n = ref_year * 12 + ref_month - 1 + d.rel_months[m.group(1).lower()]
                taken.append((s, e))
                out.append(DateSpan(s, e, _fmt(n // 12, n % 12 + 1), _cue(text, s, d, e), True))
                continue
            if kind == "zh_d":
                value, relative = _fmt(ref_year, ref_month, int(m.group(1)) if ref_month else None), True
            else:
                value, relative = _value(kind, m, d, ref_year, fiscal_end)
            if value and quarter_end and kind in ("period", "quarter_adj") and len(value) == 7 and int(value[5:]) % 3 == 0 \
                    and not re.search(r"年底|年末|end", m.group(0), re.I):
                n = int(value[5:]) // 3  # the company's n-th quarter (or half, 6 and 12: its 2nd and 4th quarter's end)
                value = f"{value[:4]}-{(quarter_end + 3 * n - 1) % 12 + 1:02d}"
            if value is None:
                continue
            if relative and ref_day and (kind in ("mdy", "dmy", "zh_md", "m", "zh_m", "m_dash", "months_to", "m_range") and value > ref_day[:len(value)]
                                         or kind in ("period", "quarter_adj") and _starts_after(value, m.group(0), ref_day)
                                         and not any(text[e:e + 12].lower().lstrip().startswith(f) for f in d.future)) \
                    and not any(re.search(rf"(?<![a-z]){re.escape(f)}(?![a-z])" if f.isascii() else re.escape(f),
                                          text[max(0, s - 40):s].lower()) for f in d.future):
                value = f"{int(value[:4]) - 1:04d}{value[4:]}"  # 'as of Dec. 31' in a March article: last December
            taken.append((s, e))
            out.append(DateSpan(s, e, value, _cue(text, s, d, e), relative))
    spans = sorted(out, key=lambda x: x.start)
    for x, y in zip(spans, spans[1:]):  # 'between 2022 and 2026', 2023年至2027年: the span ends at the second
        if re.fullmatch(r"\s*(?:and|to|through|至|到|-|–|—)\s*", text[x.end:y.start], re.I) and (
                re.search(r"(?:between|from|从)\s*$", text[max(0, x.start - 9):x.start], re.I) or text[x.end:y.start].strip() in "至到"):
            out[out.index(x)] = DateSpan(x.start, x.end, x.value, "since", x.relative)
    for i, x in enumerate(out):  # 去年…由前一年的3.89亿元: the year before the year named last
        if x.relative and text[x.start:x.end].lower() in d.to_text:
            prior = [y for y in out if y.end <= x.start and text[y.start:y.end].lower() not in d.to_text]
            if prior:
                year = int(max(prior, key=lambda y: y.end).value[:4])
                out[i] = DateSpan(x.start, x.end, f"{year - 1:04d}", x.cue, True)
    if ref_day and len(ref_day) == 10:
        ref = date.fromisoformat(ref_day)
        for m in d.weekday.finditer(text):
            s, e = m.span()
            if not any(a < e and s < b for a, b in taken):
                back = (ref.weekday() - d.weekdays[(m.group(1) or m.group(2)).lower()]) % 7
                head = re.split(r"[.!?。！？;；]\s", text[:s].lower())[-1]
                if back and d.weekday_ahead.search(head):
                    back -= 7  # 'before it closes on Saturday': the next one
                taken.append((s, e))
                out.append(DateSpan(s, e, (ref - timedelta(days=back)).isoformat(), _cue(text, s, d, e), True))
    return sorted(out, key=lambda x: x.start)


def _starts_after(value: str, word: str, ref_day: str) -> bool:
    """Whether the quarter or half `word` (ending in `value`'s month) begins after the article's month: a fourth
    quarter told of in March is last year's. A year's end ('年底') is a point, often a target: never moved."""
    word = word.lower()
    months = 9 if "前三季" in word or "three quarters" in word else 6 if "半" in word or "half" in word else \
        3 if "季" in word or "quarter" in word else 0
    return bool(months) and len(value) == 7 and value[:4] == ref_day[:4] and int(value[5:]) - months + 1 > int(ref_day[5:7])


def _within(m: re.Match, d: _Dates, base: int | None) -> str | None:
    word = (m.group(1) or m.group(2)).lower()
    n = int(word) if word.isdigit() else d.counts.get(word)
    return _fmt(base + n) if base and n and n <= 50 else None


def _value(kind: str, m: re.Match, d: _Dates, ref: int | None, fiscal_end: int | None = None) -> tuple[str | None, bool]:
    g = m.groups()

    def mon(t: str) -> int | None:
        return d.months.get(t.lower().rstrip("."))

    if kind == "fiscal":  # 2023/24年度, 'fiscal 2023-24': the year it ends in
        first, second = int(m.group(1)), int(m.group(2))
        if second != (first + 1) % 100:
            return None, False
        return _fmt(first + 1, fiscal_end), False
    if kind == "short_period":
        n, letter = (int(g[0]), g[1]) if g[0] else (int(g[3]), g[2])
        year = int(g[4]) if len(g[4]) == 4 else 2000 + int(g[4])
        if letter == "H" and n > 2:
            return None, False
        return _fmt(year, n * (6 if letter == "H" else 3)), False
    if kind == "ymd":
        return _fmt(int(g[0]), int(g[1]), int(g[2])), False
    if kind == "mdy":
        year = int(g[2]) if g[2] else ref
        return _fmt(year, mon(g[0]), int(g[1])), not g[2]
    if kind == "dmy":
        year = int(g[2]) if g[2] else ref
        return _fmt(year, mon(g[1]), int(g[0])), not g[2]
    if kind == "my":
        return _fmt(int(g[1]), mon(g[0])), False
    if kind == "m_rel":
        return _fmt(ref + d.month_rel[g[1].lower()] if ref else None, mon(g[0])), True
    if kind == "rel_m":
        return _fmt(ref + d.month_rel[g[0].lower()] if ref else None, mon(g[1])), True
    if kind == "zh_rel_md":
        return _fmt(ref + d.relative_years[g[0].lower()] if ref else None, int(g[1]), int(g[2])), True
    if kind == "zh_rel_m":
        return _fmt(ref + d.relative_years[g[0].lower()] if ref else None, int(g[1])), True
    if kind == "zh_m_range":  # 1至4月, 前4月: the span's last month
        year = int(g[0]) if g[0] else (ref + d.relative_years[g[1].lower()] if g[1] and ref else ref)
        return _fmt(year, int(g[2])), not g[0]
    if kind == "zh_ym":
        return _fmt(int(g[0]), int(g[1])), False
    if kind == "zh_md":
        return _fmt(ref, int(g[0]), int(g[1])), True
    if kind == "y_period":
        return _fmt(int(g[0]), d.half_end[g[1].lower()] if g[1].lower() in d.half_end else d.half_end.get(g[1])), False
    if kind == "period_y":
        return _fmt(int(g[1]), d.half_end.get(g[0].lower())), False
    if kind == "period_rel":
        return _fmt(ref + d.relative_years[g[1].lower()] if ref else None, d.half_end.get(g[0].lower())), True
    if kind == "rel_period":
        return _fmt(ref + d.relative_years[g[0].lower()] if ref else None,
                    d.half_end.get(g[1].lower(), d.half_end.get(g[1]))), True
    if kind == "months_to":  # 'in the three months to June': the span's last month
        return _fmt(int(g[1]) if g[1] else ref, mon(g[0])), not g[1]
    if kind == "m_range":  # 'the July-September quarter': the span's last month
        return _fmt(int(g[2]) if g[2] else ref, mon(g[1])), not g[2]
    if kind == "m_dash":  # 'as of end-June'
        return _fmt(ref, mon(g[0])), True
    if kind == "y_dash":  # 'at end-2024': its last month; 'mid-2025': its sixth
        return _fmt(int(g[1]), {"end": 12, "mid": 6}.get(g[0].lower())), False
    if kind == "quarter_adj":  # 'second-quarter revenue': of the article's year
        return _fmt(ref, {"first": 3, "second": 6, "third": 9, "fourth": 12}[g[0].lower()]), True
    if kind == "period":  # 'in the first quarter', 一季度: of the article's year
        return _fmt(ref, d.half_end.get((g[0] or g[1]).lower())), True
    if kind == "lunar":
        year = int(g[0]) if g[0] else ref
        if year not in d.new_year:
            return None, False
        day = date.fromisoformat(d.new_year[year]) + timedelta(days=d.lunar_days.get(g[1].lower(), 0))
        if g[1].lower() in d.lunar_months:
            return _fmt(day.year, day.month), not g[0]
        return _fmt(day.year, day.month, day.day), not g[0]
    if kind == "first_months":  # 今年前九个月, the first eight months: the span's last month
        year = int(g[0]) if g[0] else int(g[4]) if g[4] else (ref + d.relative_years[g[1].lower()] if g[1] and ref else ref)
        word = (g[2] or g[3]).lower()
        n = int(word) if word.isdigit() else d.counts.get(word) if len(word) == 1 or word.isascii() else \
            (10 + d.counts.get(word[1], 0) if word[0] == "十" else None)
        return _fmt(year, n), not (g[0] or g[4])
    if kind == "zh_y":
        return _fmt(int(g[0])), False
    if kind == "zh_m":
        month = int(g[0])
        return (_fmt(ref, month), True) if 1 <= month <= 12 else (None, False)
    if kind == "rel":
        return _fmt(ref + d.relative_years[g[0].lower()] if ref else None), True
    if kind == "m":
        return _fmt(ref, mon(g[0])), True
    return _fmt(int(g[0])), False


def _cue(text: str, start: int, d: _Dates, end: int | None = None) -> str | None:
    head = text[max(0, start - 24):start].rstrip().lower()
    tail = text[end:end + 12].lower().lstrip() if end is not None else ""
    if any(head.endswith(w) for w in d.baseline_from) or re.search(  # 'an increase of 47.1 million from December 2022'
            r"\d[\d.,]*\s*(?:%|[a-z]+)?(?:\s+[a-z]+)?\s+from$", head) or any(
            tail.startswith(w) and not tail[len(w):len(w) + 1].isalpha() for w in d.baseline_after):
        return "baseline"
    inside = text[start:end].lower() if end is not None else ""
    for word, kind in d.cues:
        if word.isascii() and inside.startswith(word.lower() + " "):
            return kind  # 'as of June', 'by the end of March': the cue is part of the date's words
        if head.endswith(word.lower()):
            before = head[:-len(word)][-1:]
            if word[0].isascii() and before.isalpha():
                continue
            return kind
    return None
