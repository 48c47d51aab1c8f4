"""Where kg finds its ontology, facts and named queries, and where it keeps compiled graphs."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    """A data folder shipped in the wheel (kg/data/NAME) or, in a checkout, beside the package."""
    inside = PACKAGE / "data" / name
    return inside if inside.is_dir() else PACKAGE.parent / name


def ontology_dir() -> Path:
    return _shipped("ontology")


def default_facts_dir() -> Path:
    env = os.environ.get("KG_FACTS")
    return Path(env) if env else _shipped("facts")


def queries_dir() -> Path:
    return PACKAGE / "sparql" / "queries"


def default_build_dir(facts: Path) -> Path:
    """A per-fact-folder cache directory, so two curated graphs never share a build."""
    env = os.environ.get("KG_BUILD_DIR")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"
    key = hashlib.sha1(str(facts.resolve()).encode()).hexdigest()[:12]
    return base / key
