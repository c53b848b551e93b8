"""Every canned query gives the same rows, in the same order, on the embedded store and on Neo4j.

Graphs: the hand-made facts of the store tests, the seed articles built by the real pipeline, and
graphs drawn by hypothesis. Parameters: the defaults, every entity of the graph by name and by
alias, both values of every flag. An error (unknown or ambiguous name) must be the same error.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from econgraph.graph.embedded import EmbeddedStore
from econgraph.graph.model import ArticleFacts
from econgraph.graph.neo4j_store import Neo4jStore
from econgraph.queries.catalog import CATALOG, get_query
from econgraph.queries.runner import run_query
from econgraph.queries.spec import CannedQuery
from factsfactory import article, entity, facts_a, facts_b, rel
from hypothesis import HealthCheck, given, settings
from query_graphs import Pools, graphs, ref_names

from econgraph.config import Neo4jSettings
from econgraph.errors import QueryError, UnknownEntityError

pytestmark = pytest.mark.neo4j


def outcome(store: Any, name: str, params: dict[str, Any]) -> tuple[Any, ...]:
    try:
        result = run_query(store, name, params)
    except UnknownEntityError as exc:
        return ("unknown", exc.name, tuple(sorted(exc.suggestions)))
    except QueryError as exc:
        return ("error", str(exc))
    return ("rows", result.params, result.rows)


# values per scalar type and parameter name ("" = any other name of the type): extraction rules of the
# generated graphs and of the seeds, prefixes of cities and provinces, towns of the town list
SCALAR_VALUES: dict[str, dict[str, list[Any]]] = {
    "text": {"rule": ["gen", "r1", "r2", "same_sentence", "name_place"], "city": ["聊城", "聊城市", "济南市"],
             "province": ["山东", "山东省", "河北省"], "": ["甲", "𠀀", "公司"]},
    "float": {"": [0.0, 0.6, 0.9, 1]},
    "town": {"": ["烟店镇", "烟店", "胡屯镇"]},
}


def param_sets(query: CannedQuery, pools: Pools, budget: int = 12) -> Iterator[dict[str, Any]]:
    """Defaults first, then each parameter varied alone over the graph's entities and the flag values."""
    yield {}
    for p in query.params:
        if p.type == "entity":
            continue
        values: list[Any]
        if p.is_entity:
            values = ref_names(pools, p.labels[0])[:budget]
            if p.default is None:
                values.append("")
        elif p.type == "bool":
            values = [True, False]
        elif p.type == "choice":
            values = list(p.choices)
        elif p.type == "int":
            values = [p.minimum or 1, 3]
        else:
            values = SCALAR_VALUES.get(p.type, {}).get(p.name, SCALAR_VALUES.get(p.type, {}).get("", []))
        for v in values:
            yield {p.name: v}
    if query.param("min_confidence") is not None:  # both relationship filters at once
        yield {"min_confidence": 0.6, "rule": "r1"}
    entity_params = [p.name for p in query.params if p.type == "entity"]
    if entity_params:
        everything = [f"{label}:{name}" for label in ("County", "Company", "Industry", "Program", "Institution")
                      for name in pools.names(label)]
        everything += pools.aliases("Company")[:2]
        combos = itertools.product(everything, repeat=len(entity_params))
        for combo in itertools.islice(combos, budget * 3):
            extra = {"via_articles": True} if "via_articles" in {p.name for p in query.params} else {}
            yield {**dict(zip(entity_params, combo, strict=True))}
            if extra:
                yield {**dict(zip(entity_params, combo, strict=True)), **extra}


def assert_same(embedded: EmbeddedStore, neo4j: Neo4jStore, pools: Pools) -> int:
    compared = 0
    for query in CATALOG.values():
        for params in param_sets(query, pools):
            left, right = outcome(embedded, query.name, params), outcome(neo4j, query.name, params)
            assert left == right, f"{query.name} {params}:\nembedded {left}\nneo4j    {right}"
            compared += 1
    return compared


def neo4j_store(handle: Any) -> Neo4jStore:
    return Neo4jStore(Neo4jSettings(handle.uri, handle.username, handle.password))


@pytest.fixture
def stores(neo4j_clean: Any, tmp_path: Path) -> Iterator[tuple[EmbeddedStore, Neo4jStore]]:
    embedded = EmbeddedStore(tmp_path / "g.econgraph", autosave=False)
    with neo4j_store(neo4j_clean) as neo:
        yield embedded, neo


def load_both(stores: tuple[EmbeddedStore, Neo4jStore], facts: list[ArticleFacts]) -> None:
    for store in stores:
        store.clear()
        store.load(facts)


def pools_of(store: EmbeddedStore) -> Pools:
    from econgraph.graph.model import Node

    pools = Pools()
    for key, attrs in store.graph.nodes(data=True):
        if attrs.get("label") != "Article" and attrs.get("name"):
            props = {k: v for k, v in attrs.items() if k != "label"}
            pools.nodes.setdefault(attrs["label"], []).append(Node(attrs["label"], key.split(":", 1)[1], props))
    for nodes in pools.nodes.values():
        nodes.sort(key=lambda n: n.uid)
    return pools


