"""`kg add-source`: register an article in a facts folder (sources/<stem>.txt) and write its draft
(drafts/<stem>.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.assist.draft import draft_article, render
from kg.assist.source import LANGUAGES, SOURCES, read_article, read_text
from kg.errors import DraftError, EnvironmentProblem
from kg.files import write_atomic

DRAFTS = "drafts"
DOCUMENTS = "documents"
STEM_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Added:
    stem: str
    source: Path
    draft: Path
    language: str
    title: str | None
    date: str | None
    paragraphs: int
    counts: dict[str, int]


def draft_path(facts_dir: Path, stem: str) -> Path:
    return facts_dir / DRAFTS / f"{stem}.yaml"


def source_path(facts_dir: Path, stem: str) -> Path:
    return facts_dir / SOURCES / f"{stem}.txt"


def add_source(file: Path, facts_dir: Path, stem: str | None = None, title: str | None = None, date: str | None = None,
               language: str | None = None, publisher: str | None = None, force: bool = False,
               lexicon: Path | None = None) -> Added:
    """Copy `file` into the facts folder and write the draft of its facts; DraftError for bad options."""
    stem = stem or Path(file).stem
    if not STEM_RE.match(stem):
        raise DraftError(f"--id {stem!r} is not a usable file stem (letters, digits, '_', '.', '-')")
    if date and not DATE_RE.match(date):
        raise DraftError(f"--date {date!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    if language and language not in LANGUAGES:
        raise DraftError(f"--language {language!r} is not one of {', '.join(LANGUAGES)}")
    if publisher and not ID_RE.match(publisher):
        raise DraftError(f"--publisher {publisher!r} is not an id (lower-case words joined by hyphens, e.g. china-daily)")
    if not Path(facts_dir).is_dir():
        raise DraftError(f"facts folder not found: {facts_dir}")
    if (facts_dir / DOCUMENTS / f"{stem}.yaml").exists() and not force:
        raise DraftError(f"documents/{stem}.yaml exists already: choose another --id, or --force to draft it again")
    draft = draft_path(facts_dir, stem)
    if draft.exists() and not force:
        raise DraftError(f"{DRAFTS}/{stem}.yaml exists already (review it with `kg review {stem}`), or --force to start over")
    text = read_text(Path(file))
    article = read_article(text, stem)
    sections = draft_article(article, facts_dir, {"title": title, "date": date, "language": language,
                                                  "publisher": publisher}, lexicon)
    source = source_path(facts_dir, stem)
    try:
        source.parent.mkdir(parents=True, exist_ok=True)
        draft.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(source, text.encode("utf-8"))
        write_atomic(draft, render(stem, sections).encode("utf-8"))
    except OSError as e:
        raise EnvironmentProblem(f"cannot write into {facts_dir}: {e.strerror or e}") from None
    counts = {k: len(v) for k, v in sections.items() if isinstance(v, list)}
    doc = sections["document"]
    return Added(stem, source, draft, doc["language"], (doc.get("title") or {}).get(doc["language"]), doc.get("date"),
                 len(article.paragraphs), counts)
