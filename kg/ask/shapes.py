"""Candidate interpretations of a reading, one family per ontology-level shape of question.

Each shape takes what the reading linked (entities, classes, properties, metrics, roles, cue words, dates,
numbers), reads the rows it needs from `Facts` (the ask-* templates), and yields candidates that return
something. Nothing here knows a particular entity, property or word: the words live in the lexicon and
the labels, the shapes are the ontology's (entity-property-value both ways, things of a class related to
an entity, events in a time window, figures of a metric, comparisons, counts and superlatives per group,
provenance, connections, yes/no).
"""

from __future__ import annotations

import calendar
from collections import Counter, deque
from dataclasses import dataclass, field, replace

from kg.ask.facts import KG, RDF_TYPE, Facts
from kg.ask.link import ALIAS, Span, Target, fold, normalize
from kg.ask.understand import Reading
from kg.iris import PREFIX_IRIS
from kg.text.dates import TimeSpan

AGENTS = ("Person", "Organization")
UNIT = PREFIX_IRIS["unit"]
EVENT = "Event"
_DIGITS = {"year": 4, "month": 7, "day": 10}  # how long an ISO date as precise as a time expression is
STATEMENTS = ("Claim", "Observation")  # classes of things that state something about others


@dataclass
class Candidate:
    shape: str
    values: list  # the answer set: IRI strings, pyoxigraph Literals, numbers (int/float) or bools
    used: list[Span]
    prior: float
    answer: str  # entity | date | number | bool | text
    parts: dict = field(default_factory=dict)  # what the wording names: entity, property, class, metric, ...
    rows: list[tuple] = field(default_factory=list)  # supporting rows (subject, relation, object, document)
    score: float = 0.0
    covered: float = 0.0


class Context:
    """What shapes share: the reading, the facts, the index and the lexicon."""

    def __init__(self, reading: Reading, facts: Facts, index, lex):
        self.r = reading
        self.facts = facts
        self.index = index
        self.lex = lex
        self.date_props = [KG + n for n, p in lex.properties.items() if p.answer == "date"]
        self.symmetric = {KG + n for n in ("partner", "competitor")}

    # ---------------------------------------------------------------- classes

    def cls(self, iri: str) -> str | None:
        thing = self.index.things.get(iri)
        if not thing:
            return None
        if thing["kind"] == "document":
            return "SourceDocument"
        return thing.get("class")

    def is_a(self, iri: str, wanted: str) -> bool:
        c = self.cls(iri)
        if c is None:
            return False
        if c == wanted:
            return True
        thing = self.index.things.get(KG + c)
        return bool(thing) and KG + wanted in thing.get("super", [])

    def is_any(self, iri: str, wanted) -> bool:
        return any(self.is_a(iri, w) for w in wanted)

    def members(self, wanted: str) -> list[str]:
        return sorted(i for i, t in self.index.things.items() if t["kind"] in ("entity", "document")
                      and self.is_a(i, wanted))


def _other(row, e):
    s, _p, o, _d = row
    return o if s == e else s


def _is_iri(x) -> bool:
    return isinstance(x, str)


# -------------------------------------------------------------------- answer types

def wanted_classes(ctx: Context, skip: set[str] = frozenset()) -> tuple[list[str], list[Span]]:
    """Classes the question asks for (class words not naming the entities' own class), with their spans."""
    out, used = [], []
    for s in ctx.r.classes:
        if s.target.ref in skip and not asked_class(ctx, s):
            continue
        out.append(s.target.ref)
        used.append(s)
    return list(dict.fromkeys(out)), used


def asked_class(ctx: Context, span: Span) -> bool:
    """Whether a class word names what is asked: right after the question word ('which country', '哪个国家'),
    or inside a property phrase ('哪家公司的')."""
    r = ctx.r
    for q in r.qwords:
        if q.target.ref == "which" and q.end <= span.start and all(k not in r.content for k in range(q.end, span.start)):
            return True
        if q.target.ref == "which" and span.end <= q.start and all(k not in r.content for k in range(span.end, q.start)):
            return True  # …的公司是哪家: the class just before the question word
    return any(p.start <= span.start and span.end <= p.end for p in _holding(ctx, span))


def _holding(ctx: Context, span: Span) -> list[Span]:
    """The property phrases a class word is part of ('哪家公司的', '母公司'): they name what is asked."""
    return [p for p in ctx.r.properties if p.start <= span.start and span.end <= p.end and p.length > span.length]


def qword_fits(ctx: Context, answer: str, values: list) -> list[Span]:
    """The question word's span when it agrees with the answer's type (who: an agent, when: a date...)."""
    q = ctx.r.qword
    if not q:
        return []
    span = ctx.r.qwords[:1]
    if q == "when" and answer == "date":
        return span
    if q == "how_many" and answer == "number":
        return span
    if q == "whether" and answer == "bool":
        return span
    if q == "who" and answer == "entity" and any(_is_iri(v) and ctx.is_any(v, AGENTS) for v in values):
        return span
    if q == "where" and answer == "entity" and any(_is_iri(v) and ctx.is_any(v, ("Place", "Organization"))
                                                   for v in values):
        return span
    if q == "which" and answer in ("entity", "document"):
        return span
    return []


def type_filter(ctx: Context, values: list, classes: list[str]) -> list:
    if not classes:
        return values
    return [v for v in values if _is_iri(v) and ctx.is_any(v, classes)]


def qword_filter(ctx: Context, values: list) -> list:
    if ctx.r.qword == "who":
        kept = [v for v in values if _is_iri(v) and ctx.is_any(v, AGENTS)]
        return kept or values
    if ctx.r.qword == "where":
        kept = [v for v in values if _is_iri(v) and ctx.is_any(v, ("Place",))]
        return kept or values
    return values


# -------------------------------------------------------------------- entity - property - value

def lookups(ctx: Context) -> list[Candidate]:
    """entity -property-> ? and ? -property-> entity, for every linked entity and property; also through the
    entity's things of a class the question names ('the Kewoyuan article' -> the article published by it)."""
    out = []
    for es in ctx.r.entities or _described(ctx):
        e = es.target.ref
        rows = ctx.facts.around([e])
        own = ctx.cls(e)
        classes, cspans = wanted_classes(ctx, {own} if own else set())
        direct = _lookups_of(ctx, e, rows, es, classes, cspans, 0.0, [])
        if es.target.kind == "class":  # a described thing: its time words are part of how it was named
            direct = [replace(c, parts={**c.parts, "time": True}) for c in direct]
        out += direct
        if classes:
            # things of a class linked to the entity by any relation
            hits = [r for r in rows if r[1] != RDF_TYPE and _is_iri(_other(r, e)) and _other(r, e) != e]
            values = list(dict.fromkeys(v for v in (_other(r, e) for r in hits) if ctx.is_any(v, classes)))
            timed = _timed(ctx, values)
            if timed is not None:
                values = timed
            if values:
                used = [es, *cspans, *{p.start: p for c in cspans for p in _holding(ctx, c)}.values()]
                used += qword_fits(ctx, "entity", values)
                out.append(Candidate("related", values, used, 0.15, "entity",
                                     {"entity": e, "class": classes[0], "time": timed is not None},
                                     [r for r in hits if _other(r, e) in values]))
                for v, cs in ((v, [c for c in cspans if ctx.is_a(v, c.target.ref)]) for v in values[:4] if not direct):
                    if any(asked_class(ctx, c) for c in cs):
                        continue  # '涉及哪些产业': the sectors are what is asked, not a step on the way to it
                    rest = [c for c in classes if not ctx.is_a(v, c)]
                    rest_spans = [c for c in cspans if c.target.ref in rest]
                    out += _lookups_of(ctx, v, ctx.facts.around([v]), es, rest, rest_spans, -0.05, cs)
    return out


