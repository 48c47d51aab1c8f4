"""New entity candidates: names an article uses that the facts folder does not know yet.

English: runs of capitalised words (Zhongnan University of Economics and Law), CamelCase and all-capital
names (WeLink, CNNIC), a person before ", <title>" or beside "said", parenthesised and "known as" aliases,
quoted titles of plans and reports. Chinese: 《》 titles, names ending in 公司 / 集团 / 研究院 / 中心 ...,
a person between a job title and 表示, quoted names after 推出 / 名为. Latin names inside Chinese text follow
the English shapes. The class of a candidate comes from its last word (words.yaml `names:`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.assist.folding import is_cjk
from kg.assist.words import words


@dataclass
class Candidate:
    start: int
    end: int
    name: str
    type: str
    confidence: float
    aliases: list[str] = field(default_factory=list)
    title: str | None = None  # a person's job title, when the text gives one right beside the name
    covers: bool = False  # the name contains a known one (腾讯研究院 holds 腾讯)
    ident: str | None = None  # a gazetteer's id and names (places.yaml), when the name is one of its places
    names: dict[str, str] | None = None


class _Shapes:
    def __init__(self):
        w = {**words()["names"], "zh_name_ends": words()["zh_name_ends"], "zh_name_end_fillers": words()["zh_name_end_fillers"]}
        self.en_class = {}
        for cls, suffixes in w["en_classes"].items():
            for s in suffixes:
                self.en_class[s.lower()] = cls
        self.stop = set(w["en_stop"])
        self.generic = set(w["en_generic"])
        self.edition = set(w["en_edition"])
        self.connectors = set(w["en_connectors"])
        self.person_cues = [c.lower() for c in w["en_person_cues"]]
        self.org_before = [c.lower() for c in w["en_org_before"]]
        self.title_words = set(w["en_title_words"])
        self.actor_verbs = "|".join(map(re.escape, sorted(w["en_actor_verbs"], key=len, reverse=True)))
        self.org_nouns = "|".join(map(re.escape, sorted(self.org_before, key=len, reverse=True)))
        self.roles = "|".join(map(re.escape, sorted(w["en_roles"], key=len, reverse=True)))
        self.alias_cues = sorted(w["en_aliases"], key=len, reverse=True)
        self.zh_class = sorted(((s, cls) for cls, ss in w["zh_classes"].items() for s in ss), key=lambda x: -len(x[0]))
        self.zh_quotes = w["zh_quotes"]
        self.zh_titles = w["zh_titles"]
        self.zh_cue_before = w["zh_quote_cues_before"]
        self.zh_cue_after = w["zh_quote_cues_after"]
        self.zh_bad = sorted(w["zh_bad_starts"], key=len, reverse=True)
        self.zh_generic = set(w["zh_generic"])
        self.zh_stop = set(w["zh_stop_chars"])
        self.zh_measure = set(w["zh_measure_chars"])
        self.zh_suffix_classes = set(w["zh_suffix_classes"])
        self.zh_person_titles = sorted(w["zh_person_titles"], key=len, reverse=True)
        self.zh_speech = sorted(w["zh_speech"], key=len, reverse=True)
        word = r"(?:[A-Z][A-Za-z0-9]*(?:[-'’.][A-Za-z0-9]+)*|[A-Z]{2,}[a-z]*|[a-z]{1,2}[A-Z][A-Za-z0-9]*|\d+(?:st|nd|rd|th))"
        conn = "|".join(re.escape(c) for c in sorted(self.connectors, key=len, reverse=True))
        # a name may end on a version number ('WPS 365', 'Windows 11'), never on a year
        scales = "million|billion|trillion|thousand|percent|per|pct|points?|yuan|dollars|times|hours|days|years"
        self.run = re.compile(rf"(?<![A-Za-z0-9]){word}(?:(?:\s+(?:{conn}))*\s+{word})*(?:\s\d{{2,3}}(?![\d,.%])|\s\d{{1,2}}\.\d{{1,2}}(?![\d%]|[.,]\d)(?!\s+(?:{scales})\b))?(?![A-Za-z0-9])")
        titles = "|".join(map(re.escape, self.zh_person_titles))
        speech = "|".join(map(re.escape, self.zh_speech))
        self.zh_compound_surnames = tuple(w["zh_compound_surnames"])
        double = "|".join(map(re.escape, self.zh_compound_surnames))
        self.zh_person = re.compile(  # not 记者提问时表示; 行政总裁司徒嘉欣接受…
            rf"(?:{titles})((?:{double})[\u4e00-\u9fff]{{1,2}}?|[\u4e00-\u9fff]{{2,3}}?)(?<!时)(?:在[\u4e00-\u9fff]{{1,8}}?[上中时])?(?:{speech})")
        self.zh_weak = {s: "GovernmentPlan" for s in w["zh_plan_suffixes"]} | {s: "Platform" for s in w["zh_platform_suffixes"]}
        self.zh_edition = w["zh_edition_suffixes"]
        self.zh_scopes = w["zh_platform_scopes"]
        suffixes = "|".join(sorted([re.escape(s) for s, c in self.zh_class if c in self.zh_suffix_classes]
                                   + [re.escape(s) for s in self.zh_weak], key=len, reverse=True))
        ends = "|".join(map(re.escape, sorted(w["zh_name_ends"], key=len, reverse=True)))
        nouns = "|".join(map(re.escape, sorted([s for s, _ in self.zh_class] + w["zh_descriptors"], key=len, reverse=True)))
        fill = "|".join(map(re.escape, sorted(w["zh_name_end_fillers"], key=len, reverse=True)))
        self.zh_given = re.compile(rf"({nouns})([\u4e00-\u9fff]{{2,7}}?)(?:(?:{fill}|\d{{1,2}}日)?(?:{ends}))")
        self.zh_noun = re.compile(rf"(?:{nouns})")
        self.zh_descriptor_words = [d for d in w["zh_descriptors"] if len(d) >= 2 and d not in ("公司", "平台")] + ["厂"]
        self.zh_descriptor_ends = sorted(w["zh_owned_descriptors"], key=len, reverse=True)
        owned = "|".join(map(re.escape, sorted(w["zh_owned_before"], key=len, reverse=True)))
        owned_ends = "|".join(map(re.escape, sorted(w["zh_owned_ends"], key=len, reverse=True)))
        seated = "|".join(map(re.escape, sorted(w["zh_seated_before"], key=len, reverse=True)))
        self.zh_seated = re.compile(rf"(?:{seated})[\u4e00-\u9fff]{{2,8}}?的([A-Za-z0-9\u4e00-\u9fff]{{2,10}}?)(?={owned_ends}|[，,。、；;：:（(）)]|$)")
        self.zh_owned = re.compile(rf"(?:{owned})([A-Za-z0-9\u4e00-\u9fff]{{2,10}}?)(?={owned_ends}|[，,。、；;：:（(）)]|$)")
        self.zh_suffix = re.compile(rf"(?:{suffixes})")
        self.zh_actor = re.compile("|".join(map(re.escape, sorted(w["zh_actor_cues"] + w["zh_actor_nouns"], key=len, reverse=True))))
        self.zh_actor_nouns = set(w["zh_actor_nouns"])
        self.zh_weak_cues = set(w["zh_weak_actor_cues"])
        self.zh_topic_cues = set(w["zh_topic_cues"])
        self.zh_false_endings = tuple(w["zh_false_endings"])
        self.zh_surnames = set(w["zh_surnames"])
        self.zh_speech_set = set(w["zh_speech"])
        fillers = sorted(set(w["zh_clause_openers"]) | set(w["zh_owned_ends"]), key=len, reverse=True)
        date = r"\d{1,4}(?:年|月|日|号)(?:初|底|末|中|以来)?|[上下]半年"
        self.zh_open = re.compile(rf"(?:{date}|{'|'.join(map(re.escape, fillers))})")
        self.zh_close = re.compile(rf"(?:{date}|{'|'.join(map(re.escape, fillers))})$")
        self.zh_common_heads = tuple(w["zh_common_heads"])


    def all_common(self, stem: str) -> bool:
        """Whether `stem` is nothing but common words (行业 + 软件): a description, no name."""
        if not hasattr(self, "_common"):
            self._common = sorted((w for w in self.zh_generic | set(self.zh_common_heads) | set(self.zh_descriptor_words)
                                   if len(w) > 1), key=len, reverse=True)
        i = 0
        while i < len(stem):
            step = next((len(w) for w in self._common if stem.startswith(w, i)), 0)
            if not step:
                return False
            i += step
        return True

    def verb_in(self, name: str) -> bool:
        """Whether Chinese characters hold a verb no name holds (设立, 愿意): a clause, no name."""
        return any(v in name for v in words()["sectors"]["zh_verbs"])

    def stopped(self, name: str) -> bool:
        """Whether Chinese characters hold a particle or a counted measure (三家, 5位): no name's."""
        return any(ch in self.zh_stop or ch in self.zh_measure and (
            i == 0 or re.match(r"[\d一二三四五六七八九十百千万两几]", name[i - 1])) for i, ch in enumerate(name))


