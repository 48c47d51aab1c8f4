"""Real SPARQL servers for the endpoint tests, each on 127.0.0.1 and a free port, in a private folder:
Oxigraph server (the `oxigraph` binary of the PyPI package `oxigraph`), Virtuoso 7 (`virtuoso-t` from
Debian's virtuoso-opensource-7-bin) and a small gate in front of a server (HTTP Basic, failures).

A missing tool skips its tests, unless KG_REQUIRE_TOOLS is set (as in CI), where it fails them.
Also here: the comparison of answers across stores, as multisets of values.
"""

from __future__ import annotations

import base64
import collections
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal, InvalidOperation
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest


def tool(name: str) -> str:
    """The path of a program: the venv's bin first, then PATH; skip (or fail under KG_REQUIRE_TOOLS) if absent."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found:
        return found
    if os.environ.get("KG_REQUIRE_TOOLS"):
        pytest.fail(f"{name} is required (KG_REQUIRE_TOOLS is set) but not installed")
    pytest.skip(f"{name} is not installed")


def private_build(build_dir: Path, folder: Path):
    """The session's build of the shipped facts, copied into `folder`: other tests may rebuild (and so
    delete) the shared build while a server module still pushes this one."""
    from kg.build.pipeline import Build, ensure_built

    build = ensure_built(Path(__file__).resolve().parent.parent / "facts", build_dir)
    shutil.copytree(build.path, folder)
    return Build(folder, build.manifest)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answers(url: str, process: subprocess.Popen, log: Path, seconds: float = 90.0) -> None:
    """Poll `url` with ASK {} until it answers 200; fail with the server's log if it dies or never does."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if process.poll() is not None:
            pytest.fail(f"{url} exited with {process.returncode}:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url + "?query=" + urllib.parse.quote("ASK {}"), timeout=2) as r:
                if r.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.2)
    process.kill()
    pytest.fail(f"{url} did not answer within {seconds:g} s:\n{log.read_text(errors='replace')[-2000:]}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _die_with_pytest() -> None:
    """In the server's process before it starts: on Linux, ask for SIGTERM when pytest goes away, so that
    even a killed test run leaves no server behind."""
    if sys.platform == "linux":
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


@contextlib.contextmanager
def stopped_on_failure(process: subprocess.Popen):
    """Stop a server whose start-up failed, so that no test run leaves one behind."""
    try:
        yield
    except BaseException:
        stop(process)
        raise


class Oxigraph:
    """`oxigraph serve` on disk in `folder`; `url` is its query endpoint (/query; /update and /store beside)."""

    def __init__(self, folder: Path, timeout_s: int | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.url = self.base + "/query"
        self.log = folder / "oxigraph.log"
        args = [tool("oxigraph"), "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{self.port}"]
        if timeout_s:
            args += ["--timeout-s", str(timeout_s)]
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, preexec_fn=_die_with_pytest,
                                            env={**os.environ, "RUST_BACKTRACE": "0"})
        with stopped_on_failure(self.process):
            wait_until_answers(self.url, self.process, self.log)

    def stop(self) -> None:
        stop(self.process)


VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {d}/db/virtuoso.db
ErrorLogFile       = {d}/db/virtuoso.log
LockFile           = {d}/db/virtuoso.lck
TransactionFile    = {d}/db/virtuoso.trx
xa_persistent_file = {d}/db/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {d}/db/virtuoso-temp.db
TransactionFile    = {d}/db/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:{sql}
DisableUnixSocket    = 1
DisableTcpSocket     = 0
MaxClientConnections = 10
CheckpointInterval   = 60
CaseMode             = 2
DirsAllowed          = ., {d}/load
VADInstallDir        = {d}/vad
NumberOfBuffers      = 10000
MaxDirtyBuffers      = 6000
MaxQueryMem          = 512M

[HTTPServer]
ServerPort           = 127.0.0.1:{http}
ServerRoot           = {d}/www
MaxClientConnections = 10
ServerThreads        = 10
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 60
"""


class Virtuoso:
    """A private Virtuoso 7 on loopback: a fresh database in `folder` (user dba, password dba); the anonymous
    SPARQL user may update. `url` is /sparql; `auth_url` is /sparql-auth (HTTP Digest)."""

    def __init__(self, folder: Path):
        binary, self.isql = tool("virtuoso-t"), tool("isql-vt")
        self.sql_port, self.port = free_port(), free_port()
        for sub in ("db", "load", "vad", "www"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        ini = folder / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(d=folder, sql=self.sql_port, http=self.port))
        self.base = f"http://127.0.0.1:{self.port}"
        self.url, self.auth_url = self.base + "/sparql", self.base + "/sparql-auth"
        self.log = folder / "virtuoso.stdout"
        with self.log.open("wb") as out:
            self.process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=folder,
                                            stdout=out, stderr=subprocess.STDOUT, preexec_fn=_die_with_pytest)
        with stopped_on_failure(self.process):
            wait_until_answers(self.url, self.process, self.log)
            self.sql('GRANT SPARQL_UPDATE TO "SPARQL";')

    def sql(self, statement: str) -> str:
        """Run one SQL statement with isql-vt; fail on an SQL error (isql itself exits 0 after one)."""
        script = f"{statement}\nexit $IF $EQU $STATE OK 0 1;\n"
        done = subprocess.run([self.isql, f"127.0.0.1:{self.sql_port}", "dba", "dba", "VERBOSE=OFF", "BANNER=OFF"],
                              input=script, capture_output=True, text=True, timeout=60)
        if done.returncode != 0 or "*** Error" in done.stdout:
            pytest.fail(f"isql failed on {statement!r}: {done.stdout[-1000:]}{done.stderr[-1000:]}")
        return done.stdout

    def stop(self) -> None:
        stop(self.process)


class Gate:
    """A small HTTP front for `target` (a server's base URL) that asks for HTTP Basic credentials when
    given some, and answers 500 from request number `fail_from` on (a store failing half-way)."""

    def __init__(self, target: str, user: str | None = None, password: str | None = None, fail_from: int | None = None):
        expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode() if user else None
        seen = []

        class Handler(BaseHTTPRequestHandler):
            def forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)) or None
                seen.append(self.command)
                if expected and self.headers.get("Authorization") != expected:
                    return self.reply(401, {"WWW-Authenticate": 'Basic realm="kg test"'}, b"")
                if fail_from and len(seen) >= fail_from:
                    return self.reply(500, {"Content-Type": "text/plain"}, b"disk full\n")
                headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
                request = urllib.request.Request(target + self.path, data=body, headers=headers, method=self.command)
                try:
                    with urllib.request.urlopen(request, timeout=60) as r:
                        status, reply, data = r.status, r.headers, r.read()
                except urllib.error.HTTPError as e:
                    status, reply, data = e.code, e.headers, e.read()
                self.reply(status, {"Content-Type": reply["Content-Type"]} if reply["Content-Type"] else {}, data)

            def reply(self, status: int, headers: dict, data: bytes) -> None:
                self.send_response(status)
                for k, v in {**headers, "Content-Length": str(len(data))}.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = forward

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.requests = seen
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# ---------------------------------------------------------------------------------------------- comparing answers

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBERS = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte", "positiveInteger",
                              "nonNegativeInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong")}
_CODE = re.compile(r'"(?:[^"\\]|\\.)*"|<[^<>\s]*>|#[^\n]*')


def value(term):
    """A term as stores may legitimately rewrite it: language tags in any case, numbers by value whatever
    their lexical form or numeric type (Oxigraph keeps xsd:positiveInteger as xsd:integer), booleans by
    truth, blank nodes without their labels."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return ("blank",)
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if term.language:
        return ("text", term.value, term.language.lower())
    datatype = term.datatype.value
    if datatype in NUMBERS:
        try:
            return ("number", Decimal(term.value))
        except InvalidOperation:
            pass
    if datatype == XSD + "boolean":
        return ("boolean", term.value in ("true", "1"))
    return ("literal", term.value, datatype)


def aggregated_columns(sparql: str) -> tuple[dict[str, str], set[str]]:
    """{column: separator} of GROUP_CONCAT columns and the set of SAMPLE columns: SPARQL leaves the order
    of a GROUP_CONCAT and the choice of a SAMPLE to each store."""
    concat = {m.group(2): m.group(1) for m in re.finditer(
        r'GROUP_CONCAT\s*\(.*?separator\s*=\s*"([^"]*)"\s*\)\s+AS\s+\?(\w+)', sparql, re.IGNORECASE | re.DOTALL)}
    sample = set(re.findall(r"SAMPLE\s*\([^)]*\)\s+AS\s+\?(\w+)", sparql, re.IGNORECASE))
    return concat, sample


def answers(result, sparql: str = "") -> collections.Counter:
    """The rows of a SELECT as a multiset of values (see `value` and `aggregated_columns`)."""
    concat, sample = aggregated_columns(sparql)
    rows = []
    for row in result.rows:
        out = []
        for name, term in zip(result.columns, row):
            if name in concat and term is not None:
                out.append(("concat", tuple(sorted(term.value.split(concat[name])))))
            elif name in sample:
                out.append(("sample", None if term is None else type(term).__name__))
            else:
                out.append(value(term))
        rows.append(tuple(out))
    return collections.Counter(rows)


def has_property_path(sparql: str) -> bool:
    """True if the query uses a *, + or ? property path (strings, IRIs and comments ignored)."""
    code = _CODE.sub(lambda m: '""' if m.group().startswith('"') else "<>", sparql)
    return bool(re.search(r"[\w>)][*+?](?=[\s/|);.])", code))