def _timed(ctx: Context, values: list[str]) -> list[str] | None:
    """Of the values, those dated within the question's time, when it gives one and any value is dated."""
    if not ctx.r.times:
        return None
    dated: dict[str, list[str]] = {}
    for x, _p, v in ctx.facts.values(ctx.date_props):
        if x in values:
            dated.setdefault(x, []).append(v.value)
    if not dated:
        return None
    return _in_times(ctx.r, [v for v in values if v in dated], dated)


def _described(ctx: Context) -> list[Span]:
    """'The guideline of July 2020', 2020年7月的意见: where no thing is named, a class word the question does not
    ask for, with a time that only one member of the class is dated in, names that member (a span over the
    class word whose target is the member)."""
    r = ctx.r
    if not r.times or not r.properties:
        return []
    dated: dict[str, list[str]] = {}
    for x, _p, v in ctx.facts.values(ctx.date_props):
        dated.setdefault(x, []).append(v.value)
    out = []
    for cs in r.classes:
        if asked_class(ctx, cs):
            continue
        inside = _in_times(r, [x for x in ctx.members(cs.target.ref) if x in dated], dated)
        if len(inside) == 1:
            out.append(Span(cs.start, cs.end, cs.text, Target("class", inside[0], "", cs.target.exact), cs.score))
    return out


def _lookups_of(ctx: Context, e: str, rows, es: Span, classes, cspans, shift: float, via: list[Span]) -> list[Candidate]:
    out = []
    for ps in ctx.r.properties:
        if any(ps.start <= v.start and v.end <= ps.end for v in via):
            continue  # the class word that led here is part of this property phrase: one step, not two
        p = KG + ps.target.ref
        fwd = [r for r in rows if r[1] == p and r[0] == e]
        inv = [r for r in rows if r[1] == p and r[2] == e]
        if p in ctx.symmetric:
            fwd, inv = fwd + inv, []
        for hits, prior in ((fwd, 0.3), (inv, 0.3)) if ps.target.detail == "fwd" else ((inv, 0.3), (fwd, 0.22)):
            if hits is inv and ps.target.detail == "fwd":
                prior = 0.22
            if not hits:
                continue
            prior += shift
            values = list(dict.fromkeys(_other(r, e) for r in hits))
            used = [es, ps, *via]
            typed = type_filter(ctx, values, classes)
            if classes and typed:
                values, used = typed, used + cspans
            elif classes:
                prior -= 0.25 if any(asked_class(ctx, c) for c in cspans) else 0.1
            values = qword_filter(ctx, values)
            answer = "entity" if all(_is_iri(v) for v in values) else _literal_kind(values)
            used += qword_fits(ctx, answer, values)
            out.append(Candidate("lookup", values, used, prior, answer,
                                 {"entity": e, "property": ps.target.ref, "inverse": hits is inv and hits != fwd},
                                 [r for r in hits if _other(r, e) in values]))
    return out


def _literal_kind(values) -> str:
    for v in values:
        dt = getattr(getattr(v, "datatype", None), "value", "")
        if dt.endswith(("date", "gYear", "gYearMonth", "dateTime")):
            return "date"
        if dt.endswith(("integer", "decimal", "double", "float")):
            return "number"
    return "text"


def roles(ctx: Context) -> list[Candidate]:
    """People whose job title says a role word, linked to the entity asked about (or all such people)."""
    out = []
    if not ctx.r.roles:
        return out
    titles = ctx.facts.values([KG + "jobTitle"])
    for rs in ctx.r.roles:
        words = [normalize(w) for ws in ctx.lex.roles.get(rs.target.ref, {}).values() for w in ws]
        holders = {x for x, _p, v in titles if any(w and w in normalize(v.value) for w in words)}
        if not holders:
            continue
        for es in ctx.r.entities or [None]:
            if es is None:
                continue
            e = es.target.ref
            rows = ctx.facts.around([e])
            if e in holders:
                held = _where_role_held(ctx, e, rows, rs, es)
                out += held
                if held:
                    continue  # 'Zhang Yi, CEO of what company': where the named person holds it, not other CEOs
            linked = [r for r in rows if _other(r, e) in holders and _other(r, e) != e]
            prior = 0.35
            if not linked:  # a person of a unit of the entity (a branch, a product)
                near = [x for x in {_other(r, e) for r in rows} if _is_iri(x) and x != e]
                linked = [r for r in ctx.facts.around(near) if r[0] in holders or r[2] in holders]
                prior = 0.25
            values = [v for v in dict.fromkeys(r[0] if r[0] in holders else r[2] for r in linked) if v != e]
            if values:
                used = [rs, es] + qword_fits(ctx, "entity", values)
                used += [s for s in ctx.r.classes if s.target.ref in ("Person",)]
                out.append(Candidate("role", values, used, prior, "entity", {"entity": e, "role": rs.target.ref}, linked))
    return out


def _where_role_held(ctx: Context, person: str, rows, rs: Span, es: Span) -> list[Candidate]:
    """'X is chairman of which company': the organisations (of the class asked) the role holder is linked to."""
    r = ctx.r
    asked = [s for s in r.classes if asked_class(ctx, s)]
    wanted = [s.target.ref for s in asked] or ["Organization"]
    def linked(classes: list[str]) -> list:
        return [row for row in rows if row[1] != RDF_TYPE and _is_iri(_other(row, person))
                and _other(row, person) != person and ctx.is_any(_other(row, person), classes)]

    hits = linked(wanted) or linked(["Organization"])  # 'what company' of a consultancy: the organisation all the same
    values = list(dict.fromkeys(_other(row, person) for row in hits))
    if not values:
        return []
    used = [rs, es, *asked] + qword_fits(ctx, "entity", values)
    return [Candidate("related", values, used, 0.35, "entity", {"entity": person, "class": wanted[0]}, hits)]


def whether(ctx: Context) -> list[Candidate]:
    """Yes/no: is there a statement linking the two entities (through the linked property, if any)?"""
    r = ctx.r
    if r.qword != "whether" or len(r.entity_iris()) < 2:
        return []
    a, b = r.entities[0], next(s for s in r.entities if s.target.ref != r.entities[0].target.ref)
    rows = [x for x in ctx.facts.around([a.target.ref]) if _other(x, a.target.ref) == b.target.ref]
    props = [KG + s.target.ref for s in r.properties]
    if props:
        rows = [x for x in rows if x[1] in props] or ([] if rows else rows)
    used = [a, b, *r.properties, *r.qwords[:1], *r.classes]
    return [Candidate("whether", [bool(rows)], used, 0.3, "bool", {"a": a.target.ref, "b": b.target.ref}, rows)]


# -------------------------------------------------------------------- classes, events, time

