"""The streaming build: chunked loading and alias linking give the one-shot result, the embedded store
commits a logarithmic number of checkpoints, and a failed build rolls back to the last one.

Why: a build that saved the whole file after every chunk, or re-derived alias links per chunk, grew
quadratically with the corpus (docs/BENCHMARKS.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import synth
from econgraph.graph.embedded import EmbeddedStore
from econgraph.loaders.aliases import resolve
from econgraph.loaders.documents import load_articles
from econgraph.loaders.extract import Extractor
from helpers import snapshot

import econgraph.build as build_module
from econgraph.build import build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    synth.generate(120, out, seed=5)
    (out / "gold.json").unlink(missing_ok=True)
    return out


def test_chunked_build_equals_one_shot_resolve_and_load(corpus: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "LOAD_CHUNK", 7)  # many chunks; alias links cross chunk borders
    streamed = EmbeddedStore(tmp_path / "streamed.econgraph")
    report = build([corpus], streamed)

    articles = load_articles([corpus]).articles
    extractor = Extractor()
    facts = resolve([extractor.extract(a) for a in articles])
    one_shot = EmbeddedStore(tmp_path / "one-shot.econgraph", autosave=False)
    one_shot.load(facts)

    assert report.articles == len(articles) > 7 * 5
    assert sum(1 for n in one_shot.iter_nodes() if n.label == "Company") > 40
    assert snapshot(EmbeddedStore(streamed.path)) == snapshot(one_shot)


def test_a_store_that_overlaps_its_batches_gets_large_load_calls(corpus: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # the Neo4j store pipelines the batches of one load call; spill chunks of 200 articles would
    # each be a single batch with nothing to overlap it
    monkeypatch.setattr(build_module, "LOAD_CHUNK", 7)
    calls: list[int] = []

    class Grouping(EmbeddedStore):
        articles_per_load = 30

        def load(self, facts):  # type: ignore[no-untyped-def]
            facts = list(facts)
            calls.append(len(facts))
            super().load(facts)

    grouped = Grouping(tmp_path / "grouped.econgraph")
    report = build([corpus], grouped)
    assert sum(calls) == report.articles and len(calls) >= 3
    assert all(n >= 30 and n % 7 == 0 for n in calls[:-1]) and 0 < calls[-1] <= 35  # whole spill chunks
    single = EmbeddedStore(tmp_path / "single.econgraph")
    build([corpus], single)
    assert snapshot(EmbeddedStore(grouped.path)) == snapshot(EmbeddedStore(single.path))


def test_embedded_store_commits_logarithmically_often(corpus: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A build is one transaction with a few checkpoint commits on the way (LOAD_CHUNK * 4**k articles)."""
    monkeypatch.setattr(build_module, "LOAD_CHUNK", 5)
    flushes: list[int] = []
    real = EmbeddedStore.flush

    def counting(self: EmbeddedStore) -> None:
        flushes.append(self.stats().nodes.get("Article", 0))
        real(self)

    monkeypatch.setattr(EmbeddedStore, "flush", counting)
    report = build([corpus], EmbeddedStore(tmp_path / "g.econgraph"))
    # checkpoints at 5, 20, 80 articles (below the total); the end of the build commits the rest
    expected = sum(1 for k in range(10) if 5 * build_module.CHECKPOINT_GROWTH**k < report.articles)
    assert report.articles > 80
    assert len(flushes) == expected == 3
    assert flushes == sorted(flushes) and len(set(flushes)) == len(flushes)


def test_store_is_an_sqlite_database(corpus: Path, tmp_path: Path) -> None:
    """Nodes, facts and evidence tables that sqlite3 (or sqlite-utils, Datasette) opens as they are."""
    import sqlite3

    store = EmbeddedStore(tmp_path / "g.econgraph")
    build([corpus], store)
    stats = store.stats()
    store.close()
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM nodes").fetchone()[0] == stats.total_nodes
        assert conn.execute("SELECT count(*) FROM facts").fetchone()[0] == stats.total_relationships
        evidence = conn.execute("SELECT count(*) FROM evidence").fetchone()[0]
        articles = conn.execute("SELECT coalesce(sum(json_extract(props, '$.articles')), 0) FROM facts").fetchone()[0]
        assert evidence == articles > 0
    assert snapshot(EmbeddedStore(store.path)) == snapshot(store)


