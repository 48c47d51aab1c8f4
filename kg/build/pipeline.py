"""Build the compiled graph from ontology + facts, and rebuild it by itself when they change.

A build lives in its own folder under the build directory, named by the content hash of its inputs;
the file CURRENT names the folder in use and is replaced atomically, so a failed or interrupted build
never disturbs the previous one. A build folder holds graph.nq (the curated facts as sorted N-Quads),
index.json (names, kg.build.names), manifest.json (input hash, stats), parts.json and sources.json (what the
next incremental build reuses: each graph's share of stats and index; the schema and the parsed fact files) and,
for big graphs and graphs with RDF data files, store/: an Oxigraph store with everything, data files included
(kg.build.store).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from kg.build.datafiles import DataFile, count_quads, data_files, fact_files
from kg.build.locks import READERS_FILE, build_lock, hold, retire
from kg.errors import EnvironmentProblem, FactError, FactErrors
from kg.files import write_atomic, write_json
from kg.iris import PREFIX_IRIS
from kg.paths import PACKAGE, default_build_dir, graph_facts, ontology_dir
from kg.version import __version__

GRAPH_FILE = "graph.nq"
STORE_DIR = "store"
# the modules whose code shapes a build: a change to any of them invalidates cached builds
BUILD_CODE = ("loader.py", "compile.py", "names.py", "stats.py", "validate.py", "serialize.py", "yamlsource.py",
              "datafiles.py", "store.py", "ontology.py", "langtags.py")
MANIFEST_FILE = "manifest.json"
PARTS_FILE = "parts.json"  # each graph's share of the stats and the index, for the next incremental build
SOURCES_FILE = "sources.json"  # the schema and each fact file parsed, for the next incremental build (`_load`)
# A file changed this close to the moment its time stamp was taken may change again within the same tick of
# the file system's clock: its (size, mtime) is not trusted and the next command compares contents instead.
RACY_NS = 2_000_000_000


@dataclass
class Build:
    """A compiled graph on disk: its folder, manifest (input hash, stats) and graph file."""

    path: Path
    manifest: dict
    rebuilt: bool = False
    # the shared lock that keeps this build from being deleted while it is read (released with the object)
    reader: object = field(default=None, repr=False, compare=False)

    @property
    def graph_file(self) -> Path:
        return self.path / GRAPH_FILE

    @property
    def stats(self) -> dict:
        return self.manifest["stats"]

    @property
    def store_path(self) -> Path | None:
        """The on-disk Oxigraph store of the build, or None when the graph is small enough to load from
        graph.nq (kg.build.store.STORE_THRESHOLD)."""
        path = self.path / STORE_DIR
        return path if self.manifest.get("store") and path.is_dir() else None

    def dataset(self):
        """The compiled graph as an rdflib Dataset (one named graph per source document and data file)."""
        from kg.build.store import load_dataset

        return load_dataset(self.graph_file, self.store_path, self.manifest.get("data_graphs", []))


@dataclass
class Sources:
    """The folders a build reads from and writes to."""

    facts: Path
    ontology: Path
    build_dir: Path

    @classmethod
    def resolve(cls, facts: Path | str | None = None, build_dir: Path | str | None = None) -> Sources:
        facts_path = graph_facts(facts).facts
        return cls(facts_path, ontology_dir(), Path(build_dir) if build_dir else default_build_dir(facts_path))

    def input_files(self) -> list[tuple[str, Path]]:
        code = [("kg/build/" + name, PACKAGE / "build" / name) for name in BUILD_CODE]
        onto = [("ontology/" + p.name, p) for p in sorted(self.ontology.glob("*.ttl"))]
        facts = [("facts/" + p.relative_to(self.facts).as_posix(), p) for p in fact_files(self.facts)] if self.facts.is_dir() else []
        data = [("facts/" + f.path.relative_to(self.facts).as_posix(), f.path) for f in self.data_files()]
        return code + onto + facts + data

    def data_files(self) -> list[DataFile]:
        return data_files(self.facts) if self.facts.is_dir() else []


def _fingerprint(files: list[tuple[str, Path]]) -> list:
    """(name, size, mtime) of every input: when none changed, the build is up to date without reading a byte."""
    out = []
    for name, p in files:
        try:
            st = p.stat()
            out.append([name, st.st_size, st.st_mtime_ns])
        except OSError:  # gone or unreadable since it was listed: never equal, so the contents are compared
            out.append([name, -1, -1])
    return out


def _trusted(stamp: list, taken_ns: int) -> list | None:
    """The fingerprint to record, or None when a file changed so recently that an edit in the same clock tick
    would leave its (size, mtime) unchanged (git's "racy clean" problem)."""
    return None if any(abs(mtime - taken_ns) < RACY_NS for _, _, mtime in stamp) else stamp


@dataclass
class Inputs:
    """What a build compiles: the hash of every input, and the bytes of the fact files it hashed; `base` hashes
    kg's build code and the ontology alone (an incremental build needs the same base as the build it updates)."""

    digest: str
    texts: dict[Path, bytes]
    base: str = ""
    data: str = ""  # the data files alone: an incremental build keeps the store's data graphs when it is unchanged


def _shown(src: Sources, path: Path) -> str:
    return path.relative_to(src.facts.parent).as_posix() if path.is_relative_to(src.facts.parent) else str(path)


def _read_inputs(src: Sources, files: list[tuple[str, Path]]) -> Inputs:
    """Hash the inputs, keeping the fact files' bytes for the loader: what is hashed is what is compiled."""
    yaml_files = set(fact_files(src.facts)) if src.facts.is_dir() else set()
    texts: dict[Path, bytes] = {}
    h = hashlib.sha256(__version__.encode())
    base = hashlib.sha256(__version__.encode())
    data = hashlib.sha256()
    for name, p in files:
        h.update(b"\0" + name.encode() + b"\0")
        if name.startswith(("kg/", "ontology/")):
            base.update(b"\0" + name.encode() + b"\0" + p.read_bytes())
        try:
            if p in yaml_files:
                texts[p] = p.read_bytes()
                h.update(texts[p])
                continue
            is_data = name.startswith("facts/")
            if is_data:
                data.update(b"\0" + name.encode() + b"\0")
            with p.open("rb") as f:  # in chunks: a data file may be larger than memory allows twice
                while chunk := f.read(1 << 20):
                    h.update(chunk)
                    if is_data:
                        data.update(chunk)
        except OSError as e:
            raise EnvironmentProblem(f"cannot read {_shown(src, p)}: {e.strerror or e}") from None
    return Inputs(h.hexdigest(), texts, base.hexdigest(), data.hexdigest())


def current_build(src: Sources) -> Build | None:
    """The build CURRENT points at, held with a shared lock so that no other process deletes it; or None."""
    for _ in range(20):  # CURRENT moved on and its old build was deleted between reading the two: read again
        try:
            name = (src.build_dir / "CURRENT").read_text().strip()
        except OSError:
            return None
        path = src.build_dir / name
        if not name or not path.is_dir():
            return None
        lock = hold(path)
        if lock is False:
            continue
        try:
            return Build(path, json.loads((path / MANIFEST_FILE).read_text()), reader=lock)
        except (OSError, ValueError):
            return None
    return None


def ensure_built(facts: Path | str | None = None, build_dir: Path | str | None = None, force: bool = False) -> Build:
    """Return an up-to-date build, compiling (and validating) the facts only when they changed.

    Only one process at a time compiles a build directory; the others wait for it and use its result.
    """
    src = Sources.resolve(facts, build_dir)
    if not force:
        build = current_build(src)
        if build and build.manifest.get("fingerprint") == _fingerprint(src.input_files()):
            return build
        build = None  # not held while waiting: the build being made may replace it
    with build_lock(src.build_dir):
        files = src.input_files()
        taken = time.time_ns()
        stamp = _fingerprint(files)  # before the contents are read: an edit after this changes it
        build = current_build(src)  # another process may have built while this one waited
        if build and not force and build.manifest.get("fingerprint") == stamp:
            return build
        inputs = _read_inputs(src, files)
        if build and not force and build.manifest.get("input_hash") == inputs.digest:
            _record_fingerprint(build, _trusted(stamp, taken))
            return build
        # let go of the old build, so that it can be deleted once no other process reads it; its files stay
        # readable until this build is done (only a build, under the build lock, deletes old builds)
        previous = None if force or build is None else (build.path, build.manifest)
        build = None
        return _rebuild(src, inputs, _trusted(stamp, taken), force, previous)


def _record_fingerprint(build: Build, stamp: list | None) -> None:
    """Remember the inputs' time stamps, so the next command need not read them. Only a cache: when the build
    folder cannot be written (read-only, full), the build is still the right one and is used as it is."""
    if build.manifest.get("fingerprint") == stamp:
        return
    build.manifest["fingerprint"] = stamp
    try:
        write_json(build.path / MANIFEST_FILE, build.manifest)
    except OSError:
        pass


def check(facts: Path | str | None = None, shacl_data: bool = False) -> dict:
    """Load, compile and validate without writing anything; return the stats. Raises FactErrors.

    Every shape is checked over the curated facts, provenance records included; data files are parsed
    (syntax only) unless `shacl_data` asks to check them against the shapes too.
    """
    src = Sources.resolve(facts)
    data = src.data_files()
    quads = 0
    for f in data:
        try:
            quads += count_quads(f)
        except FactError as e:
            raise FactErrors([e]) from None
    _, stats = _compile(src, provenance=True, data=data if shacl_data else ())
    stats["data"] = {"files": len(data), "quads": quads, "shacl": shacl_data}
    return stats


def _compile(src: Sources, provenance: bool = False, data=(), texts: dict[Path, bytes] | None = None):
    """The curated facts as an rdflib Dataset, validated, and their stats. Raises FactErrors.

    A build leaves the provenance records (generated by kg, one per stated triple and most of the
    graph) out of SHACL validation, which `kg validate` and `check` run in full. `texts` are the bytes of
    the fact files to compile (read from the folder when not given).
    """
    from kg.build.compile import compile_dataset
    from kg.build.stats import compute_stats
    from kg.build.validate import check_shapes

    schema, facts = _load(src, texts)
    ds = compile_dataset(facts, schema.graph)
    errors = check_shapes(ds.graphs(), src.ontology / "shapes.ttl", facts, provenance=provenance, data=data)
    if errors:
        raise FactErrors(errors)
    return ds, compute_stats(ds)


def _load(src: Sources, texts: dict[Path, bytes] | None, cached: dict | None = None, kept: dict | None = None):
    """The schema and the checked facts. `cached` (the previous build's SOURCES_FILE, same ontology and build code)
    gives the schema and the parsed fact files whose bytes did not change; `kept` (a dict) receives what this
    build's SOURCES_FILE keeps: the schema, every fact file's digest and tree, and whether the shapes are blind to
    a string's text (kg.build.validate.text_blind)."""
    from kg.build.loader import load_facts
    from kg.build.ontology import load_schema, schema_from_json, schema_json
    from kg.build.validate import text_blind
    from kg.build.yamlsource import parse_yaml, tree_from_json, tree_json

    try:
        schema = schema_from_json(cached["schema"]) if cached else None
        trees = cached["trees"] if cached else {}
    except (KeyError, TypeError, ValueError):  # a cache from another version of kg: parse everything
        schema, trees = None, {}
    schema = schema or load_schema(src.ontology)
    if kept is None:
        return schema, load_facts(src.facts, schema, texts)
    kept["schema"] = schema_json(schema)
    kept["trees"] = {}
    blind = cached.get("text_blind") if cached else None
    kept["text_blind"] = blind if isinstance(blind, bool) else text_blind(src.ontology / "shapes.ttl")

    def parse(data: bytes, shown: str):
        digest = hashlib.sha256(data).hexdigest()
        old = trees.get(shown)
        if isinstance(old, list) and len(old) == 2 and old[0] == digest:
            try:
                tree = tree_from_json(old[1], shown) if old[1] is not None else None
                kept["trees"][shown] = old
                return tree
            except (TypeError, ValueError, AttributeError):  # not what tree_json writes: parse the bytes
                pass
        tree = parse_yaml(data, shown)
        kept["trees"][shown] = [digest, tree_json(tree) if tree is not None else None]
        return tree

    return schema, load_facts(src.facts, schema, texts, parse)


@dataclass
class _Previous:
    """The build an incremental build updates: graph.nq by graph, its graphs' digests and parts (parts.json)."""

    lines: list[bytes]  # graph.nq's, in its order, as bytes (UTF-8 sorts bytes as text: by code point)
    digests: dict[str, str]
    parts: dict[str, dict]
    sources: dict | None  # SOURCES_FILE: the schema and the parsed fact files (see `_load`)


def _split_line(line: str) -> tuple[str, str, str, str]:
    """A graph.nq line as the text of its subject, predicate, object and graph (every quad is in a named graph)."""
    s, p, rest = line.split(" ", 2)
    o, _, g = rest[:-2].rpartition(" ")
    return s, p, o, g


def _previous(previous: tuple[Path, dict] | None, base: str) -> _Previous | None:
    """The previous build, or None when there is none to update (no build yet, --force, or kg's build code or
    the ontology changed since)."""
    if previous is None:
        return None
    path, manifest = previous
    if manifest.get("base_hash") != base or "graph_digests" not in manifest:
        return None
    try:
        data = (path / GRAPH_FILE).read_bytes()  # not decoded: several times faster, and the lines sort the same
        parts = json.loads((path / PARTS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    try:
        sources = json.loads((path / SOURCES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        sources = None
    lines = data.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    return _Previous(lines, manifest["graph_digests"], parts, sources if isinstance(sources, dict) else None)


def _parts(graphs) -> dict[str, dict]:
    """Each non-empty graph's share of the stats and the index (rdflib graphs, or kg.build.compile.Triples)."""
    from kg.build.names import index_part
    from kg.build.stats import stats_part

    return {str(g.identifier): {"stats": stats_part(g), "index": index_part(g)} for g in graphs if len(g)}


def _compiled(src: Sources, schema, facts, digests: dict[str, str], prev: _Previous | None) -> tuple[bytes, int, object, tuple | None]:
    """graph.nq, its number of triples, a function that makes the per-graph parts of the stats and index, and what
    an incremental build changed; validated first (FactErrors on a violation).

    From scratch (`prev` None) everything is compiled and validated. Incremental: only the graphs whose digests
    (kg.build.compile.graph_digests) differ from the previous build's are compiled, serialized and counted again;
    the others keep their lines and parts; only the nodes of the triples added or removed, and the nodes linking
    to them, are validated again (all whose shapes can have changed: kg's shapes read a node's own triples and
    the classes of the nodes it links to). The bytes are what a build from scratch writes
    (tests/test_incremental_build.py). The fourth value is None from scratch, else the graphs compiled again and
    their N-Quads, then the lines removed and the lines added (for `kg.build.store.update_store`)."""
    from kg.build.compile import Triples, compile_graphs, compiled_graphs, nquads_lines
    from kg.build.validate import check_shapes

    if prev is None:
        graphs = compiled_graphs(facts, schema.graph)  # what compile_dataset makes, without rdflib's Dataset
        errors = check_shapes(graphs.values(), src.ontology / "shapes.ttl", facts, provenance=False)
        if errors:
            raise FactErrors(errors)
        return (("\n".join(nquads_lines(graphs)) + "\n").encode("utf-8"), sum(len(g) for g in graphs.values()),
                lambda: _parts(graphs.values()), None)
    changed = {g for g in set(digests) | set(prev.digests) if digests.get(g) != prev.digests.get(g)}
    graphs = compile_graphs(facts, only=changed)  # no rdflib Dataset: the same lines, a fraction of the time
    fresh = [line.encode("utf-8") for line in nquads_lines(graphs)]
    ends = tuple(f" <{g}> .".encode() for g in changed)  # a line's graph is its last term
    before = {line for line in prev.lines if line.endswith(ends)}  # the changed graphs' lines in the previous build
    lines = [line for line in prev.lines if line not in before] + fresh
    diff = before.symmetric_difference(fresh)
    errors = [] if _shape_blind(src, prev, lines, diff) else _check_changes(src, facts, lines, diff)
    if errors:
        raise FactErrors(errors)
    kept = {g: part for g, part in prev.parts.items() if g not in changed}
    triples = sum(part["stats"]["triples"] for part in kept.values()) + sum(len(t) for t in graphs.values())

    def parts() -> dict:
        return {**kept, **_parts(Triples(iri, t) for iri, t in graphs.items())}

    added = set(fresh)
    delta = (changed, b"\n".join(fresh) + b"\n" if fresh else b"",
             [line.decode("utf-8") for line in sorted(diff - added)], [line.decode("utf-8") for line in sorted(diff & added)])
    # the kept lines (sorted, and unique) and the fresh ones (other graphs) never repeat one another
    return b"\n".join(sorted(lines)) + b"\n", triples, parts, delta


SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"


def _shape_blind(src: Sources, prev: _Previous, lines: list[bytes], diff: set[bytes]) -> bool:
    """Whether no shape can judge the changed graph otherwise than the previous one, which passed them: every
    triple an edit removed from or added to the union (provenance records aside) is a string literal, and each
    subject and predicate lost as many of each language (or of plain strings) as it gained (a label renamed),
    while the shapes use only constraints blind to a string's text (kg.build.validate.TEXT_BLIND)."""
    from kg.build.validate import text_blind

    stmt = ("<" + PREFIX_IRIS["stmt"]).encode()
    touched = {line.split(b" ", 1)[0] for line in diff} - {b""}
    touched = {s for s in touched if not s.startswith(stmt)}
    if not touched:
        return True

    def triples(all_lines) -> set[tuple[str, str, str]]:
        return {_split_line(line.decode("utf-8"))[:3] for line in all_lines if line[:line.index(b" ")] in touched}

    old = triples(prev.lines)
    new = triples(lines)
    balance: dict[tuple[str, str, str], int] = {}
    for sign, changes in ((-1, old - new), (1, new - old)):
        for s, p, o in changes:
            kind = _string_kind(o)
            if kind is None:
                return False
            balance[s, p, kind] = balance.get((s, p, kind), 0) + sign
    blind = (prev.sources or {}).get("text_blind")  # as `_load` kept it: the shapes did not change since
    return not any(balance.values()) and (blind if isinstance(blind, bool) else text_blind(src.ontology / "shapes.ttl"))


XSD_STRING = "^^<http://www.w3.org/2001/XMLSchema#string>"


def _string_kind(term: str) -> str | None:
    """The language tag (or "" for a plain string) of an N-Quads string literal; None for any other term."""
    if not term.startswith('"'):
        return None
    tail = term[term.rindex('"') + 1:]
    if tail in ("", XSD_STRING):
        return ""
    return tail if tail.startswith("@") else None


def _check_changes(src: Sources, facts, lines: list[bytes], diff: set[bytes]) -> list:
    """SHACL violations at the nodes an incremental build changed (see `_compiled`)."""
    from rdflib import Graph, URIRef

    from kg.build.validate import check_focus

    lines = [line.decode("utf-8") for line in lines]
    diff = {line.decode("utf-8") for line in diff}

    stmt = "<" + PREFIX_IRIS["stmt"]
    focus: set[str] = set()
    for line in diff:
        s, _, o, _ = _split_line(line)
        if not s.startswith(stmt):  # a provenance record changes with its claim, which is in the diff too
            focus.add(s)
            if o[0] in "<_":
                focus.add(o)
    if not focus:
        return []
    quads = [(line, _split_line(line)) for line in lines if not line.startswith(stmt)]
    nodes = focus | {q[0] for _, q in quads if q[2] in focus}
    values = {q[2] for _, q in quads if q[0] in nodes and q[2][0] in "<_"}
    subset = {f"{s} {p} {o} ." for _, (s, p, o, _) in quads if s in nodes or s in values or p == SUBCLASS}
    union = Graph().parse(data="\n".join(sorted(subset)) + "\n", format="nt")
    subjects = {s.n3() for s in union.subjects()}
    targets = sorted(URIRef(n[1:-1]) for n in nodes if n.startswith("<") and n in subjects)
    return check_focus(union, src.ontology / "shapes.ttl", facts, targets)


def _rebuild(src: Sources, inputs: Inputs, fingerprint: list | None, force: bool = False,
             previous: tuple[Path, dict] | None = None) -> Build:
    """Compile into a temporary folder, move it into place, point CURRENT at it (with the build lock held).

    Given the `previous` build (its folder and manifest), only the graphs whose inputs changed are serialized
    and only what changed is validated again; `force` builds everything from scratch."""
    from kg.build.compile import graph_digests
    from kg.build.names import INDEX_FILE, merge_index
    from kg.build.stats import merge_stats
    from kg.build.store import STORE_THRESHOLD, update_store, write_store

    final = src.build_dir / inputs.digest[:16]
    existing = None if force else _complete(final, inputs.digest)
    if existing is not None:  # these inputs were built before and that build is still kept: use it again
        _switch(src, final)
        _record_fingerprint(existing, fingerprint)
        existing.rebuilt = True
        return existing
    prev = None if force else _previous(previous, inputs.base)
    kept: dict = {}
    schema, facts = _load(src, inputs.texts, prev.sources if prev else None, kept)
    digests = graph_digests(facts)
    graph_nq, triples, make_parts, delta = _compiled(src, schema, facts, digests, prev)
    data = src.data_files()
    store = bool(data) or triples > STORE_THRESHOLD
    old = previous[1] if previous else {}
    # the previous store, with the graphs compiled again replaced, is this build's store when the data files are
    # the same and load into graphs of their own (.nt, .ttl: quads files could add to a curated graph)
    keep_store = (delta is not None and store and old.get("store") and old.get("data_hash") == inputs.data
                  and not any(f.has_quads for f in data) and (previous[0] / STORE_DIR).is_dir())
    tmp = job = None
    try:
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=src.build_dir))
        (tmp / READERS_FILE).touch()
        (tmp / GRAPH_FILE).write_bytes(graph_nq)
        # the store is written by another thread (Oxigraph lets go of the GIL) while this one counts the parts
        if keep_store:
            job = _Background(update_store, previous[0] / STORE_DIR, tmp / STORE_DIR, *delta)
        elif store and not data:
            job = _Background(write_store, tmp / STORE_DIR, tmp / GRAPH_FILE, [], triples)
        parts = make_parts()
        stats = merge_stats({g: part["stats"] for g, part in parts.items()})
        manifest = {"kg_version": __version__, "input_hash": inputs.digest, "fingerprint": fingerprint,
                    "facts": str(src.facts.resolve()), "stats": stats, "store": store,
                    "base_hash": inputs.base, "data_hash": inputs.data, "graph_digests": digests}
        if keep_store:
            job.result()
            loaded = {"graphs": old.get("data_graphs", []), "quads": old["stats"].get("data", {}).get("quads", 0)}
        elif store:
            loaded = job.result() if job else write_store(tmp / STORE_DIR, tmp / GRAPH_FILE, data, stats["triples"])
        if store:
            manifest["data_graphs"] = loaded["graphs"]
            stats["data"] = {"files": len(data), "quads": loaded["quads"]}
            stats["triples"] += loaded["quads"]
        # on one line: the index and the parts are read by programs only, and written at every build
        write_json(tmp / INDEX_FILE, merge_index({g: part["index"] for g, part in parts.items()}), indent=None)
        write_json(tmp / PARTS_FILE, dict(sorted(parts.items())), indent=None)
        write_json(tmp / SOURCES_FILE, kept, indent=None)
        write_json(tmp / MANIFEST_FILE, manifest)
        if final.exists():
            retire(final)  # --force: the old copy goes unless someone reads it; then the two are the same
        if final.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            os.replace(tmp, final)
        tmp = None
        _switch(src, final)
    except BaseException as e:
        if job is not None:
            job.thread.join()  # before its folder goes
        if tmp is not None:  # a half-written build is of no use to anyone
            shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(e, FactError):
            raise FactErrors([e]) from None
        if isinstance(e, OSError):
            raise EnvironmentProblem(f"cannot write the build under {src.build_dir}: {e.strerror or e}") from None
        raise
    build = current_build(src)
    if build is None or build.path != final:
        raise EnvironmentProblem(f"cannot read the build just written under {src.build_dir}")
    build.rebuilt = True
    _tidy(src.build_dir, keep=final.name)
    return build


class _Background:
    """`fn(*args)` run by another thread; `result()` waits for it and returns its value or raises its error."""

    def __init__(self, fn, *args):
        self.value, self.error = None, None
        self.thread = threading.Thread(target=self._run, args=(fn, args), daemon=True)
        self.thread.start()

    def _run(self, fn, args) -> None:
        try:
            self.value = fn(*args)
        except BaseException as e:  # handed to the waiting thread
            self.error = e

    def result(self):
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.value


def _complete(path: Path, digest: str) -> Build | None:
    """A finished build of these very inputs, if one is kept at `path`."""
    lock = hold(path) if path.is_dir() else None
    if not lock:
        return None
    try:
        manifest = json.loads((path / MANIFEST_FILE).read_text())
    except (OSError, ValueError):
        return None
    return Build(path, manifest, reader=lock) if manifest.get("input_hash") == digest else None


def _switch(src: Sources, final: Path) -> None:
    write_atomic(src.build_dir / "CURRENT", final.name.encode())


def _tidy(build_dir: Path, keep: str) -> None:
    """Delete old builds nobody reads and what killed builds left behind (called with the build lock held,
    so no `.tmp-*` here belongs to a build still running)."""
    for entry in build_dir.iterdir():
        if entry.name == keep or entry.name == "CURRENT" or entry.name.startswith(".lock"):
            continue
        if entry.name.startswith(".tmp-"):
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        elif entry.is_dir():
            retire(entry)
