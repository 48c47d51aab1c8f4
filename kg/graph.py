"""The library's front door: open the compiled graph and ask it things.

    >>> import kg
    >>> g = kg.open()                                   # builds if the facts changed
    >>> g.query("platforms by parent company").rows     # a phrase, a named query or SPARQL
    >>> g.show("钉钉").figures                           # an entity's card
    >>> g.connect("Kingsoft", "Tencent Docs")           # the shortest named path

The CLI and the notebooks call exactly these methods.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.ask.phrases import PhraseCompiler, Plan
from kg.build.names import Index
from kg.errors import NotFound, QueryError
from kg.iris import PREFIX_IRIS
from kg.paths import queries_dir
from kg.sparql import limits
from kg.sparql.engine import Result
from kg.sparql.named import NamedQuery, named_queries
from kg.sparql.safety import bind_values, query_form

UNDERSTOOD = 0.5  # share of a question an interpretation must explain to be preferred over the phrases
PARTLY = 0.34  # below this share of the question explained, kg says it did not understand
FORECAST = PREFIX_IRIS["qual"] + "forecast"
ALIAS_FILE = "aliases.json"  # the named queries' aliases, normalised (kg.ask.phrases)
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass
class Hop:
    source: str
    predicate: str
    target: str
    forward: bool  # True: source --predicate--> target as stated; False: stated the other way round


@dataclass
class Card:
    iri: str
    types: list[str]
    labels: dict[str, str]
    aliases: dict[str, list[str]]
    facts: list[tuple]  # (direction, relation, other, document, paragraphs)
    figures: Result
    conflicts: set[int] = field(default_factory=set)  # indexes into figures.rows


@dataclass
class Answer:
    """What a question produced: a table (SELECT), a boolean, triples, a card or a path."""

    title: str
    kind: str
    result: Result | None = None
    sparql: list[str] = field(default_factory=list)
    card: Card | None = None
    path: list[Hop] | None = None
    sources: list[list[str]] | None = None
    context: list[str] = field(default_factory=list)  # IRIs bound into the query (e.g. the entity asked about)
    line: str = ""  # a question's one-line answer, in the question's language
    understood: str = ""  # the interpretation in words
    alternatives: list[str] = field(default_factory=list)  # other readings, worded (when not clearly ahead)
    reply: object = None  # the question pipeline's Reply (kg.ask.pipeline), for --explain and the API
    explanation: dict = field(default_factory=dict)  # spans -> IRIs with scores, the shape chosen, runners-up

    @property
    def columns(self) -> list[str]:
        return self.result.columns if self.result else []

    @property
    def rows(self) -> list[tuple]:
        return self.result.rows if self.result else []


class KnowledgeGraph:
    """A compiled graph with a query engine, its label index and the named queries."""

    def __init__(self, build, engine, index: Index, named: dict[str, NamedQuery] | None = None):
        self.build = build
        self.engine = engine
        self.index = index
        self.named = named if named is not None else named_queries()
        cache = build.path / ALIAS_FILE if getattr(build, "path", None) else None
        self._phrases = PhraseCompiler(index, self.named, cache)

    # ------------------------------------------------------------------ raw SPARQL

    def sparql(self, query: str, bindings: dict | None = None, timeout: float | None = None,
               allow_network: bool = False, max_rows: int | None = None) -> Result:
        """Run SPARQL with kg's prefixes predeclared; `bindings` maps variables to IRIs/terms.

        `timeout` (seconds) and `max_rows` limit the query (None: no limit; kg.sparql.limits)."""
        query = _text(query, "query")
        if bindings:
            query = bind_values(query, {k: _terms(v) for k, v in _mapping(bindings, "bindings").items()})
        return self.engine.run(query, timeout=limits.timeout(timeout, "timeout"), allow_network=allow_network,
                               max_rows=limits.max_rows(max_rows, "max_rows"))

    # ------------------------------------------------------------------ questions

    def stream(self, text: str, timeout: float | None = None, allow_network: bool = False,
               max_rows: int | None = None):
        """For SPARQL SELECT text on an engine that can stream (Oxigraph): its column names, then its rows as
        they are read (pyoxigraph terms). None for anything else: use `query`."""
        text = _text(text, "query").strip()
        if query_form(text) != "SELECT" or not hasattr(self.engine, "stream"):
            return None
        return self.engine.stream(text, timeout=limits.timeout(timeout, "timeout"), allow_network=allow_network,
                                  max_rows=limits.max_rows(max_rows, "max_rows"))

    def query(self, text: str, params: dict[str, str] | None = None, timeout: float | None = None,
              allow_network: bool = False, sources: bool = False, max_rows: int | None = None) -> Answer:
        """Answer SPARQL text, a path to a .rq file, a named query's name, or a plain-language phrase.

        `timeout` (seconds, for every query run) and `max_rows` (of the answer) limit it; None: no limit."""
        text = _text(text, "query").strip()
        params = _params(params)
        timeout, rows = limits.timeout(timeout, "timeout"), limits.max_rows(max_rows, "max_rows")
        if text.endswith(".rq") and " " not in text and not Path(text).is_file():
            raise QueryError(f"no such file: {text}")
        if text.endswith(".rq") and Path(text).is_file():
            return self._finish(self._run_named(_read_rq(Path(text)), params, timeout, allow_network, rows=rows),
                                sources, timeout)
        form = query_form(text)
        if form == "UPDATE":
            raise QueryError("SPARQL updates are not accepted: kg queries are read-only")
        if form:
            result = self.engine.run(text, timeout=timeout, allow_network=allow_network, max_rows=rows)
            return self._finish(Answer("SPARQL", _kind(result), result, [text]), sources, timeout)
        if text in self.named:
            return self._finish(self._run_named(self.named[text], params, timeout, allow_network, rows=rows),
                                sources, timeout)
        missing = None
        try:
            # a named query's alias, or a listed phrase shape (the slow fuzzy '<metric> of <name>' comes later)
            plan = self._phrases.pattern(text, fuzzy_metrics=False)
        except NotFound as e:
            plan, missing = None, e
        if plan:
            return self._finish(self._run_plan(plan, timeout, rows), sources, timeout)
        reply = self.ask(text, timeout)
        if _answers(reply) and reply.best.covered >= UNDERSTOOD:
            return self._finish(self._reply_answer(reply, rows), sources, timeout)
        if missing is not None:
            raise missing
        try:
            plan = self._phrases.compile(text)
        except NotFound as e:
            if _answers(reply) and reply.best.covered >= PARTLY:
                return self._finish(self._reply_answer(reply, rows), sources, timeout)
            fallback = self._closest_answer(reply)
            if fallback is not None:
                return self._finish(fallback, sources, timeout)
            raise self._nothing(reply, text, e) from None
        return self._finish(self._run_plan(plan, timeout, rows), sources, timeout)

    def _reply_answer(self, reply, rows: int | None) -> Answer:
        from kg.ask.answer import line, result, understood

        lang = reply.reading.lang
        lex = self._asker.lex
        best = reply.best
        if best.shape == "card":
            answer = self.card_answer(best.values[0])
            answer.reply = reply
            return answer
        table = result(best, self.index, lang)
        if rows is not None and len(table.rows) > rows:
            from kg.errors import TooManyRows

            raise TooManyRows(f"the answer has more than {rows} rows (--max-rows {rows})")
        return Answer(understood(best, self.index, lex, lang), "table", table, list(reply.sparql),
                      context=[v for v in best.values if isinstance(v, str)],
                      line=line(best, self.index, lex, lang), understood=understood(best, self.index, lex, lang),
                      alternatives=[f"{understood(c, self.index, lex, lang)}: {line(c, self.index, lex, lang)}"
                                    for c in reply.alternatives],
                      reply=reply, explanation=_explanation(reply, self.index, lex, lang))

    def _closest_answer(self, reply) -> Answer | None:
        """When the question names something the graph knows (exactly, not by a typo guess) but no reading
        returns anything: the closest sourced facts, labelled as such."""
        import pyoxigraph as ox

        from kg.ask.closest import closest
        from kg.ask.facts import Facts
        from kg.ask.link import ALIAS

        named = [s for s in reply.reading.spans if s.target.kind in ("entity", "document", "metric", "class", "property")
                 and s.target.exact >= ALIAS]
        found = closest(reply.reading, self.index) if named else []
        if not found:
            return None
        mentions = Facts(self.engine).mentions([iri for iri, _ in found])
        rows = []
        for iri, score in found:
            cls = self.index.cls(iri)
            docs = sorted({f"{d.rsplit('/', 1)[-1]}#p{p}" for d, p in mentions.get(iri, [])})
            rows.append((ox.NamedNode(iri), ox.Literal(cls or ""), ox.Literal(" ".join(docs[:3])),
                         ox.Literal(f"{score:.2f}")))
        lex = self._asker.lex
        lang = reply.reading.lang
        words = {k: v.get("zh" if lang == "zh" else "en", "") for k, v in lex.answer_words.items()}
        return Answer(words.get("closest", ""), "table", Result("table", ["closest", "class", "sources", "match"], rows),
                      line=words.get("closest", ""), reply=reply)

    def _nothing(self, reply, text: str, err: NotFound) -> NotFound:
        """No interpretation returned anything: say whether the question named something the graph knows."""
        named = [s.text for s in reply.reading.spans if s.target.kind in ("entity", "document", "metric", "class")]
        if named:
            return NotFound(f"nothing matches '{text.strip()}': no reading of it returns anything "
                            f"(it names: {', '.join(dict.fromkeys(named))})",
                            suggestions=err.suggestions)
        return err

    def ask(self, question: str, timeout: float | None = None):
        """Understand a plain-language question: its best interpretation, the runners-up and the answer set
        (kg.ask.pipeline.Reply)."""
        from kg.ask.pipeline import Asker

        if getattr(self, "_asker", None) is None:
            self._asker = Asker(self.index, self.engine, getattr(self.build, "path", None))
        return self._asker.ask(_text(question, "question"), limits.timeout(timeout, "timeout"))

    def plan(self, text: str) -> Plan:
        """How a phrase would be answered, without running it."""
        return self._phrases.compile(text)

    def _run_plan(self, plan: Plan, timeout, rows: int | None = None) -> Answer:
        if plan.kind == "card":
            return self.card_answer(plan.entities[0], timeout)
        if plan.kind == "path":
            return self._path_answer(plan, timeout)
        if plan.kind == "named":
            answer = self._run_named(self.named[plan.name], None, timeout, False, bound=plan.bindings, rows=rows)
            answer.title = plan.title
            return answer
        query = _template(plan.name)
        bindings = {k: (self.index.subclasses(v) if k in ("class", "group_class") else v) for k, v in plan.bindings.items()}
        sparql = bind_values(query, {k: _terms(v) for k, v in bindings.items()})
        result = self.engine.run(sparql, timeout=timeout, max_rows=rows)
        return Answer(plan.title, _kind(result), result, [sparql], context=_iris(plan.bindings))

    def _run_named(self, q: NamedQuery, params, timeout, allow_network, bound: dict | None = None,
                   rows: int | None = None) -> Answer:
        params = dict(params or {})
        bindings: dict = dict(bound or {})
        for p in q.params:
            if p.name in bindings:
                continue
            value = params.pop(p.name) if p.name in params else p.default
            if value is None:
                raise QueryError(f"named query '{q.name}' needs --param {p.name}=...")
            if not value.strip():
                raise QueryError(f"parameter {p.name} is empty: give a value (--param {p.name}=VALUE), "
                                 f"or leave it out for the default ({p.default or 'none'})")
            bindings[p.name] = self._param_term(p, value)
        if params:
            raise QueryError(f"named query '{q.name}' has no parameter {', '.join(sorted(params))}"
                             + (f" (it takes: {', '.join(p.name for p in q.params)})" if q.params else ""))
        sparql = bind_values(q.sparql, {k: _terms(v) for k, v in bindings.items()})
        result = self.engine.run(sparql, timeout=timeout, allow_network=allow_network, max_rows=rows)
        return Answer(q.title, _kind(result), result, [sparql], context=_iris(bindings))

    def _param_term(self, p, value: str):
        import pyoxigraph as ox

        if p.kind in ("entity", "metric"):
            kinds = ("entity", "document") if p.kind == "entity" else ("metric",)
            m = self.index.resolve(value, kinds)
            if not m:
                raise NotFound(f"no {p.kind} named '{value}'", suggestions=self.index.suggestions(value, kinds))
            return m.iri
        if p.kind == "number":
            return ox.Literal(_decimal(p.name, value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
        return ox.Literal(value)

    # ------------------------------------------------------------------ entities

    def resolve(self, name: str, kinds: tuple[str, ...] = ("entity", "document")) -> str:
        """The IRI of the entity called `name` (any label or alias, any language), or NotFound."""
        m = self.index.resolve(name, kinds)
        if not m:
            raise NotFound(f"no entity named '{name}'", suggestions=self.index.suggestions(name, kinds))
        return m.iri

    def search(self, text: str, limit: int = 10) -> list[tuple[str, str, str, float]]:
        """(iri, label, class, score) of entities whose names match `text`, best first."""
        return [(m.iri, self.index.label(m.iri) or m.name, self.index.cls(m.iri) or self.index.kind(m.iri), m.score)
                for m in self.index.find(text, ("entity", "document", "metric"), limit)]

    def show(self, name: str, timeout: float | None = None) -> Card:
        return self._card(self.resolve(name), timeout)[0]

    def _card(self, iri: str, timeout) -> tuple[Card, list[str]]:
        thing = self.index.things.get(iri, {"labels": {}, "aliases": {}})
        facts_q = bind_values(_template("card-facts"), {"entity": _terms(iri)})
        facts = self.engine.run(facts_q, timeout=timeout)
        figs_q = bind_values(self.named["figures-of-entity"].sparql, {"entity": _terms(iri)})
        figures = self.engine.run(figs_q, timeout=timeout)
        types, rows = [], []
        for direction, relation, other, document, paragraphs in facts.rows:
            if relation.value == RDF_TYPE and direction.value == "out":
                if other.value not in types:
                    types.append(other.value)
                continue
            if relation.value in ("http://www.w3.org/2000/01/rdf-schema#label",
                                  "http://www.w3.org/2004/02/skos/core#altLabel"):
                continue
            rows.append((direction.value, relation.value, other, document.value, paragraphs.value if paragraphs else ""))
        card = Card(iri, types, thing["labels"], thing.get("aliases", {}), rows, figures, _conflicts(figures))
        return card, [facts_q, figs_q]

    def card_answer(self, iri: str, timeout: float | None = None) -> Answer:
        """The card of the entity `iri` as an Answer (what `kg show` prints)."""
        card, queries = self._card(iri, timeout)
        return Answer(self.index.label(iri) or iri, "card", card.figures, queries, card=card)

    # ------------------------------------------------------------------ paths

    def connect(self, a: str, b: str, timeout: float | None = None) -> list[Hop]:
        """The shortest chain of statements between two entities (names or IRIs), every hop named."""
        start = a if a in self.index.things else self.resolve(a)
        goal = b if b in self.index.things else self.resolve(b)
        return self._path(start, goal, timeout)[0]

    def _path(self, start: str, goal: str, timeout) -> tuple[list[Hop], str]:
        query = _template("entity-edges")
        edges = self.engine.run(query, timeout=timeout)
        adjacent: dict[str, list[tuple[str, str, bool]]] = {}
        for s, p, o in edges.rows:
            adjacent.setdefault(s.value, []).append((o.value, p.value, True))
            adjacent.setdefault(o.value, []).append((s.value, p.value, False))
        for links in adjacent.values():
            links.sort()
        previous: dict[str, tuple[str, str, bool] | None] = {start: None}
        todo = deque([start])
        while todo and goal not in previous:
            node = todo.popleft()
            for other, pred, forward in adjacent.get(node, []):
                if other not in previous:
                    previous[other] = (node, pred, forward)
                    todo.append(other)
        if goal not in previous:
            raise NotFound(f"no chain of statements links {self.index.label(start)} to {self.index.label(goal)}")
        hops: list[Hop] = []
        node = goal
        while previous[node] is not None:
            before, pred, forward = previous[node]
            hops.append(Hop(before, pred, node, forward))
            node = before
        return list(reversed(hops)), query

    def _path_answer(self, plan: Plan, timeout) -> Answer:
        hops, query = self._path(plan.entities[0], plan.entities[1], timeout)
        return Answer(plan.title, "path", None, [query], path=hops)

    # ------------------------------------------------------------------ provenance of rows

    def _finish(self, answer: Answer, sources: bool, timeout) -> Answer:
        if sources and answer.kind == "table":
            answer.sources = self.row_sources(answer.result, timeout, answer.context)
        return answer

    def row_sources(self, result: Result, timeout=None, context: list[str] = ()) -> list[list[str]]:
        """For each row: 'document#pN' of every statement linking two terms of the row (or a row term and
        an entity the question was about)."""
        import pyoxigraph as ox

        extra = [ox.NamedNode(i) for i in context]
        terms = {t for row in result.rows for t in row if isinstance(t, (ox.NamedNode, ox.Literal))} | set(extra)
        if not terms:
            return [[] for _ in result.rows]
        query = bind_values(_template("row-sources"), {"s": [t for t in terms if isinstance(t, ox.NamedNode)],
                                                        "o": list(terms)})
        found: dict[tuple, set[str]] = {}
        for s, o, doc, para in self.engine.run(query, timeout=timeout).rows:
            stem = doc.value.rsplit("/", 1)[-1]
            found.setdefault((s, o), set()).add(f"{stem}#p{para.value}")
        out = []
        cols = result.columns
        for row in result.rows:
            cites: set[str] = set()
            for a in (*row, *extra):
                for b in (*row, *extra):
                    if a in extra and b in extra:
                        continue
                    if a is not None and b is not None and (a, b) in found:
                        cites |= found[(a, b)]
            if "document" in cols and "paragraph" in cols:
                d, p = row[cols.index("document")], row[cols.index("paragraph")]
                if d is not None and p is not None:
                    cites.add(f"{d.value.rsplit('/', 1)[-1]}#p{p.value}")
            out.append(sorted(cites))
        return out


def _explanation(reply, index, lex, lang: str) -> dict:
    """What --explain prints about a question: each linked span, the shape chosen and the runners-up."""
    from kg.ask.answer import line, understood

    spans = [{"span": s.text, "kind": s.target.kind, "target": s.target.ref, "score": round(s.score, 3)}
             for s in reply.reading.spans if s.target.kind != "filler"]

    def cand(c):
        return {"shape": c.shape, "score": c.score, "covered": round(c.covered, 3),
                "understood_as": understood(c, index, lex, lang), "answer": line(c, index, lex, lang)}

    return {"spans": spans, "chosen": cand(reply.best) if reply.best else None,
            "runners_up": [cand(c) for c in reply.ranked[1:4]]}


def open_graph(facts: Path | str | None = None, build_dir: Path | str | None = None,
               engine: str = "oxigraph", endpoint: str | None = None, auth=None) -> KnowledgeGraph:
    """Open the compiled graph (building it first if the facts changed) with a query engine.

    With `endpoint` (a SPARQL query URL; `auth` an endpoint.Auth or (user, password)) kg reads the graphs
    `kg push` loaded there instead, and resolves names with the endpoint's labels; nothing is built.
    """
    from kg.build.pipeline import ensure_built
    from kg.sparql.engine import OxigraphEngine, RdflibEngine

    if endpoint:
        from kg.sparql.endpoint import EndpointEngine, endpoint_index

        if engine != "oxigraph":
            raise QueryError(f"--engine {engine} chooses a local engine; it cannot be combined with an endpoint")
        eng = EndpointEngine(endpoint, auth)
        return KnowledgeGraph(None, eng, endpoint_index(eng))
    build = ensure_built(facts, build_dir)
    if engine == "oxigraph":
        eng = OxigraphEngine.for_build(build)
    elif engine == "rdflib":
        eng = RdflibEngine(build.dataset())
    else:
        raise QueryError(f"unknown engine '{engine}' (use oxigraph or rdflib)")
    return KnowledgeGraph(build, eng, Index.load(build.path))


_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?")
_DIGITS = 60  # significant digits and decimal places a number parameter may have


def _decimal(name: str, value: str) -> str:
    """The xsd:decimal lexical form of a number parameter: ASCII digits, an optional exponent, finite and
    at most _DIGITS digits either side of the point, kept exactly ("1e3" -> "1000", "2.50" -> "2.50")."""
    from decimal import Context, Decimal

    text = value.strip().replace(",", "").replace("_", "")
    if not _NUMBER.fullmatch(text):
        raise QueryError(f"parameter {name} needs a number such as 381000000, 1.5 or 3.8e8, got {value!r}")
    d = Decimal(text)
    if d and not -_DIGITS <= d.adjusted() < _DIGITS:
        raise QueryError(f"parameter {name} is out of range (at most {_DIGITS} digits either side of the point), "
                         f"got {value!r}")
    exact = Context(prec=2 * _DIGITS + 10)
    if d == d.to_integral_value():
        return format(exact.quantize(d, Decimal(1)), "f")
    return format(d, "f")


def _text(value, what: str) -> str:
    """`value` if it is a string; a QueryError naming `what` otherwise (kg.query(None), a number...)."""
    if isinstance(value, str):
        return value
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    raise QueryError(f"the {what} must be text, got {type(value).__name__} {value!r}"[:200])


def _mapping(value, what: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise QueryError(f"{what} must be a mapping of names to values, got {type(value).__name__} {value!r}"[:200])
    return dict(value)


def _params(params) -> dict[str, str]:
    """A named query's parameters as text: numbers become their decimal text; other types are refused."""
    from decimal import Decimal

    out = {}
    for name, value in _mapping(params, "params").items():
        if not isinstance(name, str):
            raise QueryError(f"a parameter name must be text, got {type(name).__name__} {name!r}")
        if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
            raise QueryError(f"parameter {name} must be text or a number, got {type(value).__name__} {value!r}"[:200])
        out[name] = value if isinstance(value, str) else format(value, "f") if isinstance(value, Decimal) else repr(value)
    return out