def members(ctx: Context) -> list[Candidate]:
    """Everything of a class (optionally dated within the question's time span), and events in a span."""
    out = []
    r = ctx.r
    classes = r.class_names()
    dated = None
    if r.times:
        dated = {}
        for x, _p, v in ctx.facts.values(ctx.date_props):
            dated.setdefault(x, []).append(v.value)
    head = _head_class(ctx)
    valued = _with_values(ctx)
    linked = {_other(row, e) for e in r.entity_iris() for row in ctx.facts.around([e])}  # what the things named link to
    for cs in r.classes:
        values = ctx.members(cs.target.ref)
        used = [cs] + [o for o in r.classes if o.target.ref != cs.target.ref and _sub(ctx, cs.target.ref, o.target.ref)]
        if valued is not None:  # 'the articles written in Chinese': those with that value
            values = [v for v in values if v in valued[0]]
            used += valued[1]
        if dated is not None:
            values = _in_times(r, values, dated)
        if r.entities and (dated is None or any(v in linked for v in values)):
            continue  # things of a class related to an entity: see lookups
        if values:
            used += qword_fits(ctx, "entity", values)
            prior = 0.1 + (0.1 if dated is not None else 0) + (0.05 if cs.target.ref == head else 0)
            if r.entities:
                prior -= 0.15  # 'free offers during covid in 2020': none is linked to it; those of the time asked
            out.append(Candidate("members", values, used, prior, "entity",
                                 {"class": cs.target.ref, "time": bool(r.times)}))
    asked = [s for s in r.classes if asked_class(ctx, s)]
    kinds = [s for s in r.classes if s not in asked and (s.target.ref == EVENT or _sub(ctx, s.target.ref, EVENT))]
    if asked and kinds and dated is not None and not r.entities:
        # 'which platforms went down on 3 February 2020': things of the class asked that the events are about
        events = _in_times(r, [x for x in ctx.members(kinds[0].target.ref) if x in dated], dated)
        rows = [row for row in ctx.facts.around(events) if row[1] != RDF_TYPE]
        values = sorted({_other(row, e) for e in events for row in rows if e in (row[0], row[2])
                         and _is_iri(_other(row, e)) and ctx.is_a(_other(row, e), asked[0].target.ref)})
        if values:
            out.append(Candidate("members", values, [*asked, kinds[0], *r.qwords[:1]], 0.4, "entity",
                                 {"class": asked[0].target.ref, "time": True}, rows))
    props = {KG + s.target.ref for s in r.properties} & set(ctx.date_props)
    if r.times and (not classes or props and r.entities):
        if props:  # 'what did X launch in 2020': what has that date property in the time asked
            dated = {}
            for x, _p, v in ctx.facts.values(sorted(props)):
                dated.setdefault(x, []).append(v.value)
        events = _in_times(r, [x for x in (dated or {}) if props or ctx.is_a(x, EVENT)], dated)
        if r.entities:
            near = set()
            for es in r.entities:
                near |= {_other(row, es.target.ref) for row in ctx.facts.around([es.target.ref])}
            events = [x for x in events if x in near]
        events = [x for x in events if x in ctx.index.things and not ctx.is_any(x, STATEMENTS)]  # a figure's period is no event
        if events:
            used = [*r.entities, *[s for s in r.properties if KG + s.target.ref in ctx.date_props]]
            out.append(Candidate("events", sorted(events), used, 0.1, "entity", {"class": EVENT, "time": True}))
    return out


def during(ctx: Context) -> list[Candidate]:
    """'What happened during the 2020 Spring Festival': the other events of the named event's month."""
    r = ctx.r
    asks = r.qword in (None, "which") and any(KG + s.target.ref in ctx.date_props for s in r.properties)
    anchors = [s for s in r.entities if ctx.is_a(s.target.ref, EVENT)]
    named_at = {k for s in r.entities for k in range(s.start, s.end)}
    if not r.time_tokens() <= named_at or not asks or not anchors or r.classes and not any(c == EVENT or _sub(ctx, c, EVENT) for c in r.class_names()):
        return []
    dated: dict[str, list[str]] = {}
    for x, _p, v in ctx.facts.values(ctx.date_props):
        dated.setdefault(x, []).append(v.value)
    out = []
    for a in anchors:
        for day in dated.get(a.target.ref, []):
            parts = [int(p) for p in day.split("-")[:2]]
            if len(parts) < 2:
                continue
            y, m = parts
            window = TimeSpan(0, 0, y, (m, 1, 0), (m, calendar.monthrange(y, m)[1], 0), "month")
            events = [x for x in dated if x != a.target.ref and ctx.is_a(x, EVENT)
                      and any(window.contains(d) for d in dated[x])]
            if events:
                used = [a, *r.properties, *r.qwords[:1], *r.classes]
                out.append(Candidate("events", sorted(events), used, 0.25, "entity",
                                     {"class": EVENT, "time": False, "during": a.target.ref}))
            break
    return out


def _with_values(ctx: Context) -> tuple[set[str], list[Span]] | None:
    """The things having a literal value the question names ('in Chinese': sourceLanguage zh-Hans or zh-Hant),
    with the spans that say so (the value's words, and its property's if named); None when none is named."""
    r = ctx.r
    if not r.values:
        return None
    props = sorted({KG + s.target.ref for s in r.values})
    wanted = {(KG + s.target.ref, s.target.detail) for s in r.values}
    things = {x for x, p, v in ctx.facts.values(props) if (p, v.value) in wanted}
    used = list(r.values) + [s for s in r.properties if KG + s.target.ref in props]
    return things, used


def _in_times(r: Reading, things: list[str], dated: dict) -> list[str]:
    """Things dated within the question's time spans; those dated as precisely as the question asks when
    there are any ('2020-02-17' for 'on 17 February 2020', not all of '2020-02')."""
    level = {"day": 3, "month": 2}
    loose, strict = [], []
    for x in things:
        ds = dated.get(x, [])
        hits = [(t, d) for t in r.times for d in ds if t.contains(d)]
        if hits:
            loose.append(x)
            if any(d.count("-") + 1 >= level.get(t.precision, 1) for t, d in hits):
                strict.append(x)
    return strict or loose


def _head_class(ctx: Context) -> str | None:
    """The class a listing is about: the most specific one named (a subclass of another named), else the last."""
    names = ctx.r.class_names()
    if not names:
        return None
    specific = [c for c in names if any(o != c and _sub(ctx, c, o) for o in names)]
    return (specific or names)[-1]


def _dates_of(ctx: Context, e: str, props: list[str], event_classes: list[str]) -> list[tuple[str, object, str]]:
    """(property, date literal, via) of an entity: its own dates, else its events' dates."""
    rows = ctx.facts.around([e])
    own = [(r[1], r[2], e) for r in rows if r[0] == e and r[1] in (props or ctx.date_props)]
    if own and (props or not event_classes or ctx.is_any(e, event_classes)):
        return own
    events = [_other(r, e) for r in rows if _is_iri(_other(r, e)) and ctx.is_a(_other(r, e), EVENT)]
    if event_classes:
        events = [x for x in events if ctx.is_any(x, event_classes)]
    out = []
    for ev in dict.fromkeys(events):
        out += [(r[1], r[2], ev) for r in ctx.facts.around([ev]) if r[0] == ev and r[1] in ctx.date_props]
    return out or own


