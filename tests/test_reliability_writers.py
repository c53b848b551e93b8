"""Issue 18, points 1-4: concurrent writers, an article in two files, silent omissions, special files.

Why: each of these lost data or hung while exiting 0 (found by a hostile probe). Two builds into one
embedded store must both land (the second waits for the first) or the second must refuse with one
line; an article stays while any built file holds it; an input that cannot be read is a
``Skipped:`` line and a non-zero exit, never silence or a traceback; a store or output path that is a
symbolic link is written through, and a FIFO or device is refused with one line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from econgraph.graph.embedded import EmbeddedStore

from econgraph.build import build
from econgraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _cli(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "ECONGRAPH_"))}
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "econgraph", *args], cwd=cwd, env=full, capture_output=True,
                          text=True, timeout=timeout)


def _articles(store: Path) -> dict[str, dict[str, Any]]:
    return {n.uid: n.properties for n in EmbeddedStore(store, autosave=False).iter_nodes() if n.label == "Article"}


def _corpus(folder: Path, seeds: list[Path]) -> Path:
    folder.mkdir(parents=True)
    for seed in seeds:
        shutil.copy(seed, folder / seed.name)
    return folder


@pytest.fixture(scope="module")
def halves(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, set[str], set[str]]:
    """Two corpora (A: 3 seed pages, B: 2) and the article uids each builds on its own."""
    work = tmp_path_factory.mktemp("halves")
    a, b = _corpus(work / "A", SEEDS[:3]), _corpus(work / "B", SEEDS[3:])
    uids = []
    for folder in (a, b):
        store = work / f"{folder.name}.econgraph"
        done = _cli("build", str(folder), "--store", str(store), cwd=work)
        assert done.returncode == 0, done.stderr
        uids.append(set(_articles(store)))
    assert uids[0] and uids[1] and not uids[0] & uids[1]
    return a, b, uids[0], uids[1]


# -- 1. two writers, one embedded store ---------------------------------------------------------

# The real CLI, paused inside its first store.load (the writer lock held, the graph half written)
# until the test says go.
PAUSED_BUILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import econgraph.graph.embedded as emb

    paused, go = Path(sys.argv[1]), Path(sys.argv[2])
    real = emb.EmbeddedStore.load

    def load(self, facts):
        real(self, facts)
        if not paused.exists():
            paused.write_text("paused")
            while not go.exists():
                time.sleep(0.05)

    emb.EmbeddedStore.load = load
    from econgraph.cli import cli
    cli.main(args=sys.argv[3:], prog_name="econgraph")
    """
)


def _start_paused(work: Path, *args: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen[str], Path]:
    script = work / "paused_build.py"
    script.write_text(PAUSED_BUILD, encoding="utf-8")
    paused, go = work / "first.paused", work / "first.go"
    full = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "ECONGRAPH_"))}
    full.update(env or {})
    proc = subprocess.Popen([sys.executable, str(script), str(paused), str(go), *args], cwd=work, env=full,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not paused.exists():
        if proc.poll() is not None:
            pytest.fail(f"the first build ended before pausing: {proc.communicate()[1][-2000:]}")
        assert time.monotonic() < deadline, "the first build never paused"
        time.sleep(0.05)
    return proc, go


def test_second_build_waits_for_the_first_and_both_land(tmp_path: Path, halves: Any) -> None:
    a, b, uids_a, uids_b = halves
    store = tmp_path / "shared.econgraph"
    first, go = _start_paused(tmp_path, "build", str(a), "--store", str(store))
    err_file = tmp_path / "second.err"
    with open(err_file, "w", encoding="utf-8") as err:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "ECONGRAPH_"))}
        second = subprocess.Popen([sys.executable, "-m", "econgraph", "build", str(b), "--store", str(store)],
                                  cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=err, text=True)
        deadline = time.monotonic() + 120
        while "Waiting:" not in err_file.read_text(encoding="utf-8"):
            assert second.poll() is None, f"the second build did not wait: {err_file.read_text()}"
            assert time.monotonic() < deadline, "the second build never said it waits"
            time.sleep(0.1)
        # a reader does not wait for the writer: it reads the last saved file, or (nothing saved yet by this
        # first build) says at once that there is no store
        began = time.monotonic()
        reader = _cli("stats", "--store", str(store), cwd=tmp_path, timeout=60)
        assert "Waiting" not in reader.stderr, reader.stderr
        assert reader.returncode == 0 or reader.stderr.startswith(f"Error: no store at {store}"), reader.stderr
        assert time.monotonic() - began < 30
        (tmp_path / "first.go").write_text("go")
        assert first.wait(timeout=300) == 0, first.communicate()[1][-2000:]
        assert second.wait(timeout=300) == 0, err_file.read_text()[-2000:]
    message = err_file.read_text(encoding="utf-8")
    waiting = [line for line in message.splitlines() if line.startswith("Waiting:")]
    assert len(waiting) == 1 and str(store) in waiting[0] and "another econgraph process" in waiting[0], message
    assert set(_articles(store)) == uids_a | uids_b, "both builds must land"
    assert go.exists()


