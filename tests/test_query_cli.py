"""The query CLI through click's CliRunner: list, show, run, cypher, show ENTITY, and their error texts."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from econgraph.graph.embedded import EmbeddedStore
from econgraph.graph.neo4j_store import Neo4jStore
from econgraph.queries.catalog import CATALOG
from factsfactory import facts_a, facts_b
from helpers import built_store, invoke, one_line_error

from econgraph.config import Neo4jSettings

COMPANY = "山东中力汽车零部件制造有限公司"


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return built_store(tmp_path / "g.econgraph")


def test_list_names_every_query() -> None:
    result = invoke("query", "list")
    assert result.exit_code == 0, result.output
    for name in CATALOG:
        assert name in result.output
    rows = json.loads(invoke("query", "list", "--format", "json").output)
    assert [r["name"] for r in rows] == list(CATALOG)
    assert rows[0]["name"] == "companies-in-county" and rows[0]["params"] == ["county", "limit"]


def test_show_prints_question_parameters_and_cypher() -> None:
    result = invoke("query", "show", "companies-in-county")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Which companies are in county X" in out and "某县" in out
    assert "county" in out and "临清市" in out
    assert "MATCH (k:County {uid: $county})" in out


def test_show_unknown_query_is_one_line_with_suggestion() -> None:
    line = one_line_error(invoke("query", "show", "companies-in-countyy"))
    assert line == "Error: unknown query 'companies-in-countyy' (did you mean: companies-in-county)"


def test_run_unknown_query_exit_2(store_path: Path) -> None:
    line = one_line_error(invoke("query", "run", "nope", "--store", str(store_path)))
    assert line.startswith("Error: unknown query 'nope'")


def test_run_by_alias_in_every_format(store_path: Path) -> None:
    result = invoke("query", "run", "companies-in-county", "-p", "county=临清", "--store", str(store_path))
    assert result.exit_code == 0, result.output
    assert COMPANY in result.stdout and "国家级专精特新“小巨人”" in result.stdout
    rows = json.loads(invoke("query", "run", "companies-in-county", "-p", "county=临清市", "--store",
                             str(store_path), "--format", "json").stdout)
    assert rows == [{"company": COMPANY, "industries": [], "designations": ["国家级专精特新“小巨人”"], "articles": 2}]
    text = invoke("query", "run", "companies-in-county", "--store", str(store_path), "--format", "csv").stdout
    assert text.startswith("\ufeff")  # Excel reads a UTF-8 CSV only with its byte-order mark
    parsed = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert parsed[0]["company"] == COMPANY and parsed[0]["articles"] == "2"


def test_run_unknown_entity_suggests(store_path: Path) -> None:
    line = one_line_error(invoke("query", "run", "companies-in-county", "-p", "county=临清县", "--store",
                                 str(store_path)))
    assert line == "Error: no entity named '临清县' (did you mean: 临清市)"
    line = one_line_error(invoke("query", "run", "company-profile", "-p", "company=中力汽车", "--store",
                                 str(store_path)))
    assert line == f"Error: no entity named '中力汽车' (did you mean: {COMPANY})"


def test_run_missing_and_malformed_parameters(store_path: Path) -> None:
    store = ("--store", str(store_path))
    line = one_line_error(invoke("query", "run", "companies-in-county", "-p", "county=", *store))
    assert line == "Error: missing value for parameter county (give -p county=VALUE)"
    line = one_line_error(invoke("query", "run", "companies-in-county", "-p", "county", *store))
    assert line == "Error: bad parameter 'county': expected key=value"
    line = one_line_error(invoke("query", "run", "companies-in-county", "-p", "city=聊城", *store))
    assert line == "Error: query companies-in-county has no parameter 'city' (its parameters: county, limit)"
    line = one_line_error(invoke("query", "run", "co-mentioned", "-p", "limit=many", *store))
    assert line == "Error: parameter limit: expected an integer, got 'many'"


def test_run_missing_parameter_without_default(tmp_path: Path) -> None:
    path = tmp_path / "empty.econgraph"
    EmbeddedStore(path).save()
    line = one_line_error(invoke("query", "run", "company-profile", "--store", str(path)))
    assert line == ("Error: missing parameter company: the graph has no company to default to "
                    "(give -p company=NAME)")


def test_run_without_a_store_says_build_first(tmp_path: Path) -> None:
    line = one_line_error(invoke("query", "run", "companies-in-county", "--store", str(tmp_path / "none")), 1)
    assert "run `econgraph build` first" in line


def test_cypher_on_embedded_store_says_use_neo4j(store_path: Path) -> None:
    line = one_line_error(invoke("cypher", "MATCH (n) RETURN count(n) AS n", "--store", str(store_path)))
    assert line.startswith("Error: ad-hoc Cypher runs on Neo4j only") and "--neo4j" in line


def test_show_entity_with_evidence(store_path: Path) -> None:
    result = invoke("show", "中力", "--store", str(store_path))
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith(f"{COMPANY} (Company)")
    assert "mentioned in 2 article(s)" in out
    assert "→ LOCATED_IN 临清市" in out and "“山东中力汽车零部件制造有限公司位于临清市。”" in out
    assert "→ HAS_DESIGNATION 国家级专精特新“小巨人”" in out
    profile = json.loads(invoke("show", "County:临清", "--store", str(store_path), "--json").output)
    assert profile["label"] == "County" and profile["name"] == "临清市"
    assert {(t["relation"], t["direction"], t["other"]) for t in profile["ties"]} == {
        ("LOCATED_IN", "in", COMPANY), ("RUNS", "out", "链长制")}


def test_show_unknown_entity_suggests(store_path: Path) -> None:
    assert invoke("show", "山东中力", "--store", str(store_path)).exit_code == 0  # an alias resolves
    line = one_line_error(invoke("show", "山东中立", "--store", str(store_path)))
    assert line.startswith(f"Error: no entity named '山东中立' (did you mean: {COMPANY}")


@pytest.mark.neo4j
def test_run_and_cypher_on_neo4j(neo4j_env: Any, store_path: Path) -> None:
    neo = Neo4jStore(Neo4jSettings(neo4j_env.uri, neo4j_env.username, neo4j_env.password))
    with neo:
        neo.load([facts_a(), facts_b()])
    embedded = invoke("query", "run", "company-profile", "-p", "company=中力", "--store", str(store_path),
                      "--format", "json")
    on_neo4j = invoke("query", "run", "company-profile", "-p", "company=中力", "--neo4j", "--format", "json")
    assert on_neo4j.exit_code == 0, on_neo4j.output
    assert json.loads(on_neo4j.stdout) == json.loads(embedded.stdout) != []

    result = invoke("cypher", "MATCH (c:Company)-[:LOCATED_IN]->(k:County {name: $county}) RETURN c.name AS company",
                    "-p", "county=临清市", "--neo4j", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"company": COMPANY}]

    line = one_line_error(invoke("cypher", "MATCH (n) DETACH DELETE n", "--neo4j"))
    assert line == "Error: refusing to run a query that writes (query type w) without --write"
    count = "MATCH (n) RETURN count(n) AS n"
    assert json.loads(invoke("cypher", count, "--neo4j", "--format", "json").stdout) == [{"n": 7}]

    written = invoke("cypher", "CREATE (:Program {uid: $uid, name: $uid})", "-p", "uid=新计划", "--neo4j", "--write")
    assert written.exit_code == 0, written.output
    assert json.loads(invoke("cypher", count, "--neo4j", "--format", "json").stdout) == [{"n": 8}]


@pytest.mark.neo4j
def test_read_only_cypher_runs_in_a_read_session(neo4j_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even a write the plan check misses is refused: read queries run in READ access mode."""
    import econgraph.queries.adhoc as adhoc
    from econgraph.queries.adhoc import run_cypher

    from econgraph.errors import QueryError

    monkeypatch.setattr(adhoc, "refusal", lambda *_: None)
    neo = Neo4jStore(Neo4jSettings(neo4j_env.uri, neo4j_env.username, neo4j_env.password))
    with neo:
        with pytest.raises(QueryError, match="(?i)read"):
            run_cypher(neo, "CREATE (:Program {uid: 'x'})")
        assert run_cypher(neo, "MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
