"""The SQLite embedded store: two builds at once both land, old store files convert, the default path."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from econgraph.graph.embedded import EmbeddedStore
from econgraph.graph.model import ArticleFacts
from factsfactory import article, entity, facts_a, facts_b, mentions
from helpers import snapshot

from econgraph.cli import cli
from econgraph.errors import StoreError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def test_two_builds_at_once_both_land(tmp_path: Path) -> None:
    """Two processes building different files into one store: the second waits for the first's
    transaction (BEGIN IMMEDIATE with a busy timeout) and both sets of articles are stored."""
    path = tmp_path / "g.sqlite"
    halves = [SEEDS[:2], SEEDS[2:]]
    procs = [subprocess.Popen([sys.executable, "-m", "econgraph", "build", *map(str, files), "--store", str(path)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for files in halves]
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-3000:]
    with EmbeddedStore(path) as store:
        stored = store.article_uids([str(p) for p in SEEDS])
    assert all(stored[str(p)] for p in SEEDS), {k: len(v) for k, v in stored.items()}
    # the same graph as the two builds one after the other, in one order or the other (which one took the
    # lock first decides what the second's alias resolution saw)
    got = snapshot(EmbeddedStore(path))
    orders = []
    for name, order in (("ab", halves), ("ba", halves[::-1])):
        target = tmp_path / f"{name}.sqlite"
        for files in order:
            done = subprocess.run([sys.executable, "-m", "econgraph", "build", *map(str, files), "--store",
                                   str(target)], cwd=ROOT, capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, done.stderr[-3000:]
        orders.append(snapshot(EmbeddedStore(target)))
    assert got in orders


def _old_format_file(path: Path, store: EmbeddedStore, facts: list) -> None:
    """A store file of the first format (zlib JSON, one edge per relationship and article)."""
    nodes = [[f"{n.label}:{n.uid}", {**n.properties, "label": n.label}] for n in store.iter_nodes()]
    edges = {}
    for item in facts:
        for rel in item.relationships:
            edges[rel.uid] = [rel.start.key(), rel.end.key(), rel.uid, {**rel.properties(), "type": rel.type}]
    payload = zlib.compress(json.dumps({"nodes": nodes, "edges": list(edges.values())}).encode("utf-8"))
    header = {"format": 1, "length": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}
    path.write_bytes(b"ECONGRAPH-STORE\n" + json.dumps(header).encode() + b"\n" + payload)


def test_old_store_converts_to_the_same_graph(tmp_path: Path) -> None:
    facts = [facts_a(), facts_b()]
    direct = EmbeddedStore(tmp_path / "direct.sqlite")
    direct.load(facts)
    old = tmp_path / "graph.econgraph"
    _old_format_file(old, direct, facts)
    with pytest.raises(StoreError, match="econgraph store convert"):
        EmbeddedStore(old)
    new = tmp_path / "graph.sqlite"
    result = CliRunner().invoke(cli, ["store", "convert", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert "2 articles" in result.output
    assert snapshot(EmbeddedStore(new)) == snapshot(direct)
    again = CliRunner().invoke(cli, ["store", "convert", str(old), str(new)])
    assert again.exit_code == 1 and "exists already" in again.output


def test_old_default_store_is_named_with_its_conversion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".econgraph").mkdir()
    (tmp_path / ".econgraph" / "graph.econgraph").write_bytes(b"ECONGRAPH-STORE\n{}\n")
    result = CliRunner().invoke(cli, ["stats"])
    assert result.exit_code != 0
    assert "econgraph store convert .econgraph/graph.econgraph .econgraph/graph.sqlite" in result.output


def test_neo4j_statements_bind_only_schema_names() -> None:
    from econgraph.graph import neo4j_cypher as cy

    assert "MATCH (n:Company)" in cy.bind(cy.COUNT_NODES, "Company")
    assert "[r:LOCATED_IN]" in cy.bind(cy.READ_FACTS, rtype="LOCATED_IN", start="Company", end="County")
    with pytest.raises(ValueError, match="not a label"):
        cy.bind(cy.COUNT_NODES, "Company) DETACH DELETE (n")
    with pytest.raises(ValueError, match="not a relationship type"):
        cy.bind(cy.COUNT_RELATIONSHIPS, rtype="X]->() DELETE r //")
    with pytest.raises(ValueError, match="left unbound"):
        cy.bind(cy.READ_FACTS, rtype="LOCATED_IN", start="Company")


def _as_schema_2(path: Path) -> None:
    """Turn a store into one of schema 2 (what main wrote before the name table, the fact counts and the
    ``covered`` markers): those tables and their triggers dropped, user_version 2."""
    import sqlite3

    conn = sqlite3.connect(path)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    for table in ("node_names", "fact_counts", "covered"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()


def _kept(path: Path) -> tuple[dict[str, str], dict[str, int]]:
    """What the triggers keep (node_names, fact_counts) and what they must equal, read from the store."""
    import sqlite3

    conn = sqlite3.connect(path)
    names = dict(conn.execute("SELECT key, name FROM node_names").fetchall())
    counts = {t: n for t, n in conn.execute("SELECT type, n FROM fact_counts").fetchall() if n}
    want_names = dict(conn.execute("SELECT key, json_extract(props, '$.name') FROM nodes "
                                   "WHERE json_type(props, '$.name') = 'text'").fetchall())
    want_counts = dict(conn.execute("SELECT type, count(*) FROM facts GROUP BY type").fetchall())
    conn.close()
    assert names == want_names
    assert counts == want_counts
    return names, counts


def test_schema_2_store_reads_and_upgrades_on_its_first_write(tmp_path: Path) -> None:
    """A store of schema 2 answers queries as it is (names read from the nodes' properties, facts counted) and
    the first write brings it to schema 3; its rows and stats are those of a store made by this version."""
    import sqlite3

    from econgraph.graph.embedded import SCHEMA_VERSION
    from econgraph.queries.runner import run_query

    new, old = tmp_path / "new.sqlite", tmp_path / "old.sqlite"
    with EmbeddedStore(new) as store:
        store.load([facts_a(), facts_b()])
    with EmbeddedStore(old) as store:
        store.load([facts_a()])
    _as_schema_2(old)
    params = {"county": "临清市"}
    with EmbeddedStore(old) as store:
        assert store.stats().total_relationships > 0
        assert run_query(store, "companies-in-county", params).rows
        store.load([facts_b()])  # the first write upgrades
    assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    _kept(old)
    with EmbeddedStore(old) as a, EmbeddedStore(new) as b:
        assert a.stats() == b.stats()
        for name in ("companies-in-county", "county-industries"):
            assert run_query(a, name, params).rows == run_query(b, name, params).rows
    assert snapshot(EmbeddedStore(old)) == snapshot(EmbeddedStore(new))


def test_name_table_and_fact_counts_follow_every_write(tmp_path: Path) -> None:
    """node_names and fact_counts (kept by triggers) equal what the nodes and facts hold after loads, a reload,
    a delete and a clear; stats read the counts."""
    path = tmp_path / "g.sqlite"
    with EmbeddedStore(path) as store:
        store.load([facts_a(), facts_b()])
        _kept(path)
        store.load([facts_a(), facts_a(uid="art-c", source="seeds/c.txt")])
        _kept(path)
        store.delete_articles(["art-b"])
        names, counts = _kept(path)
        assert "Program:" + "链长制" not in names and counts.get("RUNS") is None
        assert store.stats().relationships == counts
        store.clear()
        assert _kept(path) == ({}, {})
        assert store.stats().total_relationships == 0


def test_companies_sorted_by_the_name_table_as_by_their_properties(tmp_path: Path) -> None:
    """The lazily read graph gives a node's name from the name table (``names_of``) as its properties give it,
    for named nodes, unnamed ones and nodes whose properties were read already."""
    path = tmp_path / "g.sqlite"
    with EmbeddedStore(path) as store:
        store.load([facts_a(), facts_b()])
        keys = list(store._parts()._node)
        nodes = store._parts()._node
        nodes[keys[0]]  # one node read whole already
        got = nodes.names_of([*keys, keys[0]])
        assert got == {k: store.graph._node[k].get("name") for k in keys}


def test_covered_marker_spares_the_scan_until_a_company_it_does_not_cover(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Once ``remember_derived`` checked that every stored company has its short forms cached, a page add does not
    scan the companies again (company_claimants); writing a company whose name has none drops the marker."""
    import econgraph.graph.embedded as embedded

    path = tmp_path / "g.sqlite"
    name = "山东中力汽车零部件制造有限公司"
    with EmbeddedStore(path) as store:
        store.load([facts_a()])
        assert store.company_claimants("short-names", "sig", [name], set()) is None  # nothing cached
        store.remember_derived("short-names", "sig", {name: ["中力"]})
        assert store._is_covered("short-names", "sig") and not store._is_covered("short-names", "other")

        def scan(*args: object) -> None:
            raise AssertionError("scanned every company")

        monkeypatch.setattr(embedded, "_uncovered", scan)
        found = store.company_claimants("short-names", "sig", ["中力"], set())
        assert found is not None and [n.uid for n in found] == [n.uid for n in store.iter_nodes()
                                                                if n.label == "Company"]
        store.load([facts_b()])  # the same company again: still covered
        assert store._is_covered("short-names", "sig")
        monkeypatch.undo()
        art = article("art-c", "泓达化工有限公司扩产。", "seeds/c.txt")
        hd = entity("Company", "泓达化工有限公司")
        store.load([ArticleFacts(art, [hd], [mentions(art, hd, "泓达化工有限公司扩产。")])])
        assert not store._is_covered("short-names", "sig")
        assert store.company_claimants("short-names", "sig", ["中力"], set()) is None
        store.remember_derived("short-names", "other", {name: ["中力"], "泓达化工有限公司": ["泓达"]})
        assert store._is_covered("short-names", "other")
        assert not store._is_covered("short-names", "sig")  # values of another signature are gone