def test_second_build_refuses_with_one_line_when_told_not_to_wait(tmp_path: Path, halves: Any) -> None:
    a, b, uids_a, _ = halves
    store = tmp_path / "shared.econgraph"
    first, go = _start_paused(tmp_path, "build", str(a), "--store", str(store))
    second = _cli("build", str(b), "--store", str(store), cwd=tmp_path, env={"ECONGRAPH_LOCK_WAIT_SECONDS": "0"})
    go.write_text("go")
    assert first.wait(timeout=300) == 0
    assert second.returncode != 0
    lines = [line for line in second.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: another econgraph process"), second.stderr
    assert "Traceback" not in second.stderr
    assert set(_articles(store)) == uids_a, "the refused build must not have touched the store"


def test_a_killed_writer_leaves_no_stale_lock(tmp_path: Path) -> None:
    store = tmp_path / "g.econgraph"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom pathlib import Path\n"
         "from econgraph.graph.locking import writer_lock\n"
         "with writer_lock(Path(sys.argv[1])):\n    print('locked', flush=True)\n    time.sleep(300)\n", str(store)],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    blocked = _cli("build", str(SEEDS[0]), "--store", str(store), cwd=tmp_path,
                   env={"ECONGRAPH_LOCK_WAIT_SECONDS": "0"})
    assert blocked.returncode != 0 and f"(pid {holder.pid})" in blocked.stderr, blocked.stderr
    holder.kill()  # SIGKILL: no clean-up runs
    holder.wait()
    done = _cli("build", str(SEEDS[0]), "--store", str(store), cwd=tmp_path, env={"ECONGRAPH_LOCK_WAIT_SECONDS": "0"})
    assert done.returncode == 0, done.stderr


def test_two_builds_started_together_both_land(tmp_path: Path, halves: Any) -> None:
    """The probe's form: `build A --store g & build B --store g`, no hooks."""
    a, b, uids_a, uids_b = halves
    store = tmp_path / "g.econgraph"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "ECONGRAPH_"))}
    procs = [subprocess.Popen([sys.executable, "-m", "econgraph", "build", str(folder), "--store", str(store)],
                              cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for folder in (a, b)]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-2000:]
    assert set(_articles(store)) == uids_a | uids_b


# -- 2. one article, two files ------------------------------------------------------------------