@lru_cache(maxsize=1)
def shapes() -> _Shapes:
    return _Shapes()


def _en_class(name: str, sh: _Shapes) -> str | None:
    """The class a name's head noun gives: its last words, or those before 'of' (University of X, Ministry of Y)."""
    head = re.split(r"\s+(?:of|for|on)\s+", name)[0]
    if head != name:
        found = _en_class(head, sh)
        if found:
            return found
    parts = name.split()
    for n in (2, 1):
        if len(parts) >= n:
            cls = sh.en_class.get(" ".join(parts[-n:]).lower())
            if cls:
                return cls
    return None


@lru_cache(maxsize=1)
def _currency_codes() -> tuple[str, ...]:
    """The currency codes the number grammar reads before an amount (RMB, USD, HKD …)."""
    from kg.text.numbers import grammar

    return tuple(w for w, _cur in grammar().currency_before if w.isalpha() and w.isascii())


def _runs(text: str, sh: _Shapes, taken: list[tuple[int, int]] = ()):
    """Capitalised runs, a run 'A B and C D' cut in two where its first half is a whole name of its own (two
    words or more, no 'of'): 'Quill Notes and Inkwell Pad', but 'University of Economics and Law' stays. A run
    of single words whose last gives no class is a list ('Ofo and Mobike'), cut at each 'and'."""
    for m in sh.run.finditer(text):
        s = m.start()
        listed = _en_class(m.group(0), sh) is None and all(len(w.split()) == 1 for w in re.split(r"\s+and\s+", m.group(0)))
        for part in re.finditer(r"\s+and\s+", m.group(0)):
            before = m.group(0)[s - m.start():part.start()].split()
            known_next = any(a == m.start() + part.end() for a, _b in taken)  # 'Kestrava and Larkspur Group's'
            if listed or known_next or len(before) >= 2 and not {"of", "for", "the", "on"} & {w.lower() for w in before}:
                yield from _owned(text, s, m.start() + part.start())
                s = m.start() + part.end()
        yield from _owned(text, s, m.end())


