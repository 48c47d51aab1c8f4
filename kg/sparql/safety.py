"""SPARQL text handling: what kind of query a text is, what it would reach outside kg's graphs, and binding
user values as properly escaped terms (never by pasting user text into a query).

Whether a query would reach the network (a SERVICE clause) or name graphs of its own (FROM / FROM NAMED)
is decided from a real parse (rdflib's SPARQL grammar), never from patterns over the text; so are calls to
Virtuoso's bif: and sql: functions (a text starting with Virtuoso's DEFINE is not taken for SPARQL at all).
The parse is skipped, to keep rdflib off the cold query path, only when the text cannot hold any of these:
when none of 'service', 'from', 'bif:' or 'sql:' occurs anywhere in it (strings included) after its
\\u escapes are expanded.

The engines read escapes differently, so the parse follows the engine that will run the query: rdflib
expands every \\u escape before parsing (so `\\u0053ERVICE` is SERVICE), Oxigraph only inside strings and
IRIs (so `"\\u005C"` is a one-backslash string, not an escaped quote). An endpoint's store is checked
both ways.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.errors import QueryError

_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
_HEAD = re.compile(r"^\s*(?:(?:#[^\n]*\n)|(?:PREFIX\s+[\w.-]*:\s*<[^>]*>)|(?:BASE\s*<[^>]*>)|\s+)*", re.IGNORECASE)
# strings, IRIs and comments: removed before looking for a query's form (never used to decide safety)
_OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_ESCAPES_OR_PAIRS = re.compile(r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}|\\[\s\S]")
_SUSPECT = re.compile(r"service|from|bif:|sql:", re.IGNORECASE)
# Virtuoso's built-in (bif:) and SQL procedure (sql:) functions: some reach the network or the server's files
_STORE_FUNCTIONS = ("bif:", "sql:")
_QUOTELESS_COMMENT = re.compile(r"^[ \t]*#[^\n\"']*$", re.MULTILINE)

RDFLIB, OXIGRAPH, ANY = "rdflib", "oxigraph", "any"  # whose reading of escapes a query is checked with


def code_only(text: str) -> str:
    """The text with strings, IRIs and comments blanked out (same length, so positions still match)."""
    return _OPAQUE.sub(lambda m: " " * len(m.group()), text)


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE if `text` looks like a SPARQL query (after any PREFIX/BASE),
    UPDATE if it looks like an update, else None."""
    head = _HEAD.match(text)
    rest = text[head.end():] if head else text
    if _FORM.match(rest):
        return _FORM.match(rest).group(1).upper()
    if _UPDATE.match(code_only(rest)):
        return "UPDATE"
    return None


@dataclass(frozen=True)
class Shape:
    """What a parse found: SERVICE clauses, and the graphs of FROM (`default`) and FROM NAMED (`named`)."""

    services: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()  # Virtuoso's bif: / sql: functions called
    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()
    parsed: bool = False

    @property
    def has_dataset(self) -> bool:
        return bool(self.default or self.named)


@dataclass
class Checked:
    """A query that passed `check`: its form and, when it names graphs itself, which ones."""

    form: str
    shape: Shape = field(default_factory=Shape)


def check(text: str, allow_network: bool = False, graphs=None, reading: str = OXIGRAPH) -> Checked:
    """Refuse updates always; refuse SERVICE, and FROM / FROM NAMED naming a graph outside `graphs` (kg's
    own graph IRIs, a collection or a callable giving one), unless network access was asked for.

    `reading` is the engine whose escape rules the parse follows (RDFLIB, OXIGRAPH or ANY for both).
    """
    form = query_form(text)
    if form == "UPDATE":
        raise QueryError("SPARQL updates are not accepted: kg queries are read-only")
    if not might_reach_out(text):
        return Checked(form or "SELECT")
    shapes = [inspect(text, r) for r in ((RDFLIB, OXIGRAPH) if reading == ANY else (reading,))]
    services = sorted({s for shape in shapes for s in shape.services})
    if services and not allow_network:
        raise QueryError(f"SERVICE {services[0]} is refused because it would reach the network; "
                         "pass --allow-network to allow it")
    functions = sorted({f for shape in shapes for f in shape.functions})
    if functions and not allow_network:
        raise QueryError(f"{functions[0]} is refused: Virtuoso's bif: and sql: functions can reach the network or "
                         "the store's files; pass --allow-network to allow it")
    shape = shapes[-1]
    if shape.has_dataset and not allow_network:
        own = set(graphs() if callable(graphs) else graphs or ())
        for clause, iris in (("FROM", shape.default), ("FROM NAMED", shape.named)):
            for iri in iris:
                if iri not in own:
                    raise QueryError(f"{clause} <{iri}> is refused: it is not one of kg's graphs (its source "
                                     "documents, data files, ontology and metrics), so an engine would fetch it "
                                     "or read it from disk; pass --allow-network to allow that")
    return Checked(form or "SELECT", shape)


def check_safety(text: str, allow_network: bool = False) -> None:
    """`check` without any graph of kg's own: every FROM counts as external."""
    check(text, allow_network, (), ANY)


def might_reach_out(text: str) -> bool:
    """False only if no SERVICE, FROM or bif: / sql: function can hide in `text` under any reading of
    its escapes: none of those words occurs anywhere (strings included) once \\u escapes are expanded and
    quote-free comment lines dropped."""
    return bool(_SUSPECT.search(_QUOTELESS_COMMENT.sub("", expand_escapes(text))))


