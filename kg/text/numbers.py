"""The number grammar of English and Chinese text: where the figures of a sentence are, and what they say.

`quantities(text)` finds every number expression with its value, unit word and qualifier: digit groups
with separators and decimals (1,800  37.7), scale words (381 million, 1.69亿, 6,000万), Chinese numerals
(两千, 二十万), percentages, currencies before or after the number ($1,133,900, 375亿人民币), ordinals
(第一名 is rank 1) and qualifiers (more than, nearly, 超过, 近, 约, 2万多, 500次左右). The words live in
numbers.yaml beside this module. Chinese input is expected in Simplified characters, folded with offsets
kept (kg.assist folds each character on its own), so 萬/億 arrive as 万/亿.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("numbers.yaml")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


@dataclass(frozen=True)
class Quantity:
    """A number expression found in a text: its span, value and what the words around it add."""

    start: int
    end: int
    value: Decimal
    unit: str | None = None  # a unit id of the ontology when a unit word (or currency sign) says it
    qualifier: str | None = None  # more-than, nearly, about, at-least, up-to
    ordinal: bool = False  # 'third', 第三: a position, not an amount
    scaled: bool = False  # a scale word (million, 万) was applied


class _Grammar:
    def __init__(self, words: dict):
        self.scales_en = {k.lower(): Decimal(str(v)) for k, v in words["scales"]["en"].items()}
        self.scales_zh = {k: Decimal(str(v)) for k, v in words["scales"]["zh"].items()}
        self.words_en = {k.lower(): Decimal(str(v)) for k, v in words["words"]["en"].items()}
        self.digits_zh = {k: Decimal(str(v)) for k, v in words["words"]["zh"]["digits"].items()}
        self.ordinals_en = {k.lower(): Decimal(str(v)) for k, v in words["ordinals"]["en"].items()}
        self.ordinal_zh = tuple(words["ordinals"]["zh"])
        self.units: list[tuple[str, str, bool]] = []  # (word, unit, is_chinese), longest first
        for unit, langs in words["units"].items():
            for lang in ("en", "zh"):
                for w in langs.get(lang, []):
                    self.units.append((str(w), unit, lang == "zh"))
        self.units.sort(key=lambda u: (-len(u[0]), u[0]))
        self.currency_before = sorted(((w, unit) for unit, ws in words["currency_before"].items() for w in ws),
                                      key=lambda u: (-len(u[0]), u[0]))
        self.currencies = set(words["currency_before"])
        self.before: list[tuple[str, str]] = []
        self.after: list[tuple[str, str]] = []
        for qual, langs in words["qualifiers"].items():
            for lang in ("en", "zh"):
                self.before += [(str(w), qual) for w in langs.get(lang, [])]
            self.after += [(str(w), qual) for w in langs.get("after", [])]
        self.before.sort(key=lambda q: (-len(q[0]), q[0]))
        self.after.sort(key=lambda q: (-len(q[0]), q[0]))
        zh_chars = "".join(sorted(set(self.digits_zh) | set(self.scales_zh)))
        scale_en = "|".join(sorted((re.escape(s) for s in self.scales_en), key=len, reverse=True))
        word_en = "|".join(sorted((re.escape(s) for s in self.words_en), key=len, reverse=True))
        self.pattern = re.compile(
            rf"(?P<num>{_DIGITS})(?:\s?(?P<zscale>[{''.join(self.scales_zh)}]+)|\s*(?P<escale>{scale_en})\b)?"
            rf"|(?P<zh>[{zh_chars}]+)"
            rf"|\b(?P<word>(?:{word_en})(?:[ -](?:{word_en}))*)\b(?:\s+(?P<wscale>{scale_en})\b)?",
            re.IGNORECASE)
        self.ordinal_en = re.compile(r"\b(" + "|".join(map(re.escape, self.ordinals_en)) + r")\b", re.IGNORECASE)
        multiples = words.get("multiples") or {}
        self.multiples = {k.lower(): Decimal(str(v)) for lang in ("zh", "en") for k, v in (multiples.get(lang) or {}).items()}
        self.multiple_pattern = re.compile("|".join(rf"(?<![a-z]){re.escape(k)}(?![a-z])"
                                                    for k in sorted(self.multiples, key=len, reverse=True)), re.IGNORECASE)
        shares = words.get("shares") or {}
        self.shares = {k.lower(): Decimal(str(v)) for lang in ("zh", "en") for k, v in (shares.get(lang) or {}).items()}
        tenths = shares.get("zh_tenths") or "成"
        digits = "".join(k for k in self.digits_zh if self.digits_zh[k] >= 1)
        self.share_pattern = re.compile(
            "|".join([rf"(?<![a-z]){re.escape(k)}(?![a-z])" for k in sorted(self.shares, key=len, reverse=True)]
                     + [rf"(?<![{digits}十百千万亿])(?P<tenths>[{digits}])(?:{re.escape(tenths)})(?P<more>[{digits}](?![十百千万亿]))?(?![为员本不])"]),
            re.IGNORECASE)  # 三成五: 35 %
        zh_num = "".join(self.digits_zh) + "十百"
        self.fraction = re.compile(rf"(?P<den>[{zh_num}]+|\d+)\s*{re.escape(shares.get('zh_fraction') or '分之')}\s*(?P<num>[{zh_num}]+|\d+)")
        self.one_in = re.compile(rf"(?<![a-z\d.,])(?P<num>{word_en}|\d+)\s+{re.escape(shares.get('en_one_in') or 'in')}\s+"
                                 rf"(?P<den>{word_en}|\d+)(?![a-z\d]|\s*(?:%|percent|per cent))", re.IGNORECASE)
        self.growth_before = tuple(shares.get("zh_growth_before") or ())


@lru_cache(maxsize=1)
def grammar() -> _Grammar:
    return _Grammar(_words())


def _words() -> dict:
    """numbers.yaml, parsed; kept as JSON in the user's cache (by content) so a cold start skips PyYAML."""
    from kg.files import cached_json

    raw = WORDS_FILE.read_bytes()
    digest = hashlib.sha1(raw).hexdigest()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg" / f"numbers-{digest[:16]}.json"
    return cached_json(cache, digest, lambda: _parse(raw))