def _owned(text: str, s: int, e: int):
    """A run cut after an owner's 's: 'Larkspur Group's Lumen' is the owner, then the name it owns."""
    for m in re.finditer(r"['’]s\s+(?=[A-Z])", text[s:e]):
        yield s, s + m.start() + 2
        s = s + m.end()
    yield s, e


MONTHS = {m for m in words()["dates"]["months"]}
_LEGAL = re.compile(r"(?:\.?,?\s*(?:Co\.?,?\s*)?(?:Ltd|Limited|Inc|Corp|LLC|PLC|GmbH|AG|SA)\b\.?)+")


def _sentence_start(text: str, pos: int) -> bool:
    head = text[:pos].rstrip(" \"'“‘(")
    return not head or head[-1] in ".!?。！？:;\n" or head.endswith(("]", "》"))


def english(text: str, taken: list[tuple[int, int]], whole_line: bool = True) -> list[Candidate]:
    """Capitalised names in `text` (original case) that do not overlap a known name in `taken`; a `text` that
    is nothing but a name is a heading or a menu line, unless `whole_line` is False (a Latin name in Chinese)."""
    sh = shapes()
    out: list[Candidate] = []
    last_end = 0
    for s, e in _runs(text, sh, taken):
        if s < last_end:
            continue
        tokens = text[s:e].split()
        owner = [i for i, t in enumerate(tokens[1:-1], 1) if re.search(r"['’]s$", t)]
        if owner:  # "Huawei Cloud's Asia Pacific business": the owner's name
            tokens = tokens[:owner[0] + 1]
            e = s + len(" ".join(tokens)) if text[s:].startswith(" ".join(tokens)) else e
        if tokens and re.search(r"['’]s$", tokens[-1]):  # India's: the name, not its possessive
            tokens[-1] = tokens[-1][:-2]
            e -= 2
        lead = 0
        while lead < len(tokens) - 2 and tokens[lead] in sh.title_words:
            lead += 1
        if lead and 2 <= len(tokens) - lead <= 3 and all(t[:1].isupper() and t[1:].islower() for t in tokens[lead:]) \
                and not _en_class(" ".join(tokens), sh):  # 'Chief Financial Officer Jiang Shuyan': a person and the title
            at = s
            for t in tokens[:lead]:
                at = text.index(t, at) + len(t)
            at += len(text[at:]) - len(text[at:].lstrip())
            out.append(Candidate(at, e, text[at:e].rstrip(".,"), "Person", 0.6, title=" ".join(tokens[:lead]).lower()))
            last_end = e
            continue
        if tokens and all(t.lower().rstrip(".") in MONTHS for part in tokens for t in re.split(r"[-–—]", part)):
            continue  # 'July-September': months, no name
        if tokens and any(tokens[0].startswith(code) and tokens[0][len(code):len(code) + 1].isdigit() for code in _currency_codes()):
            continue  # 'RMB1.46 billion': an amount, no name
        if re.match(r",\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*\(", text[e:e + 24]) or re.search(r"\d{1,2}\s*\($", text[max(0, s - 6):s]):
            continue  # 'NORLAND CITY, Oct 24 (Wire) -': where and by whom a wire story was filed
        while tokens and (tokens[0] in sh.stop or tokens[0].lower() in sh.connectors  # The, In ...
                          or len(tokens) > 1 and tokens[0].lower() in sh.org_before and tokens[0] not in sh.generic
                          and tokens[0].lower() not in sh.en_class  # 'Start-up Brightfern Technology', not 'App Store'
                          or len(tokens) > 1 and re.search(r"-(?:based|headquartered|listed|registered)$", tokens[0])  # Xiamen-based
                          or len(tokens) > 1 and re.search(r"['’]s$", tokens[0])):  # China's Ministry of ...
            s = text.index(tokens[0], s) + len(tokens[0])
            s += len(text[s:]) - len(text[s:].lstrip())
            tokens = tokens[1:]
        if len(tokens) >= 2 and tokens[-1].isdigit() and tokens[-2].rstrip(".").lower() in MONTHS:
            tokens = tokens[:-1]  # 'Hangzhou on April 18': a date after the name
        while tokens and (tokens[-1].lower() in sh.connectors or tokens[-1] in sh.stop) and not (
                len(tokens) == 2 and tokens[0] not in sh.stop and _role_follows(text[e:e + 80], sh)):
            tokens = tokens[:-1]  # 'Alibaba on Monday'; but 'Ye Jun, president of X' is a name
        if not tokens or all(t in sh.generic for t in tokens) or len(tokens) == 1 and (
                re.search(r"-[a-z]+$", tokens[0]) or tokens[0].lower() in sh.en_class and _sentence_start(text, s)):
            continue  # 'Internet' alone; 'Shenzhen-based', an adjective
        e = s + len(" ".join(tokens)) if text[s:].startswith(" ".join(tokens)) else e
        legal = _LEGAL.match(text, e)
        if legal:  # Co., Ltd / Inc. / Holdings Ltd: part of the name
            e = legal.end()
            tokens = text[s:e].split()
        name = text[s:e].rstrip(".,")
        e = s + len(name)
        years = re.match(r"\s*\((?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d\)", text[e:e + 14])
        if years and _en_class(name, sh) in ("GovernmentPlan", "Report"):  # 'Action Plan for ... (2025-2027)'
            e += years.end()
            name = text[s:e]
        if any(a <= s and e <= b for a, b in taken):
            continue
        inner = [(a, b) for a, b in taken if s <= a and b <= e]
        cls = _en_class(name, sh)
        inner = [(a, b) for a, b in inner if text[a:b] not in sh.edition] or inner  # 'WPS AI': AI known, yet an edition
        rest_words = "".join(ch if not any(a <= i < b for a, b in inner) else " " for i, ch in enumerate(text[s:e], s)).split()
        if inner and not cls and rest_words and all(w in sh.edition or re.fullmatch(r"\d+(?:\.\d+)?", w) for w in rest_words) and text[s:e] not in [
                text[a:b] for a, b in inner]:
            out.append(Candidate(s, e, name, "Product", 0.5, covers=True))  # 'WPS AI': an edition of a known product
            last_end = e
            continue
        if inner and not cls and len(tokens) < 3:
            continue
        rest = "".join(ch if not any(a <= i < b for a, b in inner) else " " for i, ch in enumerate(text[s:e], s))
        if inner and all(w.lower() in sh.connectors for w in rest.split()):
            continue  # 'Baidu AI Cloud and Fengyun Software': known names joined by 'and'
        if whole_line and s == len(text) - len(text.lstrip()) and e == len(text.rstrip()) and not cls:
            continue  # a line that is nothing but a name: a menu, a heading, a footer
        if any(a < e and s < b and not (s <= a and b <= e) for a, b in taken):
            continue  # straddles a known name
        if any(t[0].isdigit() for t in tokens[:1]) and not (re.fullmatch(r"\d+(?:st|nd|rd|th)", tokens[0]) and _en_class(name, sh)) \
                or len(name) == 1:
            continue  # 'C轮': a letter, no name; but the '55th Statistical Report …', the '14th Five-Year Plan …' are
        after = text[e:e + 80]
        before = text[max(0, s - 20):s].lower()
        single = len(tokens) == 1
        camel = single and (re.search(r"[a-z][A-Z]", name) or (name.isupper() and len(name) >= 3))
        named_org = re.search(r"(?<![a-z])(?:" + "|".join(map(re.escape, sh.org_before)) + r")\s+$", before)
        person = (not cls and not named_org and 2 <= len(tokens) <= 3 and all(t[:1].isupper() and t[1:].islower() for t in tokens)
                  and (_role_follows(after, sh)
                       or any(before.rstrip().endswith(c) for c in sh.person_cues)
                       or re.search(rf"(?<![a-z])(?:{sh.roles})\s+$", before)  # 'H2 Ventures partner Ben Heap'
                       or any(after.lower().lstrip(" ,").startswith(c) for c in sh.person_cues)))
        last_end = e
        if person:
            title = None
            tm = re.match(r",\s+((?:an?\s+|the\s+)?[a-z][a-z\s-]{2,60}?)\s+(?:of|at|with|from|in)\s+(?:the\s+)?[A-Z]", after)
            if tm:
                title = re.sub(r"^(?:an?|the)\s+", "", tm.group(1).strip())
            out.append(Candidate(s, e, name, "Person", 0.6, title=title))
        elif cls:
            out.append(Candidate(s, e, name, cls, 0.6, covers=bool(inner)))  # 'Huawei Cloud' holds 'Huawei'
        elif camel:
            out.append(Candidate(s, e, name, "Product" if not name.isupper() else "Organization", 0.45))
        elif not single:
            out.append(Candidate(s, e, name, "Organization", 0.45 if named_org else 0.35))
        elif not whole_line or not _sentence_start(text, s) or re.match(  # 'Huawei, whose …' / 'Huawei said' open a sentence
                rf"(?:['’]s\s|,\s+(?:whose|which)\s|\s+(?:{sh.actor_verbs})\s)", text[e:e + 24]) or re.match(
                rf",\s+(?:an?|the|one of the)\s+(?:[\w'’-]+\s+){{0,5}}?(?:{sh.org_nouns})\b", after, re.I):  # 'Fanruan, a data firm,'
            out.append(Candidate(s, e, name, "Organization", 0.25))
    _aliases_en(text, out, sh)
    return out


