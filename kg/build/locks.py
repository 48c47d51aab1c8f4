"""File locks that make parallel kg commands safe on one build directory (POSIX flock).

- The build lock (`<build dir>/.lock`, exclusive) is held while a process compiles a build, refreshes a
  manifest or tidies the folder: builds of the same facts are single-flight, the others wait and reuse.
- A reader lock (`<build>/READERS`, shared) is held by every process that uses a build, for as long as it
  uses it; an old build is deleted only after taking that lock exclusively without waiting, so a build in
  use is never deleted under its reader.

Where the file system cannot lock (or on a system without fcntl) kg works as before, unlocked.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX
    fcntl = None

LOCK_FILE = ".lock"
READERS_FILE = "READERS"


@contextmanager
def build_lock(build_dir: Path):
    """Hold the build directory's exclusive lock (waiting for another build to finish). A folder that
    cannot be created or locked (read-only) is used unlocked: nothing can be written there anyway."""
    fd = None
    try:
        build_dir.mkdir(parents=True, exist_ok=True)
        fd = _open(build_dir / LOCK_FILE, create=True)
        if fd is not None and fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError:
        pass
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)  # closing releases the lock


def hold(build: Path):
    """Take a shared lock on a build folder for as long as the returned file stays open.

    Returns the open file; None for a build without a READERS file (nothing to lock: made by an older kg,
    or unreadable); False when the build was deleted meanwhile (read CURRENT again).
    """
    path = build / READERS_FILE
    fd = _open(path)
    if fd is None:
        return False if not build.is_dir() else None
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_SH)  # waits only while a deleter renames the folder away
        if os.fstat(fd).st_ino != os.stat(path).st_ino:
            raise FileNotFoundError(path)
    except OSError:
        os.close(fd)
        return False
    return os.fdopen(fd, "rb")


def retire(build: Path) -> bool:
    """Delete an old build unless some process holds it; True when it is gone."""
    fd = _open(build / READERS_FILE)
    try:
        if fd is not None and fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        gone = build.with_name(".tmp-old-" + build.name)
        os.replace(build, gone)  # first out of sight, so that no reader finds it half deleted
    except OSError:  # held by a reader (BlockingIOError), or cannot be moved: keep it for a later build
        return False
    finally:
        if fd is not None:
            os.close(fd)
    shutil.rmtree(gone, ignore_errors=True)
    return True


def _open(path: Path, create: bool = False) -> int | None:
    """A descriptor to lock `path` with (read-only folders allow that too), or None."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT if create else os.O_RDONLY, 0o666)
    except OSError:
        if create:
            return _open(path)
        return None
