"""Bad and hostile input through the whole pipeline, on both stores.

Why: pages come from anywhere. Binary, empty and oversized files must be skipped with a message
naming them while the rest is loaded; GB18030, UTF-16 and mixed line endings must decode to the
same text a reader sees; quotes, backslashes, emoji and Cypher-looking text inside articles and
in ``-p`` parameters must be stored and returned as plain text — nothing executed, nothing lost.
"""

from __future__ import annotations

import codecs
import json
import random
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from econgraph.graph.stores import open_store
from econgraph.loaders.documents import load_file
from factsfactory import facts_a, facts_b

from econgraph.cli import cli

INJECTION = "'}) DETACH DELETE n //"
HOSTILE = [
    INJECTION,
    '"}) MATCH (m) DETACH DELETE m RETURN 1 //',
    "C:\\temp\\new\\table\\",
    "\\u0027 \\' \\\"",
    "`n` $param {name}",
    "😀🏭👩‍👩‍👧",
    "<script>alert(1)</script>",
    "MATCH (n) DETACH DELETE n;",
]


def page(marker: str, county: str = "临清市", extra: str = "") -> str:
    """A small newspaper page; ``marker`` makes its article unique and checkable after decoding."""
    return (
        "2025年4月16日 星期三\n\n时政动态\n\n"
        f"{county}推进轴承产业升级（{marker}）\n\n"
        f"本报讯（记者 张三）4月15日，{county}召开轴承产业推进会，会议要求加快\n"
        f"技术改造，山东示例轴承有限公司介绍了经验。样本标记：{marker}。{extra}\n\n"
        "会上，与会企业交流了数字化转型的做法。\n"
    )


HOSTILE_PAGE = (
    "2025年4月16日 星期三\n\n时政动态\n\n"
    f"东阿县{INJECTION}阿胶产业观察\n\n"
    "本报讯（记者 王五）4月15日，东阿县召开产业推进会。"
    + "".join(f"特殊文本{i}：{s}。" for i, s in enumerate(HOSTILE))
    + f"东阿县“{INJECTION}”科技有限公司与山东大学合作。\n\n"
    "会上，与会企业交流了经验。\n"
)

GOOD = {
    "utf8.txt": ("utf-8", page("UTF8样本")),
    "utf8_bom.txt": ("utf-8-sig", page("BOM样本", "冠县")),
    "gb18030.txt": ("gb18030", page("国标样本", "莘县")),
    "utf16le.txt": ("utf-16-le-bom", page("小端样本", "高唐县")),
    "utf16be.txt": ("utf-16-be-bom", page("大端样本", "阳谷县")),
    "mixed_endings.txt": ("mixed", page("换行样本", "茌平区")),
    "hostile.txt": ("utf-8", HOSTILE_PAGE),
    "long_line.txt": ("long", ""),
}
MARKERS = {"utf8.txt": "UTF8样本", "utf8_bom.txt": "BOM样本", "gb18030.txt": "国标样本", "utf16le.txt": "小端样本",
           "utf16be.txt": "大端样本", "mixed_endings.txt": "换行样本", "hostile.txt": INJECTION, "long_line.txt": "长行样本"}
BAD = {"binary.txt", "empty.txt", "blank.txt", "nul_bytes.txt", "huge_single_line.txt"}
HUGE_BYTES = 50 * 2**20


def _encode(kind: str, text: str) -> bytes:
    if kind == "utf-16-le-bom":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if kind == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    if kind == "mixed":
        lines = text.split("\n")
        ends = ["\r\n", "\r", "\n"]
        return "".join(line + ends[i % 3] for i, line in enumerate(lines)).encode("utf-8")
    if kind == "long":
        # ~300 KB on one line with no full stop: must stay linear, not hang
        clause = "聊城市临清市烟店镇的山东某某轴承有限公司是专精特新企业，"
        return ("长行样本，" + clause * 3500).encode("utf-8")
    return text.encode(kind)


def make_corpus(root: Path) -> Path:
    corpus = root / "input"
    corpus.mkdir()
    for name, (kind, text) in GOOD.items():
        (corpus / name).write_bytes(_encode(kind, text))
    rng = random.Random(5)
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + rng.randbytes(3000))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.txt").write_bytes(" \n\t\r\n\u3000\n".encode("utf-8"))
    (corpus / "nul_bytes.txt").write_bytes(b"\x00\x01\x02" + rng.randbytes(2000) + b"\x00" * 100)
    chunk = ("聊城市某某轴承有限公司生产车间内工人正在赶制订单" * 2000).encode("utf-8")
    with open(corpus / "huge_single_line.txt", "wb") as fh:
        written = 0
        while written < HUGE_BYTES:
            fh.write(chunk)
            written += len(chunk)
    return corpus


# -- the stores ---------------------------------------------------------------------------------


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def target(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """CLI store arguments and an opener, with the sentinel facts already loaded (they must survive)."""
    monkeypatch.chdir(tmp_path)
    if request.param == "neo4j":
        request.getfixturevalue("neo4j_env")
        args: list[str] = ["--neo4j"]

        def opener() -> Any:
            return open_store(neo4j=True)
    else:
        path = tmp_path / "graph.econgraph"
        args = ["--store", str(path)]

        def opener() -> Any:
            return open_store(path)
    with opener() as store:
        store.load([facts_a(), facts_b()])
    yield {"kind": request.param, "args": args, "open": opener}


def _graph(target: dict[str, Any]) -> tuple[dict[tuple[str, str], dict[str, Any]], dict[str, Any]]:
    with target["open"]() as store:
        nodes = {(n.label, n.uid): n.properties for n in store.iter_nodes()}
        rels = {r.uid: (r.type, r.start, r.end, r.properties) for r in store.iter_relationships()}
    return nodes, rels


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _one_error_line(result: Result) -> str:
    assert "Traceback" not in result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        pytest.fail(f"an exception escaped: {result.exception!r}")
    lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, result.output
    return lines[0]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("bad-input"))


