"""Build the compiled graph from ontology + facts, and rebuild it by itself when they change.

A build lives in its own folder under the build directory, named by the content hash of its inputs;
the file CURRENT names the folder in use and is replaced atomically, so a failed or interrupted build
never disturbs the previous one. A build folder holds graph.nq (the curated facts as sorted N-Quads),
index.json (names, kg.build.names), manifest.json (input hash, stats) and, for big graphs and graphs with RDF
data files, store/: an Oxigraph store with everything, data files included (kg.build.store).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kg.version import __version__
from kg.build.datafiles import DataFile, count_quads, data_files, fact_files
from kg.errors import EnvironmentProblem, FactError, FactErrors
from kg.files import write_atomic, write_json
from kg.paths import PACKAGE, default_build_dir, default_facts_dir, ontology_dir

GRAPH_FILE = "graph.nq"
STORE_DIR = "store"
# the modules whose code shapes a build: a change to any of them invalidates cached builds
BUILD_CODE = ("loader.py", "compile.py", "names.py", "stats.py", "validate.py", "serialize.py", "yamlsource.py",
              "datafiles.py", "store.py", "ontology.py")
MANIFEST_FILE = "manifest.json"


@dataclass
class Build:
    """A compiled graph on disk: its folder, manifest (input hash, stats) and graph file."""

    path: Path
    manifest: dict
    rebuilt: bool = False

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
        facts_path = Path(facts) if facts else default_facts_dir()
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
    return [[name, p.stat().st_size, p.stat().st_mtime_ns] for name, p in files]


def _content_hash(files: list[tuple[str, Path]]) -> str:
    h = hashlib.sha256(__version__.encode())
    for name, p in files:
        h.update(b"\0" + name.encode() + b"\0")
        with p.open("rb") as f:  # in chunks: a data file may be larger than memory allows twice
            while chunk := f.read(1 << 20):
                h.update(chunk)
    return h.hexdigest()


def current_build(src: Sources) -> Build | None:
    """The build CURRENT points at, or None."""
    try:
        name = (src.build_dir / "CURRENT").read_text().strip()
        path = src.build_dir / name
        return Build(path, json.loads((path / MANIFEST_FILE).read_text()))
    except (OSError, ValueError):
        return None


def ensure_built(facts: Path | str | None = None, build_dir: Path | str | None = None, force: bool = False) -> Build:
    """Return an up-to-date build, compiling (and validating) the facts only when they changed."""
    src = Sources.resolve(facts, build_dir)
    files = src.input_files()
    build = current_build(src)
    if build and not force:
        if build.manifest.get("fingerprint") == _fingerprint(files):
            return build
        if build.manifest.get("input_hash") == _content_hash(files):
            build.manifest["fingerprint"] = _fingerprint(files)
            write_json(build.path / MANIFEST_FILE, build.manifest)
            return build
    return _rebuild(src, files)


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


def _compile(src: Sources, provenance: bool = False, data=()):
    """The curated facts as an rdflib Dataset, validated, and their stats.

    A build leaves the provenance records (generated by kg, one per stated triple and most of the
    graph) out of SHACL validation, which `kg validate` and `check` run in full.
    """
    from kg.build.compile import compile_dataset
    from kg.build.loader import load_facts
    from kg.build.ontology import load_schema
    from kg.build.stats import compute_stats
    from kg.build.validate import check_shapes

    schema = load_schema(src.ontology)
    facts = load_facts(src.facts, schema)
    ds = compile_dataset(facts, schema.graph)
    errors = check_shapes(ds, src.ontology / "shapes.ttl", facts, provenance=provenance, data=data)
    if errors:
        raise FactErrors(errors)
    return ds, compute_stats(ds)


def _rebuild(src: Sources, files: list[tuple[str, Path]]) -> Build:
    from kg.build.serialize import rdf_bytes
    from kg.build.names import INDEX_FILE, build_index
    from kg.build.store import STORE_THRESHOLD, write_store

    ds, stats = _compile(src)
    data = src.data_files()
    digest = _content_hash(files)
    manifest = {"kg_version": __version__, "input_hash": digest, "fingerprint": _fingerprint(files),
                "facts": str(src.facts.resolve()), "stats": stats,
                "store": bool(data) or stats["triples"] > STORE_THRESHOLD}
    tmp = None
    try:
        src.build_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=src.build_dir))
        (tmp / GRAPH_FILE).write_bytes(rdf_bytes(ds, "nquads"))
        if manifest["store"]:
            loaded = write_store(tmp / STORE_DIR, tmp / GRAPH_FILE, data, stats["triples"])
            manifest["data_graphs"] = loaded["graphs"]
            stats["data"] = {"files": len(data), "quads": loaded["quads"]}
            stats["triples"] += loaded["quads"]
        write_json(tmp / INDEX_FILE, build_index(ds))
        write_json(tmp / MANIFEST_FILE, manifest)
        final = src.build_dir / digest[:16]
        if final.exists():
            shutil.rmtree(final)
        os.replace(tmp, final)
        write_atomic(src.build_dir / "CURRENT", final.name.encode())
    except BaseException as e:
        if tmp is not None:  # a half-written build is of no use to anyone
            shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(e, FactError):
            raise FactErrors([e]) from None
        if isinstance(e, OSError):
            raise EnvironmentProblem(f"cannot write the build under {src.build_dir}: {e.strerror or e}") from None
        raise
    for old in src.build_dir.iterdir():  # keep only the build in use
        if old.is_dir() and old.name != final.name and not old.name.startswith(".tmp-"):
            shutil.rmtree(old, ignore_errors=True)
    return Build(final, manifest, rebuilt=True)
