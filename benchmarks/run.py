"""kg's benchmark suite: every row compares the same work on the same basis, stated beside it.

    python benchmarks/run.py                              # the seed targets and 10k,100k,1M (BENCHMARKS.md)
    python benchmarks/run.py --quick                      # CI's smoke test: 3k triples, one run each, no seed
    python benchmarks/run.py --sizes 1M --only centrality --no-seed   # the 1M centrality rows alone

Fairness, row by row:
  * whole process vs whole process: a `kg` command is timed as a fresh process, and so is what it is compared
    with (`python -c "import rdflib"`, a native pyoxigraph script that never imports this file);
  * the same state: the native store is bulk-loaded *and* optimized, as kg's build does, before either is
    queried; both read the same files;
  * the same sample: betweenness is computed from the same sampled sources on both sides;
  * alternated runs: the commands compared take turns, round after round, so a drifting machine load hits all
    of them alike; each row gives min / median / max over --runs rounds (peak memory: the largest).
Peak memory is a child's maximum resident set (os.wait4). rdflib is left out above --rdflib-max triples.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic import generate, parse_size  # noqa: E402

# the five named queries timed at every size, with their parameters
QUERIES = [
    ("platforms-by-parent-company", {}),
    ("counts-per-company", {}),
    ("products-of-company", {"company": "bench-company-0"}),
    ("entities-per-class", {}),
    ("figures-by-metric", {"metric": "users"}),
]
SEED_QUESTION = "platforms by parent company"
RDFLIB_QUERY_TIMEOUT = 120
CENTRALITY = ["pagerank", "betweenness"]
CENTRALITY_TOP = 20  # the rows kg centrality shows by default (their labels are read; igraph has none to read)
CENTRALITY_BASIS = (f"kg in-process from the store, its top {CENTRALITY_TOP} rows labelled as `kg centrality` shows them, "
                    "vs igraph on the same graph in memory")

# a native pyoxigraph cold query: a fresh interpreter that opens the store read-only and answers one query
NATIVE_COLD = """import sys, pyoxigraph as ox
from kg.iris import PREFIX_IRIS
print(len(list(ox.Store.read_only(sys.argv[1]).query(sys.argv[2], prefixes=PREFIX_IRIS, use_default_graph_as_union=True))))
"""
# a native pyoxigraph build: bulk load the files of argv[2] (JSON) into the store argv[1], then optimize, as kg does
NATIVE_LOAD = """import json, sys, pyoxigraph as ox
s = ox.Store(sys.argv[1])
for path, fmt, graph in json.loads(sys.argv[2]):
    s.bulk_load(path=path, format=getattr(ox.RdfFormat, fmt), to_graph=ox.NamedNode(graph) if graph else None)
s.optimize()
s.flush()
"""


@dataclass
class Run:
    wall: float
    rss_mb: float
    cpu: float  # user + system seconds: less sensitive than wall time to other work on the machine
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out.strip().splitlines()[-1])


ENV: dict | None = None  # the children's environment (see `freeze_kg`)


def freeze_kg(work: Path) -> None:
    """Run the children on a copy of kg taken now, so that editing the checkout during a run (which
    changes the code a build depends on) cannot trigger rebuilds in the middle of the measurements."""
    global ENV
    import importlib.util

    package = Path(importlib.util.find_spec("kg").submodule_search_locations[0])
    frozen = work / "frozen-kg"
    shutil.rmtree(frozen, ignore_errors=True)
    shutil.copytree(package, frozen / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    if not (package / "data" / "ontology").is_dir():  # a checkout: the ontology sits beside the package
        shutil.copytree(package.parent / "ontology", frozen / "ontology")
    # bytecode, as `pip install` leaves it (and as rdflib has it): without it every child would compile kg
    compileall.compile_dir(frozen / "kg", quiet=1)
    ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(frozen), os.environ.get("PYTHONPATH")]))}


def run_child(cmd: list[str], timeout: float | None = None) -> Run:
    """Run a command; its wall time, peak resident memory (MB), exit code and output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=ENV, cwd=tempfile.gettempdir())  # not the checkout
        timer = threading.Timer(timeout, proc.kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, proc.returncode,
                   out.read().decode(), err.read().decode())


