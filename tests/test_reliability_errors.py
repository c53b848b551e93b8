"""Issue 18, point 5: faults that were tracebacks or wrong answers become one ``Error:`` line.

Why: a store whose checksum is right but whose content is not a graph crashed (and ``build``
rewrote one first); a full temporary folder, a ``.env`` that is not UTF-8 were tracebacks; a
UTF-16 page without BOM was called binary.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from econgraph.graph.embedded import EmbeddedStore

from econgraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _one_error_line(result: Any) -> str:
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        pytest.fail(f"an exception escaped: {result.exception!r}")
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error:"), result.output
    return lines[0]


# -- a store with the right checksum and the wrong shape -------------------------------------------


def _blob(payload: object) -> bytes:
    body = zlib.compress(json.dumps(payload).encode("utf-8"))
    header = json.dumps({"format": 1, "length": len(body), "sha256": hashlib.sha256(body).hexdigest()})
    return b"ECONGRAPH-STORE\n" + header.encode("ascii") + b"\n" + body


NODE = ["Company:x", {"uid": "x", "name": "x", "label": "Company"}]
BAD_SHAPES = {
    "node-without-label": {"nodes": [["Article:a", {"uid": "a", "name": "a"}]], "edges": []},
    "edge-to-a-missing-node": {"nodes": [NODE], "edges": [["Company:x", "County:y", "k", {"type": "LOCATED_IN"}]]},
    "edge-without-type": {"nodes": [NODE, ["County:y", {"uid": "y", "label": "County"}]],
                          "edges": [["Company:x", "County:y", "k", {"article": "a"}]]},
    "nodes-not-a-list": {"nodes": 5, "edges": []},
    "short-edge-row": {"nodes": [NODE], "edges": [["Company:x", "Company:x"]]},
    "payload-a-list": [1, 2, 3],
    "node-attrs-null": {"nodes": [["Company:x", None]], "edges": []},
}


@pytest.mark.parametrize("shape", sorted(BAD_SHAPES))
@pytest.mark.parametrize("args", [["stats"], ["build", str(SEEDS[0])], ["export", "--format", "json"],
                                  ["query", "run", "companies-in-county", "-p", "county=临清市"]],
                         ids=lambda a: a[0])
def test_store_with_a_bad_structure_is_refused_and_never_rewritten(tmp_path: Path, shape: str,
                                                                    args: list[str]) -> None:
    store = tmp_path / "g.econgraph"
    bad = _blob(BAD_SHAPES[shape])
    store.write_bytes(bad)
    # a file of the first store format: refused with the command that converts it …
    line = _one_error_line(CliRunner().invoke(cli, [*args, "--store", str(store)]))
    assert str(store) in line and "old format" in line and "econgraph store convert" in line, line
    assert store.read_bytes() == bad, "a damaged store must never be rewritten"
    # … which refuses a content that is not a graph, before creating the new store
    new = tmp_path / "new.sqlite"
    line = _one_error_line(CliRunner().invoke(cli, ["store", "convert", str(store), str(new)]))
    assert str(store) in line and "corrupted" in line, line
    assert store.read_bytes() == bad and not new.exists()


# -- a full temporary folder -------------------------------------------------------------------------


def test_full_tmpdir_is_one_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build's spill goes to TMPDIR; a full one (writes to /dev/full fail with ENOSPC, as a full
    disk does) ends the build with one line naming the folder, and the store is not touched."""
    import econgraph.build as build_module

    def full_spill(*args: Any, **kwargs: Any) -> Any:
        return open("/dev/full", "w+b")  # noqa: SIM115 - closed by the build

    monkeypatch.setattr(build_module.tempfile, "TemporaryFile", full_spill)
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    store = tmp_path / "g.econgraph"
    line = _one_error_line(CliRunner().invoke(cli, ["build", str(folder), "--store", str(store)]))
    assert "No space left on device" in line and tempfile.gettempdir() in line and "TMPDIR" in line, line
    assert not store.exists()


def test_unwritable_tmpdir_is_one_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import econgraph.build as build_module

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(build_module.tempfile, "TemporaryFile", refused)
    line = _one_error_line(CliRunner().invoke(cli, ["build", str(SEEDS[0]), "--store", str(tmp_path / "g")]))
    assert "Permission denied" in line and "temporary file" in line, line


# -- .env that is not UTF-8 -----------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["stats", "--neo4j"], ["cypher", "RETURN 1", "--neo4j"],
                                  ["build", str(SEEDS[0]), "--neo4j"]], ids=lambda a: a[0])
def test_non_utf8_dotenv_is_one_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    for key in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(key, raising=False)
    (tmp_path / ".env").write_bytes("NEO4J_USERNAME=用户\n".encode("gb18030") + b"NEO4J_PASSWORD=\xff\xfe\n")
    line = _one_error_line(CliRunner().invoke(cli, args))
    assert ".env is not UTF-8 text" in line, line


# -- UTF-16 without a byte-order mark -------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(tmp_path: Path, encoding: str) -> None:
    """A Chinese page in UTF-16 without BOM has few NUL bytes (only its ASCII does): it used to be
    called binary. It must give the same articles as the UTF-8 page."""
    text = SEEDS[0].read_text(encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_bytes(text.encode(encoding))
    assert not page.read_bytes().startswith((b"\xff\xfe", b"\xfe\xff"))
    same = tmp_path / "same.txt"
    same.write_text(text, encoding="utf-8")
    texts = []
    for path in (page, same):
        store = tmp_path / f"{path.stem}.econgraph"
        result = CliRunner().invoke(cli, ["build", str(path), "--store", str(store)])
        assert result.exit_code == 0, result.output
        texts.append(sorted(n.properties["text"] for n in EmbeddedStore(store).iter_nodes() if n.label == "Article"))
    assert texts[0] and texts[0] == texts[1]
