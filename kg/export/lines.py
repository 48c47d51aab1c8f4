"""RDF writers over sorted N-Quads lines, without rdflib: what `kg export` uses for a build.

A build's graph.nq is already the curated graph as sorted, distinct N-Quads; the data files' graphs come
from the build's Oxigraph store. Every writer here keeps each term exactly as N-Quads spells it (a decimal
keeps its lexical form, a language tag its case) and only shortens IRIs to kg's prefixes, so the formats
say the same thing, and the same quads give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.iris import PREFIX_IRIS

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
# subject, predicate, object (a literal with its escapes, language or datatype; or an IRI or blank node), graph
_QUAD = re.compile(r'(\S+) (\S+) ("(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?|\S+)(?: (\S+))? \.')
# a local name Turtle reads back as written (no escapes needed): letters, digits, _ and -, dots inside
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
# longest namespace first, so that kg: (…/ontology#) wins over a shorter one that is its prefix
_NAMESPACES = sorted(((iri, p) for p, iri in PREFIX_IRIS.items()), key=lambda x: -len(x[0]))


def split(line: str) -> tuple[str, str, str, str | None]:
    """An N-Quads line as (subject, predicate, object, graph or None), each term as written."""
    if '"' not in line:  # no literal: terms are separated by single spaces
        parts = line.split(" ")
        if len(parts) == 5 and parts[4] == ".":
            return parts[0], parts[1], parts[2], parts[3]
        if len(parts) == 4 and parts[3] == ".":
            return parts[0], parts[1], parts[2], None
    m = _QUAD.fullmatch(line)
    if m is None:
        raise ValueError(f"not an N-Quads line: {line[:200]!r}")
    return m.group(1), m.group(2), m.group(3), m.group(4)


def nquads(lines: Iterable[str]) -> bytes:
    """Sorted, distinct N-Quads lines as bytes."""
    return _join(sorted(set(lines)))


def ntriples(quads: Iterable[tuple[str, str, str, str | None]]) -> bytes:
    """The union of the quads' graphs as sorted, distinct N-Triples lines."""
    return _join(sorted({f"{s} {p} {o} ." for s, p, o, _ in quads}))


def _join(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


class _Names:
    """Short names for IRIs (`kg:Company`), remembering which prefixes were used."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.cache: dict[str, str] = {}

    def __call__(self, term: str) -> str:
        hit = self.cache.get(term)
        if hit is not None:
            return hit
        out = term
        if term.startswith("<"):
            iri = term[1:-1]
            for ns, prefix in _NAMESPACES:
                if iri.startswith(ns) and _LOCAL.fullmatch(iri[len(ns):]):
                    out = f"{prefix}:{iri[len(ns):]}"
                    self.used.add(prefix)
                    break
        elif term.startswith('"') and term.endswith(">"):  # a typed literal: shorten its datatype
            text, _, dt = term.rpartition("^^")
            out = f"{text}^^{self(dt)}"
        self.cache[term] = out
        return out

    def prologue(self) -> str:
        return "".join(f"@prefix {p}: <{PREFIX_IRIS[p]}> .\n" for p in sorted(self.used))


def _block(triples: list[tuple[str, str, str]], names: _Names, indent: str) -> list[str]:
    """Turtle statements for triples sorted by subject: one block per subject, `a` first, objects of one
    predicate after commas."""
    out: list[str] = []
    typed = RDF_TYPE
    subject, parts, verb, objects = None, [], None, []
    for s, p, o in triples + [(None, None, None)]:
        if s != subject or p != verb:
            if objects:
                parts.append(("a" if verb == typed else names(verb)) + " " + f",\n{indent}        ".join(objects))
            objects = []
            verb = p
        if s != subject:
            if parts:
                first = next((i for i, x in enumerate(parts) if x[:2] == "a "), 0)
                if first:  # `a` first
                    parts.insert(0, parts.pop(first))
                out.append(f"{indent}{names(subject)} " + f" ;\n{indent}    ".join(parts) + " .\n")
            subject, parts = s, []
        if o is not None:
            objects.append(names(o))
    return out


def turtle(quads: Iterable[tuple[str, str, str, str | None]]) -> bytes:
    """The union of the quads' graphs as Turtle: subjects in N-Triples order, one block each."""
    triples = sorted({(s, p, o) for s, p, o, _ in quads})
    names = _Names()
    body = _block(triples, names, "")
    return (names.prologue() + "".join("\n" + b for b in body)).encode("utf-8")


def trig(quads: Iterable[tuple[str, str, str, str | None]]) -> bytes:
    """The quads as TriG: the default graph's triples first, then each named graph in IRI order."""
    graphs: dict[str | None, set[tuple[str, str, str]]] = {}
    for s, p, o, g in quads:
        graphs.setdefault(g, set()).add((s, p, o))
    names = _Names()
    body = []
    if None in graphs:
        body += ["\n" + b for b in _block(sorted(graphs.pop(None)), names, "")]
    for g in sorted(graphs):
        block = _block(sorted(graphs[g]), names, "    ")
        body.append(f"\n{names(g)} {{\n" + "\n".join(block) + "}\n")
    return (names.prologue() + "".join(body)).encode("utf-8")
