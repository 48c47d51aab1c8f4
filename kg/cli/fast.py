"""`kg query TEXT` (and `kg build [--force]`) without typer: the commonest calls, parsed by hand (typer and click
cost ~80 ms to import).

`parse` understands the global --facts and --build-dir, then `query` with one TEXT and the options a person
types most (--format/-f, --lang, --param/-p, --timeout, --max-rows, --engine, --sources, --explain, --all,
--allow-network); anything else, an invalid choice, a missing value or a value that looks like an option
included, is left to typer (None), which prints the help or the usage error. What follows a parse is
kg.cli.run.run_query (run_build), the very function typer's `kg query` (`kg build`) calls: output, errors and
exit codes are the same (tests/test_fast_cli.py runs both on the same arguments).
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

# option -> (keyword, allowed values or None for any string); flags apart
VALUED = {"--format": ("fmt", ("table", "csv", "tsv", "json", "md", "nt", "turtle")),
          "-f": ("fmt", ("table", "csv", "tsv", "json", "md", "nt", "turtle")),
          "--lang": ("lang", ("en", "zh", "zh-Hans", "zh-Hant")),
          "--engine": ("engine", ("oxigraph", "rdflib")),
          "--timeout": ("timeout", None),
          "--max-rows": ("max_rows", None)}
FLAGS = {"--sources": "sources", "--explain": "explain", "--all": "every_row", "--allow-network": "allow_network"}
PARAM = ("--param", "-p")
GLOBAL = {"--facts": "facts", "--build-dir": "build_dir"}
# environment variables typer reads for options the fast path does not take (or for shell completion)
TYPER_ONLY_ENV = ("KG_ENDPOINT", "KG_AUTH", "_KG_COMPLETE")
ENV = {"build_dir": "KG_BUILD_DIR", "timeout": "KG_TIMEOUT", "max_rows": "KG_MAX_ROWS"}


def _split(args: list[str], i: int) -> tuple[str, str | None, int] | None:
    """The option at args[i], its value (`--opt value` or `--opt=value`) and the next index; None when its
    value is missing or looks like an option (left to typer)."""
    name, eq, value = args[i].partition("=")
    if eq and name.startswith("--"):
        return name, value, i + 1
    if i + 1 >= len(args) or args[i + 1].startswith("-"):
        return None
    return name, args[i + 1], i + 2


def parse(args: list[str], environ=os.environ) -> tuple[dict, dict] | None:
    """(global options, run_query keywords) for `kg [--facts F] [--build-dir D] query TEXT [options]`, or
    (global options, {"build": True, "force": ...}) for `kg [...] build [--force]`; None for anything else."""
    if any(environ.get(v) for v in TYPER_ONLY_ENV):
        return None
    top: dict = {"facts": None, "build_dir": None}
    i = 0
    while i < len(args) and args[i].startswith("--"):
        if args[i].partition("=")[0] not in GLOBAL or (found := _split(args, i)) is None:
            return None
        name, value, i = found
        if not value:
            return None
        top[GLOBAL[name]] = Path(value)
    if top["build_dir"] is None and environ.get(ENV["build_dir"]):
        top["build_dir"] = Path(environ[ENV["build_dir"]])
    if args[i:] in (["build"], ["build", "--force"]):
        return top, {"build": True, "force": len(args) > i + 1}
    if i >= len(args) or args[i] != "query":
        return None
    kw: dict = {"params": []}
    texts = []
    i += 1
    while i < len(args):
        arg = args[i]
        if not arg.startswith("-") or arg == "-":
            if arg == "-":
                return None
            texts.append(arg)
            i += 1
            continue
        name = arg.partition("=")[0] if arg.startswith("--") else arg
        if name in FLAGS and name == arg:
            kw[FLAGS[name]] = True
            i += 1
            continue
        if name not in VALUED and name not in PARAM or (found := _split(args, i)) is None:
            return None
        name, value, i = found
        if name in PARAM:
            pname, eq, _ = value.partition("=")
            if not eq or not pname.strip():
                return None  # typer's usage error
            kw["params"].append(value)
            continue
        key, choices = VALUED[name]
        if choices is not None and value not in choices:
            return None
        kw[key] = value  # the last one given wins, as with click
    if len(texts) != 1:
        return None
    kw["text"] = texts[0]
    for key in ("timeout", "max_rows"):
        if kw.get(key) is None and environ.get(ENV[key]):
            kw[key] = environ[ENV[key]]
    return top, kw


class _PacifyFlush:
    """stdout or stderr after a broken pipe: flushing at exit stays quiet (as click does)."""

    def __init__(self, wrapped):
        self.wrapped = wrapped

    def flush(self) -> None:
        try:
            self.wrapped.flush()
        except OSError as e:
            if e.errno != errno.EPIPE:
                raise

    def __getattr__(self, attr: str):
        return getattr(self.wrapped, attr)


def run(top: dict, kw: dict) -> int:
    """Run a parsed `kg query`; the exit code, with Ctrl-C and a closed pipe handled as click handles them."""
    from kg.cli.base import Options
    from kg.cli.run import run_build, run_query

    Options.facts, Options.build_dir = top["facts"], top["build_dir"]
    try:
        if kw.get("build"):
            run_build(kw["force"])
        else:
            run_query(**kw)
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)  # click closes the terminal's ^C echo the same way
        return 130
    except OSError as e:
        if e.errno != errno.EPIPE:
            raise
        sys.stdout = _PacifyFlush(sys.stdout)
        sys.stderr = _PacifyFlush(sys.stderr)
        return 1
    return 0


def main() -> None:
    """The console script: the fast path when it applies, else typer."""
    parsed = parse(sys.argv[1:])
    if parsed is None:
        from kg.cli.app import main as typer_main

        typer_main()
        return
    sys.exit(run(*parsed))
