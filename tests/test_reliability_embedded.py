"""The embedded store (SQLite) under faults: a process killed while writing, damaged or foreign files.

Why: ``build`` once and ``query`` many times relies on one file. A crash mid-write must leave the
last committed graph readable, and a damaged or foreign file must be refused with a message naming
it — never read as an empty graph and overwritten with one.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from econgraph.graph.embedded import EmbeddedStore
from econgraph.graph.stores import open_store

from econgraph.cli import cli
from econgraph.errors import StoreError

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SEEDS = ROOT / "seeds"

# A child process: write a big graph named by TAG in one transaction, pausing or looping as MODE
# says so that the parent can SIGKILL it at a chosen point.
CHILD = textwrap.dedent(
    """
    import os, sys, time
    from econgraph.graph.embedded import EmbeddedStore, _Loader
    from econgraph.graph.model import ArticleFacts, Evidence, Node, Relationship

    mode, path, n, marker = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]

    def facts(tag):
        body = ("聊城市" + tag + "，") * 20
        out = []
        for i in range(n):
            art = Node("Article", f"{tag}-{i}", {"name": f"{tag}{i}", "text": body + str(i), "source": f"{tag}.txt"})
            company = Node("Company", f"{tag}c{i}", {"name": f"{tag}公司{i}", "aliases": [f"{tag}{i}"]})
            ev = Evidence(art.uid, body, 0, len(body), "r", 1.0)
            out.append(ArticleFacts(art, [company], [Relationship("MENTIONS", art.ref, company.ref, ev,
                                                                   {"count": 1, "first_offset": 0})]))
        return out

    def signal_parent(what):
        with open(marker + ".tmp", "w") as fh:
            fh.write(what)
        os.replace(marker + ".tmp", marker)  # the parent never reads a half-written marker

    def hang(*args, **kwargs):
        signal_parent("paused")
        while True:
            time.sleep(1)

    store = EmbeddedStore(path)
    if mode == "mid-transaction":
        _Loader._settle = hang  # every row written, nothing committed
        store.load(facts("new"))
    elif mode == "loop":
        a, b = facts("aaa"), facts("bbb")
        signal_parent("ready")
        while True:
            for graph in (a, b):
                with store.deferred_save():  # clear and load: one transaction
                    store.clear()
                    store.load(graph)
                signal_parent("committed")
    """
)


def _snapshot(path: Path) -> tuple[list, list]:
    with EmbeddedStore(path) as store:
        nodes = [(n.label, n.uid, sorted(n.properties.items(), key=str)) for n in store.iter_nodes()]
        rels = [(r.uid, r.type, r.start, r.end, sorted(r.properties.items(), key=str))
                for r in store.iter_relationships()]
    return nodes, rels


def _old_store(path: Path) -> None:
    """The graph that must survive: a few hand-made facts."""
    from factsfactory import facts_a, facts_b

    with EmbeddedStore(path) as store:
        store.load([facts_a(), facts_b()])


def _spawn(tmp_path: Path, mode: str, path: Path, n: int) -> tuple[subprocess.Popen[bytes], Path]:
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    marker = tmp_path / f"marker-{mode}-{time.monotonic_ns()}"
    proc = subprocess.Popen([sys.executable, str(script), mode, str(path), str(n), str(marker)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return proc, marker


def _wait_for(proc: subprocess.Popen[bytes], marker: Path, timeout: float = 90.0, text: str = "") -> None:
    """Until the child has written ``marker`` (holding ``text`` when one is given)."""
    deadline = time.monotonic() + timeout
    while not marker.exists() or (text and marker.read_text(encoding="utf-8") != text):
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"the writing child exited ({proc.returncode}) before the kill point:\n{err.decode()[-2000:]}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("the writing child never reached the kill point")
        time.sleep(0.02)


def test_kill_during_a_write_leaves_the_last_commit(tmp_path: Path) -> None:
    path = tmp_path / "graph.econgraph"
    _old_store(path)
    before = _snapshot(path)
    proc, marker = _spawn(tmp_path, "mid-transaction", path, 3000)
    _wait_for(proc, marker)
    # a reader meanwhile sees the last committed graph (WAL)
    assert _snapshot(path) == before
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    assert _snapshot(path) == before
    # the next write works
    with EmbeddedStore(path) as store:
        store.clear()
    assert EmbeddedStore(path).stats().total_nodes == 0


@pytest.mark.slow  # five child processes, each killed at a random moment
def test_sigkill_at_random_moments_of_repeated_writes(tmp_path: Path) -> None:
    """Kill a process that writes two different graphs in turn: the store is always one of them, whole."""
    path = tmp_path / "graph.econgraph"
    _old_store(path)
    old_articles = {n.uid for n in EmbeddedStore(path).iter_nodes() if n.label == "Article"}
    rng = random.Random(9)
    n = 2000
    seen: set[str] = set()
    for trial in range(5):
        proc, marker = _spawn(tmp_path, "loop", path, n)
        _wait_for(proc, marker)
        if trial % 2:  # on a loaded machine the first write may outlast any fixed wait: some kills follow one
            _wait_for(proc, marker, text="committed")
        time.sleep(rng.uniform(0.05, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        try:
            store = EmbeddedStore(path)
        except StoreError as exc:
            pytest.fail(f"trial {trial}: the store is unreadable after a kill during a write: {exc}")
        articles = {node.uid for node in store.iter_nodes() if node.label == "Article"}
        tags = {uid.split("-")[0] for uid in articles}
        if articles == old_articles:
            seen.add("old")
            continue
        assert len(tags) == 1, f"trial {trial}: a mixture of two writes: {sorted(tags)}"
        assert len(articles) == n, f"trial {trial}: {len(articles)} of {n} articles"
        assert store.stats().relationships == {"MENTIONS": n}
        seen.add(tags.pop())
        store.close()
    assert seen - {"old"}, "no trial got as far as a complete write; lengthen the waits"


# -- damaged files ----------------------------------------------------------------------------------


def _damage(good: bytes, how: str, tmp_path: Path) -> bytes:
    if how == "empty":
        return b""
    if how == "truncated-header":
        return good[:50]
    if how == "truncated":
        return good[: len(good) // 2]
    if how == "flipped-magic":
        return bytes([good[0] ^ 0x01]) + good[1:]
    if how == "random-bytes":
        return random.Random(3).randbytes(4096)
    if how == "json-not-a-store":
        return b'{"nodes": [], "relationships": []}'
    if how == "old-format":
        return b'ECONGRAPH-STORE\n{"format": 1, "length": 0, "sha256": ""}\n'
    if how in ("other-application", "future-schema", "plain-sqlite-with-tables"):
        other = tmp_path / f"{how}.db"
        conn = sqlite3.connect(other)
        if how == "other-application":
            conn.execute("PRAGMA application_id = 42")
        elif how == "future-schema":
            conn.execute("PRAGMA application_id = 1162038087")  # econgraph's
            conn.execute("PRAGMA user_version = 99")
        conn.execute("CREATE TABLE t(x)")
        conn.commit()
        conn.close()
        data = other.read_bytes()
        other.unlink()
        return data
    raise AssertionError(how)


DAMAGE = ["empty", "truncated-header", "truncated", "flipped-magic", "random-bytes", "json-not-a-store",
          "old-format", "other-application", "future-schema", "plain-sqlite-with-tables"]


@pytest.fixture(scope="module")
def good_store_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("good") / "graph.econgraph"
    _old_store(path)
    return path.read_bytes()


@pytest.mark.parametrize("how", DAMAGE)
def test_damaged_store_is_refused_and_left_alone(tmp_path: Path, good_store_bytes: bytes, how: str) -> None:
    path = tmp_path / "graph.econgraph"
    bad = _damage(good_store_bytes, how, tmp_path)
    path.write_bytes(bad)
    for opener in (lambda: EmbeddedStore(path), lambda: open_store(path)):
        with pytest.raises(StoreError) as info:
            opener()
        message = str(info.value)
        assert str(path) in message, f"the error must name the file: {message}"
        assert "\n" not in message
    assert path.read_bytes() == bad, "a damaged store must never be rewritten"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.econgraph"]


CLI_COMMANDS = [
    pytest.param(["stats"], id="stats"),
    pytest.param(["build", str(SEEDS / "000_6515147898e2fc90.txt")], id="build"),
    pytest.param(["query", "run", "companies-in-county", "-p", "county=临清市"], id="query-run"),
    pytest.param(["export", "--format", "json"], id="export"),
]


@pytest.mark.parametrize("args", CLI_COMMANDS)
@pytest.mark.parametrize("how", ["truncated", "random-bytes", "old-format"])
def test_cli_on_a_damaged_store_says_so_and_keeps_the_file(tmp_path: Path, good_store_bytes: bytes, how: str,
                                                           args: list[str]) -> None:
    path = tmp_path / "graph.econgraph"
    bad = _damage(good_store_bytes, how, tmp_path)
    path.write_bytes(bad)
    result = CliRunner().invoke(cli, [*args, "--store", str(path)])
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    output = result.output
    assert "Traceback" not in output
    error_lines = [line for line in output.splitlines() if line.startswith("Error:")]
    assert len(error_lines) == 1, output
    assert str(path) in error_lines[0], output
    if how == "old-format":
        assert "econgraph store convert" in error_lines[0]
    assert path.read_bytes() == bad, "a damaged store must never be rewritten"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.econgraph"]


def test_store_in_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    sys.path.insert(0, str(TESTS))
    from factsfactory import facts_a

    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where a directory should be", encoding="utf-8")
    store = EmbeddedStore(blocker / "graph.econgraph")
    with pytest.raises(StoreError) as info:
        store.load([facts_a()])
    assert str(blocker / "graph.econgraph") in str(info.value)
    assert blocker.read_text(encoding="utf-8") == "a file where a directory should be"


def test_closing_leaves_only_the_store_file(tmp_path: Path) -> None:
    path = tmp_path / "graph.econgraph"
    _old_store(path)
    with EmbeddedStore(path) as store:
        store.stats()
    # no WAL or shared-memory file left; the writer lock's side file stays (graph/locking.py)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".graph.econgraph.lock", "graph.econgraph"]


# -- a build killed part-way ------------------------------------------------------------------------

# The real CLI; the process SIGKILLs itself right after the build's first checkpoint commit.
KILLED_BUILD = textwrap.dedent(
    """
    import multiprocessing, os, signal, sys
    import econgraph.graph.embedded as emb

    real = emb.EmbeddedStore.flush
    calls = {"n": 0}

    def flush(self):
        calls["n"] += 1
        real(self)
        if calls["n"] == 1:  # right after the first checkpoint's commit
            with open(os.environ["WORKER_PIDS"], "w") as out:  # the second pass's workers (--jobs > 1)
                out.write(" ".join(str(p.pid) for p in multiprocessing.active_children()))
            os.kill(os.getpid(), signal.SIGKILL)

    emb.EmbeddedStore.flush = flush
    from econgraph.cli import cli
    cli.main(args=sys.argv[1:], prog_name="econgraph")
    """
)


def _build(work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "econgraph", "build", *args], cwd=work, capture_output=True,
                          text=True, timeout=600)


def _running(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie that nobody reaped does not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_build_killed_part_way_then_rerun_equals_clean_build(tmp_path: Path, jobs: str) -> None:
    """Killed in its second pass (with ``--jobs 2``, while worker processes prepare the load calls): the store holds
    the last checkpoint, the workers exit rather than linger, and a re-run gives what a clean build gives."""
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), "--articles", "300", "--seed", "13",
                    "-o", str(corpus)], check=True, capture_output=True, cwd=ROOT)
    (corpus / "gold.json").unlink(missing_ok=True)
    path = tmp_path / "graph.econgraph"
    script = tmp_path / "killed_build.py"
    script.write_text(KILLED_BUILD, encoding="utf-8")
    pids = tmp_path / "worker-pids"
    killed = subprocess.run([sys.executable, str(script), "build", str(corpus), "--store", str(path), "--jobs", jobs],
                            cwd=tmp_path, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "WORKER_PIDS": str(pids)})
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-3000:]
    workers = [int(p) for p in pids.read_text(encoding="utf-8").split()]
    assert len(workers) == (2 if jobs == "2" else 0)
    deadline = time.monotonic() + 30
    while any(map(_running, workers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(map(_running, workers)), "a worker of the killed build is still running"
    partial = EmbeddedStore(path)  # readable: the chunks committed before the kill
    stored = partial.stats().nodes.get("Article", 0)
    assert 0 < stored, "the first chunk should have been saved before the kill"

    rerun = _build(tmp_path, str(corpus), "--store", str(path))
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    clean_path = tmp_path / "clean.econgraph"
    clean = _build(tmp_path, str(corpus), "--store", str(clean_path))
    assert clean.returncode == 0, clean.stderr[-3000:]
    got, want = _snapshot(path), _snapshot(clean_path)
    assert stored < len([n for n in want[0] if n[0] == "Article"]), "the kill came after the last chunk"
    for part, a, b in (("nodes", got[0], want[0]), ("relationships", got[1], want[1])):
        extra = [x for x in a if x not in b]
        missing = [x for x in b if x not in a]
        assert not extra and not missing, (
            f"{part} of a re-run after a killed build differ from a clean build: "
            f"{len(missing)} missing {[repr(m)[:400] for m in missing[:3]]}, "
            f"{len(extra)} extra {[repr(e)[:400] for e in extra[:3]]}")
    assert got == want
    keys = [(r[1], r[2], r[3]) for r in got[1]]
    assert len(keys) == len(set(keys)), "a fact twice"


def test_a_short_store_file_with_its_write_ahead_log_is_no_truncation(tmp_path: Path, good_store_bytes: bytes) -> None:
    """A process killed during a checkpoint leaves the file shorter than its header says while the log beside it still
    holds the frames SQLite recovers from: check_store_file leaves that to SQLite; without a log it is truncation."""
    from econgraph.graph.embedded import check_store_file

    path = tmp_path / "graph.econgraph"
    path.write_bytes(good_store_bytes[: len(good_store_bytes) // 2])
    with pytest.raises(StoreError, match="is truncated"):
        check_store_file(path)
    Path(f"{path}-wal").write_bytes(b"\0" * 32 + b"\1" * 4096)
    check_store_file(path)
    Path(f"{path}-wal").write_bytes(b"\0" * 32)  # a log without frames recovers nothing
    with pytest.raises(StoreError, match="is truncated"):
        check_store_file(path)
