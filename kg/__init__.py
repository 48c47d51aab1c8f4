"""kg: a knowledge graph of China's online and collaborative-office market.

    >>> import kg
    >>> build = kg.ensure_built()          # compile the shipped facts (cached until they change)
    >>> ds = build.dataset()               # an rdflib Dataset, one named graph per source document
"""

__version__ = "0.1.0"


def __getattr__(name: str):
    # Lazy re-exports keep `import kg` (and `kg --help`) free of rdflib.
    if name in ("ensure_built", "check", "Build"):
        from kg import build

        return getattr(build, name)
    raise AttributeError(name)
