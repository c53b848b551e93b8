#!/usr/bin/env python3
"""How build cost grows with the corpus: synthetic corpora of 1k, 10k (and 100k) articles.

Prints Markdown tables and writes them to bench/out/scale.md (docs/BENCHMARKS.md shows the current ones). Figures, not tests: every ratio is
against a baseline measured in the same run (time per article at the smallest size; 1 job).

    python bench/bench_scale.py                      # 1k and 10k
    python bench/bench_scale.py --with-100k          # and 100k (long: run it with time to spare)
    python bench/bench_scale.py --sizes 1000 --no-neo4j

Measured per size:
- ``econgraph build`` as a subprocess into a fresh embedded store with ``--jobs 1`` and ``--jobs 2``:
  wall time, and peak memory two ways: the largest single process (``wait4`` rusage, children
  included) and the whole process tree sampled with psutil (what the machine must hold);
- that both builds hold the same graph (node and relationship counts, and the sorted JSON export);
- extraction against the synthetic gold (``econgraph.evaluate``, the rules of ../shared/README.md);
- canned-query latency (every canned query with its default parameters, repeated) on the embedded
  store, and on Neo4j after ``econgraph build --neo4j`` into a server started by scripts/neo4j_server.py.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "scripts"))

import synth  # noqa: E402

TARGET_SECONDS_100K = 600.0
TARGET_RSS_BYTES = 4 * 1024**3
TARGET_LINEARITY = 1.5
TARGET_F1 = 0.95


# --------------------------------------------------------------------------- running a build


@dataclass
class Run:
    command: list[str]
    seconds: float
    exit_code: int
    max_rss_single: int  # bytes: the largest process (wait4 rusage includes waited-for children)
    max_rss_tree: int  # bytes: the process tree summed, sampled (0 without psutil)
    stderr_tail: str
    cpu_seconds: float = 0.0  # user + system of the process and its waited-for children (the workers)
    load: float = 0.0  # 1-minute load average at the end: other work on the machine shows here


def run_measured(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """Run ``cmd``; wall time, its own rusage peak and the sampled peak of its whole tree."""
    try:
        import psutil
    except ImportError:  # psutil is in the dev extra; without it only the single-process peak is known
        psutil = None
    err = tempfile.TemporaryFile()
    began = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=cwd)
    peak_tree = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        try:
            root = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not stop.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
                total = 0
                for p in procs:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                peak_tree = max(peak_tree, total)
            except psutil.Error:
                return
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True) if psutil else None
    if sampler:
        sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - began
    stop.set()
    if sampler:
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    err.seek(0)
    tail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
    err.close()
    return Run(cmd, seconds, proc.returncode, usage.ru_maxrss * 1024, peak_tree, " | ".join(tail),
               usage.ru_utime + usage.ru_stime, os.getloadavg()[0])


def econgraph_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "econgraph", *args]


# --------------------------------------------------------------------------- scoring


def evaluate_store(store_path: Path, gold_path: Path) -> tuple[dict[str, float], str]:
    """Extraction scores of a built store against a gold file, by ``econgraph.evaluate`` (the one scorer)."""
    from econgraph.graph.stores import open_store

    from econgraph.evaluate import graph_from_store, read_gold, score

    with open_store(store_path) as store:
        total = score(graph_from_store(store), read_gold(gold_path)).total

    def rate(x: float | None) -> float:
        return float("nan") if x is None else x

    c = total.companies
    return {"precision": rate(c.precision), "recall": rate(c.recall), "f1": rate(c.f1),
            "county": rate(total.link_accuracy), "institutions": rate(total.institutions.recall),
            "gold_companies": c.gold, "extracted": c.extracted}, "econgraph.evaluate"


def export_digest(store_path: Path, digest: bool = True) -> tuple[int, int, str]:
    """(nodes, relationships, SHA-256 of the sorted JSON export): equal digests mean equal graphs."""
    from econgraph.graph.export import to_json_dict
    from econgraph.graph.stores import open_store

    with open_store(store_path) as store:
        if not digest:
            stats = store.stats()
            return stats.total_nodes, stats.total_relationships, ""
        data = to_json_dict(store)
    blob = json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return len(data["nodes"]), len(data["relationships"]), hashlib.sha256(blob).hexdigest()[:16]


# --------------------------------------------------------------------------- queries


def query_latencies(store: Any, repeat: int) -> tuple[list[float], dict[str, float], list[str]]:
    """Every canned query with its default parameters, ``repeat`` times: all latencies (s), p95 per
    query, and the queries that could not run with defaults."""
    from econgraph.queries.catalog import CATALOG
    from econgraph.queries.runner import run_query

    from econgraph.errors import QueryError

    samples: list[float] = []
    per_query: dict[str, float] = {}
    failed: list[str] = []
    for name in CATALOG:
        times = []
        try:
            run_query(store, name)  # warm-up: first-call caches (alias index) are not what users wait on twice
            for _ in range(repeat):
                t0 = time.perf_counter()
                run_query(store, name)
                times.append(time.perf_counter() - t0)
        except QueryError as exc:
            failed.append(f"{name} ({exc})")
            continue
        samples += times
        per_query[name] = p95(times)
    return samples, per_query, failed


def p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


# --------------------------------------------------------------------------- the run


@dataclass
class SizeResult:
    articles: int
    pages: int = 0
    chars: int = 0
    builds: dict[int, Run] = field(default_factory=dict)
    graphs: dict[int, tuple[int, int, str]] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    scorer: str = ""
    embedded_p95: float = float("nan")
    embedded_worst: tuple[str, float] = ("", float("nan"))
    neo4j_load: Run | None = None
    neo4j_p95: float = float("nan")
    neo4j_worst: tuple[str, float] = ("", float("nan"))
    notes: list[str] = field(default_factory=list)


def corpus_for(work: Path, n: int, seed: int) -> tuple[Path, dict[str, Any]]:
    """The synthetic corpus of ``n`` articles, generated once and reused by later runs."""
    out = work / f"synth-{n}-s{seed}"
    gold_path = out / "gold.json"
    if gold_path.exists():
        with open(gold_path, encoding="utf-8") as fh:
            meta = json.load(fh).get("generator", {})
        if meta.get("articles") == n and meta.get("seed") == seed and meta.get("fingerprint") == synth.fingerprint():
            return out, meta
    shutil.rmtree(out, ignore_errors=True)
    summary = synth.generate(n, out, seed=seed)
    print(f"  generated {n} articles on {summary.pages} pages in {summary.seconds:.1f}s", flush=True)
    return out, {"articles": n, "pages": summary.pages}


def corpus_chars(path: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8")) for p in path.glob("*.txt"))


def bench_size(n: int, args: argparse.Namespace, work: Path, neo4j: Any) -> SizeResult:
    print(f"== {n} articles", flush=True)
    corpus, meta = corpus_for(work, n, args.seed)
    res = SizeResult(n, pages=int(meta.get("pages", 0)), chars=corpus_chars(corpus))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    builds = args.jobs_100k if n >= 100_000 else args.jobs
    for jobs in builds:
        store = work / f"store-{n}-j{jobs}.econgraph"
        store.unlink(missing_ok=True)
        cmd = econgraph_cmd("build", str(corpus), "--store", str(store), "--jobs", str(jobs))
        run = run_measured(cmd, env=env, cwd=work)
        res.builds[jobs] = run
        print(f"  build --jobs {jobs}: {run.seconds:.1f}s (CPU {run.cpu_seconds:.1f}s, load {run.load:.1f}) "
              f"exit {run.exit_code} "
              f"rss single {run.max_rss_single / 2**20:.0f} MiB tree {run.max_rss_tree / 2**20:.0f} MiB", flush=True)
        if run.exit_code not in (0,):
            res.notes.append(f"build --jobs {jobs} exited {run.exit_code}: {run.stderr_tail}")
        if store.exists():
            res.graphs[jobs] = export_digest(store, digest=len(builds) > 1)
    if len({g for g in res.graphs.values()}) > 1:
        res.notes.append("the builds with different --jobs hold different graphs: "
                         + ", ".join(f"jobs {j}: {g[0]} nodes {g[1]} rels {g[2]}" for j, g in res.graphs.items()))
    base_store = work / f"store-{n}-j{next(iter(res.builds), args.jobs[0])}.econgraph"
    if base_store.exists():
        res.scores, res.scorer = evaluate_store(base_store, corpus / "gold.json")
        print(f"  extraction: {json.dumps({k: round(v, 4) for k, v in res.scores.items()})}", flush=True)
        from econgraph.graph.stores import open_store

        with open_store(base_store) as store:
            samples, per_query, failed = query_latencies(store, args.repeat)
        res.embedded_p95 = p95(samples)
        if per_query:
            res.embedded_worst = max(per_query.items(), key=lambda kv: kv[1])
        res.notes += [f"embedded: query {f} did not run" for f in failed]
        print(f"  embedded query p95 {res.embedded_p95 * 1000:.1f} ms, worst {res.embedded_worst}", flush=True)
    if neo4j is not None and n in args.neo4j_sizes:
        neo4j.wipe()
        nenv = {**env, **neo4j.env()}
        cmd = econgraph_cmd("build", str(corpus), "--neo4j", "--jobs", str(max(args.jobs)))
        run = run_measured(cmd, env=nenv, cwd=work)
        res.neo4j_load = run
        print(f"  neo4j build: {run.seconds:.1f}s exit {run.exit_code}", flush=True)
        if run.exit_code != 0:
            res.notes.append(f"neo4j build exited {run.exit_code}: {run.stderr_tail}")
        samples, per_query, failed = neo4j.query_latencies(args.repeat)
        res.neo4j_p95 = p95(samples)
        if per_query:
            res.neo4j_worst = max(per_query.items(), key=lambda kv: kv[1])
        res.notes += [f"neo4j: query {f} did not run" for f in failed]
        print(f"  neo4j query p95 {res.neo4j_p95 * 1000:.1f} ms, worst {res.neo4j_worst}", flush=True)
    return res


class Neo4jBench:
    """A Neo4j server of our own for the run (never a user's server: it is wiped between sizes)."""

    def __init__(self) -> None:
        from neo4j_server import Neo4jServer

        self.server = Neo4jServer()
        self.server.start()

    def env(self) -> dict[str, str]:
        return self.server.env()

    def wipe(self) -> None:
        from neo4j import GraphDatabase

        with GraphDatabase.driver(self.server.uri, auth=self.server.auth) as driver, driver.session() as session:
            # an auto-commit transaction: CALL … IN TRANSACTIONS is refused inside an explicit one
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()

    def query_latencies(self, repeat: int) -> tuple[list[float], dict[str, float], list[str]]:
        from econgraph.graph.stores import open_store

        old = {k: os.environ.get(k) for k in self.env()}
        os.environ.update(self.env())
        try:
            with open_store(neo4j=True) as store:
                return query_latencies(store, repeat)
        finally:
            for k, v in old.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v

    def close(self) -> None:
        self.server.cleanup()


# --------------------------------------------------------------------------- report


def mib(n: int) -> str:
    return f"{n / 2**20:,.0f}" if n else "–"


def fmt_ms(s: float) -> str:
    return "–" if s != s else f"{s * 1000:.1f}"


def report(results: list[SizeResult], args: argparse.Namespace, started: str) -> str:
    base = results[0]
    lines = [
        "# Benchmarks: build cost against corpus size",
        "",
        f"Measured {started} by `python bench/bench_scale.py {' '.join(args.argv)}`".rstrip() + " on "
        f"{platform.node() or 'this machine'} ({os.cpu_count()} cores, Python {platform.python_version()}). "
        f"Corpora from `bench/synth.py --seed {args.seed}` (synthetic Liaocheng-style pages with a gold file). "
        "Ratios are against the smallest size measured in the same run.",
        "",
        "## Build into the embedded store (`econgraph build DIR --store FILE --jobs N`, a subprocess)",
        "",
        "Wall time depends on what else runs on the machine (the 1-minute load average at the end of each "
        "build is shown); CPU time (user + system of the build and its worker processes) much less so, "
        "so per-article growth is given for both.",
        "",
        "| articles | pages | chars | jobs | wall s | CPU s | load | wall ms/article | CPU ms/article "
        "| × wall/article vs smallest size | × CPU/article vs smallest size | speed-up vs 1 job (wall) "
        "| peak RSS, tree MiB | peak RSS, largest process MiB | nodes | relationships | same graph as 1 job |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for r in results:
        one = r.builds.get(args.jobs[0])
        for jobs, run in r.builds.items():
            per = run.seconds / r.articles
            base_run = base.builds.get(jobs)  # growth is against the smallest size with the same --jobs
            base_per_article = base_run.seconds / base.articles if base_run else float("nan")
            base_cpu_article = base_run.cpu_seconds / base.articles if base_run else float("nan")
            g = r.graphs.get(jobs, (0, 0, ""))
            ref = r.graphs.get(args.jobs[0])
            same = "–" if jobs == args.jobs[0] or ref is None else ("yes" if r.graphs.get(jobs) == ref else "**no**")
            status = "" if run.exit_code == 0 else f" (exit {run.exit_code})"
            cpu = run.cpu_seconds / r.articles
            lines.append(
                f"| {r.articles:,} | {r.pages:,} | {r.chars / 1e6:.1f}M | {jobs} | {run.seconds:.1f}{status} | "
                f"{run.cpu_seconds:.1f} | {run.load:.1f} | {per * 1000:.2f} | {cpu * 1000:.2f} | "
                f"{per / base_per_article:.2f} | {cpu / base_cpu_article:.2f} | "
                f"{(one.seconds / run.seconds) if one else float('nan'):.2f} | {mib(run.max_rss_tree)} | "
                f"{mib(run.max_rss_single)} | {g[0]:,} | {g[1]:,} | {same} |")
    lines += [
        "",
        "## Extraction against the synthetic gold, and canned-query latency",
        "",
        "Every canned query with its default parameters, after one warm-up call, "
        f"{args.repeat} times each; p95 over all those calls, and the slowest query by its own p95.",
        "",
        "| articles | company P | company R | company F1 | county links | institutions | scorer "
        "| embedded p95 ms | embedded slowest (p95 ms) | Neo4j load s | Neo4j load × embedded | Neo4j p95 ms "
        "| Neo4j slowest (p95 ms) |",
        "|---:|---:|---:|---:|---:|---:|:---|---:|:---|---:|---:|---:|:---|",
    ]
    for r in results:
        s = r.scores
        emb = r.builds.get(max(args.jobs))
        load = r.neo4j_load
        lines.append(
            f"| {r.articles:,} | {s.get('precision', float('nan')):.3f} | {s.get('recall', float('nan')):.3f} | "
            f"{s.get('f1', float('nan')):.3f} | {s.get('county', float('nan')):.3f} | "
            f"{s.get('institutions', float('nan')):.3f} | {r.scorer or '–'} | {fmt_ms(r.embedded_p95)} | "
            f"{r.embedded_worst[0]} ({fmt_ms(r.embedded_worst[1])}) | "
            f"{f'{load.seconds:.1f}' if load else '–'} | "
            f"{f'{load.seconds / emb.seconds:.2f}' if load and emb else '–'} | {fmt_ms(r.neo4j_p95)} | "
            f"{r.neo4j_worst[0]} ({fmt_ms(r.neo4j_worst[1])}) |")
    lines += ["", "## Targets", ""]
    lines += targets(results, args)
    notes = [f"- {r.articles:,} articles: {n}" for r in results for n in r.notes]
    if notes:
        lines += ["", "## Notes", "", *notes]
    return "\n".join(lines) + "\n"


def targets(results: list[SizeResult], args: argparse.Namespace) -> list[str]:
    out = []
    two = max(args.jobs)
    by_size = {r.articles: r for r in results}
    small = results[0]
    big = by_size.get(100_000)
    if big and two in big.builds:
        run = big.builds[two]
        ok = run.seconds < TARGET_SECONDS_100K and run.exit_code == 0
        out.append(f"- 100k articles with {two} jobs in under 10 min: **{run.seconds:.0f} s — {'met' if ok else 'missed'}**")
        rss = max(run.max_rss_tree, run.max_rss_single)
        out.append(f"- peak memory under 4 GiB: **{rss / 2**30:.2f} GiB — {'met' if rss < TARGET_RSS_BYTES else 'missed'}**")
    else:
        largest = results[-1]
        if two in largest.builds and largest.articles > 0:
            est = largest.builds[two].seconds / largest.articles * 100_000
            est_cpu = largest.builds[two].cpu_seconds / largest.articles * 100_000 / two
            out.append(f"- 100k articles with {two} jobs in under 10 min: not run; linear extrapolation from "
                       f"{largest.articles:,} articles gives **{est:.0f} s** wall as measured "
                       f"({'within' if est < TARGET_SECONDS_100K else 'over'} target), and {est_cpu:.0f} s if "
                       f"its CPU time were spread perfectly over {two} idle cores")
            rss = max(largest.builds[two].max_rss_tree, largest.builds[two].max_rss_single)
            out.append(f"- peak memory under 4 GiB: not run at 100k; {rss / 2**30:.2f} GiB at {largest.articles:,}")
    if len(results) > 1 and small.builds and results[-1].builds:
        for j in sorted(set(small.builds) & set(results[-1].builds)):
            a = small.builds[j].seconds / small.articles
            b = results[-1].builds[j].seconds / results[-1].articles
            ca = small.builds[j].cpu_seconds / small.articles
            cb = results[-1].builds[j].cpu_seconds / results[-1].articles
            out.append(f"- time per article at {results[-1].articles:,} within 1.5× of {small.articles:,} "
                       f"({j} job): **wall {b / a:.2f}×, CPU {cb / ca:.2f}× — "
                       f"{'met' if max(b / a, cb / ca) <= TARGET_LINEARITY else 'missed'}**")
    f1s = [(r.articles, r.scores.get("f1")) for r in results if r.scores]
    if f1s:
        worst = min(f for _, f in f1s)
        out.append(f"- extraction F1 ≥ 0.95 on the synthetic corpus: **{worst:.3f} (lowest over sizes) — "
                   f"{'met' if worst >= TARGET_F1 else 'missed'}**")
    return out


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="article counts, comma-separated (default 1000,10000)")
    ap.add_argument("--with-100k", action="store_true", help="add 100000 articles (long)")
    ap.add_argument("--jobs", default="1,2", help="--jobs values to build with (default 1,2; the first is the baseline)")
    ap.add_argument("--jobs-100k", default="2", help="--jobs values at 100k and above (default 2: the target's)")
    ap.add_argument("--seed", type=int, default=synth.DEFAULT_SEED)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "econgraph-bench",
                    help="where corpora (kept between runs) and stores go")
    ap.add_argument("--no-neo4j", action="store_true", help="skip the Neo4j load and queries")
    ap.add_argument("--neo4j-sizes", default="1000,10000,100000", help="sizes to also load into Neo4j")
    ap.add_argument("--repeat", type=int, default=20, help="calls per canned query (default 20)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "scale.md",
                    help="Markdown report (docs/BENCHMARKS.md takes its current figures by hand)")
    ap.add_argument("--append", action="store_true", help="add this run's report to --out instead of replacing it")
    args = ap.parse_args(argv)
    args.argv = argv
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.with_100k and 100_000 not in sizes:
        sizes.append(100_000)
    args.jobs = [int(j) for j in args.jobs.split(",")]
    args.jobs_100k = [int(j) for j in args.jobs_100k.split(",")]
    args.neo4j_sizes = {int(s) for s in args.neo4j_sizes.split(",") if s.strip()}
    args.work.mkdir(parents=True, exist_ok=True)
    logging.getLogger("neo4j").setLevel(logging.ERROR)  # unused-property notices on an empty graph
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    neo4j = None
    if not args.no_neo4j:
        print("starting a Neo4j server for the run …", flush=True)
        neo4j = Neo4jBench()
    try:
        results = [bench_size(n, args, args.work, neo4j) for n in sorted(sizes)]
    finally:
        if neo4j is not None:
            neo4j.close()
    text = report(results, args, started)
    print()
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.append and args.out.exists():
        text = args.out.read_text(encoding="utf-8").rstrip("\n") + "\n\n---\n\n" + text.replace(
            "# Benchmarks: build cost against corpus size", "# Another run", 1)
    args.out.write_text(text, encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
