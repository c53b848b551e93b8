"""Everyday CLI behaviour an analyst relies on: one output option everywhere, errors instead of silent guesses."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from econgraph.graph.embedded import EmbeddedStore
from helpers import built_store, invoke

BOM = "\ufeff"


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return built_store(tmp_path / "g.econgraph")


def test_repeated_parameter_is_refused_on_one_line(store_path: Path) -> None:
    result = invoke("query", "run", "companies-in-county", "-p", "county=临清市", "-p", "county=东阿县",
                    "--store", str(store_path))
    assert result.exit_code == 2
    assert result.output.strip() == ("Error: parameter county given twice ('临清市' and '东阿县'): give it once")


def test_stats_of_a_missing_store_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.econgraph"
    result = invoke("stats", "--store", str(missing))
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: no store at {missing}: run `econgraph build` first, or pass --store PATH"
    assert not missing.exists()


def test_stats_formats_agree(store_path: Path) -> None:
    as_json = json.loads(invoke("stats", "--store", str(store_path), "--format", "json").output)
    assert as_json == json.loads(invoke("stats", "--store", str(store_path), "--json").output)
    text = invoke("stats", "--store", str(store_path), "--format", "csv").output
    assert text.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(text.removeprefix(BOM))))
    counts = {(r["kind"], r["name"]): int(r["count"]) for r in rows}
    assert counts[("node", "Company")] == as_json["nodes"]["Company"]
    assert counts[("relationship", "LOCATED_IN")] == as_json["relationships"]["LOCATED_IN"]


def test_show_formats(store_path: Path) -> None:
    profile = json.loads(invoke("show", "County:临清", "--store", str(store_path), "--format", "json").output)
    text = invoke("show", "County:临清", "--store", str(store_path), "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(text.removeprefix(BOM))))
    assert len(rows) == len(profile["ties"]) > 0
    assert {r["relation"] for r in rows} == {t["relation"] for t in profile["ties"]}


def test_query_list_takes_csv() -> None:
    text = invoke("query", "list", "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(text.removeprefix(BOM))))
    assert rows[0]["name"] == "companies-in-county"


def test_build_takes_a_year_for_yearless_dates(tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text("本报讯 4月15日，鑫河轴承有限公司在临清市举行新产品发布会。\n", encoding="utf-8")
    store = tmp_path / "g.econgraph"
    result = invoke("build", str(page), "--store", str(store), "--year", "2024")
    assert result.exit_code == 0, result.output
    dates = {n.properties.get("date") for n in EmbeddedStore(store).iter_nodes() if n.label == "Article"}
    assert dates == {"2024-04-15"}


def test_export_gexf_from_the_cli(store_path: Path, tmp_path: Path) -> None:
    import networkx as nx

    out = tmp_path / "g.gexf"
    result = invoke("export", "--store", str(store_path), "--format", "gexf", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert nx.read_gexf(out).number_of_nodes() == EmbeddedStore(store_path).stats().total_nodes
