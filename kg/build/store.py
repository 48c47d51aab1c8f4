"""Store a compiled graph and open it for reading.

Small graphs are loaded into memory from graph.nq by each command; larger ones, and every graph with
RDF data files, get an on-disk Oxigraph store built once with the build (bulk load, data files streamed
from disk) and opened read-only by each command, which is faster above STORE_THRESHOLD quads.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from rdflib import BNode, Dataset, Graph

from kg.build.datafiles import DataFile
from kg.namespaces import bind_prefixes

# Quads above which opening the on-disk store read-only (about 30 ms, whatever the size) beats loading
# graph.nq into a memory store (about 6 µs a quad); measured in BENCHMARKS.md ("store threshold").
STORE_THRESHOLD = 5000


def write_store(path: Path, graph_file: Path, data: list[DataFile], curated: int) -> dict:
    """Bulk-load the compiled graph and the data files into a new Oxigraph store at `path`.

    Returns the named graphs the data files filled and how many quads they added. A malformed data
    file raises a FactError naming the file and line; the caller throws the half-made store away.
    """
    import pyoxigraph as ox

    store = ox.Store(str(path))
    store.bulk_load(path=str(graph_file), format=ox.RdfFormat.N_QUADS)
    before = {g.value for g in store.named_graphs()}
    for f in data:
        try:
            store.bulk_load(path=str(f.path), format=f.format, to_graph=ox.NamedNode(f.graph))
        except SyntaxError as e:
            raise f.error(e) from None
    graphs = sorted({g.value for g in store.named_graphs()} - before) if data else []
    quads = len(store) - curated if data else 0
    store.optimize()  # compacts the bulk-loaded files: read-only queries run about twice as fast after it
    store.flush()
    del store  # closes the database before the build folder is moved into place
    return {"graphs": graphs, "quads": quads}


def update_store(old: Path, path: Path, graphs: set[str], nquads: bytes, removed: list[str], added: list[str]) -> None:
    """A new store at `path`: a copy of the store `old` whose named graphs `graphs` now hold the quads `nquads`
    (an incremental build: the data files' graphs stay as they were loaded). `removed` and `added` are the
    graph.nq lines that differ: when no blank node is among them (a load names blank nodes anew), only they are
    written; else the graphs are replaced whole."""
    import pyoxigraph as ox

    # RocksDB never changes a table file (.sst) once written: the copy links them, copies the rest (write-ahead
    # logs *.log included) and leaves the info logs (LOG) out
    shutil.copytree(old, path, copy_function=_link_table, ignore=shutil.ignore_patterns("LOG", "LOG.old.*"))
    store = ox.Store(str(path))
    if not any(_has_blank_node(line) for line in (*removed, *added)):
        def quads(lines: list[str]) -> list:
            return list(ox.parse(input="\n".join(lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS)) if lines else []

        gone, new = quads(removed), quads(added)
        for q in gone:
            store.remove(q)
        store.extend(new)
        del store  # a few writes: they stay in the write-ahead log, which every later opening reads (no flush)
        return
    for g in sorted(graphs):
        store.remove_graph(ox.NamedNode(g))
    if nquads:
        store.bulk_load(input=nquads, format=ox.RdfFormat.N_QUADS)
    store.optimize()
    store.flush()
    del store


def _link_table(src: str, dst: str) -> None:
    if src.endswith(".sst"):
        os.link(src, dst)
    else:
        shutil.copy2(src, dst)


def _has_blank_node(line: str) -> bool:
    s, _, rest = line.split(" ", 2)
    return s.startswith("_:") or rest[:-2].rpartition(" ")[0].startswith("_:")


def load_dataset(graph_file: Path, store_path: Path | None = None, data_graphs: list[str] = ()) -> Dataset:
    """Parse a compiled N-Quads file into an rdflib Dataset whose default graph is the union; with a
    store, the data files' graphs are read from it too (slow for big graphs: prefer SPARQL there)."""
    ds = Dataset(default_union=True)
    ds.parse(graph_file, format="nquads")
    if store_path is not None and data_graphs:
        import pyoxigraph as ox
        from rdflib import URIRef

        store = ox.Store.read_only(str(store_path))
        for iri in data_graphs:
            nt = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(iri))
            ds.graph(URIRef(iri)).parse(data=nt.decode("utf-8"), format="nt")
    for g in ds.graphs():
        stabilize_blank_nodes(g)
    bind_prefixes(ds)
    return ds


def stabilize_blank_nodes(g: Graph) -> None:
    """Rename the blank nodes of `g` (the ontology's OWL lists) after their content, in place.

    A parser names blank nodes at random, so without this two builds of the same facts would write
    different N-Quads; the canonical names depend only on the triples that touch blank nodes.
    """
    from rdflib.compare import to_canonical_graph

    touching = [t for t in g if isinstance(t[0], BNode) or isinstance(t[2], BNode)]
    if not touching:
        return
    sub = Graph()
    for t in touching:
        sub.add(t)
        g.remove(t)
    for t in to_canonical_graph(sub):
        g.add(t)
