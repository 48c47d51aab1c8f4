"""Network: the entity graph projected into networkx, its centralities, and pictures of it.

Holds the projection and centrality measures (analysis) and the matplotlib plots (plot). May import
kg.build, kg.sparql and the shared leaves; never ask, export, the API, notebook or cli.
"""