def _role_follows(after: str, sh: _Shapes) -> bool:
    """Whether a job title follows a name (', CEO of', ', an associate researcher at')."""
    return bool(re.match(rf",\s+(?:an?\s+|the\s+)?(?:[A-Za-z-]+\s+){{0,6}}?(?:{sh.roles})\b", after, re.I))


def _aliases_en(text: str, found: list[Candidate], sh: _Shapes) -> None:
    """'Name (NAME)' and 'Name, known as X': the second name becomes an alias of the first."""
    for c in list(found):
        m = re.match(r"\s*\(\s*([A-Za-z][A-Za-z0-9&.\- ]{1,30}?)\s*\)", text[c.end:c.end + 40])
        if m and m.group(1) != c.name and m.group(1)[0].isupper():
            c.aliases.append(m.group(1))
            found[:] = [x for x in found if not (x.start >= c.end and x.end <= c.end + m.end())]
        for cue in sh.alias_cues:
            m = re.match(rf",?\s+(?:also\s+)?{re.escape(cue)}\s+(?:the\s+)?[\"“']?([A-Z][\w\- ]{{1,40}}?)[\"”']?(?=[,.;)]|\s+(?:is|was|which|that))",
                         text[c.end:c.end + 80])
            if m:
                c.aliases.append(m.group(1))
                break


