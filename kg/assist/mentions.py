"""Find names in folded text: every label and alias of the known entities (or metrics), longest match first,
English names only at word boundaries, short all-capital acronyms (ASR, WIC) only in capitals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.assist.folding import fold


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    id: str


_SEP = re.compile(r"[\s\-‐–]+")


def _norm(text: str) -> tuple[str, list[int]]:
    """Lower case with each run of spaces and hyphens as one space, and the original offset of each character."""
    out, where = [], []
    for m in re.finditer(r"[\s\-‐–]+|[^\s\-‐–]+", text):
        if m.group(0)[0] in " \t\n\r\f\v-‐–" or m.group(0)[0].isspace():
            out.append(" ")
            where.append(m.start())
        else:
            out.append(m.group(0).lower())
            where.extend(range(m.start(), m.end()))
    return "".join(out), where


def _word_char(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _acronym(name: str) -> bool:
    return name.isascii() and len(name) <= 5 and name.isupper()


class Matcher:
    """Names to ids; `find(folded_text)` gives non-overlapping hits, the longest name at the leftmost place.

    English names match at word boundaries only, ignoring case (short all-capital acronyms keep their case);
    spaces and hyphens are interchangeable ('low-code' is 'low code')."""

    def __init__(self, names: dict[str, str], exact_case: bool = False):
        self.keys: dict[str, list[tuple[str, str, str | None]]] = {}  # first two chars -> [(key, id, exact form)]
        for name in sorted(names, key=lambda n: (-len(n), n)):
            folded = fold(name).strip()
            key = _SEP.sub(" ", folded.lower())
            if len(key) < 2:
                continue
            exact = _SEP.sub(" ", folded) if _acronym(folded) or exact_case and folded.isascii() else None
            self.keys.setdefault(key[:2], []).append((key, names[name], exact))

    def lookup(self, name: str) -> str | None:
        """The id a whole name stands for, or None."""
        key = _SEP.sub(" ", fold(name).strip().lower())
        return next((ident for k, ident, _exact in self.keys.get(key[:2], ()) if k == key), None)

    def find(self, folded: str) -> list[Hit]:
        text, where = _norm(folded)
        n = len(text)
        out: list[Hit] = []
        i = 0
        while i < n - 1:
            found = None
            if not (_word_char(text[i]) and i > 0 and _word_char(text[i - 1])):
                for key, ident, exact in self.keys.get(text[i:i + 2], ()):
                    end = i + len(key)
                    if not text.startswith(key, i):
                        continue
                    if _word_char(key[-1]) and end < n and (_word_char(text[end]) or text[end] == "$"):
                        continue  # 'US$4.3 billion', 'HK$': a currency, not the place
                    if exact is not None:
                        s, e = where[i], where[end - 1] + 1
                        if _SEP.sub(" ", folded[s:e]) != exact:
                            continue
                    found = (key, ident, end)
                    break
            if found:
                out.append(Hit(where[i], where[found[2] - 1] + 1, found[1]))
                i = found[2]
            else:
                i += 1
        return out


_LIST_ITEM = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)([a-z][a-z\-]*(?: [a-z][a-z\-]*)?)(?=[,.;:)]|\s+and\s|\s+or\s|\s+to\s|\s+for\s|$)")


def elided(folded: str, hits: list[Hit], matcher: Matcher) -> list[Hit]:
    """Names a list leaves half-written: in 'electronic contracts, invoices and seals' the modifier of the first
    name carries over ('electronic invoices', 'electronic seals') when the whole name is a known one."""
    out = []
    for h in hits:
        words = folded[h.start:h.end].split()
        if len(words) < 2 or not folded[h.start:h.end].isascii():
            continue
        modifier = " ".join(words[:-1])
        pos = h.end
        while True:
            m = _LIST_ITEM.match(folded, pos)
            if not m:
                break
            ident = matcher.lookup(f"{modifier} {m.group(1)}") or matcher.lookup(f"{modifier} {m.group(1).split()[0]}")
            if ident and not any(x.start < m.end(1) and m.start(1) < x.end for x in hits):
                out.append(Hit(m.start(1), m.end(1), ident))
            pos = m.end(1)
    return out


def nested(folded: str, hits: list[Hit], matcher: Matcher) -> list[Hit]:
    """Names inside a longer name, at its start or end: 阿里巴巴钉钉 names 阿里巴巴 too, Tencent Meeting names Tencent."""
    out = []
    for h in hits:
        text = folded[h.start:h.end]
        for inner in matcher.find(text[:-1]) + [Hit(x.start + 1, x.end + 1, x.id) for x in matcher.find(text[1:])]:
            if inner.id != h.id and (inner.start == 0 or inner.end == len(text)) and inner.end - inner.start >= 2:
                out.append(Hit(h.start + inner.start, h.start + inner.end, inner.id))
    return out


def entity_matcher(known) -> Matcher:
    names: dict[str, str] = {}
    for ident in sorted(known.entities):
        for _lang, text in known.entities[ident].names:
            names.setdefault(text, ident)
    return Matcher(names)


def metric_matcher(known, lexicon_words: dict[str, list[str]] | None = None) -> Matcher:
    names: dict[str, str] = {}
    for ident in sorted(known.metrics):
        for _lang, text in known.metrics[ident].names:
            names.setdefault(text, ident)
    for ident, texts in sorted((lexicon_words or {}).items()):
        if ident in known.metrics:
            for text in texts:
                names.setdefault(text, ident)
    return Matcher(names)
