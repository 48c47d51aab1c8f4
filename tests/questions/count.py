#!/usr/bin/env python3
"""Check the question set and count questions per kind x language.

Usage: python count.py [FACTS_DIR]

FACTS_DIR defaults to ../../facts relative to this file (the project layout, with this folder copied
to tests/questions/), else /work/main/facts. Only PyYAML is needed.

Checks: every *.yaml here loads with yaml.safe_load and follows the schema; ids are unique; every
entity answer is an id declared in the facts; every document answer is an existing document stem.
Prints problems (if any), then the counts table. Exit status 1 when a problem was found.
"""
import glob
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ["lookup", "listing", "statistic", "temporal", "comparison", "count",
         "superlative", "provenance", "connection"]
LANGS = ["en", "zh-Hans", "zh-Hant", "mixed"]
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
STEM_RE = re.compile(r"^\d{3}_[0-9a-f]{16}$")


def facts_dir():
    if len(sys.argv) > 1:
        return sys.argv[1]
    local = os.path.normpath(os.path.join(HERE, "..", "..", "facts"))
    return local if os.path.isdir(local) else "/work/main/facts"


def declared_ids(folder):
    """Entity ids, document stems and metric ids declared anywhere in the fact files."""
    ids, stems = set(), set()
    for path in glob.glob(os.path.join(folder, "**", "*.yaml"), recursive=True):
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
        if not isinstance(data, dict):
            continue
        for key in ("entities", "metrics"):
            for item in data.get(key) or []:
                if isinstance(item, dict) and "id" in item:
                    ids.add(str(item["id"]))
        doc = data.get("document")
        if isinstance(doc, dict) and "id" in doc:
            stems.add(str(doc["id"]))
    return ids, stems


def main():
    folder = facts_dir()
    ids, stems = declared_ids(folder)
    problems, unknown = [], set()
    table = {k: {lang: 0 for lang in LANGS} for k in KINDS}
    seen = {}
    for kind in KINDS:
        path = os.path.join(HERE, kind + ".yaml")
        if not os.path.exists(path):
            problems.append(f"{kind}.yaml: missing")
            continue
        with open(path, encoding="utf-8") as fh:
            items = yaml.safe_load(fh)
        if not isinstance(items, list):
            problems.append(f"{kind}.yaml: top level is not a list")
            continue
        for n, item in enumerate(items):
            where = f"{kind}.yaml item {n + 1}"
            if not isinstance(item, dict):
                problems.append(f"{where}: not a mapping")
                continue
            extra = set(item) - {"id", "answers", "note", "questions"}
            if extra:
                problems.append(f"{where}: unknown keys {sorted(extra)}")
            qid = item.get("id")
            if not isinstance(qid, str) or not ID_RE.match(qid):
                problems.append(f"{where}: bad id {qid!r}")
            elif qid in seen:
                problems.append(f"{where}: id {qid} already used in {seen[qid]}")
            else:
                seen[qid] = kind + ".yaml"
            answers = item.get("answers")
            if not isinstance(answers, list) or not answers:
                problems.append(f"{where} ({qid}): answers must be a non-empty list")
                answers = []
            for a in answers:
                if isinstance(a, bool) or isinstance(a, (int, float)):
                    continue
                if not isinstance(a, str):
                    problems.append(f"{where} ({qid}): answer {a!r} is not a string, number or boolean")
                elif STEM_RE.match(a):
                    if a not in stems:
                        unknown.add(a)
                        problems.append(f"{where} ({qid}): unknown document {a}")
                elif DATE_RE.match(a):
                    continue
                elif a not in ids:
                    unknown.add(a)
                    problems.append(f"{where} ({qid}): unknown id {a}")
            questions = item.get("questions")
            if not isinstance(questions, list) or not questions:
                problems.append(f"{where} ({qid}): no questions")
                questions = []
            for q in questions:
                if not isinstance(q, dict) or set(q) != {"lang", "text"}:
                    problems.append(f"{where} ({qid}): question {q!r} needs exactly lang and text")
                    continue
                if q["lang"] not in LANGS:
                    problems.append(f"{where} ({qid}): unknown lang {q['lang']!r}")
                    continue
                if not isinstance(q["text"], str) or not q["text"].strip():
                    problems.append(f"{where} ({qid}): empty question text")
                    continue
                table[kind][q["lang"]] += 1

    print(f"facts: {folder} ({len(ids)} ids, {len(stems)} documents)")
    if unknown:
        print("unknown ids: " + ", ".join(sorted(unknown)))
    else:
        print("unknown ids: none")
    for p in problems:
        print("PROBLEM: " + p)

    head = "| kind | " + " | ".join(LANGS) + " | total |"
    print()
    print(head)
    print("|" + "---|" * (len(LANGS) + 2))
    totals = {lang: 0 for lang in LANGS}
    for kind in KINDS:
        row = table[kind]
        for lang in LANGS:
            totals[lang] += row[lang]
        print(f"| {kind} | " + " | ".join(str(row[lang]) for lang in LANGS) + f" | {sum(row.values())} |")
    grand = sum(totals.values())
    print("| **total** | " + " | ".join(str(totals[lang]) for lang in LANGS) + f" | **{grand}** |")
    if grand:
        share = ", ".join(f"{lang} {100 * totals[lang] / grand:.0f}%" for lang in LANGS)
        print(f"\nitems: {len(seen)}; questions: {grand}; {share}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