def chinese(text: str, folded: str, taken: list[tuple[int, int]], places: list[tuple[int, int]] = ()) -> list[Candidate]:
    """Chinese names in `text` (folded gives Simplified characters at the same offsets); `places` are the spans
    of known places among `taken`, which may open a company's name (北京青鸟网络科技有限公司)."""
    sh = shapes()
    out: list[Candidate] = []
    places = [(a, b) for a, b in places if folded[a:b] not in words()["scene_words"]]  # 国内 opens no company's name

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken) and not any(c.start < e and s < c.end for c in out)

    for left, right in sh.zh_titles:
        for m in re.finditer(re.escape(left) + r"([^" + re.escape(right) + r"]{2,60})" + re.escape(right), folded):
            inner = m.group(1)
            bare = re.sub(r"\s*[（(]\s*\d{4}\s*(?:年)?\s*(?:[-—–~至到]+\s*\d{4}\s*年?)?\s*[)）]\s*$", "", inner)  # …方案（2025—2027年）
            cls = next((c for suf, c in sh.zh_class if bare.endswith(suf) and c in ("Report", "GovernmentPlan")), None)
            if (m.start(1), m.end(1)) in taken or any(c.start < m.end(1) and m.start(1) < c.end for c in out):
                continue  # a known name in title marks
            # a title is a whole name, known names inside it (中国, 协同办公) only mentions; without a telling
            # ending it is a report, unless a noun before it says otherwise
            out.append(Candidate(m.start(1), m.end(1), text[m.start(1):m.end(1)], cls or "Report", 0.7 if cls else 0.45,
                                 covers=not free(m.start(1), m.end(1))))
    for m in sh.zh_owned.finditer(folded):  # 腾讯云旗下的腾讯电子签于2020年上线
        name_end = m.end(1)
        for d in sh.zh_descriptor_ends:  # 网易旗下的中国大学MOOC平台: the name, less the noun that describes it
            if folded.endswith(d, m.start(1), name_end) and name_end - len(d) - m.start(1) >= 2:
                name_end -= len(d)
                break
        if free(m.start(1), name_end) and m.group(1)[0] not in "的了在是也都将其该此这那各每多" \
                and not re.match(r"\d|[一二三四五六七八九十百千万亿两上数几多逾近约超]+[名家个位款项台所门份]", m.group(1)):
            out.append(Candidate(m.start(1), name_end, text[m.start(1):name_end], "Product", 0.45))  # not 旗下20万员工
    for m in sh.zh_seated.finditer(folded):  # 总部位于杭州的e签宝
        if free(m.start(1), m.end(1)) and not sh.stopped(m.group(1)[:1]):
            out.append(Candidate(m.start(1), m.end(1), text[m.start(1):m.end(1)], "Company", 0.45))
    for m in STOCK_CODE.finditer(folded):  # 用友网络（600588.SH）, 金蝶国际(0268.HK): a listed company
        s = _zh_left(folded, m.start(), taken, sh)
        lead = sh.zh_open.match(folded, s, m.start())
        while lead and lead.end() > s:
            s = lead.end()
            lead = sh.zh_open.match(folded, s, m.start())
        name = folded[s:m.start()]
        if 2 <= len(name) <= 8 and free(s, m.start()) and not sh.stopped(name) and name not in sh.zh_generic \
                and not sh.all_common(name):
            out.append(Candidate(s, m.start(), text[s:m.start()], "Company", 0.55))
    for m in sh.zh_person.finditer(folded):
        if free(m.start(1), m.end(1)):
            out.append(Candidate(m.start(1), m.end(1), text[m.start(1):m.end(1)], "Person", 0.55,
                                 title=_zh_title(folded, m.start(1), sh)))
    for m in sh.zh_suffix.finditer(folded):
        suffix = m.group(0)
        if folded[m.end():m.end() + 1] and folded[m.end()] in words()["names"]["zh_suffix_not_before"].get(suffix, ""):
            continue  # 承认部分, 局面: a word, no ending
        if sh.zh_suffix.match(folded, m.end()):
            continue  # 科技有限公司, 集团研究院: the last ending ends the name
        cls = sh.zh_weak.get(suffix) or next(c for s, c in sh.zh_class if s == suffix)
        s = _zh_left(folded, m.start(), taken, sh)
        owner = next(((a, b) for a, b in taken if b == m.start()), None)
        if cls == "Platform" and (owner or not any(folded.startswith(w, s) for w in sh.zh_scopes)
                                  and not any(b == s for a, b in places)):
            continue  # 钉钉平台, 协同办公平台: a known name or a common noun; 国家…平台, 上海市…平台: a name
        if owner and cls in ("ResearchOrganization", "Organization") and free(m.start(), m.end()):
            # 腾讯研究院: a known name and an institute's ending name an institute of its own
            out.append(Candidate(owner[0], m.end(), text[owner[0]:m.end()], cls, 0.5, covers=True))
            continue
        opening = next(((a, b) for a, b in places if b == s), None)
        lead = sh.zh_open.match(folded, s, m.start())
        while lead and lead.end() > s and not opening:  # 今年上半年公司实现…: dates and openers are no part of a name
            s = lead.end()
            lead = sh.zh_open.match(folded, s, m.start())
        name = folded[s:m.end()]
        stem = name[:-len(suffix)]
        if suffix == "公司" and len(stem) <= 3 and not opening and folded.count(stem) < 2:
            continue  # 创下公司…, 接近公司的人士: 公司 is 'the company'; a short name with it comes again bare (蓝凌公司 … 蓝凌)
        if opening and cls in ("Company", "GovernmentBody", "Organization", "ResearchOrganization") and len(stem) >= 2 \
                and free(s, m.end()) and \
                not (stem in sh.zh_generic or sh.stopped(stem)):
            out.append(Candidate(opening[0], m.end(), text[opening[0]:m.end()], cls, 0.5, covers=True))
            continue
        scope = next((len(w) for w in sh.zh_scopes if stem.startswith(w)), 0)  # 国家…平台: 家 is no measure word here
        if suffix == "政府" and not opening:
            continue  # 列入政府, 部分地方政府: a government is named by its place (杭州市政府)
        if len(stem) < 2 or stem in sh.zh_generic or stem in sh.zh_bad or sh.stopped(stem[scope:]) or name.endswith(sh.zh_false_endings) \
                or sh.verb_in(stem) \
                or sh.all_common(stem) and not (cls == "GovernmentBody" and len(stem) >= 4):
            continue  # 行业软件公司: common words, no name (but 创新科技署 is a body's)
        if len(suffix) == 1 and len(stem) < 3:
            continue
        if free(s, m.end()):  # a plan named without 《》 is kept only where a figure or a relation needs it
            conf = 0.25 if suffix in sh.zh_weak else 0.5 if len(suffix) > 1 else 0.35
            out.append(Candidate(s, m.end(), text[s:m.end()], cls, conf))
    for suffix in sh.zh_edition:  # 飞书轻享版: an edition of a known product, a product of its own
        for m in re.finditer(re.escape(suffix), folded):
            for a, b in taken:
                between = folded[b:m.start()]
                if 1 <= len(between) <= 4 and all(is_cjk(ch) and not sh.stopped(ch) for ch in between) \
                        and free(b, m.end()):
                    out.append(Candidate(a, m.end(), text[a:m.end()], "Product", 0.5, covers=True))
                    break
    for left, right in sh.zh_quotes:
        for m in re.finditer(re.escape(left) + r"([^" + re.escape(right) + r"]{2,12})" + re.escape(right), folded):
            head = folded[max(0, m.start() - 4):m.start()]
            described = re.match(rf"[\u4e00-\u9fff]{{0,8}}?(?:{'|'.join(map(re.escape, sh.zh_cue_after))})", folded[m.end():m.end() + 12])
            clause = re.match(r"[^，,。；;！？!?]*", folded[m.end():]).group(0)
            heads_figure = (m.start() == 0 or folded[m.start() - 1] in _CLAUSE_EDGE) and re.search(r"\d", clause) \
                and not sh.all_common(m.group(1)) and not any(w in folded[m.end():m.end() + 4] for w in words()["names"]["zh_slogan_nouns"])
            # “天府通办”累计注册用户突破6500万: a name heading a figure's clause; not “全程网办”事项占比…, a slogan's items
            if any(head.endswith(c) for c in sh.zh_cue_before) or described or heads_figure:
                if re.search(r"[,，。、]", m.group(1)) or (m.start(1), m.end(1)) in taken:
                    continue
                if free(m.start(1), m.end(1)):
                    out.append(Candidate(m.start(1), m.end(1), text[m.start(1):m.end(1)], "Product", 0.3))
                elif not any(c.start < m.end(1) and m.start(1) < c.end for c in out):  # “阿里云盘企业空间”: holds 阿里云
                    out.append(Candidate(m.start(1), m.end(1), text[m.start(1):m.end(1)], "Product", 0.4, covers=True))
    for m in sh.zh_given.finditer(folded):  # 线上学习平台X表示: X is a name the article gives
        if any(a <= m.start(1) < b for a, b in taken):
            continue  # 云雀集团当天表示: the noun ends a known name
        start, noun = m.start(2), m.group(1)
        more = sh.zh_noun.match(folded, start, m.end(2))
        while more and m.end(2) - more.end() >= 2:  # 咨询服务X: the last noun before the name
            start, noun = more.end(), more.group(0)
            more = sh.zh_noun.match(folded, start, m.end(2))
        cls = next((c for suf, c in sh.zh_class if noun.endswith(suf)), "Organization")
        lead = sh.zh_open.match(folded, start, m.end(2))
        if lead and lead.end() == m.end(2):
            continue  # 公司早前推出: a time, no name
        if free(start, m.end(2)) and not any(folded[start:m.end(2)].startswith(b) for b in sh.zh_bad):
            out.append(Candidate(start, m.end(2), text[start:m.end(2)], cls, 0.45))
    opened = {a: b for a, b in places}
    for m in sh.zh_actor.finditer(folded):  # 契约锁宣布…, 2023年泛微网络董事长…表示: a name heading its clause
        span = _zh_actor(folded, m.start(), sh)
        if span and any(folded.startswith(t, i) and i + len(t) > span[1] for t in sh.zh_person_titles
                        for i in range(span[0], span[1])):
            continue  # 行政总裁, 首席执行官: the cue ends a longer title, no name before it
        if span and span[0] in opened and span[1] - opened[span[0]] >= 2 and not any(
                c.start < span[1] and span[0] < c.end for c in out) and not sh.stopped(folded[opened[span[0]]:span[1]]):
            out.append(Candidate(span[0], span[1], text[span[0]:span[1]], "Company", 0.4, covers=True))  # 杭州简构科技
            continue
        if span and m.group(0) in sh.zh_actor_nouns and span[1] - span[0] < 3 and folded.count(folded[span[0]:span[1]]) < 2:
            continue  # 付费日活: a modifier, not a name
        if span and m.group(0) in sh.zh_topic_cues and folded[m.end():m.end() + 1] in _CLAUSE_EDGE:
            continue  # 付费转化方面，…: a topic, not a speaker's side
        if span and m.group(0) in sh.zh_weak_cues and (span[1] - span[0] < 3 or folded[span[0] - 1:span[0]] not in "。！？!?\n"):
            continue  # '，需要完成…': a clause whose subject is left out
        if span and free(*span):
            name = folded[span[0]:span[1]]
            titled = any(folded.endswith(t, 0, span[0]) for t in sh.zh_person_titles)  # CEO章庆元在…表示
            if (name[0] in sh.zh_surnames and (len(name) == 3 or titled and len(name) == 2)
                    or name.startswith(sh.zh_compound_surnames) and len(name) in (3, 4)) and (
                    titled or any(folded.startswith(v, m.start()) for v in sh.zh_speech_set)):
                out.append(Candidate(span[0], span[1], text[span[0]:span[1]], "Person", 0.45))  # 周晨阳表示
            else:
                out.append(Candidate(span[0], span[1], text[span[0]:span[1]], "Company", 0.35))
    for m in re.finditer("的", folded):  # 法大大的年签约量突破10亿份: a name heading a clause that states a figure
        rest = re.match(r"[^，,。；;！？!?]*", folded[m.end():]).group(0)
        span = _zh_actor(folded, m.start(), sh) if re.match(r"[^\d\s]+?\d", rest) else None
        if span and span[1] == m.start() and free(*span):  # not 高于2024年的35.2%
            out.append(Candidate(span[0], span[1], text[span[0]:span[1]], "Company", 0.3))
    codes = [(m.start(), m.end()) for m in STOCK_CODE.finditer(folded)]
    latin = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z][A-Za-z0-9&.\- ]*[A-Za-z0-9]|[A-Za-z]", folded)
             if not any(a <= m.start() and m.end() <= b for a, b in codes)]  # (600588.SH): no name
    for s, e in latin:
        piece = text[s:e]
        for c in english(piece, [(a - s, b - s) for a, b in taken if s <= a and b <= e], whole_line=False):
            cs, ce = s + c.start, s + c.end
            cls = c.type
            for suf, zcls in sh.zh_class:  # NTT集团: a Latin name with a Chinese ending
                if folded.startswith(suf, ce):
                    ce, cls = ce + len(suf), zcls
                    break
            if c.covers and not any(x.start < ce and cs < x.end for x in out):
                out.append(Candidate(cs, ce, text[cs:ce], c.type, c.confidence, covers=True))
            elif free(cs, ce):
                conf = c.confidence if c.type != "Organization" or len(c.name) > 2 else 0.25
                out.append(Candidate(cs, ce, text[cs:ce], "Product" if cls == "Organization" and c.name.isupper() is False
                                     else cls, max(conf, 0.4)))
    for c in out:  # 《…行动方案》（以下简称《方案》）: the short name is the title's alias
        short = re.match(r"[》」”]?\s*[（(]\s*(?:以下)?简称\s*[《“「]?([^）)》”」]{2,20})[》”」]?\s*[)）]", folded[c.end:c.end + 40])
        if short and short.group(1) != c.name:
            c.aliases.append(text[c.end + short.start(1):c.end + short.end(1)])
            out = [x for x in out if not (x.start >= c.end and x.end <= c.end + short.end())]
    return sorted(out, key=lambda c: c.start)


