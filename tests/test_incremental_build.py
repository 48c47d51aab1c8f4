"""Incremental builds: after any sequence of edits, each followed by a build that reuses the previous one, the
build is byte for byte what `kg build --force` makes from scratch (graph.nq, index.json, the stats)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.build.loader import load_facts
from kg.build.names import INDEX_FILE
from kg.build.pipeline import GRAPH_FILE, ensure_built
from kg.errors import FactErrors
from tests.conftest import FACTS

NAME = re.compile(r"name: \{en: ([^,}]+)")
VALUE = re.compile(r"(\n    value: )([0-9.]+)\n")


def spots(folder: Path, kind: str) -> list[tuple[Path, int, int]]:
    """(file, start, end) of every English name (`name`) or observation value (`value`) in the fact files."""
    pattern, group = (NAME, 1) if kind == "name" else (VALUE, 2)
    files = sorted(folder.rglob("*.yaml")) if kind == "name" else sorted((folder / "documents").glob("*.yaml"))
    return [(path, m.start(group), m.end(group)) for path in files
            for m in pattern.finditer(path.read_text(encoding="utf-8"))]


def apply(folder: Path, edit: tuple[str, int, str]) -> None:
    """Rename an entity (its English name) or change an observation's value."""
    kind, pick, text = edit
    found = spots(folder, kind)
    path, start, end = found[pick % len(found)]
    body = path.read_text(encoding="utf-8")
    path.write_text(body[:start] + text + body[end:], encoding="utf-8")


def snapshot(build) -> dict:
    import pyoxigraph as ox

    dump = ox.Store.read_only(str(build.store_path)).dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    store = sorted(re.sub(r"_:\S+", "_:b", line) for line in dump.splitlines())  # a load names blank nodes anew
    return {"graph": (build.path / GRAPH_FILE).read_bytes(), "index": (build.path / INDEX_FILE).read_bytes(),
            "stats": json.dumps(build.stats, sort_keys=True), "store": store}


EDITS = st.lists(st.one_of(
    st.tuples(st.just("name"), st.integers(0, 200), st.text("ABCXYZ abc", min_size=3, max_size=8).map(lambda t: "Q" + t.strip() + "q")),
    st.tuples(st.just("value"), st.integers(0, 200), st.integers(1, 10**9).map(str)),
), min_size=1, max_size=3)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS)
def test_edits_then_incremental_builds_equal_a_build_from_scratch(tmp_path_factory, edits):
    work = tmp_path_factory.mktemp("edits")
    facts, builds = work / "facts", work / "build"
    shutil.copytree(FACTS, facts)
    ensure_built(facts, builds)
    for edit in edits:
        apply(facts, edit)
        try:
            incremental = ensure_built(facts, builds)
        except FactErrors:  # an edit the facts refuse (a duplicate name...): a build from scratch refuses it too
            with pytest.raises(FactErrors):
                ensure_built(facts, work / "scratch", force=True)
            return
    scratch = ensure_built(facts, work / "scratch", force=True)
    assert snapshot(incremental) == snapshot(scratch)
    assert incremental.path.name == scratch.path.name  # the same inputs


def test_an_incremental_build_updates_only_the_graphs_an_edit_feeds(tmp_path):
    facts = tmp_path / "facts"
    shutil.copytree(FACTS, facts)
    first = ensure_built(facts, tmp_path / "b")
    doc = facts / "documents" / "001_5cd2286e9a92c80c.yaml"
    body = doc.read_text(encoding="utf-8")
    doc.write_text(body.replace("value: 381000000", "value: 381000001", 1), encoding="utf-8")
    second = ensure_built(facts, tmp_path / "b")
    before, after = first.manifest["graph_digests"], second.manifest["graph_digests"]
    assert [g for g in after if after[g] != before.get(g)] == ["https://w3id.org/kg-office/source/001_5cd2286e9a92c80c"]
    assert b'"381000001"' in (second.path / GRAPH_FILE).read_bytes()


def test_an_incremental_build_keeps_the_data_files_graphs_in_its_store(tmp_path):
    facts = tmp_path / "facts"
    shutil.copytree(FACTS, facts)
    (facts / "data").mkdir()
    (facts / "data" / "extra.nt").write_text(
        "<https://w3id.org/kg-office/resource/bench-suite> <http://www.w3.org/2000/01/rdf-schema#label> \"Bench\"@en .\n",
        encoding="utf-8")
    ensure_built(facts, tmp_path / "b")
    apply(facts, ("value", 3, "12345"))
    incremental, scratch = ensure_built(facts, tmp_path / "b"), ensure_built(facts, tmp_path / "scratch", force=True)
    assert snapshot(incremental) == snapshot(scratch)
    assert incremental.manifest["data_graphs"] == scratch.manifest["data_graphs"] == ["https://w3id.org/kg-office/data/data/extra"]


def test_a_shape_violation_is_found_by_an_incremental_build_as_from_scratch(tmp_path):
    facts = tmp_path / "facts"
    shutil.copytree(FACTS, facts)
    ensure_built(facts, tmp_path / "b")
    doc = facts / "documents" / "000_a3adda4dcaacb95c.yaml"
    body = doc.read_text(encoding="utf-8")
    doc.write_text(body.replace("statements:\n", "statements:\n  - s: dingtalk\n    para: 4\n    ownedBy: miao-rong\n\n", 1),
                   encoding="utf-8")
    messages = []
    for build_dir, force in ((tmp_path / "b", False), (tmp_path / "scratch", True)):
        with pytest.raises(FactErrors) as e:
            ensure_built(facts, build_dir, force=force)
        messages.append([str(x) for x in e.value.errors])
    assert messages[0] == messages[1] and "Value does not have class kg:Organization" in messages[0][0]


