"""Export: the compiled graph leaves kg, as files or into a triple store.

Holds the file formats, RDF and network (formats: TriG, Turtle, N-Triples, N-Quads, JSON-LD, GraphML,
GEXF) and loading a SPARQL store over HTTP (push). May import kg.build, kg.sparql, kg.network and the
shared leaves; never ask, the API, notebook or cli.
"""
