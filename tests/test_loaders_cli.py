"""``econgraph articles``: table and JSON listings, one error line per skipped input, exit status."""

from __future__ import annotations

import json

from click.testing import CliRunner
from econgraph.loaders.documents import load_articles
from helpers import FIXTURES, SEEDS

from econgraph.cli import cli

HERE = FIXTURES / "loaders"


def test_table_lists_every_seed_article() -> None:
    result = CliRunner().invoke(cli, ["articles", str(SEEDS)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["file", "uid", "date", "title", "chars"]
    expected = load_articles([SEEDS]).articles
    assert len(lines) == 2 + len(expected)
    for line, art in zip(lines[2:], expected, strict=True):
        assert line.startswith(art.source) and art.uid in line and art.title in line
        assert line.split()[-1] == str(len(art.text))


def test_json_rows_and_text() -> None:
    result = CliRunner().invoke(cli, ["articles", str(SEEDS / "000_6515147898e2fc90.txt"), "--format", "json", "--text"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows[1]["title"] == "全市城市文明建设常态长效工作会议第二次会议召开"
    assert rows[1]["date"] == "--04-15" and rows[1]["section"] == "时政动态"
    assert rows[1]["chars"] == len(rows[1]["text"])


def test_year_option() -> None:
    result = CliRunner().invoke(
        cli, ["articles", str(SEEDS / "000_6515147898e2fc90.txt"), "--format", "json", "--year", "2026"]
    )
    assert json.loads(result.stdout)[1]["date"] == "2026-04-15"


def test_skipped_inputs_one_line_each_and_nonzero_exit() -> None:
    bad = [HERE / "empty.txt", HERE / "binary.txt", HERE / "undecodable.txt", HERE / "missing.txt"]
    result = CliRunner().invoke(cli, ["articles", str(HERE / "gb18030.txt"), *map(str, bad), "--format", "json"])
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == len(bad)
    for line, path in zip(errors, bad, strict=True):
        assert line.startswith(f"Error: {path}: ")
    assert [r["title"] for r in json.loads(result.stdout)][0] == "测试县推进轴承产业升级"


def test_pattern_option() -> None:
    result = CliRunner().invoke(cli, ["articles", str(HERE), "-p", "*.md", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert "notes.md" in result.stdout and "utf8.txt" not in result.stdout
