"""The streaming build: chunked loading and alias linking give the one-shot result, the embedded file
is saved a logarithmic number of times (not once per chunk), and the streamed save is the same format.

Why: a build that saved the whole file after every chunk, or re-derived alias links per chunk, grew
quadratically with the corpus (docs/BENCHMARKS.md).
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest
import synth
from econgraph.graph.embedded import MAGIC, EmbeddedStore
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


def test_embedded_store_saves_logarithmically_often(corpus: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "LOAD_CHUNK", 5)
    saves: list[int] = []
    real = EmbeddedStore.save

    def counting(self: EmbeddedStore) -> None:
        saves.append(self.graph.number_of_nodes())
        real(self)

    monkeypatch.setattr(EmbeddedStore, "save", counting)
    report = build([corpus], EmbeddedStore(tmp_path / "g.econgraph"))
    # checkpoints at 5, 20, 80 articles (LOAD_CHUNK * 4**k below the total), then the final save
    expected = 1 + sum(1 for k in range(10) if 5 * build_module.CHECKPOINT_GROWTH**k < report.articles)
    assert report.articles > 80
    assert len(saves) == expected == 4
    assert saves == sorted(saves) and len(set(saves)) == len(saves)
    saves.clear()
    build([corpus], EmbeddedStore(tmp_path / "g.econgraph"))  # nothing changes but the stats: saved anyway
    assert 1 <= len(saves) <= expected


def test_streamed_save_writes_the_same_format(corpus: Path, tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "g.econgraph")
    build([corpus], store)
    raw = store.path.read_bytes()
    header_end = raw.index(b"\n", len(MAGIC))
    header = json.loads(raw[len(MAGIC):header_end])
    payload = raw[header_end + 1:]
    assert header["format"] == 1 and header["length"] == len(payload)
    data = json.loads(zlib.decompress(payload).decode("utf-8"))
    assert data == {
        "nodes": [[key, attrs] for key, attrs in store.graph.nodes(data=True)],
        "edges": [[s, e, k, attrs] for s, e, k, attrs in store.graph.edges(keys=True, data=True)],
    }
    assert snapshot(EmbeddedStore(store.path)) == snapshot(store)


def test_failed_build_leaves_the_previous_file(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "g.econgraph"
    build([corpus], EmbeddedStore(path))
    before = path.read_bytes()

    class Broken(Exception):
        pass

    def explode(self: EmbeddedStore, facts: object) -> None:
        raise Broken

    monkeypatch.setattr(EmbeddedStore, "_load", explode)
    with pytest.raises(Broken):
        build([corpus], EmbeddedStore(path), rebuild=True)  # clear() first: must not reach the file
    assert path.read_bytes() == before
