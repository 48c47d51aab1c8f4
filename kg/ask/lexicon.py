"""The lexicon shipped with the ontology (ontology/lexicon.yaml): the words people use for its terms.

    lex = load_lexicon()
    lex.classes["Company"]["en"]          # ['company', 'companies', ...]
    lex.properties["ownedBy"].inverse     # {'en': [...], 'zh': [...]}
    lex.question_words["when"].answer     # 'date'

Sections `classes`, `properties`, `metrics` and `question_words` give words for the ontology's terms;
`roles`, `shapes`, `time_words`, `units` and `values` (words for a property's literal values, such as a
language) are further word lists the question reader uses. Chinese words are in Simplified characters
(questions are folded to Simplified before matching).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import FactError
from kg.files import cached_json
from kg.paths import ontology_dir

LEXICON_FILE = "lexicon.yaml"
CACHE_FILE = "lexicon.json"  # the parsed lexicon, kept in a build folder
LANGS = ("en", "zh")


@dataclass(frozen=True)
class PropertyWords:
    """Words for one property: asking for its object (`words`) or its subject (`inverse`)."""

    words: dict[str, list[str]]
    inverse: dict[str, list[str]]
    answer: str
    events: tuple[str, ...] = ()

    def __getitem__(self, lang: str) -> list[str]:
        return self.words.get(lang, [])


@dataclass(frozen=True)
class QuestionWord:
    words: dict[str, list[str]]
    answer: str


@dataclass
class Lexicon:
    classes: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    properties: dict[str, PropertyWords] = field(default_factory=dict)
    metrics: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    question_words: dict[str, QuestionWord] = field(default_factory=dict)
    roles: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    shapes: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    time_words: dict = field(default_factory=dict)
    units: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    values: dict[str, dict[str, dict[str, list[str]]]] = field(default_factory=dict)  # property -> value -> words
    filler: dict[str, list[str]] = field(default_factory=dict)
    answer_words: dict[str, dict[str, str]] = field(default_factory=dict)
    path: Path | None = None


def _parse(raw: bytes, path: Path):
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(raw.decode("utf-8"), Loader=loader) or {}  # noqa: S506 (a safe loader)
    except (UnicodeDecodeError, yaml.YAMLError) as e:
        raise FactError(f"cannot read the lexicon ({e.__class__.__name__})", file=str(path)) from None


def lexicon_path() -> Path:
    return ontology_dir() / LEXICON_FILE


def _words(entry, where: str) -> dict[str, list[str]]:
    if not isinstance(entry, dict):
        raise FactError(f"{where}: expected a mapping of language to a list of words")
    out = {}
    for lang in LANGS:
        words = entry.get(lang, [])
        if isinstance(words, str):
            words = [words]
        if not isinstance(words, list) or not all(isinstance(w, (str, int, float)) for w in words):
            raise FactError(f"{where}.{lang}: expected a list of words")
        out[lang] = [str(w) for w in words]
    return out


def load_lexicon(path: Path | None = None, cache_dir: Path | None = None) -> Lexicon:
    """Read the lexicon (by default the one shipped beside the ontology); FactError names a bad entry.

    With `cache_dir` (a build folder) the parsed lexicon is kept there as JSON, keyed by the file's bytes, so
    a cold question does not parse YAML."""
    path = Path(path) if path else lexicon_path()
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise FactError(f"cannot read the lexicon ({e.__class__.__name__})", file=str(path)) from None
    cache = Path(cache_dir) / CACHE_FILE if cache_dir else None
    data = cached_json(cache, hashlib.sha1(raw).hexdigest(), lambda: _parse(raw, path))
    if not isinstance(data, dict):
        raise FactError("the lexicon must be a mapping of sections", file=str(path))
    lex = Lexicon(path=path)
    for name, entry in (data.get("classes") or {}).items():
        lex.classes[name] = _words(entry, f"{path.name}: classes.{name}")
    for name, entry in (data.get("properties") or {}).items():
        where = f"{path.name}: properties.{name}"
        inverse = _words(entry.get("inverse") or {}, where + ".inverse")
        lex.properties[name] = PropertyWords(_words(entry, where), inverse, str(entry.get("answer", "Entity")),
                                             tuple(entry.get("events") or ()))
    for name, entry in (data.get("metrics") or {}).items():
        lex.metrics[name] = _words(entry, f"{path.name}: metrics.{name}")
    for name, entry in (data.get("question_words") or {}).items():
        lex.question_words[name] = QuestionWord(_words(entry, f"{path.name}: question_words.{name}"),
                                                str(entry.get("answer", "entity")))
    for section in ("roles", "shapes", "units"):
        for name, entry in (data.get(section) or {}).items():
            getattr(lex, section)[name] = _words(entry, f"{path.name}: {section}.{name}")
    for prop, entry in (data.get("values") or {}).items():
        if not isinstance(entry, dict):
            raise FactError(f"values.{prop} must map each value to its words", file=str(path))
        lex.values[prop] = {str(v): _words(words, f"{path.name}: values.{prop}.{v}") for v, words in entry.items()}
    lex.time_words = data.get("time_words") or {}
    lex.answer_words = {k: dict(v) for k, v in (data.get("answer_words") or {}).items()}
    lex.filler = _words(data.get("filler") or {}, f"{path.name}: filler")
    return lex
