"""Provenance you can read: the text of a cited paragraph, when the article is kept in the facts folder
(sources/<stem>.txt, written by `kg add-source`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg.assist.source import SOURCES, paragraphs


@lru_cache(maxsize=64)
def _paragraphs(path: Path, mtime: float) -> tuple[str, ...]:
    return tuple(p.text.strip() for p in paragraphs(path.read_text(encoding="utf-8")))


def cited_paragraph(facts_dir: Path, stem: str, para: int) -> str | None:
    """Paragraph `para` of the source `stem`, or None when its text is not in the facts folder."""
    path = Path(facts_dir) / SOURCES / f"{stem}.txt"
    try:
        paras = _paragraphs(path, path.stat().st_mtime)
    except (OSError, UnicodeDecodeError):
        return None
    return paras[para - 1] if 0 < para <= len(paras) else None
