#!/usr/bin/env python3
"""Latency of every canned query on both stores over a generated graph of 50,000+ companies.

Figures, not a test. The graph is generated as ArticleFacts (no extraction) with the region pack's
counties, industries (and their PART_OF taxonomy) and programs; companies, institutions and articles
are synthetic. Companies cluster unevenly across counties (weight 1/sqrt(rank): the first county hosts
about a fifth of them), as on the seeds. Each query runs ``--reps`` times per store with parameters drawn from the graph, end to
end through ``run_query`` (parameter checks and name resolution included). The baseline measured in
the same run is the embedded store: the table gives Neo4j's p50 as a multiple of it.

    python bench/bench_queries.py                      # 50,000 companies, both stores
    python bench/bench_queries.py --companies 5000 --no-neo4j

Neo4j: the server named by NEO4J_URI (it is cleared first: use a scratch server), else one started
from scripts/neo4j_server.py on free ports and stopped at the end.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "scripts"))

from econgraph.graph.embedded import EmbeddedStore  # noqa: E402
from econgraph.graph.model import ArticleFacts, Evidence, Node, Relationship, entity_uid  # noqa: E402
from econgraph.graph.type_index import invalidate, type_index  # noqa: E402
from econgraph.loaders.article import Article  # noqa: E402
from econgraph.queries.catalog import CATALOG  # noqa: E402
from econgraph.queries.runner import run_query  # noqa: E402

REGION = ROOT / "loaders" / "regions" / "liaocheng"
TARGET_P95_MS = 50.0
SCAN_REPS = 8  # whole-graph queries run fewer times: they take seconds at 50,000 companies
SENTENCE = "某企业位于某县,从事某产业。"
DOCS = ROOT / "docs" / "QUERIES.md"
BEGIN, END = "<!-- latency:begin -->", "<!-- latency:end -->"


def _pack() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    region = json.loads((REGION / "region.json").read_text(encoding="utf-8"))
    industries = json.loads((REGION / "industries.json").read_text(encoding="utf-8"))["industries"]
    programs = json.loads((REGION / "programs.json").read_text(encoding="utf-8"))["programs"]
    return region["counties"], industries, programs


def generate(n_companies: int, seed: int = 7) -> list[ArticleFacts]:
    """One 'profile' article per company (its county, industries, designations, ties) plus news
    articles naming several companies at once, spread over 24 months."""
    rng = random.Random(seed)
    counties_raw, industries_raw, programs_raw = _pack()
    counties = [Node("County", entity_uid(c["name"]), {"name": c["name"], "kind": c["kind"], "city": "聊城市",
                                                       "aliases": c["aliases"]}) for c in counties_raw]
    industries = [Node("Industry", entity_uid(i["name"]), {"name": i["name"], "aliases": i["aliases"]})
                  for i in industries_raw]
    by_name = {i["name"]: n for i, n in zip(industries_raw, industries, strict=True)}
    programs = [Node("Program", entity_uid(p["name"]), {k: v for k, v in p.items() if v is not None})
                for p in programs_raw]
    designations = [p for p in programs if p.props.get("kind") == "designation"]
    policies = [p for p in programs if p.props.get("kind") != "designation"]
    institutions = [Node("Institution", entity_uid(f"第{i}研究院"), {"name": f"第{i}研究院", "kind": "科研院所"})
                    for i in range(500)]
    companies = [Node("Company", entity_uid(f"合成{i:05d}科技有限公司"),
                      {"name": f"合成{i:05d}科技有限公司", "aliases": [f"合成{i:05d}"]}) for i in range(n_companies)]
    county_weights = [1.0 / (k + 1) ** 0.5 for k in range(len(counties))]
    leaves = [n for i, n in zip(industries_raw, industries, strict=True) if i.get("part_of")]
    text = SENTENCE * 4

    def ev(uid: str) -> Evidence:
        return Evidence(uid, SENTENCE, 0, len(SENTENCE), "bench", 0.9)

    def article(uid: str, month: int) -> Node:
        date = f"{2024 + month // 12}-{month % 12 + 1:02d}-15"
        return Article(uid=uid, source=f"bench/{uid}.txt", title=f"标题{uid}", text=text, date=date).to_node()

    facts: list[ArticleFacts] = []
    # the taxonomy and the counties' own programs and clusters, in one article
    tax = article("taxonomy", 0)
    rels = [Relationship("PART_OF", by_name[i["name"]].ref, by_name[i["part_of"]].ref, ev(tax.uid))
            for i in industries_raw if i.get("part_of") in by_name]
    for k in counties:
        for p in rng.sample(policies, 4):
            rels.append(Relationship("RUNS", k.ref, p.ref, ev(tax.uid)))
        for i in rng.sample(leaves, 5):
            rels.append(Relationship("HAS_INDUSTRY", k.ref, i.ref, ev(tax.uid)))
    facts.append(ArticleFacts(tax, [*counties, *industries, *programs], rels))

    for n, c in enumerate(companies):
        art = article(f"p{n}", rng.randrange(24))
        county = rng.choices(counties, county_weights)[0] if rng.random() > 0.02 else None
        nodes = [c]
        rels = [Relationship("MENTIONS", art.ref, c.ref, ev(art.uid), {"count": rng.randint(1, 5), "first_offset": 0})]
        if county is not None:
            nodes.append(county)
            rels.append(Relationship("LOCATED_IN", c.ref, county.ref, ev(art.uid)))
            rels.append(Relationship("MENTIONS", art.ref, county.ref, ev(art.uid), {"count": 1, "first_offset": 0}))
        for ind in rng.sample(leaves, rng.choice((1, 1, 2))):
            nodes.append(ind)
            rels.append(Relationship("IN_INDUSTRY", c.ref, ind.ref, ev(art.uid)))
        if rng.random() < 0.12:
            d = rng.choice(designations)
            nodes.append(d)
            rels.append(Relationship("HAS_DESIGNATION", c.ref, d.ref, ev(art.uid), {"year": 2024}))
        if rng.random() < 0.05:
            inst = rng.choice(institutions)
            nodes.append(inst)
            rels.append(Relationship("PARTNERS_WITH", c.ref, inst.ref, ev(art.uid)))
        for rtype, share in (("INVESTS_IN", 0.03), ("SUPPLIES", 0.05), ("PARTNERS_WITH", 0.02)):
            if rng.random() < share:
                other = rng.choice(companies)
                if other is not c:
                    nodes.append(other)
                    rels.append(Relationship(rtype, c.ref, other.ref, ev(art.uid)))
        facts.append(ArticleFacts(art, nodes, rels))

    for n in range(n_companies // 5):  # news naming five companies and a county
        art = article(f"n{n}", rng.randrange(24))
        named = rng.sample(companies, 5) + [rng.choices(counties, county_weights)[0]]
        rels = [Relationship("MENTIONS", art.ref, x.ref, ev(art.uid), {"count": 1, "first_offset": 0}) for x in named]
        facts.append(ArticleFacts(art, named, rels))
    return facts


@dataclass(frozen=True)
class Case:
    """One row of the table: a canned query with one way of drawing its parameters."""

    row: str
    query: str
    draw: Callable[[random.Random, dict[str, list[str]], int], dict[str, Any]]
    scan: bool = False  # reads the whole graph (or most of it) by nature: listed, not held to the target


def _county(rng: random.Random, pool: dict[str, list[str]], rep: int) -> str:
    """Counties in turn, largest first, so that every run includes the largest county."""
    return pool["County"][rep % len(pool["County"])]


def _company(rng: random.Random, pool: dict[str, list[str]], rep: int) -> str:
    return rng.choice(pool["Company"])


CASES: tuple[Case, ...] = (
    Case("companies-in-county", "companies-in-county", lambda r, p, i: {"county": _county(r, p, i)}),
    Case("company-profile", "company-profile", lambda r, p, i: {"company": _company(r, p, i)}),
    Case("industry-counties (leaf industry)", "industry-counties",
         lambda r, p, i: {"industry": r.choice(p["leaf"])}),
    Case("industry-counties (taxonomy root)", "industry-counties",
         lambda r, p, i: {"industry": p["root"][0]}, scan=True),  # the root with the most parts
    Case("county-industries", "county-industries", lambda r, p, i: {"county": _county(r, p, i)}),
    Case("designation-companies", "designation-companies",
         lambda r, p, i: {"designation": r.choice(p["designation"])}),
    Case("county-programs", "county-programs", lambda r, p, i: {"county": _county(r, p, i)}),
    Case("university-links (county)", "university-links", lambda r, p, i: {"county": _county(r, p, i)}),
    Case("university-links (all counties)", "university-links", lambda r, p, i: {}, scan=True),
    Case("chain-leaders", "chain-leaders", lambda r, p, i: {"county": _county(r, p, i)}),
    Case("outside-investors", "outside-investors", lambda r, p, i: {}, scan=True),
    Case("outside-investors (include_local)", "outside-investors", lambda r, p, i: {"include_local": True},
         scan=True),
    Case("co-mentioned", "co-mentioned", lambda r, p, i: {"company": _company(r, p, i)}),
    Case("shortest-path", "shortest-path",
         lambda r, p, i: {"from": _company(r, p, i), "to": _company(r, p, i), "max_hops": 4}, scan=True),
    Case("relation-evidence", "relation-evidence", lambda r, p, i: {"company": _company(r, p, i)}),
    Case("top-mentioned (county)", "top-mentioned", lambda r, p, i: {"county": _county(r, p, i)}),
    Case("top-mentioned (all)", "top-mentioned", lambda r, p, i: {}, scan=True),
    Case("mentions-over-time", "mentions-over-time", lambda r, p, i: {"entity": _company(r, p, i)}),
    Case("entity-evidence", "entity-evidence", lambda r, p, i: {"entity": _company(r, p, i)}),
)


def measure(store: Any, reps: int, pool: dict[str, list[str]],
            seed: int) -> tuple[dict[str, list[float]], dict[str, list[float]], dict[str, float]]:
    """Wall-clock and CPU milliseconds per run (CPU shows what a loaded, shared machine adds to wall time),
    and the CPU milliseconds of the first run (on the embedded store it fills the type index)."""
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    first: dict[str, float] = {}  # CPU ms of the warm-up run
    for case in CASES:
        rng = random.Random(seed)
        began_cpu = time.thread_time()
        run_query(store, case.query, case.draw(rng, pool, 0))  # warm-up (Neo4j plans, the lazy type index)
        first[case.row] = (time.thread_time() - began_cpu) * 1000
        runs = min(reps, SCAN_REPS) if case.scan else reps
        for rep in range(runs):  # a warm pass over the same parameters: the figures are steady state
            run_query(store, case.query, case.draw(rng, pool, rep))
        rng = random.Random(seed)
        case.draw(rng, pool, 0)
        wall[case.row], cpu[case.row] = [], []
        for rep in range(runs):
            params = case.draw(rng, pool, rep)
            began, began_cpu = time.perf_counter(), time.thread_time()
            run_query(store, case.query, params)
            wall[case.row].append((time.perf_counter() - began) * 1000)
            cpu[case.row].append((time.thread_time() - began_cpu) * 1000)
    return wall, cpu, first


def fill(graph: Any) -> int:
    """Fill the lazy type index completely: the most a long-lived process ever pays for it."""
    index = type_index(graph)
    for key in graph:
        index.out_types(key)
        index.in_types(key)
    _ = index.by_label, index.starts
    return 2 * len(graph)


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def pools(graph: Any) -> dict[str, list[str]]:
    """Names to draw parameters from; counties largest first, industries split into leaves and roots."""
    pool: dict[str, list[str]] = {}
    size: dict[str, int] = {}
    for key, attrs in graph.nodes(data=True):
        label, name = attrs["label"], attrs.get("name")
        pool.setdefault(label, []).append(name)
        if attrs.get("kind") == "designation":
            pool.setdefault("designation", []).append(name)
        if label in ("County", "Industry"):
            size[name] = graph.in_degree(key)
        if label == "Industry":
            parent = any(a.get("type") == "PART_OF" for m in graph.succ[key].values() for a in m.values())
            pool.setdefault("leaf" if parent else "root", []).append(name)
    for values in pool.values():
        values.sort()
    pool["County"].sort(key=lambda n: (-size[n], n))
    pool["root"].sort(key=lambda n: (-size[n], n))
    return pool


def table(results: dict[str, dict[str, list[float]]], cpu: dict[str, list[float]], first: dict[str, float]) -> str:
    """The Markdown latency table (docs/QUERIES.md embeds it)."""
    lines = [
        "| query | embedded p50 | embedded p95 | embedded CPU p50 | embedded CPU p95 | embedded 1st run CPU "
        "| neo4j p50 | neo4j p95 | neo4j/embedded p50 | scan | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for case in CASES:
        e = results["embedded"][case.row]
        e50, e95 = pct(e, 0.5), pct(e, 0.95)
        c50, c95 = pct(cpu[case.row], 0.5), pct(cpu[case.row], 0.95)
        if "neo4j" in results:
            n = results["neo4j"][case.row]
            n50, n95 = pct(n, 0.5), pct(n, 0.95)
            neo_cells = f"{n50:.1f} | {n95:.1f} | {n50 / e50 if e50 else float('inf'):.1f}x"
        else:
            neo_cells = "- | - | -"
        if min(e95, c95) <= TARGET_P95_MS:
            verdict = "ok" if e95 <= TARGET_P95_MS else "ok (CPU)"
        else:
            verdict = "scan (listed)" if case.scan else "MISSED"
        lines.append(f"| {case.row} | {e50:.2f} | {e95:.2f} | {c50:.2f} | {c95:.2f} | {first[case.row]:.1f} "
                     f"| {neo_cells} "
                     f"| {'yes' if case.scan else ''} | {verdict} |")
    return "\n".join(lines)


def write_docs(path: Path, text: str) -> None:
    """Replace what lies between the latency markers of docs/QUERIES.md."""
    doc = path.read_text(encoding="utf-8")
    begin, end = doc.find(BEGIN), doc.find(END)
    if begin < 0 or end < begin:
        raise SystemExit(f"{path}: no {BEGIN} ... {END} markers")
    path.write_text(doc[: begin + len(BEGIN)] + "\n" + text + "\n" + doc[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--companies", type=int, default=50_000)
    parser.add_argument("--reps", type=int, default=40)
    parser.add_argument("--neo4j-reps", type=int, default=20)
    parser.add_argument("--no-neo4j", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--write-docs", action="store_true", help=f"put the table into {DOCS.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    missing = set(CATALOG) - {case.query for case in CASES}
    if missing:
        raise SystemExit(f"no benchmark case for {', '.join(sorted(missing))}")

    began = time.perf_counter()
    facts = generate(args.companies, args.seed)
    n_rels = sum(len(f.relationships) for f in facts)
    print(f"generated {len(facts)} articles, {args.companies} companies, {n_rels} relationships "
          f"in {time.perf_counter() - began:.1f}s")
    with tempfile.TemporaryDirectory() as tmp:
        embedded = EmbeddedStore(Path(tmp) / "bench.econgraph", autosave=False)
        began = time.perf_counter()
        embedded.load(facts)
        stats = embedded.stats()
        print(f"embedded load {time.perf_counter() - began:.1f}s: {stats.total_nodes} nodes, "
              f"{stats.total_relationships} relationships, {stats.nodes.get('Company', 0)} companies")
        began_cpu = time.thread_time()
        full = fill(embedded.graph)
        print(f"filling the whole type index (every node split by type, labels, start lists) took "
              f"{time.thread_time() - began_cpu:.2f}s CPU; queries fill only what they touch "
              f"({full:,} node sides)")
        invalidate(embedded.graph)  # measured cold: each query fills what it needs, as in one CLI call
        # A long-lived process holding a store should do this too: without it, CPython's full
        # collections walk the graph's millions of objects (1-2 s at this size) and land on
        # whichever query happens to allocate the object that triggers one.
        gc.collect()
        gc.freeze()
        pool = pools(embedded.graph)
        results, cpu = {}, {}
        results["embedded"], cpu["embedded"], first = measure(embedded, args.reps, pool, args.seed)

        server = None
        if not args.no_neo4j:
            from econgraph.graph.neo4j_store import Neo4jStore

            from econgraph.config import Neo4jSettings, neo4j_settings

            if os.environ.get("NEO4J_URI"):
                settings = neo4j_settings()
            else:
                from neo4j_server import Neo4jServer

                server = Neo4jServer(pagecache="512m").start()
                settings = Neo4jSettings(server.uri, server.username, server.password)
            try:
                with Neo4jStore(settings) as neo:
                    neo.clear()
                    began = time.perf_counter()
                    neo.load(facts)
                    print(f"neo4j load {time.perf_counter() - began:.1f}s")
                    results["neo4j"], _, _ = measure(neo, args.neo4j_reps, pool, args.seed)
            finally:
                if server is not None:
                    server.cleanup()

    heading = (f"Latency per canned query, ms, {args.companies:,} companies ({args.reps} runs embedded, "
               f"{args.neo4j_reps if 'neo4j' in results else 0} on Neo4j, {SCAN_REPS} for scans; "
               f"target p95 <= {TARGET_P95_MS:.0f} ms on the embedded store except scans)")
    text = table(results, cpu["embedded"], first)
    print(f"\n{heading}\n\n{text}")
    if args.write_docs:
        write_docs(DOCS, f"{heading}:\n\n{text}")
        print(f"\nwrote the table to {DOCS}")
    medians = [statistics.median(v) for v in results["embedded"].values()]
    print(f"\nembedded: median of medians {statistics.median(medians):.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
