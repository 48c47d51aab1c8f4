"""Open a compiled graph for reading."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from kg.namespaces import bind_prefixes


def load_dataset(graph_file: Path) -> Dataset:
    """Parse a compiled N-Quads file into an rdflib Dataset whose default graph is the union."""
    ds = Dataset(default_union=True)
    ds.parse(graph_file, format="nquads")
    bind_prefixes(ds)
    return ds
