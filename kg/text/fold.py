"""Script folding: Traditional Chinese characters to Simplified, with OpenCC, loaded lazily.

`simplified("釘釘視訊會議")` is "钉钉视讯会议" (characters only: regional words such as 视讯 for 视频 are
listed in the lexicon, since phrase conversion would also rewrite Simplified words); text without Chinese characters is returned as it is, without
loading OpenCC, so English questions never pay for the conversion tables.
"""

from __future__ import annotations

from functools import lru_cache

_CONFIG = "t2s"  # Traditional to Simplified, character by character (OpenCC, Apache-2.0)


def has_cjk(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text)


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC(_CONFIG)


@lru_cache(maxsize=8192)
def simplified(text: str) -> str:
    """Chinese text in Simplified characters; other text as it is."""
    if not has_cjk(text):
        return text
    return _converter().convert(text)
