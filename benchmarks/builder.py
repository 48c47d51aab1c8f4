"""How well `kg add-source` drafts the curated facts of articles it has not seen.

    python benchmarks/builder.py --seeds ../shared/seeds            # the development set
    python benchmarks/builder.py --seeds DIR --facts facts --lexicon ontology/lexicon.yaml

For each article DIR/<stem>.txt that has curated facts (facts/documents/<stem>.yaml), a temporary facts
folder is made that holds the metrics and the entities of the *other* documents only (shared entities
named only by this article are left out, and this article's mentions are removed), `kg add-source` runs on
the article, and its draft is compared with the curated file:

  figures    an observation matches when subject, value (within 0.5 %), unit and time agree; a time agrees
             when it is equal or one is the other at a coarser precision (2017 and 2017-12-03)
  mentions   (entity, paragraph) pairs of the entities known to the temporary folder
  relations  (subject, property, value) of the curated statements and entity properties
  review     how many draft items a person has to look at

A new entity of the draft stands for a curated one when one of its names is one of the curated names
(kg.build.names.normalize). Printed per document and per language; times are wall-clock per article.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.assist.addsource import add_source  # noqa: E402
from kg.build.names import normalize  # noqa: E402

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar as text


def items(value) -> list:
    return value if isinstance(value, list) else [value]


def temp_facts(facts: Path, stem: str, into: Path) -> set[str]:
    """A facts folder without `stem`: metrics, the other documents, shared entities the others name."""
    (into / "documents").mkdir(parents=True)
    (into / "entities").mkdir()
    shutil.copy(facts / "metrics.yaml", into / "metrics.yaml")
    for doc in sorted((facts / "documents").glob("*.yaml")):
        if doc.stem != stem:
            shutil.copy(doc, into / "documents" / doc.name)
    kept = set()
    for f in sorted((facts / "entities").glob("*.yaml")):
        data = load(f)
        out = []
        for e in data.get("entities", []):
            mentions = {k: v for k, v in (e.get("mentions") or {}).items() if k != stem}
            if not mentions:
                continue
            out.append({**e, "mentions": mentions})
            kept.add(e["id"])
        (into / "entities" / f.name).write_text(yaml.safe_dump({"entities": out}, allow_unicode=True, sort_keys=False),
                                                encoding="utf-8")
    return kept


def gold_names(facts: Path) -> dict[str, str]:
    """normalized name -> curated id, over every entity of the shipped facts."""
    out = {}
    for f in sorted(facts.rglob("*.yaml")):
        data = load(f)
        if not isinstance(data, dict):
            continue
        for e in data.get("entities", []) or []:
            for key in ("name", "aliases"):
                for names in (e.get(key) or {}).values():
                    for n in items(names):
                        out.setdefault(normalize(n), e["id"])
    return out


def time_agrees(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return a == b
    return a == b or a.startswith(b) or b.startswith(a)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float]:
    return (tp / n_pred if n_pred else 1.0), (tp / n_gold if n_gold else 1.0)


def score(stem: str, facts: Path, draft: dict, kept: set[str], names: dict[str, str]) -> dict:
    gold = load(facts / "documents" / f"{stem}.yaml")
    alias = {}
    for e in draft.get("entities", []) or []:
        ids = [names.get(normalize(n)) for ns in list((e.get("name") or {}).values()) + list((e.get("aliases") or {}).values())
               for n in items(ns)]
        alias[e["id"]] = next((i for i in ids if i), e["id"])

    def same(x):
        return alias.get(x, x)

    # figures
    g_obs = gold.get("observations", []) or []
    d_obs = draft.get("observations", []) or []
    used, tp = set(), 0
    for d in d_obs:
        for i, g in enumerate(g_obs):
            if i in used:
                continue
            gv, dv = Decimal(g["value"]), Decimal(str(d["value"]))
            if same(d["subject"]) == g["subject"] and abs(gv - dv) <= abs(gv) * Decimal("0.005") and d["unit"] == g["unit"] \
                    and time_agrees(d.get("time"), g.get("time")):
                used.add(i)
                tp += 1
                break
    fig = prf(tp, len(d_obs), len(g_obs)) + (tp, len(d_obs), len(g_obs))
    # mentions
    g_m = set()
    for f in sorted((facts / "entities").glob("*.yaml")):
        for e in load(f).get("entities", []):
            if e["id"] in kept and stem in (e.get("mentions") or {}):
                g_m |= {(e["id"], int(p)) for p in items(e["mentions"][stem])}
    d_m = {(m["id"], int(p)) for m in draft.get("mentions", []) or [] for p in items(m["para"])}
    men = prf(len(g_m & d_m), len(d_m), len(g_m)) + (len(g_m & d_m), len(d_m), len(g_m))
    # relations
    skip = {"s", "para", "name", "aliases", "id", "type", "mentions"}
    g_r = set()
    for st in gold.get("statements", []) or []:
        for k, v in st.items():
            if k not in skip and not isinstance(v, dict):
                g_r |= {(st["s"], k, str(x)) for x in items(v)}
    for e in gold.get("entities", []) or []:
        for k, v in e.items():
            if k not in skip and not isinstance(v, dict):
                g_r |= {(e["id"], k, str(x)) for x in items(v)}
    d_r = set()
    for st in draft.get("statements", []) or []:
        for k, v in st.items():
            if k not in skip | {"status", "confidence", "evidence", "check"} and not isinstance(v, dict):
                d_r |= {(same(st["s"]), k, same(str(x))) for x in items(v)}
    rel = prf(len(g_r & d_r), len(d_r), len(g_r)) + (len(g_r & d_r), len(d_r), len(g_r))
    review = sum(1 for k in ("entities", "metrics", "mentions", "statements", "observations")
                 for x in draft.get(k, []) or [] if x.get("status") == "proposed")
    return {"figures": fig, "mentions": men, "relations": rel, "review": review,
            "language": gold["document"].get("language", "en")}


def row(name: str, r: dict, seconds: float | None) -> str:
    def cell(t):
        p, rec, tp, npred, ngold = t
        return f"{p * 100:5.1f} {rec * 100:5.1f} ({tp}/{npred}/{ngold})"
    sec = f"{seconds:5.2f}" if seconds is not None else "     "
    return f"| {name:<22} | {cell(r['figures']):>22} | {cell(r['mentions']):>22} | {cell(r['relations']):>20} | {r['review']:>6} | {sec} |"


def total(rows: list[dict]) -> dict:
    out = {"review": sum(r["review"] for r in rows)}
    for k in ("figures", "mentions", "relations"):
        tp, npred, ngold = (sum(r[k][i] for r in rows) for i in (2, 3, 4))
        out[k] = prf(tp, npred, ngold) + (tp, npred, ngold)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, required=True, help="folder of article texts <stem>.txt")
    ap.add_argument("--facts", type=Path, default=ROOT / "facts", help="curated facts to compare with")
    ap.add_argument("--lexicon", type=Path, default=None, help="lexicon file (default: the shipped one)")
    args = ap.parse_args()
    names = gold_names(args.facts)
    results, times = {}, {}
    for text in sorted(args.seeds.glob("*.txt")):
        stem = text.stem
        if not (args.facts / "documents" / f"{stem}.yaml").exists():
            continue
        with tempfile.TemporaryDirectory() as tmp:
            facts = Path(tmp) / "facts"
            kept = temp_facts(args.facts, stem, facts)
            t = time.perf_counter()
            added = add_source(text, facts, lexicon=args.lexicon)
            times[stem] = time.perf_counter() - t
            draft = load(added.draft)
        results[stem] = score(stem, args.facts, draft, kept, names)
    head = (f"| {'document':<22} | {'figures P R (tp/drafted/curated)':>22} | {'mentions P R':>22} | "
            f"{'relations P R':>20} | review | secs  |")
    print(head)
    print("|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|")
    for stem, r in results.items():
        print(row(f"{stem} ({r['language']})", r, times[stem]))
    for lang in ("en", "zh-Hans", "zh-Hant"):
        rows = [r for r in results.values() if r["language"] == lang]
        if rows:
            print(row(f"all {lang}", total(rows), None))
    print(row("all", total(list(results.values())), max(times.values()) if times else None))
    print("P, R in %; secs: per article (last row: the slowest)")


if __name__ == "__main__":
    main()
