"""The networkx projection (kg.network.analysis.project), centrality scores and `kg centrality`.

Centrality is checked on small hand-made graphs whose scores are worked out by hand in the comments.
"""

from __future__ import annotations

import io
import json
import math
import re

import networkx as nx
import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from kg.build.compile import statement_iri
from kg.errors import NotFound, QueryError
from kg.namespaces import KG, OBS, RES, SRC, STMT, bind_prefixes
from kg.network.analysis import centrality, class_hierarchy, find_entity, project, resolve_classes, undirected

# ---------------------------------------------------------------- a hand-made dataset

# (rdflib's XSD namespace object is kept out of the module namespace: pytest's collector probes it and warns)
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
GYEAR, DECIMAL, POSITIVE = URIRef(XSD_NS + "gYear"), URIRef(XSD_NS + "decimal"), URIRef(XSD_NS + "positiveInteger")


def make_dataset(entities: dict[str, tuple[str, str, str | None]], docs: dict[str, list[tuple[str, str, str]]],
                 observations: dict[str, tuple[str, str, dict]] | None = None) -> Dataset:
    """entities: id -> (class, English label, Chinese label); docs: stem -> [(s, predicate, o)], where o is an
    entity id or a Literal; observations: id -> (doc, subject, {predicate: entity id})."""
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    mentioned: dict[str, set[str]] = {}
    for stem, triples in docs.items():
        g = ds.graph(SRC[stem])
        g.add((SRC[stem], RDF.type, KG.SourceDocument))
        g.add((SRC[stem], RDFS.label, Literal(f"document {stem}", lang="en")))
        for s, p, o in triples:
            obj = o if isinstance(o, Literal) else RES[o]
            g.add((RES[s], KG[p], obj))
            st = statement_iri(stem, RES[s], KG[p], obj)  # a provenance record, as kg.build.compile writes it
            g.add((st, RDF.type, RDF.Statement))
            g.add((st, RDF.subject, RES[s]))
            g.add((st, RDF.predicate, KG[p]))
            g.add((st, RDF.object, obj))
            g.add((st, PROV.wasDerivedFrom, SRC[stem]))
            g.add((st, KG.paragraph, Literal(3, datatype=POSITIVE)))
            mentioned.setdefault(stem, set()).add(s)
            if not isinstance(o, Literal):
                mentioned[stem].add(o)
    for stem, ids in mentioned.items():
        g = ds.graph(SRC[stem])
        for i in ids:
            cls, en, zh = entities[i]
            g.add((RES[i], RDF.type, KG[cls]))
            g.add((RES[i], RDFS.label, Literal(en, lang="en")))
            if zh:
                g.add((RES[i], RDFS.label, Literal(zh, lang="zh-Hans")))
    for oid, (stem, subject, links) in (observations or {}).items():
        g = ds.graph(SRC[stem])
        o = OBS[oid]
        g.add((o, RDF.type, KG.Observation))
        g.add((o, KG.subject, RES[subject]))
        g.add((o, KG.value, Literal("42", datatype=DECIMAL)))
        g.add((o, KG.time, Literal("2021", datatype=GYEAR)))
        g.add((o, KG.reportedIn, SRC[stem]))
        for p, target in links.items():
            g.add((o, KG[p], RES[target]))
    return ds


ENTITIES = {
    "a": ("Company", "Alpha", "阿尔法"),
    "b": ("Platform", "Beta", "贝塔"),
    "c": ("Product", "Gamma", None),
    "d": ("Place", "Delta", "德尔塔"),
    "r": ("Report", "Some report", None),
}


@pytest.fixture
def path_ds() -> Dataset:
    """a -> b -> c -> d (a path), stated over two documents; a-b twice (two predicates), b->c in both."""
    return make_dataset(ENTITIES, {
        "doc1": [("a", "partner", "b"), ("b", "ownedBy", "a"), ("b", "partOf", "c"),
                 ("b", "launchDate", Literal("2015", datatype=GYEAR))],
        "doc2": [("b", "partOf", "c"), ("c", "market", "d")],
    })


# ---------------------------------------------------------------- projection


