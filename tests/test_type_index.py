"""The embedded store's type index (graph/type_index.py) mirrors the graph, and never outlives a change.

The queries read the embedded graph only through this index: a stale index would give wrong rows
without an error, so every change the store makes must drop it.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from econgraph.graph.embedded import EmbeddedStore
from econgraph.graph.model import ArticleFacts
from econgraph.graph.type_index import invalidate, type_index
from econgraph.queries.catalog import CATALOG
from econgraph.queries.runner import run_query
from factsfactory import facts_a, facts_b
from hypothesis import HealthCheck, given, settings
from query_graphs import Pools, graphs


def brute_force(store: EmbeddedStore) -> tuple[dict[Any, Any], dict[Any, Any]]:
    """(start, type) -> {end: edge uids} and (end, type) -> {start: edge uids}, read from networkx."""
    out: dict[Any, Any] = defaultdict(lambda: defaultdict(set))
    inn: dict[Any, Any] = defaultdict(lambda: defaultdict(set))
    for start, end, key, rtype in store.graph.edges(keys=True, data="type"):
        out[(start, rtype)][end].add(key)
        inn[(end, rtype)][start].add(key)
    return out, inn


def assert_mirrors(store: EmbeddedStore) -> None:
    index = type_index(store.graph)
    out, inn = brute_force(store)
    got_out = {(k, t): {e: {a["uid"] for a in edges} for e, edges in far.items()}
               for k in store.graph for t, far in index.out_types(k).items()}
    got_in = {(k, t): {s: {a["uid"] for a in edges} for s, edges in near.items()}
              for k in store.graph for t, near in index.in_types(k).items()}
    assert got_out == {k: dict(v) for k, v in out.items()}
    assert got_in == {k: dict(v) for k, v in inn.items()}
    by_label: dict[str, list[str]] = defaultdict(list)
    for key, label in store.graph.nodes(data="label"):
        by_label[label].append(key)
    assert index.by_label == dict(by_label)
    starts = sorted((t, s) for t, keys in index.starts.items() for s in keys)
    assert starts == sorted((t, s) for (s, t) in out)  # each (node, type) once


def every_query(store: EmbeddedStore) -> dict[str, Any]:
    """Default rows of every canned query (what a stale index would get wrong)."""
    found: dict[str, Any] = {}
    for name in CATALOG:
        try:
            found[name] = run_query(store, name).rows
        except Exception as exc:  # noqa: BLE001 - the same error on both sides is part of the comparison
            found[name] = repr(exc)
    return found


def rebuilt(store: EmbeddedStore) -> dict[str, Any]:
    """The same rows from an index built from scratch."""
    invalidate(store.graph)
    return every_query(store)


def fresh(tmp_path: Path, name: str, facts: list[ArticleFacts]) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / name, autosave=False)
    store.load(facts)
    return store


def test_index_mirrors_the_graph(tmp_path: Path) -> None:
    store = fresh(tmp_path, "g", [facts_a(), facts_b()])
    assert_mirrors(store)
    assert type_index(store.graph) is type_index(store.graph)  # built once, then reused


def test_load_and_delete_drop_the_index(tmp_path: Path) -> None:
    store = fresh(tmp_path, "g", [facts_a()])
    only_a = every_query(store)
    first = type_index(store.graph)
    store.load([facts_b()])
    assert type_index(store.graph) is not first
    assert_mirrors(store)
    assert every_query(store) == every_query(fresh(tmp_path, "ab", [facts_a(), facts_b()]))
    store.delete_articles(["art-b"])
    after_delete = every_query(store)
    assert after_delete == rebuilt(store)
    assert after_delete != every_query(fresh(tmp_path, "ab2", [facts_a(), facts_b()]))
    assert after_delete["companies-in-county"] == only_a["companies-in-county"]
    assert_mirrors(store)
    store.clear()
    assert type_index(store.graph).by_label == {} and type_index(store.graph).starts == {}


def test_reloading_an_article_with_other_facts(tmp_path: Path) -> None:
    """The article's facts are replaced in place: the index must follow."""
    store = fresh(tmp_path, "g", [facts_a()])
    before = every_query(store)
    store.load([facts_b(uid="art-a")])
    assert_mirrors(store)
    after = every_query(store)
    assert after == rebuilt(store)
    assert after != before


def test_same_counts_other_edges(tmp_path: Path) -> None:
    """A reload that drops one tie keeps every node: only the store's invalidation can notice."""
    store = fresh(tmp_path, "g", [facts_a()])
    before = every_query(store)
    whole = facts_a()
    kept = [r for r in whole.relationships if r.type != "LOCATED_IN"]
    assert len(kept) == len(whole.relationships) - 1
    nodes = store.graph.number_of_nodes()
    store.load([ArticleFacts(whole.article, whole.nodes, kept)])
    assert store.graph.number_of_nodes() == nodes
    after = every_query(store)
    assert after["companies-in-county"] == [] != before["companies-in-county"]
    assert after == rebuilt(store)
    assert_mirrors(store)


def test_invalidate_after_an_outside_change(tmp_path: Path) -> None:
    store = fresh(tmp_path, "g", [facts_a(), facts_b()])
    type_index(store.graph)
    start, end, key, attrs = next(iter(store.graph.edges(keys=True, data=True)))
    store.graph.remove_edge(start, end, key=key)
    invalidate(store.graph)
    assert_mirrors(store)
    store.graph.add_edge(start, end, key=key, **attrs)
    invalidate(store.graph)
    assert_mirrors(store)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(drawn=graphs())
def test_index_mirrors_generated_graphs(tmp_path: Path, drawn: tuple[list[ArticleFacts], Pools]) -> None:
    facts, _ = drawn
    store = EmbeddedStore(tmp_path / "h", autosave=False)
    store.load(facts)
    assert_mirrors(store)
    half = facts[: len(facts) // 2]
    store.delete_articles([f.article.uid for f in facts[len(facts) // 2:]])
    assert_mirrors(store)
    store.load(half)
    assert_mirrors(store)
