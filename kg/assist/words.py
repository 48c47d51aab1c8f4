"""The builder's own words (words.yaml beside this module): date words, cue words for who states a figure,
words that mark forecasts and claims, and the shapes of new names (company suffixes, 《》 titles); and its
gazetteers of places (places.yaml) and of the market's organisations (organizations.yaml)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

WORDS_FILE = Path(__file__).with_name("words.yaml")
PLACES_FILE = Path(__file__).with_name("places.yaml")
ORGANIZATIONS_FILE = Path(__file__).with_name("organizations.yaml")


@lru_cache(maxsize=1)
def words() -> dict:
    return yaml.load(WORDS_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def places() -> list[dict]:
    """The gazetteer of places.yaml: id, names by language (en, zh-Hans, zh-Hant) and aliases of each place."""
    data = yaml.load(PLACES_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data["places"]


@lru_cache(maxsize=1)
def organizations() -> list[dict]:
    """The gazetteer of organizations.yaml: id, class, names by language and aliases of each organisation."""
    data = yaml.load(ORGANIZATIONS_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data["organizations"]