def test_build_skips_bad_files_and_keeps_everything_else(target: dict[str, Any], corpus: Path) -> None:
    sentinel_nodes, sentinel_rels = _graph(target)
    began = time.monotonic()
    result = CliRunner().invoke(cli, ["build", str(corpus), *target["args"]])
    seconds = time.monotonic() - began
    assert result.exit_code == 1, result.output
    error = _one_error_line(result)
    assert "5" in error and "skipped" in error, error
    skipped = [line for line in result.output.splitlines() if line.startswith("Skipped:")]
    for name in BAD:
        line = next((s for s in skipped if name in s), None)
        assert line is not None, f"{name} is not reported as skipped:\n{result.output}"
        assert len(line) < 300, line
    assert "too large" in next(s for s in skipped if "huge_single_line" in s)
    assert seconds < 120, f"the build took {seconds:.0f}s"

    nodes, rels = _graph(target)
    # nothing else lost: the sentinel graph is intact
    for key in sentinel_nodes:
        assert key in nodes, f"lost {key}"
    for uid, rel in sentinel_rels.items():
        assert rels.get(uid) == rel, f"lost or changed relationship {uid}"
    # every good file is there, decoded to the text a reader sees, stored exactly as the loader read it
    articles = [p for (label, _), p in nodes.items() if label == "Article"]
    for name, marker in MARKERS.items():
        mine = [a for a in articles if str(a["source"]).endswith("/" + name)]
        assert mine, f"{name}: no article stored"
        expected = {(a.uid, a.title, a.text) for a in load_file(corpus / name)}
        assert {(a["uid"], a["title"], a["text"]) for a in mine} == expected, f"{name}: stored text differs"
        assert any(_nfkc(marker) in _nfkc(a["text"] + a["title"]) for a in mine), f"{name}: {mine[0]['text'][:80]!r}"
    for name in BAD:
        assert not [a for a in articles if str(a["source"]).endswith(name)]
    # hostile text is stored as plain text (layout repair may turn ASCII punctuation full-width)
    hostile = _nfkc(" ".join(a["title"] + a["text"] for a in articles if str(a["source"]).endswith("hostile.txt")))
    for s in HOSTILE:
        assert _nfkc(s) in hostile, f"{s!r} not stored"
    # mixed line endings leave no carriage returns behind
    for a in articles:
        assert "\r" not in a["text"] and "\r" not in a["title"]
    # evidence offsets still index the stored text
    texts = {p["uid"]: p["text"] for p in articles}
    for rtype, _, _, props in rels.values():
        for ev in props["evidence"]:
            text = texts.get(ev["article"])
            if text is not None:
                assert text[ev["start"]:ev["end"]] == ev["sentence"], rtype


def test_hostile_text_is_returned_as_plain_text(target: dict[str, Any], corpus: Path) -> None:
    CliRunner().invoke(cli, ["build", str(corpus / "hostile.txt"), *target["args"]])
    before = _graph(target)
    exported = CliRunner().invoke(cli, ["export", "--format", "json", *target["args"]])
    assert exported.exit_code == 0, exported.output
    data = json.loads(exported.stdout)
    texts = " ".join(str(n["properties"].get("text", "")) + str(n["properties"].get("title", ""))
                     for n in data["nodes"] if "Article" in n["labels"])
    for s in HOSTILE:
        assert _nfkc(s) in _nfkc(texts)
    listed = CliRunner().invoke(cli, ["articles", str(corpus / "hostile.txt"), "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert _nfkc(INJECTION) in _nfkc(json.loads(listed.stdout)[0]["title"])
    assert _graph(target) == before


@pytest.mark.parametrize("param", [
    f"county={INJECTION}",
    'county="}) MATCH (m) DETACH DELETE m //',
    "county=临清\\",
    "county=临清市'",
    "county=😀",
    "county=$county",
    "county={county}",
])
def test_hostile_parameters_are_values(target: dict[str, Any], param: str) -> None:
    before = _graph(target)
    result = CliRunner().invoke(cli, ["query", "run", "companies-in-county", "-p", param, *target["args"]])
    if result.exit_code == 0:
        assert "Traceback" not in result.output
    else:
        assert result.exit_code == 2, result.output
        error = _one_error_line(result)
        assert param.split("=", 1)[1] in error or repr(param.split("=", 1)[1]) in error, error
    assert _graph(target) == before, "a query changed the graph"


def test_quoted_names_resolve_on_both_stores(target: dict[str, Any]) -> None:
    rows = {}
    for spelling in ("国家级专精特新“小巨人”", '国家级专精特新"小巨人"', "国家级专精特新小巨人"):
        result = CliRunner().invoke(cli, ["query", "run", "designation-companies", "-p", f"designation={spelling}",
                                          "--format", "json", *target["args"]])
        assert result.exit_code == 0, result.output
        rows[spelling] = json.loads(result.stdout)
    first = next(iter(rows.values()))
    assert first, "the sentinel company holds this designation"
    assert all(r == first for r in rows.values())


def test_show_hostile_entity_name(target: dict[str, Any]) -> None:
    before = _graph(target)
    result = CliRunner().invoke(cli, ["show", INJECTION, *target["args"]])
    assert result.exit_code == 2, result.output
    assert INJECTION in _one_error_line(result)
    assert _graph(target) == before
