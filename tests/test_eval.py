"""Scoring against the gold file: the scorer on hand-made graphs, the targets on the dev seeds, the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from helpers import GOLD, SEEDS, assert_meets_extraction_targets

from econgraph.cli import cli
from econgraph.evaluate import evaluate, extract_files, graph_from_facts, score

GOLD_SMALL = {"files": {"001_x.txt": {
    "companies": [{"name": "甲乙轴承有限公司", "aliases": ["甲乙轴承"], "county": "临清市"},
                  {"name": "丙丁科技", "aliases": [], "county": "东阿县"},
                  {"name": "戊己集团", "aliases": [], "county": None}],
    "optional_companies": ["庚辛超市"],
    "institutions": ["聊城大学", "山东省农业科学院"],
    "counties": ["临清市"], "programs": ["链主企业"], "industries": ["轴承", "纺织"]}}}


def _node(label: str, uid: str, **props: object) -> dict:
    return {"id": f"{label}:{uid}", "labels": [label], "properties": {"uid": uid, **props}}


def _rel(rel_type: str, start: str, end: str) -> dict:
    return {"id": f"{rel_type}{start}{end}", "type": rel_type, "start": start, "end": end, "properties": {}}


def test_score_counts_found_false_positives_optional_and_links() -> None:
    nodes = [
        _node("Article", "a", source="seeds/001_x.txt"),
        _node("Company", "c1", name="山东甲乙轴承有限公司", aliases=["甲乙轴承"]),
        _node("Company", "c2", name="丙丁科技", aliases=[]),
        _node("Company", "c3", name="庚辛超市", aliases=[]),
        _node("Company", "c4", name="市科技局", aliases=[]),
        _node("County", "临清市", name="临清市", aliases=["临清"]),
        _node("County", "莘县", name="莘县", aliases=[]),
        _node("Institution", "i1", name="聊城大学生物制药研究院"),
        _node("Program", "p", name="链主企业"),
        _node("Industry", "轴承", name="轴承"),
    ]
    rels = [_rel("MENTIONS", "Article:a", n["id"]) for n in nodes[1:]]
    rels += [_rel("LOCATED_IN", "Company:c1", "County:临清市"), _rel("LOCATED_IN", "Company:c2", "County:莘县")]
    report = score({"nodes": nodes, "relationships": rels}, GOLD_SMALL).total
    assert (report.companies.tp, report.companies.extracted) == (2, 3)  # 庚辛超市 optional, 市科技局 false
    assert (report.companies.found, report.companies.gold) == (2, 3)
    assert report.false_positives == ["市科技局"] and report.missed[0] == "戊己集团"
    assert (report.county_links.found, report.county_links.gold) == (1, 2)
    assert report.institutions.recall == 0.5
    assert report.counties.precision == 0.5 and report.counties.recall == 1.0
    assert report.industries.recall == 0.5


def test_articles_of_other_files_do_not_count() -> None:
    nodes = [_node("Article", "a", source="seeds/002_y.txt"), _node("Company", "c1", name="丙丁科技", aliases=[])]
    report = score({"nodes": nodes, "relationships": [_rel("MENTIONS", "Article:a", "Company:c1")]}, GOLD_SMALL)
    assert report.total.companies.found == 0 and report.total.companies.extracted == 0


@pytest.fixture(scope="module")
def dev_report():
    return evaluate(GOLD, seeds=SEEDS)


def test_dev_gold_meets_the_targets(dev_report) -> None:
    assert_meets_extraction_targets(dev_report)


def test_cli_eval_table_and_json() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", "--gold", str(GOLD), "--seeds", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert "company_P" in result.output and "total" in result.output
    result = runner.invoke(cli, ["eval", "--gold", str(GOLD), "--seeds", str(SEEDS), "--format", "json"])
    data = json.loads(result.output)
    assert set(data["total"]) >= {"companies", "institutions", "county_link_accuracy", "counties", "programs"}


def test_cli_eval_bad_gold_names_the_file(tmp_path) -> None:
    bad = tmp_path / "gold.json"
    bad.write_text("not json", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--gold", str(bad), "--seeds", str(SEEDS)])
    assert result.exit_code != 0 and "Error:" in result.output and "gold.json" in result.output


def test_eval_from_embedded_store_matches_in_memory(tmp_path, dev_report) -> None:
    from econgraph.graph.stores import open_store

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    facts = extract_files([SEEDS / name for name in gold["files"]])
    with open_store(tmp_path / "g.econgraph") as store:
        store.load(facts)
    result = CliRunner().invoke(cli, ["eval", "--gold", str(GOLD), "--store", str(tmp_path / "g.econgraph"),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["total"] == dev_report.as_dict()["total"]
    assert score(graph_from_facts(facts), gold).as_dict() == dev_report.as_dict()


@pytest.mark.neo4j
def test_eval_from_neo4j_matches_in_memory(neo4j_env, dev_report) -> None:
    from econgraph.graph.stores import open_store

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    with open_store(neo4j=True) as store:
        store.load(extract_files([SEEDS / name for name in gold["files"]]))
    result = CliRunner().invoke(cli, ["eval", "--gold", str(GOLD), "--neo4j", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["total"] == dev_report.as_dict()["total"]
