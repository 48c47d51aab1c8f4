"""Figures as observations: for each number of a paragraph, its metric (the nearby noun matched against the
metrics' names and aliases, or a proposed new metric), subject (an entity of its clause), time (a date of
its sentence, else the last one of the paragraph, else the article's date marked for review), unit,
qualifier, and the report or organisation stating it. "respectively" / 分别 lists line up item by item.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import cache, lru_cache

from kg.assist.candidates import STOCK_CODE
from kg.assist.reading import LIST_GAP, Reading, Ref, clause_bounds, furniture
from kg.assist.relations import ontology, stater_classes
from kg.assist.words import places, words
from kg.text.numbers import Quantity, grammar

NOT_SUBJECTS = ("Person", "Report", "Claim", "Metric")
_DATELINE = re.compile(r"\s*(?:[A-Z][A-Za-z .]{1,30},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?\s*(?:\([^)]{1,30}\))?\s*[-–—]+"
                       r"|[^，。,]{0,16}?\d{1,2}\s*月\s*\d{1,2}\s*日\s*电(?:\s*[（(][^）)]{0,40}[）)])?)")
_DATELINE_ANY_CASE = re.compile(_DATELINE.pattern, re.I)
COUNTS = ("company", "organization", "person", "item", "participant")
MONEY = ("cny", "usd", "hkd", "twd", "eur")
MEASURES = ("percent", "percentage-point", "cny", "usd", "hkd", "twd", "eur", "times", "rank", "year", "day", "hour", "minute")  # not counts
STATERS_ONLY = ("ResearchOrganization", "GovernmentBody")  # they state figures; no curated figure is about one
TOPICS = ("Technology", "Sector")  # subjects only when nothing else is named near the figure


@dataclass
class Figure:
    para: int
    start: int
    end: int
    value: Decimal
    unit: str
    subject: str | None
    metric: str | None  # a known metric id, or None with new_metric set
    new_metric: str | None  # the noun phrase naming a metric the facts do not have yet
    time: str | None
    time_from_article: bool
    qualifier: str | None
    stated_by: str | None
    confidence: float
    compared_to: str | None = None


@dataclass
class State:
    """What carries over between paragraphs: the article's date, the last subject and report named."""

    ref_date: str | None
    last_subject: str | None = None
    last_metric: str | None = None
    last_unit: str | None = None
    last_report: str | None = None
    last_sector: str | None = None  # the last sector or technology named ('the industry' points back to it)
    last_place: str | None = None  # the last place named, inside other names too (《2026年中国…报告》)
    published: dict[str, str] = field(default_factory=dict)  # a report's date where the text gives it (14日发布《…》)
    data_time: dict[str, str] = field(default_factory=dict)  # the point its findings hold at ('as of June 2023')
    last_stated: tuple[str, int] | None = None  # who stated the last paragraph's figures, and that paragraph
    report_ids: set[str] = field(default_factory=set)  # every report named so far
    data_source: str | None = None  # the last source whose findings were dated ('截至2024年12月' in its report)
    last_data: str | None = None  # the first point a source's findings were dated to
    last_market: str | None = None  # what the last figure about a market was about ('the market' points back to it)
    last_company: str | None = None  # the last company named ('the company's largest business' points back to it)
    company_paras: dict[str, list[int]] = field(default_factory=dict)  # the paragraphs naming each company
    subject_para: int = 0  # the paragraph of the last subject
    event_day: tuple[str, int] | None = None  # the last day a paragraph dated an event to, and that paragraph
    subject_time: dict[str, tuple[str, int]] = field(default_factory=dict)  # a subject's last dated figure, and its paragraph
    last_period: tuple[str, int] | None = None  # the last quarter, half or run of months named ('the quarter' points back to it)
    interviewee: str | None = None  # the company of the one interviewed ('專訪合約雲科技執行長…'): whom 我們 means
    title_year: str | None = None  # a year the title names before the article's ('杭州市2024年…统计公报' of March 2025)
    results_period: bool = False  # ... named with results (revenue, 收入) in the story's lede: a results story's period
    home_currency: str = "cny"  # what a bare 元 means in this article
    said_day: tuple[str, int] | None = None  # the last day someone was said to speak on ('the center said on Tuesday')
    results_year: tuple[str, int, str | None] | None = None  # the year whose results a story tells ('revenue for 2024 rose'), where, whose
    last_country: str | None = None  # the country named most ('people in the country' points back to it)
    country_counts: dict[str, int] = field(default_factory=dict)
    last_province: str | None = None  # the last province named (全省, 该省 point back to it, not to a city)
    last_city: str | None = None  # the last city named (全市, 我市 point back to it, not to its province)
    last_event: str | None = None  # the last event named ('the two-day event', 本届峰会 point back to it)
    demonyms: dict[str, str] = field(default_factory=dict)  # 'Chinese': china, for places the facts know
    fieldwork: tuple[str, int] | None = None  # when the last survey named was carried out, and that paragraph
    fieldwork_at: dict[int, str] = field(default_factory=dict)  # ... by paragraph that says it (fieldwork_dates)
    fieldwork_of: dict[str, str] = field(default_factory=dict)  # ... by report, wherever the article says it (fieldwork_dates)
    caption: tuple[int, str | None, str | None, list[str]] | None = None  # a table's caption: paragraph, metric, phrase, times
    bylined: set[str] = field(default_factory=set)  # the article's authors and publisher: never a figure's subject


def _en_unit_after(text: str, end: int) -> tuple[str | None, int]:
    """The unit named by the head noun of the few words after an English number ('381 million online office
    users' -> person), and where that noun ends."""
    stops = set(words()["phrase_stops"])
    pos = end
    units = grammar().units
    found: tuple[str | None, int] = (None, end)
    of = re.match(r"\s+of\s+(?:those|these|the|its|their)\s+(?=[a-z])", text[end:end + 24].lower())
    if of:  # '1.2 million of those organisations': counted as the noun after
        pos = end = end + of.end()
    short = re.match(r"-(days?|hours?|minutes?)(?![a-z])", text[end:end + 10].lower())
    if short:  # 'the two-day event', 'a 24-hour service': a duration ('a five-year plan' names a plan)
        return next(u for w, u, zh in units if not zh and w.lower() == short.group(1)), end + short.end()
    prev = ""
    for _ in range(5):  # the last unit word of the noun phrase is its head: '1.8 billion user requests'
        m = re.match(r"\s*([A-Za-z][A-Za-z\-/']*)", text[pos:])
        if not m:
            break
        word = m.group(1).lower()
        if word in ("and", "or") and not found[0]:  # '100,000 small and medium-sized enterprises'
            pos += m.end()
            continue
        if word in stops:
            break
        pos += m.end()
        pair, prev = f"{prev} {word}", word  # 'enterprise customers' are companies
        unit = next((u for w, u, zh in units if not zh and w.lower() == pair), None) or \
            next((u for w, u, zh in units if not zh and w.lower() == word), None)
        if unit:
            found = (unit, pos)
        elif found[0]:
            break  # a noun after the unit word ends the phrase's head
    return found


def _superlatives(folded: str, found: list[Quantity]) -> list[Quantity]:
    """Add a rank for each superlative ('the country's largest', 最大) that no ordinal already counts."""
    low = folded.lower()
    out = list(found)
    sup = words()["superlatives"]
    for w in sup["en"] + sup["zh"]:
        pattern = rf"(?<![a-z]){re.escape(w)}(?![a-z])" if w.isascii() else re.escape(w)
        for m in re.finditer(pattern, low):
            if any(q.start - 14 <= m.start() <= q.end + 14 and q.ordinal for q in found) or \
                    re.match(r"\s*\d", low[m.end():m.end() + 3]):
                continue  # 'second largest' is counted by its ordinal; 'top 10' is a list, not a rank
            if any(q.start < m.end() and m.start() < q.end for q in out):
                continue
            if w.isascii() and any(re.match(rf"\s+(?:single\s+)?{re.escape(v)}\b", low[m.end():m.end() + 30]) for v in sup["en_not_before"]):
                continue  # 'the biggest rise among the three', 'the largest single segment'
            after = re.split(r"[,.;:，。；：、]", low[m.end():m.end() + (40 if w.isascii() else 10)])[0]
            if not any(n in after for n in sup["ranked_nouns"]) and not re.match(r"[\s的]*[a-z]*[A-Z\u4e00-\u9fff]", folded[m.end():m.end() + 3]) \
                    or not w.isascii() and not any(n in after for n in sup["ranked_nouns"]):
                continue  # 'its biggest one-day gain', 最大的挑战: no one is ranked
            if not w.isascii() and (any(low.startswith(v, m.end()) for v in sup["zh_not_before"])
                                    or any(low[:m.start()].endswith(v) for v in sup["zh_not_after"])):
                continue  # 最高下调55%, 幅度最大的一次
            out.append(Quantity(m.start(), m.end(), Decimal(1), "rank", None, True))
    for w in sup["first"]:  # 以22.4%的市占率居首, 'Huawei leads the room segment': first place, with no ordinal
        pattern = rf"(?<![a-z]){re.escape(w)}(?:\s+(?:[a-z-]+\s+){{0,2}}(?:{'|'.join(map(re.escape, sup['first_of']))}))?(?![a-z])" \
            if w.isascii() else re.escape(w)
        for m in re.finditer(pattern, low):
            if w.isascii() and m.end() == m.start() + len(w) and w in sup["first_needs_of"]:
                continue  # 'leads' alone: 'leads to'; only 'leads the … market'
            if not any(q.start < m.end() and m.start() < q.end for q in out):
                out.append(Quantity(m.start(), m.end(), Decimal(1), "rank", None, True))
    return sorted(out, key=lambda q: q.start)


def _is_rank(text: str, start: int, end: int) -> bool:
    """Whether an ordinal is a position: a rank word after it (second largest) or 'ranked' right before it."""
    tail = text[end:end + 30].lower()
    head = text[max(0, start - 16):start].lower().rstrip().removesuffix("第")  # 排名第二
    return any(re.match(rf"[\s-]*(?:\w+[\s-]+)?{re.escape(w)}", tail) for w in words()["rank_words"]) or \
        any(head.endswith(w) for w in words()["rank_before"])


def _stated_by(r: Reading, s: int, e: int, pos: int, state: State, refs: list[Ref]) -> tuple[str | None, Ref | None]:
    """Who states the figure at `pos`, and the name that says so when it is a source ('according to X', 据X)
    rather than a speaker ('X said', X表示, who may well be the figure's subject); 'the report' is the last one."""
    w = words()["stated_by"]
    low = r.para.folded.lower()
    for cue in sorted(w["before"], key=len, reverse=True):
        for m in re.finditer(re.escape(cue.lower()), low[s:e]):
            at = s + m.end()
            after = [x for x in refs if not re.search(r"[,，、;；。]", low[at:x.start]) and (
                at <= x.start <= at + 14 or at <= x.start <= at + 60 and re.fullmatch(  # 'a report released in May by X'
                    r"\s*(?:an?|the)?\s*(?:[\w-]+\s+){0,5}?(?:by|from|of)\s+(?:the\s+)?", low[at:x.start]))]
            if after:  # 根据中国研究公司艾媒咨询: the source, not the place describing it
                source = next((x for x in after if _may_state(x.cls)), None)
                if source:
                    return source.id, source
            for ana in w["anaphora"]:
                if low[at:at + 16].lstrip().startswith(ana.lower()) and state.last_report:
                    return state.last_report, None
    for x in refs:  # 信通院数据显示, 工信部21日发布的数据显示: a source, like 'according to'
        tail = re.sub(r"^\s*(?:\d{1,2}\s*[日号]|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|近日|日前|今天|昨天|今日|昨日|当天|本周)?\s*(?:发布|公布|披露)?的?",
                      "", low[x.end:x.end + 30])
        if x.end <= pos and _may_state(x.cls) and any(tail.startswith(v.lower()) or low[x.end:x.end + 24].lstrip().startswith(v.lower())
                                                      for v in w["source_after"]):
            return x.id, x
    for ana in w["anaphora"]:
        i = low.find(ana.lower(), s, e)
        if i >= 0 and state.last_report:  # 'the report shows …' or '…, the report said'
            for verb in w["after"]:
                if low.startswith(" " + verb.lower(), i + len(ana)) or low.startswith(verb.lower(), i + len(ana)):
                    return state.last_report, None
    best = None
    asides = _asides(r, s, pos)
    for x in refs:  # a speaker: may be the subject as well, so no Ref is returned
        if x.end > pos or not _may_state(x.cls) or any(i <= x.start and x.end <= j for i, j in asides):
            continue
        tail = low[x.end:pos]
        for verb in w["after"]:
            v = verb.lower()
            j = tail.find(v)
            if j >= 0 and j <= (40 if v.isascii() else 30):
                if best is None or x.start > best.start:
                    best = x
                break
    return (best.id, None) if best else (None, None)


