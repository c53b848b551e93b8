"""Neo4j going away in the middle of ``econgraph build``.

Why: a build writes in many transactions; a server that dies between or inside them must cost
at most a re-run. This test starts its OWN Neo4j (the shared session server is never stopped),
runs the real CLI in a subprocess, and pauses it inside an open write transaction with a hook
(so the fault lands at the same point every run) while the test kills or restarts the server:

- server back before the transaction commits: the driver's managed transaction retries and the
  build completes;
- server stays down: the command ends with one ``Error: …`` line, a non-zero status, no
  traceback and no password; after a restart, re-running the build completes;
- either way the graph then equals a clean build of the same files: same nodes and properties,
  same relationships, no duplicated evidence, nothing missing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import GraphDatabase
from neo4j_guard import GUARD
from neo4j_server import Neo4jServer

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

# Runs the real CLI; the 2nd batch transaction (the second load's: the first load has committed) pauses
# after its writes, before it commits, until the test says go.
HOOKED_BUILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import econgraph.graph.neo4j_store as ns

    paused, go = Path(sys.argv[1]), Path(sys.argv[2])
    real = ns._write_batch
    calls = {"n": 0}

    def hooked(tx, *args):
        calls["n"] += 1
        touched = real(tx, *args)
        if calls["n"] == 2:
            paused.write_text("inside an open write transaction")
            while not go.exists():
                time.sleep(0.05)
        return touched

    ns._write_batch = hooked
    ns.Neo4jStore.articles_per_load = 200  # two load calls (200 + 100 articles), so two batch transactions
    from econgraph.cli import cli
    cli.main(args=sys.argv[3:], prog_name="econgraph")
    """
)

N_ARTICLES = 300  # > 200 articles: the build loads in two store.load calls, each a node and a relationship transaction


