"""The closest sourced facts, for a question no reading answers: a small ranked search over the names of
entities, events, claims and figures (words for Latin script, character pairs for Chinese).
"""

from __future__ import annotations

from kg.ask.link import tokenize
from kg.ask.understand import Reading


def _grams(tokens: list[str]) -> set[str]:
    out = set()
    for i, t in enumerate(tokens):
        if len(t) == 1 and "\u3400" <= t <= "\u9fff":
            if i + 1 < len(tokens) and len(tokens[i + 1]) == 1 and "\u3400" <= tokens[i + 1] <= "\u9fff":
                out.add(t + tokens[i + 1])
        elif len(t) > 2:
            out.add(t)
    return out


def closest(reading: Reading, index, limit: int = 5) -> list[tuple[str, float]]:
    """(IRI, score) of the things whose names share the most words with the question, best first."""
    asked = _grams([reading.toks.tokens[k] for k in sorted(reading.content)])
    if not asked:
        return []
    scored = []
    for iri, thing in index.things.items():
        if thing["kind"] not in ("entity", "document"):
            continue
        names = list(thing["labels"].values())
        for more in thing.get("aliases", {}).values():
            names += more
        grams = set()
        for n in names:
            grams |= _grams(tokenize(n).tokens)
        hit = len(asked & grams)
        if hit:
            scored.append((iri, round(hit / len(asked), 4)))
    scored.sort(key=lambda x: (-x[1], x[0]))
    return scored[:limit]