def _may_state(cls: str) -> bool:
    """Whether an entity of class `cls` may state a figure (the classes shapes.ttl allows for kg:statedBy)."""
    return any(ontology().fits(cls, c) for c in stater_classes())


def _asides(r: Reading, s: int, pos: int) -> list[tuple[int, int]]:
    """Spans of the asides between `s` and `pos` that follow a name (X, which runs Y, / X, a startup backed by Y, /
    X, the platform owned by Y,), each up to its closing comma."""
    folded = r.para.folded
    out = []
    for m in re.finditer(r",\s+(which|who|whose|an?|the|its|their|[a-z][a-z-]*)\b", folded[s:pos].lower()):
        at = s + m.start()
        j = folded.find(",", s + m.end())
        after_name = [x for x in r.refs if x.end in (at, at - 1)] or any(  # 'The platform, developed with X, cut'
            folded[s:at].strip(" \"“‘'").lower() == w.lower() for w in words()["sentence_anaphora"])
        opening = folded[s:at].strip(" \"“‘'").lower().split(" ", 1)[0]
        if opening in words()["prepositions"] and m.group(1) in ("the", "a", "an", "its", "their"):
            continue  # 'In its 53rd report on X, the centre put …': a phrase opening the sentence, then its subject
        if 0 <= j < pos and (m.group(1) in ("which", "who", "whose") or after_name and (
                m.group(1) in ("a", "an", "the", "its", "their") or after_name is True or any(x.cls == "Person" for x in after_name))):
            out.append((at, j))  # 'The app, which Y launched in 2015, counts'; 'X, a unit of Y,'; 'Name, president of Y,'
    for m in re.finditer(r"\s(?:--?|[–—])\s[^–—]+?\s(?:--?|[–—])\s|—[^—]+—", folded[s:pos]):
        out.append((s + m.start(), s + m.end()))  # 'Subscription income - which it has pushed since 2021 - jumped'
    return out


def _possessive(r: Reading, x: Ref, cands: list[Ref]) -> bool:
    """Whether the name `x` modifies a following name ("Tencent's Tencent Meeting", 腾讯旗下的腾讯会议)."""
    tail = r.para.folded[x.end:x.end + 12].lower()
    for w in words()["possessive"]:
        if tail.startswith(w.lower()):
            return any(y.start >= x.end + len(w) and y.start - x.end <= 12 and not _topic(y.cls) for y in cands if y is not x)
    return False


def _zh_topic(r: Reading, q, cands: list[Ref], shared: str | None) -> tuple[str, float] | None:
    """Chinese puts the topic first: the first name of the figure's clause (or of an earlier clause of its
    sentence) that only descriptors precede; a name describing the next one (中国线上学习平台X, 腾讯旗下的X) or
    speaking about it (腾讯声称旗下X) gives way to it. A clause naming nothing shares the sentence's subject."""
    folded = r.para.folded
    links = sorted(words()["zh_links"], key=len, reverse=True)
    speech = words()["stated_by"]["after"]
    marks = [m for m in words()["clause_marks"] if m != "、"]
    s, _e = r.sentence_of(q.start)
    cuts = [s] + [i + 1 for i in range(s, q.start) if folded[i] in marks]
    own = [x for x in cands if cuts[-1] <= x.start and x.end < q.start and not _topic(x.cls) and x.cls != "Place"]
    if own and folded[own[-1].end] == "的" and not re.search(r"[在对向从与和及]", folded[own[-1].end:q.start]):
        return own[-1].id, 0.5  # 使用X的比例为71%, 使用Y的为58%: whose share it is
    for n, cut in enumerate(reversed(cuts)):
        end = q.start if n == 0 else cuts[len(cuts) - n]
        inside = [x for x in cands if cut <= x.start and x.end <= end]
        for i, x in enumerate(inside):
            if x.cls == "Place" and any(y.start == x.end for y in inside) or folded[x.start - 1:x.start] == "其":
                continue  # 中国网络招聘市场: the place only says where; 其制造业客户: a part of 'its
            gap = folded[cut:x.start]
            if any(w in gap for w in links):
                break
            nxt = next((y for y in inside[i + 1:] if not _topic(y.cls)), None)
            if nxt:
                between = folded[x.end:nxt.start].rstrip("“「『\"")  # 旗下的“X”
                if not any(w in between for w in links) or any(between.startswith(w) for w in speech) \
                        or between in words()["possessive"] \
                        or between.endswith("的") and not re.search(r"[，,。；;]", between):  # 依托X打造的“Y”平台: Y
                    continue  # describes (or speaks for) the next name
            if _topic(x.cls) and not any(m.start - x.end in (0, 1) for m in r.metrics):
                continue
            return x.id, 0.55 if n == 0 else 0.45
        if n == 0 and shared:
            return shared, 0.45
    return None


def _plan_owner(r: Reading, x: Ref) -> str:
    """A plan a place owns ("Sichuan's 14th Five-Year Plan … requires 90 percent"): its targets are the place's."""
    if ontology().fits(x.cls, "GovernmentPlan"):
        owner = [y for y in r.refs if y.cls == "Place" and re.fullmatch(r"['’]s\s+", r.para.folded[y.end:x.start])]
        if owner:
            return owner[0].id
    return x.id


