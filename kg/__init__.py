"""kg: a knowledge graph of China's online and collaborative-office market.

The Python API. The CLI and the notebooks call the same library functions underneath:

    >>> import kg
    >>> df = kg.query("platforms by parent company")      # a phrase, a named query or SPARQL -> DataFrame
    >>> df.set_index("platform").loc["DingTalk", "parent_company"]
    'Alibaba Group'
    >>> kg.query("figures-of-entity", params={"entity": "WeCom"}, sources=True)
    >>> kg.answer("Which launched first, DingTalk or WeCom?").values  # a question's answer set, reading
    >>> kg.select("SELECT ?product WHERE { ?product kg:ownedBy ?owner }", owner="Tencent")
    >>> ds = kg.dataset()                                  # rdflib Dataset, one named graph per document
    >>> g = kg.project(types=["Company", "Product"])       # networkx MultiDiGraph of the entities
    >>> kg.centrality(g, "pagerank", top=5)                # DataFrame, best first
    >>> kg.save("turtle", "kg-office.ttl")
    >>> other = kg.open(facts="my-facts/")                 # a KnowledgeGraph over other facts ...
    >>> kg.query("conflicting figures", graph=other)       # ... queried the same way

These work on the default graph, found as the `kg` command finds it (kg.paths.graph_facts: $KG_FACTS, else
the nearest graph folder from the current directory up, else the bundled seed graph), compiled into
~/.cache/kg (or $KG_BUILD_DIR) and rebuilt by itself when the facts change. Pass ``graph=kg.open(...)`` for another.

In Jupyter, ``%load_ext kg`` adds a ``%%sparql`` cell magic and a ``%kg`` line magic (kg.notebook.magics).
DataFrames need pandas (``pip install 'kg[notebook]'``); see kg.frames for how columns are typed.
"""

from __future__ import annotations

from kg.api import answer, centrality, dataset, default_graph, project, query, save, select  # noqa: E402,F401
from kg.version import __version__  # noqa: F401

_LAZY = {"ensure_built": "kg.build.pipeline", "check": "kg.build.pipeline", "Build": "kg.build.pipeline", "open": "kg.graph",
         "KnowledgeGraph": "kg.graph"}


def __getattr__(name: str):
    # Lazy re-exports keep `import kg` (and `kg --help`) free of rdflib.
    import importlib

    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), "open_graph" if name == "open" else name)
    raise AttributeError(f"module 'kg' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def load_ipython_extension(ipython) -> None:
    """`%load_ext kg`: the %%sparql cell magic and the %kg line magic."""
    from kg.notebook.magics import register

    register(ipython)
