"""BCP 47 language tags (RFC 5646, section 2.1): is a tag well-formed, and if not, why not.

Checked by the grammar alone, so that a tag the loader accepts is one every RDF store accepts too; the
subtags are not looked up in the IANA registry (a curator's `zh-Hans` or `en-GB` is well-formed and valid,
a typo such as `en-US-US` is neither). Case does not matter, as in the RFC.
"""

from __future__ import annotations

import functools
import re

_ALNUM = "[a-z0-9]"
_LANGTAG = re.compile(
    r"(?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"  # language, with up to 3 extlangs
    r"(?:-(?P<script>[a-z]{4}))?"
    r"(?:-(?P<region>[a-z]{2}|[0-9]{3}))?"
    rf"(?P<variants>(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*)"
    rf"(?P<extensions>(?:-[0-9a-wy-z](?:-{_ALNUM}{{2,8}})+)*)"
    rf"(?:-x(?:-{_ALNUM}{{1,8}})+)?",
    re.ASCII)
_PRIVATE_USE = re.compile(rf"x(?:-{_ALNUM}{{1,8}})+", re.ASCII)
# the tags RFC 5646 keeps for compatibility although the grammar above does not produce them (section 2.2.8)
_GRANDFATHERED = frozenset("""
    en-gb-oed i-ami i-bnn i-default i-enochian i-hak i-klingon i-lux i-mingo i-navajo i-pwn i-tao i-tay i-tsu
    sgn-be-fr sgn-be-nl sgn-ch-de art-lojban cel-gaulish no-bok no-nyn zh-guoyu zh-hakka zh-min zh-min-nan
    zh-xiang""".split())


@functools.lru_cache(maxsize=256)  # a few tags, met on every label
def problem(tag: str) -> str | None:
    """Why `tag` is not a well-formed BCP 47 language tag, or None when it is."""
    low = tag.lower()
    if low in _GRANDFATHERED or _PRIVATE_USE.fullmatch(low):
        return None
    m = _LANGTAG.fullmatch(low)
    if m is None:
        return _why(tag)
    variants = m["variants"].split("-")[1:]
    if len(set(variants)) < len(variants):
        return "a variant subtag appears twice"
    singletons = re.findall(r"-([0-9a-wy-z])(?=-)", m["extensions"])
    if len(set(singletons)) < len(singletons):
        return "an extension appears twice"
    return None


def _why(tag: str) -> str:
    """A short reason for an ill-formed tag, naming the first subtag that does not fit."""
    subtags = tag.split("-")
    if not all(subtags):
        return "empty subtag (two hyphens, or a hyphen at an end)"
    for s in subtags:
        if not re.fullmatch("[A-Za-z0-9]+", s):
            return f"subtag '{s}' may hold only ASCII letters and digits"
        if len(s) > 8:
            return f"subtag '{s}' is longer than 8 characters"
    # the longest prefix that is a well-formed tag shows where the trouble starts
    for n in range(len(subtags) - 1, 0, -1):
        if _LANGTAG.fullmatch("-".join(subtags[:n]).lower()):
            return f"subtag '{subtags[n]}' does not fit after '{'-'.join(subtags[:n])}'"
    return f"'{subtags[0]}' is not a language subtag (2-3 letters, e.g. en, zh)"
