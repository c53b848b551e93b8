#!/usr/bin/env python3
"""Neo4j load rate: the batched loader (``Neo4jStore.load``) against one MERGE per element, each in
its own transaction, on the same synthetic graph in the same run.

    .venv/bin/python bench/bench_neo4j_load.py [--articles 2000] [--naive-limit N]

Starts its own Neo4j test server (scripts/neo4j_server.py) unless ``--uri`` names one that may be
wiped. Prints elements/s for both loaders and their ratio; targets: ratio ≥ 100, batched ≥ 20,000/s.

Both loaders are timed after the same warm-up (``--warmup`` batched loads of another synthetic
graph, and a few hundred naive MERGEs): a fresh server's JVM spends most of its first loads
compiling (measured: the C2 compiler threads used 9.5 s of CPU during the first load of this graph,
1.7 s during the fourth), which is not the loaders' cost.

Then ``--rounds`` rounds each time a batched load and a one-per-transaction load, one after the
other, so both see the same machine: on a shared 2-core VM either rate swings by 15-20 % from run
to run, and a ratio of one batched run and one naive run taken minutes apart swung 78-123x with
the same code. The verdict uses the medians; every round is printed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from econgraph.graph.merge import clean_props  # noqa: E402
from econgraph.graph.model import ArticleFacts, Evidence, Node, Relationship  # noqa: E402
from econgraph.graph.neo4j_store import DEFAULT_BATCH, DEFAULT_WRITERS, Neo4jStore  # noqa: E402

from econgraph.config import Neo4jSettings  # noqa: E402

SYLLABLES = "华泰鑫源宏达恒信金瑞丰盛远航中科新能智造明德祥和天元博瑞凯旋正阳"


def synthetic_graph(articles: int, seed: int = 7) -> list[ArticleFacts]:
    """Made-up names only: companies are random 字号 + suffix, so no real company appears."""
    rng = random.Random(seed)

    def brand(i: int) -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(3)) + f"{i:04d}"

    companies = [Node("Company", f"c{i}", {"name": f"{brand(i)}科技有限公司", "aliases": [f"{brand(i)}"]})
                 for i in range(3 * articles // 2)]
    counties = [Node("County", f"k{i}", {"name": f"第{i}县", "kind": "县", "city": "聊城市"}) for i in range(12)]
    industries = [Node("Industry", f"i{i}", {"name": f"产业{i}"}) for i in range(60)]
    programs = [Node("Program", f"p{i}", {"name": f"计划{i}", "level": "省级", "kind": "designation"})
                for i in range(40)]
    institutions = [Node("Institution", f"u{i}", {"name": f"研究院{i}", "kind": "科研院所"}) for i in range(150)]
    out = []
    for a in range(articles):
        text = "".join(f"第{j}句，说明企业与产业。" for j in range(12))
        art = Node("Article", f"a{a}", {"name": f"标题{a}", "title": f"标题{a}", "source": f"bench/{a // 10}.txt",
                                        "date": "2025-04-15", "text": text, "sha256": f"h{a}"})
        chosen = rng.sample(companies, 5) + [rng.choice(counties), rng.choice(industries), rng.choice(programs),
                                             rng.choice(institutions)]
        rels = []

        def ev(j: int, art_uid: str = art.uid, text: str = text) -> Evidence:
            sentence = f"第{j}句，说明企业与产业。"
            start = text.find(sentence)
            return Evidence(art_uid, sentence, start, start + len(sentence), "bench", 0.8)

        for j, node in enumerate(chosen):
            rels.append(Relationship("MENTIONS", art.ref, node.ref, ev(j), {"count": 1, "first_offset": j}))
        county, industry, program, institution = chosen[5:]
        for j, company in enumerate(chosen[:5]):
            rels.append(Relationship("LOCATED_IN", company.ref, county.ref, ev(j)))
            rels.append(Relationship("IN_INDUSTRY", company.ref, industry.ref, ev(j)))
        rels.append(Relationship("HAS_DESIGNATION", chosen[0].ref, program.ref, ev(1), {"level": "省级"}))
        rels.append(Relationship("PARTNERS_WITH", chosen[1].ref, institution.ref, ev(2)))
        rels.append(Relationship("SUPPLIES", chosen[2].ref, chosen[3].ref, ev(3)))
        rels.append(Relationship("INVESTS_IN", chosen[3].ref, chosen[4].ref, ev(4)))
        rels.append(Relationship("RUNS", county.ref, program.ref, ev(5)))
        rels.append(Relationship("HAS_INDUSTRY", county.ref, industry.ref, ev(6)))
        out.append(ArticleFacts(art, chosen, rels))
    return out


def elements(facts: list[ArticleFacts]) -> tuple[int, int]:
    nodes = {(n.label, n.uid) for f in facts for n in (f.article, *f.nodes)}
    rels = {(r.type, r.start.key(), r.end.key()) for f in facts for r in f.relationships}  # one per fact
    return len(nodes), len(rels)


def naive_load(store: Neo4jStore, facts: list[ArticleFacts]) -> None:
    """One MERGE per element, each in its own managed transaction."""
    seen: set[tuple[str, str]] = set()
    with store.driver.session(database=store.database) as session:
        for item in facts:
            for node in (item.article, *item.nodes):
                if (node.label, node.uid) in seen:
                    continue
                seen.add((node.label, node.uid))
                props = clean_props({**node.props, "uid": node.uid})
                session.execute_write(
                    lambda tx, node=node, props=props: tx.run(
                        f"MERGE (n:{node.label} {{uid: $uid}}) SET n += $props", uid=node.uid, props=props
                    ).consume()
                )
            for rel in item.relationships:
                # the same identity as the batched loader: one relationship per fact (type, start, end)
                props = clean_props(rel.properties())
                props.pop("uid")
                session.execute_write(
                    lambda tx, rel=rel, props=props: tx.run(
                        f"MATCH (a:{rel.start.label} {{uid: $s}}) MATCH (b:{rel.end.label} {{uid: $e}}) "
                        f"MERGE (a)-[r:{rel.type}]->(b) SET r += $props",
                        s=rel.start.uid, e=rel.end.uid, props=props,
                    ).consume()
                )


def server_cpu(pid: int | None) -> float:
    """Seconds of CPU (user + system) the server process has used so far; 0 when unknown."""
    return _cpu_of(f"/proc/{pid}/stat") if pid else 0.0


def worker_cpu(pid: int | None) -> float:
    """The same, of the server's Bolt worker threads only: the queries and commits, without the JIT compiler
    threads (C2 alone used 75 s of a shared server's CPU in a session comparing two trees: each new statement text
    is compiled again) and other background threads."""
    if not pid:
        return 0.0
    total = 0.0
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            if (task / "comm").read_text().startswith("neo4j.BoltWork"):
                total += _cpu_of(str(task / "stat"))
        except OSError:
            continue
    return total


def _cpu_of(stat: str) -> float:
    try:
        fields = Path(stat).read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_ceiling(store: Neo4jStore, n: int = 20_000) -> float:
    """Elements/s of the cheapest possible write (no index lookups, no MERGE): how loaded the machine is."""
    with store.driver.session(database=store.database) as session:
        began = time.perf_counter()
        session.execute_write(lambda tx: tx.run(
            "UNWIND range(1, $n) AS i CREATE (:Institution {uid: 'ceiling-' + i})-[:PART_OF {uid: i}]->(:Institution)",
            n=n).consume())
        seconds = time.perf_counter() - began
        session.run("MATCH (n:Institution) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    return 3 * n / seconds


def scale_load(args: argparse.Namespace) -> int:
    """``--scale N``: one big load, timed, in the slices a build hands the store."""
    import gc

    facts = synthetic_graph(args.scale)
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    server = None
    if args.uri:
        settings = Neo4jSettings(args.uri, args.username, args.password)
    else:
        from neo4j_server import Neo4jServer

        server = Neo4jServer().start()
        settings = Neo4jSettings(server.uri, server.username, server.password)
    try:
        with Neo4jStore(settings, batch_size=args.batch_size, writers=args.writers) as store:
            store.clear()
            step = store.articles_per_load
            gc.collect()
            began = time.perf_counter()
            for i in range(0, len(facts), step):
                store.load(facts[i:i + step])
            seconds = time.perf_counter() - began
            stats = store.stats()
    finally:
        if server is not None:
            server.cleanup()
    total = stats.total_nodes + stats.total_relationships
    print(f"{args.scale} synthetic articles: {stats.total_nodes:,} nodes, {stats.total_relationships:,} relationships "
          f"({', '.join(f'{k} {v:,}' for k, v in sorted(stats.relationships.items()))}) in {seconds:.0f} s "
          f"= {total / seconds:,.0f} elements/s")
    print(f"load average at end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000, help="synthetic articles (≈ 18 relationships each)")
    parser.add_argument("--naive-limit", type=int, default=200,
                        help="time the one-per-transaction loader on the first N articles only (0 = all); at "
                             "~100 transactions/s the whole graph takes ~10 minutes, and its per-element rate "
                             "does not improve with size")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH, help="graph elements per batch")
    parser.add_argument("--writers", type=int, default=DEFAULT_WRITERS,
                        help="relationship transactions in flight at once in the batched loader")
    parser.add_argument("--warmup", type=int, default=3, help="batched warm-up loads before timing (0 = none)")
    parser.add_argument("--naive-warmup", type=int, default=100,
                        help="articles loaded one MERGE per transaction before timing (≈ 31 transactions each)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="timed rounds, each a batched load then a one-per-transaction load; medians decide")
    parser.add_argument("--scale", type=int, default=0, metavar="N",
                        help="instead: load N synthetic articles into the emptied server, as a build does (calls of "
                             "Neo4jStore.articles_per_load articles), and print the time and the counts")
    parser.add_argument("--uri", help="use this server instead of starting one (it will be WIPED of econgraph labels)")
    parser.add_argument("--server-pid", type=int, default=0,
                        help="the --uri server's process id, to print its CPU per load (from /proc)")
    parser.add_argument("--username", default="neo4j")
    parser.add_argument("--password", default="")
    args = parser.parse_args(argv)
    if args.scale:
        return scale_load(args)

    facts = synthetic_graph(args.articles)
    n_nodes, n_rels = elements(facts)
    naive_facts = facts[: args.naive_limit] if args.naive_limit else facts
    nn_nodes, nn_rels = elements(naive_facts)
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"graph: {n_nodes} nodes, {n_rels} relationships = {n_nodes + n_rels} elements "
          f"from {len(facts)} synthetic articles")

    server = None
    if args.uri:
        settings = Neo4jSettings(args.uri, args.username, args.password)
    else:
        from neo4j_server import Neo4jServer

        server = Neo4jServer().start()
        print(f"Neo4j test server {server.uri} up in {server.startup_seconds:.1f}s")
        if server.process is not None:
            args.server_pid = server.process.pid
        settings = Neo4jSettings(server.uri, server.username, server.password)
    try:
        with Neo4jStore(settings, batch_size=args.batch_size, writers=args.writers) as store:
            store.clear()
            naive_load(store, facts[:5])  # warm up the driver and the query plans
            store.clear()
            warm = synthetic_graph(max(args.articles // 2, 5), seed=99)
            for _ in range(args.warmup):  # let the server's JIT compile the write path
                store.load(warm)
                store.load(warm)  # and the reload path
                store.clear()
            naive_load(store, warm[: args.naive_warmup])  # the same for the one-per-transaction path
            store.clear()

            batched: list[float] = []
            client_cpu: list[float] = []
            serv_cpu: list[float] = []
            work_cpu: list[float] = []
            naive: list[float] = []
            for _ in range(max(args.rounds, 1)):
                store.clear()
                cpu0, scpu0, wcpu0 = time.process_time(), server_cpu(args.server_pid), worker_cpu(args.server_pid)
                began = time.perf_counter()
                store.load(facts)
                batched.append(time.perf_counter() - began)
                client_cpu.append(time.process_time() - cpu0)
                serv_cpu.append(server_cpu(args.server_pid) - scpu0)
                work_cpu.append(worker_cpu(args.server_pid) - wcpu0)
                stats = store.stats()
                assert (stats.total_nodes, stats.total_relationships) == (n_nodes, n_rels), stats
                store.clear()
                began = time.perf_counter()
                naive_load(store, naive_facts)
                naive.append(time.perf_counter() - began)
                naive_stats = store.stats()
                assert (naive_stats.total_nodes, naive_stats.total_relationships) == (nn_nodes, nn_rels), naive_stats
                print(f"round {len(batched)}: batched {(n_nodes + n_rels) / batched[-1]:,.0f} el/s (client CPU "
                      f"{client_cpu[-1]:.2f} s, server CPU {serv_cpu[-1]:.2f} s, Bolt workers {work_cpu[-1]:.2f} s), one per "
                      f"transaction {(nn_nodes + nn_rels) / naive[-1]:,.0f} el/s, ratio "
                      f"{(n_nodes + n_rels) / batched[-1] / ((nn_nodes + nn_rels) / naive[-1]):.0f}x", flush=True)
            store.clear()
            store.load(facts)
            stats = store.stats()
            cpu0, scpu0 = time.process_time(), server_cpu(args.server_pid)
            began = time.perf_counter()
            store.load(facts)  # idempotent reload: replaces every article's facts
            reload_s = time.perf_counter() - began
            reload_cpu = (time.process_time() - cpu0, server_cpu(args.server_pid) - scpu0)
            assert store.stats() == stats

            scpu0, wcpu0 = server_cpu(args.server_pid), worker_cpu(args.server_pid)
            ceiling_rate = machine_ceiling(store)
            ceiling_cpu = server_cpu(args.server_pid) - scpu0
            ceiling_work = worker_cpu(args.server_pid) - wcpu0
    finally:
        if server is not None:
            server.cleanup()

    batched_s, naive_s = statistics.median(batched), statistics.median(naive)
    batched_rate = (n_nodes + n_rels) / batched_s
    naive_rate = (nn_nodes + nn_rels) / naive_s
    rounds = f"median of {len(batched)} rounds" if len(batched) > 1 else "1 round"
    print(f"batched load: {n_nodes + n_rels} elements in {batched_s:.2f}s ({rounds}; best {min(batched):.2f}s) "
          f"= {batched_rate:,.0f} elements/s")
    print(f"batched load CPU (medians): client {statistics.median(client_cpu):.2f} s, server "
          f"{statistics.median(serv_cpu):.2f} s, of which its Bolt workers {statistics.median(work_cpu):.2f} s"
          + ("" if args.server_pid else " (no --server-pid: not measured)"))
    print(f"batched reload (same facts again): {reload_s:.2f}s = {(n_nodes + n_rels) / reload_s:,.0f} elements/s "
          f"(client CPU {reload_cpu[0]:.2f} s, server CPU {reload_cpu[1]:.2f} s)")
    print(f"one MERGE per transaction: {nn_nodes + nn_rels} elements ({len(naive_facts)} articles) in {naive_s:.2f}s "
          f"({rounds}) = {naive_rate:,.0f} elements/s")
    print(f"ratio batched / one-per-transaction (medians): {batched_rate / naive_rate:.0f}x")
    print(f"for scale, this server now: plain UNWIND … CREATE of bare elements (no lookups, 1–2 properties): "
          f"{ceiling_rate:,.0f} elements/s (server CPU {ceiling_cpu:.2f} s, Bolt workers {ceiling_work:.2f} s, for "
          "60,000 elements)")
    print(f"load average at end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"batched load / bare UNWIND … CREATE on the same server: {batched_rate / ceiling_rate:.2f}x "
          "(target ≥ 0.8x)")
    ok = batched_rate / naive_rate >= 100 and batched_rate >= 20_000
    print("targets (≥ 100x, ≥ 20,000 elements/s):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