def test_catalog_has_the_required_queries() -> None:
    assert len(CATALOG) >= 14
    assert next(iter(CATALOG)) == "companies-in-county"
    first = get_query("companies-in-county")
    assert [(p.name, p.type, p.default) for p in first.params][0] == ("county", "county", "临清市")
    for q in CATALOG.values():
        assert q.question_zh and q.question_en and q.columns and q.ordering
        assert "$" in q.cypher or not q.params, q.name
        for p in q.params:  # every parameter reaches Cypher as $name
            assert f"${p.name}" in q.cypher, (q.name, p.name)


def test_hand_made_facts_same_rows(stores: tuple[EmbeddedStore, Neo4jStore]) -> None:
    load_both(stores, [facts_a(), facts_b()])
    embedded, neo = stores
    assert assert_same(embedded, neo, pools_of(embedded)) > 40
    rows = run_query(neo, "companies-in-county", {"county": "临清"}).rows
    assert rows == [{"company": "山东中力汽车零部件制造有限公司", "industries": [],
                     "designations": ["国家级专精特新“小巨人”"], "articles": 2}]


@pytest.fixture(scope="module")
def seed_facts() -> list[ArticleFacts]:
    from econgraph.loaders.aliases import resolve
    from econgraph.loaders.documents import load_articles
    from econgraph.loaders.extract import Extractor

    root = Path(__file__).resolve().parent.parent / "seeds"
    loaded = load_articles([root])
    assert loaded.articles and not loaded.skipped
    extractor = Extractor()
    return resolve([extractor.extract(a) for a in loaded.articles])


def test_seed_graph_same_rows(stores: tuple[EmbeddedStore, Neo4jStore], seed_facts: list[ArticleFacts]) -> None:
    load_both(stores, seed_facts)
    embedded, neo = stores
    assert assert_same(embedded, neo, pools_of(embedded)) > 100
    # the defaults make sense on the seeds: the make-run question and the other county questions answer
    for name in ("companies-in-county", "county-industries", "company-profile", "top-mentioned",
                 "mentions-over-time"):
        assert run_query(embedded, name).rows, name


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(drawn=graphs())
def test_generated_graphs_same_rows(stores: tuple[EmbeddedStore, Neo4jStore],
                                    drawn: tuple[list[ArticleFacts], Pools]) -> None:
    facts, pools = drawn
    load_both(stores, facts)
    assert assert_same(*stores, pools) > 0


def test_county_investors_lists_who_builds_in_the_county(tmp_path: Path) -> None:
    """county-investors: the companies with an INVESTS_IN_COUNTY into the county, with the counties the text ties
    them to (an investor from elsewhere keeps its own county; one tied to none shows an empty list)."""
    text = "甲乙机械有限公司在莘县投资建设新厂。冠县丙丁科技也在莘县投资。"
    art = article("inv-2", text)
    jy = entity("Company", "甲乙机械有限公司")
    bd = entity("Company", "丙丁科技")
    sx = entity("County", "莘县", kind="县", city="聊城市")
    gx = entity("County", "冠县", kind="县", city="聊城市")
    facts = ArticleFacts(art, [jy, bd, sx, gx], [
        rel("INVESTS_IN_COUNTY", jy, sx, art, "甲乙机械有限公司在莘县投资建设新厂。"),
        rel("INVESTS_IN_COUNTY", bd, sx, art, "冠县丙丁科技也在莘县投资。"),
        rel("LOCATED_IN", bd, gx, art, "冠县丙丁科技也在莘县投资。")])
    with EmbeddedStore(tmp_path / "g.econgraph") as store:
        store.load([facts])
        rows = run_query(store, "county-investors", {"county": "莘县"}).rows
        assert run_query(store, "county-investors", {"county": "冠县"}).rows == []
    assert rows == [{"company": "丙丁科技", "home_counties": ["冠县"], "articles": 1},
                    {"company": "甲乙机械有限公司", "home_counties": [], "articles": 1}]


def test_company_profile_lists_the_counties_it_invests_in(tmp_path: Path) -> None:
    """A stake in a company is INVESTS_IN, a project built in a county INVESTS_IN_COUNTY (DESIGN's model: INVESTS_IN
    between companies); the profile lists both, each on its own row."""
    text = "甲乙机械有限公司在莘县投资建设新厂。甲乙机械入股丙丁科技。"
    art = article("inv-1", text)
    jy = entity("Company", "甲乙机械有限公司", aliases=["甲乙机械"])
    bd = entity("Company", "丙丁科技")
    sx = entity("County", "莘县", kind="县", city="聊城市")
    facts = ArticleFacts(art, [jy, bd, sx], [rel("INVESTS_IN_COUNTY", jy, sx, art, "甲乙机械有限公司在莘县投资建设新厂。"),
                                             rel("INVESTS_IN", jy, bd, art, "甲乙机械入股丙丁科技。")])
    with EmbeddedStore(tmp_path / "g.econgraph") as store:
        store.load([facts])
        rows = [r for r in run_query(store, "company-profile", {"company": "甲乙机械"}).rows
                if r["relation"].startswith("invests in")]
    assert [(r["relation"], r["name"], r["detail"], r["evidence"]) for r in rows] == [
        ("invests in", "丙丁科技", None, 1), ("invests in county", "莘县", "县", 1)]
