"""Every store behaviour against both stores: the embedded file store and the real Neo4j test server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from econgraph.graph.embedded import EmbeddedStore
from econgraph.graph.facts import evidence_of, fact_uid
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
    [ev] = props["evidence"]
    assert TEXT_A[ev["start"]:ev["end"]] == ev["sentence"] == "山东中力汽车零部件制造有限公司位于临清市。"
    assert ev["article"] == "art-a" and ev["rule"] == "test-rule" and ev["confidence"] == 0.9
    assert props["articles"] == 1 and props["rules"] == ["test-rule"] and props["confidence"] == 0.9
    assert props["first_date"] == props["last_date"] == "2025-04-15"
    designation = next(r for r in store.iter_relationships() if r.type == "HAS_DESIGNATION")
    assert designation.properties["year"] == 2024 and designation.properties["level"] == "国家级"


def test_one_relationship_per_fact(store: GraphStore) -> None:
    """Two articles stating the same fact give one relationship with two pieces of evidence; re-building one
    article replaces exactly its evidence; the fact goes with its last evidence."""
    later = facts_a("art-a2", TEXT_A + "又一句。", "seeds/a2.txt")
    later.article.props["date"] = "2025-06-01"
    store.load([facts_a(), later])
    located = [r for r in store.iter_relationships() if r.type == "LOCATED_IN"]
    assert len(located) == 1
    props = located[0].properties
    assert props["articles"] == 2 and [e["article"] for e in props["evidence"]] == ["art-a", "art-a2"]
    assert (props["first_date"], props["last_date"]) == ("2025-04-15", "2025-06-01")
    assert store.stats().relationships == {"MENTIONS": 6, "LOCATED_IN": 1, "PARTNERS_WITH": 1}
    # art-a2 again without the county: its LOCATED_IN evidence goes, art-a's stays
    changed = facts_a("art-a2", TEXT_A + "又一句。", "seeds/a2.txt")
    changed.relationships = [r for r in changed.relationships if r.type != "LOCATED_IN"]
    store.load([changed])
    props = next(r for r in store.iter_relationships() if r.type == "LOCATED_IN").properties
    assert props["articles"] == 1 and [e["article"] for e in props["evidence"]] == ["art-a"]
    assert props["last_date"] == "2025-04-15"
    # and art-a too: no evidence left, no fact
    bare = facts_a()
    bare.relationships = [r for r in bare.relationships if r.type != "LOCATED_IN"]
    store.load([bare])
    assert "LOCATED_IN" not in store.stats().relationships


def test_region_facts_are_written_once(store: GraphStore) -> None:
    """PART_OF links are region data: one fact without article evidence, kept while an article names the
    industry, gone with the last one (and the parent with it when nothing else holds it)."""
    arts = [article(f"art-t{i}", "轴承属于装备制造。", f"seeds/t{i}.txt") for i in range(3)]
    bearing, equipment = entity("Industry", "轴承"), entity("Industry", "装备制造")
    store.load([ArticleFacts(a, [bearing, equipment], [rel("PART_OF", bearing, equipment, a, "轴承属于装备制造。"),
                                                       mentions(a, bearing, "轴承属于装备制造。")])
                for a in arts])
    [part_of] = [r for r in store.iter_relationships() if r.type == "PART_OF"]
    assert part_of.properties == {"articles": 0, "confidence": 0.9, "region": True, "rules": ["test-rule"],
                                  "uid": part_of.uid, "evidence": []}
    store.delete_articles([a.uid for a in arts[:2]])
    assert store.stats().relationships == {"PART_OF": 1, "MENTIONS": 1}
    other = article("art-e", "装备制造提速。", "seeds/e.txt")
    store.load([ArticleFacts(other, [equipment], [mentions(other, equipment, "装备制造提速。")])])
    store.delete_articles([arts[2].uid])
    assert store.stats().relationships == {"MENTIONS": 1}  # 轴承 and its link went; the parent is still named
    assert store.stats().nodes == {"Article": 1, "Industry": 1}
    store.delete_articles([other.uid])
    assert store.stats().nodes == {} and store.stats().relationships == {}


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


def test_embedded_load_is_one_transaction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A load that fails half-way leaves the store as it was (SQLite rolls the transaction back)."""
    path = tmp_path / "g.econgraph"
    with EmbeddedStore(path) as s:
        s.load([facts_a()])
        before = snapshot(s)
    import econgraph.graph.embedded as embedded

    calls = {"n": 0}
    real = embedded.merge_node_props

    def failing(old, new):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] > 3:
            raise OSError(28, "No space left on device")
        return real(old, new)

    monkeypatch.setattr(embedded, "merge_node_props", failing)
    with EmbeddedStore(path) as s, pytest.raises(OSError):
        s.load([facts_b()])
    monkeypatch.undo()
    with EmbeddedStore(path) as s:
        assert snapshot(s) == before and s.stats().nodes["Article"] == 1