def _subject(r: Reading, q, a: int, cands: list[Ref], state: State, chinese: bool,
             shared: str | None = None, superlative: bool = False, since: int = 0) -> tuple[str | None, float]:
    """The entity a figure is about. A name right before a metric's name ('remote office market') first; then a
    name of its clause before it; then of its sentence (before, then after); then the last one of the paragraph;
    then the last subject. Modifiers ('X's') and topics (technologies, sectors, events) only when nothing else
    is named. Chinese names the topic first: the leftmost name of the nearest clause that names one."""
    folded = r.para.folded
    s0, e0 = r.sentence_of(q.start)
    low = folded.lower()
    if chinese:  # 全市依托“浙政钉”建设的体系…已接入52个: the city's, not the platform's it works through
        cands = [x for x in cands if not re.search(rf"(?:{_any_of('zh_instrument')})[“「『\"]?$", folded[max(0, x.start - 4):x.start])]
    cands = [x for x in cands if not (re.search(rf"(?<![a-z])(?:{_any_of('investor_before')})\s*$", low[max(0, x.start - 14):x.start])
                                      or re.match(rf"\s*(?:{_any_of('investor_after')})", low[x.end:x.end + 4]))]
    # 'a Series C led by X at a valuation of …', 由X领投: an investor is no subject of the round's figures
    if not chinese and (re.match(r"\s*(?:%|percent|per\s+cent)?\s+of\s+its\s", low[q.end:q.end + 24]) or re.search(
            r"\bits\s+(?:[a-z-]+\s+){0,3}(?:of|at|was|were|reached|totalled|totaled)\s+(?:about\s+|some\s+|nearly\s+)?\S{0,4}$",
            low[max(s0, q.start - 60):q.start])):
        owner = next((x for x in cands if s0 <= x.start and x.end <= q.start and x.cls != "Place" and not _topic(x.cls)), None)
        if owner:  # 'Zoom said the region generated 13 percent of its revenue of $4.39 billion': its, Zoom's
            return owner.id, 0.45
    targets = [x for x in cands if x.end <= q.start and ontology().fits(x.cls, "GovernmentPlan") and re.search(
        rf"(?:{_any_of('target_verbs')}).*?(?:到|至|by\s+(?:the\s+end\s+of\s+)?)(?:20\d\d)", folded[x.end:q.start].lower())]
    if targets:  # 《方案》提出，到2027年底，推动10万家…，关键工序数控化率达到70%: each of the plan's targets
        return targets[-1].id, 0.5
    if state.last_event and _event_anaphor(folded[s0:e0]) and not [
            x for x in cands if not _topic(x.cls) and x.cls != "Place" and not _after_preposition(folded, x.start)]:
        return state.last_event, 0.45  # '1,200 companies are exhibiting at the two-day event': the event's
    if not chinese:  # 'revenue from online document editing climbed', 'the usage rate of online meeting services rose'
        for m in r.metrics:
            if a <= m.start and m.end <= q.start:
                of = [x for x in cands if m.end < x.start and x.end <= q.start and re.fullmatch(
                    r"\s+(?:from|of|at|for)\s+(?:the\s+)?", folded[m.end:x.start].lower())]
                if of and not re.search(r"[,;]", folded[of[0].end:q.start]):
                    return of[0].id, 0.5
    for m in r.metrics if q.unit != "rank" and not q.ordinal else ():  # 'ranked second in the X market': a scope
        if m.end <= q.start and folded[m.end:q.start].strip() == "" or (a <= m.start < q.start):
            touching = [x for x in cands if x.end <= m.start and x.end <= q.start  # 'office software market', 办公软件市场
                        and not re.search(r"(?:其|\bits\s|\btheir\s)$", folded[max(0, x.start - 6):x.start].lower())  # 其制造业客户数
                        and re.fullmatch(r"\s?(?:[a-z-]+\s){0,2}|[\u4e00-\u9fff]{0,3}", folded[x.end:m.start])
                        and not any(w in folded[x.end:m.start] for w in words()["zh_links"])]
            if touching:
                x = touching[-1]
                s0 = r.sentence_of(q.start)[0]
                at = folded.rfind("在", s0, x.start)
                head = [y for y in cands if s0 <= y.start and y.end <= at and not _topic(y.cls) and y.cls != "Place"] if at >= 0 else []
                if chinese and _topic(x.cls) and head:  # 金蝶去年在中国SaaS市场的占有率为11.4%: the one named before 在
                    return head[-1].id, 0.5
                firm = state.last_company
                if _topic(x.cls) and (q.unit in MONEY or q.unit == "percent") and firm \
                        and firm in (state.last_subject, *state.subject_time) and r.para.n - state.company_paras[firm][-1] <= 2 \
                        and re.search(r"(?:收入|revenue|revenues)$", folded[m.start:m.end].lower()) \
                        and not re.search(r"(?:市场|market)", folded[x.end:m.end].lower()) \
                        and not [y for y in cands if y.end <= q.start and not _topic(y.cls) and y.cls != "Place"]:
                    return firm, 0.45  # a results story's 雲視像會議訂閱收入, 'cloud revenue': the company's segment
                return x.id, 0.55
    low = folded.lower()
    if not chinese:  # "WeChat, China's messaging app with 1.38 billion accounts": the name the aside describes
        for x in cands:
            if x.end < q.start and not _topic(x.cls) and x.cls != "Place" and re.fullmatch(
                    r",\s+(?:[A-Z][\w.-]*['’]s|the|an?|its)\s+[^,;.:]{0,60}?\s+(?:with|of|serving|counting)\s+(?:about\s+|some\s+|nearly\s+|more\s+than\s+|over\s+)?",
                    folded[x.end:q.start]):
                return x.id, 0.5
    if not chinese:  # 'Chinese companies will spend 4.7 billion yuan': the country's
        people = next((m for m in re.finditer(r"(?:^|[,;]\s*|\bthat\s+)([A-Z][a-z]+(?: [A-Z][a-z]+)?) [a-z]+s\b(?=[^,;]*$)",
                                              folded[s0:q.start]) if m.group(1) in state.demonyms), None)
        if people and not [
                x for x in cands if s0 + people.end(1) <= x.start < q.start and not _topic(x.cls) and x.cls != "Place"]:
            return state.demonyms[people.group(1)], 0.45
    if not chinese and q.unit == "percent":  # 'A survey of 2,300 SMEs by X found that 64 per cent used …': the SMEs asked
        asked = [x for x in cands if s0 <= x.start and x.end <= q.start and re.search(
            r"\b(?:survey|poll|study|questionnaire)\s+of\s+(?:about\s+|some\s+|more\s+than\s+)?(?:[\d,.]+\s+(?:million\s+)?)?(?:[a-z-]+\s+){0,3}$",
            low[max(s0, x.start - 60):x.start])]
        if asked and re.search(r"\b(?:found|showed|shows|finds|revealed)\b", low[asked[0].end:q.start]):
            return asked[0].id, 0.45
    country = re.match(r"\s+(?:[a-z-]+\s+){0,2}(?:in|across)\s+the\s+(?:country|nation)\b", low[q.end:q.end + 40])
    if country and state.last_country and not chinese:  # '570 million people in the country': the country named before
        return state.last_country, 0.5
    if not chinese:  # "China's software and IT services industry generated revenue of …": the industry, not its country
        s_ = r.sentence_of(q.start)[0]
        for x in cands:
            own = re.match(r"['’]s\s+", folded[x.end:x.end + 4]) if x.cls == "Place" and s_ <= x.start and x.end < q.start else None
            owned = [y for y in cands if own and y.start == x.end + own.end() and _topic(y.cls) and y.end <= q.start]
            if owned and not [z for z in cands if x.start <= z.start < q.start and not _topic(z.cls) and z.cls != "Place"]:
                return owned[0].id, 0.5
    sample = words()["survey_sample"]
    if (any(low[:q.start].rstrip().endswith(w) for w in sample["before"]) or chinese and "对" in low[max(a, q.start - 4):q.start]
            and any(w in low[q.end:r.sentence_of(q.start)[1]] for w in sample["zh_after"])):
        reports = [x for x in r.refs if x.cls == "Report" and x.end <= r.sentence_of(q.start)[1]]
        if reports or state.last_report:  # 'a survey of 1,500 office workers': the survey's sample
            return (reports[-1].id if reports else state.last_report), 0.45
    plans = [x for x in cands if x.end <= q.start and ontology().fits(x.cls, "GovernmentPlan") and any(
        w.lower() in low[x.end:q.start] for w in words()["target_verbs"])]
    if plans:  # 《…方案》提出，到2027年…要达到80%: the plan's target
        return plans[-1].id, 0.5
    whole = re.match(r"\s*(?:(?:percent|per cent|pct|%)\s*)?of\s+(?:the\s+)?", low[q.end:q.end + 24]) or \
        chinese and re.match(r"%?(?:左右)?的", folded[q.end:q.end + 4])  # '35%的中小企业': a share of them
    held = chinese and q.unit == "percent" and re.search(r"占(?:据)?([^，。；,;]{1,24}?)的?\s*(?:约|近|超过|逾)?$", folded[a:q.start])
    if held:  # 占公有云总收入的25%: a share of the whole named after 占
        inside = [x for x in cands if a + held.start(1) <= x.start and x.end <= a + held.end(1)]
        if inside:
            return inside[0].id, 0.5
    holder = [x for x in cands if a <= x.start and x.end <= q.start and not _topic(x.cls) and x.cls != "Place"] if re.search(
        r"\b(?:took|takes|held|holds|had|has|captured|commands|commanded|won|claimed|controlled|controls)\s+(?:about\s+|nearly\s+|some\s+|roughly\s+|over\s+|more\s+than\s+|almost\s+)?$",
        low[max(0, q.start - 30):q.start]) else []
    if holder and whole:  # 'WPS took 38.5 percent of China's office-suite revenue': the one who holds the share
        return holder[-1].id, 0.55
    if q.unit == "percent" and whole:  # '6.9 percent of China's GDP': a share of the named whole
        part_of = [x for x in cands if x.start == q.end + whole.end()]
        if part_of and not _topic(part_of[0].cls):
            return part_of[0].id, 0.55
        _s, e = r.sentence_of(q.start)
        where = [x for x in cands if x.cls == "Place" and q.end < x.start < e and (re.search(  # '40% of SMEs in Zhejiang'
            r"\bin\s+(?:the\s+)?$", low[max(q.end, x.start - 8):x.start]) or low[x.start:x.end] in ("nationwide", "全国"))
            and not re.search(r"[,;]", low[q.end:x.start])]  # '90 percent of licensing items nationwide'
        if where:
            return where[0].id, 0.5
        if part_of:
            return part_of[0].id, 0.5
        people = re.match(r"([A-Z][a-z]+(?: [A-Z][a-z]+)?) [a-z]", folded[q.end + whole.end():q.end + whole.end() + 24])
        if people and people.group(1) in state.demonyms:  # '18.5% of Chinese enterprises': China's
            return state.demonyms[people.group(1)], 0.5
    s_ = r.sentence_of(q.start)[0]
    firm = [m for w in words()["company_anaphora"] for m in re.finditer(
        (r"(?<![a-z])" + re.escape(w).replace(r"the\ ", r"the\s+(?:[\w-]+-based\s+)?") + r"(?![a-z])") if w.isascii()
        else _clause_head() + re.escape(w), low[s_:q.start])]  # 公司, 我们 heading a clause (after its openers: 期内公司)
    if firm:  # "Individual subscriptions, the company's largest business, brought in …": the company named before
        at = min(m.start() for m in firm) + s_
        we = state.interviewee and any(w in low[s_:q.start] for w in words()["first_person"])
        if we and not [x for x in cands if x.start < q.start and not _topic(x.cls) and x.cls != "Place"]:
            return state.interviewee, 0.45  # 我們 in an interview's answers: the interviewee's company
        companies = [x for x in r.refs if x.end <= at and x.cls not in NOT_SUBJECTS and ontology().fits(x.cls, "Company")]
        if not [x for x in cands if x.start < q.start and not _topic(x.cls) and x.cls != "Place"] and (companies or state.last_company):
            return (companies[-1].id if companies else state.last_company), 0.45
    pointer = [m.end() for w in words()["place_anaphora"] for m in re.finditer(
        rf"(?<![a-z]){re.escape(w)}(?![a-z])" if w.isascii() else re.escape(w) + "(?!场)", low[a:q.start])]  # not 资本市场
    head = r.sentence_of(q.start)[0]
    if chinese and not pointer and not [x for x in cands if head <= x.start < q.start and not _topic(x.cls)]:
        opening = [m.end() for w in words()["place_anaphora"] if not w.isascii()
                   for m in re.finditer(re.escape(w) + "(?!场)", low[head:q.start])]
        if opening:  # 全市依托…建设的体系持续完善，已接入市级部门52个: the sentence's opening 全市 heads its later clauses too
            a, pointer = head, opening
    others = [m.start() for w in words()["sentence_anaphora"] if len(w) > 2 for m in re.finditer(
        rf"(?<![a-z]){re.escape(w.lower())}(?![a-z])" if w.isascii() else re.escape(w), low[a:q.start])]
    if pointer and others and min(others) < min(pointer):
        pointer = []  # 'the platform saved the province 1.3 billion yuan': the platform is the subject
    if pointer:  # 该省计划到2025年…, 'the province aims to': the place named before (全省: the province)
        province = any(w in low[a:q.start] for w in words()["province_anaphora"])
        city = any(w in low[a:q.start] for w in words()["city_anaphora"])
        places = [x for x in r.refs + r.inner if x.cls == "Place" and x.end <= a + max(pointer)
                  and (not province or x.id in _provinces()) and (not city or x.id in _cities())]
        last = state.last_province if province and state.last_province else \
            state.last_city if city and state.last_city else state.last_place  # 全市: the city, not its province
        if not [x for x in cands if a + max(pointer) <= x.start < q.start and not _topic(x.cls)] and (places or last):
            return (max(places, key=lambda x: x.end).id if places else last), 0.45
    named = [x for x in cands if not _topic(x.cls) and not _possessive(r, x, cands)]
    scene: list[Ref] = [x for x in named if x.cls == "Place" and (  # 'Beijing-based', 总部位于深圳的, 全国
        any(low.startswith(w, x.end) for w in words()["scene_after"]) or folded[x.start:x.end] in words()["scene_words"]
        or any(low[:_list_head(r, x)].rstrip().endswith(w) for w in words()["scene_before"]))]
    where = [x for x in scene if folded[x.start:x.end] not in words()["scene_words"]]
    named = [x for x in named if x not in where]  # 'Xiamen-based', 客户集中在长三角和珠三角: never what a figure is about
    if not chinese:  # 'popular with students in the Philippines': a place after a preposition only sets the scene
        for x in named:
            if x.cls == "Place" and (_after_preposition(folded, x.start) and not any(
                    re.fullmatch(r"\s*(?:in|across|within)\s+(?:the\s+)?", low[m.end:x.start]) for m in r.metrics)
                    and not (x.end <= q.start and any(b <= x.start and _counted_in(low[b:x.start])  # 'people in China'
                                                      for b in (a, r.sentence_of(q.start)[0])))
                    or scene and re.fullmatch(r"\s*(?:,|,?\s*and|,?\s*or)\s+(?:the\s+)?", low[scene[-1].end:x.start])):
                scene.append(x)  # not 'users in China'; 'in the Philippines and Vietnam' both
    core = [x for x in named if x not in scene]
    heads = [x for x in scene if a <= x.start and x.end <= q.start and "其" not in folded[a:r.sentence_of(q.start)[1]]]
    if chinese and heads and not [x for x in core if a <= x.start < q.start] and not [
            x for x in cands if _topic(x.cls) and heads[-1].end <= x.start < q.start]:
        return heads[-1].id, 0.45  # 今年前三季度，全国软件业务收入…: the country heads the figure's own clause
    if scene and not core:  # 全国软件和信息技术服务业实现…: the sector, not the scope around it
        own = [x for x in cands if _topic(x.cls) and x.end <= q.start and x.start >= scene[-1].end]
        if own:
            return own[-1].id, 0.45
    named = core if [x for x in core if x.cls != "Place"] else named
    before = [x for x in named if x.end <= q.start]
    compared = sorted(words()["comparison_before"], key=len, reverse=True)
    after = [x for x in named if x.start >= q.end and not any(  # 'equivalent to those of the US': a yardstick
        re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", low[q.end:x.start]) for w in compared)]
    if not before and not chinese:  # '…, the Zhuhai-based company said in a filing to the Shanghai Stock Exchange'
        _s, e = r.sentence_of(q.start)
        firm = [m.start() for w in words()["company_anaphora"] if w.isascii() for m in re.finditer(
            r"(?<![a-z])" + re.escape(w).replace(r"the\ ", r"the\s+(?:[\w-]+-based\s+)?") + r"\s+(?:said|says|told|added|noted)",
            low[q.end:e])]
        companies = [x for x in r.refs if x.end <= q.start and ontology().fits(x.cls, "Company")]
        if firm and (companies or state.last_company):
            return (companies[-1].id if companies else state.last_company), 0.45
        if state.last_subject:
            after = [x for x in after if not (x.cls == "Place" and (_after_preposition(folded, x.start) or x in scene))]
    if chinese:  # 三千多家企业在飞书上搭建系统: the platform they are counted on
        on = [x for x in cands if x.start > q.end and not _topic(x.cls) and x.cls != "Place"
              and re.fullmatch(r"[\u4e00-\u9fff]{0,6}在", folded[q.end:x.start]) and folded.startswith(("上", "平台上"), x.end)]
        if on:
            return on[0].id, 0.5
        uses = _any_of("zh_use_verbs")
        used = [x for x in cands if x.start > q.end and not _topic(x.cls) and x.cls != "Place" and q.unit in COUNTS
                and re.fullmatch(rf"[\u4e00-\u9fff]{{0,6}}?(?:{uses})", folded[q.end:x.start])]
        if used:  # 4,200家企业付费使用Zoom服务: what they use
            return used[0].id, 0.5
        s0 = r.sentence_of(q.start)[0]
        its = folded.rfind("其", max(a, s0), q.start)
        if its >= 0 and not [x for x in cands if its < x.start < q.start and not _topic(x.cls)]:
            named_before = [x for x in cands if s0 <= x.start and x.end <= its and not _topic(x.cls) and x.cls != "Place"
                            and x not in scene]
            if named_before:  # 飞书则未公布用户数，但其付费企业客户数年增近40%: 其 is the one named before
                return named_before[-1].id, 0.45
        asked = _any_of("survey_sample", "zh_pool")
        pool = re.search(rf"(?:{asked})的?([^，。；]{{1,14}}?)中[，,]?", folded[s0:q.start])
        if pool:  # 受访中小企业中，…约18%: the group asked
            inside = [x for x in cands if s0 + pool.start(1) <= x.start and x.end <= s0 + pool.end(1)]
            if inside:
                return inside[-1].id, 0.45
    back = _sentence_anaphor(r, q, before, state)
    if back:
        return back, 0.45
    if chinese:
        found = _zh_topic(r, q, [x for x in cands if x not in scene], shared)
        if found:
            return found
    s, _e = r.sentence_of(q.start)
    said = [m.end() for v in words()["stated_by"]["after"] if v.isascii()
            for m in re.finditer(rf"(?<![a-z]){re.escape(v)}(?![a-z])(?!\s+(?:a|an|off|its|their)\s)", low[s:q.start])]
    # not 'X showed a low-code builder': a display, not a statement
    reported = [x for x in before if said and x.start >= s + max(said)]
    if reported:  # 'X announced that it would ... in Berlin': 'it' is X, the one who said it
        back = [m.start() for w in words()["subject_anaphora"]
                for m in re.finditer(rf"(?<![a-z]){re.escape(w)}(?![a-z'’])", low[s + max(said):q.start])]
        if back and (min(back) + s + max(said) < reported[0].start or all(x.cls == "Place" for x in reported)):
            reported = [x for x in before if x.start < s + max(said) and x.cls != "Place"][-1:]
    if reported:
        before = reported  # 'X noted that <figure> of China's GDP'
    elif said and not chinese:
        told = [x for x in cands if _topic(x.cls) and s + max(said) <= x.start and x.end <= q.start]
        speaker = [x for x in before if x.start < s + max(said) and x.cls != "Place"]
        if told and speaker and any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z'’])", low[told[-1].end:q.start])
                                    for w in words()["subject_anaphora"]):
            return speaker[-1].id, 0.45  # 'X said … its AI assistant …, and that the platform had …': X
        if told:  # 'X said that the market for Y reached …': Y, not the one who says it
            return told[-1].id, 0.45
    if superlative:  # 'China's largest platform Alipay', 'Didi, the country's largest': not the possessor
        stops = set(words()["phrase_stops"])
        close = [x for x in after if not re.search(r"[,;:.，。]", folded[q.end:x.start])
                 and not stops & set(re.findall(r"[a-z]+", low[q.end:x.start]))]
        if close:
            return close[0].id, 0.5
        before = [x for x in before if not re.match(r"\s*['’]s\b", folded[x.end:q.start])]
        after = []
    if not chinese:  # 'X, which runs China's largest platform Y, remains ...': Y is in an aside
        asides = _asides(r, s, q.start)
        before = [x for x in before if not any(i <= x.start and x.end <= j for i, j in asides)
                  or superlative and re.fullmatch(r"\s*,\s*(?:the\s+|\S+['’]s\s+)", folded[x.end:q.start])]  # 'Name, head of X, India's largest
    in_clause = [x for x in before if a <= x.start]
    if shared and not chinese and not [x for x in named if since <= x.start and x.end <= q.start] and not [
            x for x in after if not re.search(r"[,;.]", folded[q.end:x.start])]:
        return shared, 0.45  # 'X reached 36.4 billion yuan, up 18.7 percent': no one else named since
    if in_clause:
        return _plan_owner(r, in_clause[-1]), 0.55
    if before:
        return _plan_owner(r, before[-1]), 0.45
    if after:
        return after[0].id, 0.45
    own = [x for x in cands if _topic(x.cls) and x.end <= q.start and not _after_preposition(folded, x.start)]
    if own:  # 'Chinese SaaS vendors earned 4.8 billion dollars': a sector is what the sentence is about
        return own[-1].id, 0.4
    earlier = [x for x in r.refs if x.end <= s and not _topic(x.cls) and x.cls not in NOT_SUBJECTS]
    named_before = {x.id for x in r.refs if x.end <= s and r.sentence_of(x.start) == r.sentence_of(max(0, s - 1))}
    if state.last_subject in named_before:  # '…低代码市场规模达到38.6亿元；预计到2027年…': what the sentence before was about
        return state.last_subject, 0.4
    money = [w for w in words()["company_metrics"] if re.search(
        rf"(?<![a-z]){re.escape(w)}(?![a-z])" if w.isascii() else re.escape(w), low[s:q.start])]
    if money and state.last_company and not [x for x in cands if x.end <= q.start and not _topic(x.cls)]:
        return state.last_company, 0.4  # 'Institutional subscription revenue rose 9.3%': the company's results
    if state.last_subject and state.subject_para == r.para.n and not chinese:
        return state.last_subject, 0.4  # 'Net profit reached …, according to a filing with X. Revenue climbed …': the same
    if earlier:  # the subject of the sentence before: its first name that is not a place
        s0, _e0 = r.sentence_of(earlier[-1].start)
        last = [x for x in earlier if x.start >= s0]
        if state.last_subject in {x.id for x in last}:
            return state.last_subject, 0.4  # that sentence's figure was about it too
        firm = next((x for x in last if x.cls != "Place"), None)
        return (firm.id if firm else state.last_subject or last[-1].id), 0.35  # only places: what the story was about
    if state.last_subject:
        return state.last_subject, 0.3
    topics = [x for x in cands if x.end <= q.start] or cands
    if topics:
        return topics[-1].id, 0.3
    return (state.last_place, 0.25) if state.last_place else (None, 0.2)  # '47.6% of the companies surveyed'


@cache
def _cities() -> frozenset[str]:
    """Ids of the gazetteer's cities: places it puts inside a province."""
    return frozenset(x["id"] for x in places() if x.get("in") in _provinces())


@cache
def _provinces() -> frozenset[str]:
    """Ids of the gazetteer's provinces and autonomous regions (an alias ending in 省 or 自治区)."""
    return frozenset(x["id"] for x in places() if any(a.endswith(("省", "自治区")) for a in x.get("aliases", [])))


def _event_anaphor(sentence: str) -> bool:
    """Whether a sentence points back to an event ('at the two-day event', 'this year's summit', 本届峰会)."""
    nouns = _any_of("event_anaphora", "en")
    return bool(re.search(rf"(?<![a-z])(?:the|this year's|this)\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})(?![a-z])", sentence.lower())
                or re.search(_any_of("event_anaphora", "zh"), sentence))


@lru_cache(maxsize=1)
def _counted_nouns() -> re.Pattern:
    nouns = [w for w, unit, zh in grammar().units if not zh and unit in ("person", "organization", "company")]
    return re.compile(r"\W*(?:(?:the|a|an)\s+)?(?:(?:total\s+)?number\s+of\s+)?(?:[a-z-]+\s+){0,3}?(?:"
                      + "|".join(map(re.escape, sorted(nouns, key=len, reverse=True))) + r")\s+in\s+(?:the\s+)?")


def _counted_in(head: str) -> bool:
    """Whether a clause opens on 'the number of people in', 'companies in' (the population a figure counts)
    right before a place."""
    wire = _DATELINE_ANY_CASE.match(head)
    return bool(_counted_nouns().fullmatch(head[wire.end():] if wire else head))


def _after_preposition(folded: str, start: int) -> bool:
    """Whether the name at `start` follows an English preposition (with an article or a possessive between)."""
    text = folded[max(0, start - 80):start]
    preps = set(words()["prepositions"])
    while True:  # 'in Beijing, Zhuhai and Wuhan', 'from agencies, banks and firms': back over the list to its head
        sep = re.search(r"(?:,\s+|,?\s+(?:and|or)\s+)$", text)
        if not sep:
            break
        item = re.search(r"(?:[A-Za-z][\w'’.-]*\s+){0,2}[A-Za-z][\w'’.-]*$", text[:sep.start()])
        tokens = item.group(0).lower().split() if item else []
        cut = next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i] in preps), None)
        if not tokens or cut == len(tokens) - 1:
            break
        if cut is not None:  # 'from government agencies, banks': the item starts after its preposition
            text = text[:item.start()] + " ".join(item.group(0).split()[:cut + 1]) + " "
            break
        text = text[:item.start()]
    head = re.sub(r"(?:\b(?:the|an?|its|their|his|her|our)\s+)$", "", text[-24:].lower().rstrip() + " ")
    last = re.findall(r"[a-z]+", head[-14:])
    return bool(last) and head.rstrip().endswith(last[-1]) and last[-1] in words()["prepositions"]