def when(ctx: Context) -> list[Candidate]:
    """When something happened: an entity's date (the linked date property first), or the date of the event
    of it whose name shares most words with the question."""
    r = ctx.r
    props = [KG + s.target.ref for s in r.properties if KG + s.target.ref in ctx.date_props]
    asks_date = r.qword == "when" or (props and r.qword in (None, "which"))
    if not asks_date:
        return []
    event_classes = [c for c in r.class_names() if c == EVENT or _sub(ctx, c, EVENT)]
    out = []
    for es in r.entities:
        e = es.target.ref
        rows = ctx.facts.around([e])
        own = [(row[1], row[2], e, row[3]) for row in rows if row[0] == e and row[1] in ctx.date_props]
        if props and any(f[0] in props for f in own):
            found = [f for f in own if f[0] in props]
        else:
            events = [x for x in dict.fromkeys(_other(row, e) for row in rows)
                      if _is_iri(x) and x != e and ctx.is_a(x, EVENT)]
            if event_classes and any(ctx.is_any(x, event_classes) for x in events):
                # 'when did X go down': the dates of X's events of that class, not X's own dates
                events = [x for x in events if ctx.is_any(x, event_classes)]
                own = []
            found = list(own)
            for ev in events:
                found += [(row[1], row[2], ev, row[3]) for row in ctx.facts.around([ev]) if row[0] == ev
                          and row[1] in ctx.date_props]
            found = _by_words(ctx, found, es, own)
        if not found:
            continue
        if r.times:
            inside = [f for f in found if any(t.contains(f[1].value) for t in r.times)]
            if not inside and r.qword != "when":
                continue  # 'what did X launch in 2021': a date outside the time asked answers nothing
            found = inside or found
        found = _finest(found)
        values = list(dict.fromkeys(f[1] for f in found))
        # the question already gives the date (as precisely): 'what did X launch in 2020' asks for the thing
        stated = bool(r.times) and all(any(t.contains(v.value) and len(v.value) <= _DIGITS.get(t.precision, 0)
                                           for t in r.times) for v in values)
        used = [es, *r.qwords[:1]] if r.qword == "when" else [es]
        used += [s for s in r.properties if KG + s.target.ref in ctx.date_props or not props]
        used += [s for s in r.classes if s.target.ref in event_classes]
        out.append(Candidate("when", values, used, 0.0 if stated else 0.3, "date", {"entity": e},
                             [(f[2], f[0], f[1], f[3]) for f in found]))
    return out


def _by_words(ctx: Context, found: list, es: Span, own: list) -> list:
    """Dates whose carrier (an event's name, or the date property of the entity itself) shares most words
    with the rest of the question; the entity's own dates when nothing else is said."""
    r = ctx.r
    taken = {k for s in r.entities for k in range(s.start, s.end)} | {k for s in r.qwords for k in range(s.start, s.end)}
    free = [k for k in sorted(r.content) if k not in taken]
    scored = []
    for f in found:
        words = _label_words(ctx, f[0]) if f[2] == es.target.ref else _label_words(ctx, f[2])
        scored.append((sum(1 for k in free if r.toks.tokens[k] in words), f))
    top = max((n for n, _f in scored), default=0)
    if top == 0:
        return own or found
    return [f for n, f in scored if n == top]


def _finest(found: list) -> list:
    """Of several dates of one carrier, the most precise ('2020-02-05' over '2020-02' over '2020')."""
    best: dict[str, int] = {}
    for f in found:
        best[f[2]] = max(best.get(f[2], 0), len(f[1].value))
    return [f for f in found if len(f[1].value) == best[f[2]]]


def _sub(ctx: Context, c: str, sup: str) -> bool:
    thing = ctx.index.things.get(KG + c)
    return bool(thing) and KG + sup in thing.get("super", [])


# -------------------------------------------------------------------- figures

def _metric_iris(ctx: Context) -> list[str]:
    """The metrics linked; where names of metrics sit side by side, one metric whose name covers more than half
    of each ('在线办公用户' + '同比增长率': online office user growth) stands for them all."""
    r = ctx.r
    linked = list(dict.fromkeys(s.target.ref for s in r.metrics))
    if r.has("change") and linked:  # 'whose usage rate rose more': the metric of its change, where there is one
        changes = {w for ws in ctx.lex.shapes["change"].values() for text in ws for w in _label_words_of_text(text)}
        changed = [_changed(ctx, m, changes) for m in linked]
        if all(changed):
            return list(dict.fromkeys(changed))
    parts: list[list[int]] = []  # the metric spans, overlapping ones merged
    for s in sorted(r.metrics, key=lambda s: s.start):
        if parts and s.start < parts[-1][1]:
            parts[-1][1] = max(parts[-1][1], s.end)
        else:
            parts.append([s.start, s.end])
    words = [{r.toks.tokens[k] for k in range(a, b)} - _STOP for a, b in parts]
    words = [w for w in words if w]
    if len(words) < 2:
        return linked
    every = set().union(*words)
    best = None
    for iri, thing in sorted(ctx.index.things.items()):
        if thing["kind"] != "metric":
            continue
        names = _label_token_sets(ctx, iri)
        if all(any(len(w & n) * 2 > len(w) for n in names) for w in words):
            fit = (iri in linked, max(len(n & every) / len(n) for n in names))
            if best is None or fit > best[0]:
                best = (fit, iri)
    return [best[1]] if best else linked


def _label_words_of_text(text: str) -> set[str]:
    """The folded words (Latin) and characters (Chinese) of a name, less the ones that carry no meaning."""
    from kg.ask.link import tokenize

    return set(tokenize(text).tokens) - _STOP


def _changed(ctx: Context, metric: str, changes: set[str]) -> str | None:
    """The metric of the change of `metric`: one whose name is the metric's name and a word of change (the
    lexicon's `change` words: 'change in application usage rate', 使用率提升), the fewest other words first."""
    own = _label_token_sets(ctx, metric)
    found = []
    for iri, thing in sorted(ctx.index.things.items()):
        if thing["kind"] != "metric" or iri == metric:
            continue
        for n in _label_token_sets(ctx, iri):
            if any(o < n for o in own) and n & changes:
                found.append((min(len(n - o) for o in own if o < n), iri))
    return min(found)[1] if found else None



def figures(ctx: Context, observations=None, any_metric: bool = False) -> list[tuple[list, list[Span]]]:
    """Observations fitting the linked metrics, subjects and time span; with the spans used."""
    r = ctx.r
    obs = observations if observations is not None else ctx.facts.observations()
    used: list[Span] = []
    metrics = [] if any_metric else _metric_iris(ctx)
    if metrics:
        obs = [o for o in obs if o.metric in metrics]
        used += r.metrics
    subjects = [s for s in r.entities if any(s.target.ref in o.subjects for o in obs)]
    if subjects:
        keep = {s.target.ref for s in subjects}
        obs = [o for o in obs if o.subjects & keep]
        used += subjects
    stated = [s for s in r.entities if s not in subjects and any(s.target.ref in o.stated_by for o in obs)]
    if stated:  # 'according to X', 'X expects': the figures X states
        keep = {s.target.ref for s in stated}
        obs = [o for o in obs if o.stated_by & keep]
        used += stated
    units = {UNIT + s.target.ref for s in _unit_spans(ctx)}
    if units and any(o.unit in units for o in obs) and any(o.unit not in units for o in obs):
        obs = [o for o in obs if o.unit in units]
    if r.times and obs:
        dated = {o.iri: [d for d in (o.time, o.compared_to) if d] for o in obs}
        inside = set(_in_times(r, [o.iri for o in obs], dated))
        if inside:
            obs = [o for o in obs if o.iri in inside]  # time tokens are counted by the caller
    anchors = _event_dates(ctx, [s for s in r.entities if s not in subjects and s not in stated])
    if anchors and not any(t.precision in ("day", "month") for t in r.times) and len(obs) > 1:  # 'during the Spring Festival': the figures of the event's time
        near = [o for o in obs if o.time and any(a.startswith(o.time) or o.time.startswith(a) for a, _s in anchors)]
        if near:
            obs = near
            used += [s for _a, s in anchors]
    return obs, used


def _event_dates(ctx: Context, spans: list[Span]) -> list[tuple[str, Span]]:
    """(date, span) of the linked events: a named event stands for its time."""
    out = []
    for s in spans:
        if ctx.is_a(s.target.ref, EVENT):
            for row in ctx.facts.around([s.target.ref]):
                if row[0] == s.target.ref and row[1] in ctx.date_props:
                    out.append((row[2].value, s))
    return out


