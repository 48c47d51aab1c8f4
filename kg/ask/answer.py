"""Answers people read: a one-line answer in the question's language, the supporting rows with their source,
and the interpretation in words ("understood as ...").

Labels come from the index in the asked language; the few connecting words live in the lexicon's
`answer_words` section, so wording a new language is a data change.
"""

from __future__ import annotations

from kg.ask.facts import KG
from kg.ask.shapes import Candidate
from kg.sparql.engine import Result

MAX_NAMES = 8  # names listed in the one-line answer before "and N more"


def _words(lex, lang: str) -> dict[str, str]:
    table = getattr(lex, "answer_words", {}) or {}
    return {k: (v.get(lang) or v.get("en") or k) for k, v in table.items()}


def label(index, iri, lang: str) -> str:
    if not isinstance(iri, str):
        return _literal(iri)
    return index.label(iri, lang) or iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _literal(v) -> str:
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        return f"{v:,}" if isinstance(v, int) else f"{v:,.6g}"
    return getattr(v, "value", str(v))


def _names(index, values, lang: str, w: dict) -> str:
    shown = [label(index, v, lang) for v in values[:MAX_NAMES]]
    sep = "、" if lang.startswith("zh") else ", "
    text = sep.join(shown)
    if len(values) > MAX_NAMES:
        text += w["more"].format(n=len(values) - MAX_NAMES)
    return text


def line(c: Candidate, index, lex, lang: str) -> str:
    """The one-line answer."""
    w = _words(lex, lang)
    if c.shape == "coordinated":
        return "; ".join(line(part, index, lex, lang) for part in c.parts["parts"])
    if c.shape == "whether":
        return w["yes"] if c.values[0] else w["no"]
    if c.answer == "bool":
        return w["yes_plain"] if c.values[0] else w["no_plain"]
    if c.shape == "count":
        return w["count"].format(n=c.values[0], what=understood(c.parts["of"], index, lex, lang))
    if c.shape == "statistic":
        parts = []
        for o in c.parts["observations"][:MAX_NAMES]:
            qual = label(index, o.qualifier, lang) + " " if o.qualifier else ""
            unit = " " + label(index, o.unit, lang) if o.unit else ""
            when = f" ({o.time})" if o.time else ""
            parts.append(f"{qual}{_literal(_number(o.value))}{unit}{when}")
        return "; ".join(parts)
    if c.answer in ("date", "number", "text"):
        return ", ".join(_literal(v) for v in c.values[:MAX_NAMES])
    return _names(index, c.values, lang, w)


def _key(v) -> str:
    return str(getattr(v, "value", v))


def _number(text: str):
    try:
        f = float(text)
    except ValueError:
        return text
    return int(f) if f == int(f) else f


def understood(c: Candidate, index, lex, lang: str) -> str:
    """The interpretation in words, in the question's language."""
    w = _words(lex, lang)
    p = c.parts
    name = (lambda i: label(index, i, lang)) if True else None

    def prop(local: str) -> str:
        return label(index, KG + local, lang)

    def cls(local: str | None) -> str:
        return label(index, KG + local, lang) if local else w["things"]

    shape = c.shape
    if shape == "coordinated":
        return "; ".join(understood(part, index, lex, lang) for part in p["parts"])
    if shape == "lookup":
        key = "lookup_inverse" if p.get("inverse") else "lookup"
        return w[key].format(entity=name(p["entity"]), property=prop(p["property"]))
    if shape == "related":
        return w["related"].format(entity=name(p["entity"]), cls=cls(p.get("class")))
    if shape == "role":
        words = lex.roles.get(p["role"], {}).get("zh" if lang.startswith("zh") else "en") or [p["role"]]
        return w["role"].format(entity=name(p["entity"]), role=words[0])
    if shape == "whether":
        return w["whether"].format(a=name(p["a"]), b=name(p["b"]))
    if shape == "members":
        return w["members_time" if p.get("time") else "members"].format(cls=cls(p.get("class")))
    if shape == "events":
        return w["events_during"].format(entity=name(p["during"])) if p.get("during") else w["events"]
    if shape == "when":
        return w["when"].format(entity=name(p["entity"]))
    if shape == "statistic":
        obs = p["observations"]
        metrics = sorted({label(index, o.metric, lang) for o in obs})
        subjects = sorted({label(index, s, lang) for o in obs for s in o.subjects})
        return w["statistic"].format(metric=", ".join(metrics), subject=", ".join(subjects) or "-")
    if shape == "provenance":
        if p.get("figure"):
            return w["provenance_figure"]
        if p.get("document"):
            return w["provenance_document"].format(document=name(p["document"]))
        return w["provenance"].format(entity=name(p["entity"]))
    if shape == "connection":
        return w["connection"].format(a=name(p["a"]), b=name(p["b"]), hops=p["hops"])
    if shape == "comparison":
        return w["comparison_" + p["by"]].format(a=name(p["a"]), b=name(p["b"]), cls=cls(p.get("class")))
    if shape == "superlative":
        return w["superlative_" + p["by"]].format(cls=cls(p.get("class")))
    if shape == "count":
        return w["count_of"].format(what=understood(p["of"], index, lex, lang))
    return w["card"].format(entity=name(p.get("entity", "")))


def result(c: Candidate, index, lang: str) -> Result:
    """The supporting rows as a table of pyoxigraph terms (rendered like any SELECT result)."""
    import pyoxigraph as ox

    def term(x):
        if x is None:
            return None
        if isinstance(x, str):
            return ox.NamedNode(x) if x.startswith("http") else ox.Literal(x)
        if isinstance(x, bool):
            return ox.Literal(str(x).lower(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
        if isinstance(x, (int, float)):
            return ox.Literal(str(x), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#"
                                                            + ("integer" if isinstance(x, int) else "decimal")))
        return x

    if c.shape == "statistic" or c.parts.get("figure"):
        cols = ["time", "metric", "value", "unit", "stated_by", "source", "subject"]
        rows = []
        for o in sorted(c.parts["observations"], key=lambda o: (o.time or "", o.iri)):
            subject = sorted(o.subjects)[0] if o.subjects else None
            stated = sorted(o.stated_by)[0] if o.stated_by else None
            source = f"{o.document.rsplit('/', 1)[-1]}#p{o.paragraph}" if o.document else None
            rows.append(tuple(term(x) for x in (o.time, o.metric, _number(o.value), o.unit, stated, source, subject)))
        return Result("table", cols, rows)
    if c.shape == "count" and c.parts.get("of"):
        return result(c.parts["of"], index, lang)
    if c.shape == "coordinated":
        tables = [result(part, index, lang) for part in c.parts["parts"]]
        if all(t.columns == tables[0].columns for t in tables):
            return Result("table", tables[0].columns, [row for t in tables for row in t.rows])
        return tables[0]
    if c.rows:
        cols = ["answer", "relation", "about", "document"]
        values = {_key(v) for v in c.values}
        rows = set()
        for s_, p_, o_, doc in c.rows:
            answer, about = (o_, s_) if _key(o_) in values or _key(s_) not in values else (s_, o_)
            rows.add(tuple(term(x) for x in (answer, p_, about, doc)))
        order = {k: i for i, k in enumerate(_key(v) for v in c.values)}
        return Result("table", cols, sorted(rows, key=lambda r: (order.get(_key(r[0]), len(order)),
                                                                 tuple(str(t) for t in r))))
    return Result("table", ["answer"], [(term(v),) for v in c.values])
