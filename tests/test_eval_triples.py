"""Typed relations, company precision and institutions as the reference scorer counts them.

A hand-written export and gold whose expected figures are worked out by hand (below, per fact), the
CLI on it (table, -v, csv, json, several gold files), missing texts, and — where ../shared/tools is
present — the reference scorer run on the same export.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import GOLD, SEEDS

from econgraph.cli import cli
from econgraph.evaluate import TRIPLE_TYPES, score

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gold"
# the reference scorer: ../shared/tools next to the checkout, or where the team keeps it
SHARED_TOOLS = next((p for p in (Path(__file__).resolve().parents[1].parent / "shared" / "tools",
                                 Path("/work/shared/tools")) if p.is_dir()), Path("/nonexistent"))

GOLD_TRIPLES = {"files": {"001_x.txt": {
    "companies": [{"name": "甲乙轴承有限公司", "aliases": ["甲乙轴承"], "county": "临清市"},
                  {"name": "丙丁科技", "aliases": [], "county": None},
                  {"name": "戊己集团", "aliases": [], "county": None}],
    "optional_companies": ["庚辛超市"],
    "institutions": ["聊城大学", "山东省农业科学院", "济南大学"],
    "counties": ["临清市"],
    "relations": [
        {"type": "LOCATED_IN", "from": "甲乙轴承有限公司", "to": "临清市", "evidence": "临清市的甲乙轴承有限公司"},
        {"type": "IN_INDUSTRY", "from": "甲乙轴承", "to": "轴承", "evidence": "甲乙轴承生产轴承"},
        {"type": "PARTNERS_WITH", "from": "丙丁科技", "to": "聊城大学", "evidence": "丙丁科技与聊城大学合作"},
        {"type": "HAS_DESIGNATION", "from": "丙丁科技", "to": "专精特新“小巨人”企业", "evidence": "丙丁科技入选"},
        {"type": "SUPPLIES", "from": "戊己集团", "to": "甲乙轴承有限公司", "evidence": "戊己集团为甲乙轴承配套"},
        {"type": "INVESTS_IN", "from": "戊己集团", "to": "丙丁科技", "evidence": "戊己集团投资丙丁科技"},
        {"type": "IN_INDUSTRY", "from": "戊己集团", "to": "纺织", "evidence": "戊己集团的纺织"},
        {"type": "MENTIONS", "from": "戊己集团", "to": "纺织", "evidence": "not a scored type"},
    ]}}}


def _node(label: str, uid: str, **props: object) -> dict:
    return {"id": f"{label}:{uid}", "labels": [label], "properties": {"uid": uid, "name": uid, **props}}


def _rel(rid: str, rel_type: str, start: str, end: str, **props: object) -> dict:
    return {"id": rid, "type": rel_type, "start": start, "end": end, "properties": props}


def export_fixture() -> dict:
    nodes = [
        _node("Article", "a1", source="texts/001_x.txt", text="甲乙轴承生产轴承。市科技局到访。"),
        _node("Article", "b1", source="other/002_y.txt", text=""),
        _node("Company", "c1", name="山东甲乙轴承有限公司", aliases=["甲乙轴承"]),
        _node("Company", "c6", name="甲乙轴承", aliases=[]),  # a second node for the same gold company
        _node("Company", "c2", name="丙丁科技", aliases=[]),
        _node("Company", "c3", name="庚辛超市", aliases=[]),  # optional
        _node("Company", "c4", name="戊己集团", aliases=[]),
        _node("Company", "c5", name="市科技局", aliases=[]),  # a false positive
        _node("County", "临清市", aliases=["临清"]),
        _node("County", "莘县", aliases=[]),
        _node("Industry", "轴承"),
        _node("Industry", "纺"),  # one character: matches no industry by containment
        _node("Program", "小巨人企业"),
        _node("Institution", "聊城大学生物制药研究院"),
        _node("University", "大学"),  # two characters: too short to match an institution
        _node("ResearchInstitute", "科学院"),
    ]
    a1 = "Article:a1"
    rels = [_rel(f"m{i}", "MENTIONS", a1, n["id"], sentence=f"mention {n['properties']['name']}")
            for i, n in enumerate(nodes[2:])]
    rels += [
        # LOCATED_IN: correct, counted once although two relationships (two sentences) say it
        _rel("r1", "LOCATED_IN", "Company:c1", "County:临清市", article="a1", sentence="临清市的甲乙轴承",
             rule="same_sentence", confidence=0.75),
        _rel("r1b", "LOCATED_IN", "Company:c1", "County:临清市", article="a1", sentence="又在临清", rule="context",
             confidence=0.9),
        # IN_INDUSTRY: correct; evidence as a list (one relationship per fact)
        _rel("r2", "IN_INDUSTRY", "Company:c1", "Industry:轴承",
             evidence=[{"article": "a1", "sentence": "甲乙轴承生产轴承。", "rule": "same_sentence", "confidence": 0.6},
                       {"article": "b1", "sentence": "", "rule": "elsewhere", "confidence": 0.95}], articles=["a1"],
             confidence=0.95),
        # PARTNERS_WITH reversed, institution by containment; evidence only as `articles`
        _rel("r3", "PARTNERS_WITH", "Institution:聊城大学生物制药研究院", "Company:c2", articles=["a1"]),
        # HAS_DESIGNATION: 小巨人企业 is contained in 专精特新小巨人企业 (quotes removed)
        _rel("r4", "HAS_DESIGNATION", "Company:c2", "Program:小巨人企业", article="a1", sentence="丙丁科技入选"),
        # SUPPLIES from an optional company: ignored
        _rel("r5", "SUPPLIES", "Company:c3", "Company:c1", article="a1", sentence="庚辛超市供货"),
        # LOCATED_IN the gold does not hold: spurious
        _rel("r6", "LOCATED_IN", "Company:c2", "County:莘县", article="a1", sentence="莘县的丙丁科技",
             rule="same_sentence", confidence=0.6),
        # INVESTS_IN from another file's article: not a fact of 001_x.txt
        _rel("r7", "INVESTS_IN", "Company:c4", "Company:c2", article="b1", sentence="戊己集团投资丙丁科技"),
        # an article the graph does not hold: not counted anywhere
        _rel("r9", "HAS_INDUSTRY", "County:临清市", "Industry:轴承", article="zzz", sentence="?"),
        # PARTNERS_WITH the gold does not hold: spurious
        _rel("r10", "PARTNERS_WITH", "Company:c1", "Company:c2", article="a1", sentence="甲乙与丙丁"),
        # IN_INDUSTRY to a one-character industry: spurious, and the gold's 纺织 is missed
        _rel("r11", "IN_INDUSTRY", "Company:c4", "Industry:纺", article="a1", sentence="戊己纺",
             rules=["name_industry", "project"]),
        # an endpoint the graph does not hold: skipped
        _rel("r12", "RUNS", "Company:c4", "Company:nowhere", article="a1", sentence="?"),
    ]
    return {"nodes": nodes, "relationships": rels}


# per type: (predicted, correct, gold, found), worked out from the comments above
EXPECTED = {"LOCATED_IN": (2, 1, 1, 1), "IN_INDUSTRY": (2, 1, 2, 1), "HAS_DESIGNATION": (1, 1, 1, 1),
            "RUNS": (0, 0, 0, 0), "HAS_INDUSTRY": (0, 0, 0, 0), "PARTNERS_WITH": (2, 1, 1, 1),
            "INVESTS_IN": (0, 0, 1, 0), "SUPPLIES": (0, 0, 1, 0)}


def test_triples_per_type_and_pooled() -> None:
    total = score(export_fixture(), GOLD_TRIPLES).total
    got = {t: (pr.extracted, pr.tp, pr.gold, pr.found) for t, pr in total.triples.items()}
    assert got == {**EXPECTED, "INVESTS_IN_COUNTY": (0, 0, 0, 0)}
    pooled = total.triples_pooled
    assert (pooled.extracted, pooled.tp, pooled.gold, pooled.found) == (7, 4, 7, 4)
    assert pooled.precision == pooled.recall == pooled.f1 == pytest.approx(4 / 7)
    assert total.triples["RUNS"].precision is None and total.triples["RUNS"].f1 is None  # nothing to divide by
    assert total.triples["SUPPLIES"].precision is None and total.triples["SUPPLIES"].recall == 0.0
    assert total.triples["SUPPLIES"].f1 == 0.0
    assert total.triples_scored == 1


def test_triples_per_rule() -> None:
    """Each rule that gave a triple is credited with it (r1 and r1b: one triple, two rules); a rule of the
    evidence from another file's article is not; a relationship without a rule counts under ``?``."""
    by_rule = {k: (pr.extracted, pr.tp) for k, pr in score(export_fixture(), GOLD_TRIPLES).total.by_rule.items()}
    assert by_rule == {"LOCATED_IN same_sentence": (2, 1), "LOCATED_IN context": (1, 1),
                       "IN_INDUSTRY same_sentence": (1, 1), "IN_INDUSTRY name_industry": (1, 0),
                       "IN_INDUSTRY project": (1, 0), "PARTNERS_WITH ?": (2, 1), "HAS_DESIGNATION ?": (1, 1)}