def _parse(raw: bytes) -> dict:
    import yaml

    return yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def chinese_numeral(text: str) -> Decimal | None:
    """两千 -> 2000, 二十万 -> 200000, 十二 -> 12, 三 -> 3; None for text that is not a whole numeral."""
    g = grammar()
    if not text or any(c not in g.digits_zh and c not in g.scales_zh for c in text):
        return None
    if len(text) > 1 and all(c in g.scales_zh for c in text):  # 万亿: scales in a row multiply (a trillion)
        value = Decimal(1)
        for c in text:
            value *= g.scales_zh[c]
        return value
    total, section, digit = Decimal(0), Decimal(0), None
    for c in text:
        if c in g.digits_zh:
            if digit is not None:
                return None  # 一两, 三四: a range, not a number
            digit = g.digits_zh[c]
        else:
            scale = g.scales_zh[c]
            if scale >= 10000:
                section = (section + (digit or 0)) * scale if (section or digit is not None) else scale
                total, section = total + section, Decimal(0)
            else:
                section += (digit if digit is not None else 1) * scale
            digit = None
    return total + section + (digit or 0)


def _is_cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff"


def _match_word(text: str, pos: int, word: str) -> bool:
    """Whether `word` is written at `pos` (ignoring case; English words must end at a word boundary)."""
    piece = text[pos:pos + len(word)]
    if piece.lower() != word.lower():
        return False
    if word[-1].isascii() and word[-1].isalnum():
        after = text[pos + len(word):pos + len(word) + 1]
        return not (after.isascii() and after.isalnum())
    return True


def _word_before(text: str, pos: int, word: str) -> int | None:
    """The start of `word` written just before `pos` (one optional space between), else None."""
    end = pos
    while end > 0 and text[end - 1] == " " and pos - end < 1:
        end -= 1
    start = end - len(word)
    if start < 0 or text[start:end].lower() != word.lower():
        return None
    if word[0].isascii() and word[0].isalnum() and start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
        return None
    return start