def _sentence_anaphor(r: Reading, q, before: list[Ref], state: State) -> str | None:
    """'The platform said its users reached 86 million' / 该平台用户达…: a sentence opening on words that point back
    (words.yaml `sentence_anaphora`) is about the main name of the sentence before (else the last subject), unless
    a name comes between; after 'said', only 'its' / 'it' / 其 keep the speaker as the subject."""
    s, _e = r.sentence_of(q.start)
    s_orig = s
    low = r.para.folded[s:q.start].lower()
    speech = _any_of("stated_by", "after", ascii_only=True)
    that = re.search(rf"(?<![a-z])(?:{speech}|estimate|believe|believes)\s+(?:that\s+)?(?=the\s|this\s)", low)
    if that:  # 'Officials estimate that the platform saved …', 'Tencent said the app had …'
        s, low = s + that.end(), low[that.end():]
    opening = low.lstrip(" \"“‘'")
    word = next((w for w in sorted(words()["sentence_anaphora"], key=len, reverse=True)
                 if opening.startswith(w.lower()) and not opening[len(w):len(w) + 1].isalpha()), None)
    asides = _asides(r, s, q.start)
    if word is None or [x for x in before if x.start >= s and x.cls not in NOT_SUBJECTS and x.cls != "Place"
                        and not any(i <= x.start and x.end <= j for i, j in asides)]:
        return None
    said = [m.end() for v in words()["stated_by"]["after"] for m in re.finditer(re.escape(v), low) if v.isascii()]
    if said and not re.search(r"(?<![a-z])(?:its?|their)(?![a-z])", low[max(said):]):
        return None  # 'The ministry said the industry's revenue ...': the ministry only speaks
    earlier = [x for x in r.refs if x.end <= s_orig and x.cls not in NOT_SUBJECTS and x.cls != "Place" and not _topic(x.cls)]
    if earlier:
        s0, _e0 = r.sentence_of(earlier[-1].start)
        asides = _asides(r, s0, s_orig)
        main = [x for x in earlier if x.start >= s0 and not any(i <= x.start and x.end <= j for i, j in asides)]
        if main:
            return main[0].id
    return state.last_subject


def _list_head(r: Reading, x: Ref) -> int:
    """Where the list that the name `x` ends starts (集中在长三角和珠三角: at 长三角), else where `x` starts."""
    at = x.start
    while True:
        prev = [y for y in r.refs if y.end <= at and LIST_GAP.fullmatch(r.para.folded[y.end:at])]
        if not prev:
            return at
        at = prev[-1].start


def fieldwork_dates(readings: list[Reading]) -> tuple[dict[int, str], dict[str, str]]:
    """When a survey was carried out, by the paragraph that says so, and by report (the last one named by then)."""
    at: dict[int, str] = {}
    of: dict[str, str] = {}
    last, told = None, 0
    for r in readings:
        reports = [x for x in r.refs if x.cls == "Report"]
        last, told = (reports[0].id, r.para.n) if reports else (last, told)
        when = _fieldwork(r, r.para.folded.lower())
        if when:
            at[r.para.n] = when
            if last and r.para.n - told <= 1:  # the report just named ('该调查于…进行'), not one named pages before
                of.setdefault(last, when)
    return at, of


def _fieldwork(r: Reading, low: str) -> str | None:
    """When a survey the paragraph speaks of was carried out ('该调查于2024年11月至12月进行', 'the poll was
    conducted in March'): the last date of that sentence."""
    for s, e in r.sentences:
        if _names_word(low[s:e], "survey_sample", "words") and _names_word(low[s:e], "survey_sample", "done"):
            found = [d for d in r.dates if s <= d.start and d.end <= e]
            noun = _word_pattern("survey_sample", "words").search(low, s, e)
            before = [d for d in found if noun and d.end <= noun.start()]
            if before:  # 'MIC今年3月针对…的调查发现，…在2021年…': the survey's date, not its findings'
                return before[-1].value
            if found:
                return found[-1].value
    return None


@cache
def _any_of(*path: str, ascii_only: bool = False) -> str:
    """The words of words.yaml at `path` as one regex alternation, longest first (built once)."""
    found = words()
    for key in path:
        found = found[key]
    return "|".join(re.escape(w) for w in sorted(found, key=len, reverse=True) if w.isascii() or not ascii_only)


_ROW = re.compile(r"([^:：.。]{1,60})[:：]\s*[-+−]?[$¥€£]?\s*\d[\d,.]*\s*(?:%|[A-Za-z]{0,12})?\s*(?:[(（][^()（）]{0,20}[)）])?\s*$")


@cache
def _word_pattern(*path: str, ascii_only: bool = False) -> re.Pattern:
    return re.compile(rf"(?<![a-z])(?:{_any_of(*path, ascii_only=ascii_only)})(?![a-z])")


def _names_word(text: str, *path: str, ascii_only: bool = False) -> bool:
    """Whether `text` (lower case) holds one of the words of words.yaml at `path`, English ones as whole words."""
    return bool(_word_pattern(*path, ascii_only=ascii_only).search(text))


def _clause_head() -> str:
    """A lookbehind for the head of a Chinese clause: no Chinese before, or only an opening word (期内, 今年)."""
    return "(?:(?<![\u4e00-\u9fff])|(?<=\\d[年月日号])" + "".join(f"|(?<={re.escape(w)})" for w in words()["names"]["zh_clause_openers"]) + ")"


def _a_set(folded: str, start: int, end: int) -> bool:
    """Whether a small Chinese count names a set the article has named (位居三家之首, 三家运营商均…, 最集中的三个领域):
    it opens its clause or follows a word of `set_before`, or the words after its noun are `set_after`'s."""
    head = folded[max(0, start - 2):start]
    if not head or head[-1] in "，,。；;：:、（(“「" or any(head.endswith(w) for w in words()["set_before"]):
        return True
    tail = re.sub(rf"^(?:{_zh_measure()})?[\u4e00-\u9fff]{{0,4}}?", "", folded[end:end + 8])
    return any(folded[end:end + 8].startswith(w, i) for w in words()["set_after"] for i in range(1, 7)) and bool(tail)


def _forecast(low: str, at: int, s: int) -> bool:
    """Whether the date at `at` is a forecast's year ('expects … by 2027', 预计2026年将…): no later sentence's time."""
    head = low[max(s, at - 16):at]
    return any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])" if w.isascii() else re.escape(w), head)
               for w in words()["forecast"] if not w[-1].isdigit())


