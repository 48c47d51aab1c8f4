"""The package's rooms and the one-way flow between them, checked over the source with `ast`.

Stages, lowest first: the shared leaves (errors, iris, namespaces, terms, paths, files, version) <- text <- build
<- sparql <- ask | network <- export | assist (the builder) <- the API (graph, api, present, frames) <- notebook <- cli <- the package
facade (kg/__init__, kg/__main__). A module may import its own stage or a lower one, and nothing in kg
may form an import cycle, imports inside functions included (a lazy import is still a dependency).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kg

LEAVES = {"errors", "iris", "namespaces", "terms", "paths", "files", "version"}
API = {"graph", "api", "present", "frames"}
RANKS = {"leaf": 0, "text": 0.5, "build": 1, "sparql": 2, "ask": 3, "network": 3, "export": 4, "assist": 4, "api": 5,
         "notebook": 6, "cli": 7, "facade": 8}


def modules(root: Path, package: str) -> dict[str, Path]:
    """Every module under `root` by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join([package, *parts])] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of `known` that `name` imports anywhere in its file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # `from pkg import sub` imports the module pkg.sub; `from mod import func` imports mod
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in known:  # `import kg.build.pipeline` -> the module itself
                t = t.rpartition(".")[0]
            if t and t != name:
                out.add(t)
    return out


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    mods = modules(root, package)
    known = set(mods)
    return {name: imports(name, path, known) for name, path in mods.items()}


def stage(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return "facade"
    if len(parts) == 2:
        if parts[1] in LEAVES:
            return "leaf"
        if parts[1] in API:
            return "api"
        if parts[1] in RANKS:  # a stage's own __init__
            return parts[1]
        raise AssertionError(f"{module}: a top-level module that belongs to no stage (add it to a room)")
    return parts[1]


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    bad = []
    for source, targets in sorted(graph.items()):
        s = stage(source)
        for target in sorted(targets):
            t = stage(target)
            if t != s and RANKS[t] >= RANKS[s]:
                bad.append(f"{source} ({s}) imports {target} ({t}): a stage may import only stages below it")
    return bad


def cycles(graph: dict[str, set[str]]) -> list[str]:
    """One line per import cycle (strongly connected component), naming two modules that import each other
    through it."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:  # Tarjan's algorithm
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    lines = []
    for component in found:
        a = component[0]
        b = next(w for w in sorted(graph[a]) if w in component)
        lines.append(f"import cycle: {a} imports {b}, which leads back to {a} (cycle: {', '.join(component)})")
    return lines


KG_ROOT = Path(kg.__file__).parent


def test_every_stage_imports_only_stages_below_it():
    assert layer_violations(import_graph(KG_ROOT, "kg")) == []


def test_kg_has_no_import_cycles():
    assert cycles(import_graph(KG_ROOT, "kg")) == []


def test_every_stage_says_what_it_holds_and_may_import():
    for sub in sorted(p for p in KG_ROOT.iterdir() if (p / "__init__.py").is_file() and p.name != "data"):
        doc = ast.get_docstring(ast.parse((sub / "__init__.py").read_text(encoding="utf-8"))) or ""
        assert "Holds" in doc and "import" in doc, f"kg/{sub.name}/__init__.py must say what it holds and may import"


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_deliberate_cycle_is_reported_with_both_module_names(tmp_path):
    write(tmp_path, {"__init__.py": "", "build/__init__.py": "", "build/loader.py": "from kg.export import formats\n",
                     "export/__init__.py": "", "export/formats.py": "def f():\n    from kg.build.loader import x\n"})
    graph = import_graph(tmp_path, "kg")
    assert cycles(graph) == ["import cycle: kg.build.loader imports kg.export.formats, which leads back to "
                             "kg.build.loader (cycle: kg.build.loader, kg.export.formats)"]
    assert layer_violations(graph) == ["kg.build.loader (build) imports kg.export.formats (export): "
                                       "a stage may import only stages below it"]


@pytest.mark.parametrize("source", ["from . import names\n", "from .names import Index\n", "import kg.build.names\n"])
def test_relative_and_absolute_imports_are_both_seen(tmp_path, source):
    write(tmp_path, {"__init__.py": "", "build/__init__.py": "", "build/names.py": "", "build/pipeline.py": source})
    assert import_graph(tmp_path, "kg")["kg.build.pipeline"] == {"kg.build.names"}