def test_projection_has_entity_nodes_only(path_ds):
    g = project(path_ds)
    assert isinstance(g, nx.MultiDiGraph)
    assert sorted(g.nodes) == [str(RES[x]) for x in "abcd"]
    for n, d in g.nodes(data=True):
        assert n.startswith(str(RES)) and not n.startswith(str(STMT))
        assert set(d) >= {"iri", "cls", "label_en", "label_zh", "label", "observations"}
    assert g.nodes[str(RES.b)]["cls"] == "Platform"
    assert g.nodes[str(RES.b)]["label_zh"] == "贝塔"
    assert g.nodes[str(RES.c)]["label_zh"] == ""
    assert not any(isinstance(n, Literal) or n.startswith('"') for n in g.nodes)


def test_one_edge_per_statement_keyed_by_predicate_with_sources(path_ds):
    g = project(path_ds)
    assert sorted(g.edges(keys=True)) == sorted([
        (str(RES.a), str(RES.b), "partner"), (str(RES.b), str(RES.a), "ownedBy"),
        (str(RES.b), str(RES.c), "partOf"), (str(RES.c), str(RES.d), "market")])
    assert g.edges[str(RES.b), str(RES.c), "partOf"]["source"] == ["doc1", "doc2"]
    assert g.edges[str(RES.a), str(RES.b), "partner"]["source"] == ["doc1"]
    assert g.edges[str(RES.a), str(RES.b), "partner"]["predicate"] == str(KG.partner)


def test_source_filter_reads_only_those_documents(path_ds):
    g = project(path_ds, sources=["doc2"])
    assert sorted(g.nodes) == [str(RES[x]) for x in "bcd"]
    assert g.edges[str(RES.b), str(RES.c), "partOf"]["source"] == ["doc2"]
    with pytest.raises(NotFound) as e:
        project(path_ds, sources=["doc9"])
    assert "doc1" in e.value.suggestions


def test_documents_become_nodes_only_when_asked(path_ds):
    assert not any(n.startswith(str(SRC)) for n in project(path_ds))
    g = project(path_ds, documents=True)
    assert g.nodes[str(SRC.doc1)]["cls"] == "SourceDocument"


def test_observations_fold_into_their_subject():
    ds = make_dataset(ENTITIES, {"doc1": [("a", "partner", "b")]},
                      observations={"b-users-2021": ("doc1", "b", {"statedBy": "r"}),
                                    "b-orgs-2021": ("doc1", "b", {"statedBy": "b"})})
    ds.graph(SRC.doc1).add((RES.r, RDF.type, KG.Report))
    g = project(ds)
    assert not any(n.startswith(str(OBS)) for n in g)
    assert g.nodes[str(RES.b)]["observations"] == 2
    edge = g.edges[str(RES.b), str(RES.r), "statedBy"]
    assert edge["observations"] == [str(OBS["b-users-2021"])]
    assert not g.has_edge(str(RES.b), str(RES.b))  # a figure stated by its own subject adds no self-loop

    kept = project(ds, observations=True)
    o = str(OBS["b-users-2021"])
    assert kept.nodes[o]["cls"] == "Observation"
    assert kept.has_edge(o, str(RES.b), "subject") and kept.has_edge(o, str(RES.r), "statedBy")
    assert not kept.has_edge(str(RES.b), str(RES.r))


def test_class_filter_takes_subclasses(path_ds):
    assert sorted(project(path_ds, types=["Product"])) == [str(RES.b), str(RES.c)]  # Platform is a Product
    assert sorted(project(path_ds, types=["platform"])) == [str(RES.b)]
    assert sorted(project(path_ds, types=["Organization", "Place"])) == [str(RES.a), str(RES.d)]
    with pytest.raises(NotFound) as e:
        project(path_ds, types=["Compny"])
    assert e.value.suggestions[0] == "Company"


def test_class_hierarchy_from_the_seed_ontology(seed_dataset):
    h = class_hierarchy(seed_dataset)
    assert {"Platform", "Product", "Entity"} <= h["Platform"]
    assert resolve_classes(["Event"], h) >= {"Event", "Outage", "Launch", "FreeOffer"}