def quantities(text: str, skip: list[tuple[int, int]] = ()) -> list[Quantity]:
    """Every number expression of `text` outside the `skip` spans (e.g. dates), in order."""
    g = grammar()
    out: list[Quantity] = []
    plain = _RANGE.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)  # '3-4 points', '60,000-85,000 yuan': both ends
    for m in g.pattern.finditer(plain):
        start, end = m.span()
        if any(a < end and start < b for a, b in skip):
            continue
        q = _read(plain, m, g)
        if q is not None:
            out.append(q)
    for i, (a, b) in enumerate(zip(out, out[1:])):  # 3至5万元, '2-3 million': the scale written once serves both ends
        if b.scaled and not a.scaled and _RANGE_GAP.fullmatch(text[a.end:b.start]) and re.match(r"\d", text[a.start:a.end]):
            raw = re.match(r"[\d,]+(?:\.\d+)?", text[b.start:b.end])
            if raw:
                factor = b.value / Decimal(raw.group(0).replace(",", ""))
                out[i] = replace(a, value=a.value * factor, scaled=True, unit=a.unit or b.unit)
    for m in g.ordinal_en.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in skip):
            out.append(Quantity(m.start(), m.end(), g.ordinals_en[m.group(1).lower()], "rank", None, True))
    for m in g.multiple_pattern.finditer(text) if g.multiples else ():  # 'more than doubled', 翻了一番: a multiple
        if any(a < m.end() and m.start() < b for a, b in skip) or any(q.start < m.end() and m.start() < q.end for q in out):
            continue
        qualifier = next((qual for word, qual in g.before if _word_before(text, m.start(), word) is not None), None)
        out.append(Quantity(m.start(), m.end(), g.multiples[m.group(0).lower()], "times", qualifier))
    for m in g.share_pattern.finditer(text):  # 一半, 八成, 'half of': a share, in percent
        if any(a < m.end() and m.start() < b for a, b in skip) or any(q.start < m.end() and m.start() < q.end for q in out):
            continue
        value = g.digits_zh[m.group("tenths")] * 10 + (g.digits_zh[m.group("more")] if m.group("more") else 0) \
            if m.group("tenths") else g.shares[m.group(0).lower()]
        qualifier = next((qual for word, qual in g.before if _word_before(text, m.start(), word) is not None), None) or \
            next((qual for word, qual in g.after if text.startswith(word, m.end())), None)
        out.append(Quantity(m.start(), m.end(), value, "percent", qualifier))
    for m, pair in [(m, (m.group("num"), m.group("den"))) for m in g.fraction.finditer(text)] + \
            [(m, (m.group("num"), m.group("den"))) for m in g.one_in.finditer(text)]:  # 三分之一, 'one in five': percent
        num, den = (_whole(x, g) for x in pair)
        if not (num and den and num < den <= 100) or any(a < m.end() and m.start() < b for a, b in skip):
            continue
        out = [q for q in out if not (q.start < m.end() and m.start() < q.end)]
        qualifier = next((qual for word, qual in g.before if _word_before(text, m.start(), word) is not None), None)
        out.append(Quantity(m.start(), m.end(), (num * 100 / den).quantize(Decimal("0.1")), "percent", qualifier))
    for i, q in enumerate(out):  # 增长一倍, 按季增长逾一倍 ('doubled'): up 100 % (增长1.5倍 stays a multiple)
        if q.unit == "times" and q.value == 1 and g.growth_before:
            head = text[max(0, q.start - 8):q.start]
            for word, _qual in g.before:
                if head.endswith(word):
                    head = head[:-len(word)]
                    break
            if head.rstrip("了 ").endswith(g.growth_before):
                out[i] = replace(q, value=q.value * 100, unit="percent")
    return sorted(out, key=lambda q: q.start)


def _whole(word: str, g: _Grammar) -> Decimal | None:
    """A whole number written in digits, Chinese numerals or English words ('five')."""
    if word.isdigit():
        return Decimal(word)
    if word.lower() in g.words_en:
        return g.words_en[word.lower()]
    return chinese_numeral(word)