def sectors(text: str, folded: str, taken: list[tuple[int, int]], chinese: bool) -> list[Candidate]:
    """Sectors named by their market or industry: 'the online recruitment market' (online recruitment),
    中国网络招聘市场 (网络招聘), 全国软件和信息技术服务业 (软件和信息技术服务业)."""
    w = words()["sectors"]
    stop = set(words()["phrase_stops"]) | {x.lower() for x in w["en_skip"]}
    out: list[Candidate] = []

    def add(s: int, e: int, conf: float) -> None:
        if folded[s:e].lower() not in w["generic"] and e - s >= 2 and not any(a < e and s < b for a, b in taken) and not any(c.start < e and s < c.end for c in out):
            out.append(Candidate(s, e, text[s:e], "Sector", conf))

    if not chinese:
        heads = "|".join(map(re.escape, w["en_heads"]))
        verbs = {v.lower() for v in words()["verbs_before_number"]}
        for m in re.finditer(rf"(?<![A-Za-z-])(?:{heads})(?![A-Za-z-])", folded):
            base = max(0, m.start() - 60)
            kept: list[tuple[int, int]] = []
            for word in reversed(list(re.finditer(r"[A-Za-z][A-Za-z'’-]*", folded[base:m.start()]))[-3:]):
                token, gap = word.group(0), folded[base + word.end():kept[0][0] if kept else m.start()]
                if not token.islower() or token in stop or gap.strip():
                    break  # 'the online recruitment market': the words up to 'the'
                kept.insert(0, (base + word.start(), base + word.end()))
            if kept:
                add(kept[0][0], kept[-1][1], 0.35)
            elif re.match(r"\s+for\s", folded[m.end():m.end() + 5]):  # 'the market for government collaborative office'
                words_after = []
                for word in re.finditer(r"[A-Za-z][A-Za-z'’-]*", folded[m.end() + 5:m.end() + 80]):
                    token = word.group(0)
                    if not token.islower() or token in stop or token in verbs or token.endswith("ed") or \
                            folded[m.end() + 5 + (words_after[-1][1] if words_after else word.start()):m.end() + 5 + word.start()].strip():
                        break
                    words_after.append((word.start(), word.end()))
                if 1 <= len(words_after) <= 5:
                    add(m.end() + 5 + words_after[0][0], m.end() + 5 + words_after[-1][1], 0.35)
        return out
    heads = "|".join(map(re.escape, w["zh_heads"] + w["zh_whole_ends"]))
    stop_chars = set(w["zh_stop_chars"]) - {"和", "及"}  # 软件和信息技术服务业, 金融及专业服务业
    sh = shapes()
    org_ends = "|".join(re.escape(suf) for suf, cls in sh.zh_class if cls in sh.zh_suffix_classes and len(suf) > 1)
    for m in re.finditer(rf"(?:{heads})", folded):
        whole = m.group(0) in w["zh_whole_ends"]
        end = m.end() if whole else m.start()
        s = m.start()
        while s > 0 and m.start() - s < 12 and is_cjk(folded[s - 1]) and (
                folded[s - 1] not in stop_chars or folded[s - 1:s + 1] in w["zh_words"]) \
                and not any(b == s for _a, b in taken):
            s -= 1
        if folded[s - 1:s + 1] == "其中":  # 其中制造业客户: 中 is 其中's
            s += 1
        for pre in sorted(w["zh_skip_starts"], key=len, reverse=True):
            if folded.startswith(pre, s) and end - s - len(pre) >= 2:
                s += len(pre)
                break
        name = folded[s:end]
        owner = re.match(rf"[\u4e00-\u9fff]{{0,6}}?(?:{org_ends})", folded[m.end():m.end() + 10])  # 产业情报研究所: an institute's
        if len(name) >= 2 and not owner and name not in w["zh_not"] and "等" not in name and not name.startswith(("及", "和")) \
                and not all(part in w["zh_not"] for part in re.split("[和与及、]", name)) and not name.startswith("和") and not name.endswith("和") \
                and not any(v in name for v in w["zh_verbs"]) and name[0] not in w["zh_bad_first"] \
                and not any(c in name for c in w["zh_bad_chars"]) \
                and (whole or len(name) <= 6):
            add(s, end, 0.35)
    return out