def test_seed_projection(seed_dataset):
    g = project(seed_dataset)
    assert g.number_of_nodes() > 200 and g.number_of_edges() > 300
    assert all(n.startswith(str(RES)) for n in g)
    dingtalk = g.nodes[str(RES.dingtalk)]
    assert (dingtalk["cls"], dingtalk["label_en"], dingtalk["label_zh"]) == ("Platform", "DingTalk", "钉钉")
    assert dingtalk["observations"] >= 1
    products = project(seed_dataset, types=["Product"])
    assert {d["cls"] for _, d in products.nodes(data=True)} == {"Product", "Platform"}


def test_undirected_view_is_simple(path_ds):
    u = undirected(project(path_ds))
    assert type(u) is nx.Graph
    assert sorted(tuple(sorted(e)) for e in u.edges) == sorted(
        [(str(RES.a), str(RES.b)), (str(RES.b), str(RES.c)), (str(RES.c), str(RES.d))])
    assert u.edges[str(RES.a), str(RES.b)]["predicates"] == ["ownedBy", "partner"]
    assert u.edges[str(RES.a), str(RES.b)]["count"] == 2


# ---------------------------------------------------------------- centrality, by hand


def test_centrality_on_a_path(path_ds):
    """The undirected view is the path a - b - c - d (n = 4).

    degree = neighbours / (n - 1): a 1/3, b 2/3.
    betweenness = pairs a node lies between / ((n-1)(n-2)/2 = 3): b lies on a-c and a-d: 2/3; a none.
    closeness = (n - 1) / sum of distances: a 3 / (1+2+3) = 1/2, b 3 / (1+1+2) = 3/4.
    eigenvector of the path's adjacency matrix: (1, phi, phi, 1) / norm, phi the golden ratio.
    pagerank on the directed links a->b, b->a, b->c, c->d (d dangling, damping 0.85): the equations
    for a and c are the same, and so are those for b and d, so a = c, b = d, a + b = 1/2 and
    a = 0.15/4 + 0.85 (b/2 + d/4) = 0.0375 + 0.6375 b, so b = 0.4625 / 1.6375.
    """
    r = centrality(project(path_ds), "all")
    s = {row.iri[len(str(RES)):]: row.scores for row in r.rows}
    phi = (1 + math.sqrt(5)) / 2
    norm = math.sqrt(2 + 2 * phi * phi)
    expected = {
        "degree": {"a": 1 / 3, "b": 2 / 3, "c": 2 / 3, "d": 1 / 3},
        "betweenness": {"a": 0.0, "b": 2 / 3, "c": 2 / 3, "d": 0.0},
        "closeness": {"a": 0.5, "b": 0.75, "c": 0.75, "d": 0.5},
        "eigenvector": {"a": 1 / norm, "b": phi / norm, "c": phi / norm, "d": 1 / norm},
        "pagerank": {"a": 0.5 - 0.4625 / 1.6375, "b": 0.4625 / 1.6375, "c": 0.5 - 0.4625 / 1.6375,
                     "d": 0.4625 / 1.6375},
    }
    for metric, values in expected.items():
        for node, value in values.items():
            assert s[node][metric] == pytest.approx(value, abs=1e-6), (metric, node)
    assert r.metrics == ["degree", "pagerank", "betweenness", "eigenvector", "closeness"]
    assert not r.approximate and r.sample_size is None


def test_pagerank_by_hand():
    """One link x -> y, damping 0.85, y dangling (it spreads its rank evenly):
    x = 0.15/2 + 0.85 * y/2 and x + y = 1, so x = 0.5 / 1.425 = 20/57 and y = 37/57."""
    ds = make_dataset(ENTITIES, {"doc": [("a", "ownedBy", "b")]})
    r = centrality(project(ds), "pagerank")
    assert [(row.label, row.cls) for row in r.rows] == [("Beta", "Platform"), ("Alpha", "Company")]
    assert r.rows[0].scores["pagerank"] == pytest.approx(37 / 57, abs=1e-6)
    assert r.rows[1].scores["pagerank"] == pytest.approx(20 / 57, abs=1e-6)