def _topic(cls: str) -> bool:
    return cls in TOPICS or "Event" in ontology().supers.get(cls, set()) or cls == "Event"


def _qualifier(r: Reading, a: int, pos: int, found: str | None) -> str | None:
    if found:
        return found
    head = r.para.folded[a:pos].lower()
    for kind in ("forecast", "claimed"):
        for cue in words()[kind]:
            c = cue.lower()
            if (re.search(rf"(?<![a-z]){re.escape(c)}(?![a-z])", head) if c.isascii() else c in head):
                return kind
    return None


def _new_metric(r: Reading, a: int, start: int, end: int, b: int) -> str | None:
    """A short noun phrase to name a metric the facts do not have: the words after the number (English) or the
    characters before it in its clause (Chinese)."""
    text = r.para.text
    stops = set(words()["phrase_stops"])
    verbs = sorted(words()["verbs_before_number"], key=len, reverse=True)
    after = re.findall(r"[A-Za-z][A-Za-z\-/']*", text[end:b])
    scale_or_unit = {w.lower() for w, _u, zh in grammar().units if not zh} | set(grammar().scales_en)
    while after and after[0].lower() in scale_or_unit and len(after) > 1 and after[1].lower() not in stops:
        after = after[1:]
    if after and after[0].lower() in scale_or_unit:
        unit = next((u for w, u, zh in grammar().units if not zh and w.lower() == after[0].lower()), None)
        counted = unit is not None and unit not in MEASURES and after[0].isalpha()
        # '2,100 companies, up from ...': what is counted names it; '412 million yuan in net profit': what it is in
        after = [after[0]] if counted else after[2:] if len(after) > 2 and after[1].lower() == "in" else []
    phrase = []
    for word in after[:6]:
        if word.lower() in stops:
            break
        phrase.append(word)
    if phrase:
        return " ".join(phrase)
    stop = words()["names"]["zh_stop_chars"] + words()["names"]["zh_measure_chars"]
    counted = re.match(rf"(?:{_zh_measure()})?([\u4e00-\u9fff]{{2,6}})", r.para.folded[end:b])
    if counted and not any(c in stop for c in counted.group(1)[:2]):  # 新设三个研发中心: what is counted names it
        return text[end + counted.start(1):end + counted.start(1) + len(re.split(f"[{stop}]", counted.group(1))[0])]
    folded = r.para.folded  # Simplified, at the same offsets as the text
    head_end = len(folded[:start].rstrip(" 的"))
    for v in verbs:
        if folded.endswith(v, a, head_end):
            head_end -= len(v)
            break
    zh = list(re.finditer(r"[\u4e00-\u9fff]+", folded[a:head_end]))
    if not zh and a > 0 and folded[a - 1] in "，,":  # 保留混合办公的比例最高，达78%: the clause before names it
        s0 = r.sentence_of(start)[0]
        prev = max([s0] + [i + 1 for i in range(s0, a - 1) if folded[i] in "，,；;：:"])
        zh = [m for m in re.finditer(r"[\u4e00-\u9fff]+", folded[prev:a - 1])]
        if zh:
            last = zh[-1]
            return text[prev + max(last.start(), last.end() - 8):prev + last.end()]
    if zh:
        last = zh[-1]
        return text[a + max(last.start(), last.end() - 8):a + last.end()]
    named = [x for x in r.refs if a <= x.start and x.end <= head_end]
    head = "".join(" " if any(x.start <= i < x.end for x in named) else c for i, c in enumerate(text[a:head_end], a))
    head = re.sub(r"['’]s?(?![a-z])", " ", head)  # "Kestrel Labs' revenue rose": revenue
    en_verbs = {v for v in verbs if v.isascii()}
    for part in reversed(re.split(r"\d[\d,.]*", head)):  # 'revenue rose 25 percent to': the words before a number
        en = [w for w in re.findall(r"[A-Za-z][A-Za-z\-/]*", part) if w.lower() not in scale_or_unit]
        while en and (en[-1].lower() in en_verbs or en[-1].lower() in stops):
            en.pop()
        if en:
            return " ".join(en[-4:])
    return None


def _growth(metric: str, metric_units: dict[str, str | None]) -> tuple[str | None, str | None]:
    """The growth metric of a counted one: a known metric '<its words> growth' (online-office-users ->
    online-office-user-growth), else a new one named so."""
    def stems(ident: str) -> set[str]:
        return {w.rstrip("s") for w in ident.split("-")} - {"growth", "rate"}

    known = sorted((m for m in metric_units if "growth" in m.split("-") and stems(m) and stems(m) <= stems(metric)),
                   key=lambda m: (-len(stems(m)), m))  # market-size -> market-growth
    return (known[0], None) if known else (None, metric.replace("-", " ") + " growth")


@lru_cache(maxsize=1)
def _zh_measure() -> str:
    """Chinese unit words (measure words) as one alternation, longest first."""
    return "|".join(re.escape(w) for w, _u, zh in grammar().units if zh) + "|多|余|万|亿"


