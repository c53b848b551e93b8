"""bench/dev_split.py: the fixed dev halves, pooled figures and the comparison a keep rule reads."""

from __future__ import annotations

import json
from pathlib import Path

import dev_split


def _row(right: int, predicted: int, found: int, gold: int, links: tuple[int, int] = (1, 1)) -> dict[str, list[int]]:
    return {"company": [2, 2, 2, 2], "links": list(links), "LOCATED_IN": [right, predicted, found, gold]}


def test_halves_are_fixed_by_the_file_name_and_split_dev189() -> None:
    files = [(s, f"f{i:02d}.txt") for s in dev_split.PARTS["dev189"] for i in range(6)]
    halves = {dev_split.half(s, f) for s, f in files}
    assert halves == {"devA", "devB"}
    assert all(dev_split.half(s, f) == dev_split.half(s, f) for s, f in files)
    assert dev_split.half("lc-untuned", "lu01.txt") in dev_split.HALVES


def test_figures_pool_counts_before_dividing() -> None:
    f = dev_split.figures(dev_split.pool([_row(1, 2, 1, 4), _row(3, 3, 3, 4, links=(0, 1))]))
    assert f["counts"] == [4, 5, 4, 8]
    assert round(f["tP"], 3) == 0.8 and f["tR"] == 0.5 and f["links"] == 0.5
    assert round(f["tF"], 4) == round(2 * 0.8 * 0.5 / 1.3, 4)


def test_compare_counts_files_better_and_worse(tmp_path: Path, capsys) -> None:
    before = {"fresh15-a": {"a01.txt": _row(1, 2, 1, 2), "a02.txt": _row(2, 2, 2, 2), "a03.txt": _row(0, 1, 0, 1)}}
    after = {"fresh15-a": {"a01.txt": _row(2, 2, 2, 2), "a02.txt": _row(1, 2, 1, 2), "a03.txt": _row(0, 1, 0, 1)}}
    b, a = tmp_path / "b.json", tmp_path / "a.json"
    b.write_text(json.dumps(before), encoding="utf-8")
    a.write_text(json.dumps(after), encoding="utf-8")
    assert dev_split.main(["compare", str(b), str(a), "--boot", "50"]) == 0
    out = capsys.readouterr().out
    assert "fresh15" in out and "3 files: triples better 1 worse 1" in out
    assert "95% paired bootstrap over files" in out


def test_compare_pools_the_named_parts(tmp_path: Path, capsys) -> None:
    before = {"fresh15-a": {"a01.txt": _row(1, 2, 1, 2)}, "fresh16-a": {"a01.txt": _row(0, 1, 0, 2)}}
    after = {"fresh15-a": {"a01.txt": _row(2, 2, 2, 2)}, "fresh16-a": {"a01.txt": _row(0, 1, 0, 2)}}
    b, a = tmp_path / "b.json", tmp_path / "a.json"
    b.write_text(json.dumps(before), encoding="utf-8")
    a.write_text(json.dumps(after), encoding="utf-8")
    assert dev_split.main(["compare", str(b), str(a), "--pool", "fresh15,fresh16"]) == 0
    pooled = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("fresh15+fresh16")]
    # pooled: 1 right of 3 predicted, 4 gold before (F1 .2857); 2 right after (F1 .5714)
    assert len(pooled) == 1 and "triples F 0.2857->0.5714" in pooled[0]


def test_blind_hides_the_confirmation_half() -> None:
    per = {"lc-untuned": {f"lu{i:02d}.txt": _row(1, 1, 1, 1) for i in range(12)}}
    assert "devB" in dev_split.parts_in(per, blind=False)
    assert dev_split.parts_in(per, blind=True) == ["devA"]
    kept = dev_split.without_devb({**per, "fresh15-a": {"a01.txt": _row(1, 1, 1, 1)}})
    assert kept["fresh15-a"] == {"a01.txt": _row(1, 1, 1, 1)}
    assert kept["lc-untuned"] and all(dev_split.half("lc-untuned", f) == "devA" for f in kept["lc-untuned"])
    assert len(kept["lc-untuned"]) < len(per["lc-untuned"])


def test_save_text_checks_the_manifest_hash(tmp_path: Path, capsys) -> None:
    import hashlib
    import io
    import sys

    import save_text

    text = "某县某某有限公司投产。\n"
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"sets": {"s1": {"files": {"a.txt": {
        "url": "http://example.org/a", "chars": len(text), "sha256": hashlib.sha256(text.encode()).hexdigest()}}}}}),
        encoding="utf-8")
    argv = ["--texts-dir", str(tmp_path / "texts"), "--manifest", str(manifest)]
    sys.stdin = io.StringIO(json.dumps(text.rstrip("\n")))  # the excerpt lost its trailing newline
    try:
        assert save_text.main(["http://example.org/a", *argv]) == 0
        assert (tmp_path / "texts" / "s1" / "a.txt").read_text(encoding="utf-8") == text
        sys.stdin = io.StringIO('"另一段文字"')
        assert save_text.main(["s1/a.txt", *argv]) == 0  # already right: kept
        assert save_text.main(["http://example.org/b", *argv]) == 3
    finally:
        sys.stdin = sys.__stdin__
    out = capsys.readouterr().out
    assert "OK s1/a.txt" in out and "ALREADY OK s1/a.txt" in out and "UNKNOWN" in out


def test_groups_pool_the_note_table(tmp_path: Path, capsys) -> None:
    test_set = dev_split.PARTS[dev_split.TEST_PART][0]
    per = {"real-dev": {"a01.txt": _row(1, 2, 1, 2)}, test_set: {"a01.txt": _row(0, 1, 0, 2, links=(0, 1))},
           dev_split.PARTS[dev_split.TUNE_PARTS[1]][0]: {"b01.txt": _row(3, 3, 3, 4)}}
    f = tmp_path / "s.json"
    f.write_text(json.dumps(per), encoding="utf-8")
    assert dev_split.main(["groups", str(f)]) == 0
    out = capsys.readouterr().out
    assert "| real-dev | 1 | 1.000 | 1.000 | 0.500 | 0.500 | 0.500 | 0.50/0.50 | –/– |" in out
    assert f"| tune ({len(dev_split.TUNE_PARTS)} parts) | 2 |" in out  # real-dev is in tune19
    assert f"| {dev_split.TEST_PART} (test) | 1 |" in out and "| dev189 |" not in out


def test_the_test_part_is_no_tune_or_default_part() -> None:
    assert dev_split.TEST_PART in dev_split.PARTS and dev_split.TEST_PART not in dev_split.DEFAULT_PARTS
    assert not set(dev_split.TUNE_PARTS) & {"dev189", dev_split.TEST_PART, "seeds"}


def test_every_set_is_in_one_part_and_a_default_run_never_reads_the_test() -> None:
    """corpus_parts is the one list of sets: each set in exactly one part, and bench_truth's default leaves out the
    newest test's sets (a run without --sets must not score the blind test)."""
    import bench_truth
    import corpus_parts

    placed = [s for sets in corpus_parts.PARTS.values() for s in sets]
    assert sorted(placed) == sorted(corpus_parts.SETS) and len(set(placed)) == len(placed)
    test_sets = set(corpus_parts.PARTS[corpus_parts.TEST_PART])
    assert test_sets and not test_sets & set(bench_truth.DEFAULT_SETS)
    assert set(bench_truth.DEFAULT_SETS) | test_sets == set(corpus_parts.SETS)
    assert dev_split.PARTS is corpus_parts.PARTS and dev_split.TUNE_PARTS is corpus_parts.TUNE_PARTS