def statistics(ctx: Context) -> list[Candidate]:
    r = ctx.r
    if not r.metrics and r.qword in (None, "which") and r.entities:
        return _worded_figures(ctx)
    if not r.metrics and not (r.qword == "how_many" and r.entities):
        return []
    obs, used = figures(ctx)
    units = {UNIT + s.target.ref for s in _unit_spans(ctx)}
    asking = {w for q in ctx.lex.question_words.values() for ws in q.words.values() for w in ws}
    of_time = {u for u, words in ctx.lex.units.items() if asking & {w for ws in words.values() for w in ws}}  # 'how long'
    asked = {UNIT + s.target.ref for s in _unit_spans(ctx)  # 'how long', 多久; 'how many minutes', 多少分钟
             if any(s.start < q.end and q.start < s.end or s.start == q.end and s.target.ref in of_time for q in r.qwords)}
    if not r.metrics and asked and not any(o.unit in asked for o in obs):
        # 'how long were online meetings each day': no figure of the thing named is in the units the question
        # word asks for; the figures in those units, whatever they are about, whose names share its words
        alt, alt_used = figures(ctx, [o for o in ctx.facts.observations() if o.unit in asked], any_metric=True)
        best, words_used = _best_by_words(ctx, alt, set())
        if not words_used:
            return []
        obs, used = best, alt_used
    by_unit = not r.metrics and units and any(o.unit in units for o in obs)
    if by_unit:
        obs = [o for o in obs if o.unit in units]
    if not obs:
        return []
    # the figures whose metric (and unit) labels explain most of the rest of the question
    best, words_used = _best_by_words(ctx, obs, set())
    counted = [] if r.metrics else _named_counts(ctx, obs)
    if words_used:
        obs = [o for o in best if o in counted] or best
    elif counted:
        obs = counted
    elif not r.metrics and (not used or len({o.metric for o in obs}) > 1) and not by_unit:
        return []
    out = [_statistic(ctx, obs, used, words_used, 0.3 if r.metrics else 0.2 if (by_unit or words_used or counted) else 0.05)]
    if r.metrics and r.qword != "how_many" and all(any(c.start == m.start and c.end == m.end for c in r.classes) for m in r.metrics):
        out[0].prior -= 0.2  # 'brands that opened X': a plural that names a class lists them unless 'how many' asks
    if r.metrics and units and not any(o.unit in units for o in obs):
        # 'how many companies ...' where the metric linked counts people: the figures in the unit asked,
        # chosen by their words
        alt, alt_used = figures(ctx, any_metric=True)
        alt = [o for o in alt if o.unit in units]
        if alt:
            best, alt_words = _best_by_words(ctx, alt, set())
            if not alt_words:  # else the figures whose metric's name shares most with the metric linked
                near = set().union(*(_label_words(ctx, m) for m in _metric_iris(ctx)))
                shared = [(len(_label_words(ctx, o.metric) & near), o) for o in alt]
                top = max(n for n, _o in shared)
                best = [o for n, o in shared if n == top] if top else []
            if best:
                out[0].prior -= 0.1  # the figures of the metric linked are not in the unit asked
                out.append(_statistic(ctx, best, alt_used + r.metrics, alt_words, 0.3))
    named = {s.target.ref for s in r.entities}
    if r.metrics and named and not any(o.subjects & named for o in obs):
        # the entity asked about has no figure of the metric linked: its own figures, chosen by their words
        alt, alt_used = figures(ctx, any_metric=True)
        if alt and any(o.subjects & named for o in alt):
            best, alt_words = _best_by_words(ctx, alt, set())
            if alt_words:
                out.append(_statistic(ctx, best, alt_used, alt_words, 0.2))
    return out


def _named_counts(ctx: Context, obs: list) -> list:
    """'How many smart manufacturing pilot projects …', 试点示范项目有多少个: the thing counted is named right at
    'how many', and its own figures whose metric's name lies most within that name say how many."""
    r = ctx.r
    q = next((s for s in r.qwords if s.target.ref == "how_many"), None)
    if q is None:
        return []
    head = next((s for s in r.entities if 0 <= s.start - q.end <= 1), None) or max(  # 多少个…项目; 项目一共有几个
        (s for s in r.entities if 0 <= q.start - s.end <= 3), key=lambda s: s.end, default=None)
    if head is None:
        return []
    name = {r.toks.tokens[k] for k in range(head.start, head.end)}
    shares = [(max(len(words & name) / len(words) for words in _label_token_sets(ctx, o.metric)), o)
              for o in obs if head.target.ref in o.subjects and _label_token_sets(ctx, o.metric)]
    top = max((share for share, _o in shares), default=0)
    return [o for share, o in shares if share == top] if top >= 0.5 else []


def _worded_figures(ctx: Context) -> list[Candidate]:
    """'What is the oldest age X's lessons are for': no metric word is linked, but the figures of the thing
    named whose metric's name shares words with the rest of the question answer it."""
    r = ctx.r
    named_at = {k for s in r.entities for k in range(s.start, s.end)}
    free = {r.toks.tokens[k] for k in r.content if k not in named_at}
    if not free & _metric_words(ctx):
        return []  # no word of any metric's name: no figure to look for
    obs, used = figures(ctx, any_metric=True)
    if not used or not obs:
        return []
    best, words = _best_by_words(ctx, obs, set())
    if len(words) < 1 or len({o.metric for o in best}) > 1:
        return []
    return [_statistic(ctx, best, used, words, 0.1 + 0.05 * min(len(words), 3))]


def _metric_words(ctx: Context) -> set[str]:
    """Every word (and Chinese character) of the metrics' names."""
    cache = ctx.__dict__.setdefault("_metric_words", set())
    if not cache:
        for iri, thing in ctx.index.things.items():
            if thing["kind"] == "metric":
                cache |= _label_words(ctx, iri)
    return cache


def _statistic(ctx: Context, obs: list, used: list[Span], words_used: list[Span], prior: float) -> Candidate:
    r = ctx.r
    values = list(dict.fromkeys(_num(o.value) for o in obs))
    used = used + words_used + qword_fits(ctx, "number", values) + _unit_spans(ctx)
    if r.numbers and all(isinstance(v, (int, float)) and any(_close(float(n), v) for n in r.numbers) for v in values):
        prior -= 0.3  # the question already states the figure: it asks something else about it
    return Candidate("statistic", values, used, prior, "number", {"observations": obs, "time": bool(r.times)})


def _label_words(ctx: Context, iri: str | None) -> set[str]:
    """The folded words (Latin) and characters (Chinese) of a thing's labels and aliases."""
    return set().union(*_label_token_sets(ctx, iri))


def _label_token_sets(ctx: Context, iri: str | None) -> list[set[str]]:
    """The folded words (Latin) and characters (Chinese) of each of a thing's labels and aliases."""
    if not iri:
        return []
    cache = ctx.__dict__.setdefault("_label_token_sets", {})
    if iri not in cache:
        thing = ctx.index.things.get(iri) or {}
        names = list(thing.get("labels", {}).values())
        for more in thing.get("aliases", {}).values():
            names += more
        local = iri.rsplit("/", 1)[-1]
        names += list(ctx.lex.metrics.get(local, {}).get("en", [])) + list(ctx.lex.metrics.get(local, {}).get("zh", []))
        cache[iri] = [words for words in map(_label_words_of_text, names) if words]
    return cache[iri]


_STOP = {"of", "the", "a", "an", "in", "on", "per", "and", "s", "的", "数", "量"}