def _two_file_scenario(run: Any, articles: Any, tmp_path: Path) -> None:
    """build a.txt b.txt (identical); change b.txt and build it alone: a.txt's articles stay;
    then change a.txt and build it alone: now no file holds them and they go."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(SEEDS[0], a)
    shutil.copy(SEEDS[0], b)
    run(str(a), str(b))
    first = articles()
    assert first and all(p["source"] == str(a) and p["sources"] == [str(a), str(b)] for p in first.values())

    shutil.copy(SEEDS[1], b)
    out = run(str(b))
    assert "stale" not in out, out
    second = articles()
    assert set(first) <= set(second), "articles that a.txt still holds were deleted"
    for uid in first:
        assert second[uid]["source"] == str(a) and "sources" not in second[uid], second[uid]
    new = set(second) - set(first)
    assert new and all(second[u]["source"] == str(b) for u in new)

    shutil.copy(SEEDS[2], a)
    out = run(str(a))
    third = articles()
    assert not set(first) & set(third), "no file holds them any more: they must go"
    assert new <= set(third)
    assert f"removed {len(first)} stale articles" in out, out


def test_article_in_two_files_stays_while_one_holds_it_embedded(tmp_path: Path) -> None:
    store = tmp_path / "g.econgraph"

    def run(*paths: str) -> str:
        done = _cli("build", *paths, "--store", str(store), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return done.stdout

    _two_file_scenario(run, lambda: _articles(store), tmp_path)


@pytest.mark.neo4j
def test_article_in_two_files_stays_while_one_holds_it_neo4j(tmp_path: Path, neo4j_env: Any,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from econgraph.graph.neo4j_store import Neo4jStore

    monkeypatch.chdir(tmp_path)

    def run(*paths: str) -> str:
        result = CliRunner().invoke(cli, ["build", *paths, "--neo4j"])
        assert result.exit_code == 0, result.output
        return result.output

    def articles() -> dict[str, dict[str, Any]]:
        with Neo4jStore() as store:
            return {n.uid: n.properties for n in store.iter_nodes() if n.label == "Article"}

    _two_file_scenario(run, articles, tmp_path)


# -- 3. nothing left out in silence ---------------------------------------------------------------


def _skipped_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("Skipped:")]


def test_file_that_vanishes_during_the_build_is_reported(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "in", SEEDS[:3])
    victim = folder / SEEDS[2].name

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "extract" and done == 1:
            victim.unlink()  # gone after the listing, before it is read

    report = build([folder], EmbeddedStore(tmp_path / "g.econgraph"), progress=progress)
    assert [s.path for s in report.skipped] == [str(victim)], report.skipped
    assert "no such file" in report.skipped[0].reason
    assert report.files == 2 and not report.ok


def test_unreadable_subfolder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _corpus(tmp_path / "in", SEEDS[:1])
    locked = _corpus(folder / "locked", SEEDS[1:2])
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the folder fail as it would for a user
        real_scandir = os.scandir

        def scandir(path: Any = ".") -> Any:
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        result = CliRunner().invoke(cli, ["build", str(folder), "--store", str(tmp_path / "g.econgraph")])
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 1, result.output
    assert f"Skipped: {locked}: cannot read this folder (Permission denied)" in _skipped_lines(result.output)
    assert "Built" in result.output and "from 1 files" in result.output


def test_symlink_loop_is_reported_and_the_rest_built(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "in", SEEDS[:2])
    (folder / "sub").mkdir()
    shutil.copy(SEEDS[2], folder / "sub" / "page.txt")
    (folder / "sub" / "back").symlink_to(folder, target_is_directory=True)  # in/sub/back -> in
    (folder / "self.txt").symlink_to(folder / "self.txt")  # a link to itself
    (folder / "twice").symlink_to(folder / "sub", target_is_directory=True)  # a second way in: not a loop
    result = CliRunner().invoke(cli, ["build", str(folder), "--store", str(tmp_path / "g.econgraph")])
    assert result.exit_code == 1, result.output
    skipped = _skipped_lines(result.output)
    assert f"Skipped: {folder / 'sub' / 'back'}: symbolic link loop (leads back to {folder})" in skipped, skipped
    assert f"Skipped: {folder / 'self.txt'}: symbolic link loop" in skipped, skipped
    assert len(skipped) == 2, skipped
    assert "from 3 files" in result.output, result.output


def test_deep_nesting_is_walked_without_recursion(tmp_path: Path) -> None:
    import tempfile

    # outside pytest's temporary folders: its clean-up of old ones (shutil.rmtree) recurses and would
    # fail on this tree in later sessions, if this test were interrupted before removing it
    folder = Path(tempfile.mkdtemp(prefix="econgraph-deep-"))
    deep = folder
    for _ in range(1500):  # one level at a time: mkdir(parents=True) itself recurses
        deep = deep / "d"
        deep.mkdir()
    shutil.copy(SEEDS[0], deep / "page.txt")
    try:
        result = CliRunner().invoke(cli, ["build", str(folder), "--store", str(tmp_path / "g.econgraph")])
    finally:  # rm walks any depth
        subprocess.run(["rm", "-rf", str(folder)], check=True)
    assert result.exit_code == 0, result.output[-2000:]
    assert "Traceback" not in result.output and "RecursionError" not in result.output
    assert "from 1 files" in result.output


def test_file_name_with_a_newline_stays_on_one_skipped_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS[0], folder / "good.txt")
    (folder / "evil\nSkipped: forged.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "evil\nSkipped: forged.txt").rename(folder / "evil\nSkipped: forged.txt")
    (folder / "evil\nSkipped: forged.txt").rename(folder / "evil\nSkipped: forged.txt.txt")
    result = CliRunner().invoke(cli, ["build", str(folder), "--store", str(tmp_path / "g.econgraph")])
    assert result.exit_code == 1
    skipped = _skipped_lines(result.output)
    assert skipped == [f"Skipped: {folder}/evil\\nSkipped: forged.txt.txt: binary file (contains NUL bytes)"], skipped


# -- 4. links, FIFOs and devices -----------------------------------------------------------------


def test_symlinked_store_is_written_through_to_its_target(tmp_path: Path) -> None:
    real = tmp_path / "data" / "real.econgraph"
    real.parent.mkdir()
    link = tmp_path / "link.econgraph"
    assert _cli("build", str(SEEDS[0]), "--store", str(real), cwd=tmp_path).returncode == 0
    link.symlink_to(real)
    done = _cli("build", str(SEEDS[1]), "--store", str(link), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(real), "the link must stay a link"
    sources = {p["source"] for p in _articles(real).values()}
    assert sources == {str(SEEDS[0]), str(SEEDS[1])}, "the target must hold both builds"


def test_fifo_as_store_is_refused_with_one_line(tmp_path: Path) -> None:
    fifo = tmp_path / "g.econgraph"
    os.mkfifo(fifo)
    for args in (["stats"], ["build", str(SEEDS[0])], ["query", "run", "companies-in-county"]):
        done = _cli(*args, "--store", str(fifo), cwd=tmp_path, timeout=60)  # used to hang forever
        assert done.returncode != 0
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("Error:") and "not a regular file (a FIFO)" in lines[0], done.stderr
    assert fifo.is_fifo()


@pytest.fixture
def built(tmp_path: Path) -> Path:
    store = tmp_path / "g.econgraph"
    assert _cli("build", str(SEEDS[0]), "--store", str(store), cwd=tmp_path).returncode == 0
    return store


@pytest.mark.parametrize("command", ["export", "viz"])
def test_output_through_a_symlink_writes_its_target(tmp_path: Path, built: Path, command: str) -> None:
    target = tmp_path / "out" / "target.file"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.file"
    link.symlink_to(target)
    args = (["export", "--format", "json", "-o", str(link)] if command == "export"
            else ["viz", "--query", "industry-counties", "-o", str(link)])
    done = _cli(*args, "--store", str(built), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") != "old"
    assert sorted(p.name for p in target.parent.iterdir()) == ["target.file"], "no temporary file left"


@pytest.mark.parametrize("command", ["export", "viz"])
@pytest.mark.parametrize("kind", ["fifo", "device-link", "directory"])
def test_output_to_a_fifo_or_device_is_refused(tmp_path: Path, built: Path, command: str, kind: str) -> None:
    out = tmp_path / "out"
    if kind == "fifo":
        os.mkfifo(out)
    elif kind == "device-link":
        out.symlink_to("/dev/full")  # as root, this used to replace the device node with a file
    else:
        out.mkdir()
    args = (["export", "--format", "json", "-o", str(out)] if command == "export"
            else ["viz", "--query", "industry-counties", "-o", str(out)])
    done = _cli(*args, "--store", str(built), cwd=tmp_path, timeout=60)
    assert done.returncode != 0
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    if kind == "directory" and command == "viz":  # click's own check of the option (a usage error)
        assert lines[-1].startswith("Error:") and "is a directory" in lines[-1], lines
    else:
        assert len(lines) == 1 and lines[0].startswith("Error:") and "not a regular file" in lines[0], lines
    if kind == "fifo":
        assert out.is_fifo()
    elif kind == "device-link":
        assert out.is_symlink() and Path("/dev/full").is_char_device()
    else:
        assert out.is_dir() and not any(out.iterdir())
