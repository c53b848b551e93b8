"""The build pipeline and the build/stats/export commands, on the seeds, into both stores."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from econgraph.graph.embedded import EmbeddedStore
from econgraph.graph.store import GraphStore
from helpers import SEEDS, neo4j_store, snapshot

from econgraph.build import build
from econgraph.cli import cli

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def rel_uids(store: GraphStore) -> set[str]:
    return {r.uid for r in store.iter_relationships()}


@pytest.mark.neo4j
def test_seeds_twice_into_both_stores(tmp_path: Path, neo4j_clean) -> None:
    emb = EmbeddedStore(tmp_path / "g.econgraph")
    with neo4j_store(neo4j_clean, batch_size=500) as neo:
        first = [build([SEEDS], emb), build([SEEDS], neo)]
        second = [build([SEEDS], emb), build([SEEDS], neo)]
        for report in first + second:
            assert report.ok and report.files == len(SEED_FILES) and report.articles > 20
        assert first[0].stats == first[1].stats == second[0].stats == second[1].stats
        assert first[0].stats.nodes["Company"] > 10 and first[0].stats.relationships["MENTIONS"] > 100
        assert second[0].removed_articles == second[1].removed_articles == 0
        assert snapshot(emb) == snapshot(neo)  # same nodes, properties, relationships, evidence
        # one relationship per fact (type, start, end), one piece of evidence per article in it
        rels = list(neo.iter_relationships())
        keys = [(r.type, r.start, r.end) for r in rels]
        assert len(keys) == len(set(keys)) == first[0].stats.total_relationships
        assert all(len({e["article"] for e in r.properties["evidence"]}) == len(r.properties["evidence"])
                   == r.properties["articles"] for r in rels if not r.properties.get("region"))


def test_extraction_jobs_do_not_change_the_graph(tmp_path: Path) -> None:
    one = EmbeddedStore(tmp_path / "one.econgraph")
    two = EmbeddedStore(tmp_path / "two.econgraph")
    files = [str(p) for p in SEED_FILES[:3]]
    build(files, one, jobs=1)
    build(files, two, jobs=2)
    assert snapshot(one) == snapshot(two)


def test_edited_file_replaces_its_own_facts(tmp_path: Path) -> None:
    data = tmp_path / "in"
    data.mkdir()
    page = data / "page.txt"
    other = data / "other.txt"
    shutil.copy(SEED_FILES[0], page)
    shutil.copy(SEED_FILES[1], other)
    store = EmbeddedStore(tmp_path / "g.econgraph")
    before = build([data], store)
    # cut the second half of the page: its later articles disappear, one article's text changes
    text = page.read_text(encoding="utf-8")
    page.write_text(text[: len(text) // 2], encoding="utf-8")
    after = build([data], store)
    assert after.removed_articles >= 1
    fresh = EmbeddedStore(tmp_path / "fresh.econgraph")
    expected = build([data], fresh)
    assert after.stats == expected.stats
    assert rel_uids(store) == rel_uids(fresh)
    assert after.stats.nodes["Article"] < before.stats.nodes["Article"]
    # and putting the text back restores the original graph
    page.write_text(text, encoding="utf-8")
    assert build([data], store).stats == before.stats


def test_rebuild_starts_empty(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "g.econgraph")
    build([str(SEED_FILES[0])], store)
    report = build([str(SEED_FILES[1])], store, rebuild=True)
    sources = {n.properties["source"] for n in store.iter_nodes() if n.label == "Article"}
    assert sources == {str(SEED_FILES[1])}
    assert report.stats == build([str(SEED_FILES[1])], EmbeddedStore(tmp_path / "fresh.econgraph")).stats


def test_bad_files_are_skipped_and_the_rest_loaded(tmp_path: Path) -> None:
    data = tmp_path / "in"
    data.mkdir()
    shutil.copy(SEED_FILES[2], data / "good.txt")
    (data / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (data / "empty.txt").write_bytes(b"")
    store_path = tmp_path / "g.econgraph"
    result = CliRunner().invoke(cli, ["build", str(data), "--store", str(store_path)])
    assert result.exit_code == 1, result.output
    assert "binary.txt" in result.output and "empty.txt" in result.output
    assert "Skipped:" in result.output
    stats = EmbeddedStore(store_path).stats()
    assert stats.nodes["Article"] >= 1 and stats.nodes.get("Company", 0) >= 1


def test_cli_build_stats_export_embedded(tmp_path: Path) -> None:
    store_path = tmp_path / "g.econgraph"
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(SEED_FILES[0]), str(SEED_FILES[1]), "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    assert "Built" in result.output and "MENTIONS" in result.output
    stats = runner.invoke(cli, ["stats", "--store", str(store_path), "--json"])
    assert stats.exit_code == 0, stats.output
    counts = json.loads(stats.stdout)
    assert counts == {"nodes": EmbeddedStore(store_path).stats().nodes,
                      "relationships": EmbeddedStore(store_path).stats().relationships}
    out = tmp_path / "g.json"
    exported = runner.invoke(cli, ["export", "--store", str(store_path), "--format", "json", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == sum(counts["nodes"].values())
    assert len(data["relationships"]) == sum(counts["relationships"].values())
    graphml = runner.invoke(cli, ["export", "--store", str(store_path), "--format", "graphml"])
    assert graphml.exit_code == 0 and graphml.stdout.startswith("<?xml")
    csv_missing = runner.invoke(cli, ["export", "--store", str(store_path), "--format", "csv"])
    assert csv_missing.exit_code == 2 and "-o" in csv_missing.output
    csv_ok = runner.invoke(cli, ["export", "--store", str(store_path), "--format", "csv", "-o", str(tmp_path / "csv")])
    assert csv_ok.exit_code == 0 and (tmp_path / "csv" / "import.sh").exists()


def test_cli_refuses_a_corrupted_store(tmp_path: Path) -> None:
    store_path = tmp_path / "g.econgraph"
    store_path.write_bytes(b"not a store at all")
    for args in (["stats"], ["export"], ["build", str(SEED_FILES[0])]):
        result = CliRunner().invoke(cli, [*args, "--store", str(store_path)])
        assert result.exit_code == 1, result.output
        lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
        assert len(lines) == 1 and str(store_path) in lines[0]
    assert store_path.read_bytes() == b"not a store at all"
    both = CliRunner().invoke(cli, ["stats", "--store", str(store_path), "--neo4j"])
    assert both.exit_code == 2 and "exclude" in both.output


@pytest.mark.neo4j
def test_cli_with_neo4j(neo4j_env, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(SEED_FILES[0]), "--neo4j"])
    assert result.exit_code == 0, result.output
    stats = runner.invoke(cli, ["stats", "--neo4j", "--json"])
    assert stats.exit_code == 0, stats.output
    store_path = tmp_path / "g.econgraph"
    assert runner.invoke(cli, ["build", str(SEED_FILES[0]), "--store", str(store_path)]).exit_code == 0
    embedded = runner.invoke(cli, ["stats", "--store", str(store_path), "--json"])
    assert json.loads(stats.stdout) == json.loads(embedded.stdout)
    cypher = runner.invoke(cli, ["export", "--neo4j", "--format", "cypher"])
    assert cypher.exit_code == 0 and "MERGE (n:Company" in cypher.stdout


def test_cli_neo4j_unreachable_names_server_not_password(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{port}")
    monkeypatch.setenv("NEO4J_USERNAME", "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", "very-secret-pw")
    result = CliRunner().invoke(cli, ["stats", "--neo4j"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot connect to Neo4j at bolt://127.0.0.1:")
    assert "very-secret-pw" not in result.output


def test_pages_added_through_the_indexes_as_through_every_company(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Adding pages to a built store links short names through the store's indexes (only the stored companies
    that can claim a name are read): page after page, the graph is the one reading every stored company gives."""
    near = EmbeddedStore(tmp_path / "near.econgraph")
    for path in SEED_FILES:
        build([str(path)], near)
    monkeypatch.setattr(EmbeddedStore, "company_claimants", lambda *args: None)  # the store "cannot tell"
    every = EmbeddedStore(tmp_path / "every.econgraph")
    for path in SEED_FILES:
        build([str(path)], every)
    assert snapshot(near) == snapshot(every)


