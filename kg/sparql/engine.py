"""Query engines over a compiled graph: Oxigraph (default, fast) and rdflib (the reference), with the
same results: columns and rows of pyoxigraph terms. The union of all named graphs is the default graph.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import EnvironmentProblem, QueryError, QueryTimeout
from kg.iris import PREFIX_IRIS
from kg.sparql.safety import check_safety


@dataclass
class Result:
    """A query's answer: rows for SELECT, a boolean for ASK, triples for CONSTRUCT/DESCRIBE."""

    kind: str
    columns: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple] = field(default_factory=list)


def _with_timeout(fn, timeout: float | None):
    if not timeout:
        return fn()
    box: queue.Queue = queue.Queue()

    def work():
        try:
            box.put((True, fn()))
        except BaseException as e:  # handed to the caller's thread
            box.put((False, e))

    threading.Thread(target=work, daemon=True).start()
    try:
        ok, value = box.get(timeout=timeout)
    except queue.Empty:
        raise QueryTimeout(f"the query ran longer than {timeout:g} s (--timeout)") from None
    if not ok:
        raise value
    return value


def _syntax_message(e: Exception, query: str = "") -> str:
    """One line: where the error is, the text there, and what was expected (shortened)."""
    import re

    text = str(e).splitlines()[0] if str(e) else type(e).__name__
    m = re.match(r"error at (\d+):(\d+): (.*)", text)
    if not m:
        return f"SPARQL syntax error: {text[:200]}"
    line, col, rest = int(m.group(1)), int(m.group(2)), m.group(3)
    lines = query.splitlines()
    near = lines[line - 1][max(col - 1, 0): col + 14].strip() if 0 < line <= len(lines) else ""
    if len(rest) > 120:
        rest = rest[:117].rsplit(",", 1)[0] + ", ..."
    where = f"line {line}, column {col}" + (f" near '{near}'" if near else " (end of query)")
    return f"SPARQL syntax error at {where}: {rest}"


class OxigraphEngine:
    """pyoxigraph Store, loaded from the build's N-Quads file (or opened read-only from disk)."""

    name = "oxigraph"

    def __init__(self, store):
        self.store = store

    @classmethod
    def from_file(cls, graph_file: Path) -> OxigraphEngine:
        import pyoxigraph as ox

        store = ox.Store()
        store.bulk_load(path=str(graph_file), format=ox.RdfFormat.N_QUADS)
        return cls(store)

    @classmethod
    def for_build(cls, build) -> OxigraphEngine:
        """The build's on-disk store opened read-only if it has one (big graphs), else graph.nq in memory."""
        import pyoxigraph as ox

        if build.store_path is None:
            return cls.from_file(build.graph_file)
        try:
            return cls(ox.Store.read_only(str(build.store_path)))
        except OSError as e:
            raise EnvironmentProblem(f"cannot open the store {build.store_path}: {str(e).splitlines()[0]}") from None

    def run(self, query: str, timeout: float | None = None, allow_network: bool = False) -> Result:
        import pyoxigraph as ox

        check_safety(query, allow_network)
        prefixes = PREFIX_IRIS

        def go() -> Result:
            try:
                answer = self.store.query(query, prefixes=prefixes, use_default_graph_as_union=True)
            except SyntaxError as e:
                raise QueryError(_syntax_message(e, query)) from None
            except (OSError, RuntimeError, ValueError) as e:
                raise QueryError(f"query failed: {str(e).splitlines()[0]}") from None
            if isinstance(answer, ox.QueryBoolean):
                return Result("ASK", boolean=bool(answer))
            if isinstance(answer, ox.QuerySolutions):
                cols = [v.value for v in answer.variables]
                return Result("SELECT", cols, [tuple(sol[i] for i in range(len(cols))) for sol in answer])
            return Result("CONSTRUCT", triples=[(t.subject, t.predicate, t.object) for t in answer])

        return _with_timeout(go, timeout)


class RdflibEngine:
    """rdflib's SPARQL engine over a Dataset whose default graph is the union of the named graphs."""

    name = "rdflib"

    def __init__(self, dataset):
        self.dataset = dataset

    def run(self, query: str, timeout: float | None = None, allow_network: bool = False) -> Result:
        from kg.terms import from_rdflib

        check_safety(query, allow_network)
        ns = PREFIX_IRIS

        def go() -> Result:
            try:
                answer = self.dataset.query(query, initNs=ns)
            except Exception as e:  # pyparsing and rdflib raise many unrelated types
                raise QueryError(_syntax_message(e)) from None
            if answer.type == "ASK":
                return Result("ASK", boolean=bool(answer.askAnswer))
            if answer.type == "SELECT":
                cols = [str(v) for v in answer.vars]
                return Result("SELECT", cols, [tuple(from_rdflib(t) for t in row) for row in answer])
            return Result("CONSTRUCT", triples=[tuple(from_rdflib(t) for t in tr) for tr in answer])

        return _with_timeout(go, timeout)
