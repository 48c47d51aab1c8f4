"""Answers as pandas DataFrames: one column per SPARQL variable, typed where the data is.

    >>> import kg
    >>> df = kg.query("figures of DingTalk")
    >>> df[["time", "metric", "value", "unit", "document", "paragraph"]].head(2)
    >>> df.dtypes["value"], df.dtypes["paragraph"]
    (Int64Dtype(), Int64Dtype())

How terms become cells (column by column):
  * IRIs become labels in the chosen language; source documents become their file stems. With
    ``iris=True`` a column ``<name>_iri`` next to each such column keeps the full IRIs.
  * Numbers (xsd:integer, xsd:decimal, ...): ``Int64`` (nullable) when every value is whole,
    ``float64`` when any has a fraction.
  * xsd:date: ``datetime64`` when every value of the column is a date.
  * xsd:gYear and xsd:gYearMonth stay ISO strings ("2020", "2020-02"). A year is not a day, and one
    column often mixes years, months and days, which no pandas dtype holds without inventing
    precision (a Period column has one frequency). `start_dates` gives the first day of each period,
    for plotting and sorting.
  * xsd:boolean: ``boolean``. Anything else (names, text, a mix of kinds): strings.
  * Unbound values are missing (``<NA>``, ``NaT``, ``NaN``).

Column names are the variable names (``stated_by``, ``parent_company``). ``df.attrs`` keeps the
answer's ``title`` and the ``sparql`` that ran. With sources asked for, a ``sources`` column lists
``document#pN`` citations, separated by "; ".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.errors import EnvironmentProblem

if TYPE_CHECKING:
    import pandas as pd

XSD = "http://www.w3.org/2001/XMLSchema#"


def pandas():
    """The pandas module, or EnvironmentProblem saying how to install it."""
    try:
        import pandas
    except ImportError:
        raise EnvironmentProblem("DataFrames need pandas: pip install 'kg[notebook]' (or pip install pandas)") from None
    return pandas


def answer_frame(answer, index, *, lang: str = "en", iris: bool = False) -> pd.DataFrame:
    """A DataFrame of a kg.graph.Answer: a table, a path's hops, triples, a yes/no, or a card's facts
    (``direction`` "out" when the entity is the subject; its figures come with "figures of <entity>").

    `index` (kg.build.names.Index) turns IRIs into labels in `lang` (en, zh, zh-Hans, zh-Hant).
    """
    import pyoxigraph as ox

    pd = pandas()
    columns, rows = _table(answer)
    data = {}
    for i, name in enumerate(columns):
        terms = [row[i] for row in rows]
        data[name] = _column(terms, index, lang)
        if iris and any(isinstance(t, ox.NamedNode) for t in terms):
            data[f"{name}_iri"] = pd.array([t.value if isinstance(t, ox.NamedNode) else None for t in terms],
                                           dtype="string")
    if answer.sources is not None:
        data["sources"] = pd.array(["; ".join(cites) for cites in answer.sources], dtype="string")
    df = pd.DataFrame(data, index=pd.RangeIndex(len(rows)))
    df.attrs.update(title=answer.title, sparql=list(answer.sparql))
    return df


def _table(answer) -> tuple[list[str], list[tuple]]:
    import pyoxigraph as ox

    if answer.kind == "boolean":
        return ["answer"], [(ox.Literal("true" if answer.result.boolean else "false",
                                        datatype=ox.NamedNode(XSD + "boolean")),)]
    if answer.kind == "triples":
        return ["subject", "predicate", "object"], [tuple(t) for t in answer.result.triples]
    if answer.kind == "path":
        yes_no = {b: ox.Literal(str(b).lower(), datatype=ox.NamedNode(XSD + "boolean")) for b in (True, False)}
        return ["source", "predicate", "target", "forward"], [
            (ox.NamedNode(h.source), ox.NamedNode(h.predicate), ox.NamedNode(h.target), yes_no[h.forward])
            for h in answer.path or []]
    if answer.kind == "card":
        return ["direction", "relation", "other", "document", "paragraphs"], [
            (ox.Literal(direction), ox.NamedNode(relation), other, ox.NamedNode(document), ox.Literal(paragraphs))
            for direction, relation, other, document, paragraphs in answer.card.facts]
    return list(answer.columns), list(answer.rows)


def _kind(value) -> str:
    """integer, decimal, date, boolean or other, from a python_value."""
    from datetime import date
    from decimal import Decimal

    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, Decimal):
        return "decimal"
    return "date" if isinstance(value, date) else "other"


def _column(terms: list, index, lang: str):
    """One column's cells, with the dtype its values allow (see the module docstring)."""
    from kg.present import display
    from kg.terms import python_value

    pd = pandas()
    values = [python_value(t) for t in terms]
    kinds = {_kind(v) for v in values if v is not None}
    if kinds == {"integer"}:
        return pd.array(values, dtype="Int64")
    if kinds == {"integer", "decimal"} or kinds == {"decimal"}:
        return pd.array([float(v) if v is not None else None for v in values], dtype="float64")
    if kinds == {"date"}:
        return pd.to_datetime(pd.Series(values, dtype=object)).array
    if kinds == {"boolean"}:
        return pd.array(values, dtype="boolean")
    return pd.array([display(t, index, lang, pretty=False) if t is not None else None for t in terms], dtype="string")


def start_dates(values) -> pd.Series:
    """The first day of each ISO year, year-month or date ("2020" -> 2020-01-01), as datetime64.

        >>> kg.frames.start_dates(pd.Series(["2020", "2020-02", "2021-08-31"]))
        0   2020-01-01
        1   2020-02-01
        2   2021-08-31
        dtype: datetime64[us]
    """
    pd = pandas()
    s = pd.Series(values)
    if pd.api.types.is_datetime64_any_dtype(s):
        return s
    text = s.astype("string").str.strip()
    full = text.where(text.str.len() != 4, text + "-01-01")
    full = full.where(full.str.len() != 7, full + "-01")
    return pd.to_datetime(full, format="%Y-%m-%d", errors="coerce")


def centrality_frame(result) -> pd.DataFrame:
    """A kg.network.analysis.CentralityResult as a DataFrame: label, class, iri and one float column per metric,
    best first. ``attrs`` keeps ``sort_by``, ``approximate`` and ``notes``."""
    pd = pandas()
    df = pd.DataFrame({
        "label": pd.array([r.label for r in result.rows], dtype="string"),
        "class": pd.array([r.cls for r in result.rows], dtype="string"),
        "iri": pd.array([r.iri for r in result.rows], dtype="string"),
        **{m: pd.array([r.scores[m] for r in result.rows], dtype="float64") for m in result.metrics},
    })
    df.attrs.update(sort_by=result.sort_by, approximate=result.approximate, notes=list(result.notes))
    return df