def expand_escapes(text: str) -> str:
    """\\uXXXX and \\UXXXXXXXX replaced by their characters everywhere, as SPARQL's grammar says (and rdflib
    does): `\\u0053ERVICE` is SERVICE."""
    def char(m: re.Match) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except (ValueError, OverflowError):
            return m.group()

    return _ESCAPE.sub(char, text)


def _oxigraph_reading(text: str) -> str:
    """The text as Oxigraph reads it, for rdflib's parser: an escape stands for one character only inside a
    string or IRI (elsewhere it is a syntax error), so each becomes one plain character; an escaped
    character pair stays one escaped character that rdflib cannot take for the start of another escape."""
    def one(m: re.Match) -> str:
        s = m.group()
        if s[1] in "uU" and len(s) > 2:
            return "x"
        return "\\t" if s == "\\\\" else s

    return _ESCAPES_OR_PAIRS.sub(one, text)


def inspect(text: str, reading: str = RDFLIB) -> Shape:
    """Parse `text` as a SPARQL query (as engine `reading` reads its escapes) and report its SERVICE clauses
    and dataset. Raises QueryError for text that does not parse."""
    from rdflib.plugins.sparql.algebra import translatePrologue
    from rdflib.plugins.sparql.parser import parseQuery

    from kg.iris import PREFIX_IRIS

    source = text if reading == RDFLIB else _oxigraph_reading(text)
    try:
        tree = parseQuery(source)
    except Exception as e:  # pyparsing's ParseException, or ValueError for a bad escape
        raise QueryError(_parse_message(e)) from None
    try:
        prologue = translatePrologue(tree[0], None, PREFIX_IRIS)

        def iri(term) -> str:
            return str(prologue.absolutize(term))

        services = [f"?{node['term']}" if _is_var(node["term"]) else f"<{iri(node['term'])}>"
                    for node in _walk(tree[1]) if node.name == "ServiceGraphPattern"]
        functions = [name for node in _walk(tree[1]) if node.name == "Function"
                     for name in [iri(node["iri"])] if name.lower().startswith(_STORE_FUNCTIONS)]
        clauses = tree[1]["datasetClause"] if "datasetClause" in tree[1] else []  # (CompValue.get answers the key)
        default = tuple(iri(c["default"]) for c in clauses if "default" in c)
        named = tuple(iri(c["named"]) for c in clauses if "named" in c)
    except QueryError:
        raise
    except Exception as e:  # an undeclared prefix, a relative IRI without BASE
        text = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise QueryError(f"SPARQL syntax error: {unknown_prefix(text) or text[:200]}") from None
    return Shape(tuple(services), tuple(functions), default, named, parsed=True)


def unknown_prefix(message: str, before: str = "", declared=()) -> str | None:
    """"unknown prefix foo:" for an engine's error about an undeclared prefix, else None. rdflib names the prefix;
    Oxigraph only says where it stopped, so the last prefixed name in `before` (the query up to there) whose prefix
    is neither `declared` nor declared in the query is taken."""
    m = re.search(r"Unknown namespace prefix : ?(\S*)", message)
    if m:
        return f"unknown prefix {m.group(1)}: (declare it with PREFIX {m.group(1)}: <...>)"
    text = re.sub(r"<[^<>]*>|\"[^\"\n]*\"|'[^'\n]*'|#[^\n]*", " ", before)
    known = set(declared) | set(re.findall(r"PREFIX\s+([A-Za-z][\w.-]*)?:", text, re.I))
    names = [n for n in re.findall(r"(?<![\w?$.:-])([A-Za-z][\w.-]*)?:", text) if n not in known]
    if names:
        return f"unknown prefix {names[-1]}: (declare it with PREFIX {names[-1]}: <...>)"
    return None


def _is_var(term) -> bool:
    from rdflib.term import Variable

    return isinstance(term, Variable)


def _walk(node):
    """Every CompValue in a parse tree (pyparsing ParseResults, lists and CompValues nested)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple, ParseResults)):
        for value in node:
            yield from _walk(value)


def _parse_message(e: Exception) -> str:
    line, col = getattr(e, "lineno", None), getattr(e, "col", None)
    text = getattr(e, "msg", None) or (str(e).splitlines()[0] if str(e) else type(e).__name__)
    where = f" at line {line}, column {col}" if line and col else ""
    return f"SPARQL syntax error{where}: {text[:200]}"


def sparql_term(term) -> str:
    """A pyoxigraph term written as SPARQL, escaped; IRIs with forbidden characters are rejected."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        if _IRI_FORBIDDEN.search(term.value):
            raise QueryError(f"not a valid IRI: {term.value!r}")
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return str(term)  # N-Triples form: quotes, backslashes and newlines are escaped
    raise QueryError(f"cannot bind {term!r} into a query")


def bind_values(query: str, bindings: dict) -> str:
    """Insert `VALUES ?a { <x> }` lines (one per variable, one or more terms) at the start of the WHERE block.

    Values are pyoxigraph terms, serialized by `sparql_term`, so text from a user can never change the
    query's structure.
    """
    if not bindings:
        return query
    lines = []
    for name, terms in bindings.items():
        if not isinstance(name, str) or not re.fullmatch(r"\w+", name):
            raise QueryError(f"not a variable name: {name!r}")
        terms = terms if isinstance(terms, (list, tuple)) else [terms]
        lines.append(f"  VALUES ?{name} {{ {' '.join(sparql_term(t) for t in terms)} }}")
    block = "\n" + "\n".join(lines) + "\n"
    code = code_only(query)
    m = re.search(r"\bWHERE\s*\{", code, re.IGNORECASE) or re.search(r"\{", code)
    if not m:
        raise QueryError("cannot find the WHERE block to bind parameters into")
    return query[: m.end()] + block + query[m.end():]
