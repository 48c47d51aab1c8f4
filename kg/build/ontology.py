"""The ontology as kg's loader sees it: which classes, properties, units and qualifiers exist."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.errors import FactError
from kg.namespaces import KG, QUAL, UNIT

TEMPORAL = KG.TemporalValue


@dataclass
class Schema:
    """Classes, properties and closed vocabularies of the ontology, by local name."""

    graph: Graph | None  # None when read back from `schema_json` (an incremental build needs only the rest)
    classes: dict[str, URIRef] = field(default_factory=dict)
    object_properties: dict[str, URIRef] = field(default_factory=dict)
    datatype_properties: dict[str, URIRef] = field(default_factory=dict)
    ranges: dict[URIRef, URIRef] = field(default_factory=dict)
    units: dict[str, URIRef] = field(default_factory=dict)
    qualifiers: dict[str, URIRef] = field(default_factory=dict)
    superclasses: dict[URIRef, set[URIRef]] = field(default_factory=dict)

    def datatype(self, prop: URIRef) -> URIRef:
        return self.ranges.get(prop, XSD.string)

    def is_subclass(self, cls: URIRef, of: URIRef) -> bool:
        return cls == of or of in self.superclasses.get(cls, set())


def ontology_files(ontology_dir: Path) -> list[Path]:
    """The Turtle files that make up the ontology graph (shapes are kept apart)."""
    return sorted(p for p in ontology_dir.glob("*.ttl") if p.name != "shapes.ttl")


def load_schema(ontology_dir: Path) -> Schema:
    g = Graph()
    for path in ontology_files(ontology_dir):
        try:
            g.parse(path, format="turtle")
        except Exception as e:  # rdflib raises several unrelated types for bad Turtle
            raise FactError(f"cannot parse ontology: {e}", str(path)) from None
    s = Schema(graph=g)
    for cls in g.subjects(RDF.type, OWL.Class):
        if isinstance(cls, URIRef) and cls.startswith(str(KG)):
            s.classes[cls[len(KG):]] = cls
    for kind, target in ((OWL.ObjectProperty, s.object_properties), (OWL.DatatypeProperty, s.datatype_properties)):
        for prop in g.subjects(RDF.type, kind):
            if isinstance(prop, URIRef) and prop.startswith(str(KG)):
                target[prop[len(KG):]] = prop
                rng = g.value(prop, RDFS.range)
                if isinstance(rng, URIRef):
                    s.ranges[prop] = rng
    for u in g.subjects(RDF.type, KG.Unit):
        s.units[u[len(UNIT):]] = u
    for q in g.subjects(RDF.type, KG.Qualifier):
        s.qualifiers[q[len(QUAL):]] = q
    for cls in s.classes.values():
        s.superclasses[cls] = {c for c in g.transitive_objects(cls, RDFS.subClassOf) if c != cls}
    return s


def schema_json(s: Schema) -> dict:
    """The schema without its graph, as JSON (IRIs as text), for the next incremental build (`schema_from_json`)."""
    return {"classes": s.classes, "object_properties": s.object_properties, "datatype_properties": s.datatype_properties,
            "ranges": s.ranges, "units": s.units, "qualifiers": s.qualifiers,
            "superclasses": {c: sorted(supers) for c, supers in s.superclasses.items()}}


def schema_from_json(data: dict) -> Schema:
    """The schema `schema_json` wrote, without its graph."""
    def iris(d: dict) -> dict:
        return {k: URIRef(v) for k, v in d.items()}

    return Schema(graph=None, classes=iris(data["classes"]), object_properties=iris(data["object_properties"]),
                  datatype_properties=iris(data["datatype_properties"]),
                  ranges={URIRef(k): URIRef(v) for k, v in data["ranges"].items()}, units=iris(data["units"]),
                  qualifiers=iris(data["qualifiers"]),
                  superclasses={URIRef(c): {URIRef(x) for x in supers} for c, supers in data["superclasses"].items()})
