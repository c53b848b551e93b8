"""The embedded store's file under faults: a process killed while saving, truncated or corrupted files.

Why: ``build`` once and ``query`` many times relies on one file. A crash mid-save must leave the
previous graph readable, and a damaged file must be refused with a message naming it — never read
as an empty graph and overwritten with one.
"""

from __future__ import annotations

import hashlib
import json
import random
import signal
import subprocess
import sys
import textwrap
import time
import zlib
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

# A child process: fill a store with a big graph named by TAG, then save it, pausing or looping
# as MODE says so that the parent can SIGKILL it at a chosen point of the save.
CHILD = textwrap.dedent(
    """
    import os, sys, time
    from econgraph.graph.embedded import EmbeddedStore

    mode, path, n, marker = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]

    def filled(tag):
        store = EmbeddedStore(path, autosave=False)
        g = store.graph
        g.clear()
        body = ("聊城市" + tag + "，") * 200
        for i in range(n):
            g.add_node(f"Article:{tag}-{i}", uid=f"{tag}-{i}", name=f"{tag}{i}", text=body + str(i),
                       source=f"{tag}.txt", label="Article")
            g.add_node(f"Company:{tag}c{i}", uid=f"{tag}c{i}", name=f"{tag}公司{i}", aliases=[f"{tag}{i}"],
                       label="Company")
            g.add_edge(f"Article:{tag}-{i}", f"Company:{tag}c{i}", key=f"r{tag}{i}", type="MENTIONS",
                       uid=f"r{tag}{i}", article=f"{tag}-{i}", sentence=body, start=0, end=len(body),
                       rule="r", confidence=1.0, count=1, first_offset=0)
        return store

    def signal_parent(what):
        with open(marker, "w") as fh:
            fh.write(what)

    def hang(*args, **kwargs):
        signal_parent("paused")
        while True:
            time.sleep(1)

    if mode == "mid-write":
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, fh):
                self.fh = fh
            def __enter__(self):
                return self
            def __exit__(self, *exc):
                return False
            def write(self, data):
                self.fh.write(data[: len(data) // 2])
                self.fh.flush()
                os.fsync(self.fh.fileno())
                hang()
            def __getattr__(self, name):
                return getattr(self.fh, name)

        os.fdopen = lambda fd, *a, **k: HalfWriter(real_fdopen(fd, *a, **k))
        filled("new").save()
    elif mode == "before-replace":
        os.replace = hang
        filled("new").save()
    elif mode == "loop":
        a, b = filled("aaa"), filled("bbb")
        signal_parent("ready")
        while True:
            a.save()
            b.save()
    """
)


def _snapshot(path: Path) -> tuple[list, list]:
    store = EmbeddedStore(path, autosave=False)
    nodes = [(n.label, n.uid, sorted(n.properties.items(), key=str)) for n in store.iter_nodes()]
    rels = [(r.uid, r.type, r.start, r.end, sorted(r.properties.items(), key=str)) for r in store.iter_relationships()]
    return nodes, rels


def _old_store(path: Path) -> None:
    """The graph that must survive: a few hand-made facts."""
    from factsfactory import facts_a, facts_b

    store = EmbeddedStore(path)
    store.load([facts_a(), facts_b()])


