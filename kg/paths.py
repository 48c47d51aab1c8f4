"""Where kg finds its ontology, facts and named queries, and where it keeps compiled graphs.

The graph in use is found like git finds its repository: `--facts` (or `facts=` in the API), else `KG_FACTS`,
else the nearest graph folder from the current directory upward (a folder holding `kg.toml`, or a `facts/`
folder laid out as kg's), else the seed graph bundled with kg. `kg init` makes a graph folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from kg.errors import EnvironmentProblem, KgError

PACKAGE = Path(__file__).resolve().parent
MARKER = "kg.toml"  # marks a graph folder; its facts are in facts/ beside it
FACTS = "facts"


def _shipped(name: str) -> Path:
    """A data folder shipped in the wheel (kg/data/NAME) or, in a checkout, beside the package."""
    inside = PACKAGE / "data" / name
    return inside if inside.is_dir() else PACKAGE.parent / name


def ontology_dir() -> Path:
    return _shipped("ontology")


@dataclass(frozen=True)
class GraphFacts:
    """The facts folder in use and how it was chosen: "--facts", "KG_FACTS", "found" or "bundled"."""

    facts: Path
    origin: str

    def describe(self) -> str:
        how = {"--facts": "given by --facts", "KG_FACTS": "given by KG_FACTS",
               "found": "graph folder found from the current directory", "bundled": "the seed graph bundled with kg"}
        return f"{self.facts.absolute()} ({how[self.origin]})"


def is_facts_folder(folder: Path) -> bool:
    """A folder laid out as kg's facts: metrics.yaml, documents/ or entities/."""
    return (folder / "metrics.yaml").is_file() or (folder / "documents").is_dir() or (folder / "entities").is_dir()


def find_graph_folder(start: Path | None = None) -> Path | None:
    """The nearest folder from `start` (the current directory) upward holding kg.toml or a kg facts/ folder."""
    try:
        here = (start or Path.cwd()).resolve()
    except OSError:  # the current directory was deleted
        return None
    for folder in (here, *here.parents):
        if (folder / MARKER).is_file() or is_facts_folder(folder / FACTS):
            return folder
    return None


def graph_facts(facts: Path | str | None = None) -> GraphFacts:
    """The facts folder to use: `facts` if given, else $KG_FACTS, else the nearest graph folder, else the bundled seed."""
    if facts:
        return GraphFacts(Path(facts), "--facts")
    env = os.environ.get("KG_FACTS")
    if env:
        return GraphFacts(Path(env), "KG_FACTS")
    found = find_graph_folder()
    if found is not None:
        return GraphFacts(found / FACTS, "found")
    return GraphFacts(_shipped(FACTS), "bundled")


def default_facts_dir() -> Path:
    return graph_facts().facts


def init_graph_folder(folder: Path, from_bundled: bool = False) -> Path:
    """Make `folder` a graph folder: kg.toml and facts/ with the format notes and the metrics vocabulary, or with
    a copy of the bundled seed graph's facts. Refuses a folder that already holds a graph (KgError, exit 2)."""
    folder = Path(folder)
    facts = folder / FACTS
    if (folder / MARKER).exists() or (facts.exists() and any(facts.iterdir())):
        raise KgError(f"{folder.absolute()} already holds a graph ({MARKER} or a non-empty {FACTS}/ folder)")
    seed = _shipped(FACTS)
    try:
        facts.mkdir(parents=True, exist_ok=True)
        if from_bundled:
            shutil.copytree(seed, facts, dirs_exist_ok=True, ignore=shutil.ignore_patterns("drafts", "__pycache__"))
        else:
            for name in ("README.md", "metrics.yaml"):
                shutil.copy2(seed / name, facts / name)
            for sub in ("documents", "entities"):
                (facts / sub).mkdir(exist_ok=True)
        (folder / MARKER).write_text(f"# A kg graph folder: kg commands run here or below read {FACTS}/ beside this file.\n",
                                     encoding="utf-8")
    except OSError as e:
        raise EnvironmentProblem(f"cannot make a graph folder in {folder}: {e.strerror or e}") from None
    return facts


def queries_dir() -> Path:
    return PACKAGE / "sparql" / "queries"


def default_build_dir(facts: Path) -> Path:
    """A per-fact-folder cache directory, so two curated graphs never share a build."""
    env = os.environ.get("KG_BUILD_DIR")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"
    key = hashlib.sha1(str(facts.resolve()).encode()).hexdigest()[:12]
    return base / key
