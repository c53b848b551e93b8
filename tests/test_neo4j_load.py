"""The batched Neo4j loader's shortcuts against the contract, on the real test server.

Why: the loader replaces an article's evidence inside facts that other articles share, and settles the
node merge rule in Cypher when plain equality decides it (Python otherwise). These tests load
tricky sequences in many batchings and compare with the embedded store, which applies the rule
one node at a time, and count stored relationships per fact to prove reloads never duplicate.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from bench_neo4j_load import synthetic_graph
from econgraph.graph.embedded import EmbeddedStore
from econgraph.graph.facts import fact_uid
from econgraph.graph.model import ArticleFacts, Evidence, Node, Relationship
from econgraph.graph.neo4j_store import Neo4jStore
from econgraph.graph.store import GraphStore
from factsfactory import article, facts_a, facts_b, mentions

from econgraph.config import Neo4jSettings

pytestmark = pytest.mark.neo4j


NAMES = ["甲", "乙", "甲乙", "乙甲", "甲乙丙", ""]


def _neo4j(handle, batch_size: int, writers: int = 2) -> Neo4jStore:
    return Neo4jStore(Neo4jSettings(handle.uri, handle.username, handle.password), batch_size=batch_size,
                      writers=writers)


def _nodes(store: GraphStore) -> list:
    return sorted((n.label, n.uid, sorted(n.properties.items())) for n in store.iter_nodes())


def _rels(store: GraphStore) -> list:
    return sorted((r.uid, r.type, r.start, r.end, sorted(r.properties.items())) for r in store.iter_relationships())


def _version(rng: random.Random, uid: str, step: int) -> Node:
    props: dict[str, object] = {"step": step}
    if rng.random() < 0.85:
        props["name"] = rng.choice(NAMES)
    if rng.random() < 0.7:
        props["aliases"] = rng.sample(NAMES, rng.randint(0, 3))
    if rng.random() < 0.3:
        props["kind"] = rng.choice(["a", "b"])
    return Node("Company", uid, props)


def _random_facts(rng: random.Random, n_articles: int) -> list[ArticleFacts]:
    out = []
    for a in range(n_articles):
        art = article(f"r{a}", "甲乙丙。", source=f"seeds/r{a}.txt")
        versions = [_version(rng, f"co{rng.randint(0, 2)}", a * 10 + i) for i in range(rng.randint(1, 4))]
        rels = [mentions(art, node, "甲乙丙。") for node in versions]
        out.append(ArticleFacts(art, versions, rels))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_merge_rule_matches_embedded_store_in_any_batching(tmp_path: Path, neo4j_clean, seed: int) -> None:
    rng = random.Random(seed)
    facts = _random_facts(rng, 24)
    loads = [facts[:6], facts[6:15], facts[3:9], facts[15:], facts[20:22]]  # reloads replace articles
    batch = rng.choice([1, 3, 7])
    writers = seed  # 1, 2 and 3 relationship transactions in flight
    with EmbeddedStore(tmp_path / "g.econgraph") as emb, _neo4j(neo4j_clean, batch, writers) as neo:
        for part in loads:
            emb.load(part)
            neo.load(part)
            assert _nodes(neo) == _nodes(emb), f"seed {seed}, batch size {batch}, writers {writers}"
        assert _rels(neo) == _rels(emb)


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_nodes_recurring_across_batches_are_skipped_only_when_merging_changes_nothing(
        tmp_path: Path, neo4j_clean, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # few versions per company, so most batches repeat a version an earlier batch wrote (skipped),
    # and some bring a longer name or a new alias (merged as the rule says)
    import econgraph.graph.neo4j_store as store_module

    rng = random.Random(seed)
    pool = {f"co{i}": [_version(rng, f"co{i}", 0) for _ in range(3)] for i in range(4)}
    for versions in pool.values():
        for node in versions:
            node.props.pop("step")
    facts = []
    for a in range(30):
        art = article(f"v{a}", "甲乙丙。", source=f"seeds/v{a}.txt")
        nodes = [Node("Company", uid, dict(rng.choice(versions).props)) for uid, versions in pool.items()
                 if rng.random() < 0.6]
        facts.append(ArticleFacts(art, nodes, [mentions(art, node, "甲乙丙。") for node in nodes]))
    skipped: list[int] = []
    real = store_module._reuse
    monkeypatch.setattr(store_module, "_reuse", lambda batch, known: skipped.append(len(ids := real(batch, known)))
                        or ids)
    with EmbeddedStore(tmp_path / "g.econgraph") as emb, _neo4j(neo4j_clean, batch_size=8) as neo:
        for part in (facts[:20], facts[10:]):
            emb.load(part)
            neo.load(part)
            assert _nodes(neo) == _nodes(emb), f"seed {seed}"
        assert _rels(neo) == _rels(emb)
    assert sum(skipped) > 0, "no recurring node was skipped"


def test_alias_equal_to_an_earlier_name_in_the_same_batch(tmp_path: Path, neo4j_clean) -> None:
    # the batch's own fold drops alias "乙" (a name on the way) and ends with the stored name; folded
    # onto the stored node, as the rule says, "乙" stays an alias
    art1, art2 = article("m1", "甲乙丙。", "seeds/m1.txt"), article("m2", "甲乙丙。", "seeds/m2.txt")
    stored = Node("Company", "co", {"name": "甲乙丙", "aliases": []})
    first = Node("Company", "co", {"name": "乙", "aliases": ["乙"]})
    second = Node("Company", "co", {"name": "甲乙丙"})
    facts = [ArticleFacts(art1, [stored], [mentions(art1, stored, "甲乙丙。")]),
             ArticleFacts(art2, [first, second], [mentions(art2, first, "甲乙丙。")])]
    with EmbeddedStore(tmp_path / "g.econgraph") as emb, _neo4j(neo4j_clean, batch_size=1) as neo:
        for store in (emb, neo):
            store.load(facts[:1])
            store.load(facts[1:])
        assert _nodes(neo) == _nodes(emb)
        company = next(n for n in neo.iter_nodes() if n.label == "Company")
        assert company.properties["name"] == "甲乙丙" and company.properties["aliases"] == ["乙"]


def _copies_per_uid(store: Neo4jStore) -> tuple[int, int]:
    """Relationships, and distinct (type, start, end): what a fact's uid hashes."""
    row = store.execute("MATCH (a)-[r]->(b) RETURN count(r) AS n, "
                        "count(DISTINCT [type(r), elementId(a), elementId(b)]) AS distinct")[0]
    return row["n"], row["distinct"]


