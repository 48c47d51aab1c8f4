"""Fold text for matching without moving a single character: the n-th character of the folded text is the
n-th character of the original, in Simplified Chinese and half width, so every span found in the folded
text is a span of the original.
"""

from __future__ import annotations

import sys
import unicodedata
from functools import lru_cache


def _zhconv():
    if "zhconv" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # see kg.build.names._simplified
        try:
            import zhconv  # noqa: F401
        finally:
            del sys.modules["pkg_resources"]
    from zhconv import convert

    return convert


@lru_cache(maxsize=65536)
def fold_char(c: str) -> str:
    """One character in half width and, for Chinese, Simplified; itself when folding would change the length."""
    n = unicodedata.normalize("NFKC", c)
    if len(n) != 1:
        n = c
    if "\u3400" <= n <= "\u9fff":
        s = _zhconv()(n, "zh-hans")
        if len(s) == 1:
            n = s
    return n


def fold(text: str) -> str:
    """`text` with each character folded on its own (same length, same offsets)."""
    return "".join(fold_char(c) for c in text)


def is_cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff"
