"""One paragraph read once: its sentences, dates, figures, and the entities it names (known or new), shared
by the figure and relation drafters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.assist.source import Paragraph
from kg.assist.when import DateSpan
from kg.assist.words import words
from kg.text.numbers import Quantity

_SENTENCE = re.compile(r"[。！？；;!?]+[”」』\"]?|\.(?=\s+[\"“A-Z0-9(])|\.\s*$")


@dataclass(frozen=True)
class Ref:
    """An entity named at [start, end) of a paragraph: a known id, or the key of a new candidate."""

    start: int
    end: int
    id: str
    cls: str
    new: bool = False


@dataclass
class Reading:
    para: Paragraph
    sentences: list[tuple[int, int]]
    dates: list[DateSpan]
    quantities: list[Quantity]
    refs: list[Ref]
    metrics: list[Ref] = field(default_factory=list)
    inner: list[Ref] = field(default_factory=list)  # known names inside a new one (腾讯 of 腾讯研究院): mentions only
    seats: list[Ref] = field(default_factory=list)  # places the facts know opening a known name (杭州 of 杭州市人民政府)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        for s, e in self.sentences:
            if s <= pos < e:
                return s, e
        return 0, len(self.para.text)

    def refs_in(self, s: int, e: int) -> list[Ref]:
        return [r for r in self.refs if s <= r.start and r.end <= e]


LIST_GAP = re.compile(r"\s*(?:,|，|、|,?\s+(?:and|or)\s+|和|与|及|以及|或)\s*")  # what joins the names of a list


def furniture(folded: str) -> bool:
    """A line of page furniture (phone, e-mail, copyright, ICP number): no facts are drafted from it."""
    low = folded.lower()
    if re.search(r"[\w.-]+@[\w-]+\.[a-z]{2,}", low):
        return True
    short = len(low.strip()) < 100  # a long paragraph may well name e-mail ('moving workflows off email')
    return any(re.search(rf"(?<![a-z]){re.escape(b)}(?![a-z])" + ("" if short and b.isascii() else r"\s*(?:[:：]|\d)"), low)
               for b in words()["boilerplate"])  # 电话：010-…, not 移动电话用户


def sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    short = {w.lower() for w in words()["abbreviations"]}
    for m in _SENTENCE.finditer(text):
        word = re.search(r"([A-Za-z.]+)$", text[start:m.start()])
        if text[m.start()] == "." and word and word.group(1).lower() in short and m.end() < len(text.rstrip()):
            continue  # 'as of Dec. 31', 'Mr. Li', 'Co. Ltd': no sentence ends there
        if m.end() > start:
            out.append((start, m.end()))
            start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def clause_bounds(text: str, pos: int, end: int, s: int, e: int) -> tuple[int, int]:
    """The clause of the span [pos, end) within its sentence [s, e): between clause marks (words.yaml), a comma between
    digits (2,100) being none."""
    marks = words()["clause_marks"]

    def mark(i: int) -> bool:
        return text[i] in marks and not (text[i] == "," and text[i - 1:i].isdigit() and text[i + 1:i + 2].isdigit())

    a = max([s] + [i + 1 for i in range(s, pos) if mark(i)])
    b = min([e] + [i for i in range(end, e) if mark(i)])
    return a, b