def _terms(value):
    """IRI strings become NamedNodes; pyoxigraph terms pass through; lists map element-wise."""
    import pyoxigraph as ox

    if isinstance(value, (list, tuple)):
        return [_terms(v) for v in value]
    if isinstance(value, str):
        try:
            return ox.NamedNode(value)
        except ValueError as e:
            raise QueryError(f"not an IRI: {value!r} ({e})"[:200]) from None
    return value


def _iris(bindings: dict) -> list[str]:
    out = []
    for value in bindings.values():
        for v in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(v, str) and "/resource/" in v:
                out.append(v)
    return out


def _answers(reply) -> bool:
    """Whether the question pipeline's best reading answers: a card only when it was asked for outright, a
    'when' or 'how many' question only with a date or a number, and a 'why' never (the graph holds no
    reasons: the closest sourced facts say more)."""
    best = reply.best
    if best is None or best.shape == "card" and not best.parts.get("asked", False):
        return False
    wanted = {"when": ("date", "mixed"), "how_many": ("number", "mixed"), "why": ()}.get(reply.reading.qword)
    return wanted is None or best.answer in wanted


def _kind(result: Result) -> str:
    return {"SELECT": "table", "ASK": "boolean"}.get(result.kind, "triples")


def _template(name: str) -> str:
    return (queries_dir() / "templates" / f"{name}.rq").read_text(encoding="utf-8")


def _read_rq(path: Path) -> NamedQuery:
    from kg.sparql.named import parse_rq

    return parse_rq(path)


def _conflicts(figures: Result) -> set[int]:
    """Rows of a figures table that another document gives differently for the same metric and unit in the same
    year (a forecast is only compared with forecasts), as the conflicting-figures query compares them."""
    cols = figures.columns
    if not {"metric", "value", "document"} <= set(cols):
        return set()
    get = [dict(zip(cols, row)) for row in figures.rows]

    def key(row: dict) -> tuple:
        text = lambda name: row[name].value if row.get(name) is not None else None  # noqa: E731
        time = text("time")
        return (row["metric"], text("unit"), time[:4] if time else None, text("qualifier") == FORECAST)

    out = set()
    for i, a in enumerate(get):
        for b in get:
            if (a["document"] != b["document"] and a["value"] is not None and b["value"] is not None
                    and a["value"].value != b["value"].value and key(a) == key(b)):
                out.add(i)
    return out