_CLAUSE_EDGE = set("，,。！？!?；;：:、（()）“”「」『』《》\"'\n")


STOCK_CODE = re.compile(r"[（(]\s*(?:(?:股票代码|证券代码|代码)[:：]\s*)?(?:\d{4,6}(?:\.(?:SH|SZ|HK|BJ))?"
                         r"|(?:NYSE|NASDAQ|Nasdaq|HKEX|SEHK)\s*[:：]\s*[A-Z0-9.]+)\s*[)）]")


def _zh_actor(folded: str, end: int, sh: _Shapes) -> tuple[int, int] | None:
    """The name heading a clause that ends at `end` (before an actor's cue): the clause's characters less the
    dates and opening words (据, 同时, 今年) before it and the fillers (也, 已, 近日) after it, when what is left
    looks like a name: 2-6 characters, Chinese among them, no particle, number or common noun."""
    s = end
    while s > 0 and end - s < 24 and folded[s - 1] not in _CLAUSE_EDGE:
        s -= 1
    if s > 0 and folded[s - 1] not in _CLAUSE_EDGE:
        return None  # not the head of its clause
    e = end
    mod = folded.rfind("的", s, end)
    if mod >= 0 and end - mod - 1 >= 2:  # 专注制造业场景的杭州简构科技本月宣布: the name after what describes it
        s = mod + 1
    while True:
        m = sh.zh_open.match(folded, s, e)
        if m and m.end() > s:
            s = m.end()
            continue
        m = sh.zh_close.search(folded, s, e)
        if m and m.start() < e and m.start() > s:
            e = m.start()
            continue
        break
    cue = sh.zh_actor.search(folded, s, e)
    if cue and cue.start() > s:  # 公司实现营业收入: the name stops at the first cue
        e = cue.start()
    name = folded[s:e]
    cjk = sum(1 for ch in name if is_cjk(ch))
    if not 2 <= len(name) <= 6 or cjk < 2 or re.search(r"\d|\s", name) or sh.stopped(name) \
            or name in sh.zh_generic or name.endswith(sh.zh_common_heads) or any(name.startswith(b) for b in sh.zh_bad) \
            or any(name.startswith(h) for h in sh.zh_common_heads if len(h) >= 2) \
            or any(name.startswith(t) for t in sh.zh_person_titles) or name.endswith(sh.zh_false_endings) \
            or sh.verb_in(name):  # 执行长王涛表示, 愿意付费
        return None
    return s, e


