"""SPARQL: running queries on a build or on a remote store.

Holds the engines (engine: Oxigraph and rdflib over a build; endpoint: a remote SPARQL store), query
safety and value binding (safety), and the named queries with their `.rq` files (named, queries/).
May import kg.build and the shared leaves; never ask, network, export, the API, notebook or cli.
"""