def _spawn(tmp_path: Path, mode: str, path: Path, n: int) -> tuple[subprocess.Popen[bytes], Path]:
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    marker = tmp_path / f"marker-{mode}-{time.monotonic_ns()}"
    proc = subprocess.Popen([sys.executable, str(script), mode, str(path), str(n), str(marker)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return proc, marker


def _wait_for(proc: subprocess.Popen[bytes], marker: Path, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not marker.exists():
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"the saving child exited ({proc.returncode}) before the kill point:\n{err.decode()[-2000:]}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("the saving child never reached the kill point (does save() still write through "
                        "os.fdopen and os.replace?)")
        time.sleep(0.02)


@pytest.mark.parametrize("mode", ["mid-write", "before-replace"])
def test_kill_during_save_leaves_previous_file_readable(tmp_path: Path, mode: str) -> None:
    path = tmp_path / "graph.econgraph"
    _old_store(path)
    before_bytes = path.read_bytes()
    before = _snapshot(path)
    proc, marker = _spawn(tmp_path, mode, path, 3000)
    _wait_for(proc, marker)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    # a half-written temporary file may remain next to it; the store file itself is untouched
    assert path.read_bytes() == before_bytes
    assert _snapshot(path) == before
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".graph.econgraph.")]
    if mode == "mid-write":
        assert leftovers, "the child should have died with its temporary file half written"
    # the next save still works and replaces the file as a whole
    store = EmbeddedStore(path)
    store.clear()
    assert EmbeddedStore(path).stats().total_nodes == 0


@pytest.mark.slow  # five child processes, each killed at a random moment
def test_sigkill_at_random_moments_of_repeated_saves(tmp_path: Path) -> None:
    """Kill a process that saves two different graphs in turn: the file is always one of them, whole."""
    path = tmp_path / "graph.econgraph"
    _old_store(path)
    old_articles = {n.uid for n in EmbeddedStore(path).iter_nodes() if n.label == "Article"}
    rng = random.Random(9)
    n = 2000
    seen: set[str] = set()
    for trial in range(5):
        proc, marker = _spawn(tmp_path, "loop", path, n)
        _wait_for(proc, marker)
        time.sleep(rng.uniform(0.05, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        try:
            store = EmbeddedStore(path)
        except StoreError as exc:
            pytest.fail(f"trial {trial}: the store is unreadable after a kill during save: {exc}")
        articles = {node.uid for node in store.iter_nodes() if node.label == "Article"}
        tags = {uid.split("-")[0] for uid in articles}
        if articles == old_articles:
            seen.add("old")
            continue
        assert len(tags) == 1, f"trial {trial}: a mixture of two saves: {sorted(tags)}"
        assert len(articles) == n, f"trial {trial}: {len(articles)} of {n} articles"
        assert store.stats().relationships == {"MENTIONS": n}
        seen.add(tags.pop())
    assert seen - {"old"}, "no trial got as far as a complete save; lengthen the waits"


# -- damaged files ----------------------------------------------------------------------------------


def _valid_blob(payload_obj: object, version: int = 1) -> bytes:
    payload = zlib.compress(json.dumps(payload_obj).encode("utf-8"))
    header = {"format": version, "length": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}
    return b"ECONGRAPH-STORE\n" + json.dumps(header).encode() + b"\n" + payload


def _damage(good: bytes, how: str) -> bytes:
    header_end = good.index(b"\n", 16) + 1
    if how == "empty":
        return b""
    if how == "truncated-magic":
        return good[:7]
    if how == "truncated-header":
        return good[: header_end - 10]
    if how == "truncated-payload":
        return good[: header_end + (len(good) - header_end) // 2]
    if how == "last-byte-missing":
        return good[:-1]
    if how == "flipped-payload-byte":
        i = header_end + (len(good) - header_end) // 3
        return good[:i] + bytes([good[i] ^ 0x40]) + good[i + 1:]
    if how == "flipped-header-byte":
        i = good.index(b'"sha256"') + 12
        return good[:i] + bytes([good[i] ^ 0x01]) + good[i + 1:]
    if how == "appended-garbage":
        return good + b"\x00garbage"
    if how == "random-bytes":
        return random.Random(3).randbytes(4096)
    if how == "json-not-a-store":
        return b'{"nodes": [], "relationships": []}'
    if how == "checksum-ok-payload-not-json":
        payload = zlib.compress(b"not json at all")
        header = {"format": 1, "length": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}
        return b"ECONGRAPH-STORE\n" + json.dumps(header).encode() + b"\n" + payload
    if how == "checksum-ok-wrong-shape":
        return _valid_blob({"nodes": 5, "edges": "x"})
    if how == "checksum-ok-bad-rows":
        return _valid_blob({"nodes": [["only-a-key"]], "edges": []})
    if how == "future-format":
        return _valid_blob({"nodes": [], "edges": []}, version=99)
    raise AssertionError(how)


DAMAGE = ["empty", "truncated-magic", "truncated-header", "truncated-payload", "last-byte-missing",
          "flipped-payload-byte", "flipped-header-byte", "appended-garbage", "random-bytes", "json-not-a-store",
          "checksum-ok-payload-not-json", "checksum-ok-wrong-shape", "checksum-ok-bad-rows", "future-format"]


@pytest.fixture(scope="module")
def good_store_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("good") / "graph.econgraph"
    _old_store(path)
    return path.read_bytes()


@pytest.mark.parametrize("how", DAMAGE)
def test_damaged_store_is_refused_and_left_alone(tmp_path: Path, good_store_bytes: bytes, how: str) -> None:
    path = tmp_path / "graph.econgraph"
    bad = _damage(good_store_bytes, how)
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
@pytest.mark.parametrize("how", ["truncated-payload", "flipped-payload-byte", "random-bytes"])
def test_cli_on_a_damaged_store_says_so_and_keeps_the_file(tmp_path: Path, good_store_bytes: bytes, how: str,
                                                           args: list[str]) -> None:
    path = tmp_path / "graph.econgraph"
    bad = _damage(good_store_bytes, how)
    path.write_bytes(bad)
    result = CliRunner().invoke(cli, [*args, "--store", str(path)])
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    output = result.output
    assert "Traceback" not in output
    error_lines = [line for line in output.splitlines() if line.startswith("Error:")]
    assert len(error_lines) == 1, output
    assert str(path) in error_lines[0], output
    assert path.read_bytes() == bad, "a damaged store must never be rewritten"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.econgraph"]


def test_store_in_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where a directory should be", encoding="utf-8")
    store = EmbeddedStore(blocker / "graph.econgraph", autosave=False)
    with pytest.raises(StoreError) as info:
        store.save()
    assert str(blocker / "graph.econgraph") in str(info.value)
    assert blocker.read_text(encoding="utf-8") == "a file where a directory should be"


def test_save_never_leaves_temporary_files_on_success(tmp_path: Path) -> None:
    path = tmp_path / "graph.econgraph"
    _old_store(path)
    store = EmbeddedStore(path)
    for _ in range(3):
        store.save()
    # the writer lock's side file stays (graph/locking.py: removing it would race), no temporary file
    assert sorted(p.name for p in tmp_path.iterdir()) == [".graph.econgraph.lock", "graph.econgraph"]


# -- a build killed part-way ------------------------------------------------------------------------

# The real CLI; the process SIGKILLs itself when the build saves for the second time (after the
# first chunk of articles was saved).
KILLED_BUILD = textwrap.dedent(
    """
    import os, signal, sys
    import econgraph.graph.embedded as emb

    real = emb.EmbeddedStore.save
    calls = {"n": 0}

    def save(self):
        calls["n"] += 1
        if calls["n"] == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        real(self)

    emb.EmbeddedStore.save = save
    from econgraph.cli import cli
    cli.main(args=sys.argv[1:], prog_name="econgraph")
    """
)


def _build(work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "econgraph", "build", *args], cwd=work, capture_output=True,
                          text=True, timeout=600)


@pytest.mark.slow
def test_build_killed_part_way_then_rerun_equals_clean_build(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), "--articles", "300", "--seed", "13",
                    "-o", str(corpus)], check=True, capture_output=True, cwd=ROOT)
    (corpus / "gold.json").unlink(missing_ok=True)
    path = tmp_path / "graph.econgraph"
    script = tmp_path / "killed_build.py"
    script.write_text(KILLED_BUILD, encoding="utf-8")
    killed = subprocess.run([sys.executable, str(script), "build", str(corpus), "--store", str(path)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=600)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-3000:]
    partial = EmbeddedStore(path)  # readable: the chunks saved before the kill
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
    keys = [(r[1], r[2], r[3], dict(r[4]).get("article")) for r in got[1]]
    assert len(keys) == len(set(keys)), "duplicated evidence"