def _edit_checks(tmp_path, monkeypatch, old: str, new: str) -> tuple[list, object]:
    """Build, replace `old` by `new` in a fact file, build incrementally; the focus validations run, and the
    incremental build (or its errors) next to a build from scratch's."""
    from kg.build import pipeline

    facts = tmp_path / "facts"
    shutil.copytree(FACTS, facts)
    ensure_built(facts, tmp_path / "b")
    doc = facts / "documents" / "002_c60f5f8123234b95.yaml"
    doc.write_text(doc.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    calls = []
    check = pipeline._check_changes
    monkeypatch.setattr(pipeline, "_check_changes", lambda *a: calls.append(a) or check(*a))
    results = []
    for build_dir, force in ((tmp_path / "b", False), (tmp_path / "scratch", True)):
        try:
            results.append(snapshot(ensure_built(facts, build_dir, force=force)))
        except FactErrors as e:
            results.append([str(x) for x in e.errors])
    return calls, results


def test_a_renamed_label_is_not_validated_again_and_equals_a_build_from_scratch(tmp_path, monkeypatch):
    calls, (incremental, scratch) = _edit_checks(tmp_path, monkeypatch, "{en: Kingsoft Office,", "{en: Kingsoft Office 2,")
    assert calls == [] and incremental == scratch


@pytest.mark.parametrize(("old", "new"), [
    ("{en: Kingsoft Office, zh-Hans: 金山办公,", "{en: Kingsoft Office, ja: 金山办公,"),  # another language
    ("{en: Kingsoft Office, zh-Hans: 金山办公,", "{en: Kingsoft Office,"),  # a label fewer
])
def test_a_label_changing_language_or_count_is_validated_again(tmp_path, monkeypatch, old, new):
    calls, (incremental, scratch) = _edit_checks(tmp_path, monkeypatch, old, new)
    assert len(calls) == 1 and incremental == scratch


def test_an_incremental_build_parses_only_the_edited_fact_file_and_not_the_ontology(tmp_path, monkeypatch):
    from kg.build import ontology, yamlsource

    facts = tmp_path / "facts"
    shutil.copytree(FACTS, facts)
    ensure_built(facts, tmp_path / "b")
    apply(facts, ("name", 5, "Qrenamedq"))
    parsed, schemas = [], []
    parse, load = yamlsource.parse_yaml, ontology.load_schema
    monkeypatch.setattr(yamlsource, "parse_yaml", lambda data, shown: parsed.append(shown) or parse(data, shown))
    monkeypatch.setattr(ontology, "load_schema", lambda d: schemas.append(d) or load(d))
    incremental = ensure_built(facts, tmp_path / "b")
    # the file `apply` edited: its bytes differ from the shipped copy's
    edited = [p.relative_to(tmp_path).as_posix() for p in sorted(facts.rglob("*.yaml"))
              if p.read_bytes() != (FACTS / p.relative_to(facts)).read_bytes()]
    assert parsed == edited and schemas == []
    monkeypatch.undo()
    assert snapshot(incremental) == snapshot(ensure_built(facts, tmp_path / "scratch", force=True))


@pytest.mark.parametrize("damage", ["not json", '{"schema": 1, "trees": []}', '{"trees": {"x": [1, 2, 3]}}', None])
def test_a_damaged_or_missing_sources_cache_gives_the_same_build(tmp_path, damage):
    from kg.build.pipeline import SOURCES_FILE

    facts = tmp_path / "facts"
    shutil.copytree(FACTS, facts)
    first = ensure_built(facts, tmp_path / "b")
    cache = first.path / SOURCES_FILE
    if damage is None:
        cache.unlink()
    else:
        cache.write_text(damage, encoding="utf-8")
    apply(facts, ("value", 2, "424242"))
    incremental = ensure_built(facts, tmp_path / "b")
    assert snapshot(incremental) == snapshot(ensure_built(facts, tmp_path / "scratch", force=True))


def test_graphs_compiled_without_a_dataset_write_rdflibs_nquads():
    """kg.build.compile.nquads_lines spells every line as rdflib's N-Quads writer does (rdf_bytes), tricky
    literals included."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    from kg.build.compile import compile_dataset, compiled_graphs, nquads_lines
    from kg.build.ontology import load_schema
    from kg.build.serialize import rdf_bytes
    from kg.paths import ontology_dir

    schema = load_schema(ontology_dir())
    facts = load_facts(FACTS, schema)
    odd = URIRef("https://w3id.org/kg-office/resource/odd")
    facts.metric_triples += [(odd, URIRef("urn:p"), lit) for lit in (
        Literal('a "quoted" \\ back\nslash\r', lang="en"), Literal("line\u2028sep"), Literal("381000000", datatype=XSD.decimal),
        Literal("2014-13-45", datatype=XSD.date), Literal("\ud800 lone", lang="zh-hans"))]
    expected = rdf_bytes(compile_dataset(facts, schema.graph), "nquads")
    assert ("\n".join(nquads_lines(compiled_graphs(facts, schema.graph))) + "\n").encode("utf-8") == expected
