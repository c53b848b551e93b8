"""The start-up caches (``loaders.cache``): jieba's dictionary read without jieba (``loaders.dictionary``) and
the gazetteer (``loaders.places``) are the tables made from the files, a changed input file is seen, a damaged
cache file is built again."""

from __future__ import annotations

import json
import marshal
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import jieba
import jieba.posseg
import pytest
from econgraph.loaders import cache, dictionary, places


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ECONGRAPH_CACHE_DIR", str(folder))
    return folder


def test_tables_are_jiebas() -> None:
    jieba.dt.initialize()
    words = dictionary.dictionary()
    assert words.total == jieba.dt.total
    assert words.freq == jieba.dt.FREQ
    assert words.tags == jieba.posseg.dt.word_tag_tab


def test_parsed_and_cached_tables_are_the_same(cache_dir: Path) -> None:
    parsed = dictionary.parse(dictionary.jieba_dict_path().read_text(encoding="utf-8"))
    first = dictionary.load()  # built and written
    assert len(list(cache_dir.glob("jieba-dict-*.bin"))) == 1
    again = dictionary.load()  # read back
    assert parsed == first == again


def test_extraction_does_not_import_jieba() -> None:
    code = ("import sys\nfrom econgraph.loaders.article import Article\nfrom econgraph.loaders.extract import Extractor\n"
            "Extractor().extract(Article('u', 's.txt', '示例', '聊城市示例新材料有限公司在冠县签约。'))\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jieba', 'pkg_resources')))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300)
    assert run.stdout.strip() == "[]"


def test_a_changed_dictionary_file_is_seen(cache_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "dict.txt"
    path.write_text("示例 5 n\n示例县 3 ns\n", encoding="utf-8")
    first = dictionary.load(path)
    assert first.freq == {"示例": 5, "示": 0, "示例县": 3} and first.total == 8
    path.write_text("示例 5 n\n新材料 7 n\n", encoding="utf-8")
    second = dictionary.load(path)
    assert second.freq == {"示例": 5, "示": 0, "新材料": 7, "新材": 0, "新": 0} and second.tags["新材料"] == "n"
    assert len(list(cache_dir.glob("jieba-dict-*.bin"))) == 2  # one per content


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", "truncate"])
def test_a_damaged_cache_file_is_built_again(cache_dir: Path, damage: bytes | str) -> None:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"a": 1, "b": 2}

    assert cache.cached("t", ["input"], build) == {"a": 1, "b": 2}
    [path] = cache_dir.glob("t-*.bin")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] if damage == "truncate" else damage)  # type: ignore[operator]
    assert cache.cached("t", ["input"], build) == {"a": 1, "b": 2}
    assert len(calls) == 2
    assert marshal.loads(path.read_bytes()) == {"a": 1, "b": 2}  # rewritten whole
    assert cache.cached("t", ["input"], build) == {"a": 1, "b": 2} and len(calls) == 2


def test_key_covers_every_input_and_the_name(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text("1")
    b.write_text("2")
    key = cache.input_key("t", [a, b])
    assert key == cache.input_key("t", [a, b])
    assert key != cache.input_key("u", [a, b])
    assert key != cache.input_key("t", [b, a])
    a.write_text("3")
    assert key != cache.input_key("t", [a, b])


def test_pickled_tables_and_old_files_pruned(cache_dir: Path) -> None:
    for n in range(cache.KEEP + 2):
        assert cache.cached("p", [str(n)], lambda n=n: {n}, pickle.dumps, pickle.loads) == {n}
    assert len(list(cache_dir.glob("p-*.bin"))) == cache.KEEP


def test_off_or_unwritable_folder_only_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECONGRAPH_CACHE_DIR", "off")
    assert cache.cached("t", ["x"], lambda: 1) == 1
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ECONGRAPH_CACHE_DIR", str(blocker / "sub"))
    assert cache.cached("t", ["x"], lambda: 2) == 2


# -- the gazetteer (loaders/places.py) ------------------------------------------------------------------


def _fields(gaz: places.Gazetteer) -> dict[str, object]:
    out = {f: getattr(gaz, f) for f in ("counties", "cities", "provinces", "sources", "towns", "packs", "prefixes",
                                         "shortest", "city_alias", "node_names", "by_uid", "safe2", "place_words")}
    out["index"] = gaz.index.raw
    out["order"] = (list(gaz.counties), list(gaz.index.raw))
    return out


def test_cached_gazetteer_is_the_built_one(cache_dir: Path) -> None:
    built = places.build_gazetteer()
    places.load_gazetteer.cache_clear()
    try:
        first = places.load_gazetteer()  # built and written
        places.load_gazetteer.cache_clear()
        again = places.load_gazetteer()  # read back
    finally:
        places.load_gazetteer.cache_clear()
    assert len(list(cache_dir.glob("gazetteer-*.bin"))) == 1
    assert _fields(first) == _fields(again) == _fields(built)
    assert again.index["开发区"] == built.index["开发区"] and all(c.how == "weak" for c in again.index["开发区"])


def test_a_changed_pack_file_is_seen(cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regions = tmp_path / "regions"
    shutil.copytree(places.REGIONS_DIR, regions)
    monkeypatch.setattr(places, "REGIONS_DIR", regions)
    monkeypatch.setattr(places, "CHINA_DATA", regions / "china" / "places.json.gz")
    pack = regions / "liaocheng" / "region.json"
    places.load_gazetteer.cache_clear()
    try:
        assert "示例新区" not in places.load_gazetteer().index
        meta = json.loads(pack.read_text(encoding="utf-8"))
        meta["counties"].append({"name": "示例新区", "kind": "功能区", "aliases": ["聊城示例新区"]})
        pack.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        places.load_gazetteer.cache_clear()
        gaz = places.load_gazetteer()
        assert "示例新区" in gaz.index and "聊城示例新区" in gaz.place_words
        assert [c.level for c in gaz.index["聊城示例新区"]] == ["County"]
    finally:
        places.load_gazetteer.cache_clear()
    assert len(list(cache_dir.glob("gazetteer-*.bin"))) == 2


def test_a_damaged_gazetteer_cache_is_built_again(cache_dir: Path) -> None:
    places.load_gazetteer.cache_clear()
    try:
        places.load_gazetteer()
        [path] = cache_dir.glob("gazetteer-*.bin")
        path.write_bytes(path.read_bytes()[:1000])
        places.load_gazetteer.cache_clear()
        gaz = places.load_gazetteer()
    finally:
        places.load_gazetteer.cache_clear()
    assert _fields(gaz) == _fields(places.build_gazetteer())
    assert len(path.read_bytes()) > 1000
