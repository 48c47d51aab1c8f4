"""Writing files so that readers never see half of one: atomic replace, JSON, and command output."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from kg.errors import EnvironmentProblem


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename, so readers never see half a file."""
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600 files; an export should be readable like any other
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: Path, data: dict, indent: int | None = 1) -> None:
    """`data` as JSON; `indent` None writes it on one line, several times faster (json's C encoder)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=(",", ":") if indent is None else None)
    write_atomic(path, (text + "\n").encode())


def cached_json(path: Path | None, signature: str, make):
    """What `make()` returns, kept as JSON in `path` under `signature`: read back while the signature matches,
    else made and written. A cache that cannot be read or written only costs the making."""
    if path is not None:
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(stored, dict) and stored.get("signature") == signature and "data" in stored:
                return stored["data"]
        except (OSError, ValueError):
            pass
    data = make()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_json(path, {"signature": signature, "data": data})
        except (OSError, TypeError, ValueError):  # no room, read-only, or a value JSON cannot hold
            pass
    return data


def check_writable(path: Path | None) -> None:
    """Fail before any work when `path` could not be written: a missing or read-only folder, or a folder itself
    (EnvironmentProblem, exit 3). None is standard output."""
    if path is None:
        return
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        problem = "it is a folder"
    elif not folder.is_dir():
        problem = f"no folder {folder}"
    elif not os.access(folder, os.W_OK | os.X_OK):
        problem = f"the folder {folder} is not writable"
    else:
        return
    raise EnvironmentProblem(f"cannot write {path}: {problem}")


def write_output(data: bytes, path: Path | None) -> None:
    """Write to a file atomically (or to stdout when path is None)."""
    if path is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        write_atomic(path, data)
    except OSError as e:
        raise EnvironmentProblem(f"cannot write {path}: {e.strerror or e}") from None
