"""kg's benchmark suite: one command, one table per size, kg side by side with plain rdflib and native
pyoxigraph on the same synthetic data (benchmarks/synthetic.py), plus the seed-graph targets.

    python benchmarks/run.py --sizes 10k,100k,1M,5M       # what BENCHMARKS.md reports
    python benchmarks/run.py --sizes 10k --repeat 1        # the smoke test CI runs

Every measurement runs in a fresh child process; its peak memory is the child's maximum resident set
(os.wait4). Times are medians of --repeat runs. rdflib is left out above --rdflib-max triples (it needs
about a minute and 1.3 GB per million triples).
"""

from __future__ import annotations

import argparse
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
    out = ["query", name, "--format", "csv"]
    for k, v in params.items():
        out += ["--param", f"{k}={v}"]
    return out


# ---------------------------------------------------------------------- children (one per process)


def _timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def child_kg_sparql(facts: str, build: str, repeat: int) -> dict:
    """kg's library: open the build, answer each named query warm."""
    from kg.graph import open_graph

    t = time.perf_counter()
    g = open_graph(facts, build)
    opened = time.perf_counter() - t
    out = {"open": opened, "queries": {}}
    for name, params in QUERIES:
        g.query(name, params=params)  # warm-up
        seconds, answer = _timed(lambda n=name, p=params: g.query(n, params=p), repeat)
        out["queries"][name] = {"seconds": seconds, "rows": len(answer.rows), "sparql": answer.sparql[0]}
    return out


def child_native(files: list[list[str]], store: str, texts: dict, repeat: int) -> dict:
    """Native pyoxigraph: bulk-load the same files into an on-disk store, then run the same SPARQL."""
    import pyoxigraph as ox

    from kg.iris import PREFIX_IRIS

    t = time.perf_counter()
    s = ox.Store(store)
    for path, fmt, graph in files:
        s.bulk_load(path=path, format=getattr(ox.RdfFormat, fmt), to_graph=ox.NamedNode(graph) if graph else None)
    s.flush()
    load = time.perf_counter() - t
    out = {"load": load, "queries": {}}
    for name, text in texts.items():
        def go(q=text):
            return len(list(s.query(q, prefixes=PREFIX_IRIS, use_default_graph_as_union=True)))
        go()
        seconds, rows = _timed(go, repeat)
        out["queries"][name] = {"seconds": seconds, "rows": rows}
    return out


def child_native_cold(store: str, text: str) -> dict:
    """A fresh process that opens the native store read-only and answers one query."""
    import pyoxigraph as ox

    from kg.iris import PREFIX_IRIS

    rows = len(list(ox.Store.read_only(store).query(text, prefixes=PREFIX_IRIS, use_default_graph_as_union=True)))
    return {"rows": rows}


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


