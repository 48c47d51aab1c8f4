"""`kg export` reads the build, not rdflib: N-Quads and N-Triples are byte for byte what the rdflib writers give,
Turtle and TriG say the same quads, with data files too, and the same build always gives the same bytes."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph

from kg.build.pipeline import ensure_built
from kg.export.formats import export_build, serialize
from kg.export.lines import split, trig, turtle

KGR = "https://w3id.org/kg-office/resource/"
KG = "https://w3id.org/kg-office/ontology#"
DATA_NT = f"""<{KGR}bench-suite> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG}Platform> .
<{KGR}bench-suite> <http://www.w3.org/2000/01/rdf-schema#label> "Bench \\"Suite\\"\\n2"@en-GB .
<{KGR}bench-suite> <{KG}ownedBy> <{KGR}tencent> .
<{KGR}bench-suite> <{KG}value> "12.50"^^<http://www.w3.org/2001/XMLSchema#decimal> .
"""


def quads_of(data: bytes, fmt: str) -> set:
    ds = Dataset()
    ds.parse(data=data.decode("utf-8"), format=fmt)
    return {q for q in ds.quads((None, None, None, None)) if not any(t.__class__.__name__ == "BNode" for t in q)}


def triples_of(data: bytes, fmt: str) -> set:
    g = Graph()
    g.parse(data=data.decode("utf-8"), format=fmt)
    return {t for t in g if not any(x.__class__.__name__ == "BNode" for x in t)}


@pytest.fixture(scope="module")
def data_build(tmp_path_factory):
    import shutil

    from tests.conftest import FACTS

    root = tmp_path_factory.mktemp("data-export")
    facts = root / "facts"
    shutil.copytree(FACTS, facts)
    (facts / "data").mkdir()
    (facts / "data" / "extra.nt").write_text(DATA_NT, encoding="utf-8")
    return ensure_built(facts, root / "build")


@pytest.mark.parametrize("fmt", ["nt", "nquads"])
@pytest.mark.parametrize("which", ["seed", "data"])
def test_line_formats_are_byte_identical_to_rdflib(seed_build, seed_dataset, data_build, which, fmt):
    build, ds = (seed_build, seed_dataset) if which == "seed" else (data_build, data_build.dataset())
    assert export_build(build, fmt) == serialize(ds, fmt)


@pytest.mark.parametrize("which", ["seed", "data"])
def test_turtle_and_trig_say_what_rdflib_reads_from_the_line_formats(seed_build, data_build, which):
    build = seed_build if which == "seed" else data_build
    assert quads_of(export_build(build, "trig"), "trig") == quads_of(export_build(build, "nquads"), "nquads")
    assert triples_of(export_build(build, "turtle"), "turtle") == triples_of(export_build(build, "nt"), "nt")


def test_one_graph_and_a_data_graph(seed_build, seed_dataset, data_build):
    doc = "000_a3adda4dcaacb95c"
    assert export_build(seed_build, "nquads", graph=doc) == serialize(seed_dataset, "nquads", graph=doc)
    assert export_build(seed_build, "nt", graph=doc) == serialize(seed_dataset, "nt", graph=doc)
    iri = "https://w3id.org/kg-office/data/data/extra"
    assert export_build(data_build, "nt", graph=iri).decode().count("\n") == 4


def test_same_quads_same_bytes_whatever_their_order():
    lines = ['<http://a/s> <http://a/p> "x"@zh-Hans <http://a/g> .', "<http://a/s> <http://a/p> <http://a/o> <http://a/g> .",
             "<http://a/t> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://a/C> .",
             '_:b0 <http://a/p> "1"^^<http://www.w3.org/2001/XMLSchema#decimal> <http://a/h> .']
    quads = [split(line) for line in lines]
    assert trig(quads) == trig(list(reversed(quads))) and turtle(quads) == turtle(list(reversed(quads)))
    assert b'"x"@zh-Hans' in trig(quads) and b'"1"^^xsd:decimal' in turtle(quads)
    assert b"<http://a/t> a <http://a/C> .\n" in trig(quads)  # the default graph's triples come first, bare


def test_a_line_that_is_not_n_quads_is_refused():
    with pytest.raises(ValueError):
        split("<http://a/s> <http://a/p>")