def test_triples_per_confidence() -> None:
    """A triple's confidence is the highest of its evidence from the file's articles (r1/r1b: 0.9; r2: 0.6, not
    the 0.95 of another file's evidence nor its aggregate); triples without any confidence are not counted."""
    by_conf = {c: (pr.extracted, pr.tp) for c, pr in score(export_fixture(), GOLD_TRIPLES).total.by_confidence.items()}
    assert by_conf == {0.9: (1, 1), 0.6: (2, 1)}


def test_companies_and_institutions_as_the_reference_counts() -> None:
    total = score(export_fixture(), GOLD_TRIPLES).total
    # two nodes for 甲乙 count as one gold company found; 庚辛超市 optional; 市科技局 the one false positive
    c = total.companies
    assert (c.found, c.gold, c.extracted - c.tp) == (3, 3, 1)
    assert c.precision == 0.75 and c.recall == 1.0
    assert (total.county_links.found, total.county_links.gold) == (1, 1)
    # 聊城大学 in 聊城大学生物制药研究院, 山东省农业科学院 holds 科学院 (a ResearchInstitute), 大学 too short
    assert (total.institutions.found, total.institutions.gold) == (2, 3)
    assert total.missed == ["institution 济南大学"]


def test_missed_and_spurious_facts_carry_sentences() -> None:
    total = score(export_fixture(), GOLD_TRIPLES).total
    missed = {(f.kind, f.fact): f.sentence for f in total.missed_facts}
    spurious = {(f.kind, f.fact): f.sentence for f in total.spurious_facts}
    assert missed[("SUPPLIES", "戊己集团 -> 甲乙轴承有限公司")] == "戊己集团为甲乙轴承配套"
    assert missed[("IN_INDUSTRY", "戊己集团 -> 纺织")] == "戊己集团的纺织"
    assert set(missed) == {("SUPPLIES", "戊己集团 -> 甲乙轴承有限公司"), ("INVESTS_IN", "戊己集团 -> 丙丁科技"),
                           ("IN_INDUSTRY", "戊己集团 -> 纺织"), ("institution", "济南大学")}
    assert spurious == {("company", "市科技局"): "mention 市科技局", ("LOCATED_IN", "丙丁科技 -> 莘县"): "莘县的丙丁科技",
                        ("PARTNERS_WITH", "山东甲乙轴承有限公司 -> 丙丁科技"): "甲乙与丙丁",
                        ("IN_INDUSTRY", "戊己集团 -> 纺"): "戊己纺"}