@pytest.mark.parametrize("jobs", [1, 2])
def test_failed_build_leaves_the_previous_store(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                jobs: int) -> None:
    """A load call that fails (with ``--jobs 2``, while workers prepare the next calls) rolls the build back."""
    import multiprocessing

    path = tmp_path / "g.econgraph"
    build([corpus], EmbeddedStore(path))
    before = snapshot(EmbeddedStore(path))

    class Broken(Exception):
        pass

    def explode(self: EmbeddedStore, prepared: object) -> None:
        raise Broken

    monkeypatch.setattr(EmbeddedStore, "load_prepared", explode)
    with pytest.raises(Broken):
        build([corpus], EmbeddedStore(path), rebuild=True, jobs=jobs)  # clear() first: rolled back with the rest
    assert not multiprocessing.active_children()  # the second pass's workers stopped with it
    monkeypatch.undo()
    assert snapshot(EmbeddedStore(path)) == before


@pytest.mark.parametrize("window, aligned", [(23, True), (50, False)])
def test_parallel_build_equals_serial_build_across_batch_and_chunk_borders(corpus: Path, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch,
                                                                            window: int, aligned: bool) -> None:
    """``--jobs 2`` spills the workers' batches as they come and its second pass prepares the load calls in worker
    processes from the spill's frames: the load calls, and so the store, row for row (fact ids included), are those
    of ``--jobs 1``, whether the frames fall on the calls' borders or across them."""
    import sqlite3

    monkeypatch.setattr(build_module, "LOAD_CHUNK", 7)
    # windows of 23: batches of 1 article (23 // 16); windows of 50: batches of 3 (50 // 16), across the borders
    monkeypatch.setattr(build_module, "EXTRACT_WINDOW", window)
    if not aligned:
        monkeypatch.setattr(build_module, "_aligned", lambda size, chunk: size)
    calls: dict[int, list[int]] = {1: [], 2: []}

    def store(jobs: int) -> EmbeddedStore:
        class Counting(EmbeddedStore):
            def load_prepared(self, prepared):  # type: ignore[no-untyped-def]
                calls[jobs].append(len(prepared))  # every load call of either pass 2
                super().load_prepared(prepared)

        return Counting(tmp_path / f"j{jobs}.sqlite")

    reports = {jobs: build([corpus], store(jobs), jobs=jobs) for jobs in (1, 2)}
    assert reports[1].articles == reports[2].articles > 23 * 3
    assert calls[1] == calls[2] and set(calls[1][:-1]) == {7}

    def rows(path: Path) -> list[tuple[object, ...]]:
        with sqlite3.connect(path) as conn:
            return [row for table, order in (("nodes", "key"), ("facts", "id"), ("evidence", "fact, article"),
                                             ("names", "key, norm"))
                    for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}")]  # noqa: S608

    assert rows(tmp_path / "j1.sqlite") == rows(tmp_path / "j2.sqlite")


def test_reslice_cuts_exact_groups_whatever_the_chunks() -> None:
    chunks = [[1, 2, 3], [], [4], [5, 6, 7, 8, 9, 10, 11], [12]]
    assert list(build_module._reslice(chunks, 5)) == [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12]]
    assert list(build_module._reslice([[1, 2]], 5)) == [[1, 2]]
    assert list(build_module._reslice([], 5)) == []


