"""Reading input: encodings detected, bad files refused with a reason, the rest still loaded."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from econgraph.loaders.documents import iter_documents, load_articles, load_file
from econgraph.loaders.reading import decode_bytes, iter_input_files, read_text
from helpers import FIXTURES

from econgraph.errors import InputError

HERE = FIXTURES / "loaders"
ENCODED = {
    "utf8.txt": "utf-8",
    "utf8_bom.txt": "utf-8-sig",
    "gb18030.txt": "gb18030",
    "utf16le_bom.txt": "utf-16",
    "utf16be_bom.txt": "utf-16",
}
BAD = {
    "empty.txt": "empty file",
    "blank.txt": "empty file",
    "binary.txt": "binary file",
    "nul_bytes.txt": "binary file",
    "broken_utf8.txt": "undecodable",
    "undecodable.txt": "undecodable",
}


def test_fixture_bytes_are_what_their_names_say() -> None:
    assert (HERE / "utf8_bom.txt").read_bytes().startswith(codecs.BOM_UTF8)
    assert (HERE / "utf16le_bom.txt").read_bytes().startswith(codecs.BOM_UTF16_LE)
    assert (HERE / "utf16be_bom.txt").read_bytes().startswith(codecs.BOM_UTF16_BE)
    with pytest.raises(UnicodeDecodeError):
        (HERE / "gb18030.txt").read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", sorted(ENCODED))
def test_each_encoding_detected(name: str) -> None:
    decoded = read_text(HERE / name)
    assert decoded.encoding == ENCODED[name]
    assert decoded.text.lstrip("\ufeff") == (HERE / "utf8.txt").read_text(encoding="utf-8")


def test_same_page_same_articles_in_every_encoding() -> None:
    reference = [(a.uid, a.title, a.text, a.date) for a in load_file(HERE / "utf8.txt")]
    assert len(reference) == 2
    for name in [*ENCODED, "mixed_endings.txt"]:
        assert [(a.uid, a.title, a.text, a.date) for a in load_file(HERE / name)] == reference, name


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_refused_with_its_name(name: str) -> None:
    with pytest.raises(InputError) as info:
        read_text(HERE / name)
    message = str(info.value)
    assert message.startswith(f"{HERE / name}: {BAD[name]}")
    assert "\n" not in message


def test_directory_loads_good_files_and_reports_bad_ones() -> None:
    result = load_articles([HERE])
    skipped = {Path(s.path).name: s.reason for s in result.skipped}
    assert set(skipped) == set(BAD)
    for name, reason in skipped.items():
        assert reason.startswith(BAD[name]) and "\n" not in reason
    loaded = {Path(a.source).name for a in result.articles}
    assert loaded == {*ENCODED, "mixed_endings.txt"}  # notes.md is not *.txt
    assert result.files == len(loaded)


def test_patterns_select_other_text_files() -> None:
    result = load_articles([HERE], patterns=("*.md",))
    assert {Path(a.source).name for a in result.articles} == {"notes.md"}
    assert result.skipped == []


def test_explicit_file_is_read_whatever_its_name(tmp_path: Path) -> None:
    page = tmp_path / "page.dump"
    page.write_bytes((HERE / "utf8.txt").read_bytes())
    assert [a.source for a in load_articles([page]).articles] == [str(page)] * 2


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "empty_dir").mkdir()
    items = list(iter_input_files([tmp_path / "nope.txt", tmp_path / "empty_dir"]))
    assert [type(i).__name__ for i in items] == ["Skipped", "Skipped"]
    assert "no such file" in items[0].reason
    assert "no files matching" in items[1].reason


def test_recursive_sorted_and_hidden_ignored(tmp_path: Path) -> None:
    text = (HERE / "utf8.txt").read_bytes()
    for rel in ("b/2.txt", "a/1.txt", "a/deeper/3.txt", ".hidden/4.txt", "a/.5.txt"):
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text)
    found = [p.relative_to(tmp_path).as_posix() for p in iter_input_files([tmp_path])]
    assert found == ["a/1.txt", "a/deeper/3.txt", "b/2.txt"]


def test_iter_documents_streams_per_file() -> None:
    docs = list(iter_documents([HERE / "utf8.txt", HERE / "empty.txt", HERE / "gb18030.txt"]))
    assert [type(d).__name__ for d in docs] == ["list", "Skipped", "list"]


def test_gbk_text_detected() -> None:
    text = "聊城市临清市轴承产业集群发展迅速，企业数量众多。"
    assert decode_bytes(text.encode("gbk")) .text == text


def test_utf16_without_bom_detected() -> None:
    text = "Liaocheng 聊城 news page\n第二行。"
    assert decode_bytes(text.encode("utf-16-le")).text == text


@pytest.mark.parametrize("text", [
    "臨清市鑫河軸承有限公司位於山東省，是國家級專精特新「小巨人」企業，產品配套多家主機廠。",
    "河源電纜公司。",
])
def test_big5_is_not_read_as_gb18030(text: str) -> None:
    """GB18030 decodes Big5 bytes without an error into other characters; the text must come back as written."""
    decoded = decode_bytes(text.encode("big5"))
    assert (decoded.encoding, decoded.text) == ("big5", text)


@pytest.mark.parametrize("text", ["鑫河轴承有限公司位于临清市。", "河源电缆公司在冠县投产，年产电缆五千公里。"])
def test_short_gbk_text_stays_gb18030(text: str) -> None:
    decoded = decode_bytes(text.encode("gbk"))
    assert (decoded.encoding, decoded.text) == ("gb18030", text)