def draft_figures(r: Reading, state: State, metric_units: dict[str, str | None], skip_para: bool,
                  chinese: bool = False) -> list[Figure]:
    """The figures of one paragraph (none for page furniture, headings and the lines above the title)."""
    if state.bylined:  # the article's authors and publisher ('(Wire) -', 来源：…) are no figure's subject or speaker
        r = replace(r, refs=[x for x in r.refs if x.id not in state.bylined])
    text, folded = r.para.text, r.para.folded
    low = folded.lower()
    line = text.strip()
    caption = re.match(rf"(?i)(?:{_any_of('table_words')})\s*\d*\s*[:：.]\s*(.+)", line) or (
        re.match(r"(.{8,200}?)\s*[:：]$", line) if not [q for q in r.quantities if not any(
            d.start <= q.start < d.end for d in r.dates)] else None)  # 'Vendors, share of 2024 segment revenue:' over a list
    if caption and not skip_para:  # 'Table 1: Revenue share of the market, 1H24 (1H23 in brackets)': what the rows give
        metric = r.metrics[0].id if r.metrics else None
        phrase = re.split(r"\s+(?:of|in|by|for)\s+|[,，(（]", caption.group(1))[0].strip() or None
        state.caption = (r.para.n, metric, phrase, [d.value for d in r.dates if d.cue != "baseline"])
        return []
    bullet = re.match(r"[-•*·]\s+", line)
    row = _ROW.match(line, bullet.end() if bullet else 0)  # 'DingTalk (Alibaba): 24.6% (26.1%)', '- X: 33.8% (+1.6)': a row
    row_at = len(text) - len(text.lstrip())  # where the line starts in the paragraph
    row = row if row and state.caption and r.para.n - state.caption[0] <= 15 else None
    heading = len(line) < 60 and not re.search(r"[.。!！」”\"')）]\s*$", line) and not row
    if skip_para and not state.interviewee and _names_word(low, "interview_words"):
        state.interviewee = next((x.id for x in r.refs if ontology().fits(x.cls, "Company")), None)
    if skip_para or heading or furniture(folded):
        places = [x for x in sorted(r.refs + r.inner + r.seats, key=lambda x: x.start) if x.cls == "Place"]
        # 四川省大数据中心, 杭州市人民政府办公厅关于印发…的通知: the place whose body speaks
        if places and not state.last_place and not furniture(folded):
            state.last_place = places[-1].id  # a title's place is the one 全省 / 'the province' means until another is named
            state.last_province = next((x.id for x in places[::-1] if x.id in _provinces()), None)
            state.last_city = next((x.id for x in places[::-1] if x.id in _cities()), None)
            state.last_country = next((x.id for x in places[::-1] if x.id in state.demonyms.values()), None)
        return []
    subjects = [x for x in r.refs if x.cls not in NOT_SUBJECTS]
    label = next((x for x in subjects if not folded[:x.start].strip()), None)
    if label and re.match(r"\s*[.:：]\s+\S", folded[label.end:]):  # 'Kingsoft Office. Revenue rose …': a section's
        state.last_subject, state.subject_para = label.id, r.para.n  # label names what its sentences are about
        if ontology().fits(label.cls, "Company"):
            state.last_company = label.id
    reports = {x.id for x in r.refs if x.cls == "Report"} | ({state.last_report} if state.last_report else set())
    state.report_ids |= reports
    titles = [x for x in r.refs if x.cls in ("Report", "GovernmentPlan")]  # 《2026年…报告》: its year is no figure's time
    for x in r.refs:  # 艾瑞咨询14日发布《…报告》, 'released the … Report on May 3'
        if x.cls == "Report" and x.id not in state.published:
            s, e = r.sentence_of(x.start)
            near = [d for d in r.dates if s <= d.start and d.end <= e and abs(d.start - x.start) < 40 and any(
                v in low[min(d.end, x.end):max(d.start, x.start)] for v in words()["published_verbs"])]
            if near:
                state.published[x.id] = near[0].value
    fieldwork = state.fieldwork_at.get(r.para.n)
    if fieldwork:
        state.fieldwork = (fieldwork, r.para.n)
    out: list[Figure] = []
    paragraph_stater: str | None = None
    quantities = _superlatives(folded, list(r.quantities))
    superlative = {q.start for q in quantities} - {q.start for q in r.quantities}
    units: list[str | None] = []
    then = {d.start: o.start for d in r.dates for o in quantities if o.end <= d.start and re.search(r"\bfrom\s+\S{0,2}$", low[
        max(0, o.start - 8):o.start]) and re.fullmatch(r"\s*(?:%|percent|per\s+cent|[a-z]+)?(?:\s+(?:at|in|on|as|of|by|the|end))*\s*", low[o.end:d.start])}
    # 'widened to 85.6% from 84.1% a year earlier', 'up from 1,540 at the end of June last year': that date is the
    # earlier figure's alone, not the next clause's or sentence's
    for q in quantities:
        unit = q.unit
        if (unit is None or unit in ("person", "item") and not chinese) and folded[q.end:q.end + 1].isascii():
            unit = _en_unit_after(text, q.end)[0] or unit  # '1.8 billion user requests': requests
            noun = re.match(r"\s+([A-Za-z][A-Za-z-]*)", text[q.end:q.end + 30])
            if unit is None and not chinese and noun and noun.group(1).lower() not in words()["phrase_stops"] \
                    and noun.group(1).lower() not in words()["not_counted"] and not noun.group(1).endswith("ed"):
                unit = "item"  # '1.2 million AI agents': things counted that no unit names
        if unit is None and not chinese:  # 'the number of devices it manages exceeds 5 million'
            counted = [m.end() for m in re.finditer(r"\bnumber of\b", low[max(0, q.start - 80):q.start])]
            if counted:
                unit = _en_unit_after(text, max(0, q.start - 80) + counted[-1])[0]
        units.append(unit)
    for i in range(len(quantities) - 2, -1, -1):  # "1.0 and 2.6 percentage points": the last unit serves all
        gap = folded[quantities[i].end:quantities[i + 1].start].strip().lower()
        if units[i] is None and units[i + 1] and gap in ("and", "or", "to", "、", "和", "与", "及", "至", "-", "–", ","):
            units[i] = units[i + 1]
    for q, unit in zip(quantities, units):
        if q.ordinal and q.start not in superlative and not (_is_rank(folded, q.start, q.end) or folded[q.end:q.end + 1] in "名位"):
            continue
        if not q.ordinal and not q.scaled and unit is None and re.fullmatch(r"\d{7,}|0\d+", text[q.start:q.end]):
            continue  # phone numbers, codes
        if re.match(r"[A-Za-z]", text[q.start:q.start + 1]) and unit is None:
            continue  # 'one of', 'two' without a counted noun
        if not re.match(r"\d", text[q.start]) and not q.scaled and q.value <= 10 and not q.ordinal and unit in (
                None, "company", "organization", "item", "person", "project", "city") and (
                chinese and _a_set(folded, q.start, q.end)
                or re.search(r"(?<![a-z])(?:the|these|those|all|both|its|their)\s+$", low[max(0, q.start - 8):q.start])):
            continue  # 三家运营商均…, 'the three leaders': a set the article names, not a figure
        if unit is None and not q.scaled and not q.ordinal and (
                re.search(r"[A-Z][A-Za-z]*\s$", text[max(0, q.start - 24):q.start])  # 'Microsoft 365', 'WPS 365'
                or chinese and re.match(r"[\u4e00-\u9fff]", folded[q.end:q.end + 1]) and folded[q.end] not in words()["zh_measures"]
                and not re.match(_zh_measure(), folded[q.end:q.end + 3])):
            continue  # 36氪, 58同城: a number in a name
        if not q.ordinal and not re.match(r"\d", text[q.start]) and (unit is None or q.value == 1 and unit not in
                                                                     ("star", "times", "rank")):
            continue  # 三十 without a counted noun; 一个, 一次: an article, not a figure
        tail = low[q.end:q.end + 10].lstrip()
        if not re.match(r"\d", text[q.start]) and re.match(r"[年月日天季]?度", low[q.end - 1:q.end + 2][1:] or "") or \
                re.match(r"度", low[q.end:q.end + 1]):
            continue  # 半年度报告, 年度: a word, not half a year
        if any(tail.startswith(w.lower()) and not (w[-1].isascii() and w[-1].isalpha() and tail[len(w):len(w) + 1].isalpha())
               for w in words()["not_figures_after"] + words()["duration_after"]):
            continue  # 9点, 102号, 60 seconds, 5年内
        if re.match(r"\s*岁(?:及|以上|以下|至|到|-|—|~)|\s*(?:至|到|-|—|~)\s*\d{1,3}\s*岁", low[q.end:q.end + 8]) or \
                re.search(r"\d\s*(?:至|到|-|—|~)\s*$", low[max(0, q.start - 4):q.start]) and low.startswith("岁", q.end) or \
                re.search(r"\baged\s+(?:\d+\s+(?:to|and)\s+)?$|\bages\s+(?:\d+\s+(?:to|and)\s+)?$", low[max(0, q.start - 16):q.start]):
            continue  # 30至49岁的用户, 50岁及以上, 'aged 30 to 49': an age bracket, not a figure
        head = low[max(0, q.start - 16):q.start].rstrip()
        if any(head.endswith(w) and (not w.isascii() or not head[:-len(w)][-1:].isalpha()) for w in words()["list_size_before"]):
            continue  # 'the top 10': the size of a list
        th = words()["zh_threshold"]
        if chinese and re.search(rf"(?:{'|'.join(th['nouns'])})[^，。]{{0,2}}(?:{'|'.join(th['comparatives'])})$",
                                 low[max(0, q.start - 8):q.start]) and re.match(
                rf"\s*(?:{_zh_measure()}|元|亿元|万元)?(?:以上|以下)?的", low[q.end:q.end + 6]):
            continue  # 雇用少于10人的机构, 营收超过100亿元的企业: a threshold, not a figure
        if chinese and re.search(rf"(?:{'|'.join(th['nouns'])})$", low[max(0, q.start - 4):q.start]) and re.match(
                rf"\s*(?:{_zh_measure()})?(?:及|或)?(?:以上|以下)的", low[q.end:q.end + 8]):
            continue  # 员工1000人以上的大型企业: a threshold too
        if not chinese and re.search(r"\bwith\s+(?:fewer|less|more)\s+than\s*$|\bwith\s+(?:at\s+least|over|under|up\s+to)\s*$",
                                     low[max(0, q.start - 24):q.start]) and unit in ("person", None):
            continue  # 'firms with fewer than 100 employees': a threshold that defines a group
        if not chinese and re.match(r"-[a-z]", low[q.end:q.end + 2]) and unit is None:
            continue  # 'a 100-seat licence': part of a compound
        if unit in (None, "item", "cny") and any(m.start() < q.start < m.end() for m in STOCK_CODE.finditer(folded, max(0, q.start - 12))):
            continue  # 用友网络（600588.SH）: a stock code
        if unit in ("year", "day", "hour", "minute") and any(
                head.endswith(w) and (not w.isascii() or not head[:-len(w)][-1:].isalpha()) for w in words()["duration_before"]):
            continue  # 'in the past five years': a span, not a figure
        if unit in ("year", "month", "week", "day", "hour") and re.match(
                rf"\s*(?:[a-z-]+\s+)?(?:{_any_of('point_after', ascii_only=True)})(?![a-z])|\s*个?(?:年|月|周|天|日|小时)?(?:前|后|以前|之前|以后|之后)",
                low[q.end:q.end + 30]):
            continue  # 'three years ago', 三年前: a time, not a figure
        s, e = r.sentence_of(q.start)
        a, b = clause_bounds(folded, q.start, q.end, s, e)
        refs_s = r.refs_in(s, e)
        stater, stater_ref = _stated_by(r, s, e, q.start, state, refs_s)
        if stater is None and paragraph_stater:
            stater = paragraph_stater
        elif stater and (any(c in low[s:e] for c in ("according to", "根据", "据")) or stater in state.published):
            paragraph_stater = stater  # 'according to X' and a dated report hold for the paragraph
        published = _any_of("published_verbs")
        publishers = {x.id for x in refs_s if x.cls != "Report" and any(  # 信通院5月发布的《…》显示, 'X released the Y Report'
            y.cls == "Report" and x.end < y.start and y.start - x.end <= 30 and not re.search(r"[，,。；;]", low[x.end:y.start]) and re.search(
                rf"(?:{published})的?\s*(?:the\s+)?[《“「]?$", low[x.end:y.start]) for y in refs_s)}
        wire = _DATELINE.match(folded)  # 'BEIJING, Sept. 2 (Xinhua) --', 新华社北京5月21日电: where the story was filed
        cands = [x for x in subjects if s <= x.start and x.end <= e and not (x.start < q.end and q.start < x.end)
                 and not (wire and x.end <= wire.end())
                 and not (stater_ref and x.id == stater_ref.id) and x.id not in publishers
                 and not any(m.start <= x.start and x.end <= m.end for m in r.metrics)  # 'online office' of a metric
                 and not (x.cls == "Person" and unit != "year")  # who says it, not what it is about (but an age)
                 and x.cls not in STATERS_ONLY]
        if not chinese:  # '…, according to the report, which CNNIC released' / '…, the administration said': a source
            src = [m.start() for cue in words()["stated_by"]["before"] if cue.isascii()
                   for m in re.finditer(rf"(?<![a-z]){re.escape(cue)}(?![a-z])", low[q.end:e])]
            speech = _any_of("stated_by", "after", ascii_only=True)
            verb = [m.start() for m in re.finditer(rf"(?<![a-z])(?:{speech})(?![a-z])", low[q.end:e])]
            told = [x for x in cands if x.start >= q.end and (src and x.start >= q.end + min(src) or re.match(
                rf"\s+(?:{speech})(?![a-z])", low[x.end:x.end + 16]) or verb and x.start > q.end + min(verb))]
            if told and ([x for x in cands if x.end <= q.start] or state.last_subject or state.last_event):  # '…, the company said in a filing to X'
                cands = [x for x in cands if x not in told]
        same = [f for f in out if r.sentence_of(f.start) == (s, e) and f.subject]
        subject, conf = _subject(r, q, a, cands, state, chinese, same[-1].subject if same else None,
                                 q.start in superlative, same[-1].end if same else 0)
        if stater_ref and s <= stater_ref.start and stater_ref.end <= q.start and subject != stater_ref.id and not [
                x for x in cands if stater_ref.end <= x.start < q.start and not _topic(x.cls) and x.cls != "Place"] and re.search(
                r"(?<![a-z])(?:said|says|added|noted|announced|reported)\s+(?:that\s+)?(?:it|its)(?![a-z'’])", low[stater_ref.end:q.start]):
            subject = stater_ref.id  # 'X showed a … builder and said it had 2,600 clients': the one who speaks of itself
        stock = [m.end() for m in _word_pattern("stock_anaphora").finditer(low[s:q.start])]
        if stock and state.last_company and not [x for x in cands if s + stock[-1] <= x.start < q.start and not _topic(x.cls)]:
            subject = state.last_company  # 'X raised its target price on the stock to HK$6.80', 该股: the company's shares
        sector_words = words()["sector_anaphora"]
        named_sector = [x for x in r.refs if x.cls in ("Sector", "Technology") and x.end <= q.start]
        last_sector = named_sector[-1].id if named_sector else state.last_sector
        at = [m.end() for w in sector_words for m in re.finditer(
            r"(?<![a-z])" + re.escape(w).replace(r"the\ ", r"the\s+(?:\d{4}\s+)?") + r"(?![a-z])" if w.isascii() else re.escape(w),
            low[a:q.start])]
        by_sector = bool((state.last_market or last_sector) and at and not [
            x for x in cands if a + max(at) <= x.start < q.start and not _topic(x.cls)])
        if by_sector:
            subject = (named_sector[-1].id if named_sector and state.last_market not in {x.id for x in r.refs} else None) \
                or state.last_market or last_sector  # "the industry's revenue reached …", 'the segment generated …': the sector named before
        # metric: the nearest metric name in the clause, else in the sentence
        ms = [m for m in r.metrics if a <= m.start and m.end <= b] or [m for m in r.metrics if s <= m.start and m.end <= e]
        metric, new_metric = None, None
        prior = [f for f in out if r.sentence_of(f.start) == (s, e)]
        pointer = [m.end() for w in words()["figure_anaphora"] for m in re.finditer(rf"{re.escape(w)}(?!\s+of\b)", low[s:q.start])]
        if pointer and not by_sector and state.last_subject and not [x for x in cands if max(a, s + max(pointer)) <= x.start < q.start
                                                   and not _topic(x.cls)]:
            subject = state.last_subject  # 'X expects the market to exceed 60 billion yuan': the same market
        bare = re.sub(r"(?:\d{4}\s*年|上年|去年|前一年)(?:同期)?的?$", "", head)  # 较2023年的2.07亿元: 较 all the same
        earlier_figure = prior and any(bare.endswith(w) and not bare[:-len(w)][-1:].isalpha() for w in words()["baseline_before"])
        main = [f for f in prior if not re.search(r"\b(?:behind|ahead\s+of|trailing|versus|than|compared\s+with)\s+(?:\S+['’]s\s+)?$",
                                                  low[max(s, f.start - 30):f.start])] or prior  # not 'behind Microsoft's 52.1%'
        if earlier_figure and main[-1].subject and not [x for x in cands if prior[-1].end <= x.start < q.start and not _topic(x.cls)]:
            subject = main[-1].subject  # '18.5% of firms had paid …, up from 6.7% a year earlier': the same firms
        if earlier_figure:
            metric, new_metric = prior[-1].metric, prior[-1].new_metric  # '2,100 companies, up from 1,500'
            unit = unit or prior[-1].unit
        elif state.last_metric and pointer:
            metric, unit = state.last_metric, unit or state.last_unit  # 'the number for 2012 was 538 million'
        elif ms:
            metric = min(ms, key=lambda m: (min(abs(m.start - q.end), abs(q.start - m.end)), m.start)).id
            conf += 0.15
            if unit == "percent" and metric_units.get(metric) not in (None, "percent", "percentage-point") and any(
                    re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])" if w.isascii() else re.escape(w), low[a:q.start])
                    for w in words()["growth_before"]):
                metric, new_metric = _growth(metric, metric_units)  # 'users reached 28 million, up 35 percent'
        if metric is None and new_metric is None:
            new_metric = _new_metric(r, a, q.start, q.end, b) or (_new_metric(r, s, q.start, q.end, b) if a > s else None)
        if unit in ("person", "item", None) and (
                any(w in low[a:q.start] for w in words()["participant_before"])
                or any(low[q.end:q.end + 8].lstrip().startswith(w) or low[q.end + 1:q.end + 9].startswith(w)
                       for w in words()["participant_after"])):
            unit = "participant"  # 100人会议, 编辑人数达200人: people taking part
        if unit == "company" and _names_word(low[a:q.start] + " " + low[q.end:q.end + 12], "customer_words") \
                and not re.match(r"\s*(?:家|余家|多家)?\s*(?:上市)?公司|\s+(?:listed\s+)?compan", low[q.end:q.end + 12]):
            unit = "organization"  # 付费企业客户超过1,300家, 'more than 2,000 paying customers': a platform's client organisations
        if not chinese and unit is None and re.search(rf"(?<![a-z])(?:{_any_of('counted_before_en')})\s+(?:[a-z]+\s+){{0,4}}$", low[a:q.start]):
            unit = "person"  # 'Headcount fell to 3,950', 'its staff has grown to about 320': people
        if chinese and unit in (None, "company", "item", "person", "server", "session"):  # the noun counted, before or after
            head = low[a:q.start].rstrip()
            for v in sorted(words()["verbs_before_number"], key=len, reverse=True):
                if head.endswith(v) and not v.isascii():
                    head = head[:-len(v)].rstrip()
                    break
            tail = re.sub(rf"^\s*(?:{_zh_measure()})", "", low[q.end:q.end + 12])
            named = any(x.end == a + len(head) for x in r.refs)  # 腾讯会议为1,040万: a name's ending, no noun counted
            said = None if named else next((u for w, u in sorted(words()["counted_before"].items(), key=lambda x: -len(x[0]))
                                            if head.endswith(w)), None)
            if said is None and (unit is not None or metric is None):  # 120家网络医院: the measure word's noun
                heads = [(m.end(), u) for w, u in words()["counted_after"].items()  # 300个政务和企业系统: 系统
                         for m in [re.match(rf"[\u4e00-\u9fff]{{0,6}}?{re.escape(w)}", tail)] if m]
                said = max(heads)[1] if heads else None
            unit = said or unit
        if unit is None and re.match(r"\s+of\s+(?:them|those|these|whom|which)\b", low[q.end:q.end + 16]) and state.last_unit \
                and state.last_unit not in ("percent", "percentage-point", "rank", "times"):
            unit = state.last_unit  # '1.72 million users … about 980,000 of them log in': counted as they were
        if unit is None:
            unit = metric_units.get(metric) if metric else None
            if unit in ("percent", "percentage-point") and q.scaled:
                unit = state.last_unit if state.last_unit not in ("percent", "percentage-point", "rank") else None
            if unit is None and q.scaled:  # 'an increase of 35.06 million': counted like the sentence's last figure
                counted = [f.unit for f in out if r.sentence_of(f.start) == (s, e) and f.unit not in
                           ("percent", "percentage-point", "rank", "item", "times")]
                unit = counted[-1] if counted else None
            unit = unit or "item"
        else:
            conf += 0.05
        baseline = [d for d in r.dates if s <= d.start and d.end <= e and d.cue == "baseline"]
        # dates inside an aside ('The app, which X launched in 2015,') or a title (《2026年…报告》) are not the figure's
        hidden = ([] if chinese else [span for s0, e0 in r.sentences if s0 <= s for span in _asides(r, s0, min(e0, q.start))]) \
            + [(x.start, x.end) for x in titles]
        owned = {d.start for d in r.dates for o in quantities if o is not q and o.start >= d.end
                 and _just_before(folded[d.end:o.start])}  # 由前一年的3.89亿元收窄至2.08亿元: 前一年 is 3.89's
        usable = [d for d in r.dates if d.cue not in ("baseline", "since", "founded") and d.start not in owned
                  and then.get(d.start, q.start) == q.start and not any(i <= d.start and d.end <= j for i, j in hidden)]
        dates = [d for d in usable if s <= d.start and d.end <= e]
        later = [m.start() for w in words()["baseline_before"] if w.isascii()
                 for m in re.finditer(rf"(?<![a-z]){re.escape(w)}\s+[\d$¥]", low[q.end:e])]
        if later:  # '2,100 companies, up from 1,500 a year earlier': the earlier date is the earlier figure's
            dates = [d for d in dates if d.start < q.end + min(later)]
        ahead = [d for d in dates if not re.search(r"[;；]|\b(?:while|whereas|but|since|because)\b|而|但|自从|因为|由于", low[q.end:d.start])
                 and not (d.start > q.end and re.search(r"\band\s+(?:would|will|could|is expected|are expected|may|announced|said|added|unveiled)\b|并将|预计|将在|将于",
                                                       low[q.end:d.start]))  # '… in 2023 and would grow to 80 billion by 2026'
                 and not (d.start > q.end and [o for o in r.quantities if q.end < o.start < d.start
                                               and re.search(r"[,，]\s*(?:and\s+)?|[、]", folded[q.end:o.start])])]
                 # '1,200 firms are exhibiting, and 150,000 visitors are expected before it closes on Saturday': the visitors'
        clause = [d for d in ahead if a <= d.start and d.end <= b]  # not 'since it opened … in April'
        earlier = [d for d in usable if d.end <= q.start and (d.start >= s or not _forecast(low, d.start, r.sentence_of(d.start)[0]))
                   and (d.start >= s or d.value.count("-") == 2
                        or any(r.sentence_of(o.start) == r.sentence_of(d.start) and not o.ordinal for o in r.quantities)
                        or re.search(_any_of("results_reports"), low[slice(*r.sentence_of(d.start))]))]
        # a month or year of an earlier sentence holds on only where that sentence stated figures, results or a survey
        # ('Lark launched in Japan in 2019. … its paying customers passed 10,000': not 2019; 发布2023年年度报告。报告期内…)
        time, from_article = None, False
        compared = min(baseline, key=lambda d: abs(d.start - q.start)).value if baseline else None
        year_on = _period_after(compared) if compared and len(compared) == 7 and not dates else None  # a month: a year on
        year_on = year_on if year_on and (not state.ref_date or year_on <= state.ref_date[:len(year_on)]) else None
        own = [d for d in r.dates if d.end <= q.start and re.fullmatch(r"\s*的?\s*", folded[d.end:q.start])] or [
            d for d in dates if d.start >= q.end and d.cue != "baseline" and re.fullmatch(r"\s*(?:(?!(?:and|or|but|while|which|that|up|down|from|than|compared|versus)\s)[a-z%]+\s+){0,2}", low[q.end:d.start])
            and d.start in {x.start for x in clause}]  # 'at 2.6 billion yuan this year and … 12 billion by 2027'
        if own:  # 高于2024年的35.2%: the date right before a figure is its own, whatever cue it has
            time = own[-1].value
        elif stater in state.fieldwork_of and not [d for d in dates if d.cue == "point"]:
            time = state.fieldwork_of[stater]  # '《…报告》显示…' where it says later '本次调研于2024年10月进行'
        elif any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])" if w.isascii() else re.escape(w), low[a:q.start])
               for w in words()["now_words"]) and state.ref_date:
            said_on = [d for d in dates if d.end <= q.start and d.value.count("-") == 2]
            # 目前, currently: the article's own time, or the time of who says it ('said on August 16 that it now …'), or
            # the point a report's (or a results story's) data stops at; not the year an official named a moment before
            reported = state.data_time.get(stater) if stater in state.report_ids or state.results_period else None
            time = reported or (said_on[-1].value if said_on else state.said_day[0] if state.said_day and not [
                d for d in dates if d.end <= q.start] and r.para.n - state.said_day[1] <= 1 else state.event_day[0] if state.event_day
                and r.para.n - state.event_day[1] <= 2 and _event_anaphor(low[s:e]) else state.ref_date)  # '在发布会上介绍，目前…'

        elif clause:  # the clause's own date (a point in time first: as of, by, 截至), else the last one before
            point = [d for d in clause if d.cue == "point"]
            time = min(point or clause, key=lambda d: abs(d.start - q.start)).value
        elif q.unit in MONEY and _names_word(low[a:q.start], "price_words") and state.ref_date:
            time = state.ref_date  # 'priced at 298 yuan a year', 售价…: a price holds at the article's date, not an earlier one
        elif [d for d in dates if d.end <= q.start]:
            time = [d for d in dates if d.end <= q.start][-1].value
        elif ahead:
            time = ahead[0].value  # a date later in the sentence, unless another clause ('…, while Y had … by March')
        elif state.last_period and _names_word(low[s:e], "period_anaphora"):
            time = state.last_period[0]  # 'subscribers rose to 39.2 million at the end of the quarter': the quarter named before
        elif year_on:
            time = year_on  # 'reached 1.094 billion, up 26.1 million from December 2022': a year on from what it is compared with
        elif earlier:
            time = earlier[-1].value  # 'by Nov 3' holds on; in an undated article, the paragraph's last date
        elif stater in state.data_time or stater and stater == state.last_report and state.last_data:
            time = state.data_time.get(stater) or state.last_data  # 'the report said': its findings hold where its data stops
        elif stater in state.published:
            time = state.published[stater]  # a report's findings hold at its date, not the article's
        elif not usable and not stater and state.last_stated and state.last_stated[1] == r.para.n - 1 \
                and state.last_stated[0] in state.data_time and not [x for x in r.refs if not _topic(x.cls) and x.cls != "Place"] \
                and not _names_word(low, "stated_by", "after", ascii_only=True):
            stater = state.last_stated[0]
            time = state.data_time[stater]  # a paragraph going on with the findings before it: theirs, at their date
        elif not usable and not stater and state.data_source in state.data_time and state.data_source in state.report_ids \
                and (unit in ("percent", "percentage-point") or not [x for x in r.refs if not _topic(x.cls) and x.cls not in ("Place", "Report") and not (
                    state.data_source in state.fieldwork_of and ontology().fits(x.cls, "Product"))]) \
                and not _names_word(low, "stated_by", "after", ascii_only=True):
            stater = state.data_source  # a story about a report: an undated paragraph naming no one else goes on with it
            time = state.data_time[stater]
        elif subject in state.subject_time and r.para.n - state.subject_time[subject][1] <= 3 and not q.ordinal \
                and q.start not in superlative and (unit in MONEY or unit in ("percent", "percentage-point")):
            time = state.subject_time[subject][0]  # 'its revenue for 2023 rose …' then 'Net profit grew …': the same year
        elif state.last_period and r.para.n - state.last_period[1] <= 6 and (
                _names_word(low[s:q.start], "company_metrics") or _names_word(low[s:q.start], "results_words")
                or state.results_period and not dates and _names_word(low[s:q.start], "period_metrics")):
            time = state.last_period[0]  # 'Licensing income fell 11%' in a story of a quarter's results: that quarter
        elif state.results_year and r.para.n - state.results_year[1] <= 6 and (unit in MONEY or unit in ("percent", "percentage-point")) \
                and not any(x.id == subject and (x.cls == "Place" or _topic(x.cls)) for x in r.refs):  # not a place's or a sector's
            time = state.results_year[0]  # 'its revenue for 2024 rose …', then 'bringing in 3.21 billion yuan': that year's
        elif state.event_day and r.para.n - state.event_day[1] <= 2 and (not usable or not dates and _event_anaphor(low[s:e])):
            time = state.event_day[0]  # 11月22日…发布会 then the launch's figures ('在发布会上介绍'): the day of the event
        elif state.fieldwork and not dates and (state.fieldwork[1] == r.para.n or r.para.n - state.fieldwork[1] <= 2 and (
                _names_word(low[s:e], "survey_sample", "words"))):
            time = state.fieldwork[0]  # '…达26.3%。该调查于2024年11月至12月进行' / 调查中有52.4%: when the survey was done
        elif state.title_year and not dates:
            time = state.title_year  # the year the title reports on: 全年… in '杭州市2024年数字经济发展统计公报'
        else:
            time, from_article = state.ref_date, True
        if row:  # a row's values in the order of the caption's times: '1H24 (1H23 in brackets)'
            label = [x for x in r.refs if x.end <= row_at + row.end(1) and x.cls not in NOT_SUBJECTS and x.cls != "Place"]
            if not label:
                continue  # 'Others: 16.2%': the rest of the table, no one's figure
            subject = label[0].id
            metric, new_metric = (metric, new_metric) if metric else (state.caption[1], None if state.caption[1] else state.caption[2])
            times = state.caption[3]
            at = [x.start for x in quantities].index(q.start) if q.start in [x.start for x in quantities] else 0
            if times and not dates:
                time, from_article = times[min(at, len(times) - 1)], False
        if time and len(time) == 4 and not from_article and subject and (clause or dates) and not own and not _forecast(low, q.start, s):
            state.subject_time[subject] = (time, r.para.n)  # a year's results ('revenue for 2023'), not a month's figure
        if time and len(time) == 4 and not from_article and not own and unit in MONEY and not _forecast(low, q.start, s) \
                and _names_word(low[s:q.end], "company_metrics") and (state.ref_date or "")[:4] != time \
                and (state.ref_date or "")[:7] <= f"{int(time) + 1}-06":
            state.results_year = (time, r.para.n, subject)  # a year's results told in the half year after it ended: the
            #                                                  story's year (told later, they are the background)
        if stater and time and not from_article and ([d for d in dates if d.value == time and d.cue != "horizon"
                                                      and not _forecast(low, d.start, s)] or state.fieldwork_of.get(stater) == time):
            state.data_time.setdefault(stater, time)
            state.data_source = stater  # 'reached 512 million as of June 2023, according to X'
            state.last_data = state.last_data or time
        if not from_article:
            conf += 0.1
        if unit == "cny" and state.home_currency != "cny" and not re.search(
                r"人民币|rmb|cny|[¥￥]", low[max(s, q.start - 8):min(e, q.end + 8)]):
            unit = state.home_currency  # 合并营收1.28亿元 in a Taipei paper: NT dollars
        qualifier = _qualifier(r, a, q.start, q.qualifier)
        value = q.value.normalize()
        fillers = _any_of("decline_fillers")
        lead = re.sub(rf"(?:{fillers}|\s)+$", "", low[max(a, q.start - 24):q.start])
        trail = re.sub(r"^\s*(?:%|％|percent|per cent|percentage points?|points?|个百分点)?\s*", "", low[q.end:q.end + 30])
        if value > 0 and unit in ("percent", "percentage-point") and (any(
                lead.endswith(w) and (not w.isascii() or not lead[:-len(w)][-1:].isalpha()) for w in words()["decline_before"])
                or re.match(rf"(?:{_any_of('decline_after')})(?![a-z])", trail)) \
                or value > 0 and unit in MONEY and any(w in low[a:q.start] if not w.isascii() else re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", low[a:q.start])
                                         for w in words()["loss_before"]):  # 下滑至18% is a level; 亏损由3.89亿元收窄至… a loss
            value = -value  # 同比下降4%, 'slipped by 1.4 points', 亏损9.6亿元: a fall, a loss
        elif value > 0 and unit in MONEY and earlier_figure and prior[-1].unit == unit and prior[-1].value < 0:
            value = -value  # 净亏损1.42亿元，较2023年的2.07亿元收窄: the loss it is compared with
        rated = [x for x in cands if x.end <= q.start and not _topic(x.cls)] if unit == "star" else []
        given = re.search(r"给([^，,。；;]{1,24}?)打(?:了|出)?[^，,。；;]{0,4}$|\bgave\s+(.{1,40}?)\s+(?:an?\s+)?$", folded[a:q.start]) if rated else None
        if given:  # 给钉钉和企业微信打了一星, 'gave X and Y one-star ratings': each one rated
            inside = [x for x in rated if a + given.start(given.lastindex) <= x.start and x.end <= a + given.end(given.lastindex)]
            subject = inside[0].id if inside else subject
            for x in inside[1:]:
                out.append(Figure(r.para.n, q.start, q.end, value, unit, x.id, metric, new_metric, time, from_article,
                                  qualifier, stater, round(min(conf, 0.95), 2), compared))
        out.append(Figure(r.para.n, q.start, q.end, value, "rank" if q.ordinal else unit, subject, metric,
                          new_metric, time, from_article, qualifier, stater, round(min(conf, 0.95), 2), compared))
        if subject not in reports:  # a survey's sample is no subject for the findings after it
            state.last_subject = subject or state.last_subject
            state.subject_para = r.para.n if subject else state.subject_para
        heads = words()["sectors"]["en_heads"] + words()["sectors"]["zh_heads"]
        if subject and not at and any(re.search(rf"(?<![a-z]){re.escape(h)}(?![a-z])", low[s:q.start]) for h in heads):
            state.last_market = subject  # "China's online office software market reached …"
    for i, f in enumerate(out):  # '1.0 and 2.6 percentage points': a list shares the metric named once
        if f.metric is None and f.new_metric is None:
            near = [g for g in out[i + 1:] + out[:i][::-1] if r.sentence_of(g.start) == r.sentence_of(f.start)
                    and (g.metric or g.new_metric)]
            if near:
                f.metric, f.new_metric = near[0].metric, near[0].new_metric
    _respectively(r, out, subjects)
    _changes(r, out)
    sectors = [x for x in r.refs if x.cls in ("Sector", "Technology")]
    if sectors:
        state.last_sector = sectors[-1].id
    days = [d for d in r.dates if d.value.count("-") == 2 and d.cue not in ("baseline", "since", "founded")
            and not (state.ref_date and len(state.ref_date) == 10 and d.value > state.ref_date)]  # not 'closes on Saturday'
    if days and not furniture(folded) and not skip_para:
        state.event_day = (days[-1].value, r.para.n)
        speech = _any_of("stated_by", "after", ascii_only=True)
        spoken = [d for d in days if d.cue != "point" and re.search(rf"(?<![a-z])(?:{speech})(?![a-z])", low[slice(*r.sentence_of(d.start))])]
        state.said_day = (spoken[-1].value, r.para.n) if spoken else state.said_day
    periods = [d for d in r.dates if d.cue not in ("baseline", "since", "founded") and (
        _names_word(low[d.start:d.end], "periods") or re.search(rf"(?:{_any_of('period_end_before')})\s*$", low[max(0, d.start - 24):d.start])
        or re.match(rf"\s*(?:{_any_of('period_end_after')})", low[d.end:d.end + 10]))]
    if periods and not skip_para:
        state.last_period = (periods[-1].value, r.para.n)
        told = low[slice(*r.sentence_of(periods[-1].start))]
        state.results_period = r.para.n <= 4 and (_names_word(told, "company_metrics") or _names_word(told, "results_words"))
    events = [x for x in r.refs if ontology().fits(x.cls, "Event")]
    if events:
        state.last_event = events[-1].id
    companies = [x for x in r.refs if ontology().fits(x.cls, "Company")]
    for x in companies:
        paras = state.company_paras.setdefault(x.id, [])
        if r.para.n not in paras:
            paras.append(r.para.n)
    if companies:  # the company of the last three paragraphs that names it most ('他曾在用友工作…' then 我们: not 用友)
        recent = {c: sum(1 for n in ps if r.para.n - n <= 2) for c, ps in state.company_paras.items()}
        last = companies[-1].id
        state.last_company = max(recent, key=lambda c: (recent[c], c == last, state.company_paras[c][-1]))
    places = [x for x in sorted(r.refs + r.inner, key=lambda x: x.start) if x.cls == "Place"]
    if places:
        state.last_place = places[-1].id
        state.last_province = next((x.id for x in places[::-1] if x.id in _provinces()), state.last_province)
        state.last_city = next((x.id for x in places[::-1] if x.id in _cities()), state.last_city)
        for x in places:
            if x.id in state.demonyms.values():
                state.country_counts[x.id] = state.country_counts.get(x.id, 0) + 1
        state.last_country = max(state.country_counts, key=state.country_counts.get) if state.country_counts else None
    if out:
        stated = [f.stated_by for f in out if f.stated_by]
        state.last_stated = (stated[-1], r.para.n) if stated else None
    for f in out:
        if f.subject:
            state.last_subject = f.subject if f.subject not in reports else state.last_subject
        if f.metric and f.unit != "rank":
            state.last_metric, state.last_unit = f.metric, f.unit
    return out