def test_gold_without_relations_scores_no_triples() -> None:
    gold = json.loads(json.dumps(GOLD_TRIPLES))
    del gold["files"]["001_x.txt"]["relations"]
    total = score(export_fixture(), gold).total
    assert total.triples_scored == 0 and total.triples_pooled.extracted == 0 and total.triples_pooled.f1 is None


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    export, gold = tmp_path / "export.json", tmp_path / "gold.json"
    export.write_text(json.dumps(export_fixture(), ensure_ascii=False), encoding="utf-8")
    gold.write_text(json.dumps(GOLD_TRIPLES, ensure_ascii=False), encoding="utf-8")
    return {"export": export, "gold": gold}


TYPE_TABLE = """\
typed relations (1 files with gold relations; 8 types):
relation         predicted  correct  P      gold  found  R      F1
---------------  ---------  -------  -----  ----  -----  -----  -----
LOCATED_IN       2          1        0.500  1     1      1.000  0.667
IN_INDUSTRY      2          1        0.500  2     1      0.500  0.500
HAS_DESIGNATION  1          1        1.000  1     1      1.000  1.000
RUNS             0          0        –      0     0      –      –
HAS_INDUSTRY     0          0        –      0     0      –      –
PARTNERS_WITH    2          1        0.500  1     1      1.000  0.667
INVESTS_IN       0          0        –      1     0      0.000  0.000
SUPPLIES         0          0        –      1     0      0.000  0.000
pooled           7          4        0.571  7     4      0.571  0.571"""


