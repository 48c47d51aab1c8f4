"""Chinese names by sound: a name typed with a homophone (腾迅 for 腾讯, 飞输 for 飞书) is still found.

Pinyin input methods make homophones the common Chinese typo. `sound_table(keys)` is computed once per
build (pypinyin is imported only then) and kept in the build folder: the toneless syllables of the common
characters (GB2312) and, for every Chinese name of 2-8 characters, the syllable string it is read as.
`SoundIndex.names(text)` then gives the names a run of characters sounds like, with no pypinyin at query
time.
"""

from __future__ import annotations

import itertools
import unicodedata

MAX_READINGS = 16  # combinations of a heteronym-rich run tried before giving up on it


def _toneless(syllable: str) -> str:
    flat = unicodedata.normalize("NFD", syllable)
    return "".join(c for c in flat if not unicodedata.combining(c)).replace("ü", "v")


def _common(c: str) -> bool:
    try:
        c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return "\u4e00" <= c <= "\u9fff"


def sound_table(names: list[str]) -> dict:
    """{'chars': {char: [syllable, ...]}, 'names': {'teng xun': [name, ...]}} for the given Chinese names."""
    from pypinyin.pinyin_dict import pinyin_dict

    chars: dict[str, list[str]] = {}
    for code, readings in pinyin_dict.items():
        c = chr(code)
        if _common(c):
            chars[c] = sorted({_toneless(r) for r in readings.split(",")})
    index = SoundIndex({"chars": chars, "names": {}})
    by_sound: dict[str, list[str]] = {}
    for name in sorted(set(names)):
        for sound in index.readings(name):
            by_sound.setdefault(sound, []).append(name)
    return {"chars": dict(sorted(chars.items())), "names": dict(sorted(by_sound.items()))}


class SoundIndex:
    def __init__(self, table: dict):
        self.chars: dict[str, list[str]] = table.get("chars", {})
        self.by_sound: dict[str, list[str]] = table.get("names", {})

    def readings(self, text: str) -> list[str]:
        """Every way `text` can be read (heteronyms give several), or [] if a character is unknown."""
        options = [self.chars.get(c) for c in text]
        if not all(options):
            return []
        out = []
        for combo in itertools.islice(itertools.product(*options), MAX_READINGS):
            out.append(" ".join(combo))
        return out

    def names(self, text: str) -> list[str]:
        """Names sounding like `text` but written differently."""
        found = []
        for sound in self.readings(text):
            found += [n for n in self.by_sound.get(sound, ()) if n != text]
        return list(dict.fromkeys(found))