def _best_by_words(ctx: Context, obs: list, taken: set[int]) -> tuple[list, list[Span]]:
    """Observations whose metric/unit words cover the most question tokens not otherwise used."""
    r = ctx.r
    about = {x for o in obs for x in o.subjects | o.stated_by}
    entity_at = {k for s in r.entities if s.target.ref in about or s.target.exact >= ALIAS for k in range(s.start, s.end)}
    # a partial name of something the figures are not about ('government departments' of '13 government
    # departments') may be the figure's own words ('how many government departments issued X')
    free = [k for k in sorted(r.content) if k not in taken and k not in entity_at]
    scored = []
    for o in obs:
        words = _label_words(ctx, o.metric) | _label_words(ctx, o.unit)
        hit = [k for k in free if r.toks.tokens[k] in words]
        scored.append((len(hit), hit, o))
    top = max((n for n, _h, _o in scored), default=0)
    if top == 0:
        return obs, []
    if len({o.metric for n, _h, o in scored if n == top}) > 1:
        # a tie: the words of other things named break it ('how many free electronic seals in Wuhu': the metric
        # of free seals, not of free lessons)
        named = [k for k in sorted(r.content) if k not in taken and k in entity_at and not any(
            s.start <= k < s.end and s.target.ref in about for s in r.entities)]
        more = [(n + len(extra), h + extra, o) for n, h, o in scored if n == top
                for extra in [[k for k in named if r.toks.tokens[k] in _label_words(ctx, o.metric)]]]
        if more:
            scored, top = more, max(n for n, _h, _o in more)
    best = [o for n, _h, o in scored if n == top]
    hits = sorted({k for n, h, _o in scored if n == top for k in h})
    spans = [Span(k, k + 1, r.toks.tokens[k], Target("metric", "", "", 0.9), 0.9) for k in hits]
    return best, spans


def _unit_spans(ctx: Context) -> list[Span]:
    return [s for s in ctx.r.spans if s.target.kind == "unit"]


def _num(text: str):
    try:
        f = float(text)
    except ValueError:
        return text
    return int(f) if f == int(f) else f


# -------------------------------------------------------------------- provenance

def provenance(ctx: Context) -> list[Candidate]:
    r = ctx.r
    cue = r.cues.get("provenance", []) + [s for s in r.properties if s.target.ref in ("statedBy", "reportedIn", "cites")]
    out = []
    if r.numbers:  # '这个数字是哪家机构发布的': who published a figure is who states it
        cue += [s for s in r.properties if s.target.ref in ("publisher", "issuer") and s not in cue]
    if r.numbers and (cue or r.metrics):
        obs = [o for o in ctx.facts.observations() if o.number() is not None
               and any(_close(float(n), o.number()) for n in r.numbers)]
        metrics = _metric_iris(ctx)
        if metrics and any(o.metric in metrics for o in obs):
            obs = [o for o in obs if o.metric in metrics]
        if obs:
            stated = sorted({b for o in obs for b in o.stated_by})
            docs = sorted({o.document for o in obs if o.document})
            asked = [c for c in r.class_names() if c not in ("SourceDocument", "Observation")]
            typed = [b for b in stated if ctx.is_any(b, asked)] if asked else []
            articles = [c for c in r.classes if c.target.ref == "SourceDocument" and not any(  # not 'source', 数据来源: both
                k.start <= c.start and c.end <= k.end and (k.target.kind == "property" or (k.start, k.end) == (c.start, c.end))
                for k in cue)]
            named = [c for c in r.classes if c.target.ref not in ("Observation",) and (c in articles or c.target.ref != "SourceDocument")]
            if articles and (not asked or named and named[0] in articles):
                values = docs or stated  # 'which article gave …', 'which articles report …': the documents
            elif typed or r.qword == "who" and stated:
                values = typed or stated  # 'which report gave …', 'who estimated …': who states it, not where it is told
            else:
                values = stated + docs  # 'where does … come from': both
            used = [*cue, *r.metrics, *[s for s in r.entities if any(s.target.ref in o.subjects for o in obs)]]
            used += r.qwords[:1]
            out.append(Candidate("provenance", values, used, 0.35 if cue else 0.1, "entity",
                                 {"observations": obs, "figure": True}))
    documents = [s for s in r.entities if s.target.kind == "document"]
    if cue and documents:  # 'which companies does document 002 mention': what the document is about
        doc = documents[0].target.ref
        found = ctx.facts.mentioned_in(doc)
        things = [e for e in dict.fromkeys(e for e, _p in found) if e != doc and ctx.cls(e)
                  and not ctx.is_any(e, STATEMENTS)]
        classes = [c for c in r.class_names() if c != "SourceDocument"]
        typed = [e for e in things if ctx.is_any(e, classes)] if classes else things
        if typed:
            used = [documents[0], *cue, *r.qwords[:1], *[s for s in r.classes if s.target.ref in classes]]
            out.append(Candidate("provenance", typed, used, 0.35, "entity", {"document": doc}))
    if cue and r.entities and r.entities[0].target.kind != "document":
        es = r.entities[0]
        docs = sorted({d for d, _p in ctx.facts.mentions([es.target.ref])[es.target.ref]})
        if docs:
            used = [es, *cue] + qword_fits(ctx, "document", docs) + [s for s in r.classes if s.target.ref == "SourceDocument"]
            prior = 0.25 - (0.1 if r.metrics and not r.numbers else 0)  # 'the market size according to X'
            if any(asked_class(ctx, c) and c.target.ref != "SourceDocument" for c in r.classes):
                prior -= 0.15  # '哪家机构发布的': an organisation is asked for, not the articles
            out.append(Candidate("provenance", docs, used, prior, "document", {"entity": es.target.ref}))
    elif r.entities and any(s.target.ref == "SourceDocument" for s in r.classes):
        es = r.entities[0]
        docs = sorted({d for d, _p in ctx.facts.mentions([es.target.ref])[es.target.ref]})
        if docs:
            used = [es, *[s for s in r.classes if s.target.ref == "SourceDocument"]] + r.qwords[:1]
            out.append(Candidate("provenance", docs, used, 0.3, "document", {"entity": es.target.ref}))
    return out


def _close(a: float, b: float) -> bool:
    return a == b or (b != 0 and abs(a - b) / abs(b) < 1e-6)


# -------------------------------------------------------------------- connections

def connections(ctx: Context) -> list[Candidate]:
    r = ctx.r
    iris = r.entity_iris()
    if not r.has("connection") or len(iris) < 2:
        return []
    a, b = iris[0], iris[1]
    adjacent: dict[str, set[str]] = {}
    for s, _p, o in ctx.facts.edges():
        adjacent.setdefault(s, set()).add(o)
        adjacent.setdefault(o, set()).add(s)
    dist = {a: 0}
    todo = deque([a])
    while todo:
        n = todo.popleft()
        for m in sorted(adjacent.get(n, ())):
            if m not in dist:
                dist[m] = dist[n] + 1
                todo.append(m)
    if b not in dist:
        return []
    # nodes on some shortest path: dist_a(n) + dist_b(n) == dist_a(b)
    dist_b = {b: 0}
    todo = deque([b])
    while todo:
        n = todo.popleft()
        for m in sorted(adjacent.get(n, ())):
            if m not in dist_b:
                dist_b[m] = dist_b[n] + 1
                todo.append(m)
    total = dist[b]
    between = sorted(n for n in dist if n not in (a, b) and n in dist_b and dist[n] + dist_b[n] == total)
    if total == 1:  # linked directly: also what links them through one step
        between = sorted((adjacent.get(a, set()) & adjacent.get(b, set())) - {a, b}) or [b]
    things = [n for n in between if not ctx.is_any(n, STATEMENTS)]
    between = things or between  # a link through things over one through a claim naming both
    used = [s for s in r.entities if s.target.ref in (a, b)] + r.cues["connection"] + r.qwords[:1]
    return [Candidate("connection", between, used, 0.4, "entity", {"a": a, "b": b, "hops": total})]