def test_cli_table_pins_the_figures(files: dict[str, Path]) -> None:
    result = CliRunner().invoke(cli, ["eval", "--export", str(files["export"]), "--gold", str(files["gold"])])
    assert result.exit_code == 0, result.output
    assert TYPE_TABLE in result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["file", "company_P", "company_R", "company_F1", "county_link_acc", "institution_R",
                                "triple_P", "triple_R", "triple_F1", "county_P", "county_R", "program_P",
                                "program_R", "industry_P", "industry_R"]
    assert lines[3].split()[:9] == ["total", "0.750", "1.000", "0.857", "1.000", "0.667", "0.571", "0.571", "0.571"]
    assert lines[-1] == "4 missed and 4 spurious facts (-v lists them with their sentences)"


RULE_TABLE = """\
by rule (the `rule` of each triple's evidence; --rule and --min-confidence filter queries):
relation         rule           predicted  correct  P
---------------  -------------  ---------  -------  -----
HAS_DESIGNATION  ?              1          1        1.000
IN_INDUSTRY      name_industry  1          0        0.000
IN_INDUSTRY      project        1          0        0.000
IN_INDUSTRY      same_sentence  1          1        1.000
LOCATED_IN       same_sentence  2          1        0.500
LOCATED_IN       context        1          1        1.000
PARTNERS_WITH    ?              2          1        0.500

at --min-confidence X (triples whose highest confidence is at least X):
min_confidence  kept  correct  P      share_of_correct
--------------  ----  -------  -----  ----------------
0.90            1     1        1.000  0.500
0.60            3     2        0.667  1.000"""


def test_cli_by_rule_table_csv_and_json(files: dict[str, Path]) -> None:
    args = ["eval", "--export", str(files["export"]), "--gold", str(files["gold"])]
    result = CliRunner().invoke(cli, [*args, "--by-rule"])
    assert result.exit_code == 0, result.output
    assert RULE_TABLE in result.output
    assert "by rule" not in CliRunner().invoke(cli, args).output
    result = CliRunner().invoke(cli, [*args, "--by-rule", "--format", "csv"])
    lines = result.output.removeprefix("\ufeff").splitlines()
    assert lines[0] == "relation,rule,predicted,correct,P" and "LOCATED_IN,same_sentence,2,1,0.500" in lines
    data = json.loads(CliRunner().invoke(cli, [*args, "--format", "json"]).output)
    assert data["total"]["triples"]["by_rule"]["LOCATED_IN same_sentence"] == {"tp": 1, "extracted": 2,
                                                                               "precision": 0.5}
    assert data["total"]["triples"]["by_confidence"] == {"0.90": {"tp": 1, "extracted": 1},
                                                         "0.60": {"tp": 1, "extracted": 2}}


