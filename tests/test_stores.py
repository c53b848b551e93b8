"""Every store behaviour against both stores: the embedded file store and the real Neo4j test server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from econgraph.graph.embedded import EmbeddedStore
from econgraph.graph.model import ArticleFacts, entity_uid
from econgraph.graph.neo4j_store import Neo4jStore
from econgraph.graph.store import GraphStore
from factsfactory import TEXT_A, article, entity, facts_a, facts_b, mentions, rel
from helpers import neo4j_store, snapshot

from econgraph.config import Neo4jSettings
from econgraph.errors import StoreError

BOTH = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(params=BOTH)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    if request.param == "embedded":
        s: GraphStore = EmbeddedStore(tmp_path / "g.econgraph")
    else:
        s = neo4j_store(request.getfixturevalue("neo4j_clean"), batch_size=4)  # several batches per load
    with s:
        yield s


def reopen(store: GraphStore) -> GraphStore:
    """A second handle on the same data (a new process would see this)."""
    if isinstance(store, EmbeddedStore):
        return EmbeddedStore(store.path)
    assert isinstance(store, Neo4jStore)
    return Neo4jStore(store.settings)


def test_load_counts_and_properties(store: GraphStore) -> None:
    store.load([facts_a(), facts_b()])
    stats = store.stats()
    assert stats.nodes == {"Article": 2, "Company": 1, "County": 1, "Program": 2, "Institution": 1}
    assert stats.relationships == {
        "MENTIONS": 7, "LOCATED_IN": 1, "HAS_DESIGNATION": 1, "RUNS": 1, "PARTNERS_WITH": 1,
    }
    assert stats.total_nodes == 7 and stats.total_relationships == 11
    located = [r for r in store.iter_relationships() if r.type == "LOCATED_IN"]
    assert len(located) == 1
    props = located[0].properties
    assert located[0].start == ("Company", entity_uid("山东中力汽车零部件制造有限公司"))
    assert located[0].end == ("County", "临清市")
    assert TEXT_A[props["start"]:props["end"]] == props["sentence"] == "山东中力汽车零部件制造有限公司位于临清市。"
    assert props["article"] == "art-a" and props["rule"] == "test-rule" and props["confidence"] == 0.9
    designation = next(r for r in store.iter_relationships() if r.type == "HAS_DESIGNATION")
    assert designation.properties["year"] == 2024 and designation.properties["level"] == "国家级"


def test_node_merge_rule(store: GraphStore) -> None:
    store.load([facts_a(), facts_b()])
    company = next(n for n in store.iter_nodes() if n.label == "Company")
    assert company.properties["name"] == "山东中力汽车零部件制造有限公司"
    assert company.properties["aliases"] == sorted(["中力", "山东中力", "中力公司"])
    assert company.properties["founded"] == 2008  # a property only the newer article has
    # a longer name wins; the shorter one does not become an alias by itself; newest other value wins
    art = article("art-c", "中色正锐（山东）铜业有限公司。", "seeds/c.txt")
    short = entity("Company", "中色正锐(山东)铜业有限公司", aliases=["中色正锐"], stage="old")
    wide = entity("Company", "中色正锐（山东）铜业有限公司", aliases=["中色正锐(山东)"], stage="new")
    assert short.uid == wide.uid
    store.load([ArticleFacts(art, [short, wide], [mentions(art, wide, "中色正锐（山东）铜业有限公司。")])])
    node = next(n for n in store.iter_nodes() if n.uid == short.uid)
    assert node.properties["name"] == min("中色正锐(山东)铜业有限公司", "中色正锐（山东）铜业有限公司")  # tie
    assert node.properties["aliases"] == ["中色正锐", "中色正锐(山东)"]
    assert node.properties["stage"] == "new"


def test_loading_twice_changes_nothing(store: GraphStore) -> None:
    store.load([facts_a(), facts_b()])
    first = snapshot(store)
    store.load([facts_a(), facts_b()])
    store.load([facts_b()])
    assert snapshot(store) == first
    # the same relationship twice in one article is one relationship
    doubled = facts_a()
    doubled.relationships = doubled.relationships + doubled.relationships
    store.load([doubled, doubled])
    assert snapshot(store) == first


def test_article_replaces_its_own_facts(store: GraphStore) -> None:
    store.load([facts_a(), facts_b()])
    # the same article extracted again without the university: its partnership and mention go,
    # the institution that only it tied to the graph goes, everything of the other article stays
    changed = facts_a()
    changed.nodes = [n for n in changed.nodes if n.label != "Institution"]
    changed.relationships = [r for r in changed.relationships if r.end.label != "Institution"]
    store.load([changed])
    stats = store.stats()
    assert "Institution" not in stats.nodes and "PARTNERS_WITH" not in stats.relationships
    assert stats.relationships["MENTIONS"] == 6
    assert stats.nodes["Company"] == 1 and stats.relationships["HAS_DESIGNATION"] == 1


def test_delete_articles_by_source(store: GraphStore) -> None:
    store.load([facts_a(), facts_b()])
    assert store.article_uids(["seeds/a.txt", "seeds/none.txt"]) == {"seeds/a.txt": {"art-a"}, "seeds/none.txt": set()}
    assert store.delete_articles(["art-b", "art-missing"]) == 1
    stats = store.stats()
    assert stats.nodes == {"Article": 1, "Company": 1, "County": 1, "Institution": 1}
    assert stats.relationships == {"MENTIONS": 3, "LOCATED_IN": 1, "PARTNERS_WITH": 1}
    assert store.article_uids(["seeds/b.txt"]) == {"seeds/b.txt": set()}


def test_clear_and_persistence(store: GraphStore) -> None:
    store.load([facts_a()])
    with reopen(store) as other:
        assert other.stats() == store.stats()
        assert snapshot(other) == snapshot(store)
    store.clear()
    assert store.stats().total_nodes == 0 and store.stats().total_relationships == 0
    with reopen(store) as other:
        assert other.stats().total_nodes == 0


def test_values_with_quotes_and_backslashes_round_trip(store: GraphStore) -> None:
    name = "O'Brien \"引号\" \\ 反斜杠 `x` $p {q}"
    art = article("art-q", f"{name}在临清。\n第二行", "seeds/q.txt")
    odd = entity("Company", name, aliases=["O'B"], note="a\nb\tc")
    store.load([ArticleFacts(art, [odd], [mentions(art, odd, f"{name}在临清。")])])
    node = next(n for n in store.iter_nodes() if n.label == "Company")
    assert node.properties["name"] == name and node.properties["note"] == "a\nb\tc"
    assert next(n for n in store.iter_nodes() if n.label == "Article").properties["text"].endswith("\n第二行")


@pytest.mark.neo4j
def test_both_stores_hold_identical_graphs(tmp_path: Path, neo4j_clean) -> None:
    sequence = [[facts_a(), facts_b()], [facts_a("art-a2")], [facts_b()]]
    with EmbeddedStore(tmp_path / "g.econgraph") as emb, neo4j_store(neo4j_clean, batch_size=3) as neo:
        for facts in sequence:
            emb.load(facts)
            neo.load(facts)
            assert emb.stats() == neo.stats()
            assert snapshot(emb) == snapshot(neo)


@pytest.mark.neo4j
def test_neo4j_constraints_and_execute(neo4j_clean) -> None:
    with neo4j_store(neo4j_clean) as neo:
        rows = neo.execute("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN *")
        unique = {r["labelsOrTypes"][0] for r in rows if r["type"] == "UNIQUENESS" and r["properties"] == ["uid"]}
        assert unique == {"Article", "Company", "County", "Industry", "Program", "Institution"}
        neo.load([facts_a()])
        rows = neo.execute("MATCH (c:Company)-[:LOCATED_IN]->(k:County {name: $county}) RETURN c.name AS name",
                           {"county": "临清市"})
        assert rows == [{"name": "山东中力汽车零部件制造有限公司"}]
        neo.execute("MATCH (c:Company {uid: $uid}) SET c.flag = $flag", {"uid": rows[0]["name"], "flag": 1},
                    write=True)
        assert neo.execute("MATCH (c:Company) RETURN c.flag AS f") == [{"f": 1}]
        with pytest.raises(StoreError, match="query failed"):
            neo.execute("MATCH (n RETURN n")


@pytest.mark.neo4j
def test_neo4j_errors_never_show_the_password(neo4j_server) -> None:
    secret = "s3cret-Pa55"
    bad_auth = Neo4jSettings(neo4j_server.uri, neo4j_server.username, secret)
    with pytest.raises(StoreError) as info:
        Neo4jStore(bad_auth)
    assert secret not in str(info.value) and neo4j_server.uri in str(info.value)
    # a port nothing listens on
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(StoreError, match="cannot connect to Neo4j") as info:
        Neo4jStore(Neo4jSettings(f"bolt://127.0.0.1:{port}", "neo4j", secret))
    assert secret not in str(info.value)
    assert "NEO4J_URI" in str(info.value)


# -- embedded file behaviour -------------------------------------------------------------------


def test_embedded_save_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "g.econgraph"
    with EmbeddedStore(path) as s:
        s.load([facts_a()])
    before = path.read_bytes()

    def crash(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(StoreError, match="cannot write the store"):
        EmbeddedStore(path).load([facts_b()])
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name != ".g.econgraph.lock"] == ["g.econgraph"]  # no temp file left behind
    assert EmbeddedStore(path).stats().nodes["Article"] == 1


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "foreign"])
def test_embedded_refuses_damaged_file(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "g.econgraph"
    EmbeddedStore(path).load([facts_a(), facts_b()])
    raw = path.read_bytes()
    if damage == "truncate":
        raw = raw[: len(raw) - 10]
    elif damage == "flip":
        raw = raw[:-5] + bytes([raw[-5] ^ 0xFF]) + raw[-4:]
    elif damage == "empty":
        raw = b""
    else:
        raw = b'{"nodes": []}'
    path.write_bytes(raw)
    with pytest.raises(StoreError, match=str(path).replace("\\", "\\\\")):
        EmbeddedStore(path)
    assert path.read_bytes() == raw  # never silently overwritten


def test_embedded_graph_layout(tmp_path: Path) -> None:
    s = EmbeddedStore(tmp_path / "g.econgraph")
    facts = facts_a()
    s.load([facts])
    located = next(r for r in facts.relationships if r.type == "LOCATED_IN")
    key = located.start.key()
    assert s.graph.nodes[key]["label"] == "Company" and s.graph.nodes[key]["uid"] == located.start.uid
    edge = s.graph.edges[key, located.end.key(), located.uid]
    assert edge["type"] == "LOCATED_IN" and edge["article"] == "art-a"


def test_relationship_to_unloaded_node_creates_it_bare(store: GraphStore) -> None:
    art = article("art-x", TEXT_A, "seeds/x.txt")
    zl = entity("Company", "山东中力汽车零部件制造有限公司")
    county = entity("County", "临清市")
    store.load([ArticleFacts(art, [zl], [rel("LOCATED_IN", zl, county, art, "山东中力汽车零部件制造有限公司位于临清市。")])])
    bare = next(n for n in store.iter_nodes() if n.label == "County")
    assert bare.properties == {"uid": "临清市"}
