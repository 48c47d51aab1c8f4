"""Who wrote an article and for whom, from the lines around its title: 'By Laura Chen and Wei Jun | March 14',
'Source: Xinhua', 'BEIJING, March 14 (Pacific Tech Wire) -', 来源：新华网, 【经济日报】, 《数智商业评论》记者 林晓帆,
新华社北京5月21日电（记者王晓宇、刘思远）, 文／蔡佩珊. The cue words live in words.yaml (`byline:`); the input is
folded text (kg.assist.folding), and spans index it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.assist.words import words

HEAD_PARAGRAPHS = 4  # a byline sits in the first lines, or in the lede's opening (新华社…电（记者…）)
FOOT_PARAGRAPHS = 3  # ... or a wire's credit at the foot ('Reporting by Sun Yiran; Editing by Mark Dalton')


@dataclass(frozen=True)
class Span:
    para: int
    start: int
    end: int
    name: str  # as the article writes it (English capitals made a name's: MA SICHEN → Ma Sichen)


@dataclass
class Byline:
    authors: list[Span] = field(default_factory=list)
    publisher: Span | None = None


@lru_cache(maxsize=1)
def _shapes() -> dict:
    w = words()["byline"]
    alt = lambda ws: "|".join(re.escape(x) for x in sorted(ws, key=len, reverse=True))  # noqa: E731
    media = alt(w["media_words"])
    en_name = r"[A-Z][a-zA-Z'’-]+(?:\s+[A-Z][a-zA-Z'’-]+){1,2}"
    return {
        "en_by": re.compile(rf"(?:^|(?<=[|;(]\s)|(?<=[|;(]))\s*(?:{alt(w['en_author_cues'])})\s*(?P<names>[^|;()\n]+)"),
        "en_name": re.compile(rf"{en_name}"),
        "en_media": re.compile(rf"^(?:the\s+)?(?:[A-Z][\w&.'’-]*\s+){{0,4}}(?:{media})$", re.I),
        "en_source": re.compile(rf"(?:{alt(w['en_publisher_cues'])})\s*(?P<pub>[A-Z][^|\n]*?)\s*(?=\||$|\s{{2,}}|\s+Editor)"),
        "en_wire": re.compile(r"^[A-Z][A-Za-z .'-]{1,30},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s+\((?P<pub>[^)]{2,40})\)\s*[-–—]"),
        "zh_author": re.compile(rf"(?:{alt(w['zh_author_cues'])})\s*[：:|｜/／]?\s*(?P<names>[\u4e00-\u9fff]{{2,6}}(?:[、\s　][\u4e00-\u9fff]{{2,4}})*)"),
        "zh_source": re.compile(rf"(?:{alt(w['zh_publisher_cues'])})\s*[：:]\s*(?P<pub>[^\s|｜　，,]{{2,16}})"),
        "zh_bracket": re.compile(r"^\s*【(?P<pub>[^】\s　／/]{2,16})"),
        "zh_titled": re.compile(r"《(?P<pub>[^》]{2,16})》\s*(?:记者|作者)"),
        "zh_wire": re.compile(r"(?:^|[（(\s　])(?P<pub>[\u4e00-\u9fffA-Za-z0-9]{2,16}?)(?:讯|\d{1,2}\s*月\s*\d{1,2}\s*日\s*电)\s*[（(]?\s*记者"),
        "zh_before_reporter": re.compile(r"(?:^|[（(|｜\s　]\s*)(?P<pub>[\u4e00-\u9fffA-Za-z0-9]{2,16}?)\s*[／/\s　|｜]*\s*记者"),
        "zh_first_segment": re.compile(r"^\s*(?P<pub>[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9]{1,15})(?:\s*[|｜]|[\s　]+(?:\d{4}|文\s*[／/]|作者))"),
    }


def read_byline(paragraphs: list, lang: str, places: set[str]) -> Byline:
    """The authors and the publisher the head (or, for a wire's credit line, the foot) of the article names
    (paragraph objects with .n, .text, .folded)."""
    out = Byline()
    head = paragraphs[:HEAD_PARAGRAPHS]
    for p in head + [p for p in paragraphs[-FOOT_PARAGRAPHS:] if p not in head]:
        if lang.startswith("zh"):
            _chinese(p, out, places)
        else:
            _english(p, out)
    return out


def _english(p, out: Byline) -> None:
    sh = _shapes()
    text = p.folded
    for m in sh["en_by"].finditer(text):
        pos = m.start("names")
        for piece in re.split(r"(,\s*|\s+and\s+|\s*&\s*)", m.group("names")):
            start, pos = pos, pos + len(piece)
            bare = re.sub(r"\s+(?:in|from)\s+[A-Z].*$", "", piece.strip())
            if sh["en_media"].match(bare) and out.publisher is None:
                out.publisher = Span(p.n, start, start + len(bare), bare)
                continue
            name = bare.title() if bare.isupper() else bare
            if sh["en_name"].fullmatch(name) and not re.search(r"\d", bare) and not any(a.name == name for a in out.authors):
                out.authors.append(Span(p.n, start, start + len(bare), name))
    if out.publisher is None:
        m = sh["en_source"].search(text) or sh["en_wire"].match(text)
        if m:
            pub = m.group("pub").strip()
            out.publisher = Span(p.n, m.start("pub"), m.start("pub") + len(pub), pub)
    if out.publisher is None and "|" in text:
        at = 0
        for seg in text.split("|"):
            bare = seg.strip()
            if sh["en_media"].match(bare) or re.fullmatch(r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|hk|tw)", bare):
                s = at + seg.index(bare)  # 'Harbour Tech Times', 'chinadaily.com.cn'
                out.publisher = Span(p.n, s, s + len(bare), bare)
                break
            at += len(seg) + 1


def _chinese(p, out: Byline, places: set[str]) -> None:
    sh = _shapes()
    text = p.folded
    surnames = words()["names"]["zh_surnames"]
    compound = tuple(words()["names"]["zh_compound_surnames"])
    for m in sh["zh_author"].finditer(text):
        pos = m.start("names")
        for piece in re.split(r"([、\s　])", m.group("names")):
            start, pos = pos, pos + len(piece)
            name = piece
            cuts = [i for place in places for i in [name.find(place, 2)] if i >= 2]
            name = name[:min(cuts)] if cuts else name  # 廖文绮台北12日电, 陈怡安台北报导: the name before the place
            if 2 <= len(name) <= 4 and (name[0] in surnames or name.startswith(compound)) and \
                    not any(a.name == name for a in out.authors) and (len(name) < 4 or name.startswith(compound)):
                out.authors.append(Span(p.n, start, start + len(name), p.text[start:start + len(name)]))
    if out.publisher is not None:
        return
    skip = tuple(words()["byline"]["zh_not_publishers"])
    for key in ("zh_source", "zh_bracket", "zh_titled", "zh_wire", "zh_before_reporter", "zh_first_segment"):
        m = sh[key].search(text)
        if not m:
            continue
        pub = m.group("pub")
        for place in sorted(places, key=len, reverse=True):  # 新华社北京: the agency, less the place it files from
            if pub.endswith(place) and len(pub) - len(place) >= 2:
                pub = pub[:-len(place)]
                break
        for tail in words()["byline"]["zh_publisher_tails"]:
            if pub.endswith(tail) and len(pub) - len(tail) >= 2:
                pub = pub[:-len(tail)]
                break
        if pub.startswith(skip) or pub[0] in words()["sectors"]["zh_bad_first"] or re.search(r"\d{4}|\d+月", pub):
            continue
        s = m.start("pub")
        out.publisher = Span(p.n, s, s + len(pub), p.text[s:s + len(pub)])
        return