def _zh_left(folded: str, end: int, taken: list[tuple[int, int]], sh: _Shapes) -> int:
    """Where a Chinese name ending at `end` starts: after punctuation, a known name, or a function word."""
    s = end
    while s > 0 and end - s < 10 and is_cjk(folded[s - 1]):
        s -= 1
    for a, b in taken:
        if s <= b <= end and a < end:
            s = max(s, b) if b < end else s
    best = s
    scope = next((len(w) for w in sh.zh_scopes if folded.startswith(w, s)), 0)  # 国家 is no 家
    for i in range(s + scope, end):
        for w in sh.zh_bad:
            if folded.startswith(w, i) and i + len(w) <= end - 1:
                best = max(best, i + len(w))
    for i in range(max(0, s - 3), end):
        for w in sh.zh_descriptor_words:  # 头部厂商北森控股, 协作软件商云拓科技: the name after the noun describing it
            if folded.startswith(w, i) and s < i + len(w) <= end - 2:
                best = max(best, i + len(w))
    while best < end - 2 and best > 0 and folded[best] in "年月日" and folded[best - 1].isdigit():
        best += 1  # 2023年推出限制性股票激励计划: the date's word is no part of the name
    return best


def _zh_title(folded: str, name_start: int, sh: _Shapes) -> str | None:
    for t in sh.zh_person_titles:
        if folded.endswith(t, 0, name_start):
            s = name_start - len(t)
            while s > 0 and name_start - s < 12 and is_cjk(folded[s - 1]) and folded[s - 1] not in "的在是":
                s -= 1
            return folded[s:name_start]
    return None
