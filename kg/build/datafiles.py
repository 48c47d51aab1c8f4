"""The files of a facts folder: curated YAML, and RDF data files loaded as they are.

A data file (`.nt`, `.nq`, `.ttl`, `.trig`) anywhere under the facts folder goes into its own named graph,
https://w3id.org/kg-office/data/<its path in the folder, without extension>; the quads of an `.nq` or
`.trig` file keep their own graphs (only their default-graph triples go to the file's graph). Data files
are streamed into the Oxigraph store of a build (kg.build.store), never through rdflib, and checked by SHACL
only on request (`kg validate --shacl-data`).

This module imports nothing heavy: listing the files is on the path of every command.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import EnvironmentProblem, FactError
from kg.iris import DATA

YAML_SUFFIXES = (".yaml", ".yml")
NOT_FACTS = ("drafts", "sources")  # top-level folders of drafts under review and article texts (kg add-source)
DATA_FORMATS = {".nt": "N_TRIPLES", ".nq": "N_QUADS", ".ttl": "TURTLE", ".trig": "TRIG"}  # pyoxigraph.RdfFormat names


@dataclass(frozen=True)
class DataFile:
    """An RDF data file of a facts folder: where it is, how it is shown, and its named graph."""

    path: Path
    shown: str  # the path as error messages give it: facts/<relative path>
    graph: str  # the named graph its triples (and the default graph of its quads) go to

    @property
    def format(self):
        import pyoxigraph as ox

        return getattr(ox.RdfFormat, DATA_FORMATS[self.path.suffix.lower()])

    @property
    def has_quads(self) -> bool:
        return self.path.suffix.lower() in (".nq", ".trig")

    def error(self, e: SyntaxError) -> FactError:
        """A pyoxigraph parse error as a one-line FactError naming the file and line."""
        message = (e.msg or str(e)).splitlines()[0] if (e.msg or str(e)) else "malformed RDF"
        return FactError(f"malformed RDF data: {message}", self.shown, e.lineno or None)


def _files(facts_dir: Path, suffixes) -> list[Path]:
    return sorted(p for p in facts_dir.rglob("*") if p.suffix.lower() in suffixes and p.is_file()
                  and p.relative_to(facts_dir).parts[0] not in NOT_FACTS)


def fact_files(facts_dir: Path) -> list[Path]:
    """Every YAML file under the facts folder, in a stable order (drafts/ and sources/ are not facts)."""
    return _files(facts_dir, YAML_SUFFIXES)


def data_files(facts_dir: Path) -> list[DataFile]:
    """Every RDF data file under the facts folder, in a stable order, with its graph IRI."""
    out = []
    for p in _files(facts_dir, tuple(DATA_FORMATS)):
        rel = p.relative_to(facts_dir).with_suffix("").as_posix()
        out.append(DataFile(p, f"{facts_dir.name}/{p.relative_to(facts_dir).as_posix()}", DATA + rel))
    return out


def count_quads(f: DataFile) -> int:
    """Parse a data file without keeping it (streamed); its number of statements, or a FactError."""
    import pyoxigraph as ox

    n = 0
    try:
        for _ in ox.parse(path=str(f.path), format=f.format):
            n += 1
    except SyntaxError as e:
        raise f.error(e) from None
    except OSError as e:
        raise EnvironmentProblem(f"cannot read {f.shown}: {e.strerror or e}") from None
    except ValueError as e:
        raise FactError(f"cannot read RDF data: {e}", f.shown) from None
    return n