def test_short_names_near_a_build_are_the_whole_archives() -> None:
    """alias_targets_near gives every build company the target alias_targets gives it over the whole archive:
    a chain (short → middle → full name) and a name two full names claim (no link)."""
    from econgraph.graph.model import Node
    from econgraph.loaders.aliases import alias_targets, alias_targets_near

    def company(name: str, aliases: tuple[str, ...] = ()) -> Node:
        return Node("Company", name, {"name": name, "aliases": list(aliases)})

    stored = [company("鹭峰机械制造有限公司", ("鹭峰机械",)), company("鹭峰机械", ("鹭峰",)),
              company("泓达化工有限公司"), company("泓达化工集团有限公司"), company("岱川纺织有限公司")]
    seen = [company("鹭峰"), company("泓达化工"), company("琨宇电子有限公司")]
    whole = alias_targets([*stored, *seen])
    asked: list[set[str]] = []

    def claimants(names: set[str]) -> list[Node]:
        asked.append(set(names))
        return [n for n in stored if whole.companies[n.uid] is n]  # every stored company: a superset is fine

    near = alias_targets_near(seen, claimants, lambda names: {})
    assert near is not None
    assert {u: near.target[u] for u in near.target if u in {n.uid for n in seen}} == {
        u: whole.target[u] for u in whole.target if u in {n.uid for n in seen}}
    assert len(asked) >= 2  # the chain's middle name was asked for in a second round


def test_articles_of_several_files_found_with_and_without_their_index(tmp_path: Path) -> None:
    # the same page under two names: its articles are held by both files (``sources``); a store written before
    # the multi-source index existed answers the same, and its next write adds the index
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(SEED_FILES[0], a)
    shutil.copy(SEED_FILES[0], b)
    store = EmbeddedStore(tmp_path / "g.sqlite")
    build([a], store)
    build([b], store)
    held = store.article_sources([str(b)])
    assert held and all(files == {str(a), str(b)} for files in held.values())
    assert store.article_sources([str(a)]) == held
    conn = store._open()
    conn.execute("DROP INDEX nodes_multi_source")
    assert store.article_sources([str(b)]) == held
    build([SEED_FILES[1]], store)
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'nodes_multi_source'").fetchone()
    assert store.article_sources([str(a)]) == held
    a.write_text(SEED_FILES[1].read_text(encoding="utf-8"), encoding="utf-8")  # a no longer holds them
    build([a], store)
    assert all(files == {str(b)} for uid, files in store.article_sources([str(b)]).items() if uid in held)
