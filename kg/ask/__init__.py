"""Ask: plain-language questions in English or Chinese turned into bound SPARQL templates.

Holds the phrase compiler (phrases), which reads the build's name index (kg.build.names) and the named
queries (kg.sparql.named). May import kg.build, kg.sparql and the shared leaves; never network, export,
the API, notebook or cli.
"""
