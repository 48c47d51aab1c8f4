"""Answers as people read them, without rich: display strings for terms, rows of them, and csv, tsv,
json or markdown text. Shared by the CLI (kg.cli.render) and the notebook DataFrames (kg.frames).
"""

from __future__ import annotations

OUTPUT_FORMATS = ("table", "csv", "tsv", "json", "md", "nt", "turtle")
XSD = "http://www.w3.org/2001/XMLSchema#"


def display(term, index, lang: str = "en", pretty: bool = True) -> str:
    """A term as a person reads it: labels for IRIs (file stems for documents), plain literal values."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        thing = index.things.get(term.value)
        if thing and thing["kind"] == "document":
            return thing["id"]
        return index.label(term.value, lang) or prefixed(term.value)
    if isinstance(term, ox.Literal):
        if pretty and term.datatype is not None and term.datatype.value in (XSD + "decimal", XSD + "integer"):
            return _group_digits(term.value)
        return term.value
    return str(term)


def _group_digits(text: str) -> str:
    whole, dot, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("+-")
    return f"{sign}{int(whole):,}{dot}{frac}" if whole.isdigit() else text


def prefixed(iri: str) -> str:
    from kg.iris import PREFIX_IRIS

    for prefix, ns in PREFIX_IRIS.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def plain_row(row, index, lang: str = "en") -> list:
    """One row's values for csv, tsv and json: numbers stay numbers, IRIs and labels as `display` gives them."""
    import pyoxigraph as ox

    from kg.terms import python_value

    out = []
    for t in row:
        if isinstance(t, ox.Literal):
            v = python_value(t)
            out.append(v if isinstance(v, (int, float)) else str(v) if v is not None else "")
        else:
            out.append(display(t, index, lang, False))
    return out


def records(answer, index, lang: str = "en", pretty: bool = True) -> tuple[list[str], list[list]]:
    """Column names and rows of display values (numbers stay numbers unless pretty)."""
    names = list(answer.columns)
    merge = pretty and {"document", "paragraph"} <= set(names)
    cols = [c.replace("_", " ") for c in names]
    rows = []
    for row in answer.rows:
        if not pretty:
            out = plain_row(row, index, lang)
        else:
            out = [display(t, index, lang, pretty) for t in row]
        if merge:  # one "source" column (document#pN) instead of two
            d, p = names.index("document"), names.index("paragraph")
            out[d] = f"{out[d]}#p{out[p]}" if out[p] else out[d]
            del out[p]
        if pretty and "value" in names and "unit" in names:
            v, u = names.index("value"), names.index("unit")
            q = names.index("qualifier") if "qualifier" in names else None
            out[v] = " ".join(x for x in ((out[q] if q is not None else ""), out[v], out[u]) if x)
            for i in sorted((u, q) if q is not None else (u,), reverse=True):
                out[i] = None
            out = [x for x in out if x is not None]
        rows.append(out)
    if merge:
        cols[names.index("document")] = "source"
        del cols[names.index("paragraph")]
    if pretty and "value" in names and "unit" in names:
        drop = {"unit", "qualifier"}
        cols = [c for c in cols if c not in drop]
    if answer.sources is not None and not merge:
        cols.append("sources")
        for out, cites in zip(rows, answer.sources):
            out.append("; ".join(cites))
    return cols, rows


def triples_text(triples, fmt: str = "nt") -> str:
    """CONSTRUCT / DESCRIBE triples as N-Triples, one sorted line each (never wrapped), or as Turtle with kg's
    prefixes."""
    lines = {f"{s} {p} {o} .\n": (s, p, o) for s, p, o in triples}
    if fmt != "turtle":
        return "".join(sorted(lines))
    import pyoxigraph as ox

    from kg.iris import PREFIX_IRIS

    ordered = (ox.Triple(*lines[line]) for line in sorted(lines))
    return ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIX_IRIS)).decode("utf-8")


def answer_text(answer, index, fmt: str, lang: str = "en") -> str:
    """csv, tsv, json or md text of a table answer (or of an ASK / CONSTRUCT answer: nt or turtle)."""
    import csv
    import io
    import json
    from decimal import Decimal

    if answer.kind == "boolean":
        value = answer.result.boolean
        return json.dumps({"answer": value}) + "\n" if fmt == "json" else f"{'yes' if value else 'no'}\n"
    if answer.kind == "triples":
        return triples_text(answer.result.triples, "turtle" if fmt == "turtle" else "nt")
    cols, rows = records(answer, index, lang, pretty=fmt == "md")
    if fmt == "json":
        def plain(v):
            return int(v) if isinstance(v, Decimal) and v == v.to_integral_value() else float(v) if isinstance(v, Decimal) else v
        table = [dict(zip(cols, map(plain, r))) for r in rows]
        if getattr(answer, "line", ""):  # a question: the answer, its interpretation and the rows behind it
            out = {"answer": answer.line, "understood_as": answer.understood, "other_readings": answer.alternatives,
                   "rows": table, "explain": answer.explanation, "sparql": answer.sparql}
            return json.dumps(out, ensure_ascii=False, indent=1) + "\n"
        return json.dumps(table, ensure_ascii=False, indent=1) + "\n"
    if fmt == "md":
        esc = lambda v: str(v).replace("|", "\\|")  # noqa: E731
        lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        lines += ["| " + " | ".join(esc(v) for v in r) + " |" for r in rows]
        return "\n".join(lines) + "\n"
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writerow(cols)
    writer.writerows(rows)
    return buf.getvalue()
