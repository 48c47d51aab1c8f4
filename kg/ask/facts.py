"""What the reader asks the graph: a few fixed templates (kg/sparql/queries/templates/ask-*.rq) with bound
terms, run once per question and kept, so every candidate interpretation reads the same rows.

`Facts(engine)` is lazy: nothing runs until a candidate needs it, and each template runs at most once
(or once per distinct binding). `Facts.ran` lists the SPARQL that ran, for --explain.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.iris import PREFIX_IRIS
from kg.paths import queries_dir
from kg.sparql.safety import bind_values

RDF_TYPE = PREFIX_IRIS["rdf"] + "type"
KG = PREFIX_IRIS["kg"]


def template(name: str) -> str:
    return (queries_dir() / "templates" / f"{name}.rq").read_text(encoding="utf-8")


def value(term) -> str | None:
    return None if term is None else term.value


@dataclass
class Observation:
    """One figure, with every subject and stating body it has."""

    iri: str
    metric: str
    value: str
    unit: str | None = None
    qualifier: str | None = None
    time: str | None = None
    compared_to: str | None = None
    document: str | None = None
    paragraph: str | None = None
    subjects: set[str] = field(default_factory=set)
    stated_by: set[str] = field(default_factory=set)

    def number(self) -> float | None:
        try:
            return float(self.value)
        except ValueError:
            return None


class Facts:
    """Rows of the ask-* templates, fetched on demand from a query engine (any kg.sparql engine)."""

    def __init__(self, engine, timeout: float | None = None):
        self.engine = engine
        self.timeout = timeout
        self.ran: list[str] = []
        self._around: dict[str, list[tuple]] = {}
        self._observations: list[Observation] | None = None
        self._values: dict[tuple, list[tuple[str, str, object]]] = {}
        self._mentions: dict[str, list[tuple[str, str]]] = {}
        self._edges: list[tuple[str, str, str]] | None = None

    def _run(self, name: str, bindings: dict | None = None):
        import pyoxigraph as ox

        query = template(name)
        if bindings:
            query = bind_values(query, {k: [ox.NamedNode(i) for i in v] for k, v in bindings.items()})
        self.ran.append(query)
        return self.engine.run(query, timeout=self.timeout).rows

    def around(self, entities: list[str]) -> list[tuple[str, str, object, str]]:
        """(s, p, o, document) of every statement with one of `entities` as subject or object; o is an IRI
        string or a pyoxigraph Literal."""
        todo = [e for e in dict.fromkeys(entities) if e not in self._around]
        if todo:
            for e in todo:
                self._around[e] = []
            import pyoxigraph as ox

            for s, p, o, doc in self._run("ask-around", {"e": todo}):
                row = (s.value, p.value, o if isinstance(o, ox.Literal) else o.value, value(doc))
                if s.value in self._around:
                    self._around[s.value].append(row)
                if not isinstance(o, ox.Literal) and o.value in self._around and o.value != s.value:
                    self._around[o.value].append(row)
            for e in todo:  # engines return rows in their own order: answers must not depend on it
                self._around[e].sort(key=lambda r: (r[0], r[1], str(r[2]), r[3] or ""))
        out = []
        for e in dict.fromkeys(entities):
            out += self._around[e]
        return out

    def observations(self) -> list[Observation]:
        if self._observations is None:
            found: dict[str, Observation] = {}
            for row in self._run("ask-observations"):
                obs, subject, metric, val, unit, qual, time, cmp, stated, doc, para = (value(t) for t in row)
                o = found.get(obs)
                if o is None:
                    o = found[obs] = Observation(obs, metric, val, unit, qual, time, cmp, doc, para)
                if subject:
                    o.subjects.add(subject)
                if stated:
                    o.stated_by.add(stated)
            self._observations = sorted(found.values(), key=lambda o: o.iri)
        return self._observations

    def values(self, properties: list[str]) -> list[tuple[str, str, object]]:
        """(x, p, value) for every statement of the given properties; value is a pyoxigraph term."""
        key = tuple(sorted(properties))
        if key not in self._values:
            rows = self._run("ask-values", {"p": list(key)}) if key else []
            self._values[key] = sorted(((x.value, p.value, v) for x, p, v in rows), key=lambda r: (r[0], r[1], str(r[2])))
        return self._values[key]

    def mentions(self, entities: list[str]) -> dict[str, list[tuple[str, str]]]:
        """entity -> [(document, paragraph)] of the statements about it."""
        todo = [e for e in dict.fromkeys(entities) if e not in self._mentions]
        if todo:
            for e in todo:
                self._mentions[e] = []
            for e, doc, para in self._run("ask-mentions", {"e": todo}):
                self._mentions[e.value].append((doc.value, para.value))
        return {e: sorted(set(self._mentions[e])) for e in entities}

    def mentioned_in(self, document: str) -> list[tuple[str, str]]:
        """[(entity, paragraph)] of the named things a document states something about."""
        rows = self._run("ask-mentioned-in", {"document": [document]})
        return sorted({(e.value, para.value) for e, para in rows})

    def edges(self) -> list[tuple[str, str, str]]:
        """(s, p, o) of every statement linking two named entities."""
        if self._edges is None:
            self._edges = sorted((s.value, p.value, o.value) for s, p, o in self._run("entity-edges"))
        return self._edges