def test_top_and_sorting(path_ds):
    r = centrality(project(path_ds), "degree", top=2)
    assert [row.label for row in r.rows] == ["Beta", "Gamma"]  # ties broken by label
    assert r.sort_by == "degree"
    with pytest.raises(QueryError):
        centrality(project(path_ds), "katz")


def test_betweenness_falls_back_to_a_seeded_sample():
    g = nx.path_graph(40)
    exact = centrality(g, "betweenness")
    assert not exact.approximate
    a = centrality(g, "betweenness", k_sample_threshold=10, k_samples=8, seed=7)
    b = centrality(g, "betweenness", k_sample_threshold=10, k_samples=8, seed=7)
    assert a.approximate and a.sample_size == 8 and "8 of 40 nodes" in a.notes[0]
    assert [r.scores for r in a.rows] == [r.scores for r in b.rows]
    assert a.to_dict()["approximate"] is True


def test_empty_graph_gives_no_rows(path_ds):
    r = centrality(project(path_ds, types=["Person"]), "all")
    assert r.rows == [] and r.nodes == 0


# ---------------------------------------------------------------- finding an entity


def test_find_entity_by_id_or_name(path_ds, seed_dataset):
    assert find_entity(path_ds, "b") == RES.b
    assert find_entity(path_ds, "Beta") == RES.b
    assert find_entity(path_ds, "贝塔") == RES.b
    assert find_entity(seed_dataset, "钉钉") == RES.dingtalk
    assert find_entity(seed_dataset, "kgr:dingtalk") == RES.dingtalk
    with pytest.raises(NotFound) as e:
        find_entity(seed_dataset, "dingtak")
    assert "dingtalk" in e.value.suggestions


# ---------------------------------------------------------------- the table and the command

GOLDEN = """\
centrality: 4 entities, 4 links
                                       between-  eigen-  close-
#  entity  class     degree  pagerank      ness  vector    ness
───────────────────────────────────────────────────────────────
1  Beta    Platform  0.6667    0.2824    0.6667  0.6015  0.7500
2  Delta   Place     0.3333    0.2824    0.0000  0.3717  0.5000
3  Alpha   Company   0.3333    0.2176    0.0000  0.3717  0.5000
4  Gamma   Product   0.6667    0.2176    0.6667  0.6015  0.7500
sorted by pagerank
"""


def test_centrality_table_golden(path_ds):
    from rich.console import Console

    from kg.cli.network import centrality_table

    buf = io.StringIO()
    Console(width=100, file=buf, color_system=None, force_terminal=False).print(
        centrality_table(centrality(project(path_ds), "all")))
    assert "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n" == GOLDEN


def test_kg_centrality_all_top_10(cli):
    r = cli("centrality", "--metric", "all", "--top", "10")
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].startswith("centrality: ")
    header = "\n".join(lines[:4])
    for word in ("entity", "class", "degree", "pagerank", "between-", "eigen-", "close-"):
        assert word in header
    rows = [line for line in lines if re.match(r" *\d+  ", line)]
    assert [int(line.split()[0]) for line in rows] == list(range(1, 11))
    assert all(len(line) <= 80 for line in lines)  # the runner's terminal is 80 columns
    assert any("DingTalk" in line for line in rows)


def test_kg_centrality_formats_and_filters(cli):
    r = cli("centrality", "-m", "pagerank", "--type", "Company,Product", "--top", "3", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["metrics"] == ["pagerank"] and len(data["rows"]) == 3
    assert {row["cls"] for row in data["rows"]} <= {"Company", "Product", "Platform"}
    r = cli("centrality", "-m", "degree", "--top", "2", "--format", "csv", "--source", "000")
    assert r.exit_code == 0, r.output
    head, *rows = r.output.strip().splitlines()
    assert head == "rank,iri,label,class,degree" and len(rows) == 2


def test_kg_centrality_bad_input(cli):
    r = cli("centrality", "--type", "Compny")
    assert r.exit_code == 2  # a bad option (README's exit codes)
    assert "no class named 'Compny'" in r.output and "did you mean: Company" in r.output
    r = cli("centrality", "--source", "nope")
    assert r.exit_code == 2 and "no source document 'nope'" in r.output
    r = cli("centrality", "--metric", "katz")
    assert r.exit_code == 2
