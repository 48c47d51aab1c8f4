"""Cold plain-language questions against `python -c "import rdflib"`, whole process vs whole process.

    python benchmarks/ask.py [--runs 9]

Each row runs the question as a fresh `kg query` process, alternated with the baseline so both see the
same machine state; the table gives min / median / max wall seconds and the ratio of medians. The graph is
built (and the question pipeline's key table cached) by a warm-up run first, as after any `kg build`.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

QUESTIONS = [
    "Which launched first, DingTalk or WeCom?",
    "How many online office users did China have in June 2021?",
    "钉钉的竞争对手有哪些",
    "2020年2月3日发生了哪些宕机",
]


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args(argv)
    kg = shutil.which("kg") or sys.exit("kg is not installed in this environment")
    base = [sys.executable, "-c", "import rdflib"]
    # bytecode for kg, as `pip install` leaves it (rdflib has its own): else a checkout run with
    # PYTHONDONTWRITEBYTECODE would time the compiler on every start
    compileall.compile_dir(Path(importlib.util.find_spec("kg").submodule_search_locations[0]), quiet=1)
    for q in QUESTIONS:
        subprocess.run([kg, "query", q], stdout=subprocess.DEVNULL, check=False)  # warm-up: build, key table
    print("| question | kg query (s) min / median / max | import rdflib (s) median | ratio |\n|---|---|---|---|")
    for q in QUESTIONS:
        ours, theirs = [], []
        for _ in range(args.runs):
            theirs.append(timed(base))
            ours.append(timed([kg, "query", q]))
        ratio = statistics.median(ours) / statistics.median(theirs)
        print(f"| {q} | {min(ours):.3f} / {statistics.median(ours):.3f} / {max(ours):.3f} "
              f"| {statistics.median(theirs):.3f} | {ratio:.2f}x |")
    print(f"\nbasis: whole processes, {args.runs} alternated runs each, seed graph already built, "
          "bytecode compiled on both sides")
    return 0


if __name__ == "__main__":
    sys.exit(main())
