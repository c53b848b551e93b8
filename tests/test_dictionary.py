"""jieba's dictionary read without jieba (``loaders.dictionary``) and the start-up caches (``loaders.cache``):
the same tables as jieba's, a changed input file is seen, a damaged cache file is built again."""

from __future__ import annotations

import marshal
import pickle
import subprocess
import sys
from pathlib import Path

import jieba
import jieba.posseg
import pytest
from econgraph.loaders import cache, dictionary


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
