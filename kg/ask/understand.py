"""Reading a question: the linked spans sorted into what they name, with the question's dates and numbers.

A `Reading` holds, in question order: entities, classes, properties (with the direction the word asks
in), metrics, roles, the question word, the shape words (count, more, less, earlier, later, superlative,
connection, provenance, or), time spans and numbers. Spans inside a longer named span are dropped
(maximal munch); spans of the same extent are all kept, so ambiguity survives until the data settles it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from kg.ask.link import ALIAS, FUZZY_MATCH, PARTIAL, Linker, Span, Tokens, tokenize
from kg.text.dates import TimeSpan, time_spans

NAMED = ("entity", "document", "metric", "class", "property", "role", "unit", "value")
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass
class Reading:
    question: str
    toks: Tokens
    spans: list[Span]
    lang: str  # en | zh
    entities: list[Span] = field(default_factory=list)
    classes: list[Span] = field(default_factory=list)
    properties: list[Span] = field(default_factory=list)
    metrics: list[Span] = field(default_factory=list)
    roles: list[Span] = field(default_factory=list)
    values: list[Span] = field(default_factory=list)  # literal values named ('Chinese': sourceLanguage zh-Hans, zh-Hant)
    qwords: list[Span] = field(default_factory=list)
    cues: dict[str, list[Span]] = field(default_factory=dict)
    times: list[TimeSpan] = field(default_factory=list)
    numbers: list[Decimal] = field(default_factory=list)
    content: set[int] = field(default_factory=set)  # token positions that are not filler

    @property
    def qword(self) -> str | None:
        return self.qwords[0].target.ref if self.qwords else None

    def has(self, cue: str) -> bool:
        return bool(self.cues.get(cue))

    def entity_iris(self) -> list[str]:
        return list(dict.fromkeys(s.target.ref for s in self.entities))

    def class_names(self) -> list[str]:
        return list(dict.fromkeys(s.target.ref for s in self.classes))

    def time_tokens(self) -> set[int]:
        out = set()
        for t in self.times:
            for k, (a, b) in enumerate(self.toks.offsets):
                if a >= t.start and b <= t.end:
                    out.add(k)
        return out

    def number_tokens(self) -> set[int]:
        return self._numbers_at

    _numbers_at: set[int] = field(default_factory=set)


def _maximal(spans: list[Span]) -> list[Span]:
    """Drop a named span strictly inside a longer named span; keep equal extents (ambiguity)."""
    named = [s for s in spans if s.target.kind in NAMED and s.target.exact > FUZZY_MATCH]
    linked = {k for s in named for k in range(s.start, s.end)}
    named += [s for s in spans if s.target.kind in NAMED and s.target.exact == FUZZY_MATCH and s.length > 1 and s.text.isascii()
              and any(k not in linked for k in range(s.start, s.end))]  # 'reserach organisations': a misspelt word
    # that links nothing alone, and a word beside it, spelling one longer name between them
    kept = []
    for s in spans:
        inside = any(o.start <= s.start and s.end <= o.end and o.length > s.length
                     and (o.target.exact > PARTIAL or o.target.exact == FUZZY_MATCH
                          or s.target.kind in ("entity", "document") and s.target.exact < ALIAS)
                     and (o.target.kind, s.target.kind) not in (("unit", "class"), ("property", "metric"))
                     and not ((o.target.kind, s.target.kind) == ("property", "class") and o.text.rstrip("的").endswith(s.text))
                     for o in named)  # a class word heading a property phrase (母公司) names the answer's class;
    # one in its middle (部 of 组成部分) is no word of the question
        if inside and s.target.kind in NAMED + ("qword", "shape"):
            continue
        if s.target.kind in ("qword", "shape") and any(
                o.target.kind == "qword" and o.start <= s.start and s.end <= o.end and o.length > s.length
                for o in spans):
            continue  # 哪一年 (when) over 哪 (which); 哪几篇 (which) over 几篇 (count)
        kept.append(s)
    return kept


def read(question: str, linker: Linker, lex) -> Reading:
    toks = tokenize(question)
    spans = linker.spans(toks)
    r = Reading(question, toks, [], "zh" if _HAN.search(question) else "en")
    r.times = time_spans(toks.text, lex.time_words)
    time_at = r.time_tokens()
    r._numbers_at = set()
    words_at = {k for s in spans if s.target.kind in ("qword", "shape", "class", "property", "document")
                for k in range(s.start, s.end)}
    r.numbers = _numbers(toks, r, words_at)
    # tokens of a date or a number name nothing else, unless a longer name spans them (a dated event's name)
    spans = [s for s in spans if not (set(range(s.start, s.end)) <= (time_at | r._numbers_at))
             or s.target.kind in ("entity", "document") and s.length > 1]
    spans = _maximal(spans)
    r.spans = spans
    filler_at = set()
    for s in spans:
        kind = s.target.kind
        if kind == "filler":
            filler_at |= set(range(s.start, s.end))
        elif kind in ("entity", "document"):
            r.entities.append(s)
        elif kind == "class":
            r.classes.append(s)
        elif kind == "property":
            r.properties.append(s)
        elif kind == "metric":
            r.metrics.append(s)
        elif kind == "role":
            r.roles.append(s)
        elif kind == "value":
            r.values.append(s)
        elif kind == "qword":
            r.qwords.append(s)
        elif kind == "shape":
            r.cues.setdefault(s.target.ref, []).append(s)
    named_at = {k for s in spans if s.target.kind != "filler" for k in range(s.start, s.end)}
    r.content = {k for k in range(len(toks.tokens)) if k not in filler_at or k in named_at}
    r.qwords = [s for s in r.qwords if not (s.target.ref == "whether" and r.lang == "en" and s.start > 0)]
    # of two question words sharing a character, the later names what is asked (在哪天: when, not where)
    r.qwords = [s for s in r.qwords if not any(o.start > s.start and o.start < s.end for o in r.qwords)]
    final = max((k for k in range(len(toks.tokens)) if toks.tokens[k].strip()), default=-1)
    if r.cues.get("or") and len(r.entity_iris()) >= 2 and not any(
            s.target.ref == "whether" and s.end - 1 == final for s in r.qwords):
        # "was A or B first": a choice, not yes/no (but "A比B多吗" ends asking yes or no)
        r.qwords = [s for s in r.qwords if s.target.ref != "whether"]
    for group in (r.entities, r.classes, r.properties, r.metrics, r.roles, r.qwords):
        group.sort(key=lambda s: (s.start, -s.length, -s.score))
    return r


SCALES = ("thousand", "million", "billion", "trillion")


def _scale_typos(text: str) -> tuple[str, list[tuple[int, int]]]:
    """'381 milion', '1.2 bilion': a scale word one edit away after a number, spelt right; with (where, how many
    characters longer) for each correction."""
    from kg.ask.link import _one_edit

    moved: list[tuple[int, int]] = []
    out, last = [], 0
    for m in re.finditer(r"(?<=\d)(\s*)([a-z]{6,9})\b", text):
        word = m.group(2)
        right = None if word in SCALES else next((w for w in SCALES if _one_edit(word, w)), None)
        if right:
            out += [text[last:m.start(2)], right]
            moved.append((m.start(2), len(right) - len(word)))
            last = m.end(2)
    return "".join(out) + text[last:], moved


def _numbers(toks: Tokens, r: Reading, words_at: set[int]) -> list[Decimal]:
    """Amounts written in the question (381 million, 3.81亿, 6.9%), not years or dates."""
    text = toks.text
    if not re.search(r"\d|[一二三四五六七八九十百千万亿两]", text):
        return []
    from kg.text.numbers import quantities

    skip = [(t.start, t.end) for t in r.times]
    text, moved = _scale_typos(text)

    def back(pos: int) -> int:  # a place in the corrected text, in the question
        return pos - sum(d for at, d in moved if at < pos)

    skip = [(a + sum(d for at, d in moved if at < a), b + sum(d for at, d in moved if at < b)) for a, b in skip]
    out = []
    for q in quantities(text, skip):
        if q.ordinal:
            continue
        if not q.scaled and q.value == q.value.to_integral() and 1900 <= q.value <= 2100:
            continue
        at = {k for k, (a, b) in enumerate(toks.offsets) if a >= back(q.start) and b <= back(q.end)}
        if at and at <= words_at:
            continue  # 一 in 哪一年, 几 in 几个: part of a question or shape word
        out.append(q.value)
        r._numbers_at |= at
    return out
