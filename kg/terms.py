"""Conversions between term models: results use pyoxigraph terms whatever engine produced them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + t for t in ("decimal", "integer", "double", "float", "int", "long", "short", "byte",
                              "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
                              "unsignedInt", "unsignedLong")}


def from_rdflib(t):
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if t is None:
        return None
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype:
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
        return ox.Literal(str(t))
    raise TypeError(f"unsupported term {t!r}")


def python_value(t):
    """A plain Python value for a term: str for IRIs and text, Decimal/int/float for numbers, dates."""
    import pyoxigraph as ox

    if t is None:
        return None
    if isinstance(t, ox.Literal):
        dt = t.datatype.value if t.datatype else None
        if dt in NUMERIC:
            try:
                d = Decimal(t.value)
                return int(d) if d == d.to_integral_value() and "." not in t.value else d
            except ArithmeticError:
                return t.value
        if dt == XSD + "date":
            try:
                return date.fromisoformat(t.value)
            except ValueError:
                return t.value
        if dt == XSD + "boolean":
            return t.value in ("true", "1")
        return t.value
    return t.value