# -------------------------------------------------------------------- counts, comparisons, superlatives

def counts(ctx: Context, listings: list[Candidate]) -> list[Candidate]:
    r = ctx.r
    cue = r.cues.get("count", [])
    if not cue and r.qword != "how_many":
        return []
    out = []
    # the things a stated figure is about, where the figure's metric words are the question's words
    worded = {x for c in listings if c.shape == "statistic" and any(s.target.kind == "metric" and not s.target.ref for s in c.used)
              for o in c.parts["observations"] for x in o.subjects}
    metric_words = {s.start for c in listings if c.shape == "statistic" for s in c.used if s.target.kind == "metric" and not s.target.ref}
    for c in listings:
        if c.shape not in ("lookup", "related", "members", "events", "provenance", "role") or c.answer not in ("entity", "document"):
            continue
        used = c.used + cue + [s for s in r.qwords[:1] if s.target.ref == "how_many"]
        # 'how many <metric>' and 'how many people' ask for a figure first
        prior = c.prior - (0.1 if r.metrics or _unit_spans(ctx) else 0)
        if len(c.values) == 1:
            prior -= 0.15  # 'how many' is seldom asked of one thing: a stated figure is likelier the answer
            if c.parts.get("entity") in worded:
                prior -= 0.15  # 'how many departments issued X': X's figure in those words, not its one issuer link
        counted = [s for s in c.used if s.target.kind == "class"]
        if any(all(k in metric_words for k in range(s.start, s.end)) for s in counted):
            prior -= 0.15  # 'how many free electronic seals': a figure's name holds the class word, more exactly
        out.append(Candidate("count", [len(c.values)], used, prior, "number", {**c.parts, "of": c}))
    return out


def comparisons(ctx: Context) -> list[Candidate]:
    r = ctx.r
    iris = r.entity_iris()
    cues = [s for k in ("more", "less", "earlier", "later") for s in r.cues.get(k, [])]
    if len(iris) < 2 or not (cues or r.has("or")):
        return []
    pair = [s for s in r.entities if s.target.ref in iris[:2]]
    out = []
    kinds = {k for k in ("more", "less", "earlier", "later") if r.has(k)}
    if r.metrics or kinds & {"more", "less"}:
        best = {}
        for e in iris[:2]:
            obs = [o for o in _metric_obs(ctx) if e in o.subjects]
            if r.times:
                obs = [o for o in obs if any(t.contains(o.time or "") for t in r.times)] or obs
            nums = [o.number() for o in obs if o.number() is not None]
            if nums:
                best[e] = max(nums)
        if len(best) == 2:
            pick = min if "less" in kinds else max
            win = pick(best, key=best.get)
            used = pair + r.metrics + cues + r.cues.get("or", []) + r.qwords[:1]
            out.append(Candidate("comparison", [win], used, 0.35 if r.metrics else 0.1, "entity",
                                 {"a": iris[0], "b": iris[1], "by": "figure"}))
    if not r.metrics and kinds & {"more", "less"} and r.classes and r.has("or"):
        out += _compare_counts(ctx, iris[:2], pair, cues, "less" in kinds)
    if kinds & {"earlier", "later"} or r.qword == "when" or any(KG + s.target.ref in ctx.date_props for s in r.properties):
        props = [KG + s.target.ref for s in r.properties if KG + s.target.ref in ctx.date_props]
        event_classes = [c for c in r.class_names() if c == EVENT or _sub(ctx, c, EVENT)]
        first = {}
        for e in iris[:2]:
            ds = sorted((f[1].value, f[2]) for f in _dates_of(ctx, e, props, event_classes) or (
                _dates_of(ctx, e, [], event_classes) if props else []))  # 出台 (issued) of a plan the graph dates by its start
            if ds:
                first[e] = ds[0]
        if len(first) == 2:
            pick = max if "later" in kinds else min
            winner = pick(first, key=lambda e: first[e][0])
            win = first[winner][1] if event_classes else winner  # 'which outage came first': the event itself
            used = pair + cues + r.cues.get("or", []) + [s for s in r.properties if KG + s.target.ref in ctx.date_props]
            used += r.qwords[:1] + [s for s in r.classes if s.target.ref in event_classes]
            out.append(Candidate("comparison", [win], used, 0.3, "entity",
                                 {"a": iris[0], "b": iris[1], "by": "date", "winner": winner}))
    if r.qword == "whether":  # 'did A have more users than B': yes when the first one named wins
        out = [replace(c, values=[c.parts.get("winner", c.values[0]) == iris[0]], answer="bool", prior=c.prior + 0.1)
               for c in out]
    return out


def _compare_counts(ctx: Context, pair_iris: list[str], pair: list[Span], cues: list[Span], fewer: bool) -> list[Candidate]:
    """'Which owns more products, A or B': how many things of the class named each is linked to (through
    the property named, if any)."""
    r = ctx.r
    classes = [c for c in r.class_names() if not all(ctx.is_a(e, c) for e in pair_iris)]
    props = {KG + s.target.ref for s in r.properties}
    if not classes:
        return []
    tally = {}
    for e in pair_iris:
        linked = {_other(row, e) for row in ctx.facts.around([e])
                  if row[1] != RDF_TYPE and (not props or row[1] in props)}
        tally[e] = sum(1 for x in linked if _is_iri(x) and x != e and ctx.is_any(x, classes))
    if not any(tally.values()) or len(set(tally.values())) == 1:
        return []
    win = (min if fewer else max)(tally, key=tally.get)
    used = pair + cues + r.cues.get("or", []) + r.properties + [s for s in r.classes if s.target.ref in classes]
    used += r.qwords[:1]
    return [Candidate("comparison", [win], used, 0.3, "entity",
                      {"a": pair_iris[0], "b": pair_iris[1], "by": "count", "class": classes[0], "counts": tally})]


def _metric_obs(ctx: Context):
    metrics = _metric_iris(ctx)
    obs = ctx.facts.observations()
    return [o for o in obs if o.metric in metrics] if metrics else obs


