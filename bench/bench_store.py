#!/usr/bin/env python3
"""The embedded store as a user meets it: cold queries in a new process and adding one page, at the size of
a news archive, for the SQLite store and for the first store (zlib JSON, one edge per article) in the same run.

    python bench/bench_store.py                         # 20,000 synthetic articles
    python bench/bench_store.py --articles 100000       # the issue's target size (long)
    python bench/bench_store.py --old-ref d992e70       # the commit whose store is "old"

How: the graph is ``bench_neo4j_load.synthetic_graph`` (≈ 22 relationships per article, made-up names),
loaded through each store's own ``load`` (no extraction: that is the same for both, see bench_scale.py).
The old store's code is taken from git (``--old-ref``) into a temporary folder laid out as the installed
package and run with this interpreter (``PYTHONPATH``), so both stores are measured on the same machine in
the same run. Then, per store, each a new process, medians of ``--repeat`` runs with peak memory (maxrss):

- ``econgraph query run companies-in-county -p county=第0县`` (cold: the process starts, opens the store, answers);
- ``econgraph query run shortest-path -p from=第0县 -p to=第1县``;
- ``econgraph build seeds/<page 000>`` into the store once: the first build after ``store.load`` fills the
  store's caches (the short forms of every stored company), which a store made by ``econgraph build`` already has;
- ``econgraph build seeds/<page 001…004>`` into a copy of that store (adding one page to a built archive).

Each case prints the median wall time, the median CPU time (user + sys of the child: the figure to trust on a
busy machine) and the largest peak RSS.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import time
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PAGE = ROOT / "seeds" / "000_6515147898e2fc90.txt"
NEW_PAGES = sorted(p for p in (ROOT / "seeds").glob("*.txt") if p != PAGE)

LOADER = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, sys.argv[3])
    from bench_neo4j_load import synthetic_graph
    from econgraph.graph.embedded import EmbeddedStore

    n, path = int(sys.argv[1]), sys.argv[2]
    facts = synthetic_graph(n)
    began = time.perf_counter()
    store = EmbeddedStore(path)
    with store.deferred_save():
        for i in range(0, len(facts), 200):
            store.load(facts[i:i + 200])
            if (i // 200) % 4 == 3:
                store.flush()
    print(f"{time.perf_counter() - began:.1f}")
    """
)


def old_package(ref: str, into: Path) -> Path:
    """The code of ``ref`` laid out as the installed package (econgraph/, econgraph/graph, …); its path."""
    data = subprocess.run(["git", "archive", ref, "econgraph", "graph", "loaders", "queries", "bench"], cwd=ROOT,
                          check=True, capture_output=True).stdout
    src = into / "src"
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(src, filter="data")
    pkg = into / "pkg"
    shutil.copytree(src / "econgraph", pkg / "econgraph")
    for sub in ("graph", "loaders", "queries"):
        shutil.copytree(src / sub, pkg / "econgraph" / sub)
    return pkg


def run(cmd: list[str], env: dict[str, str], cwd: Path = ROOT) -> str:
    """stdout of a command that must succeed."""
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-3000:]}")
    return done.stdout


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS in MB of one run of ``cmd`` (os.wait4 on the child). ``cwd``
    outside the checkout: ``python -m`` puts the working directory first on sys.path."""
    began = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - began
    if status != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-3000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


Result = tuple[float, float, float]  # median wall s, median CPU s, largest peak MB


def summary(runs: list[tuple[float, float, float]]) -> Result:
    return (statistics.median(t for t, _, _ in runs), statistics.median(c for _, c, _ in runs),
            max(p for _, _, p in runs))


def measure(name: str, store: Path, env: dict[str, str], repeat: int, work: Path) -> dict[str, Result]:
    """Median wall and CPU seconds and largest peak MB per case."""
    exe = [sys.executable, "-m", "econgraph"]
    cases = {
        "companies-in-county": ["query", "run", "companies-in-county", "-p", "county=第0县", "--format", "json"],
        "shortest-path": ["query", "run", "shortest-path", "-p", "from=第0县", "-p", "to=第1县", "--format", "json"],
    }
    results: dict[str, Result] = {}
    for case, args in cases.items():
        results[case] = summary([timed([*exe, *args, "--store", str(store)], env, work) for _ in range(repeat)])
    results["first build after load"] = summary([timed([*exe, "build", str(PAGE), "--store", str(store)], env, work)])
    runs = []
    for i in range(repeat):
        copy = work / f"{name}-copy-{i}{store.suffix}"
        shutil.copyfile(store, copy)
        page = NEW_PAGES[i % len(NEW_PAGES)]
        runs.append(timed([*exe, "build", str(page), "--store", str(copy)], env, work))
        copy.unlink()
    results["add one page"] = summary(runs)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--old-ref", default="d992e70", help="git commit of the first (zlib JSON) store")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the stores in this folder")
    parser.add_argument("--only", choices=("new", "old"), help="measure one store only")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="econgraph-bench-store-"))
    try:
        print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; "
              f"{args.articles:,} synthetic articles")
        old_pkg = old_package(args.old_ref, work / "old")
        base_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        stores = {
            "sqlite (this tree)": (work / "new.sqlite", dict(base_env), HERE),
            f"zlib JSON ({args.old_ref})": (work / "old.econgraph", {**base_env, "PYTHONPATH": str(old_pkg)},
                                            work / "old" / "src" / "bench"),
        }
        if args.only:
            stores = dict([list(stores.items())[0 if args.only == "new" else 1]])
        loader = work / "loader.py"
        loader.write_text(LOADER, encoding="utf-8")
        table = []
        for name, (path, env, bench_dir) in stores.items():
            out = run([sys.executable, str(loader), str(args.articles), str(path), str(bench_dir)], env)
            size = path.stat().st_size / 1e6
            print(f"{name}: loaded in {float(out.strip()):.1f} s, {size:.0f} MB", flush=True)
            results = measure(name.split()[0], path, env, args.repeat, work)
            for case, (median, cpu, peak) in results.items():
                table.append((case, name, median, cpu, peak))
                print(f"  {case:<24} {median:6.2f} s  CPU {cpu:6.2f} s  peak {peak:6.0f} MB", flush=True)
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, args.keep / path.name)
        print()
        print(f"| {args.articles:,} articles | store | median wall s (of {args.repeat}) | median CPU s | peak MB |")
        print("|---|---|---:|---:|---:|")
        for case, name, median, cpu, peak in sorted(table):
            print(f"| {case} | {name} | {median:.2f} | {cpu:.2f} | {peak:.0f} |")
        print(f"load average at end: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
