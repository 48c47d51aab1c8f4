"""SPARQL text handling: what kind of query a text is, refusing network access, and binding user
values as properly escaped terms (never by pasting user text into a query)."""

from __future__ import annotations

import re

from kg.errors import QueryError

_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b", re.IGNORECASE)
_HEAD = re.compile(r"^\s*(?:(?:#[^\n]*\n)|(?:PREFIX\s+[\w.-]*:\s*<[^>]*>)|(?:BASE\s*<[^>]*>)|\s+)*", re.IGNORECASE)
_NETWORK = re.compile(r"\b(SERVICE|LOAD)\b", re.IGNORECASE)
# strings, IRIs and comments: removed before looking for keywords so `"SERVICE"` in a literal is harmless
_OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def code_only(text: str) -> str:
    """The text with strings, IRIs and comments blanked out (same length, so positions still match)."""
    return _OPAQUE.sub(lambda m: " " * len(m.group()), text)


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE if `text` looks like a SPARQL query (after any PREFIX/BASE)."""
    head = _HEAD.match(text)
    rest = text[head.end():] if head else text
    m = _FORM.match(rest)
    if m:
        return m.group(1).upper()
    code = code_only(text)
    if _UPDATE.match(code[_HEAD.match(code).end():] if _HEAD.match(code) else code):
        return "UPDATE"
    return None


def check_safety(text: str, allow_network: bool = False) -> None:
    """Refuse updates always, and SERVICE / LOAD unless network access was asked for."""
    code = code_only(text)
    if query_form(text) == "UPDATE":
        raise QueryError("SPARQL updates are not accepted: kg queries are read-only")
    if not allow_network:
        m = _NETWORK.search(code)
        if m:
            raise QueryError(f"{m.group(1).upper()} is refused because it would reach the network; "
                             "pass --allow-network to allow it")


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
        if not re.fullmatch(r"\w+", name):
            raise QueryError(f"not a variable name: {name!r}")
        terms = terms if isinstance(terms, (list, tuple)) else [terms]
        lines.append(f"  VALUES ?{name} {{ {' '.join(sparql_term(t) for t in terms)} }}")
    block = "\n" + "\n".join(lines) + "\n"
    code = code_only(query)
    m = re.search(r"\bWHERE\s*\{", code, re.IGNORECASE) or re.search(r"\{", code)
    if not m:
        raise QueryError("cannot find the WHERE block to bind parameters into")
    return query[: m.end()] + block + query[m.end():]