def _changes(r: Reading, figures: list[Figure]) -> None:
    """A change told with both ends ('widened to 68.4% from 63.9%', 'from 1,500 to 2,100', 由9800元上调至11800元) where
    both ends got the same time: the later end holds at it, the earlier at the period before (the year before a year,
    the same month a year before a month). A change on a day ('to 299 yuan from 259 yuan on May 1', 自11月1日起) holds
    from that day, the earlier end up to the day before. An earlier end with a time of its own ('from 35.5 million at
    the end of 2023', 由年初的180人) keeps it, and the later end is a year on."""
    low = r.para.folded.lower()
    frm, to = _any_of("change_from"), _any_of("change_to")
    stop = r"\d;；。,，"
    word = rf"(?:\s*[^\s{stop}]{{1,8}})?\s*"  # a qualifier or a currency sign before the number: 'from about', 'to HK$'
    from_gap = re.compile(rf"[^{stop}]{{0,40}}?[,，]?\s*(?<![a-z])(?:{frm})(?![a-z]){word}")
    to_gap = re.compile(rf"[^{stop}]{{0,12}}?(?<![a-z])(?:{to})(?![a-z])了?{word}")
    for x, y in zip(figures, figures[1:]):
        s, e = r.sentence_of(x.start)
        if x.unit != y.unit or x.unit == "rank" or r.sentence_of(y.start) != (s, e):
            continue
        gap = "".join(" " if any(d.start <= i < d.end for d in r.dates) else c for i, c in enumerate(low[x.end:y.start], x.end))
        head = re.search(rf"(?<![a-z])(?:{frm})(?![a-z])([^{stop[2:]}]{{0,16}})$", low[max(s, x.start - 24):x.start])
        if from_gap.fullmatch(gap):  # 'to 8,800 yuan on 1 February, from 7,600 yuan': the date is the change's
            later, earlier, lead = x, y, low[x.end:y.start]
        elif to_gap.fullmatch(gap) and head:
            earlier, later, lead = x, y, head.group(1)
        else:
            continue
        own = [d for d in r.dates if earlier.end <= d.start and (s, e) == r.sentence_of(d.start) and len(d.value) < 10
               and re.fullmatch(r"[^\d;；。,，]{0,16}", low[earlier.end:d.start])]
        if "的" in lead[lead.rfind("由") + 1:] or any(d.end <= earlier.start and _just_before(low[d.end:earlier.start]) for d in r.dates):
            continue  # 由2023年末的约2.5万人, 由年初的180人: its own time
        if own:  # 'rose to 41.2 million from 35.5 million at the end of 2023'
            if later.time == own[0].value:
                later.time = _period_after(own[0].value)
            continue
        days = [d for d in r.dates if (s, e) == r.sentence_of(d.start) and len(d.value) == 10
                and (d.start >= max(x.end, y.end) or d.cue == "since")]
        if days:  # 'would go up to 299 yuan from 259 yuan on May 1', 自2024年11月1日起…由9800元上调至11800元
            later.time, later.time_from_article = days[0].value, False
            earlier.time = _period_before(later.time)
        elif later.time and later.time == earlier.time and not later.time_from_article:
            earlier.time = _period_before(later.time)


