"""Fold text for matching without moving a single character: the n-th character of the folded text is the
n-th character of the original, in Simplified Chinese and half width, so every span found in the folded
text is a span of the original. Traditional characters fold with OpenCC (kg.text.fold), one at a time.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.text.fold import simplified


@lru_cache(maxsize=65536)
def fold_char(c: str) -> str:
    """One character in half width and, for Chinese, Simplified; itself when folding would change the length."""
    n = unicodedata.normalize("NFKC", c)
    if len(n) != 1:
        n = c
    if "\u3400" <= n <= "\u9fff":
        s = simplified(n)
        if len(s) == 1:
            n = s
    return n


def fold(text: str) -> str:
    """`text` with each character folded on its own, then Taiwan and Hong Kong words of the same length read as the
    mainland's (words.yaml `regional`: 软体 -> 软件), so lengths and offsets never change."""
    out = "".join(fold_char(c) for c in text)
    table, pattern = _regional()
    return pattern.sub(lambda m: table[m.group(0)], out) if pattern and any(is_cjk(c) for c in out) else out


@lru_cache(maxsize=1)
def _regional():
    from kg.assist.words import words

    table = {k: v for k, v in (words().get("regional") or {}).items() if len(k) == len(v)}
    return table, re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True)))) if table else None


def is_cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff"