def test_cli_verbose_lists_facts_with_sentences(files: dict[str, Path]) -> None:
    result = CliRunner().invoke(cli, ["eval", "--export", str(files["export"]), "--gold", str(files["gold"]), "-v"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "missed (4): gold facts the graph does not hold" in out
    assert "  001_x.txt  SUPPLIES  戊己集团 -> 甲乙轴承有限公司  「戊己集团为甲乙轴承配套」" in out
    assert "spurious (4): graph facts the gold does not hold" in out
    assert "  001_x.txt  LOCATED_IN  丙丁科技 -> 莘县  「莘县的丙丁科技」" in out
    assert "  001_x.txt  company  市科技局  「mention 市科技局」" in out


def test_cli_csv_and_json(files: dict[str, Path]) -> None:
    args = ["eval", "--export", str(files["export"]), "--gold", str(files["gold"])]
    result = CliRunner().invoke(cli, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("\ufeff")  # CSV carries a BOM for Excel
    header, first, total = result.output.removeprefix("\ufeff").splitlines()
    assert header.split(",")[:9] == ["file", "company_P", "company_R", "company_F1", "county_link_acc",
                                     "institution_R", "triple_P", "triple_R", "triple_F1"]
    assert header.split(",")[-2:] == ["SUPPLIES_P", "SUPPLIES_R"]
    assert total.split(",")[:2] == ["total", "0.750"] and total.split(",")[-2:] == ["–", "0.000"]
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    data = json.loads(result.output)
    by_type = data["total"]["triples"]["by_type"]
    assert [by_type[t]["extracted"] for t in TRIPLE_TYPES] == [v[0] for v in EXPECTED.values()]
    assert data["total"]["triples"]["pooled"]["f1"] == round(4 / 7, 4)
    assert by_type["RUNS"]["precision"] is None


def test_cli_several_gold_files(tmp_path: Path, files: dict[str, Path]) -> None:
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"files": {"002_y.txt": {"companies": [], "relations": [
        {"type": "INVESTS_IN", "from": "戊己集团", "to": "丙丁科技", "evidence": "x"}]}}}, ensure_ascii=False),
        encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--export", str(files["export"]), "--gold", str(files["gold"]),
                                      "--gold", str(other), "--format", "json"])
    assert result.exit_code == 0, result.output
    total = json.loads(result.output)["total"]["triples"]
    assert total["files_scored"] == 2
    assert (total["by_type"]["INVESTS_IN"]["extracted"], total["by_type"]["INVESTS_IN"]["tp"]) == (1, 1)