def _just_before(gap: str) -> bool:
    """Whether the words between a date and a number leave the date the number's own (2023年末的约2.5万人)."""
    return _own_gap().fullmatch(gap) is not None


@cache
def _own_gap() -> re.Pattern:
    qualifiers = "|".join(re.escape(w) for w, _q in grammar().before)
    return re.compile(rf"\s*的?\s*(?:(?:{qualifiers})\s*)?[$¥￥]?\s*")


def _period_before(time: str) -> str:
    """The year before a year, the same month a year before a month, the month of the day before a day."""
    if len(time) == 10:
        return (date.fromisoformat(time) - timedelta(days=1)).isoformat()[:7]
    return f"{int(time[:4]) - 1:04d}{time[4:]}"


def _period_after(time: str) -> str:
    """The year after a year, the same month a year after a month or a day."""
    return f"{int(time[:4]) + 1:04d}{time[4:7]}"


def _respectively(r: Reading, figures: list[Figure], subjects: list[Ref]) -> None:
    """'A, B and C took 28%, 24% and 11% respectively' / A和B分别为…: the figures listed one after another (joined by
    commas, and, 和, 、) go, in order, to the names listed since the figure before the list. Without the word, a
    list of names right before as many figures ('WeCom and Feishu accounted for 21.3 and 9.8 percent') pairs
    the same way."""
    low = r.para.folded.lower()
    cued = {r.sentence_of(m.start()) for cue in words()["respectively"] for m in re.finditer(re.escape(cue), low)}
    for s, e in sorted({r.sentence_of(f.start) for f in figures}):
        group = [f for f in figures if s <= f.start < e]
        runs: list[list[Figure]] = []
        for f in group:
            gap = re.sub(r"^\s*(?:%|percent|per cent|percentage points?|points?|个百分点|倍|times)", "",
                         low[runs[-1][-1].end:f.start]) if runs else ""
            if runs and runs[-1][-1].unit == f.unit and re.fullmatch(r"\s*(?:,|，|、|和|与|及|and|,\s*and|or)?\s*", gap):
                runs[-1].append(f)
            else:
                runs.append([f])
        for same in runs:
            if len(same) < 2:
                continue
            since = max([f.end for f in group if f.end <= same[0].start], default=s)
            names = _listed(r, s, since, same[0].start, subjects)
            if (s, e) not in cued:
                if len(names) != len(same) or not _a_list(r, names, subjects):
                    continue
            elif len(names) < len(same):
                names = _listed(r, s, s, group[0].start, subjects)
            n = len(same)
            windows = [names[i:i + n] for i in range(len(names) - n, -1, -1) if _a_list(r, names[i:i + n], subjects)]
            if len(names) > n and windows:  # 制造业、金融和政务…占全国低代码支出的比重分别为…: the names listed together
                names = windows[0]
            if len(names) >= len(same):
                for f, x in zip(same, names[-len(same):]):
                    f.subject = x.id
                    f.confidence = round(min(f.confidence + 0.1, 0.95), 2)


def _a_list(r: Reading, names: list[Ref], subjects: list[Ref]) -> bool:
    """Whether names follow one another as a list: only commas, and, 和, 、 and owners' names ('ByteDance's') between."""
    low = r.para.folded.lower()
    for x, y in zip(names, names[1:]):
        gap = "".join(" " if any(o.start <= i < o.end for o in subjects) else ch for i, ch in enumerate(low[x.end:y.start], x.end))
        if not re.fullmatch(r"\s*(?:,|，|、|和|与|及|and|,\s*and|or)?\s*(?:['’]s\s*|旗下的?|的)?\s*", gap):
            return False
    return True


def _listed(r: Reading, s: int, start: int, end: int, subjects: list[Ref]) -> list[Ref]:
    """The names between start and end, each once, leaving out those inside asides ('A, the cloud arm of C, and B,
    a unit of D, held 26 and 18 percent respectively')."""
    asides = _asides(r, s, end)
    names: list[Ref] = []
    for x in subjects:
        if start <= x.start and x.end <= end and x.id not in [n.id for n in names] and \
                not any(i <= x.start and x.end <= j for i, j in asides) and not _possessive(r, x, subjects):
            names.append(x)
    return names


def metric_id(phrase: str, taken: set[str]) -> str:
    """An id for a proposed metric: its English words, or a short hash of a Chinese phrase."""
    words_ = re.findall(r"[a-z0-9]+", phrase.lower())
    base = "-".join(words_[:6]) if words_ else "metric-" + hashlib.sha1(phrase.encode()).hexdigest()[:6]
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident
