"""An article's text: its paragraphs numbered by the facts folder's rule (paragraph n is the n-th non-blank
line), its language (en, zh-Hans or zh-Hant, by character statistics), and the title and date where the
text shows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.assist.folding import fold, fold_char, is_cjk
from kg.assist.when import find_dates
from kg.assist.words import words
from kg.errors import KgError

SOURCES = "sources"  # the folder of article texts inside a facts folder
LANGUAGES = ("en", "zh-Hans", "zh-Hant")


@dataclass
class Paragraph:
    n: int  # 1-based, the n-th non-blank line
    text: str
    folded: str  # same length as text (kg.assist.folding)


@dataclass
class Article:
    stem: str
    text: str
    paragraphs: list[Paragraph]
    language: str
    title: str | None
    title_para: int | None
    date: str | None
    date_para: int | None

    def paragraph(self, n: int) -> Paragraph:
        return self.paragraphs[n - 1]


def paragraphs(text: str) -> list[Paragraph]:
    """The non-blank lines of `text`, numbered from 1, with their folded form."""
    out = []
    for line in text.splitlines():
        if line.strip():
            out.append(Paragraph(len(out) + 1, line, fold(line)))
    return out


def detect_language(text: str) -> str:
    """en, zh-Hans or zh-Hant: Chinese when a good share of the letters are Han characters, Traditional when
    more of them change under folding to Simplified than a Simplified text would show."""
    han = [c for c in text if is_cjk(c)]
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    if len(han) < 0.2 * (len(han) + latin / 5) or not han:
        return "en"
    changed = sum(1 for c in han if fold_char(c) != c)
    return "zh-Hant" if changed / len(han) > 0.03 else "zh-Hans"


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise KgError(f"cannot read {path}: {e.strerror or e}") from None
    for enc in ("utf-8-sig", "utf-16", "gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise KgError(f"{path}: not a text file (neither UTF-8, UTF-16, GB18030 nor Big5)")


_SENTENCE_END = re.compile(r"[.!?。！？]\s*$")


def _title(paras: list[Paragraph], date_para: int | None) -> tuple[str | None, int | None]:
    """The line that reads like a headline: the nearest one above the date line, else the first of the top few;
    not a menu crumb, a date line, a phone number or a whole sentence."""
    top = list(reversed(paras[:date_para - 1])) + paras[date_para:8] if date_para else paras[:8]
    for p in top:
        t = p.text.strip()
        letters = sum(1 for c in t if c.isalpha())
        if letters < 4 or ">" in t or "|" in t or t.lower().startswith(("home", "updated", "返回")):
            continue
        if re.fullmatch(r"[\W\d\s]*\d{4}[\W\d\s]*", t) or re.search(r"\d[\d\s-]{6,}\d|[:：]\s*\d", t):
            continue
        if len(t) > (60 if any(is_cjk(c) for c in t) else 160) or (_SENTENCE_END.search(t) and t.count(" ") > 25):
            continue
        if any(is_cjk(c) for c in t) and sum(1 for c in t if is_cjk(c)) < 5:
            continue  # a short banner such as a site name
        if t.endswith("。"):
            continue  # a Chinese sentence, not a headline
        return t, p.n
    return None, None


def _date(paras: list[Paragraph]) -> tuple[str | None, int | None]:
    """A full date on a line near the top (or among the last three) that is (mostly) a date line, or after a
    'published' word."""
    cues = [w.lower() for w in words()["published"]]
    days = "|".join(sorted(map(re.escape, words()["dates"]["weekdays"]), key=len, reverse=True))
    # a weekday name and a clock time beside the date belong to the dateline, not to a sentence around it
    beside = re.compile(rf"(?i)(?<![a-z])(?:{days})(?![a-z])|\b\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?(?![\w])")
    for p in paras[:10] + [p for p in paras[-3:] if p.n > 10]:  # a dateline on top, or a print credit at the foot
        found = [d for d in find_dates(p.folded, None) if d.value.count("-") == 2]
        if not found:
            continue
        d = found[0]
        rest = beside.sub("", p.folded[:d.start] + p.folded[d.end:]).strip(" ,;")
        head = beside.sub("", p.folded[:d.start].lower()).rstrip(" ,")
        # '2023-08-30 09:40 Source: X  Editor: Y', 'Observer | 2024-11-27 08:40 | Editor: Y': a dateline, not a sentence
        opens = not head.strip(" \t[(（【") or re.search(r"[|｜│丨]\s*$", head)
        wire = re.fullmatch(r"\s*[A-Z][A-Za-z .'-]{1,30},\s*", p.folded[:d.start]) and re.match(
            r"\s*(?:\([^)]{1,40}\)\s*)?[-–—]", p.folded[d.end:])  # 'HONG KONG, June 12, 2025 (Outlet) - …': a wire's dateline
        if len(rest) <= 40 or any(c in head for c in cues) or wire or opens and len(rest) <= 160 and not _SENTENCE_END.search(p.folded):
            return d.value, p.n
    return None, None


def read_article(text: str, stem: str) -> Article:
    paras = paragraphs(text)
    if not paras:
        raise KgError(f"the article '{stem}' has no text (every line is blank)")
    body = "\n".join(p.text for p in paras)
    date, date_para = _date(paras)
    title, title_para = _title(paras, date_para)
    return Article(stem, text, paras, detect_language(body), title, title_para, date, date_para)
