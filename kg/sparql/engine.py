"""Query engines over a compiled graph: Oxigraph (default, fast) and rdflib (the reference), with the
same results: columns and rows of pyoxigraph terms. The union of all named graphs is the default graph,
unless the query names its own dataset (FROM / FROM NAMED of kg's graphs), which both engines honour.

Every query runs within its limits (kg.sparql.limits): a time limit and a row cap, checked while the rows
are read. Oxigraph runs in a worker thread (it releases the GIL) while the calling thread waits, so
Ctrl-C and the time limit act at once; rdflib runs in the calling thread under a SIGALRM timer (a
regular expression holds the GIL, but checks for signals), or in a worker thread off the main thread.
"""

from __future__ import annotations

import queue
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import EnvironmentProblem, QueryError, QueryTimeout, TooManyRows
from kg.iris import PREFIX_IRIS
from kg.sparql.limits import timeout_text
from kg.sparql.safety import OXIGRAPH, RDFLIB, check, unknown_prefix


@dataclass
class Result:
    """A query's answer: rows for SELECT, a boolean for ASK, triples for CONSTRUCT/DESCRIBE."""

    kind: str
    columns: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple] = field(default_factory=list)


class _Stop(Exception):
    """Raised in a worker whose caller gave up (time limit, Ctrl-C): it stops reading rows."""


class _Alarm(BaseException):
    """Raised by the SIGALRM handler: a BaseException, so that no `except Exception` in rdflib swallows it."""


def _past_timeout(timeout: float) -> QueryTimeout:
    return QueryTimeout(f"the query ran longer than {timeout_text(timeout)} (--timeout; --timeout none lifts the limit)")


def _too_many_rows(max_rows: int) -> TooManyRows:
    return TooManyRows(f"the answer has more than {max_rows:,} rows (--max-rows); add a LIMIT to the query, "
                       "or pass --max-rows none to lift the cap")


def _collect(items, max_rows: int | None, stop: threading.Event | None, convert=tuple) -> list:
    """Read `items` into a list, converting each; stop at the cap or when asked to."""
    out = []
    for item in items:
        if stop is not None and stop.is_set():
            raise _Stop
        if max_rows is not None and len(out) >= max_rows:
            raise _too_many_rows(max_rows)
        out.append(convert(item))
    return out


def _in_worker(fn, timeout: float | None):
    """Run `fn(stop)` in a daemon thread while this one waits: the time limit and Ctrl-C act at once, and
    the worker stops at its next row."""
    box: queue.Queue = queue.Queue()
    stop = threading.Event()

    def work():
        try:
            box.put((True, fn(stop)))
        except BaseException as e:  # handed to the caller's thread without its traceback, whose frames hold
            e.__traceback__ = e.__context__ = e.__cause__ = None  # pyoxigraph results that must die here
            box.put((False, e))

    threading.Thread(target=work, daemon=True).start()
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        ok, value = _next(box, deadline, timeout)
    finally:
        stop.set()
    if not ok:
        raise value
    return value


def _next(box: queue.Queue, deadline: float | None, timeout: float | None):
    """The worker's next message, waiting in short steps so that Ctrl-C is seen; past the deadline, QueryTimeout."""
    while True:
        wait = 0.25 if deadline is None else min(0.25, max(deadline - time.monotonic(), 0.0))
        try:
            return box.get(timeout=wait)
        except queue.Empty:
            if deadline is not None and time.monotonic() >= deadline:
                raise _past_timeout(timeout) from None


def _streamed(produce, timeout: float | None):
    """Run `produce(put, stop)` in a daemon thread and yield what it puts, as it puts it: the first rows
    reach the caller while the query still runs; the time limit and Ctrl-C act at once."""
    box: queue.Queue = queue.Queue(maxsize=STREAM_BUFFER)
    stop = threading.Event()

    def put(item) -> None:
        while not stop.is_set():
            try:
                box.put(item, timeout=0.1)
                return
            except queue.Full:
                continue
        raise _Stop

    def work():
        try:
            produce(lambda item: put((True, item)), stop)
            put((True, _END))
        except _Stop:
            pass
        except BaseException as e:  # see _in_worker
            e.__traceback__ = e.__context__ = e.__cause__ = None
            try:
                put((False, e))
            except _Stop:
                pass

    threading.Thread(target=work, daemon=True).start()
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        while True:
            ok, value = _next(box, deadline, timeout)
            if not ok:
                raise value
            if value is _END:
                return
            yield value
    finally:
        stop.set()