def superlatives(ctx: Context) -> list[Candidate]:
    r = ctx.r
    cue = r.cues.get("superlative", [])
    kinds = {k for k in ("more", "less", "earlier", "later") if r.has(k)}
    classes = r.class_names()
    by_time_only = False
    if not cue and kinds & {"earlier", "later"} and classes and len(r.entity_iris()) < 2 and r.qword in (None, "which"):
        # 'which outage happened first': a time word over the members of a class ranks them by date
        cue = [s for k in ("earlier", "later") for s in r.cues.get(k, [])]
        kinds &= {"earlier", "later"}
        by_time_only = True
    ranked = [s for s in _unit_spans(ctx) if s.target.ref == "rank"]
    if not cue and ranked and kinds & {"more", "earlier"}:  # 'who ranked first in X', X排名第一的公司
        return _ranked_first(ctx, None, ranked + [s for k in ("more", "earlier") for s in r.cues.get(k, [])])
    if not cue:
        return []
    if r.qword == "who" and not any(c in AGENTS or _sub(ctx, c, "Organization") for c in classes):
        classes = ["Person", *classes]
    asked = [c.target.ref for c in r.classes if asked_class(ctx, c)]
    if asked and asked[0] in classes:  # 拥有产品最多的公司是哪家: the companies are ranked, by their products
        classes = [asked[0], *[c for c in classes if c != asked[0]]]
    group = classes[0] if classes else None
    out = []
    cspans = r.classes[:1]
    if r.metrics:
        obs = _metric_obs(ctx)
        if r.times:
            obs = [o for o in obs if any(t.contains(o.time or "") for t in r.times)] or obs
        rank = bool(obs) and all(o.unit == UNIT + "rank" for o in obs)  # first is the smallest rank
        named = {e.target.ref for e in r.entities}
        stated = [o for o in (ctx.facts.observations() if rank else obs) if o.stated_by & named
                  and (not rank or o.unit == UNIT + "rank")]
        if stated:  # 'first in the 2017 Fintech100' (排名 may have linked another ranking): the ranks it states
            obs = stated
        by: dict[str, float] = {}
        fits = group is not None and any(ctx.is_a(s, group) for o in obs for s in o.subjects)
        for o in obs:
            for s in o.subjects:
                if (not fits or ctx.is_a(s, group)) and o.number() is not None:
                    by[s] = (min if rank else max)(by.get(s, float("inf") if rank else float("-inf")), o.number())
        if by:
            top = (min if ("less" in kinds) != rank else max)(by.values())
            values = sorted(s for s, v in by.items() if v == top)
            by_whom = [e for e in r.entities if stated and any(e.target.ref in o.stated_by for o in obs)]
            kinds_of = [c for c in r.classes if all(ctx.is_a(v, c.target.ref) for v in values)]
            out.append(Candidate("superlative", values, [*cue, *r.metrics, *cspans, *by_whom, *kinds_of, *r.qwords[:1]],
                                 0.35, "entity", {"class": group, "by": "figure", "time": bool(r.times)}))
    if not by_time_only and (not r.metrics and kinds & {"more"} or not r.metrics and not kinds):
        out += _ranked_first(ctx, group, cue)
    if group and kinds & {"earlier", "later"}:
        dated: dict[str, str] = {}
        for x, _p, v in ctx.facts.values(ctx.date_props):
            if ctx.is_a(x, group):
                dated[x] = min(dated.get(x, v.value), v.value)
        if not dated and group == "SourceDocument":
            dated = {}
        if dated:
            top = (max if "later" in kinds else min)(dated.values())
            values = sorted(x for x, d in dated.items() if d == top)
            out.append(Candidate("superlative", values, [*cue, *cspans, *r.qwords[:1]], 0.3, "entity",
                                 {"class": group, "by": "date"}))
    if group and group != "SourceDocument" and r.has("provenance") and not r.metrics:
        # 'which company is mentioned most': the members of the class in the most paragraphs
        members = ctx.members(group)
        said = ctx.facts.mentions(members) if members else {}
        tally = {m: len(set(said.get(m, []))) for m in members}
        top = max(tally.values(), default=0)
        if top:
            values = sorted(m for m, n in tally.items() if n == top)
            used = [*cue, *r.cues["provenance"], *r.classes[:1], *r.qwords[:1]]
            out.append(Candidate("superlative", values, used, 0.35, "entity", {"class": group, "by": "mentions"}))
    if group and not r.metrics:
        counted = classes[1] if len(classes) > 1 else None
        props = {KG + s.target.ref for s in r.properties}
        tally: Counter = Counter()
        if counted == "Observation" or (counted is None and r.metrics):
            for o in ctx.facts.observations():
                for x in ({o.document} if group == "SourceDocument" else o.subjects):
                    if x:
                        tally[x] += 1
        else:
            for s, p, o in ctx.facts.edges():
                for x, y in ((s, o), (o, s)):
                    if ctx.is_a(x, group) and (counted is None or ctx.is_a(y, counted)) and (not props or p in props):
                        tally[x] += 1
        if tally and (counted or props):
            top = max(tally.values())
            values = sorted(x for x, n in tally.items() if n == top)
            used = [*cue, *r.classes[:2], *r.properties, *r.qwords[:1]]
            out.append(Candidate("superlative", values, used, 0.25, "entity", {"class": group, "by": "count"}))
    return out


def _ranked_first(ctx: Context, group: str | None, cue: list[Span]) -> list[Candidate]:
    """'The largest X': the subjects of figures ranking them first (at the question's time, if it gives
    one), those best fitting the rest of the question: linked to the other things it names (a place, a
    sector), of the classes it names, and sharing words with what surrounds them (their metric, sector)."""
    r = ctx.r
    if r.qword in ("when", "how_many", "whether"):
        return []  # asks for a date, a number or yes/no about the first, not for it
    group = _head_class(ctx)
    firsts = [o for o in ctx.facts.observations() if o.unit == UNIT + "rank" and o.number() == 1]
    if r.times:
        firsts = [o for o in firsts if any(t.contains(o.time or "") for t in r.times)] or firsts
    subjects = sorted({s for o in firsts for s in o.subjects})
    if not subjects:
        return []
    classes = [group] if group else []
    names = [e for e in r.entity_iris() if e not in subjects]
    used = [*cue, *r.qwords[:1]]
    taken = {k for s in [*used, *r.classes, *r.entities] for k in range(s.start, s.end)}
    free = [k for k in sorted(r.content) if k not in taken]
    scored = []
    for s in subjects:
        around = [row for row in ctx.facts.around([s]) if row[1] != RDF_TYPE]
        linked = {_other(row, s) for row in around}
        words = set()
        for other in linked:
            if _is_iri(other):
                words |= _label_words(ctx, other)
        for o in firsts:
            if s in o.subjects:
                words |= _label_words(ctx, o.metric)
                linked |= set(o.stated_by)  # 'first in the Fintech100': the ranking that puts it first
        hit_names = [n for n in names if n in linked]
        hit_classes = [c for c in classes[:1] if ctx.is_a(s, c)]
        fit = 3 * len(hit_names) + len(hit_classes) + sum(1 for k in free if r.toks.tokens[k] in words)
        scored.append((fit, s, hit_names, hit_classes))
    if group and not any(hn or hc for _f, _s, hn, hc in scored):
        return []  # nothing ranked first is of the class asked about or linked to what the question names
    top = max(f for f, *_rest in scored)
    best = [x for x in scored if x[0] == top]
    values = [s for _f, s, _n, _c in best]
    named = {n for _f, _s, ns, _c in best for n in ns}
    fitted = {c for _f, _s, _n, cs in best for c in cs}
    used += [s for s in r.entities if s.target.ref in named] + [s for s in r.classes if s.target.ref in fitted]
    return [Candidate("superlative", values, used, 0.2 + 0.03 * min(top, 5), "entity",
                      {"class": group, "by": "rank", "time": bool(r.times)})]


def cards(ctx: Context) -> list[Candidate]:
    """Everything about the first thing named; asked for outright by 'tell me about X', '介绍一下X'."""
    cue = ctx.r.cues.get("card", [])
    return [Candidate("card", [s.target.ref], [s, *cue], 0.3 if cue else 0.0, "entity",
                      {"entity": s.target.ref, "asked": bool(cue)}) for s in ctx.r.entities[:1]]


def candidates(ctx: Context) -> list[Candidate]:
    """Every candidate that returns something, for the ranker."""
    base = lookups(ctx) + roles(ctx) + whether(ctx) + members(ctx) + during(ctx) + when(ctx) + statistics(ctx)
    base += provenance(ctx)
    base += connections(ctx) + comparisons(ctx) + superlatives(ctx)
    base += counts(ctx, base)
    base += cards(ctx)
    return [c for c in base if c.values]


__all__ = ["Candidate", "Context", "candidates", "fold"]
