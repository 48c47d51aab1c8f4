"""Fold text for matching without moving a single character: the n-th character of the folded text is the
n-th character of the original, in Simplified Chinese and half width, so every span found in the folded
text is a span of the original. Traditional characters fold with OpenCC (kg.text.fold), one at a time.
"""

from __future__ import annotations

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
    """`text` with each character folded on its own (same length, same offsets)."""
    return "".join(fold_char(c) for c in text)


def is_cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff"