STREAM_BUFFER = 1024  # rows read ahead of the writer
_END = object()


def _under_alarm(fn, timeout: float | None):
    """Run `fn(None)` in this (main) thread; past `timeout` a SIGALRM handler raises QueryTimeout, which
    Python delivers even inside a regular expression match."""
    import signal

    if timeout is None:
        return fn(None)
    running = True

    def expire(signum, frame):
        if running:
            raise _Alarm

    previous = signal.signal(signal.SIGALRM, expire)
    # A parent (a CI runner, a job scheduler) may hand down SIGALRM blocked: the timer would then never
    # fire and the query would run for ever.
    mask = signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
    # The alarm repeats until the query has stopped: Python drops an exception raised while a __del__
    # method or a garbage-collection callback runs, and a single alarm landing there would be lost.
    signal.setitimer(signal.ITIMER_REAL, timeout, _ALARM_REPEAT)
    # Should the timer's signals never arrive, a watchdog thread delivers them a moment later (it needs
    # the GIL, which Python code between bytecodes gives up, but a regular expression does not).
    done, lock = threading.Event(), threading.Lock()
    watchdog = threading.Thread(target=_watch, args=(done, lock, timeout + 1.0), daemon=True)
    watchdog.start()
    try:
        return fn(None)
    except _Alarm:
        running = False
        raise _past_timeout(timeout) from None
    finally:
        running = False
        with lock:  # no watchdog signal after this point
            done.set()
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        signal.signal(signal.SIGALRM, previous)


_ALARM_REPEAT = 0.5  # seconds between alarms once the time limit has passed


def _watch(done: threading.Event, lock: threading.Lock, delay: float) -> None:
    """Past `delay`, deliver SIGALRM to the main thread every `_ALARM_REPEAT` seconds until `done` is set."""
    import _thread
    import signal

    wait = delay
    while not done.wait(wait):
        with lock:
            if done.is_set():
                return
            _thread.interrupt_main(signal.SIGALRM)
        wait = _ALARM_REPEAT


def _can_use_alarm() -> bool:
    import signal

    return hasattr(signal, "setitimer") and hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()


def _syntax_message(e: Exception, query: str = "") -> str:
    """One line: where the error is, the text there, and what was expected (shortened)."""
    text = str(e).splitlines()[0] if str(e) else type(e).__name__
    m = re.match(r"error at (\d+):(\d+): (.*)", text)
    if not m:
        return f"SPARQL syntax error: {unknown_prefix(text) or text[:200]}"
    line, col, rest = int(m.group(1)), int(m.group(2)), m.group(3)
    lines = query.splitlines()
    before = ""  # the query up to the error and the token there
    if 0 < line <= len(lines):
        here = lines[line - 1]
        before = "\n".join([*lines[:line - 1], here[:col - 1] + re.match(r"\s*\S*", here[col - 1:]).group(0)])
    prefix = unknown_prefix(rest, before, PREFIX_IRIS)
    if prefix:
        return f"SPARQL syntax error at line {line}, column {col}: {prefix}"
    near = lines[line - 1][max(col - 1, 0): col + 14].strip() if 0 < line <= len(lines) else ""
    if len(rest) > 120:
        rest = rest[:117].rsplit(",", 1)[0] + ", ..."
    where = f"line {line}, column {col}" + (f" near '{near}'" if near else " (end of query)")
    return f"SPARQL syntax error at {where}: {rest}"


def _reading_error(e: Exception) -> Exception:
    """A kg error for what went wrong while a query ran or its rows were read."""
    first = str(e).splitlines()[0][:300] if str(e) else type(e).__name__
    if isinstance(e, re.error):
        return QueryError(f"invalid regular expression in the query: {first}")
    if isinstance(e, (OSError, EOFError)) or type(e).__module__.startswith(("urllib", "http")):
        return EnvironmentProblem(f"the query failed while reading from outside kg: {first}")
    if isinstance(e, RecursionError):
        return QueryError("the query is nested too deeply to run")
    if isinstance(e, MemoryError):
        return EnvironmentProblem("the query ran out of memory: add a LIMIT or narrow it down")
    return QueryError(f"query failed: {first}")


class OxigraphEngine:
    """pyoxigraph Store, loaded from the build's N-Quads file (or opened read-only from disk)."""

    name = "oxigraph"

    def __init__(self, store):
        self.store = store
        self._graphs: set[str] | None = None

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

    def graphs(self) -> set[str]:
        """The IRIs of the named graphs in the store."""
        if self._graphs is None:
            self._graphs = {g.value for g in self.store.named_graphs()}
        return self._graphs

    def run(self, query: str, timeout: float | None = None, allow_network: bool = False,
            max_rows: int | None = None) -> Result:
        import pyoxigraph as ox

        checked = check(query, allow_network, self.graphs, OXIGRAPH)
        # a query naming its own dataset gets it (Oxigraph reads FROM / FROM NAMED); else the union
        options = {} if checked.shape.has_dataset else {"use_default_graph_as_union": True}

        def go(stop) -> Result:
            try:
                answer = self.store.query(query, prefixes=PREFIX_IRIS, **options)
            except SyntaxError as e:
                raise QueryError(_syntax_message(e, query)) from None
            try:
                if isinstance(answer, ox.QueryBoolean):
                    return Result("ASK", boolean=bool(answer))
                if isinstance(answer, ox.QuerySolutions):
                    cols = [v.value for v in answer.variables]
                    width = range(len(cols))
                    return Result("SELECT", cols, _collect(answer, max_rows, stop, lambda s: tuple(s[i] for i in width)))
                return Result("CONSTRUCT", triples=_collect(answer, max_rows, stop, lambda t: (t.subject, t.predicate, t.object)))
            except (_Stop, TooManyRows):
                raise
            except Exception as e:
                raise _reading_error(e) from None

        return _in_worker(go, timeout)

    def stream(self, query: str, timeout: float | None = None, allow_network: bool = False,
               max_rows: int | None = None):
        """A SELECT query's column names, then its rows one by one as Oxigraph reads them (see `_streamed`);
        past `max_rows` rows, TooManyRows."""
        import pyoxigraph as ox

        checked = check(query, allow_network, self.graphs, OXIGRAPH)
        options = {} if checked.shape.has_dataset else {"use_default_graph_as_union": True}

        def produce(put, stop) -> None:
            try:
                answer = self.store.query(query, prefixes=PREFIX_IRIS, **options)
            except SyntaxError as e:
                raise QueryError(_syntax_message(e, query)) from None
            if not isinstance(answer, ox.QuerySolutions):
                raise QueryError("only a SELECT query's rows can be streamed")
            cols = [v.value for v in answer.variables]
            put(cols)
            width = range(len(cols))
            n = 0
            try:
                for solution in answer:
                    if stop.is_set():
                        raise _Stop
                    if max_rows is not None and n >= max_rows:
                        raise _too_many_rows(max_rows)
                    put(tuple(solution[i] for i in width))
                    n += 1
            except (_Stop, TooManyRows):
                raise
            except Exception as e:
                raise _reading_error(e) from None

        return _streamed(produce, timeout)


class RdflibEngine:
    """rdflib's SPARQL engine over a Dataset whose default graph is the union of the named graphs."""

    name = "rdflib"

    def __init__(self, dataset):
        self.dataset = dataset

    def graphs(self) -> set[str]:
        from rdflib import URIRef

        return {str(g.identifier) for g in self.dataset.graphs() if isinstance(g.identifier, URIRef) and len(g)}

    def run(self, query: str, timeout: float | None = None, allow_network: bool = False,
            max_rows: int | None = None) -> Result:
        from kg.terms import from_rdflib

        check(query, allow_network, self.graphs, RDFLIB)
        ns = PREFIX_IRIS

        def go(stop) -> Result:
            try:
                answer = self.dataset.query(query, initNs=ns)
            except Exception as e:  # pyparsing and rdflib raise many unrelated types
                if isinstance(e, (OSError, re.error)) or type(e).__module__.startswith(("urllib", "http")):
                    raise _reading_error(e) from None
                raise QueryError(_syntax_message(e)) from None
            try:
                if answer.type == "ASK":
                    return Result("ASK", boolean=bool(answer.askAnswer))
                if answer.type == "SELECT":
                    cols = [str(v) for v in answer.vars]
                    return Result("SELECT", cols, _collect(answer, max_rows, stop, lambda row: tuple(from_rdflib(t) for t in row)))
                return Result("CONSTRUCT", triples=_collect(answer, max_rows, stop, lambda tr: tuple(from_rdflib(t) for t in tr)))
            except (_Stop, TooManyRows):
                raise
            except Exception as e:
                raise _reading_error(e) from None

        return _under_alarm(go, timeout) if _can_use_alarm() else _in_worker(go, timeout)
