"""kg's IRI bases and prefixes as plain strings, for code that must not import rdflib (the query path).

kg.namespaces builds rdflib Namespaces from these; both always agree.
"""

from __future__ import annotations

BASE = "https://w3id.org/kg-office/"
DATA = BASE + "data/"  # named graphs of RDF data files: DATA + <path in the facts folder, no extension>

PREFIX_IRIS: dict[str, str] = {
    "kg": BASE + "ontology#",
    "kgr": BASE + "resource/",
    "src": BASE + "source/",
    "obs": BASE + "observation/",
    "stmt": BASE + "statement/",
    "metric": BASE + "metric/",
    "unit": BASE + "unit/",
    "qual": BASE + "qualifier/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "sosa": "http://www.w3.org/ns/sosa/",
}
