"""The two things every command module shares and nothing else: the global options and the console."""

from __future__ import annotations

from pathlib import Path


class Options:
    """Options shared by every command (set by the callback, or by kg.cli.fast)."""

    facts: Path | None = None
    build_dir: Path | None = None


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=stderr, emoji=False)