_RANGE = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?\s*[%％]?)(\s*[-–~～]\s*)(?=\d[\d,]*(?:\.\d+)?\s*(?:%|％|percent|per cent|percentage point|"
                    r"个百分点|[万亿萬億]|million|billion|thousand|yuan|元|dollars|days|hours|minutes|weeks|months))", re.I)
_RANGE_GAP = re.compile(r"\s*(?:[-–~～至到]|to)\s*")


def _read(text: str, m: re.Match, g: _Grammar) -> Quantity | None:
    start, end = m.span()
    before = text[start - 1] if start else ""
    if m.group("num"):
        raw = m.group("num")
        sign = before in "-－−" and before != "" and not (start >= 2 and text[start - 2].isascii() and text[start - 2].isalnum())
        if before and not sign and (before.isascii() and (before.isalpha() or before in "-/.:#_+") or before == "－") and not (
                before.isalpha() and any(w.isalpha() and text.endswith(w, 0, start) and not text[start - len(w) - 1:start - len(w)].isalpha()
                                         for w, _cur in g.currency_before)):  # 'RMB1.46bn', 'USD300': a currency code
            return None  # 5G, COVID-19, 0086-571, v2.0, 12:30
        after = text[m.end("num"):m.end("num") + 2]
        if not m.group("zscale") and not m.group("escale"):
            if re.match(r"(?:st|nd|rd|th)\b", after, re.IGNORECASE) or re.match(r"[-/:][0-9]", after):
                return None  # 48th, 2021-06, 12:30
            if after[:1].isascii() and after[:1].isalpha() and not _unit_at(text, m.end("num"), g):
                return None  # 4G, 5GHz: a name, not a figure
        value = Decimal(raw.replace(",", ""))
        scaled = False
        if m.group("zscale"):
            scale = chinese_numeral(m.group("zscale")) if len(m.group("zscale")) > 1 else g.scales_zh[m.group("zscale")]
            if scale is None:
                return None
            value, scaled = value * scale, True
        elif m.group("escale"):
            word = m.group("escale").lower()
            if word in ("m", "k") and not re.match(r"\d", raw):
                return None
            value, scaled = value * g.scales_en[word], True
    elif m.group("zh"):
        raw = m.group("zh")
        value = chinese_numeral(raw)
        if value is None:
            return None
        nxt = text[end:end + 1]
        if len(raw) == 1 and raw not in g.scales_zh and not (_unit_at(text, end, g) or nxt in g.scales_zh
                                                             or before in g.ordinal_zh):
            return None  # 一 of 统一, 一些: only a numeral that counts something (or 第一, a position) is a number
        if raw in g.scales_zh and len(raw) == 1 and not (before in g.ordinal_zh or before == "上"):
            return None  # 千 alone is a word, not a figure
        if before and _is_cjk(before) and before in g.digits_zh:
            return None
        scaled = any(c in g.scales_zh for c in raw)
    else:
        words = re.split(r"[ -]", m.group("word").lower())
        value = Decimal(0)
        for w in words:
            v = g.words_en[w]
            value = value * v if v == 100 and value else value + v
        if m.group("wscale"):
            value *= g.scales_en[m.group("wscale").lower()]
        scaled = bool(m.group("wscale"))
        if words[-1] in ("half", "dozen") and len(words) == 1 and not _unit_at(text, end, g):
            return None
    ordinal = bool(before) and before in g.ordinal_zh
    unit = _unit_at(text, end, g)
    if unit is None or unit in g.currencies:  # 新台币3亿元, NT$3 billion: the currency written before wins
        for word, cur in g.currency_before:
            if _word_before(text, start, word) is not None:
                unit = cur
                break
    if ordinal:
        unit = "rank"
    qualifier = None
    if not ordinal:
        for word, qual in g.before:
            at = _word_before(text, start, word)
            if at is None:
                for cur, _ in g.currency_before:
                    c = _word_before(text, start, cur)
                    if c is not None and _word_before(text, c, word) is not None:
                        at = c
                        break
            if at is not None:
                qualifier = qual
                break
        tail = end + _unit_len(text, end, g)
        if qualifier is None:
            for word, qual in g.after:
                if text.startswith(word, end) or text.startswith(word, tail):
                    qualifier = qual
                    break
    if m.group("num") and sign:  # 净利润为-8.15亿元: a minus sign, not a hyphen (COVID-19, 2023-2024)
        start, value = start - 1, -value
    return Quantity(start, end, value, unit, qualifier, ordinal, scaled)


def _unit_len(text: str, pos: int, g: _Grammar) -> int:
    for skip in (0, 1):
        if skip and not (pos < len(text) and text[pos] == " "):
            break
        for word, _unit, _zh in g.units:
            if _match_word(text, pos + skip, word):
                return len(word) + skip
    return 0


def _unit_at(text: str, pos: int, g: _Grammar) -> str | None:
    """The unit a word right after `pos` names ('381 million users' -> person), else None."""
    for skip in (0, 1):
        if skip and not (pos < len(text) and text[pos] in " 多余"):
            break
        for word, unit, _zh in g.units:
            if _match_word(text, pos + skip, word):
                return unit
    return None