def test_county_investments_are_scored_but_not_pooled(tmp_path: Path, files: dict[str, Path]) -> None:
    """INVESTS_IN_COUNTY is no fact type of DESIGN's model: its own row after the pooled one, outside the pool, so
    the pooled figures stay those of shared/tools/score_triples.py."""
    graph = export_fixture()
    graph["relationships"].append(_rel("r20", "INVESTS_IN_COUNTY", "Company:c4", "County:莘县", article="a1",
                                       sentence="戊己集团在莘县投资建设新厂", confidence=0.33))
    gold = json.loads(files["gold"].read_text(encoding="utf-8"))
    gold["files"]["001_x.txt"]["relations"].append(
        {"type": "INVESTS_IN_COUNTY", "from": "戊己集团", "to": "莘县", "evidence": "戊己集团在莘县投资建设新厂"})
    (tmp_path / "e.json").write_text(json.dumps(graph, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "g.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--export", str(tmp_path / "e.json"), "--gold", str(tmp_path / "g.json")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    pooled = next(line for line in lines if line.startswith("pooled "))
    assert pooled.split()[1:] == ["7", "4", "0.571", "7", "4", "0.571", "0.571"]  # the pool as without it
    row = next(line for line in lines if line.startswith("INVESTS_IN_COUNTY (not pooled)"))
    assert row.split()[3:] == ["1", "1", "1.000", "1", "1", "1.000", "1.000"]
    data = json.loads(CliRunner().invoke(cli, ["eval", "--export", str(tmp_path / "e.json"), "--gold",
                                               str(tmp_path / "g.json"), "--format", "json"]).output)
    assert "0.33" not in data["total"]["triples"]["by_confidence"]  # the thresholds' table reads as the pool


def test_cli_several_gold_files_extracted_in_memory() -> None:
    runner = CliRunner()
    both = runner.invoke(cli, ["eval", "--gold", str(GOLD), "--gold", str(FIXTURES / "seeds-003-004.json"),
                               "--texts", str(SEEDS), "--format", "json"])
    assert both.exit_code == 0, both.output
    data = json.loads(both.output)
    assert len(data["files"]) == 5
    gold_companies = sum(len(json.loads(p.read_text(encoding="utf-8"))["files"][f]["companies"])
                         for p in (GOLD, FIXTURES / "seeds-003-004.json")
                         for f in json.loads(p.read_text(encoding="utf-8"))["files"])
    assert data["total"]["companies"]["gold"] == gold_companies


def test_cli_missing_text_is_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a01.txt").write_text("临清市的甲乙轴承有限公司生产轴承。", encoding="utf-8")
    gold = tmp_path / "g.json"
    gold.write_text(json.dumps({"files": {"a01.txt": {"companies": []}, "a02.txt": {"companies": []},
                                          "a03.txt": {"companies": []}}}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold), "--texts", str(tmp_path / "texts")])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and result.output.startswith("Error: text file ")
    assert "a02.txt (named by g.json) is missing, and 1 more of its files (pass --texts DIR" in result.output
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold), "--gold", str(gold), "--texts", "a", "--texts",
                                      "b", "--texts", "c"])
    assert result.exit_code == 1 and "3 text folders for 2 gold files" in result.output


def test_cli_warns_when_a_text_differs_from_the_annotated_one(tmp_path: Path) -> None:
    (tmp_path / "a01.txt").write_text("临清市的甲乙轴承有限公司生产轴承。", encoding="utf-8")
    gold = tmp_path / "g.json"
    gold.write_text(json.dumps({"sources": {"a01.txt": {"chars": 99, "sha256": "0" * 64}},
                                "files": {"a01.txt": {"companies": []}}}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold), "--texts", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Warning: " in result.stderr and "a01.txt: text differs" in result.stderr and "the gold says 99" in result.stderr


@pytest.mark.skipif(not (SHARED_TOOLS / "score_triples.py").is_file(), reason="../shared/tools not on this machine")
def test_reference_scorer_agrees_on_the_fixture(files: dict[str, Path]) -> None:
    """The reference scorer run on the same export and gold prints the same counts (where it is present)."""
    tools = Path(shutil.copytree(SHARED_TOOLS, files["export"].parent / "tools"))
    out = subprocess.run([sys.executable, str(tools / "score_triples.py"), str(files["export"]), str(files["gold"])],
                         cwd=tools, capture_output=True, text=True, check=True).stdout
    for t, (pred, ok, gold, found) in EXPECTED.items():
        assert f"{t:16s} predicted {pred:4d} ok {ok:4d}  gold {gold:4d} found {found:4d}" in out
    assert "triples_p=0.571 triples_r=0.571 triples_f1=0.571" in out
    out = subprocess.run([sys.executable, str(tools / "score.py"), str(files["export"]), str(files["gold"])],
                         cwd=tools, capture_output=True, text=True, check=True).stdout
    assert "companies tp=3 fp=1 fn=0 precision=0.750 recall=1.000" in out
    assert "company_f1=0.857 county_link_acc=1.000 institution_recall=0.667" in out
