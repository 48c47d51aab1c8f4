"""The first pass over a new article: read it once, and write drafts/<stem>.yaml, a document fact file whose
every item is `status: proposed` with a `confidence` and its `evidence` (paragraph and character span).

Sections: `document`, `entities` (new names), `metrics` (new measures), `mentions` (known entities, by
paragraph), `statements` (relations and dates), `observations` (figures). Same article and facts, same bytes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kg.assist import candidates as cand
from kg.assist.byline import Byline, read_byline
from kg.assist.figures import Figure, State, draft_figures, fieldwork_dates, metric_id
from kg.assist.folding import fold
from kg.assist.known import Known, read_known
from kg.assist.mentions import Hit, Matcher, elided, entity_matcher, metric_matcher, nested
from kg.assist.reading import Reading, Ref, furniture, sentences
from kg.assist.relations import Relation, class_words, draft_relations, draft_roles, metric_words, ontology, statement_words
from kg.assist.source import Article
from kg.assist.when import find_dates, month_names
from kg.assist.words import organizations, places, words
from kg.assist.yamlout import document
from kg.text.numbers import quantities

MIN_CANDIDATE = 0.3  # weaker candidates are drafted only when a figure or a relation needs them
HEADER = ("# Draft facts for {stem}, written by `kg add-source`. Review with `kg review {stem}` or in an editor\n"
          "# (set status: accepted / rejected, with reason: for a rejection), then `kg accept {stem}`.\n")


@dataclass
class NewEntity:
    id: str
    type: str
    names: dict[str, str]
    confidence: float
    paras: list[int] = field(default_factory=list)
    first: tuple[int, int, int] = (0, 0, 0)  # para, start, end of the first time it is named
    aliases: list[str] = field(default_factory=list)
    title: str | None = None
    used: bool = False


def _slug(text: str) -> str | None:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words[:8]) if words else None


def _compound(folded: str, start: int, end: int) -> bool:
    """Whether a place name is part of a hyphenated word ('Asia-Pacific'), 'Hangzhou-based' aside."""
    return folded[start - 1:start] == "-" or folded[end:end + 1] == "-" and not folded.startswith("-based", end)


def _key(name: str) -> str:
    return re.sub(r"[\s\-‐–_'’.]+", "", fold(name).lower())


class _Drafter:
    def __init__(self, article: Article, known: Known, lexicon: Path | None):
        self.a = article
        self.known = known
        self.lang = article.language
        self.entities = entity_matcher(known)
        self.metric_match = metric_matcher(known, metric_words(lexicon))
        self.shapes = statement_words(lexicon)
        self.class_words = class_words(lexicon)
        self.taken_ids = known.ids()
        self.new: dict[str, NewEntity] = {}  # by folded key
        self._by_spans: set[tuple[int, int, int]] = set()  # where the byline names people and the publisher
        self._by_ids: dict[tuple[int, int, int], str] = {}  # ... and the ids proposed for them
        self.ref_year = self._ref_year()
        self.day = self.a.date or self._wire_day()  # the article's date, or the day of its wire dateline
        self.ref_year = int(self.day[:4]) if self.day else self.ref_year
        self.home = self._home_currency()
        self.quarter_end = self._fiscal_year_end()
        gazetteer = {n: x["id"] for x in places() for n in [x["en"], x["zh-Hans"], x["zh-Hant"], *x.get("aliases", [])]
                     if x["id"] not in known.entities or n in x.get("aliases", [])}  # 全台: Taiwan, known or not
        self.places = Matcher(gazetteer, exact_case=True)
        # names and aliases of both gazetteers' entries (places.yaml, organizations.yaml), by id
        self.gazetteer_names = {x["id"]: {k: x[k] for k in ("en", "zh-Hans", "zh-Hant")} for x in places() + organizations()}
        self.gazetteer_aliases = {x["id"]: list(x.get("aliases", [])) for x in places() + organizations()}
        known_names = {fold(n).lower() for e in known.entities.values() for _lang, n in e.names}
        self.orgs = Matcher({n: x["id"] for x in organizations() if x["id"] not in known.entities
                             for n in [x["en"], x["zh-Hans"], x["zh-Hant"], *x.get("aliases", [])]
                             if fold(n).lower() not in known_names}, exact_case=True)
        self.org_types = {x["id"]: x["type"] for x in organizations()}

    def _ref_year(self) -> int | None:
        if self.a.date:
            return int(self.a.date[:4])
        anchored = self._named_relative_year()
        if anchored:
            return anchored
        years: dict[str, int] = {}
        ahead: set[int] = set()
        future = words()["forecast"] + words()["dates"]["future_before"]
        done: set[int] = set()
        closed = "|".join(re.escape(w) for w in words()["dates"]["year_closed_before"])
        closed_after = "|".join(re.escape(w) for w in words()["dates"]["year_closed_after"])
        total = "|".join(re.escape(w) for w in sorted(words()["dates"]["year_total_verbs"], key=len, reverse=True))
        since: str | None = None  # the latest day the article tells since ('自2019年12月25日推出以来'; not 自…起)
        for p in self.a.paragraphs:
            low = p.folded.lower()
            for d in find_dates(p.folded, None):
                if d.cue == "since" and len(d.value) >= 7 and (
                        "以来" in p.folded[d.end:d.end + 12] or re.search(r"\bsince\s+$", low[max(0, d.start - 8):d.start])):
                    since = max(since or d.value, d.value)
                head = re.split(r"[.!?。！？；;]\s", low[max(0, d.start - 160):d.start])[-1]  # its sentence, up to it
                if any(re.search(rf"(?<![a-z]){re.escape(w.lower())}(?![a-z])" if w.isascii() else re.escape(w), head)
                       for w in future if not w[-1].isdigit()):
                    ahead.add(int(d.value[:4]))  # 'expected … in 2025': a year still to come
                    continue
                years[d.value[:4]] = years.get(d.value[:4], 0) + 1
                if re.search(rf"(?:{closed})\s*$", head) or re.match(rf"\s*(?:{closed_after})", low[d.end:d.end + 6]) or (
                        len(d.value) == 4 and re.match(rf"[^，,。；;.\d]{{0,24}}?(?<![a-z])(?:{total})(?![a-z])\s*(?:[^\d\s，,。；;]{{1,4}}\s*)?\d",
                                                       low[d.end:d.end + 40])):
                    done.add(int(d.value[:4]))  # 'for the whole of 2024', 2024年全年, 2023年规模达…: told after that year ended
        if years:
            year = int(max(sorted(years), key=lambda y: years[y]))
            latest = self._latest_past  # no article tells as past a month after it was written
            year = max([year] + [y + 1 for y in done] + ([int(latest[:4])] if latest else []))
            bare = [d.value for p in self.a.paragraphs for d in find_dates(p.folded, year)
                    if d.relative and len(d.value) >= 7] if since else []
            if bare and max(bare) < since[:7]:
                year += 1  # '自2019年12月25日推出以来' then '3月20日上架': the March after it
            return year
        return min(ahead) - 1 if ahead else None  # an undated story that only looks ahead was written the year before

    def _named_relative_year(self) -> int | None:
        """An undated article's year from a relative year it spells out ('revenue last year, 2023, was …',
        去年（2023年）): 2024. Not a year counted from a text's year ('a year earlier'), which says nothing of now."""
        rel = {w.lower(): n for w, n in words()["dates"]["relative_years"].items()
               if w not in words()["dates"]["relative_to_text"]}
        names = "|".join(sorted(map(re.escape, rel), key=len, reverse=True))
        pattern = re.compile(rf"(?<![a-z])({names})(?![a-z])\s*[,，(（]\s*((?:19|20)\d\d)(?!\d)\s*年?\s*[,，)）]"
                             rf"|(?<!\d)((?:19|20)\d\d)\s*年?\s*[,，(（]\s*({names})(?![a-z])")
        for p in self.a.paragraphs:
            m = pattern.search(p.folded.lower())
            if m:
                word, year = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
                return int(year) - rel[word]
        return None

    def _fiscal_year_end(self) -> int | None:
        """The month the company's fiscal year ends in, where the article says it does not end in December
        ('the fiscal year ended March 31', 截至2025年3月31日止年度): its quarters and halves count from there."""
        text = "\n".join(p.folded for p in self.a.paragraphs)
        months = month_names()
        names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
        m = re.search(rf"(?:fiscal|financial)\s+year\s+(?:that\s+)?(?:ended|ending|ends|to|through)\s+({names})\b", text, re.I) \
            or re.search(r"截至(?:\d{4}\s*年)?\s*(\d{1,2})\s*月\s*\d{1,2}\s*日止(?:财政)?年度", text)
        if not m:
            return None
        month = int(m.group(1)) if m.group(1).isdigit() else months.get(m.group(1).lower())
        return month if month and month != 12 else None

    def _home_currency(self) -> str:
        """The currency a bare 元 means: the one the article declares (（人民币，下同）), else NT$ or HK$ in a
        Traditional Chinese article written from Taiwan or Hong Kong (the places it names most, words.yaml
        `home_markers`), else yuan."""
        text = "\n".join(p.folded for p in self.a.paragraphs)
        said = re.search(r"(人民币|港元|港币|新台币)[，,、]?\s*(?:以)?下同", text)  # （人民币，下同）: the article says so
        if said:
            return {"人民币": "cny", "港元": "hkd", "港币": "hkd", "新台币": "twd"}[said.group(1)]
        if self.lang != "zh-Hant":
            return "cny"
        counts = {cur: sum(text.count(w) for w in ws) for cur, ws in words()["home_markers"].items()}
        best = max(("twd", "hkd"), key=lambda c: counts[c])
        return best if counts[best] >= 2 and counts[best] > counts["cny"] else "cny"

    def _wire_day(self) -> str | None:
        """An undated article's day from a wire dateline ('BEIJING, Oct 24 (Reuters) -') or a Chinese lede opening on
        its day (7月23日，…), in the reference year, or the next one when the article tells of later days as past."""
        for p in self.a.paragraphs[:4]:
            m = re.match(r"\s*[A-Z][A-Za-z .]{1,30},\s+([A-Z][a-z]{2,8}\.?\s+\d{1,2})\s*\(", p.text) or \
                re.match(r"\s*(?:[\u4e00-\u9fff]{2,6}(?:讯|電|电)\s*)?(\d{1,2}\s*月\s*\d{1,2}\s*日)\s*[，,]", p.folded)
            if m and self.ref_year:
                found = [d for d in find_dates(m.group(1), self.ref_year) if d.value.count("-") == 2]
                if found:
                    day = found[0].value
                    latest = self._latest_past
                    if latest and day < latest[:len(day)]:  # 'as of the end of December 2023' told on March 22: 2024
                        day = f"{int(day[:4]) + 1}{day[4:]}"
                    return day
        return None

    @cached_property
    def _byline(self) -> Byline:
        """The authors and the publisher the article's head (or a wire's foot) names."""
        zh_places = {fold(n) for x in places() for n in (x.get("zh-Hans"), x.get("zh-Hant"), *x.get("aliases", []))
                     if n and not n.isascii()}
        return read_byline(self.a.paragraphs, self.lang, zh_places)

    def _byline_ids(self, readings: list[Reading]) -> tuple[list[str | None], str | None]:
        """The ids the byline's names were read as (known or new): one per author (None where it was not read),
        and the publisher's."""
        by_para = {r.para.n: r for r in readings}

        def ident(x) -> str | None:
            if (x.para, x.start, x.end) in self._by_ids:
                return self._by_ids[(x.para, x.start, x.end)]
            r = by_para.get(x.para)
            return next((y.id for y in r.refs if y.start <= x.start and x.end <= y.end), None) if r else None

        publisher = ident(self._byline.publisher) if self._byline.publisher else None
        return [ident(x) for x in self._byline.authors], publisher

    @cached_property
    def _latest_past(self) -> str | None:
        """The latest month or day the article names that it does not look ahead to."""
        future = [w.lower() for w in words()["forecast"] + words()["dates"]["future_before"] if not w[-1].isdigit()]
        latest = None
        for p in self.a.paragraphs:
            low = p.folded.lower()
            for d in find_dates(p.folded, None):
                head = re.split(r"[.!?。！？；;]\s", low[max(0, d.start - 160):d.start])[-1]
                if len(d.value) < 7 or d.cue in ("horizon",) or any(
                        re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])" if w.isascii() else re.escape(w), head) for w in future):
                    continue
                latest = max(latest or d.value, d.value)
        return latest

    # ---------------------------------------------------------------- names

    def _new_entity(self, c: cand.Candidate, para: int) -> NewEntity:
        if c.ident:  # a place of the gazetteer, under whichever of its names
            e = next((e for e in self.new.values() if e.id == c.ident), None)
            if e:
                e.confidence = max(e.confidence, c.confidence)
                return e
            self.taken_ids.add(c.ident)
            self.new[_key(c.name)] = NewEntity(c.ident, c.type, dict(c.names or {}), c.confidence,
                                               first=(para, c.start, c.end))
            return self.new[_key(c.name)]
        key = _key(c.name)
        for e in self.new.values():
            if key in {_key(a) for a in e.aliases}:
                return e
        if key not in self.new:
            slug = _slug(c.name) if c.name.isascii() else None
            base = slug or "entity-" + hashlib.sha1(key.encode()).hexdigest()[:6]
            ident, n = base, 2
            while ident in self.taken_ids:
                ident, n = f"{base}-{n}", n + 1
            self.taken_ids.add(ident)
            names = {"en": c.name}
            if not c.name.isascii() and self.lang.startswith("zh"):
                names[self.lang] = c.name
                if self.lang == "zh-Hant":
                    names["zh-Hans"] = fold(c.name)
            self.new[key] = NewEntity(ident, c.type, names, c.confidence, first=(para, c.start, c.end),
                                      aliases=list(c.aliases), title=c.title)
        e = self.new[key]
        if c.confidence > e.confidence and c.type != e.type:
            e.type = c.type  # a later naming says more: 'the app Lumen Docs'
        e.confidence = max(e.confidence, c.confidence)
        for alias in c.aliases:
            if alias not in e.aliases:
                e.aliases.append(alias)
        if c.title and not e.title:
            e.title = c.title
        return e

    def _retype(self, c: cand.Candidate, folded: str) -> None:
        """A name's class from the common noun right before it: 'the collaboration app Lumen Docs' is a Product,
        中国研究公司艾媒咨询 a company (words of the lexicon's classes), unless its own ending already said."""
        if c.confidence >= 0.5 and c.type not in ("Organization", "Product") or c.type == "Person":
            return
        head = folded[max(0, c.start - 24):c.start].rstrip(" 《〈“「『\"'").lower()
        # ... or the noun the name is said to be: 《X》是…推出的协作产品, 'X is an online notes app'
        said = re.match(r"[》〉”」』\"']?\s*(?:是[^，。,;；]{0,30}?的|(?:,\s+|,?\s+(?:is|was)\s+)(?:an?|the)\s+)([^，。,;；.]{1,40})",
                        folded[c.end:c.end + 80].lower())
        noun = re.split(r"\s+(?:developed|made|owned|built|run|operated|launched|created|used|based|by|with|that|which|from|"
                        r"of|for|in|on|at)\b", said.group(1))[0].strip() if said else ""  # its head noun last
        for word, cls in self.class_words:
            w = word.lower()
            if head.endswith(w) and (not w[0].isascii() or len(head) == len(w) or not head[-len(w) - 1].isalpha()) or \
                    noun and (re.search(rf"(?<![a-z]){re.escape(w)}$", noun) if w.isascii() else noun.endswith(w)):
                c.type = cls
                c.confidence = max(c.confidence, 0.5)
                return

    def read(self) -> list[Reading]:
        first_pass: list[tuple[list[Hit], list[cand.Candidate]]] = []
        for p in self.a.paragraphs:
            hits = self.entities.find(p.folded)
            hits = sorted(hits + elided(p.folded, hits, self.entities), key=lambda h: h.start)
            # the market's organisations the facts do not know (中国联通, Kingdee): a name of their own, over a known
            # name they hold (中国 of 中国联通)
            orgs = [h for h in self.orgs.find(p.folded) if not any(a.start < h.end and h.start < a.end and not (
                h.start <= a.start and a.end <= h.end and a.end - a.start < h.end - h.start) for a in hits)]
            hits = [a for a in hits if not any(h.start <= a.start and a.end <= h.end for h in orgs)]
            taken = [(h.start, h.end) for h in hits + orgs]
            every_place = self.places.find(p.folded)
            seats = [Ref(h.start, h.end, h.id, "Place") for h in every_place if h.id in self.known.entities
                     and any(x.start == h.start and h.end < x.end and self.known.entities[x.id].kind != "Place" for x in hits)]
            where = [h for h in every_place if not any(a < h.end and h.start < b for a, b in taken)
                     and not _compound(p.folded, h.start, h.end)]
            if any(h.id in self.known.entities for h in where):  # a gazetteer's alias of a place the facts know
                hits = sorted(hits + [h for h in where if h.id in self.known.entities], key=lambda h: h.start)
                taken = [(h.start, h.end) for h in hits]
                where = [h for h in where if h.id not in self.known.entities]
            if furniture(p.folded):
                found = []
            elif self.lang.startswith("zh"):
                found = cand.chinese(p.text, p.folded, taken,
                                     [(h.start, h.end) for h in hits if self.known.entities[h.id].kind == "Place"])
            else:
                found = cand.english(p.text, taken)
            by = [(x, "Person") for x in self._byline.authors if x.para == p.n] + \
                 [(x, "Company") for x in [self._byline.publisher] if x and x.para == p.n]
            if by:  # 'By Laura Chen | Pacific Tech Wire', 来源：新华网: the byline's names, over what else was read there
                found = [c for c in found if not any(c.start < x.end and x.start < c.end for x, _ in by)]
                found += [cand.Candidate(x.start, x.end, x.name, cls, 0.6, covers=any(x.start <= a and b <= x.end for a, b in taken))
                          for x, cls in by if not any(a < x.end and x.start < b and not (x.start <= a and b <= x.end)
                                                      for a, b in taken)]  # 中国新闻网 holds 中国: a name of its own
                self._by_spans |= {(p.n, x.start, x.end) for x, _ in by}
            if not furniture(p.folded):
                found += cand.sectors(p.text, p.folded, taken + [(c.start, c.end) for c in found], self.lang.startswith("zh"))
            # a place is a name of its own unless a longer new name holds it (Hangzhou Bright Software Co., Ltd)
            held = [h for h in where if any(c.start <= h.start and h.end <= c.end and c.end - c.start > h.end - h.start
                                            for c in found)]
            where = [h for h in where if h not in held]
            found = [c for c in found if not any(c.start == h.start and c.end == h.end for h in where)]
            found += [cand.Candidate(h.start, h.end, p.text[h.start:h.end], "Place", 0.6, ident=h.id,
                                     names=self.gazetteer_names[h.id]) for h in where]
            found += [cand.Candidate(h.start, h.end, p.text[h.start:h.end], self.org_types[h.id], 0.6, ident=h.id,
                                     names=self.gazetteer_names[h.id]) for h in orgs
                      if not any(c.start <= h.start and h.end <= c.end and (c.start, c.end) != (h.start, h.end) for c in found)]
            for c in found:
                self._retype(c, p.folded)
                e = self._new_entity(c, p.n)
                if (p.n, c.start, c.end) in self._by_spans:
                    self._by_ids[(p.n, c.start, c.end)] = e.id
            held_refs = []  # 浙江省 of 浙江省经信厅: a place all the same for 该省 to point back to, drafted only if a figure does
            for h in held:
                e = self._new_entity(cand.Candidate(h.start, h.end, p.text[h.start:h.end], "Place", 0.25, ident=h.id,
                                                    names=self.gazetteer_names[h.id]), p.n)
                held_refs.append(Ref(h.start, h.end, e.id, "Place", True))
            first_pass.append((hits, found, held_refs, seats))
        if self.lang.startswith("zh"):
            self._short_names()
        # every later naming of a new entity (and its aliases) counts, as known names do
        new_names = {}
        for e in self.new.values():
            for name in ([next(iter(e.names.values()))] if e.id not in self.gazetteer_names
                         else list(e.names.values()) + self.gazetteer_aliases[e.id]) + e.aliases:
                if name in e.aliases and not name.isascii() and e.type in ("GovernmentPlan", "Report") and len(name) <= 4:
                    name = f"《{name}》"  # 简称《方案》: the short name counts in its title marks, not in 解决方案
                new_names.setdefault(name, e.id)
        by_id = {e.id: e for e in self.new.values()}
        again = Matcher(new_names, exact_case=True) if new_names else None  # 'Information' is not 'information'
        readings = []
        last_report: Ref | None = None
        for p, (hits, found, held_refs, seats) in zip(self.a.paragraphs, first_pass):
            wider = [(c.start, c.end) for c in found if c.covers]
            inner = [h for h in hits if any(a <= h.start and h.end <= b for a, b in wider)]
            refs = [Ref(h.start, h.end, h.id, self.known.entities[h.id].kind) for h in hits if h not in inner]
            if again:
                for h in again.find(p.folded):
                    held = [r for r in refs if h.start <= r.start and r.end <= h.end and r.end - r.start < h.end - h.start
                            and not r.new]
                    if held and not any(r.start < h.end and h.start < r.end for r in refs if r not in held):
                        refs = [r for r in refs if r not in held]  # “飞书智伴” again: the new name, not 飞书 inside it
                        inner += [Hit(r.start, r.end, r.id) for r in held]
                    if not any(r.start < h.end and h.start < r.end for r in refs):
                        refs.append(Ref(h.start, h.end, h.id, by_id[h.id].type, True))
                        if p.n not in by_id[h.id].paras:
                            by_id[h.id].paras.append(p.n)
            refs = self._anaphora(p, refs, last_report)
            refs.sort(key=lambda r: r.start)
            reports = [x for x in refs if x.cls == "Report"]
            last_report = reports[-1] if reports else last_report
            dates = find_dates(p.folded, self.ref_year, int(self.day[5:7]) if self.day and len(self.day) >= 7 else None,
                               self.day, self.quarter_end or words()["fiscal_year_end"].get(self.home), self.quarter_end)
            qs = quantities(p.folded, skip=[(d.start, d.end) for d in dates])
            metrics = [Ref(h.start, h.end, h.id, "Metric") for h in self.metric_match.find(p.folded)]
            readings.append(Reading(p, sentences(p.folded), dates, qs, refs, metrics,
                                    [Ref(h.start, h.end, h.id, self.known.entities[h.id].kind) for h in inner] + held_refs, seats))
        return readings

    def _short_names(self) -> None:
        """A new Chinese company's name less its common ending (用友网络 → 用友, 金蝶国际 → 金蝶) names it too: an
        alias, and a short name proposed on its own is the same company."""
        sh = cand.shapes()
        tails = sorted(words()["names"]["zh_short_tails"], key=len, reverse=True)
        for e in sorted(self.new.values(), key=lambda e: e.first):
            name = e.names.get(self.lang) or next(iter(e.names.values()))
            if e.type != "Company" or e.id in self.gazetteer_names:
                continue
            tail = next((t for t in tails if name.endswith(t) and len(name) - len(t) >= 2), None)
            stem = name[:-len(tail)] if tail else ""
            if not stem or stem in sh.zh_generic or sh.all_common(stem) or sh.stopped(stem):
                continue
            if stem not in e.aliases:
                e.aliases.append(stem)
            short = self.new.get(_key(stem))
            if short and short is not e and short.type in ("Company", "Organization", "Product"):
                del self.new[_key(stem)]
                self.taken_ids.discard(short.id)
                e.paras = sorted(set(e.paras) | set(short.paras) | {short.first[0]})
                e.confidence = max(e.confidence, short.confidence)

    @staticmethod
    def _anaphora(p, refs: list[Ref], last: Ref | None) -> list[Ref]:
        """'The report shows ...' names the last report the article named."""
        low = p.folded.lower()
        out = list(refs)
        for cue in words()["report_anaphora"]:
            for m in re.finditer(re.escape(cue.lower()), low):
                if low[max(0, m.start() - 1):m.start()] == "的":
                    continue  # MIC今年3月针对…的调查发现: a survey of its own, not the report named before
                earlier = [x for x in out if x.cls == "Report" and x.end <= m.start()]
                target = earlier[-1] if earlier else last
                if target and not any(x.start < m.end() and m.start() < x.end for x in out):
                    out.append(Ref(m.start(), m.end(), target.id, target.cls, target.new))
        return out

    # ---------------------------------------------------------------- the draft

    def draft(self, flags: dict) -> dict:
        readings = self.read()
        state = State(self.day or (str(self.ref_year) if self.ref_year else None))
        state.home_currency = self.home
        years = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)(?!\s*[-–/至到]\s*\d)", self.a.title or "")
        if len(set(years)) == 1 and self.ref_year and int(years[0]) < self.ref_year:
            state.title_year = years[0]
        state.demonyms = {x["demonym"]: x["id"] for x in places() if "demonym" in x and x["id"] in self.known.entities}
        units = {m.id: m.unit for m in self.known.metrics.values()}
        figures: list[Figure] = []
        relations: list[Relation] = []
        people = {e.id: e.title for e in self.new.values() if e.type == "Person" and e.title}
        skip_until = self.a.title_para or 0
        state.fieldwork_at, state.fieldwork_of = fieldwork_dates(readings)
        each, publisher = self._byline_ids(readings)
        authors = list(dict.fromkeys(i for i in each if i))
        state.bylined = set(authors) | ({publisher} if publisher and publisher not in self.known.entities else set())
        # (a publisher the facts know may be what its own news is about: 'Source: Kingsoft Office')
        for r in readings:
            figures += draft_figures(r, state, units, r.para.n <= skip_until, self.lang.startswith("zh"))
            relations += draft_relations(r, self.shapes, self.lang)
            relations += draft_roles(r, people, self.lang)
            relations += self._named_location(r)
            reports = [x for x in r.refs if x.cls == "Report"]
            if reports:
                state.last_report = reports[-1].id
        if publisher:  # a byline's authors work for its publisher
            for x, ident in zip(self._byline.authors, each):
                if ident:
                    relations.append(Relation(x.para, x.start, x.end, ident, "affiliation", publisher, 0.6))
        flags = {**flags, "_authors": authors, "_publisher": publisher}
        return self._sections(readings, figures, relations + self._containment(), flags)

    def _named_location(self, r: Reading) -> list[Relation]:
        """A new organisation whose name opens with a place (Hangzhou Yunqiao Technology, 杭州云桥科技) is there, when
        the place is known or named on its own as well (else it is not worth a new entity)."""
        onto = ontology()
        strong = {e.id for e in self.new.values() if e.confidence >= MIN_CANDIDATE} | set(self.known.entities)
        kinds = {w.lower() for w in words()["place_kinds"]}
        countries = {x["id"] for x in places() if "demonym" in x}
        out = []
        for x in r.refs:
            if x.new and onto.fits(x.cls, "Organization"):
                place = next((y for y in r.inner if y.cls == "Place" and y.start == x.start and y.end < x.end
                              and y.id in strong and y.id not in countries), None)  # not China Daily, 中国新闻网
                rest = r.para.folded[place.end:x.end].strip().lower() if place else ""
                if place and rest not in kinds:
                    out.append(Relation(r.para.n, x.start, x.end, x.id, "location", place.id, 0.5))
        return out

    def _containment(self) -> list[Relation]:
        """A new place of the gazetteer lies in the nearest place containing it that the draft or the facts hold."""
        parents = {x["id"]: x.get("in") for x in places()}
        held = set(self.known.entities) | {e.id for e in self.new.values() if e.confidence >= MIN_CANDIDATE}
        out = []
        for e in sorted(self.new.values(), key=lambda e: e.first):
            if e.type != "Place" or e.id not in parents or e.confidence < MIN_CANDIDATE:
                continue  # a place only inside a longer name is no entity of its own, nor is what holds it
            up, seen = parents[e.id], {e.id}
            while up and up not in held and up not in seen:
                seen.add(up)
                up = parents.get(up)
            if up and up not in seen:
                para, start, end = e.first
                out.append(Relation(para, start, end, e.id, "locatedIn", up, 0.6))
        return out

    def _sections(self, readings: list[Reading], figures: list[Figure], relations: list[Relation], flags: dict) -> dict:
        a = self.a
        lang = flags.get("language") or a.language
        doc: dict = {"id": a.stem}
        title = flags.get("title") or a.title
        if title:
            doc["title"] = {lang: title}
        if flags.get("publisher") or flags.get("_publisher"):
            doc["publisher"] = flags.get("publisher") or flags["_publisher"]
        date = flags.get("date") or a.date
        if date:
            doc["date"] = date
        doc["language"] = lang
        paras = sorted({p for p in (a.title_para, a.date_para) if p})
        if paras:
            doc["para"] = paras[0] if len(paras) == 1 else paras
        if flags.get("_authors"):
            doc["authors"] = flags["_authors"]
        used = {f.subject for f in figures} | {f.stated_by for f in figures} | {r.subject for r in relations} | \
               {r.value for r in relations}
        entities = []
        for e in sorted(self.new.values(), key=lambda e: (e.first, e.id)):
            if e.confidence < MIN_CANDIDATE and e.id not in used:
                continue
            para, s, end = e.first
            entry: dict = {"id": e.id, "type": e.type, "name": e.names}
            if e.aliases:
                entry["aliases"] = {"en" if all(x.isascii() for x in e.aliases) else lang: e.aliases}
            ps = sorted(set(e.paras) | {para})
            entry["para"] = ps[0] if len(ps) == 1 else ps
            entries = _status(entry, e.confidence, para, s, end)
            entities.append(entries)
        kept = {x["id"] for x in entities}
        figures = [f for f in figures if f.subject and (f.subject in self.known.entities or f.subject in kept)]
        for f in figures:
            if f.stated_by and f.stated_by not in self.known.entities and f.stated_by not in kept:
                f.stated_by = None
        metrics, metric_ids = [], {}
        for f in figures:
            if f.metric is None and f.new_metric:
                key = _key(f.new_metric)
                if key not in metric_ids:
                    ident = metric_id(f.new_metric, self.taken_ids)
                    self.taken_ids.add(ident)
                    metric_ids[key] = ident
                    name = {"en": f.new_metric}
                    if not f.new_metric.isascii() and lang.startswith("zh"):
                        name[lang] = f.new_metric
                    metrics.append(_status({"id": ident, "name": name, "unit": f.unit}, 0.3, f.para, f.start, f.end))
                f.metric = metric_ids[key]
        figures = [f for f in figures if f.metric]
        mentions = []
        seen: dict[str, dict] = {}
        for r in readings:
            inside = [Ref(h.start, h.end, h.id, "", False) for h in nested(r.para.folded, [Hit(x.start, x.end, x.id) for x in r.refs
                                                                                       if not x.new], self.entities)]
            for x in sorted(r.refs + inside + r.inner, key=lambda x: x.start):
                if x.new:
                    continue
                if x.id not in seen:
                    seen[x.id] = {"id": x.id, "para": [], "first": (r.para.n, x.start, x.end)}
                    mentions.append(seen[x.id])
                if r.para.n not in seen[x.id]["para"]:
                    seen[x.id]["para"].append(r.para.n)
        mention_items = []
        for m in mentions:
            para, s, e = m["first"]
            paras = m["para"]
            mention_items.append(_status({"id": m["id"], "para": paras[0] if len(paras) == 1 else paras}, 0.9, para, s, e))
        statements = []
        for rel in relations:
            if rel.subject not in self.known.entities and rel.subject not in kept:
                continue
            if rel.prop not in ("jobTitle",) and not re.match(r"^\d{4}", rel.value) and rel.value not in self.known.entities \
                    and rel.value not in kept:
                continue
            value = {lang if not rel.value.isascii() else "en": rel.value} if rel.prop == "jobTitle" else rel.value
            statements.append(_status({"s": rel.subject, "para": rel.para, rel.prop: value}, rel.confidence, rel.para,
                                      rel.start, rel.end))
        observations = []
        seen_obs = set()
        for f in figures:
            entry = {"subject": f.subject, "metric": f.metric, "value": f.value, "unit": f.unit}
            if f.time:
                entry["time"] = f.time
            if f.qualifier:
                entry["qualifier"] = f.qualifier
            if f.compared_to:
                entry["comparedTo"] = f.compared_to
            if f.stated_by:
                entry["statedBy"] = f.stated_by
            entry["para"] = f.para
            key = tuple(sorted((k, str(v)) for k, v in entry.items()))
            if key in seen_obs:
                continue
            seen_obs.add(key)
            item = _status(entry, f.confidence, f.para, f.start, f.end)
            if f.time_from_article:
                item["check"] = "time is the article's date: the text gives none"
            observations.append(item)
        return {"document": doc, "entities": entities, "metrics": metrics, "mentions": mention_items,
                "statements": statements, "observations": observations}


def _status(entry: dict, confidence: float, para: int, start: int, end: int) -> dict:
    return {**entry, "status": "proposed", "confidence": round(float(confidence), 2),
            "evidence": {"para": para, "span": [start, end]}}


def draft_article(article: Article, facts_dir: Path, flags: dict | None = None, lexicon: Path | None = None) -> dict:
    """The draft sections for `article` against what `facts_dir` already knows."""
    return _Drafter(article, read_known(facts_dir), lexicon).draft(flags or {})


def render(stem: str, sections: dict) -> str:
    return document(sections, HEADER.format(stem=stem))
