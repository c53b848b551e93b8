#!/usr/bin/env python3
"""``econgraph build CORPUS --store NEW --jobs J`` (a rebuild from nothing) for this tree and an older commit, in
the same run, interleaved, for each ``--jobs``: wall, CPU of the main process and of its workers, peak RSS, the
time of each pass, and whether the two stores are the same.

    python bench/bench_rebuild.py --corpus /tmp/store3-bench/synth10k                # jobs 1 and 2, old = main
    python bench/bench_rebuild.py --corpus DIR --old-ref 00c9cdd --jobs 2 --repeat 2
    python bench/bench_rebuild.py --corpus DIR --only new --jobs 2                   # this tree alone

Each build is a new process (``RUNNER`` below) that runs the command line's ``main`` and prints its own
``getrusage``: ``self`` is the main process (reading files, the spill, alias links, the SQLite load), ``workers``
the worker processes of ``--jobs`` > 1 (extraction in the first pass; reading the spill, alias links and preparing the
load calls in the second). ``pass 1`` is the first pass (read, extract, spill), ``pass 2`` the rest (alias links, load
into the store, checkpoints), with its CPU split into the main process's and the workers'. The old code is taken from git as ``bench_store.py`` does. On a
shared machine absolute times are noisy: compare CPU seconds and the ratios of runs made side by side. The stores
are compared table by table (every row, fact ids included) and by ``econgraph export`` (json).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

RUNNER = textwrap.dedent(
    """
    import json, resource, sys, time
    import econgraph.build as b
    from econgraph.cli import cli

    phases = {}
    real = b._extract_to_spill

    def timed(*args, **kwargs):
        began = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            phases["pass1"] = time.perf_counter() - began
            phases["pass1_self_cpu"] = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
            phases["pass1_workers_cpu"] = sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2])  # pass 1's pool

    b._extract_to_spill = timed
    began = time.perf_counter()
    try:
        cli(["build", *sys.argv[2:]], standalone_mode=False)
    finally:
        wall = time.perf_counter() - began
        me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        out = {"wall": wall, "self_cpu": me.ru_utime + me.ru_stime, "workers_cpu": kids.ru_utime + kids.ru_stime,
               "self_rss_mb": me.ru_maxrss / 1024, "worker_rss_mb": kids.ru_maxrss / 1024, **phases}
        with open(sys.argv[1], "w") as f:
            json.dump(out, f)
    """
)

TABLES = (("nodes", "key"), ("facts", "id"), ("evidence", "fact, article"), ("names", "label, norm, key"),
          ("node_names", "key"), ("fact_counts", "type"), ("derived", "kind, key"),
          ("derived_terms", "kind, term, key"), ("covered", "kind, sig"))


def digest(store: Path) -> str:
    """A hash of every row of every table of the store (in key order), fact ids and node row order included."""
    import sqlite3

    conn = sqlite3.connect(store)
    h = hashlib.sha1()
    for table, order in TABLES:
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}"):  # noqa: S608 (fixed names)
            h.update(repr(row).encode())
    for row in conn.execute("SELECT key FROM nodes ORDER BY rowid"):
        h.update(repr(row).encode())
    conn.close()
    return h.hexdigest()


def export_digest(store: Path, env: dict[str, str], cwd: Path) -> str:
    out = store.with_suffix(".json")
    subprocess.run([sys.executable, "-m", "econgraph", "export", "--store", str(store), "-o", str(out)], env=env,
                   cwd=cwd, check=True, capture_output=True)
    value = hashlib.sha1(out.read_bytes()).hexdigest()
    out.unlink()
    return value


def one_build(corpus: Path, store: Path, jobs: int, env: dict[str, str], work: Path) -> dict[str, float]:
    for old in store.parent.glob(store.name + "*"):
        old.unlink()
    runner, result = work / "runner.py", work / "result.json"
    runner.write_text(RUNNER, encoding="utf-8")
    done = subprocess.run([sys.executable, str(runner), str(result), str(corpus), "--store", str(store),
                           "--jobs", str(jobs)], env=env, cwd=work, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"build failed ({done.returncode}):\n{done.stderr[-3000:]}")
    out: dict[str, float] = json.loads(result.read_text())
    out["load_avg"] = os.getloadavg()[0]
    return out


def pass2_cpu(r: dict[str, float]) -> tuple[float, float]:
    """CPU seconds of the second pass: the main process's (the SQLite writer) and its workers' (``--jobs`` > 1: they
    prepare the load calls), from the totals less what the first pass had used when it ended."""
    main = r["self_cpu"] - r.get("pass1_self_cpu", 0.0)
    workers = r["workers_cpu"] - r.get("pass1_workers_cpu", r["workers_cpu"])
    return main, workers


def main(argv: list[str] | None = None) -> int:
    from bench_store import old_package

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--old-ref", default="main", help="git commit of the 'old' code (default: main)")
    parser.add_argument("--jobs", type=int, action="append", help="repeatable; default 1 and 2")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--only", choices=("new", "old"))
    parser.add_argument("--work", type=Path, help="folder for the stores (default: a temporary one, removed)")
    args = parser.parse_args(argv)
    jobs_list = args.jobs or [1, 2]

    work = args.work or Path(tempfile.mkdtemp(prefix="econgraph-bench-rebuild-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        base_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        codes = {"new": (dict(base_env), work)}
        if args.only != "new":
            shutil.rmtree(work / "old", ignore_errors=True)
            pkg = old_package(args.old_ref, work / "old")
            codes["old"] = ({**base_env, "PYTHONPATH": str(pkg)}, work)
        if args.only == "old":
            del codes["new"]
        print(f"{args.corpus}: load average at start {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; "
              f"old = {args.old_ref}", flush=True)
        print("| code | jobs | wall s | pass 1 s | pass 2 s | CPU s (main + workers) | pass 2 CPU s (main + workers) "
              "| peak RSS MB (main, worker) | load |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        rows: dict[tuple[str, int], list[dict[str, float]]] = {}
        digests: dict[tuple[str, int], set[tuple[str, str]]] = {}
        for _ in range(args.repeat):
            for jobs in jobs_list:
                for name, (env, cwd) in codes.items():
                    store = work / f"{name}-j{jobs}.sqlite"
                    r = one_build(args.corpus, store, jobs, env, work)
                    rows.setdefault((name, jobs), []).append(r)
                    digests.setdefault((name, jobs), set()).add((digest(store), export_digest(store, env, cwd)))
                    pass2 = r["wall"] - r.get("pass1", 0.0)
                    main2, workers2 = pass2_cpu(r)
                    print(f"| {name} | {jobs} | {r['wall']:.1f} | {r.get('pass1', 0):.1f} | {pass2:.1f} | "
                          f"{r['self_cpu'] + r['workers_cpu']:.1f} ({r['self_cpu']:.1f} + {r['workers_cpu']:.1f}) | "
                          f"{main2 + workers2:.1f} ({main2:.1f} + {workers2:.1f}) | "
                          f"{r['self_rss_mb']:.0f}, {r['worker_rss_mb']:.0f} | {r['load_avg']:.1f} |", flush=True)
        if "old" in codes and "new" in codes:
            print()
            for jobs in jobs_list:
                new, old = rows[("new", jobs)], rows[("old", jobs)]
                wall = sum(r["wall"] for r in new) / sum(r["wall"] for r in old)
                cpu = (sum(r["self_cpu"] + r["workers_cpu"] for r in new)
                       / sum(r["self_cpu"] + r["workers_cpu"] for r in old))
                wall2 = (sum(r["wall"] - r.get("pass1", 0.0) for r in new)
                         / max(1e-9, sum(r["wall"] - r.get("pass1", 0.0) for r in old)))
                main2 = sum(pass2_cpu(r)[0] for r in new) / max(1e-9, sum(pass2_cpu(r)[0] for r in old))
                print(f"jobs {jobs}: new/old wall {wall:.2f}, CPU {cpu:.2f}; pass 2: wall {wall2:.2f}, "
                      f"main process CPU {main2:.2f}")
        every = {d for ds in digests.values() for d in ds}
        print(f"stores: {'all the same' if len(every) == 1 else 'DIFFERENT: ' + repr(digests)}")
        print(f"load average at end {os.getloadavg()[0]:.1f}")
        return 0 if len(every) == 1 else 1
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    started = time.time()
    code = main()
    print(f"({time.time() - started:.0f} s)")
    sys.exit(code)
