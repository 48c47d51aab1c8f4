"""The IRIs kg mints and the prefixes it declares everywhere (queries, exports, notebooks)."""

from __future__ import annotations

from rdflib import Namespace, URIRef

from kg.iris import BASE, PREFIX_IRIS

KG = Namespace(BASE + "ontology#")
RES = Namespace(BASE + "resource/")
SRC = Namespace(BASE + "source/")
OBS = Namespace(BASE + "observation/")
STMT = Namespace(BASE + "statement/")
METRIC = Namespace(BASE + "metric/")
UNIT = Namespace(BASE + "unit/")
QUAL = Namespace(BASE + "qualifier/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
SOSA = Namespace("http://www.w3.org/ns/sosa/")

ONTOLOGY_GRAPH = URIRef(BASE + "ontology")
METRICS_GRAPH = URIRef(BASE + "graph/metrics")

PREFIXES: dict[str, Namespace] = {prefix: Namespace(iri) for prefix, iri in PREFIX_IRIS.items()}


def bind_prefixes(graph) -> None:
    """Bind kg's prefixes on an rdflib Graph or Dataset (replacing rdflib's defaults)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)


def sparql_prologue() -> str:
    """PREFIX lines for every kg prefix, to put before a user's query."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
