"""The question pipeline: read (link spans), build candidates per shape, run them, rank, decide.

    asker = Asker(index, engine, build_path)
    reply = asker.ask("Who owns Feishu?")
    reply.best.values        # ['https://w3id.org/kg-office/resource/bytedance']
    reply.alternatives       # runners-up when the best is not clearly ahead

Ranking is deterministic: how much of the question the candidate's spans explain (question word, dates
and numbers included when the candidate uses them), plus the shape's prior, minus a little for typo
matches; ties keep the order the shapes were generated in.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.ask.facts import Facts
from kg.ask.lexicon import load_lexicon
from kg.ask.link import Linker, load_keys, load_sounds
from kg.ask.shapes import Candidate, Context, candidates
from kg.ask.understand import Reading, read

CLEAR_LEAD = 0.08
ANSWERS_UNNAMED = ("lookup", "related", "role", "members")  # shapes whose answer the question does not name
AGREE = {"when": ("date",), "how_many": ("number",), "whether": ("bool",), "who": ("entity",),
         "where": ("entity",), "which": ("entity", "document")}  # how far ahead the best candidate must be to answer without showing alternatives


@dataclass
class Reply:
    question: str
    reading: Reading
    best: Candidate | None
    alternatives: list[Candidate] = field(default_factory=list)
    sparql: list[str] = field(default_factory=list)
    ranked: list[Candidate] = field(default_factory=list)  # every candidate, best first

    @property
    def values(self) -> list:
        return self.best.values if self.best else []

    @property
    def clear(self) -> bool:
        return self.best is not None and not self.alternatives


class Asker:
    def __init__(self, index, engine, build_path: Path | None = None, lexicon=None):
        self.index = index
        self.engine = engine
        self.lex = lexicon or load_lexicon(cache_dir=build_path)
        keys, names = load_keys(index, self.lex, build_path)
        months = frozenset(str(m).lower() for m in (self.lex.time_words.get("months", {}).get("en") or {}))
        self.linker = Linker(keys, names, lambda: load_sounds(keys, build_path), months)

    def read(self, question: str) -> Reading:
        return read(question, self.linker, self.lex)

    def ask(self, question: str, timeout: float | None = None) -> Reply:
        reading = self.read(question)
        facts = Facts(self.engine, timeout)
        found = candidates(Context(reading, facts, self.index, self.lex))
        for c in found:
            score(c, reading)
        found += self._coordinated(reading, facts)
        ranked = sorted(enumerate(found), key=lambda x: (-x[1].score, x[0]))
        ranked = [c for _i, c in ranked]
        best = ranked[0] if ranked else None
        alternatives = []
        if best is not None:
            seen = [best.values]
            for c in ranked[1:]:
                if best.score - c.score >= CLEAR_LEAD or len(alternatives) >= 2:
                    break
                if c.values not in seen:
                    alternatives.append(c)
                    seen.append(c.values)
        return Reply(question, reading, best, alternatives, facts.ran, ranked)


    def _coordinated(self, reading: Reading, facts: Facts) -> list[Candidate]:
        """'Who issued X and when?': one reading per question word, answered together."""
        asked = list(dict.fromkeys(s.target.ref for s in reading.qwords if s.target.ref != "which"))
        if len(asked) < 2:
            return []
        parts = []
        for q in asked:
            one = replace(reading, qwords=[s for s in reading.qwords if s.target.ref == q])
            found = candidates(Context(one, facts, self.index, self.lex))
            for c in found:
                score(c, one)
            best = max(found, key=lambda c: c.score, default=None)
            if best is None or best.shape == "card":
                return []
            parts.append(best)
        used = [s for c in parts for s in c.used] + reading.cues.get("or", [])
        both = Candidate("coordinated", [v for c in parts for v in c.values], used, max(c.prior for c in parts) + 0.05,
                         "mixed", {"parts": parts, "time": any(c.parts.get("time") for c in parts)})
        score(both, reading)
        return [both]


def score(c: Candidate, r: Reading) -> None:
    covered: set[int] = set()
    for s in c.used:
        covered |= set(range(s.start, s.end))
    if c.parts.get("time") or c.shape in ("when", "events", "comparison", "superlative", "statistic"):
        covered |= r.time_tokens()
    if c.parts.get("figure") or c.shape == "statistic":
        covered |= r.number_tokens()
    content = r.content or {0}
    c.covered = len(covered & content) / len(content)
    q = r.qword
    if q and c.answer in AGREE.get(q, ()) or q == "which" and c.shape == "statistic" and r.metrics:
        c.prior += 0.1  # 'what is the market size': a figure answers 'what' when a metric is named
    elif q in ("when", "how_many", "whether"):
        c.prior -= 0.25 if q == "when" else 0.15  # only a date says when
    if r.has("or") and len(r.entity_iris()) >= 2 and any(r.has(k) for k in ("more", "less", "earlier", "later")) \
            and c.shape not in ("comparison", "whether", "connection", "coordinated"):
        c.prior -= 0.2  # 'which has more users, A or B': a reading about one of them answers something else
    if c.shape in ANSWERS_UNNAMED and c.values and all(isinstance(v, str) for v in c.values):
        used = {s.target.ref for s in c.used}
        named = {s.target.ref for s in r.entities} - used
        if set(c.values) <= named:
            c.prior -= 0.25  # the question names the answer itself: it asks for something else
    typo = min((s.score for s in c.used if s.target.kind in ("entity", "metric", "class")), default=1.0)
    c.score = round(c.covered + c.prior - 0.2 * (1.0 - typo), 6)