@pytest.mark.parametrize("damage", ["truncate", "header", "empty", "foreign", "other-sqlite"])
def test_embedded_refuses_damaged_file(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "g.econgraph"
    with EmbeddedStore(path) as s:
        s.load([facts_a(), facts_b()])
    raw = path.read_bytes()
    if damage == "truncate":
        raw = raw[: len(raw) - 10]
    elif damage == "header":
        raw = bytes([raw[0] ^ 0xFF]) + raw[1:]
    elif damage == "empty":
        raw = b""
    elif damage == "foreign":
        raw = b'{"nodes": []}'
    else:
        import sqlite3

        path.unlink()
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA application_id = 1234")
            conn.execute("CREATE TABLE t(x)")
        raw = path.read_bytes()
    path.write_bytes(raw)
    with pytest.raises(StoreError, match=str(path).replace("\\", "\\\\")):
        EmbeddedStore(path)
    assert path.read_bytes() == raw  # never silently overwritten


def test_embedded_old_format_names_the_command_that_converts_it(tmp_path: Path) -> None:
    old = tmp_path / "graph.econgraph"
    old.write_bytes(b"ECONGRAPH-STORE\n{}\n")
    with pytest.raises(StoreError) as info:
        EmbeddedStore(old)
    message = str(info.value)
    assert "old format" in message and f"econgraph store convert {old}" in message and "\n" not in message


def test_embedded_graph_layout(tmp_path: Path) -> None:
    s = EmbeddedStore(tmp_path / "g.econgraph")
    facts = facts_a()
    s.load([facts])
    located = next(r for r in facts.relationships if r.type == "LOCATED_IN")
    key = located.start.key()
    assert s.graph.nodes[key]["label"] == "Company" and s.graph.nodes[key]["uid"] == located.start.uid
    edge = s.graph.edges[key, located.end.key(), fact_uid("LOCATED_IN", key, located.end.key())]
    assert edge["type"] == "LOCATED_IN" and edge["articles"] == 1
    assert [e["article"] for e in evidence_of(s.graph, edge)] == ["art-a"]


def test_relationship_to_unloaded_node_creates_it_bare(store: GraphStore) -> None:
    art = article("art-x", TEXT_A, "seeds/x.txt")
    zl = entity("Company", "山东中力汽车零部件制造有限公司")
    county = entity("County", "临清市")
    store.load([ArticleFacts(art, [zl], [rel("LOCATED_IN", zl, county, art, "山东中力汽车零部件制造有限公司位于临清市。")])])
    bare = next(n for n in store.iter_nodes() if n.label == "County")
    assert bare.properties == {"uid": "临清市"}


def _sentence_facts(uid: str, text: str, sentence: str, spoken: str | None = None) -> ArticleFacts:
    """An invented company in an invented county, stated by ``sentence`` of ``text``; ``spoken``: the evidence's
    sentence when it is not the text's slice (evidence from another source, edited by hand)."""
    from econgraph.graph.model import Evidence, Relationship

    art = article(uid, text, f"seeds/{uid}.txt")
    firm = entity("Company", "𠮷星精工有限公司", aliases=["𠮷星"])
    county = entity("County", "临清市", aliases=["临清"], kind="县级市", city="聊城市")
    start = text.index(sentence)
    ev = Evidence(uid, spoken or sentence, start, start + len(sentence), "test-rule", 0.9)
    return ArticleFacts(art, [firm, county], [mentions(art, firm, sentence),
                                              Relationship("LOCATED_IN", firm.ref, county.ref, ev)])


@pytest.mark.neo4j
def test_sentences_the_articles_hold_are_not_kept_twice(tmp_path: Path, neo4j_clean) -> None:
    """Neo4j keeps no ``ev_sentence`` when every sentence is its article's ``text[start:end]`` (offsets in code
    points: characters outside the BMP before and inside the sentence), and the whole list when one is not; every
    reader gives what the embedded store gives, through loads, reloads and deletes."""
    from econgraph.queries.runner import run_query

    text_x = "𠮷𠮷开头。𠮷星精工有限公司位于烟店镇。结尾。"
    text_y = "另一篇。𠮷星精工有限公司落户临清市。"
    sequence: list[list[ArticleFacts] | str] = [
        [_sentence_facts("art-x", text_x, "𠮷星精工有限公司位于烟店镇。")],
        # the same fact from an article whose sentence is not its slice: both sentences kept
        [_sentence_facts("art-y", text_y, "𠮷星精工有限公司落户临清市。", spoken="𠮷星精工在临清。")],
        [_sentence_facts("art-y", text_y, "𠮷星精工有限公司落户临清市。")],  # re-built, now a slice
        [_sentence_facts("art-x", text_x, "𠮷星精工有限公司位于烟店镇。", spoken="改写过的句子。")],
        "delete art-x",
        [_sentence_facts("art-x", text_x, "𠮷星精工有限公司位于烟店镇。")],
    ]
    kept: list[bool] = []
    with EmbeddedStore(tmp_path / "g.econgraph") as emb, neo4j_store(neo4j_clean, batch_size=3) as neo:
        for step in sequence:
            for s in (emb, neo):
                if isinstance(step, str):
                    s.delete_articles([step.split()[-1]])
                else:
                    s.load(step)
            assert snapshot(emb) == snapshot(neo)
            for name, params in (("relation-evidence", {"company": "𠮷星精工有限公司"}),
                                 ("entity-evidence", {"entity": "County:临清市"}),
                                 ("town-companies", {"town": "烟店镇"})):
                assert run_query(emb, name, params).rows == run_query(neo, name, params).rows, (step, name)
            [fact] = neo.execute("MATCH ()-[r:LOCATED_IN]->() RETURN r.ev_sentence AS s")
            kept.append(fact["s"] is not None)
        located = next(r for r in neo.iter_relationships() if r.type == "LOCATED_IN")
        assert [e["sentence"] for e in located.properties["evidence"]] == ["𠮷星精工有限公司位于烟店镇。",
                                                                           "𠮷星精工有限公司落户临清市。"]
        mention = next(r for r in neo.iter_relationships() if r.type == "MENTIONS")
        assert "ev_sentence" not in neo.execute("MATCH ()-[r:MENTIONS]->() RETURN properties(r) AS p")[0]["p"]
        assert mention.properties["evidence"][0]["sentence"].startswith("𠮷星")
    # a kept list stays until the evidence it was kept for is gone and the fact is stated afresh (never, with
    # the extractor: its sentences always are slices)
    assert kept == [False, True, True, True, True, True]
