"""Linking: every span of a question that names something the graph or the lexicon knows.

The question is folded (NFKC, lower case, Traditional to Simplified) and cut into tokens: runs of Latin
letters and digits, and single Chinese characters, so no word segmenter is needed. Every run of up to
MAX_TOKENS tokens is looked up, joined without spaces, in one table of keys built from the graph's labels
and aliases (entities, documents, metrics, classes, properties) and the lexicon's words (classes,
properties both ways, metrics, question words, shape words, roles, units). Overlapping candidates are
kept; the reader (kg.ask.understand) chooses. Latin tokens nothing matched are compared with the Latin
keys by edit similarity (typos such as "Tencnet"), and runs of three or more Chinese characters with the
Chinese keys one character apart (homophone typos such as 企业威信).

The key table is cached in the build folder (ask-keys.json), keyed by the index and the lexicon's bytes.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kg.build.names import Index, normalize
from kg.files import cached_json
from kg.iris import PREFIX_IRIS
from kg.text.fold import has_cjk, simplified

KEYS_FILE = "ask-keys.json"
SOUNDS_FILE = "ask-sounds.json"
DOCUMENT_CLASS = "SourceDocument"
MAX_TOKENS = 40  # a plan's full Chinese title runs to 30 characters and more
SHARE = 0.5  # share of a long Chinese name a run of its characters must cover to stand for it
CLASS_FUZZY = 0.85  # lexicon words (class, role) need a closer spelling: 'serve' is not 'service'
FUZZY = 0.8  # edit similarity a Latin span needs to stand for a name it does not spell

# exactness of a match by where its key came from
LABEL, ALIAS, WORD, ID, PARTIAL, FUZZY_MATCH = 1.0, 0.95, 0.95, 0.9, 0.85, 0.8
INFLECTED = 0.97  # a word matched through its plain form


@dataclass(frozen=True)
class Target:
    """What a key names: (kind, ref, detail) with kind one of entity, document, metric, class, property,
    qword, shape, role, unit, value, filler; detail is 'fwd'/'inv' for properties, the literal for values."""

    kind: str
    ref: str
    detail: str = ""
    exact: float = LABEL


@dataclass(frozen=True)
class Span:
    start: int  # token positions
    end: int
    text: str  # the question's text of the span
    target: Target
    score: float

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass
class Tokens:
    text: str  # folded question
    tokens: list[str]
    offsets: list[tuple[int, int]]

    def surface(self, i: int, j: int) -> str:
        return self.text[self.offsets[i][0]:self.offsets[j - 1][1]]

    def is_cjk(self, i: int) -> bool:
        return has_cjk(self.tokens[i])


def fold(text: str) -> str:
    """NFKC, lower case, Simplified characters: the form questions and keys are compared in."""
    return simplified(unicodedata.normalize("NFKC", text).casefold())


def tokenize(text: str) -> Tokens:
    folded = fold(text)
    tokens, offsets = [], []
    start = None  # of the Latin/digit word being read
    for i, ch in enumerate(folded):
        if ch.isalnum() and not _cjk(ch):
            if start is None:
                start = i
            continue
        if start is not None:
            tokens.append(folded[start:i])
            offsets.append((start, i))
            start = None
        if _cjk(ch):  # each Chinese character is a token
            tokens.append(ch)
            offsets.append((i, i + 1))
    if start is not None:
        tokens.append(folded[start:])
        offsets.append((start, len(folded)))
    return Tokens(folded, tokens, offsets)


def _cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _lexicon_entries(lex) -> list[tuple[str, Target]]:
    out: list[tuple[str, Target]] = []

    def add(words: dict, kind: str, ref: str, detail: str = ""):
        for lang_words in words.values():
            for w in lang_words:
                out.append((w, Target(kind, ref, detail, WORD)))

    for name, words in lex.classes.items():
        add(words, "class", name)
    for name, pw in lex.properties.items():
        add(pw.words, "property", name, "fwd")
        add(pw.inverse, "property", name, "inv")
    for name, words in lex.metrics.items():
        add(words, "metric", name)
    for name, qw in lex.question_words.items():
        add(qw.words, "qword", name)
    for section, kind in (("shapes", "shape"), ("roles", "role"), ("units", "unit")):
        for name, words in getattr(lex, section).items():
            add(words, kind, name)
    for prop, by_value in lex.values.items():
        for value, words in by_value.items():
            add(words, "value", prop, value)
    for lang_words in (lex.filler or {}).values():
        for w in lang_words:
            out.append((w, Target("filler", "", "", WORD)))
    return out


def build_keys(index: Index, lex) -> dict[str, list[list]]:
    """normalized key -> [[kind, ref, detail, exact], ...] from the graph's names and the lexicon."""
    keys: dict[str, list[list]] = {}

    def put(key: str, t: Target):
        if not key:
            return
        entry = [t.kind, t.ref, t.detail, t.exact]
        bucket = keys.setdefault(key, [])
        for other in bucket:
            if other[:3] == entry[:3]:
                other[3] = max(other[3], t.exact)
                return
        bucket.append(entry)

    for iri, thing in index.things.items():
        kind = thing["kind"]
        if kind == "vocab":
            continue
        ref = thing.get("id", iri) if kind in ("class", "property") else iri
        detail = "fwd" if kind == "property" else ""
        for name in thing["labels"].values():
            put(normalize(name), Target(kind, ref, detail, LABEL))
        for names in thing.get("aliases", {}).values():
            for name in names:
                put(normalize(name), Target(kind, ref, detail, ALIAS))
        if thing.get("id") and kind in ("entity", "document"):
            put(normalize(thing["id"]), Target(kind, ref, detail, ID))
    for word, t in _lexicon_entries(lex):
        if t.kind == "metric":  # lexicon metric ids name the shared metrics' IRIs
            t = Target("metric", METRIC_BASE + t.ref, "", t.exact)
        put(normalize(word), t)
    return dict(sorted(keys.items()))