def test_aggregates_of_a_build_are_settled_at_each_checkpoint_and_read(corpus: Path, tmp_path: Path) -> None:
    """Inside a build, the aggregates of facts that only gained evidence wait for the next commit or read: a
    reader of a checkpoint (a killed build) and a read inside the build see them as a one-shot load gives them."""
    import sqlite3

    articles = load_articles([corpus]).articles
    extractor = Extractor()
    facts = resolve([extractor.extract(a) for a in articles])
    one_shot = EmbeddedStore(tmp_path / "one-shot.sqlite")
    one_shot.load(facts[:60])

    path = tmp_path / "chunked.sqlite"
    store = EmbeddedStore(path)
    with store.deferred_save():
        for i in range(0, 60, 6):
            store.load(facts[i:i + 6])
        assert store._unsettled  # facts stated by several articles wait
        store.flush()  # a checkpoint: what another process reads now
        assert not store._unsettled
        with sqlite3.connect(path) as other:
            committed = sorted(other.execute("SELECT uid, props FROM facts").fetchall())
        store.load(facts[60:70])
        during = snapshot(store)  # a read inside the build settles first
        assert not store._unsettled
    one_shot_rows = sorted(sqlite3.connect(one_shot.path).execute("SELECT uid, props FROM facts").fetchall())
    assert committed == one_shot_rows
    one_shot.load(facts[60:70])
    assert during == snapshot(one_shot) == snapshot(EmbeddedStore(path))


def test_frame_groups_cut_exact_load_calls_whatever_the_frames() -> None:
    """The second pass of ``--jobs 2`` hands each worker the spill frames of one load call: the frames holding its
    articles, how many of their articles come before, how many it takes (a frame across a border goes to both)."""
    frames = [(b"a", 3), (b"b", 0), (b"c", 1), (b"d", 7), (b"e", 1)]  # articles 0-2, -, 3, 4-10, 11
    groups = list(build_module._frame_groups(frames, 5))
    assert groups == [([b"a", b"c", b"d"], 0, 5), ([b"d"], 1, 5), ([b"d", b"e"], 6, 2)]
    lists = {b"a": [0, 1, 2], b"b": [], b"c": [3], b"d": [4, 5, 6, 7, 8, 9, 10], b"e": [11]}
    calls = [[x for d in data for x in lists[d]][skip:skip + take] for data, skip, take in groups]
    assert calls == list(build_module._reslice([lists[d] for d, _ in frames], 5))
    assert list(build_module._frame_groups([(b"a", 5), (b"b", 5)], 5)) == [([b"a"], 0, 5), ([b"b"], 0, 5)]
    assert list(build_module._frame_groups([], 5)) == []


def test_pass_one_batches_fall_on_load_call_borders() -> None:
    assert build_module._aligned(62, 200) == 50  # --jobs 2: 1000 // 16, then 50 divides 200
    assert build_module._aligned(31, 200) == 25
    assert build_module._aligned(7, 200) == 5
    assert build_module._aligned(3, 7) == 1 and build_module._aligned(9, 7) == 7
    assert build_module._aligned(11, 13) == 11  # nothing between 6 and 11 divides 13: as it was


def test_a_new_fact_gets_its_aggregates_when_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fact a load call creates with one piece of evidence is written with its aggregates (not settled after):
    the store is row for row the one the settling gives, also where SQLite's column types change a value as it is
    stored (an integer confidence reads back as a float) and for facts that gain evidence later."""
    import sqlite3
    from dataclasses import replace

    import econgraph.graph.embedded as embedded
    from econgraph.graph.model import Relationship
    from factsfactory import facts_a, facts_b

    def odd(item):  # type: ignore[no-untyped-def]
        rels = [Relationship(r.type, r.start, r.end, replace(r.evidence, confidence=1), r.props)
                if r.type == "LOCATED_IN" else r for r in item.relationships]
        return replace(item, relationships=rels)

    calls = [[facts_a()], [facts_b(), odd(facts_a("art-c"))], [facts_a("art-d")], [facts_b("art-b")]]

    def rows(path: Path, single: bool) -> list[tuple[object, ...]]:
        if not single:
            monkeypatch.setattr(embedded, "_single", lambda ev, extras: None)  # every fact settled after
        store = EmbeddedStore(path)
        with store.deferred_save():
            for call in calls:
                store.load(call)
        for call in calls:  # and outside a build
            store.load(call)
        store.close()
        monkeypatch.undo()
        with sqlite3.connect(path) as conn:
            return [row for table, order in (("nodes", "rowid"), ("facts", "id"), ("evidence", "fact, article"))
                    for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}")]  # noqa: S608

    written, settled = rows(tmp_path / "written.sqlite", True), rows(tmp_path / "settled.sqlite", False)
    assert written == settled
    assert any(isinstance(row[-1], str) and '"confidence":1.0' in row[-1] for row in written)