def checked(run: Run, what: str) -> Run:
    if run.code != 0:
        raise SystemExit(f"{what} failed (exit {run.code}): {run.err.strip()[-600:]}")
    return run


def me(task: str, **kwargs) -> list[str]:
    """This script as a child process running one measurement (see `child`)."""
    return [sys.executable, str(Path(__file__).resolve()), "--child", task, json.dumps(kwargs)]


def kg_cmd(facts: Path, build: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "kg", "--facts", str(facts), "--build-dir", str(build), *args]


def query_args(name: str, params: dict) -> list[str]:
    out = ["query", name, "--format", "csv", "--max-rows", "none", "--timeout", "none"]  # native has no caps either
    for k, v in params.items():
        out += ["--param", f"{k}={v}"]
    return out


def spread(values: list[float]) -> dict:
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def alternated(commands: dict[str, list[str]], runs: int, before: dict | None = None) -> dict[str, dict]:
    """Each command `runs` times as a fresh process, taking turns round after round; `before[name]` (if given)
    runs right before each of that command's runs, untimed (a fresh build folder, an edit). Per command: wall
    min/median/max, median CPU, peak memory, and the last run's output."""
    found: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            if before and name in before:
                before[name]()
            found[name].append(checked(run_child(cmd), name))
    return {name: {**spread([r.wall for r in rs]), "cpu": statistics.median(r.cpu for r in rs),
                   "rss": max(r.rss_mb for r in rs), "out": rs[-1].out} for name, rs in found.items()}


# ---------------------------------------------------------------------- children (one per process)