METRIC_BASE = PREFIX_IRIS["metric"]


def _signature(index_file: Path | None, lex) -> str:
    h = hashlib.sha1()
    for path in (index_file, lex.path):
        if path is not None and Path(path).is_file():
            h.update(Path(path).read_bytes())
    h.update(b"v2")
    return h.hexdigest()


def build_names(index: Index) -> dict[str, list[list[str]]]:
    """Each entity's names of two tokens or more, as token lists: for partial names ('the new business
    forms guideline')."""
    out: dict[str, list[list[str]]] = {}
    for iri, thing in index.things.items():
        if thing["kind"] not in ("entity", "document"):
            continue
        names = list(thing["labels"].values())
        for more in thing.get("aliases", {}).values():
            names += more
        lists = []
        for n in names:
            t = tokenize(n).tokens
            if len(t) >= 2 and t not in lists:
                lists.append(t)
        if lists:
            out[iri] = lists
    return out


def load_keys(index: Index, lex, build_path: Path | None) -> tuple[dict[str, list[list]], dict[str, list[list[str]]]]:
    """The key table and the entities' token names, from the build's cache when it matches the index and
    lexicon, else built (and cached)."""
    signature = _signature(build_path / "index.json" if build_path else None, lex)
    data = cached_json(build_path / KEYS_FILE if build_path else None, signature,
                       lambda: {"keys": build_keys(index, lex), "names": build_names(index)})
    return data["keys"], data["names"]


def load_sounds(keys: dict[str, list[list]], build_path: Path | None):
    """The SoundIndex of the Chinese names among `keys`, from the build's cache when it matches."""
    from kg.ask.sounds import SoundIndex, sound_table

    names = sorted(k for k, targets in keys.items() if 2 <= len(k) <= 8 and all("\u3400" <= c <= "\u9fff" for c in k)
                   and any(t[0] in ("entity", "metric", "document") for t in targets))
    signature = hashlib.sha1("\n".join(names).encode("utf-8")).hexdigest()
    return SoundIndex(cached_json(build_path / SOUNDS_FILE if build_path else None, signature,
                                  lambda: sound_table(names)))


def _stem(token: str) -> str:
    """An English plural's singular, roughly ('years' -> 'year'); other tokens as they are."""
    return token[:-1] if len(token) > 3 and token.endswith("s") and token.isascii() else token


def _plain_forms(token: str) -> list[str]:
    """Plain forms an English word may be inflected from ('publishes' -> 'publish', 'owned' -> 'own'), and the
    plural a misspelt one means ('citys' -> 'cities')."""
    if len(token) < 4 or not token.isascii() or not token.isalpha():
        return []
    out = []
    for end, put in (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"), ("d", ""),
                     ("ing", ""), ("ing", "e")):
        if token.endswith(end) and len(token) - len(end) >= 3:
            out.append(token[: len(token) - len(end)] + put)
    if re.search(r"[^aeiou]ys$", token):
        out.append(token[:-2] + "ies")  # 'citys', 'companys': the plural misspelt
    return list(dict.fromkeys(out))


