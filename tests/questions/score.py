"""Score kg's question answering on the development set the QALD way: answer-set precision, recall, F1.

    python tests/questions/score.py            # table per kind and per language
    python tests/questions/score.py --fails    # also every question whose F1 < 1, with what kg answered
    python tests/questions/score.py --set DIR  # another set in the same files and schema (a held-out set)

Each question's expected answers (entity ids, document stems, numbers, ISO dates, true/false) are compared
with the answer set of kg's best interpretation (kg.ask). Macro-averaged per kind and language.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
KINDS = ["lookup", "listing", "statistic", "temporal", "comparison", "count", "superlative", "provenance",
         "connection"]
LANGS = ["en", "zh-Hans", "zh-Hant", "mixed"]


def normal(value) -> str:
    """An answer as a comparable string: ids by local name, numbers without trailing zeros, dates as text."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        f = float(value)
        return str(int(f)) if f == int(f) else repr(round(f, 6))
    text = str(getattr(value, "value", value))
    if text.startswith("http"):
        return text.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    try:
        f = float(text)
        return str(int(f)) if f == int(f) else repr(round(f, 6))
    except ValueError:
        return text


def prf(expected: set[str], got: set[str]) -> tuple[float, float, float]:
    if not expected and not got:
        return 1.0, 1.0, 1.0
    if not got or not expected:
        return 0.0, 0.0, 0.0
    tp = len(expected & got)
    p, r = tp / len(got), tp / len(expected)
    return p, r, (2 * p * r / (p + r) if tp else 0.0)


def items(folder: Path = HERE):
    for kind in KINDS:
        path = folder / f"{kind}.yaml"
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or []) if path.exists() else []:
            for q in item["questions"]:
                yield kind, item, q


def evaluate(answer, folder: Path = HERE):
    """answer(text) -> iterable of values; returns rows (kind, lang, id, text, expected, got, p, r, f)."""
    out = []
    for kind, item, q in items(folder):
        expected = {normal(v) for v in item["answers"]}
        try:
            got = {normal(v) for v in answer(q["text"])}
        except Exception as e:  # a failure to answer scores zero, and is shown
            got = {f"<{e.__class__.__name__}: {e}>"}
        p, r, f = prf(expected, got)
        out.append((kind, q["lang"], item["id"], q["text"], expected, got, p, r, f))
    return out


def table(rows) -> str:
    def cell(sel):
        fs = [x for x in rows if sel(x)]
        if not fs:
            return "-"
        return f"{sum(x[8] for x in fs) / len(fs):.2f}"

    lines = ["| kind | " + " | ".join(LANGS) + " | all | n |", "|---" * (len(LANGS) + 3) + "|"]
    for kind in KINDS:
        n = sum(1 for x in rows if x[0] == kind)
        lines.append(f"| {kind} | " + " | ".join(cell(lambda x, k=kind, lg=lg: x[0] == k and x[1] == lg) for lg in LANGS)
                     + f" | {cell(lambda x, k=kind: x[0] == k)} | {n} |")
    lines.append("| **all** | " + " | ".join(cell(lambda x, lg=lg: x[1] == lg) for lg in LANGS)
                 + f" | **{cell(lambda x: True)}** | {len(rows)} |")
    p = sum(x[6] for x in rows) / len(rows)
    r = sum(x[7] for x in rows) / len(rows)
    lines.append(f"\nmacro P {p:.3f}  R {r:.3f}  F1 {sum(x[8] for x in rows) / len(rows):.3f}  over {len(rows)} questions")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fails", action="store_true")
    ap.add_argument("--kind")
    ap.add_argument("--set", type=Path, default=HERE, help="folder of <kind>.yaml files (default: this one)")
    args = ap.parse_args(argv)
    import kg

    g = kg.open()
    rows = evaluate(lambda text: g.ask(text).values, args.set)
    if args.kind:
        rows = [x for x in rows if x[0] == args.kind]
    if args.fails:
        for kind, lang, qid, text, exp, got, _p, _r, f in rows:
            if f < 1:
                print(f"{f:.2f} [{kind}/{lang}] {qid}: {text}\n     want {sorted(exp)}\n     got  {sorted(got)[:8]}")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