def _timed(fn, repeat: int) -> tuple[dict, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return spread(times), result


def child_kg_sparql(facts: str, build: str, repeat: int) -> dict:
    """kg's library: open the build, answer each named query warm (after one untimed run)."""
    from kg.graph import open_graph

    g = open_graph(facts, build)
    out = {"queries": {}}
    for name, params in QUERIES:
        g.query(name, params=params)  # warm-up
        seconds, answer = _timed(lambda n=name, p=params: g.query(n, params=p), repeat)
        out["queries"][name] = {"seconds": seconds, "rows": len(answer.rows), "sparql": answer.sparql[0]}
    return out


def child_native(store: str, texts: dict, repeat: int) -> dict:
    """Native pyoxigraph: open the (bulk-loaded, optimized) store read-only, run the same SPARQL warm."""
    import pyoxigraph as ox

    from kg.iris import PREFIX_IRIS

    s = ox.Store.read_only(store)
    out = {"queries": {}}
    for name, text in texts.items():
        def go(q=text):
            return len(list(s.query(q, prefixes=PREFIX_IRIS, use_default_graph_as_union=True)))
        go()
        seconds, rows = _timed(go, repeat)
        out["queries"][name] = {"seconds": seconds, "rows": rows}
    return out


def child_rdflib(files: list[list[str]], texts: dict) -> dict:
    """Plain rdflib: parse the same files into a Dataset (union default graph), run the same SPARQL once."""
    import signal

    from rdflib import Dataset, URIRef

    from kg.iris import PREFIX_IRIS

    formats = {"N_QUADS": "nquads", "N_TRIPLES": "nt"}
    t = time.perf_counter()
    ds = Dataset(default_union=True)
    for path, fmt, graph in files:
        if graph:
            ds.graph(URIRef(graph)).parse(path, format=formats[fmt])
        else:
            ds.parse(path, format=formats[fmt])
    out = {"load": time.perf_counter() - t, "queries": {}}

    def stop(*_):
        raise TimeoutError

    signal.signal(signal.SIGALRM, stop)
    for name, text in texts.items():
        signal.alarm(RDFLIB_QUERY_TIMEOUT)
        t = time.perf_counter()
        try:
            rows = len(list(ds.query(text, initNs=PREFIX_IRIS)))
            out["queries"][name] = {"seconds": time.perf_counter() - t, "rows": rows}
        except TimeoutError:
            out["queries"][name] = {"seconds": None, "rows": None}
        finally:
            signal.alarm(0)
    return out


def child_centrality(facts: str, build: str, edges: str) -> dict:
    """kg: the network read from the store and PageRank + betweenness by igraph (`kg centrality`'s path, no
    networkx), timed together; the network's edge list is written to `edges` for the igraph baseline."""
    from kg.build.pipeline import ensure_built
    from kg.network.analysis import build_network, projection_centrality

    b = ensure_built(facts, build)
    t = time.perf_counter()
    net = build_network(b)
    projected = time.perf_counter() - t
    result = projection_centrality(net, CENTRALITY, top=CENTRALITY_TOP)
    total = time.perf_counter() - t
    Path(edges).write_text(json.dumps({"nodes": net.iris, "edges": net.pairs}))
    return {"seconds": total, "project": projected, "nodes": result.nodes, "edges": result.edges,
            "samples": result.sample_size}


def child_igraph(edges: str) -> dict:
    """igraph alone on the same graph built in memory: PageRank and betweenness from the same sampled sources."""
    from kg.network.analysis import K_MIN_SAMPLES, K_SAMPLE_THRESHOLD, K_SAMPLES, K_WORK, _sampled_betweenness, load_igraph

    ig = load_igraph()
    data = json.loads(Path(edges).read_text())
    nodes, pairs = data["nodes"], [tuple(e) for e in data["edges"]]
    n = len(nodes)
    ig.Graph(n=2, edges=[(0, 1)])  # igraph's first graph imports numpy: not part of its computing time
    t = time.perf_counter()
    d = ig.Graph(n=n, edges=pairs, directed=True)
    d.simplify(multiple=True, loops=False)
    d.pagerank(damping=0.85, directed=True)
    u = ig.Graph(n=n, edges=pairs, directed=False)
    u.simplify(multiple=True, loops=True)
    if n > K_SAMPLE_THRESHOLD:
        k = min(n, K_SAMPLES, max(K_MIN_SAMPLES, K_WORK // max(len(pairs), 1)))
        _sampled_betweenness(u, nodes, k, 42)
    else:
        u.betweenness(directed=False)
    return {"seconds": time.perf_counter() - t}


CHILDREN = {"kg_sparql": child_kg_sparql, "native": child_native, "rdflib": child_rdflib,
            "centrality": child_centrality, "igraph": child_igraph}


# ---------------------------------------------------------------------- the measurements


def bench_size(size: int, work: Path, runs: int, rdflib_max: int, only: str | None = None) -> dict:
    folder = work / f"size-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    t = time.perf_counter()
    info = generate(folder, size)
    facts, build, store = info["facts"], folder / "build", folder / "native-store"
    res: dict = {"size": size, "generate": time.perf_counter() - t, "runs": runs}
    print(f"[{size:,} triples] generated in {res['generate']:.1f} s", file=sys.stderr)

    # a first build gives the compiled curated graph (graph.nq) that the native side loads with the data files
    checked(run_child(kg_cmd(facts, build, "build")), "kg build")
    manifest_dir = build / (build / "CURRENT").read_text().strip()
    res["triples"] = json.loads((manifest_dir / "manifest.json").read_text())["stats"]["triples"]
    graph_nq = folder / "graph.nq"
    shutil.copy(manifest_dir / "graph.nq", graph_nq)
    files = [[str(graph_nq), "N_QUADS", None]]
    files += [[str(p), "N_TRIPLES", f"https://w3id.org/kg-office/data/data/{p.stem}"] for p in sorted((facts / "data").glob("*.nt"))]

    def fresh(path: Path):
        return lambda: shutil.rmtree(path, ignore_errors=True)

    if only == "centrality":
        res["projection"] = _centrality_runs(facts, build, folder / "edges.json", runs)
        return res
    res["build"] = alternated(
        {"kg": kg_cmd(facts, build, "build", "--force"), "native": [sys.executable, "-c", NATIVE_LOAD, str(store), json.dumps(files)]},
        runs, before={"kg": fresh(build), "native": fresh(store)})
    print(f"  builds: kg {res['build']['kg']['median']:.2f} s, native {res['build']['native']['median']:.2f} s", file=sys.stderr)

    sparql = checked(run_child(me("kg_sparql", facts=str(facts), build=str(build), repeat=max(runs, 3))), "kg queries")
    res["kg_sparql"] = {**sparql.json(), "rss": sparql.rss_mb}
    texts = {name: q["sparql"] for name, q in res["kg_sparql"]["queries"].items()}
    native = checked(run_child(me("native", store=str(store), texts=texts, repeat=max(runs, 3))), "native queries")
    res["native"] = {**native.json(), "rss": native.rss_mb}

    res["cold"] = {}
    for name, params in QUERIES:
        res["cold"][name] = alternated({"kg": kg_cmd(facts, build, *query_args(name, params)),
                                        "native": [sys.executable, "-c", NATIVE_COLD, str(store), texts[name]]}, runs)
    print("  queries done", file=sys.stderr)

    if size <= rdflib_max:
        rd = checked(run_child(me("rdflib", files=files, texts=texts)), "rdflib")
        res["rdflib"] = {**rd.json(), "seconds": rd.wall, "rss": rd.rss_mb}
        print(f"  rdflib load {res['rdflib']['load']:.1f} s", file=sys.stderr)

    res["projection"] = _centrality_runs(facts, build, folder / "edges.json", runs)
    shutil.rmtree(store, ignore_errors=True)
    return res


def _centrality_runs(facts: Path, build: Path, edges: Path, runs: int) -> dict:
    kg_times, ig_times, rss = [], [], 0.0
    for _ in range(runs):  # alternated: kg (projection included), then igraph on the same graph in memory
        k = checked(run_child(me("centrality", facts=str(facts), build=str(build), edges=str(edges))), "kg centrality")
        i = checked(run_child(me("igraph", edges=str(edges))), "igraph")
        kg_times.append(k.json()["seconds"])
        ig_times.append(i.json()["seconds"])
        rss = max(rss, k.rss_mb)
        last = k.json()
    print(f"  centrality {last['nodes']:,} nodes", file=sys.stderr)
    return {**last, "kg": spread(kg_times), "igraph": spread(ig_times), "rss": rss}


SEED_COMMANDS = {
    "query": ["query", SEED_QUESTION],
    "query csv": ["query", SEED_QUESTION, "--format", "csv"],
    "show": ["show", "dingtalk"],
    "search": ["search", "ding"],
    "stats": ["stats"],
    "centrality": ["centrality"],
    "export": ["export", "--format", "turtle"],
    "--help": ["--help"],
}


def bench_seed(work: Path, runs: int) -> dict:
    """The seed-graph targets, each whole process against its baseline in alternated runs: every command
    against `python -c "import rdflib"`; an edit-to-answer (one label changed, then `kg query`, which rebuilds
    incrementally) and a from-scratch build against `python -c "import rdflib, pyshacl"`."""
    facts, build = work / "seed-facts", work / "seed-build"
    shutil.rmtree(facts, ignore_errors=True)
    shutil.rmtree(build, ignore_errors=True)
    shutil.copytree(ROOT / "facts", facts)
    checked(run_child(kg_cmd(facts, build, "build")), "seed build")
    commands = {"import rdflib": [sys.executable, "-c", "import rdflib"]}
    commands.update({name: kg_cmd(facts, build, *args) for name, args in SEED_COMMANDS.items()})
    res: dict = {"commands": alternated(commands, runs)}

    edited = facts / "documents" / "002_c60f5f8123234b95.yaml"
    original = edited.read_text(encoding="utf-8")
    turn = [0]

    def edit() -> None:  # one label in one fact file (an entity a document declares), different at every run
        turn[0] += 1
        edited.write_text(original.replace("{en: Kingsoft Office,", f"{{en: Kingsoft Office {turn[0]},", 1), encoding="utf-8")

    scratch = work / "seed-scratch"
    res["edit"] = alternated({"import rdflib, pyshacl": [sys.executable, "-c", "import rdflib, pyshacl"],
                              "edit, then kg query": kg_cmd(facts, build, *SEED_COMMANDS["query"]),
                              "kg build --force": kg_cmd(facts, scratch, "build", "--force")},
                             runs, before={"edit, then kg query": edit, "kg build --force": lambda: shutil.rmtree(scratch, True)})
    edited.write_text(original, encoding="utf-8")
    return res


# ---------------------------------------------------------------------- the tables


def _t(x) -> str:
    return "—" if x is None else f"{x * 1000:,.0f} ms" if x < 10 else f"{x:,.1f} s"


def _mmm(d: dict) -> str:
    """min / median / max of a timing."""
    return f"{_t(d['min'])} / **{_t(d['median'])}** / {_t(d['max'])}"


def _mb(x) -> str:
    return "—" if x is None else f"{x:,.0f} MB"


def centrality_table(res: dict) -> str:
    p = res["projection"]
    return (f"**{res['triples']:,} triples**, centrality only (`--only centrality`); times min / **median** / max\n\n"
            "| measure | kg | igraph | kg ÷ igraph |\n|---|---:|---:|---:|\n"
            f"| projection + PageRank + betweenness ({p['nodes']:,} nodes, {p['edges']:,} edges, {p['samples'] or 'all'} "
            f"sources; {CENTRALITY_BASIS}, {res['runs']} alternated runs) | "
            f"{_mmm(p['kg'])} | {_mmm(p['igraph'])} | {p['kg']['median'] / p['igraph']['median']:.2f}× |\n"
            f"| peak memory | {_mb(p['rss'])} | | |\n")


def table(res: dict) -> str:
    if "build" not in res:
        return centrality_table(res)
    nat, rd, kg = res["native"], res.get("rdflib"), res["kg_sparql"]
    runs = res["runs"]
    b = res["build"]
    rows = [(f"build: `kg build --force` vs bulk load + optimize (whole processes, {runs} alternated runs)",
             _mmm(b["kg"]), _mmm(b["native"]), f"{b['kg']['median'] / b['native']['median']:.2f}×",
             _t(rd["seconds"]) + " (parse, one run)" if rd else "skipped"),
            ("peak memory of the build / load", _mb(b["kg"]["rss"]), _mb(b["native"]["rss"]), "", _mb(rd["rss"]) if rd else "skipped")]
    for name, _ in QUERIES:
        c = res["cold"][name]
        rows.append((f"cold query `{name}` (whole processes, both stores optimized, {runs} alternated runs)",
                     _mmm(c["kg"]), _mmm(c["native"]), f"{c['kg']['median'] / c['native']['median']:.2f}×", "—"))
    for name, _ in QUERIES:
        k, n = kg["queries"][name], nat["queries"][name]
        r = rd["queries"][name]["seconds"] if rd else None
        ratio = f"{k['seconds']['median'] / n['seconds']['median']:.2f}×" if n["seconds"]["median"] > 0.0005 else "—"
        rows.append((f"SPARQL `{name}` (warm, in-process; {k['rows']:,} rows)", _mmm(k["seconds"]), _mmm(n["seconds"]), ratio,
                     (_t(r) + " (one run)" if r is not None else f"> {RDFLIB_QUERY_TIMEOUT} s") if rd else "skipped"))
    p = res["projection"]
    rows.append((f"centrality: projection + PageRank + betweenness ({p['nodes']:,} nodes, {p['edges']:,} edges, "
                 f"{p['samples'] or 'all'} sources; {CENTRALITY_BASIS})",
                 _mmm(p["kg"]), "igraph: " + _mmm(p["igraph"]), f"{p['kg']['median'] / p['igraph']['median']:.2f}×", "—"))
    rows.append(("peak memory of centrality / queries", _mb(max(p["rss"], kg["rss"])), _mb(nat["rss"]), "", "—"))
    head = (f"**{res['triples']:,} triples** (asked for {res['size']:,}); times min / **median** / max\n\n"
            "| measure | kg | pyoxigraph | kg ÷ pyoxigraph | rdflib |\n|---|---:|---:|---:|---:|\n")
    return head + "\n".join("| " + " | ".join(r) + " |" for r in rows) + "\n"


def seed_table(seed: dict, runs: int) -> str:
    base = seed["commands"]["import rdflib"]
    lines = [f"**Seed graph** (whole processes, {runs} alternated runs; times min / **median** / max)", "",
             "| command | time | baseline | ratio (medians) | target | met |", "|---|---:|---:|---:|---:|---|"]
    for name in SEED_COMMANDS:
        c = seed["commands"][name]
        ratio = c["median"] / base["median"]
        target = 1.2 if name.startswith("query") else 2.0
        shown = f"`kg {' '.join(SEED_COMMANDS[name])}`".replace(f"{SEED_QUESTION}", f'"{SEED_QUESTION}"')
        lines.append(f"| {shown} | {_mmm(c)} | `import rdflib` {_mmm(base)} | {ratio:.2f}× | ≤ {target}× | "
                     f"{'yes' if ratio <= target else 'no'} |")
    e = seed["edit"]
    base = e["import rdflib, pyshacl"]
    for name, target in (("edit, then kg query", 2.0), ("kg build --force", 4.0)):
        ratio = e[name]["median"] / base["median"]
        lines.append(f"| {name} | {_mmm(e[name])} | `import rdflib, pyshacl` {_mmm(base)} | {ratio:.2f}× | ≤ {target}× | "
                     f"{'yes' if ratio <= target else 'no'} |")
    return "\n".join(lines) + "\n"


def targets(sizes: list[dict]) -> str:
    lines = []
    for res in sizes:
        if not 700_000 <= res["size"] <= 1_500_000:
            continue
        b, p = res.get("build"), res["projection"]
        build = b["kg"]["median"] / b["native"]["median"] if b else None
        cent = p["kg"]["median"] / p["igraph"]["median"]
        peak = p["rss"]
        lines += ["| 1 M target | measured | met |", "|---|---|---|",
                  f"| build ≤ 1.3× pyoxigraph bulk load + optimize | {build:.2f}× | {'yes' if build <= 1.3 else 'no'} |"
                  if build else "| build ≤ 1.3× pyoxigraph bulk load + optimize | not measured (--only) | |",
                  f"| centrality (projection included) ≤ 3× igraph on the same graph in memory | {cent:.2f}× | "
                  f"{'yes' if cent <= 3 else 'no'} |",
                  f"| centrality peak memory ≤ 400 MB | {peak:,.0f} MB | {'yes' if peak <= 400 else 'no'} |"]
    return "\n".join(lines) + "\n" if lines else ""


def machine() -> str:
    import pyoxigraph
    import rdflib

    mem = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0) if Path("/proc/meminfo").exists() else 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{os.cpu_count()} cores, {mem:,} MB RAM, {platform.system()} {platform.release()}, Python "
            f"{platform.python_version()}, pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}; "
            f"load average {load:.1f} at the end")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10k,100k,1M", help="triples per synthetic fact set, e.g. 10k,100k,1M,5M")
    ap.add_argument("--runs", "--repeat", type=int, default=7, dest="runs", help="alternated runs per comparison")
    ap.add_argument("--big-runs", type=int, default=3, help="alternated runs for sizes of 500k triples and more")
    ap.add_argument("--rdflib-max", default="1M", help="largest size rdflib is run on")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench", help="scratch folder")
    ap.add_argument("--no-seed", action="store_true", help="skip the seed-graph targets")
    ap.add_argument("--seed-only", action="store_true", help="only the seed-graph targets")
    ap.add_argument("--quick", action="store_true", help="CI smoke test: --sizes 3k --runs 1 --no-seed")
    ap.add_argument("--json", type=Path, help="also write every figure as JSON here")
    ap.add_argument("--only", choices=["centrality"], help="of each size, measure this alone (after one build)")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(CHILDREN[args.child[0]](**json.loads(args.child[1]))))
        return
    if args.quick:
        args.sizes, args.runs, args.no_seed = "3k", 1, True
    args.work.mkdir(parents=True, exist_ok=True)
    freeze_kg(args.work)
    sizes: list[dict] = []
    for size in ([] if args.seed_only else args.sizes.split(",")):
        n = parse_size(size)
        sizes.append(bench_size(n, args.work, args.runs if n < 500_000 else min(args.runs, args.big_runs),
                                parse_size(args.rdflib_max), args.only))
        if args.json:  # written after each size, so a long run that stops keeps what it measured
            args.json.write_text(json.dumps({"sizes": sizes}, indent=1, default=str) + "\n")
    seed = None if args.no_seed else bench_seed(args.work, args.runs)
    report = (seed_table(seed, args.runs) + "\n" if seed else "") + "\n".join(table(r) for r in sizes)
    report += "\n" + targets(sizes) + "\n" + machine() + "\n"
    print(report)
    if args.json:
        args.json.write_text(json.dumps({"sizes": sizes, "seed": seed}, indent=1, default=str) + "\n")


if __name__ == "__main__":
    main()
