"""Property-based fuzzing of the fact loader (hypothesis): whatever bytes a fact file holds, the loader either
accepts them or raises kg's own errors, one line each with the file; and what it accepts, Oxigraph accepts.

CI runs a few hundred examples; maintainers run a longer search with KG_FUZZ_EXAMPLES (README, "Fuzzing").
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.build.compile import compile_dataset
from kg.build.loader import load_facts
from kg.build.ontology import load_schema
from kg.build.serialize import rdf_bytes
from kg.errors import FactError, FactErrors, KgError
from kg.paths import ontology_dir
from tests.test_loader_errors import MINI

BASE = (Path(__file__).resolve().parent / "data" / "bad-facts-base.yaml").read_text(encoding="utf-8")
EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize="KG_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SCHEMA = load_schema(ontology_dir())
FACTS = Path("/nonexistent/facts")  # the loader is given the bytes: nothing is read from disk
TEXTS = {FACTS / name: text.encode() for name, text in MINI.items() if name != "documents/d1.yaml"}

# pieces that have broken parsers before: digits of other scripts, YAML syntax, tags, huge numbers, controls
TOKENS = ["２０２０-07", "١٢", "一千", "&a", "*a", "<<", "!!python/object", "---", "...", "? ", ": ", "- ", "[", "]",
          "{", "}", "'", '"', "\\x00", "\\u0053", "\t", "\r", "\x00", "\x07", "\x85", "\u2028", "\ufeff", "\ud7ff",
          "9" * 5000, "1e99999", "NaN", "-0", "0.", "en-US-US", "zh-Hans-Hans", "en-12", "x-", "i-klingon",
          "Person", "[Person]", "[[Person]]", "acme", "users", "person", "2021-02-29", "0", "00", "+1"]
text_piece = st.one_of(st.sampled_from(TOKENS), st.text(max_size=12))


def load(data: bytes):
    """Load MINI's shared files and `data` as a document file; compile what is accepted."""
    try:
        facts = load_facts(FACTS, SCHEMA, {**TEXTS, FACTS / "documents" / "bad.yaml": data})
    except FactErrors as e:
        for err in e.errors:
            assert isinstance(err, FactError) and err.file and "\n" not in str(err), repr(err)
        return
    except KgError as e:
        assert "\n" not in str(e)
        return
    nquads = rdf_bytes(compile_dataset(facts, SCHEMA.graph), "nquads")
    list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))  # every literal and language tag is one a store takes


@FUZZ
@given(pos=st.integers(0, len(BASE.encode())), cut=st.integers(0, 8), insert=st.lists(text_piece, max_size=4))
def test_edits_of_a_valid_file_give_only_kg_errors(pos, cut, insert):
    data = BASE.encode()
    load(data[:pos] + "".join(insert).encode("utf-8", "surrogatepass") + data[pos + cut:])


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_only_kg_errors(data):
    load(data)


values = st.recursive(text_piece | st.none() | st.integers() | st.floats() | st.booleans(),
                      lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text_piece, inner, max_size=3),
                      max_leaves=8)


@FUZZ
@given(path=st.lists(st.integers(0, 50), min_size=1, max_size=4), value=values)
def test_any_value_anywhere_gives_only_kg_errors(path, value):
    """Replace one node of the valid file's tree (found by walking `path`) with any YAML value."""
    tree = yaml.safe_load(BASE)
    parent, key = None, None
    node = tree
    for step in path:
        if isinstance(node, dict) and node:
            parent, key = node, sorted(node)[step % len(node)]
        elif isinstance(node, list) and node:
            parent, key = node, step % len(node)
        else:
            break
        node = parent[key]
    if parent is None:
        return
    parent[key] = value
    load(yaml.safe_dump(tree, allow_unicode=True).encode())


@pytest.mark.parametrize("tag", ["en", "zh-Hans", "zh-Hant", "en-GB", "zh-CN", "es-419", "de-CH-1996", "sl-rozaj-biske",
                                 "en-US-u-ca-gregory", "x-private", "i-klingon", "zh-min-nan", "qaa", "zh-yue-HK"])
def test_well_formed_language_tags_are_accepted(tag):
    from kg.build.langtags import problem

    assert problem(tag) is None


@pytest.mark.parametrize("tag", ["en-US-US", "zh-Hans-Hans", "en-12", "e", "en-", "en--GB", "en-abcdefghi", "zh_Hans",
                                 "de-1901-1901", "en-a-bb-a-cc", "zh-abc-def-ghi-jkl", "12", "ｅｎ", "en US", ""])
def test_ill_formed_language_tags_are_refused(tag):
    from kg.build.langtags import problem

    assert problem(tag)


@FUZZ
@given(st.from_regex(r"[A-Za-z]{1,9}(-[A-Za-z0-9]{1,9}){0,5}", fullmatch=True))
def test_a_language_tag_the_loader_accepts_is_one_oxigraph_accepts(tag):
    from kg.build.langtags import problem

    if problem(tag) is None:
        ox.Literal("x", language=tag)  # raises ValueError on a tag Oxigraph cannot store