def _one_edit(a: str, b: str) -> bool:
    """Whether a and b are one substitution, insertion, deletion or swap of neighbours apart."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:] or (a[i:i + 2] == b[i:i + 2][::-1] and a[i + 2:] == b[i + 2:])
    return a[i:] == b[i + 1:] if len(a) < len(b) else a[i + 1:] == b[i:]


class Linker:
    """Finds the spans of a question that name things (see the module docstring)."""

    def __init__(self, keys: dict[str, list[list]], names: dict[str, list[list[str]]] | None = None, sounds=None,
                 plain: frozenset[str] = frozenset()):
        self.keys = keys
        self.plain = plain  # words read elsewhere (months): never corrected into names
        self.names = names or {}
        self._sounds = sounds  # a SoundIndex, or a function giving one when first needed
        self._docs: list[tuple[int, str]] | None = None
        self._latin: list[str] | None = None
        self._cjk: dict[str, list[str]] | None = None
        self._cjk_lengths: list[int] = []
        self._by_word: dict[str, list] | None = None

    def spans(self, toks: Tokens) -> list[Span]:
        out: list[Span] = []
        n = len(toks.tokens)
        covered = [False] * n
        for i in range(n):
            key = ""
            for j in range(i + 1, min(n, i + MAX_TOKENS) + 1):
                last = toks.tokens[j - 1]
                hits = [(h, 1.0) for h in self.keys.get(key + last, ())]
                if not hits:  # 'publishes', 'issued', 'owning': the word's plain form
                    hits = [(h, INFLECTED) for v in _plain_forms(last) for h in self.keys.get(key + v, ())]
                key += last
                for (kind, ref, detail, exact), weight in hits:
                    out.append(Span(i, j, toks.surface(i, j), Target(kind, ref, detail, exact), round(exact * weight, 4)))
                    if kind not in ("filler",):
                        for k in range(i, j):
                            covered[k] = True
        out += self._numbered_documents(toks, out)
        out += self._fuzzy(toks, covered)
        out += self._partial(toks, out)
        return out

    def _numbered_documents(self, toks: Tokens, found: list[Span]) -> list[Span]:
        """'document 002', '文章002', 'the 3rd article': a number beside a word for documents names the source
        document whose id starts with it (ids open with their number, as the facts' file names do)."""
        if self._docs is None:
            self._docs = sorted({(int(m[0]), t[1]) for targets in self.keys.values() for t in targets
                                 if t[0] == "document" and (m := re.match(r"\d+", t[1].rsplit("/", 1)[-1]))})
        words = [s for s in found if s.target.kind == "class" and s.target.ref == DOCUMENT_CLASS]
        out = []
        for w in words:
            for k in (w.start - 1, w.end):
                if not (0 <= k < len(toks.tokens)) or not toks.tokens[k].isdigit() or len(toks.tokens[k]) > 4:
                    continue
                number = int(toks.tokens[k])
                hits = sorted({ref for n, ref in self._docs if n == number})
                if len(hits) == 1:
                    a, b = min(k, w.start), max(k + 1, w.end)
                    out.append(Span(a, b, toks.surface(a, b), Target("document", hits[0], "", ID), ID))
        return out

    # ---------------------------------------------------------------- partial names

    def _filler(self, token: str) -> bool:
        return any(t[0] == "filler" for t in self.keys.get(token, ()))

    def _bridge(self, token: str) -> bool:
        """A filler a partial name may run across ('s', 'the'), unless it also asks something ('does', 'is')."""
        targets = self.keys.get(token, ())
        return any(t[0] == "filler" for t in targets) and not any(t[0] in ("qword", "shape") for t in targets)

    def _partial(self, toks: Tokens, found: list[Span]) -> list[Span]:
        """Entities named by a run of the question's words all taken from one of their longer names (at
        least two words, or three Chinese characters, beyond what a whole name already matched)."""
        out: list[Span] = []
        n = len(toks.tokens)
        whole = {(s.start, s.end) for s in found if s.target.kind in ("entity", "document")}
        exact = [(s.start, s.end) for s in found if s.target.kind in ("entity", "document") and s.target.exact >= ALIAS]
        if self._by_word is None:  # word -> the names holding it, so only names sharing a word are tried
            self._by_word = {}
            for iri, lists in self.names.items():
                for name in lists:
                    for w in set(name) | {_stem(t) for t in name}:
                        self._by_word.setdefault(w, []).append((iri, name))
        tried = dict.fromkeys((iri, tuple(name)) for t in toks.tokens for iri, name in self._by_word.get(_stem(t), ()))
        for iri, name_words in tried:
            name = list(name_words)
            vocab = set(name) | {_stem(t) for t in name}
            cjk = has_cjk("".join(name))
            i = 0
            while i < n:
                if _stem(toks.tokens[i]) not in vocab or (self._filler(toks.tokens[i]) and not cjk):
                    i += 1
                    continue
                j = i
                while j < n and (_stem(toks.tokens[j]) in vocab or (not cjk and self._bridge(toks.tokens[j]))):
                    j += 1
                while j > i and self._filler(toks.tokens[j - 1]):
                    j -= 1
                words = [t for t in toks.tokens[i:j] if not self._filler(t)]
                if cjk:
                    run = toks.tokens[i:j]
                    pairs = {a + b for a, b in zip(name, name[1:])}
                    ok = (len(run) >= 3 and len(run) >= SHARE * len(name)
                          and sum(a + b in pairs for a, b in zip(run, run[1:])) >= 0.8 * (len(run) - 1))
                else:
                    content = [t for t in name if not self._filler(t)]
                    named = {t for t in words if not t.isdigit()}
                    ok = len(named) >= 2 and len(set(words)) >= 0.5 * len(set(content))
                if ok and any(a >= i and b <= j and (j - i) - (b - a) < 2 for a, b in exact):
                    ok = False  # one more word or character than a name the question spells out
                if ok and any(a < j and i < b and not (i <= a and b <= j) for a, b in exact):
                    ok = False  # cuts into a name the question spells out
                inside = [(a, b) for a, b in exact if i <= a and b <= j]
                joins = [k for k in range(i, j) if not any(a <= k < b for a, b in inside)]
                if ok and len(inside) >= 2 and all(any(t[0] == "shape" and t[1] == "or" for t in self.keys.get(toks.tokens[k], ())) for k in joins) \
                        and len(joins) < len(inside):
                    ok = False  # '钉钉与企业微信': names the question spells out and the 'or' word joining them, not a longer name
                if ok and (i, j) not in whole and len(words) < len([t for t in name if not self._filler(t)]) + 1:
                    share = len(set(words)) / max(len(set(name)), 1)
                    out.append(Span(i, j, toks.surface(i, j), Target("entity", iri, "", PARTIAL),
                                    round(PARTIAL * (0.9 + 0.1 * share), 4)))
                i = max(j, i + 1)
        # keep, per run, only the entities matching it best
        best: dict[tuple[int, int], float] = {}
        for s in out:
            best[(s.start, s.end)] = max(best.get((s.start, s.end), 0), s.score)
        return [s for s in out if s.score == best[(s.start, s.end)]]

    # ---------------------------------------------------------------- typos

    def _fuzzy(self, toks: Tokens, covered: list[bool]) -> list[Span]:
        out: list[Span] = []
        n = len(toks.tokens)
        named = ("entity", "document", "metric", "class", "role")
        for i in range(n):
            if covered[i] or toks.is_cjk(i) or len(toks.tokens[i]) < 4 or toks.tokens[i].isdigit() \
                    or self._filler(toks.tokens[i]) or toks.tokens[i] in self.plain:
                continue  # fillers and words of dates are never typos of names
            best: list[tuple[float, int, int, str]] = []
            for a, b in ((i - 1, i + 1), (i, i + 2), (i, i + 1)):  # "tencent meting", "kingsfot docs", "alipy"
                if a < 0 or b > n or any(toks.is_cjk(k) for k in range(a, b)):
                    continue
                word = "".join(toks.tokens[a:b])
                best += [(score, a, b, key) for score, key in self._close_latin(word)]
            if not best:
                continue
            top = max(x[0] for x in best)
            for score, a, b, key in best:
                if score < top:
                    continue
                for kind, ref, detail, _exact in self.keys[key]:
                    if kind in named and (kind in ("entity", "document", "metric") or score >= CLASS_FUZZY):
                        out.append(Span(a, b, toks.surface(a, b), Target(kind, ref, detail, FUZZY_MATCH),
                                        FUZZY_MATCH * score))
        # Chinese: a run of 3+ characters one character away from a name of the same length
        i = 0
        while i < n:
            if not toks.is_cjk(i) or covered[i]:
                i += 1
                continue
            j = i
            while j < n and toks.is_cjk(j) and not covered[j]:
                j += 1
            lo = max(0, i - 3)
            hi = min(n, j + 3)
            out += self._close_cjk(toks, lo, hi, i, j, covered)
            out += self._sound_alike(toks, lo, hi, i, j, covered)
            i = j
        return out

    def _sound_alike(self, toks: Tokens, lo: int, hi: int, i0: int, j0: int, covered: list[bool]) -> list[Span]:
        """Names a run of characters sounds like (a homophone typed for one of their characters in three)."""
        if self._sounds is None or all(self._filler(toks.tokens[k]) for k in range(i0, j0)):
            return []  # only filler characters are left unexplained: no name to look for
        if callable(self._sounds):
            self._sounds = self._sounds()
        out = []
        for i in range(lo, hi):
            for j in range(i + 2, min(hi, i + 8) + 1):
                if j <= i0 or i >= j0 or not all(toks.is_cjk(k) for k in range(i, j)):
                    continue
                text = "".join(toks.tokens[i:j])
                for key in self._sounds.names(text):
                    differ = [k for k, (a, b) in enumerate(zip(text, key)) if a != b]
                    if len(differ) > max(1, len(key) // 3) or not any(not covered[i + k] for k in differ):
                        continue
                    for kind, ref, detail, _e in self.keys.get(key, ()):
                        if kind in ("entity", "metric", "document"):
                            out.append(Span(i, j, toks.surface(i, j), Target(kind, ref, detail, FUZZY_MATCH),
                                            round(FUZZY_MATCH * (len(key) - len(differ)) / len(key), 4)))
        return out

    def _close_latin(self, word: str) -> list[tuple[float, str]]:
        if self._latin is None:
            # a word of four letters or fewer is too short to tell a typo from another word ('raise', 'rise')
            self._latin = [k for k in self.keys if k.isascii() and (len(k) >= 5 or " " in k and len(k) >= 4)]
        m = difflib.SequenceMatcher(autojunk=False)
        m.set_seq2(word)
        out = []
        for key in self._latin:
            if abs(len(key) - len(word)) > 2:
                continue
            m.set_seq1(key)
            if m.real_quick_ratio() >= FUZZY and m.quick_ratio() >= FUZZY:
                r = m.ratio()
                if r >= FUZZY:
                    out.append((r, key))
                    continue
            if len(word) >= 5 and _one_edit(word, key):  # a swap or slip the ratio undervalues: aliabba
                out.append((FUZZY, key))
        return sorted(out, reverse=True)[:3]

    def _close_cjk(self, toks: Tokens, lo: int, hi: int, i0: int, j0: int, covered: list[bool]) -> list[Span]:
        if self._cjk is None:  # each Chinese name of 3+ characters under every one-character blank: 腾讯会? -> 腾讯会议
            self._cjk = {}
            for k, targets in self.keys.items():
                if len(k) >= 3 and all("\u3400" <= c <= "\u9fff" for c in k) \
                        and any(t[0] in ("entity", "metric", "document") for t in targets):
                    for p in range(len(k)):
                        self._cjk.setdefault(k[:p] + "\0" + k[p + 1:], []).append(k)
            self._cjk_lengths = sorted({len(k) for ks in self._cjk.values() for k in ks})
        out = []
        for length in self._cjk_lengths:
            for i in range(lo, hi - length + 1):
                j = i + length
                if j <= i0 or i >= j0 or not all(toks.is_cjk(k) for k in range(i, j)):
                    continue
                if sum(1 for k in range(i, j) if not covered[k]) < 2:
                    continue  # one odd character next to a known name is not a typo of a longer name
                text = "".join(toks.tokens[i:j])
                for key in dict.fromkeys(k for p in range(length) for k in self._cjk.get(text[:p] + "\0" + text[p + 1:], ())):
                    if key == text:
                        continue
                    for kind, ref, detail, _e in self.keys[key]:
                        if kind in ("entity", "metric", "document"):
                            out.append(Span(i, j, toks.surface(i, j), Target(kind, ref, detail, FUZZY_MATCH),
                                            FUZZY_MATCH * (length - 1) / length))
        return out
