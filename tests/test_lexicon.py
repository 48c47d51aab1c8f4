"""The lexicon shipped with the ontology names every class, property and metric in English and Chinese."""

from __future__ import annotations

import re

import pytest

from kg.ask.lexicon import load_lexicon
from kg.errors import FactError
from kg.paths import ontology_dir

ONTOLOGY = (ontology_dir() / "kg.ttl").read_text(encoding="utf-8")
TERMS = re.findall(r"^kg:(\w+) a owl:(Class|ObjectProperty|DatatypeProperty)", ONTOLOGY, re.MULTILINE)
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.mark.parametrize("name", [n for n, kind in TERMS if kind == "Class"])
def test_every_class_has_english_and_chinese_words(lexicon, name):
    words = lexicon.classes.get(name)
    assert words, f"ontology/lexicon.yaml has no words for class {name}"
    assert words["en"] and words["zh"], f"class {name} needs an English and a Chinese word"


@pytest.mark.parametrize("name", [n for n, kind in TERMS if kind != "Class"])
def test_every_property_has_english_and_chinese_words_and_an_answer_type(lexicon, name):
    words = lexicon.properties.get(name)
    assert words, f"ontology/lexicon.yaml has no words for property {name}"
    assert words["en"] and words["zh"], f"property {name} needs an English and a Chinese word"
    known = {n for n, kind in TERMS if kind == "Class"} | {"Agent", "date", "number", "text", "boolean"}
    assert words.answer in known


def test_every_metric_has_english_and_chinese_words(lexicon, seed_build):
    """Each metric of the graph is named in both languages by its labels or by the lexicon's extra words."""
    from kg.build.names import Index

    index = Index.load(seed_build.path)
    metrics = {t["id"]: t for t in index.things.values() if t["kind"] == "metric"}
    assert len(metrics) > 20
    for mid, thing in metrics.items():
        names = [*thing["labels"].values(), *(a for v in thing["aliases"].values() for a in v)]
        extra = lexicon.metrics.get(mid, {})
        names += extra.get("en", []) + extra.get("zh", [])
        assert any(not CJK.search(n) for n in names), f"metric {mid} has no English word"
        assert any(CJK.search(n) for n in names), f"metric {mid} has no Chinese word"
    assert set(lexicon.metrics) <= set(metrics), "the lexicon names a metric the graph does not have"


def test_chinese_words_are_simplified(lexicon):
    """Questions are folded to Simplified before matching, so Traditional words would never match."""
    from kg.text.fold import simplified

    for section in (lexicon.classes, lexicon.metrics, lexicon.roles, lexicon.shapes):
        for name, words in section.items():
            for w in words["zh"]:
                assert simplified(w) == w, f"{name}: {w} is not in Simplified characters"


def test_question_words_carry_answer_types(lexicon):
    assert {"who", "when", "how_many", "which", "where", "whether"} <= set(lexicon.question_words)
    assert lexicon.question_words["when"].answer == "date"
    assert lexicon.question_words["how_many"].answer == "number"
    for q in lexicon.question_words.values():
        assert q.words["en"] and q.words["zh"]


def test_a_broken_lexicon_is_one_line_naming_the_file(tmp_path):
    bad = tmp_path / "lexicon.yaml"
    bad.write_text("classes:\n  Company: [company]\n", encoding="utf-8")
    with pytest.raises(FactError, match="classes.Company"):
        load_lexicon(bad)


def test_literal_values_name_a_property_of_the_ontology_in_both_languages(lexicon):
    """`values:` gives words for a property's literal values ('Chinese': sourceLanguage zh-Hans and zh-Hant)."""
    from kg.text.fold import simplified

    properties = {n for n, kind in TERMS if kind == "DatatypeProperty"}
    assert lexicon.values, "the lexicon names no literal values"
    for prop, by_value in lexicon.values.items():
        assert prop in properties, f"values.{prop} is not a datatype property of the ontology"
        for value, words in by_value.items():
            assert words["en"] and words["zh"], f"values.{prop}.{value} needs an English and a Chinese word"
            assert all(simplified(w) == w for w in words["zh"])


def test_a_values_entry_that_is_not_a_mapping_is_one_line_naming_the_file(tmp_path):
    bad = tmp_path / "lexicon.yaml"
    bad.write_text("values:\n  sourceLanguage: [english]\n", encoding="utf-8")
    with pytest.raises(FactError, match="values.sourceLanguage"):
        load_lexicon(bad)