def child_projection(facts: str, build: str, nx_baseline: bool) -> dict:
    """kg's streamed projection of the store, PageRank and sampled betweenness (igraph when installed)."""
    from kg.build.pipeline import ensure_built
    from kg.network.analysis import scores
    from kg.sparql.engine import OxigraphEngine

    t = time.perf_counter()
    engine = OxigraphEngine.for_build(ensure_built(facts, build))
    from kg.network.analysis import project_store

    g = project_store(engine.store)
    out = {"project": time.perf_counter() - t, "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
    t = time.perf_counter()
    scores(g, "pagerank")
    out["pagerank"] = time.perf_counter() - t
    t = time.perf_counter()
    _, k = scores(g, "betweenness")
    out["betweenness"] = time.perf_counter() - t
    out["samples"] = k
    if nx_baseline:  # networkx alone, the same sampled sources
        import networkx as nx

        from kg.network.analysis import K_SAMPLES, undirected

        u = undirected(g)
        t = time.perf_counter()
        nx.betweenness_centrality(u, k=min(K_SAMPLES, u.number_of_nodes()), normalized=True, seed=42)
        out["nx_betweenness"] = time.perf_counter() - t
    return out


CHILDREN = {"kg_sparql": child_kg_sparql, "native": child_native, "native_cold": child_native_cold,
            "rdflib": child_rdflib, "projection": child_projection}


# ---------------------------------------------------------------------- the measurements


def median_runs(cmd: list[str], repeat: int, what: str) -> tuple[float, float, float]:
    runs = [checked(run_child(cmd), what) for _ in range(repeat)]
    return statistics.median(r.wall for r in runs), max(r.rss_mb for r in runs), statistics.median(r.cpu for r in runs)


def bench_size(size: int, work: Path, repeat: int, rdflib_max: int) -> dict:
    folder = work / f"size-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    t = time.perf_counter()
    info = generate(folder, size)
    facts, build = info["facts"], folder / "build"
    res: dict = {"size": size, "generate": time.perf_counter() - t}
    print(f"[{size:,} triples] generated in {res['generate']:.1f} s", file=sys.stderr)

    b = checked(run_child(kg_cmd(facts, build, "build")), "kg build")
    res["kg_build"] = {"seconds": b.wall, "rss": b.rss_mb, "cpu": b.cpu}
    manifest_dir = (build / (build / "CURRENT").read_text().strip())
    res["triples"] = json.loads((manifest_dir / "manifest.json").read_text())["stats"]["triples"]
    print(f"  kg build {b.wall:.2f} s, {b.rss_mb:.0f} MB, {res['triples']:,} triples", file=sys.stderr)

    sparql = checked(run_child(me("kg_sparql", facts=str(facts), build=str(build), repeat=repeat)), "kg queries")
    res["kg_sparql"] = {**sparql.json(), "rss": sparql.rss_mb}
    texts = {name: q["sparql"] for name, q in res["kg_sparql"]["queries"].items()}

    res["kg_cold"] = {}
    for name, params in QUERIES:
        wall, rss, cpu = median_runs(kg_cmd(facts, build, *query_args(name, params)), repeat, f"kg query {name}")
        res["kg_cold"][name] = {"seconds": wall, "rss": rss, "cpu": cpu}
    print("  kg queries done", file=sys.stderr)

    files = [[str(manifest_dir / "graph.nq"), "N_QUADS", None]]
    files += [[str(p), "N_TRIPLES", f"https://w3id.org/kg-office/data/data/{p.stem}"] for p in sorted((facts / "data").glob("*.nt"))]
    store = folder / "native-store"
    native = checked(run_child(me("native", files=files, store=str(store), texts=texts, repeat=repeat)), "native pyoxigraph")
    res["native"] = {**native.json(), "seconds": native.wall, "rss": native.rss_mb, "cpu": native.cpu}
    res["native_cold"] = {}
    for name, text in texts.items():
        wall, rss, cpu = median_runs(me("native_cold", store=str(store), text=text), repeat, "native cold query")
        res["native_cold"][name] = {"seconds": wall, "rss": rss, "cpu": cpu}
    print(f"  native pyoxigraph load {res['native']['load']:.2f} s", file=sys.stderr)

    if size <= rdflib_max:
        rd = checked(run_child(me("rdflib", files=files, texts=texts)), "rdflib")
        res["rdflib"] = {**rd.json(), "seconds": rd.wall, "rss": rd.rss_mb}
        print(f"  rdflib load {res['rdflib']['load']:.1f} s", file=sys.stderr)

    proj = checked(run_child(me("projection", facts=str(facts), build=str(build), nx_baseline=size <= 200_000)), "projection")
    res["projection"] = {**proj.json(), "seconds": proj.wall, "rss": proj.rss_mb}
    print(f"  projection {res['projection']['nodes']:,} nodes", file=sys.stderr)
    shutil.rmtree(store, ignore_errors=True)
    return res


def bench_seed(work: Path, repeat: int) -> dict:
    """The seed-graph targets: a cold query against `import rdflib`, and building the shipped facts."""
    facts, build = ROOT / "facts", work / "seed-build"
    shutil.rmtree(build, ignore_errors=True)
    checked(run_child(kg_cmd(facts, build, "build")), "seed build")
    query = kg_cmd(facts, build, "query", SEED_QUESTION)
    rdflib = [sys.executable, "-c", "import rdflib"]
    res: dict = {}
    if shutil.which("hyperfine"):
        out = work / "hyperfine.json"
        runs = max(repeat * 5, 10)
        checked(run_child(["hyperfine", "-N", "-w", "3", "-r", str(runs), "--export-json", str(out),
                           subprocess.list2cmdline(rdflib), subprocess.list2cmdline(query)]), "hyperfine")
        found = json.loads(out.read_text())["results"]
        res.update(rdflib_import=found[0]["median"], kg_query=found[1]["median"], timer=f"hyperfine, {runs} runs",
                   rdflib_cpu=found[0]["user"] + found[0]["system"], kg_query_cpu=found[1]["user"] + found[1]["system"])
    else:
        a, b = [], []
        for _ in range(max(repeat * 5, 10)):  # interleaved, so drifting load hits both alike
            a.append(checked(run_child(rdflib), "import rdflib"))
            b.append(checked(run_child(query), "kg query"))
        res.update(rdflib_import=statistics.median(r.wall for r in a), kg_query=statistics.median(r.wall for r in b),
                   timer=f"{len(a)} interleaved runs", rdflib_cpu=statistics.median(r.cpu for r in a),
                   kg_query_cpu=statistics.median(r.cpu for r in b))
    builds = [checked(run_child(kg_cmd(facts, build, "build", "--force")), "seed build") for _ in range(repeat)]
    res["build"] = statistics.median(r.wall for r in builds)
    res["build_cpu"] = statistics.median(r.cpu for r in builds)
    res["build_rss"] = max(r.rss_mb for r in builds)
    return res


# ---------------------------------------------------------------------- the table


def _ms(x) -> str:
    return "—" if x is None else f"{x * 1000:,.0f} ms" if x < 10 else f"{x:,.1f} s"


def _s(x) -> str:
    return "—" if x is None else f"{x:,.2f} s"


def _mb(x) -> str:
    return "—" if x is None else f"{x:,.0f} MB"


def table(res: dict) -> str:
    nat, rd, kg = res["native"], res.get("rdflib"), res["kg_sparql"]
    rows = [("build / load (fresh process; kg: whole `kg build`, CPU in brackets)",
             f"{_s(res['kg_build']['seconds'])} ({_s(res['kg_build']['cpu'])})", _s(nat["load"]), _s(rd["load"]) if rd else "skipped"),
            ("peak memory of the build / load", _mb(res["kg_build"]["rss"]), _mb(nat["rss"]), _mb(rd["rss"]) if rd else "skipped")]
    for name, _ in QUERIES:
        rows.append((f"cold query `{name}` (fresh process; CPU in brackets)",
                     f"{_ms(res['kg_cold'][name]['seconds'])} ({_ms(res['kg_cold'][name]['cpu'])})",
                     f"{_ms(res['native_cold'][name]['seconds'])} ({_ms(res['native_cold'][name]['cpu'])})", "—"))
    for name, _ in QUERIES:
        r = rd["queries"][name]["seconds"] if rd else None
        rows.append((f"SPARQL `{name}` (warm; {kg['queries'][name]['rows']:,} rows)", _ms(kg["queries"][name]["seconds"]),
                     _ms(nat["queries"][name]["seconds"]), _ms(r) if rd else "skipped" if not rd else f"> {RDFLIB_QUERY_TIMEOUT} s"))
    p = res["projection"]
    rows.append((f"projection ({p['nodes']:,} nodes, {p['edges']:,} edges)", _s(p["project"]), "—", "—"))
    nxb = f"networkx alone: {_s(p['nx_betweenness'])}" if "nx_betweenness" in p else "—"
    rows.append((f"PageRank + betweenness ({p['samples'] or 'all'} sources)", _s(p["pagerank"] + p["betweenness"]), "—", nxb))
    rows.append(("peak memory of queries / projection", _mb(max(max(q["rss"] for q in res["kg_cold"].values()), p["rss"], kg["rss"])),
                 _mb(max(q["rss"] for q in res["native_cold"].values())), "—"))
    head = f"**{res['triples']:,} triples** (asked for {res['size']:,})\n\n| measure | kg | pyoxigraph | rdflib |\n|---|---:|---:|---:|\n"
    return head + "\n".join(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows) + "\n"


def targets(seed: dict | None, sizes: list[dict]) -> str:
    lines = ["| target | measured | met |", "|---|---|---|"]
    if seed:
        ratio = seed["kg_query"] / seed["rdflib_import"]
        lines.append(f"| `kg query \"{SEED_QUESTION}\"` ≤ 2× `import rdflib` | {seed['kg_query'] * 1000:.0f} ms vs "
                     f"{seed['rdflib_import'] * 1000:.0f} ms = {ratio:.2f}× ({seed['timer']}; CPU "
                     f"{seed['kg_query_cpu'] * 1000:.0f} vs {seed['rdflib_cpu'] * 1000:.0f} ms) | {'yes' if ratio <= 2 else 'no'} |")
        lines.append(f"| seed build ≤ 1 s | {seed['build']:.2f} s ({seed['build_cpu']:.2f} s CPU) | "
                     f"{'yes' if seed['build'] <= 1 else 'no'} |")
    for res in sizes:
        if not 700_000 <= res["size"] <= 1_500_000:
            continue
        ratio = res["kg_build"]["seconds"] / res["native"]["load"]
        lines.append(f"| 1 M: build ≤ 1.5× pyoxigraph bulk load | {res['kg_build']['seconds']:.2f} s vs "
                     f"{res['native']['load']:.2f} s = {ratio:.2f}× | {'yes' if ratio <= 1.5 else 'no'} |")
        worst = max((res["kg_sparql"]["queries"][n]["seconds"] / res["native"]["queries"][n]["seconds"], n) for n, _ in QUERIES)
        lines.append(f"| 1 M: each named query ≤ 2× native pyoxigraph (warm) | worst {worst[0]:.2f}× ({worst[1]}) | "
                     f"{'yes' if worst[0] <= 2 else 'no'} |")
        peak = max(res["kg_build"]["rss"], res["kg_sparql"]["rss"], res["projection"]["rss"],
                   *(q["rss"] for q in res["kg_cold"].values()))
        lines.append(f"| 1 M: peak memory ≤ 2 GB | {peak:,.0f} MB | {'yes' if peak <= 2048 else 'no'} |")
    for res in sizes:
        p = res["projection"]
        if 90_000 <= p["nodes"] <= 200_000:
            t = p["pagerank"] + p["betweenness"]
            lines.append(f"| PageRank + approximate betweenness on a 100 k-node projection ≤ 10 s | {t:.2f} s on "
                         f"{p['nodes']:,} nodes | {'yes' if t <= 10 else 'no'} |")
        if res["size"] >= 4_000_000:
            peak = max(res["kg_build"]["rss"], res["projection"]["rss"], *(q["rss"] for q in res["kg_cold"].values()))
            lines.append(f"| 5 M: builds and answers well under 24 GB | build {res['kg_build']['seconds']:.1f} s, "
                         f"peak {peak:,.0f} MB | {'yes' if peak < 12_000 else 'no'} |")
    return "\n".join(lines) + "\n"


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
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    ap.add_argument("--rdflib-max", default="1M", help="largest size rdflib is run on")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench", help="scratch folder")
    ap.add_argument("--no-seed", action="store_true", help="skip the seed-graph targets")
    ap.add_argument("--json", type=Path, help="also write every figure as JSON here")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(CHILDREN[args.child[0]](**json.loads(args.child[1]))))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    freeze_kg(args.work)
    sizes: list[dict] = []
    for size in args.sizes.split(","):
        sizes.append(bench_size(parse_size(size), args.work, args.repeat, parse_size(args.rdflib_max)))
        if args.json:  # written after each size, so a long run that stops keeps what it measured
            args.json.write_text(json.dumps({"sizes": sizes}, indent=1, default=str) + "\n")
    seed = None if args.no_seed else bench_seed(args.work, args.repeat)
    report = "\n".join(table(r) for r in sizes) + "\n" + targets(seed, sizes) + "\n" + machine() + "\n"
    print(report)
    if args.json:
        args.json.write_text(json.dumps({"sizes": sizes, "seed": seed}, indent=1, default=str) + "\n")


if __name__ == "__main__":
    main()
