"""Relations and dates the ontology has words for, driven by the lexicon (ontology/lexicon.yaml, the data the
question reader uses): each property's `events` are the words that state it in an article. Around such a
word, the nearest names whose classes fit the property's domain and range (from the ontology) become
subject and object; a date-valued property takes the nearest date of the sentence. No code per relation.

A person named with a job title (Pan Helin, executive dean of X; X高级研究员Y表示) gives jobTitle and
affiliation, the two properties the ontology has for people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from kg.assist.reading import LIST_GAP, Reading, Ref, clause_bounds
from kg.assist.words import words
from kg.paths import ontology_dir

LEXICON_FILE = "lexicon.yaml"
DATE_RANGE = "TemporalValue"
REACH = {"en": 60, "zh": 20}  # characters between the word and the names it connects


@dataclass
class Relation:
    para: int
    start: int
    end: int
    subject: str
    prop: str
    value: str  # an id, or a date
    confidence: float


@dataclass(frozen=True)
class PropertyShape:
    name: str
    words: tuple[str, ...]
    domain: str
    range: str


@dataclass
class Ontology:
    supers: dict[str, set[str]]
    domain: dict[str, str]
    range: dict[str, str]
    symmetric: frozenset[str] = frozenset()

    def fits(self, cls: str, target: str) -> bool:
        """Whether an entity of class `cls` may stand where the ontology asks for `target`."""
        ups = self.supers.get(cls, set())
        if target == "Agent":
            return cls in ("Person", "Organization") or "Organization" in ups
        return target == "Entity" or cls == target or target in ups


@lru_cache(maxsize=4)
def ontology(path: Path | None = None) -> Ontology:
    """Classes with their superclasses, and the domain and range of each property, read from kg.ttl."""
    text = (path or ontology_dir() / "kg.ttl").read_text(encoding="utf-8")
    supers: dict[str, set[str]] = {}
    domain: dict[str, str] = {}
    rng: dict[str, str] = {}
    symmetric = set()
    for block in re.split(r"\n(?=kg:\w+ a )", text):
        m = re.match(r"kg:(\w+) a ", block)
        if not m:
            continue
        name = m.group(1)
        if re.match(r"kg:\w+ a [^;]*owl:SymmetricProperty", block):
            symmetric.add(name)
        sub = re.search(r"rdfs:subClassOf ([^;.]+)", block)
        if sub:
            supers[name] = set(re.findall(r"kg:(\w+)", sub.group(1)))
        d = re.search(r"rdfs:domain kg:(\w+)", block)
        r = re.search(r"rdfs:range (?:kg|xsd|rdf):(\w+)", block)
        if d:
            domain[name] = d.group(1)
        if r:
            rng[name] = r.group(1)
    closed: dict[str, set[str]] = {}
    for c in supers:
        seen, todo = set(), list(supers[c])
        while todo:
            x = todo.pop()
            if x not in seen:
                seen.add(x)
                todo += supers.get(x, [])
        closed[c] = seen
    return Ontology(closed, domain, rng, frozenset(symmetric))


@lru_cache(maxsize=1)
def stater_classes() -> tuple[str, ...]:
    """The classes the shapes allow as who states a figure (kg:statedBy's sh:or in shapes.ttl)."""
    text = (ontology_dir() / "shapes.ttl").read_text(encoding="utf-8")
    m = re.search(r"sh:path kg:statedBy\b[^\]]*?sh:or \((.*?)\)\s*\]", text, re.S)
    return tuple(re.findall(r"sh:class kg:(\w+)", m.group(1))) if m else ("Organization", "Person", "Report")


def lexicon_file(path: Path | None = None) -> Path:
    return Path(path) if path else ontology_dir() / LEXICON_FILE


@lru_cache(maxsize=4)
def statement_words(path: Path | None = None) -> tuple[PropertyShape, ...]:
    """The properties the lexicon gives `events` words for, with their domain and range; none without a lexicon."""
    file = lexicon_file(path)
    if not file.is_file():
        return ()
    data = yaml.load(file.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    onto = ontology()
    out = []
    for prop, entry in sorted((data.get("properties") or {}).items()):
        if not isinstance(entry, dict) or not entry.get("events"):
            continue
        events = entry["events"]
        if isinstance(events, dict):  # {en: [...], zh: [...]} as well as a flat list
            events = [w for ws in events.values() for w in ws]
        if prop in onto.domain:  # `events_domain` narrows what the builder drafts it for (a publisher: of a Report)
            out.append(PropertyShape(prop, tuple(sorted({str(w) for w in events}, key=lambda w: (-len(w), w))),
                                     str(entry.get("events_domain") or onto.domain[prop]), onto.range.get(prop, "Entity")))
    return tuple(out)


NAMED_CLASSES = ("Company", "GovernmentBody", "ResearchOrganization", "Organization", "Product", "Platform",
                 "GovernmentPlan", "Report")  # classes a common noun before a new name can give it


def class_words(path: Path | None = None) -> list[tuple[str, str]]:
    """(word, class) from the lexicon's `classes:` for the classes of named things, longest word first."""
    file = lexicon_file(path)
    if not file.is_file():
        return []
    data = yaml.load(file.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    out = []
    for cls, entry in (data.get("classes") or {}).items():
        if cls in NAMED_CLASSES and isinstance(entry, dict):
            out += [(str(w), cls) for lang in ("en", "zh") for w in entry.get(lang) or []]
    return sorted(set(out), key=lambda x: (-len(x[0]), x))


def metric_words(path: Path | None = None) -> dict[str, list[str]]:
    """Extra words for metrics from the lexicon's `metrics:` section (none without a lexicon)."""
    file = lexicon_file(path)
    if not file.is_file():
        return {}
    data = yaml.load(file.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    out = {}
    for ident, entry in (data.get("metrics") or {}).items():
        if isinstance(entry, dict):
            out[str(ident)] = [str(w) for lang in ("en", "zh") for w in entry.get(lang) or []]
    return out


def _occurrences(low: str, word: str):
    w = word.lower()
    if w[:1].isascii() and w[:1].isalpha():
        pattern = rf"(?<![a-z]){re.escape(w)}(?![a-z])"
    else:
        pattern = re.escape(w)
    return re.finditer(pattern, low)


def draft_relations(r: Reading, shapes: tuple[PropertyShape, ...], lang: str) -> list[Relation]:
    onto = ontology()
    low = r.para.folded.lower()
    reach = REACH["zh" if lang.startswith("zh") else "en"]
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    for shape in shapes:
        for word in shape.words:
            for m in _occurrences(low, word):
                s, e = r.sentence_of(m.start())
                refs = r.refs_in(s, e)
                before = [x for x in refs if m.start() - reach <= x.end <= m.start()]
                after = [x for x in refs if m.end() <= x.start <= m.end() + reach]
                if len(word) == 1 and not word.isascii():  # 阿里巴巴的钉钉: a one-character word joins two names it touches
                    before, after = [x for x in before if x.end == m.start()], [x for x in after if x.start == m.end()]
                found = _connect(shape, before, after, r, s, e, m, onto)
                if not found:
                    continue
                if shape.range == "Place" and any(x.id == found[0] and x.cls == "Place" for x in refs):
                    continue  # a place in a place is locatedIn, drafted from the gazetteer
                values = [found[1]]
                if shape.range != DATE_RANGE:  # 'competes with Yonyou, Kingdee and Seeyon': each of the list
                    values += [x.id for x in _list_after(r, found[1], refs) if onto.fits(x.cls, shape.range)]
                for value in values:
                    if (found[0], shape.name, value) not in seen and value != found[0]:
                        seen.add((found[0], shape.name, value))
                        out.append(Relation(r.para.n, m.start(), m.end(), found[0], shape.name, value, found[2]))
    return out


def _list_after(r: Reading, first: str, refs: list[Ref]) -> list[Ref]:
    """The names listed after the name `first` in its sentence ('X, Y and Z', X、Y和Z)."""
    text = r.para.folded
    at = next((i for i, x in enumerate(refs) if x.id == first), None)
    out: list[Ref] = []
    if at is None:
        return out
    prev = refs[at]
    for x in refs[at + 1:]:
        if not LIST_GAP.fullmatch(text[prev.end:x.start]):
            break
        out.append(x)
        prev = x
    return out


def _connect(shape: PropertyShape, before: list[Ref], after: list[Ref], r: Reading, s: int, e: int, m, onto: Ontology):
    """The nearest names on either side of the word that fit the property's domain and range (names that do not
    fit, such as a technology between a company and its product, are stepped over)."""
    low = r.para.folded.lower()
    relative = low.startswith("的", m.end()) or m.group(0).endswith("的")  # 阿里巴巴于2015年推出的: said of what precedes
    if shape.range == DATE_RANGE:
        passive = relative or re.search(r"(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$", low[max(0, m.start() - 20):m.start()])
        a, b = clause_bounds(r.para.folded, m.start(), m.end(), s, e)
        before, after = [x for x in before if x.start >= a], [x for x in after if x.end <= b]  # in the word's clause
        sides = [list(reversed(before)), after] if passive else [after, list(reversed(before))]  # what was launched
        dates = [d for d in r.dates if s <= d.start and d.end <= e]
        for side in sides:
            fit = [x for x in side if onto.fits(x.cls, shape.domain) and x.cls not in UNDATED]
            made = [x for x in fit if onto.fits(x.cls, "Product")]  # most often a product
            if fit and dates:
                date = min(dates, key=lambda d: abs(d.start - m.start()))
                return (made or fit)[0].id, date.value, 0.5
        return None
    back = list(reversed(before))
    if m.group(0).startswith("-") and back:  # 'Xiamen-based Yihui', 'Tencent, the Shenzhen-based operator of WeChat'
        place = back[0]
        head = re.search(r"(?:^|\s)(?:the|a|an)\s+$", low[max(0, place.start - 8):place.start])
        named = [y for y in r.refs if y.end <= place.start - (len(head.group(0)) if head else 0) and y.end >= place.start - 12
                 and head and re.fullmatch(r",\s*", low[y.end:place.start - len(head.group(0))])]
        follows = [y for y in after if re.fullmatch(r"\s*(?:[a-z-]+\s+){0,2}", r.para.folded[m.end():y.start])]  # 'startup X'
        x = named[-1] if named else follows[0] if follows else None
        if x is None or not onto.fits(x.cls, shape.domain) or not onto.fits(place.cls, shape.range):
            return None
        return x.id, place.id, 0.5
    if shape.name in onto.symmetric:  # rivals, partners: two players of the market, not a place or a topic
        back, after = [y for y in back if _employer(onto, y.cls)], [y for y in after if _employer(onto, y.cls)]
    orders = [(after, back), (back, after)]
    if re.search(r"\s(?:of|by|in|with|against)$", m.group(0).lower()) or shape.name in onto.symmetric:
        orders.reverse()  # 'X, a unit of Y', 'X, based in Y', 'X competes with Y', X的竞争对手Y: X is the subject
    if relative:  # 钉钉是阿里巴巴…推出的: the product before the maker, both before the word
        v = next((y for y in back if onto.fits(y.cls, shape.range)), None)
        orders.insert(0, ([y for y in back if v and y.end <= v.start], back))
    for dom_side, rng_side in orders:
        x = next((y for y in dom_side if onto.fits(y.cls, shape.domain)), None)
        v = next((y for y in rng_side if onto.fits(y.cls, shape.range)), None)
        if x is not None and v is not None and x.id != v.id:
            return x.id, v.id, 0.45  # "Tencent's Tencent Meeting", 腾讯旗下…腾讯会议 / "DingTalk, owned by Alibaba"
    v = next((y for y in after if onto.fits(y.cls, shape.range)), None)
    x = next((y for y in after if v and y.start >= v.end and onto.fits(y.cls, shape.domain)
              and "的" in low[v.end:y.start] and not re.search(r"[，,。;；]", low[v.end:y.start])), None)
    if x is not None and x.id != v.id:
        return x.id, v.id, 0.45  # 总部位于广州的协同办公服务商粤办通: the word, its object, 的, then what it says it of
    return None


NOT_EMPLOYERS = ("Person", "Place", "Sector", "Technology", "Report", "Claim", "Metric", "Event")
UNDATED = ("Person", "Place", "Sector", "Technology")  # launched, issued, started: not a place, a field or a person


def _employer(onto: Ontology, cls: str) -> bool:
    return cls not in NOT_EMPLOYERS and not onto.fits(cls, "Event")


def _role_en(r: Reading, x: Ref, roles: list[str]) -> tuple[str | None, Ref | None]:
    """'Name, [the] <title> of|at <Org>, said' (the last employer of the aside) or '<Org> <title> Name'."""
    text = r.para.folded
    aside = re.match(r",\s+(?:who is\s+)?(?:an?\s+|the\s+)?([^,;()“”\"]{2,90}?)(?=,|;|\.\s|\s+(?:said|says|told|noted|added)\b)",
                     text[x.end:x.end + 120])
    if aside:
        words_ = aside.group(1)
        if any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", words_.lower()) for w in roles):
            a, b = x.end + aside.start(1), x.end + aside.end(1)
            prep = re.search(r"\s(?:of|at|with|from|for|in)\s", words_)
            a = a + prep.end() if prep else a  # the employer follows 'of' / 'at': 'Asia-Pacific head at L2'
            inside = [y for y in r.refs if a <= y.start and y.end <= b and y.id != x.id and _employer(ontology(), y.cls)]
            title = re.split(r"\s+(?:of|at|with|from|in|for)\s+", words_)[0].strip()
            return title or None, (inside[0] if inside else None)
    head = text[max(0, x.start - 40):x.start]
    m = re.search(r"(?<![A-Za-z0-9])((?:[a-z][a-z-]*\s+){1,3})$", head)  # lower-case words: 'H2 Ventures partner Ben Heap'
    if m and any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", m.group(1)) for w in roles):
        at = x.start - len(m.group(1))
        org = next((y for y in r.refs if at - 2 <= y.end <= at and y.id != x.id), None)
        return text[at:x.start].strip(), org
    return None, None


def _role_zh(r: Reading, x: Ref, titles: list[str]) -> tuple[str | None, Ref | None]:
    """'<Org><title><Name>' (腾讯研究院高级研究员徐思彦表示): the title right before the name, the name before it."""
    text = r.para.folded
    for t in titles:
        if text.endswith(t, 0, x.start):
            at = x.start - len(t)
            org = next((y for y in reversed(r.refs) if at - 4 <= y.end <= at and y.id != x.id), None)
            return t, org
    return None, None


def draft_roles(r: Reading, people: dict[str, str], lang: str) -> list[Relation]:
    """jobTitle and affiliation of people named with a title (new or known): the employer named beside the title."""
    onto = ontology()
    names = words()["names"]
    roles = [w.lower() for w in names["en_roles"]]
    titles = sorted(names["zh_person_titles"], key=len, reverse=True)
    out, seen = [], set()
    for x in r.refs:
        if x.cls != "Person":
            continue
        title, org = _role_zh(r, x, titles) if lang.startswith("zh") else _role_en(r, x, roles)
        if org is None and lang.startswith("zh"):
            alt = _role_en(r, x, roles)  # a Latin aside inside Chinese text
            title, org = (title or alt[0]), alt[1]
        title = people.get(x.id) or title
        if title and (x.id, "jobTitle") not in seen:
            seen.add((x.id, "jobTitle"))
            out.append(Relation(r.para.n, x.start, x.end, x.id, "jobTitle", title, 0.5))
        if org and _employer(onto, org.cls) and (x.id, org.id) not in seen:
            seen.add((x.id, org.id))
            out.append(Relation(r.para.n, min(x.start, org.start), max(x.end, org.end), x.id, "affiliation", org.id, 0.5))
    return out
