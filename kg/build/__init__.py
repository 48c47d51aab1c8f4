"""Build: fact files -> a checked, compiled, stored graph.

Holds the YAML reader (yamlsource), RDF data files (datafiles), the ontology schema (ontology), the fact
loader (loader), the compiler to one named graph per source document (compile), SHACL validation
(validate), deterministic RDF writers (serialize), the Oxigraph store (store), counts (stats), the name
index (names) and the content-hashed build that ties them together (pipeline: ensure_built, check).
The lowest stage: it imports only the shared leaves at the top of kg (errors, iris, namespaces, terms,
paths, files, version), never a later stage.
"""
