"""The synthetic corpus generator (bench/synth.py): deterministic, and its gold agrees with its text."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import synth
from helpers import ROOT

SEED_GOLD = ROOT / "tests" / "fixtures" / "gold" / "seeds-dev.json"


def flat(text: str) -> str:
    """Page text as the scorer compares names: NFKC, no white space (hard line breaks undone), no quotes."""
    return synth.norm(text)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    synth.generate(200, out, seed=11, encodings="mixed")
    return out


def read_page(path: Path, gold_entry: dict) -> str:
    return path.read_bytes().decode(gold_entry.get("encoding", "utf-8"))


def load_gold(corpus: Path) -> dict:
    return json.loads((corpus / "gold.json").read_text(encoding="utf-8"))


def test_same_seed_same_bytes_other_seed_other_corpus(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    synth.generate(60, a, seed=5)
    synth.generate(60, b, seed=5)
    synth.generate(60, c, seed=6)
    files_a = sorted(p.name for p in a.iterdir())
    assert files_a == sorted(p.name for p in b.iterdir())
    for name in files_a:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert sorted(p.name for p in c.iterdir()) != files_a


def test_article_count_and_pages(corpus: Path) -> None:
    gold = load_gold(corpus)
    pages = sorted(corpus.glob("*.txt"))
    assert gold["generator"]["articles"] == 200
    assert len(pages) == gold["generator"]["pages"] == len(gold["files"])
    assert {p.name for p in pages} == set(gold["files"])
    assert 200 / 6 <= len(pages) <= 200 / 2  # several articles per page, like the seeds


def test_gold_names_occur_in_their_page(corpus: Path) -> None:
    gold = load_gold(corpus)
    checked = 0
    for name, entry in gold["files"].items():
        text = flat(read_page(corpus / name, entry))
        for co in entry["companies"]:
            assert co["name"] in text, (name, co["name"])
            assert co["name"] not in co["aliases"]
            checked += 1
        for inst in entry["institutions"]:
            assert inst in text, (name, inst)
    assert checked > 300


def test_gold_relations_point_at_entities_of_the_page(corpus: Path) -> None:
    gold = load_gold(corpus)
    relations = 0
    for name, entry in gold["files"].items():
        forms = {f for co in entry["companies"] for f in [co["name"], *co["aliases"]]}
        for co in entry["companies"]:
            for partner in co["partners"]:
                assert partner in entry["institutions"] or partner in forms, (name, partner)
            for other in co["invests_in"] + co["supplies"]:
                assert other in forms and other not in [co["name"], *co["aliases"]], (name, other)
            relations += len(co["partners"]) + len(co["invests_in"]) + len(co["supplies"])
    assert relations > 50


def test_gold_counties_are_written_on_the_page(corpus: Path) -> None:
    world = synth.build_world(11, 10)
    forms = {c.name: {c.text, c.short} - {""} for c in world.counties}
    gold = load_gold(corpus)
    tied = 0
    for name, entry in gold["files"].items():
        text = flat(read_page(corpus / name, entry))
        for county in entry["counties"]:
            assert any(f in text for f in forms[county]), (name, county)
        for co in entry["companies"]:
            if co["county"]:
                tied += 1
                assert co["county"] in entry["counties"]
    assert tied > 20


def test_names_are_new_and_unambiguous(corpus: Path) -> None:
    seed_gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    seed_names = {synth.norm(n) for f in seed_gold["files"].values() for c in f["companies"]
                  for n in [c["name"], *c["aliases"]]}
    gold = load_gold(corpus)
    owner: dict[str, str] = {}  # every surface form belongs to exactly one company
    for entry in gold["files"].values():
        for co in entry["companies"]:
            full = max([co["name"], *co["aliases"]], key=len)
            for form in [co["name"], *co["aliases"]]:
                assert not any(s in form for s in seed_names), form
                assert owner.setdefault(form, full) == full, form
    assert len(set(owner.values())) > 50


def test_layout_traits_of_the_seed_pages(corpus: Path) -> None:
    gold = load_gold(corpus)
    texts = [read_page(corpus / n, e) for n, e in gold["files"].items()]
    joined = "\n".join(texts)
    assert "■ 本报记者" in joined and "□ 本报记者" in joined and "本报讯" in joined
    assert "," in joined and "，" in joined and "(" in joined and "（" in joined
    wrapped = [t for t in texts if "□" in t]
    assert wrapped and all(max(len(line) for line in t.splitlines()) <= 40 for t in wrapped)
    assert len(re.findall(r"\d{1,2}月\d{1,2}日", joined)) > 50  # dates like 4月15日 …
    assert not re.search(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", joined)  # … without their year
    encodings = {e.get("encoding", "utf-8") for e in gold["files"].values()}
    assert len(encodings) > 1  # mixed encodings were asked for
    for n, e in gold["files"].items():
        if e.get("encoding") == "gb18030":
            with pytest.raises(UnicodeDecodeError):
                (corpus / n).read_bytes().decode("utf-8")
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)


def _econgraph(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    return subprocess.run([sys.executable, "-m", "econgraph", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.mark.slow  # builds in subprocesses, one with a process pool
def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    """``build --jobs 2`` gives the same graph as ``--jobs 1``, and building again changes nothing."""
    corpus = tmp_path / "corpus"
    synth.generate(120, corpus, seed=3)
    exports = {}
    for jobs in ("1", "2"):
        store = tmp_path / f"j{jobs}.econgraph"
        done = _econgraph("build", str(corpus), "--store", str(store), "--jobs", jobs, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        out = _econgraph("export", "--format", "json", "--store", str(store), cwd=tmp_path)
        assert out.returncode == 0, out.stderr
        exports[jobs] = json.loads(out.stdout)
    one, two = exports["1"], exports["2"]
    assert len(one["nodes"]) > 150 and len(one["relationships"]) > 400
    assert sum("Company" in n["labels"] for n in one["nodes"]) > 40
    assert one == two
    again = _econgraph("build", str(corpus), "--store", str(tmp_path / "j2.econgraph"), "--jobs", "2", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    out = _econgraph("export", "--format", "json", "--store", str(tmp_path / "j2.econgraph"), cwd=tmp_path)
    assert json.loads(out.stdout) == one