@pytest.mark.parametrize("batch_size", [1, 4, 10_000])
def test_created_relationships_are_never_duplicated(neo4j_clean, batch_size: int) -> None:
    doubled = facts_a()
    doubled.relationships = doubled.relationships * 3
    with _neo4j(neo4j_clean, batch_size=batch_size) as neo:
        neo.load([doubled, facts_b(), doubled])
        n, distinct = _copies_per_uid(neo)
        assert n == distinct == 11
        before = _rels(neo)
        for _ in range(2):
            neo.load([facts_b(), facts_a()])
            neo.load([facts_a()])
        assert _copies_per_uid(neo) == (11, 11)
        assert _rels(neo) == before


def test_evidence_from_another_article_is_merged_not_created(neo4j_clean) -> None:
    # outside the contract (facts should carry only their article's evidence) but still no duplicates
    art = article("art-x", "甲乙丙。", "seeds/x.txt")
    other = article("art-y", "甲乙丙。", "seeds/y.txt")
    company = Node("Company", "co", {"name": "甲乙丙"})
    foreign = Relationship("MENTIONS", other.ref, company.ref, Evidence(other.uid, "甲乙丙。", 0, 4, "test", 0.5))
    facts = ArticleFacts(art, [company], [mentions(art, company, "甲乙丙。"), foreign])
    with _neo4j(neo4j_clean, batch_size=10) as neo:
        for _ in range(3):
            neo.load([facts])
        assert _copies_per_uid(neo) == (2, 2)
        assert neo.stats().nodes == {"Article": 2, "Company": 1}


def _ids_by_uid(store: Neo4jStore) -> dict[str, str]:
    rows = store.execute("MATCH (a)-[r]->(b) RETURN type(r) AS type, labels(a)[0] + ':' + a.uid AS start, "
                         "labels(b)[0] + ':' + b.uid AS end, elementId(r) AS id")
    return {fact_uid(row["type"], row["start"], row["end"]): row["id"] for row in rows}


def _fact(rel: Relationship) -> str:
    return fact_uid(rel.type, rel.start.key(), rel.end.key())


def test_reload_keeps_facts_and_replaces_their_evidence(tmp_path: Path, neo4j_clean) -> None:
    a, b = facts_a(), facts_b()
    with EmbeddedStore(tmp_path / "g.econgraph") as emb, _neo4j(neo4j_clean, batch_size=4) as neo:
        for store in (emb, neo):
            store.load([a, b])
        before = _ids_by_uid(neo)
        changed = facts_a()
        target = changed.relationships[1]
        target.evidence = Evidence(target.evidence.article, target.evidence.sentence, target.evidence.start,
                                   target.evidence.end, "another-rule", 0.25)
        dropped = changed.relationships.pop(2)
        for store in (emb, neo):
            store.load([changed, facts_b()])
        after = _ids_by_uid(neo)
        assert _rels(neo) == _rels(emb) and _nodes(neo) == _nodes(emb)
        assert _fact(dropped) not in after
        [changed_fact] = [r for r in neo.iter_relationships() if r.uid == _fact(target)]
        assert [e["rule"] for e in changed_fact.properties["evidence"]] == ["another-rule"]
        same = set(before) - {_fact(dropped)}
        assert same and all(after[uid] == before[uid] for uid in same), "a fact is kept, not created again"
        assert _copies_per_uid(neo)[0] == _copies_per_uid(neo)[1] == len(after)


@pytest.mark.parametrize("writers", [1, 2, 4])
def test_concurrent_relationship_transactions_lose_and_duplicate_nothing(tmp_path: Path, neo4j_clean,
                                                                          writers: int) -> None:
    # every batch shares the same few counties, industries and programs: the relationship
    # transactions in flight together lock the same dense nodes
    facts = synthetic_graph(240, seed=writers)
    changed = synthetic_graph(240, seed=writers + 10)[:80]  # new facts for the first 80 articles
    with EmbeddedStore(tmp_path / "g.econgraph") as emb, _neo4j(neo4j_clean, 300, writers) as neo:
        for part in (facts, changed, facts[40:120]):
            emb.load(part)
            neo.load(part)
            assert _copies_per_uid(neo)[0] == _copies_per_uid(neo)[1] == emb.stats().total_relationships
        assert _nodes(neo) == _nodes(emb)
        assert _rels(neo) == _rels(emb)
