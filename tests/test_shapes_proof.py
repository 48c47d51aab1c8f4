"""kg.build.validate's proof of conformance against pySHACL: where the proof holds, pySHACL finds no violation
(the proof lets a build skip pySHACL); it holds for the seed graph; it gives up on SHACL it does not know."""

from __future__ import annotations

import pyshacl
import pytest
import rdflib.namespace as ns  # not its closed namespaces by name: pytest's collection would poke at them
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from kg.build.validate import _Proof
from kg.namespaces import KG, RES, STMT
from kg.paths import ontology_dir

SHAPES = ontology_dir() / "shapes.ttl"


@pytest.fixture(scope="module")
def union(seed_dataset) -> set:
    """The triples a build validates: every graph's, provenance records aside."""
    return {t for g in seed_dataset.graphs() for t in g if not t[0].startswith(str(STMT))}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def pyshacl_conforms(triples: set, shapes: Graph) -> bool:
    """pySHACL's verdict, on a copy of `shapes` (pySHACL adds to the shapes graph it is given)."""
    g = Graph()
    g.addN((s, p, o, g) for s, p, o in triples)
    copy = Graph()
    copy.addN((s, p, o, copy) for s, p, o in shapes)
    return pyshacl.validate(g, shacl_graph=copy, inference="none", advanced=False)[0]


def test_the_seed_graph_is_proved_and_conforms(union, shapes):
    assert _Proof.of(shapes).holds(union) and pyshacl_conforms(union, shapes)


DINGTALK, ALIBABA = RES["dingtalk"], RES["alibaba"]
BREAKS = {
    "no English label": lambda u: {t for t in u if not (t[0] == DINGTALK and t[1] == ns.RDFS.label)}
    | {(DINGTALK, ns.RDFS.label, Literal("钉钉", lang="zh-hans"))},
    "two English labels": lambda u: u | {(DINGTALK, ns.RDFS.label, Literal("Ding Talk", lang="en"))},
    "owner of the wrong class": lambda u: u | {(DINGTALK, KG.ownedBy, RES["beijing"])},
    "owner a literal": lambda u: u | {(DINGTALK, KG.ownedBy, Literal("Alibaba"))},
    "alias without a language": lambda u: u | {(DINGTALK, ns.SKOS.altLabel, Literal("DT"))},
    "a date of another type": lambda u: u | {(DINGTALK, KG.launchDate, Literal("2014"))},
    "an ill-typed date": lambda u: u | {(DINGTALK, KG.launchDate, Literal("2014-13-45", datatype=ns.XSD.date))},
    "two launch dates": lambda u: u | {(DINGTALK, KG.launchDate, Literal("2014", datatype=ns.XSD.gYear)),
                                       (DINGTALK, KG.launchDate, Literal("2015", datatype=ns.XSD.gYear))},
    "an untyped class target": lambda u: u | {(URIRef("urn:x"), ns.RDF.type, KG.Company)},
}


@pytest.mark.parametrize("name", list(BREAKS))
def test_a_violation_is_never_proved_away(union, shapes, name):
    broken = BREAKS[name](set(union))
    assert not pyshacl_conforms(broken, shapes)
    assert not _Proof.of(shapes).holds(broken)
    assert _Proof.of(shapes).holds(union)  # the proof did not give up: it found the violation


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_where_the_proof_holds_pyshacl_finds_nothing(union, shapes, data):
    """Random edits of the seed graph: drop triples, move objects between triples, retype literals."""
    triples = sorted(union)
    edited = set(union)
    for _ in range(data.draw(st.integers(1, 4))):
        s, p, o = triples[data.draw(st.integers(0, len(triples) - 1))]
        kind = data.draw(st.sampled_from(["drop", "object", "literal"]))
        edited.discard((s, p, o))
        if kind == "object":
            edited.add((s, p, triples[data.draw(st.integers(0, len(triples) - 1))][2]))
        elif kind == "literal":
            edited.add((s, p, Literal(str(o), datatype=data.draw(st.sampled_from([ns.XSD.date, ns.XSD.decimal, ns.XSD.string, None])))))
    if _Proof.of(shapes).holds(edited):
        assert pyshacl_conforms(edited, shapes)


def test_focus_nodes_alone(union, shapes):
    broken = BREAKS["owner of the wrong class"](set(union))
    proof = _Proof.of(shapes)
    assert proof.holds(broken, focus={ALIBABA}) and not proof.holds(broken, focus={DINGTALK})


@pytest.mark.parametrize("extra", [
    "kgsh:X a sh:NodeShape ; sh:targetClass kg:Company ; sh:property [ sh:path rdfs:label ; sh:pattern \"^A\" ] .",
    "kgsh:X a sh:NodeShape ; sh:targetClass kg:Company ; sh:property [ sh:path ( rdfs:label ) ; sh:minCount 1 ] .",
    "kgsh:X a sh:NodeShape ; sh:targetClass kg:Company ; sh:property [ sh:path rdfs:label ; sh:minCount \"one\" ] .",
    "kgsh:X a sh:NodeShape, rdfs:Class ; sh:property [ sh:path rdfs:label ; sh:minCount 1 ] .",
    "kgsh:Meta rdfs:subClassOf rdfs:Class . kgsh:X a kgsh:Meta ; sh:property [ sh:path rdfs:label ; sh:minCount 1 ] .",
])
def test_shacl_it_does_not_know_makes_it_give_up(union, extra):
    text = SHAPES.read_text(encoding="utf-8") + "\n" + extra + "\n"
    assert not _Proof.of(Graph().parse(data=text, format="turtle")).holds(union)
