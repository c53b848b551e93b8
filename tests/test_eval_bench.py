"""bench/bench_truth.py: one table of every corpus found, a line for every set skipped."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import bench_truth
from helpers import GOLD, ROOT


def test_bench_truth_table_skips_and_json(tmp_path: Path, capsys) -> None:
    gold_dir, texts_dir = tmp_path / "gold", tmp_path / "texts"
    gold_dir.mkdir()
    (texts_dir / "real-dev").mkdir(parents=True)
    shutil.copy(GOLD, gold_dir / "seeds-dev.json")
    (gold_dir / "lc-tune.json").write_text(json.dumps({"files": {}}), encoding="utf-8")  # no texts folder
    (gold_dir / "real-dev.json").write_text(json.dumps({"files": {"a01.txt": {"companies": []}}}),
                                            encoding="utf-8")  # folder without its text
    argv = ["--gold-dir", str(gold_dir), "--texts-dir", str(texts_dir)]
    assert bench_truth.main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"skip lc-tune: no texts folder {texts_dir / 'lc-tune'}" in out
    assert f"skip other-tune: no gold file other-tune.json in {gold_dir}" in out
    assert any(line.startswith("skip real-dev: text file ") and "a01.txt" in line for line in out)
    table = out[out.index(next(line for line in out if line.startswith("measure"))):]
    assert table[0].split() == ["measure", "seeds-dev"]  # one set scored: no `all` column
    rows = {line[:29].strip(): line[29:].strip() for line in table[2:]}
    assert rows["files"] == "3" and rows["company F1"] == "1.000" and rows["county links"] == "1.000"
    assert rows["triples F1"] == "–" and rows["LOCATED_IN P / R"] == "–"  # seeds-dev has no typed relations
    assert bench_truth.main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data["sets"]) == ["seeds-dev"] and data["sets"]["seeds-dev"]["files"] == 3
    assert data["sets"]["seeds-dev"]["total"]["companies"]["f1"] == 1.0
    assert len(data["skipped"]) == len(bench_truth.DEFAULT_SETS) - 1


def test_fixture_golds_carry_a_manifest_for_their_texts() -> None:
    """Every gold file with texts outside the repository says how to fetch each one again."""
    for path in sorted((ROOT / "tests" / "fixtures" / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if "sources" not in gold:  # the seeds' golds: texts in seeds/
            continue
        assert set(gold["sources"]) == set(gold["files"]), path.name
        for name, src in gold["sources"].items():
            assert src["url"].startswith("http") and src["query"] and src["chars"] > 0, (path.name, name)
            assert len(src["sha256"]) == 64, (path.name, name)


def test_check_texts_reports_matching_differing_and_missing(tmp_path: Path, capsys) -> None:
    import hashlib

    import check_texts

    text = "某县某某科技有限公司今年投产。\n"
    manifest = tmp_path / "manifest.json"
    files = {f: {"sha256": hashlib.sha256(text.encode()).hexdigest(), "chars": len(text), "query": "某县 公司"}
             for f in ("x1.txt", "x2.txt", "x3.txt")}
    manifest.write_text(json.dumps({"sets": {"demo": {"part": "tune", "files": files}}}), encoding="utf-8")
    (tmp_path / "texts" / "demo").mkdir(parents=True)
    (tmp_path / "texts" / "demo" / "x1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "texts" / "demo" / "x2.txt").write_text(text.replace("今年", "去年"), encoding="utf-8")
    argv = ["--manifest", str(manifest), "--texts-dir", str(tmp_path / "texts")]
    assert check_texts.main(argv) == 1  # x3 is missing
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "demo: 1/3 match (tune)"
    assert out[1] == f"  differs demo/x2.txt: {len(text)} chars, manifest {len(text)}"
    assert out[2].startswith("  missing demo/x3.txt: query '某县 公司'")
    assert check_texts.main([*argv, "--sets", "nosuch"]) == 2