@pytest.fixture(scope="module")
def server() -> Iterator[Neo4jServer]:
    srv = Neo4jServer()
    srv.start()
    GUARD.own(srv.uri)
    try:
        yield srv
    finally:
        srv.cleanup()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of synthetic pages (several hundred articles) and a clean working directory (no .env)."""
    work = tmp_path_factory.mktemp("reliability-neo4j")
    corpus = work / "corpus"
    subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), "--articles", str(N_ARTICLES),
                    "--seed", "11", "-o", str(corpus)], check=True, capture_output=True, cwd=ROOT)
    (corpus / "gold.json").unlink(missing_ok=True)
    return work


def _env(server: Neo4jServer, retry: str = "10") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(server.env())
    env["ECONGRAPH_NEO4J_RETRY_SECONDS"] = retry  # retried with backoff; the down test gives up sooner than the default
    return env


def _cli(server: Neo4jServer, work: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "econgraph", *args], cwd=work, env=_env(server),
                          capture_output=True, text=True, timeout=timeout)


def _wipe(server: Neo4jServer) -> None:
    with GraphDatabase.driver(server.uri, auth=server.auth) as driver:
        GUARD.wipe(driver, server.uri)


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def snapshot(server: Neo4jServer) -> dict[str, Any]:
    """The whole graph read with plain Cypher (independent of the store code), canonical and sorted."""
    with GraphDatabase.driver(server.uri, auth=server.auth) as driver:
        nodes = driver.execute_query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props").records
        rels = driver.execute_query(
            "MATCH (a)-[r]->(b) RETURN type(r) AS type, labels(a) AS al, a.uid AS au, labels(b) AS bl, "
            "b.uid AS bu, properties(r) AS props"
        ).records
    node_rows = sorted(_canon([r["labels"], r["props"]]) for r in nodes)
    rel_rows = sorted(_canon([r["type"], r["al"], r["au"], r["bl"], r["bu"], r["props"]]) for r in rels)
    return {
        "nodes": node_rows,
        "relationships": rel_rows,
        "fact_keys": [(r["type"], r["au"], r["bu"]) for r in rels],
        "evidence_keys": [(r["type"], r["au"], r["bu"], article) for r in rels
                          for article in r["props"].get("ev_article") or ()],
        "nameless": [r["props"].get("uid") for r in nodes if not r["props"].get("name")],
    }


def assert_same_graph(got: dict[str, Any], want: dict[str, Any]) -> None:
    for part in ("nodes", "relationships"):
        missing = sorted(set(want[part]) - set(got[part]))
        extra = sorted(set(got[part]) - set(want[part]))
        assert not missing and not extra, (
            f"{part} differ from a clean build ({len(got[part])} vs {len(want[part])}): "
            f"{len(missing)} missing {[m[:300] for m in missing[:4]]}, {len(extra)} extra {[e[:300] for e in extra[:4]]}")
        assert got[part] == want[part], f"{part}: same set, different multiplicities"
    assert_no_duplicated_evidence(got)


def assert_no_duplicated_evidence(snap: dict[str, Any]) -> None:
    facts, keys = snap["fact_keys"], snap["evidence_keys"]
    # (type, start, end) is what a relationship's uid hashes: one relationship per fact, one evidence per article
    assert len(facts) == len(set(facts)), "two relationships for one (type, start, end)"
    assert None not in {k[3] for k in keys}, "evidence without its article"
    assert len(keys) == len(set(keys)), "two pieces of evidence of one article in one fact"
    assert not snap["nameless"], f"nodes without a name: {snap['nameless'][:5]}"


def clean_build(server: Neo4jServer, work: Path) -> dict[str, Any]:
    """The reference: a clean build of the same files on an emptied server, made right after the
    recovered one so that both run the same code."""
    _wipe(server)
    done = _cli(server, work, "build", str(work / "corpus"), "--neo4j")
    assert done.returncode == 0, done.stderr[-3000:]
    snap = snapshot(server)
    assert len(snap["nodes"]) > N_ARTICLES // 2 and len(snap["relationships"]) > N_ARTICLES
    assert_no_duplicated_evidence(snap)
    return snap


def _start_hooked_build(server: Neo4jServer, work: Path, tag: str,
                        retry: str = "10") -> tuple[subprocess.Popen[str], Path, Path]:
    script = work / "hooked_build.py"
    script.write_text(HOOKED_BUILD, encoding="utf-8")
    paused, go = work / f"{tag}.paused", work / f"{tag}.go"
    for p in (paused, go):
        p.unlink(missing_ok=True)
    proc = subprocess.Popen([sys.executable, str(script), str(paused), str(go), "build", str(work / "corpus"),
                             "--neo4j"], cwd=work, env=_env(server, retry), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while not paused.exists():
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"the build ended ({proc.returncode}) before its second write transaction:\n{err[-3000:]}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("the build never reached its second write transaction")
        time.sleep(0.1)
    return proc, paused, go


def test_build_fails_cleanly_while_server_is_down_and_rerun_equals_clean_build(
        server: Neo4jServer, workdir: Path) -> None:
    _wipe(server)
    proc, _, go = _start_hooked_build(server, workdir, "down")
    committed = snapshot(server)
    assert committed["nodes"], "the first transaction should have committed before the fault"
    server.kill()  # a crash, inside the open transaction
    go.write_text("go")
    began = time.monotonic()
    out, err = proc.communicate(timeout=240)
    waited = time.monotonic() - began
    text = out + err
    assert proc.returncode not in (0, None), f"the build should fail while the server is down:\n{text[-2000:]}"
    assert "Traceback" not in text, text[-3000:]
    errors = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, f"one Error: line expected:\n{err[-3000:]}"
    # and nothing before it: the driver's retry warnings are not printed (issue 18, point 6)
    assert [line for line in err.splitlines() if line.strip()] == errors, err[-3000:]
    assert server.uri in errors[0] or "Neo4j" in errors[0], errors[0]
    assert server.password not in text
    # managed transactions retry transient failures (with backoff) before giving up
    assert waited >= 5, f"gave up after {waited:.1f}s: transient errors should be retried"

    server.restart()
    rerun = _cli(server, workdir, "build", str(workdir / "corpus"), "--neo4j")
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    recovered = snapshot(server)
    assert_no_duplicated_evidence(recovered)
    # and once more: nothing changes
    again = _cli(server, workdir, "build", str(workdir / "corpus"), "--neo4j")
    assert again.returncode == 0, again.stderr[-3000:]
    assert_same_graph(snapshot(server), recovered)
    assert_same_graph(recovered, clean_build(server, workdir))


def test_server_restart_inside_a_transaction_is_retried_and_build_completes(
        server: Neo4jServer, workdir: Path) -> None:
    _wipe(server)
    proc, _, go = _start_hooked_build(server, workdir, "restart")
    server.kill()
    server.restart()  # back before the paused transaction tries to commit
    go.write_text("go")
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, f"the retried transaction should have succeeded:\n{err[-3000:]}"
    assert "Traceback" not in out + err
    recovered = snapshot(server)
    assert_same_graph(recovered, clean_build(server, workdir))


def test_clean_neo4j_build_matches_the_embedded_store(server: Neo4jServer, workdir: Path) -> None:
    clean = clean_build(server, workdir)
    store = workdir / "graph.econgraph"
    done = subprocess.run([sys.executable, "-m", "econgraph", "build", str(workdir / "corpus"), "--store", str(store)],
                          cwd=workdir, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    from econgraph.graph.embedded import EmbeddedStore

    embedded = EmbeddedStore(store, autosave=False)
    assert embedded.stats().total_nodes == len(clean["nodes"])
    assert embedded.stats().total_relationships == len(clean["relationships"])


def test_server_killed_mid_write_and_restarted_within_the_retry_window_build_completes(
        server: Neo4jServer, workdir: Path) -> None:
    """Issue 18, point 6: the server dies inside a write transaction and is started again while the
    driver is still retrying (not before the transaction resumes, as above): the build completes,
    and no driver log line is printed."""
    _wipe(server)
    # the window must cover a restart of the JVM on a busy machine
    proc, _, go = _start_hooked_build(server, workdir, "midwrite", retry="240")
    server.kill()
    go.write_text("go")  # the paused transaction resumes against a dead server: the retries begin
    time.sleep(2)
    began = time.monotonic()
    server.restart()
    print(f"restart took {time.monotonic() - began:.1f}s", file=sys.stderr)
    out, err = proc.communicate(timeout=400)
    assert proc.returncode == 0, f"the build should complete once the server is back:\n{err[-3000:]}"
    assert "Traceback" not in out + err
    assert not [line for line in err.splitlines() if line.strip()], f"nothing on stderr expected:\n{err[-2000:]}"
    assert_same_graph(snapshot(server), clean_build(server, workdir))
