"""The offline HTML view and the Neo4j Browser helpers, on a small hand-made graph in both stores."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from econgraph.graph.model import ArticleFacts, Evidence, Node, Relationship, entity_uid
from econgraph.loaders.article import Article

from econgraph import neo4j_browser as nb
from econgraph import viz
from econgraph.cli import cli
from econgraph.errors import UnknownEntityError
from econgraph.style import label_styles, parse_grass, style_text

XSS = "</script><b>x</b>"
TEXT_A = "测试精工轴承有限公司位于临清市，主营轴承。测试精工与聊城大学共建实验室。轴承产业属于高端装备。"
TEXT_B = f"示例新材料科技有限公司落户东阿县。示例新材料为测试精工轴承有限公司供货{XSS}。测试精工轴承有限公司扎根临清市。"


def _article(uid: str, text: str, title: str) -> Node:
    return Article(uid=uid, source=f"seeds/{uid}.txt", title=title, text=text, date="2025-04-15",
                   sha256="x" + uid, index=0).to_node()


def _entity(label: str, name: str, **props: object) -> Node:
    return Node(label, entity_uid(name), {"name": name, **props})


def _rel(rtype: str, a: Node, b: Node, art: Node, sentence: str, **props: object) -> Relationship:
    text = str(art.props["text"])
    start = text.index(sentence)
    return Relationship(rtype, a.ref, b.ref, Evidence(art.uid, sentence, start, start + len(sentence),
                                                      f"rule.{rtype.lower()}", 0.9), dict(props))


def make_facts() -> list[ArticleFacts]:
    a = _article("art-a", TEXT_A, "临清轴承产业报道")
    b = _article("art-b", TEXT_B, "东阿新材料报道")
    c1 = _entity("Company", "测试精工轴承有限公司", aliases=["测试精工"])
    c2 = _entity("Company", "示例新材料科技有限公司", aliases=["示例新材料"])
    lq = _entity("County", "临清市", aliases=["临清"], kind="县级市", city="聊城市")
    de = _entity("County", "东阿县", aliases=["东阿"], kind="县", city="聊城市")
    bearing = _entity("Industry", "轴承")
    equip = _entity("Industry", "高端装备")
    uni = _entity("Institution", "聊城大学", kind="大学")
    a1, a2, a3 = "测试精工轴承有限公司位于临清市，主营轴承。", "测试精工与聊城大学共建实验室。", "轴承产业属于高端装备。"
    b1, b2, b3 = "示例新材料科技有限公司落户东阿县。", f"示例新材料为测试精工轴承有限公司供货{XSS}。", "测试精工轴承有限公司扎根临清市。"
    facts_a = ArticleFacts(a, [c1, lq, bearing, equip, uni], [
        _rel("MENTIONS", a, c1, a, a1, count=2, first_offset=0),
        _rel("MENTIONS", a, lq, a, a1, count=1, first_offset=12),
        _rel("LOCATED_IN", c1, lq, a, a1),
        _rel("IN_INDUSTRY", c1, bearing, a, a1),
        _rel("PARTNERS_WITH", c1, uni, a, a2),
        _rel("PART_OF", bearing, equip, a, a3),
    ])
    facts_b = ArticleFacts(b, [c1, c2, lq, de], [
        _rel("MENTIONS", b, c2, b, b1, count=2, first_offset=0),
        _rel("LOCATED_IN", c2, de, b, b1),
        _rel("SUPPLIES", c2, c1, b, b2),
        _rel("LOCATED_IN", c1, lq, b, b3),
    ])
    return [facts_a, facts_b]


@pytest.fixture
def embedded(tmp_path: Path):
    from econgraph.graph.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path / "graph.econgraph")
    store.load(make_facts())
    yield store
    store.close()


@pytest.fixture(scope="module")
def neo4j_store(neo4j_server):
    """Loaded once for the module: the tests here only read."""
    from econgraph.graph.neo4j_store import Neo4jStore

    from econgraph.config import Neo4jSettings

    neo4j_server.wipe()
    store = Neo4jStore(Neo4jSettings(neo4j_server.uri, neo4j_server.username, neo4j_server.password))
    store.load(make_facts())
    yield store
    store.close()


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest):
    return request.getfixturevalue("embedded" if request.param == "embedded" else "neo4j_store")


def _uid_keys(*pairs: tuple[str, str]) -> set[str]:
    return {f"{label}:{entity_uid(name)}" for label, name in pairs}


LQ, C1, C2 = ("County", "临清市"), ("Company", "测试精工轴承有限公司"), ("Company", "示例新材料科技有限公司")
BEARING, EQUIP, UNI, DE = ("Industry", "轴承"), ("Industry", "高端装备"), ("Institution", "聊城大学"), ("County", "东阿县")


# ------------------------------------------------------------------ subgraphs

def test_neighbourhood_grows_with_depth(store) -> None:
    reader = viz.reader_for(store)
    assert set(viz.neighbourhood(reader, "临清市", 0).nodes) == _uid_keys(LQ)
    assert set(viz.neighbourhood(reader, "临清市", 1).nodes) == _uid_keys(LQ, C1)
    assert set(viz.neighbourhood(reader, "临清市", 2).nodes) == _uid_keys(LQ, C1, BEARING, UNI, C2)
    depth3 = viz.neighbourhood(reader, "临清市", 3)
    assert set(depth3.nodes) == _uid_keys(LQ, C1, BEARING, UNI, C2, EQUIP, DE)
    assert {t for (_, _, t) in depth3.edges} == {"LOCATED_IN", "IN_INDUSTRY", "PARTNERS_WITH", "SUPPLIES", "PART_OF"}
    assert depth3.roots == _uid_keys(LQ)


def test_both_stores_draw_the_same_subgraph(embedded, neo4j_store) -> None:
    for name, depth in (("临清", 2), ("示例新材料", 1), ("轴承", 3)):
        a = viz.neighbourhood(viz.reader_for(embedded), name, depth, articles=True)
        b = viz.neighbourhood(viz.reader_for(neo4j_store), name, depth, articles=True)
        assert set(a.nodes) == set(b.nodes)
        assert {k: sorted(json.dumps(ev, sort_keys=True) for ev in e.evidence) for k, e in a.edges.items()} == \
               {k: sorted(json.dumps(ev, sort_keys=True) for ev in e.evidence) for k, e in b.edges.items()}
        assert a.article_titles == b.article_titles
    capped = [viz.neighbourhood(viz.reader_for(s), "临清市", 3, max_nodes=4) for s in (embedded, neo4j_store)]
    assert set(capped[0].nodes) == set(capped[1].nodes) and len(capped[0].nodes) == 4


def test_alias_finds_the_entity_and_evidence_is_merged_per_edge(store) -> None:
    sub = viz.neighbourhood(viz.reader_for(store), "测试精工", 1)
    assert sub.roots == _uid_keys(C1)
    located = sub.edges[(f"Company:{entity_uid(C1[1])}", f"County:{entity_uid('临清市')}", "LOCATED_IN")]
    assert sorted(ev["article"] for ev in located.evidence) == ["art-a", "art-b"]
    assert {ev["sentence"] for ev in located.evidence} == {"测试精工轴承有限公司位于临清市，主营轴承。",
                                                          "测试精工轴承有限公司扎根临清市。"}
    assert sub.article_titles == {"art-a": "临清轴承产业报道", "art-b": "东阿新材料报道"}


def test_articles_only_when_asked(store) -> None:
    reader = viz.reader_for(store)
    without = viz.neighbourhood(reader, "测试精工轴承有限公司", 1)
    assert not any(n.label == "Article" for n in without.nodes.values())
    assert not any(t == "MENTIONS" for (_, _, t) in without.edges)
    with_articles = viz.neighbourhood(reader, "测试精工轴承有限公司", 1, articles=True)
    assert {k for k, n in with_articles.nodes.items() if n.label == "Article"} == {"Article:art-a"}
    assert "text" not in with_articles.nodes["Article:art-a"].props  # bodies stay out of the page


def test_unknown_entity_suggests_names(store) -> None:
    with pytest.raises(UnknownEntityError) as err:
        viz.neighbourhood(viz.reader_for(store), "测试精工轴承", 1)
    assert "测试精工轴承有限公司" in err.value.suggestions


def test_max_nodes_truncates(store) -> None:
    sub = viz.neighbourhood(viz.reader_for(store), "临清市", 3, max_nodes=3)
    assert len(sub.nodes) == 3 and sub.truncated


def test_rows_of_a_canned_query_become_its_subgraph(embedded) -> None:
    from econgraph.queries.catalog import CATALOG

    query = CATALOG["companies-in-county"]
    params = nb.default_params(query)
    rows = query.run_nx(embedded.graph, params)
    assert [r["company"] for r in rows] == ["测试精工轴承有限公司"]
    sub = viz.rows_subgraph(viz.reader_for(embedded), rows, params, title=query.name)
    assert set(sub.nodes) == _uid_keys(LQ, C1, BEARING)
    assert set(sub.edges) == {(f"Company:{entity_uid(C1[1])}", f"County:{entity_uid('临清市')}", "LOCATED_IN"),
                              (f"Company:{entity_uid(C1[1])}", f"Industry:{entity_uid('轴承')}", "IN_INDUSTRY")}
    assert sub.roots == _uid_keys(LQ)


@pytest.mark.neo4j
def test_browser_graph_cypher_draws_what_viz_draws(embedded, neo4j_store) -> None:
    """The guide's graph view of a canned query names the same nodes as ``viz --query``."""
    from econgraph.queries.catalog import CATALOG

    for name in ("companies-in-county", "county-industries", "industry-counties"):
        query = CATALOG[name]
        params = nb.default_params(query)
        expected = viz.rows_subgraph(viz.reader_for(embedded), query.run_nx(embedded.graph, params), params)
        records = neo4j_store.execute(
            nb.graph_cypher(query).replace("RETURN a, r, b", "RETURN labels(a)[0] + ':' + a.uid AS a, "
                                           "type(r) AS r, labels(b)[0] + ':' + b.uid AS b"), params)
        drawn = {r["a"] for r in records} | {r["b"] for r in records if r["b"]}
        assert drawn == set(expected.nodes), name
        assert {(r["a"], r["b"], r["r"]) for r in records if r["r"]} == set(expected.edges), name


# ------------------------------------------------------------------ the page

def _page_data(page: str) -> tuple[list[dict], list[dict]]:
    """The node and edge data pyvis put into the page."""
    nodes = json.loads(re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page).group(1))
    edges = json.loads(re.search(r"edges = new vis\.DataSet\((\[.*?\])\);", page).group(1))
    return nodes, edges


def test_page_is_offline_coloured_by_label_and_carries_evidence(embedded, tmp_path: Path) -> None:
    sub = viz.neighbourhood(viz.reader_for(embedded), "临清市", 3)
    out = viz.write_html(sub, tmp_path / "view.html")
    page = out.read_text(encoding="utf-8")
    assert viz.external_resources(page) == []
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "vis.Network" in page and len(page) > 300_000  # vis-network itself is inline
    nodes, edges = _page_data(page)
    styles = label_styles()
    assert {n["econgraph_label"]: n["color"]["background"] for n in nodes} == {
        label: styles[label].color for label in ("County", "Company", "Industry", "Institution")}
    assert len({n["color"]["background"] for n in nodes}) == 4
    supplies = next(e for e in edges if e["econgraph_type"] == "SUPPLIES")
    assert supplies["econgraph_evidence"][0]["sentence"] == f"示例新材料为测试精工轴承有限公司供货{XSS}。"
    assert supplies["econgraph_evidence"][0]["article_title"] == "东阿新材料报道"
    assert supplies["econgraph_evidence"][0]["rule"] == "rule.supplies"
    assert "东阿新材料报道" in supplies["title"]
    assert XSS not in page  # JSON in the page escapes "<", so a sentence cannot close the script


def test_grass_gives_every_label_a_colour_and_name_caption() -> None:
    rules = parse_grass(style_text())
    from econgraph.graph.schema import LABELS, REL_TYPES

    colours = [rules[f"node.{label}"]["color"] for label in LABELS]
    assert len(set(colours)) == len(LABELS)
    assert all(rules[f"node.{label}"]["caption"] == "{name}" for label in LABELS)
    # one arrow per fact: captioned with how many articles state it (a mention: how often the article names it);
    # region data (PART_OF) by its type
    captions = {t: rules[f"relationship.{t}"]["caption"] for t in REL_TYPES}
    assert captions.pop("PART_OF") == "<type>" and captions.pop("MENTIONS") == "{count}"
    assert set(captions.values()) == {"{articles}"}
    assert "/*" not in style_text()  # Browser's grass parser has no comments


# ------------------------------------------------------------------ CLI

def test_cli_viz_entity_writes_the_page(embedded, tmp_path: Path) -> None:
    out = tmp_path / "out" / "lq.html"
    result = CliRunner().invoke(cli, ["viz", "--entity", "临清", "--depth", "2", "-o", str(out),
                                      "--store", str(embedded.path)])
    assert result.exit_code == 0, result.output
    assert "5 nodes" in result.output
    assert "测试精工轴承有限公司" in {n["label"] for n in _page_data(out.read_text(encoding="utf-8"))[0]}


def test_cli_viz_errors(embedded, tmp_path: Path) -> None:
    runner = CliRunner()
    out = str(tmp_path / "x.html")
    neither = runner.invoke(cli, ["viz", "-o", out, "--store", str(embedded.path)])
    assert neither.exit_code == 2 and "give either --query NAME or --entity NAME" in neither.output
    both = runner.invoke(cli, ["viz", "--query", "q", "--entity", "e", "-o", out, "--store", str(embedded.path)])
    assert both.exit_code == 2
    unknown = runner.invoke(cli, ["viz", "--entity", "测试精工轴承", "-o", out, "--store", str(embedded.path)])
    assert unknown.exit_code != 0
    assert "Error: no entity named '测试精工轴承' (did you mean: 测试精工轴承有限公司" in unknown.output
    empty = runner.invoke(cli, ["viz", "--entity", "临清", "-o", out, "--store", str(tmp_path / "none.econgraph")])
    assert empty.exit_code == 1 and "none.econgraph is empty" in empty.output
    assert not Path(out).exists()


@pytest.mark.neo4j
def test_cli_viz_query_on_neo4j(neo4j_store, neo4j_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in neo4j_server.env().items():
        monkeypatch.setenv(key, value)
    out = tmp_path / "q.html"
    result = CliRunner().invoke(cli, ["viz", "--query", "companies-in-county", "-p", "county=临清",
                                      "-o", str(out), "--neo4j"])
    assert result.exit_code == 0, result.output
    assert "3 nodes" in result.output
    page = out.read_text(encoding="utf-8")
    assert {n["label"] for n in _page_data(page)[0]} == {"临清市", "测试精工轴承有限公司", "轴承"}
    assert viz.external_resources(page) == []


# ------------------------------------------------------------------ Browser helpers

def test_browser_url_from_the_environment() -> None:
    url = nb.browser_url({"NEO4J_URI": "bolt://db.example:7687"})
    assert url == "http://db.example:7474/browser/?dbms=bolt%3A%2F%2Fdb.example%3A7687"
    assert nb.browser_url({"NEO4J_URI": "neo4j+s://db.example"}).startswith("https://db.example:7473/browser/?")
    explicit = nb.browser_url({"NEO4J_URI": "bolt://127.0.0.1:41000", "NEO4J_BROWSER_URL": "http://127.0.0.1:41001"})
    assert explicit == "http://127.0.0.1:41001/browser/?dbms=bolt%3A%2F%2F127.0.0.1%3A41000"
    with pytest.raises(nb.BrowserError):
        nb.browser_url({"NEO4J_URI": "http://wrong"})


def test_cli_browse(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://10.1.2.3:7687")
    monkeypatch.delenv("NEO4J_BROWSER_URL", raising=False)
    result = CliRunner().invoke(cli, ["browse"])
    assert result.exit_code == 0, result.output
    assert "http://10.1.2.3:7474/browser/?dbms=bolt%3A%2F%2F10.1.2.3%3A7687" in result.output
    assert "style.grass" in result.output and ":style" in result.output
    line = CliRunner().invoke(cli, ["browse", "--print-style"]).output.strip().splitlines()[-1]
    assert line.startswith(":style node {")
    assert parse_grass(line[len(":style "):]) == parse_grass(style_text())
    monkeypatch.setenv("NEO4J_URI", "localhost")
    bad = CliRunner().invoke(cli, ["browse"])
    assert bad.exit_code == 1 and bad.output.startswith("Error: NEO4J_URI='localhost'")


def test_asset_server_serves_style_and_guide_to_other_origins() -> None:
    from econgraph.queries.catalog import CATALOG

    with nb.asset_server(port=0) as server:
        with urllib.request.urlopen(server.url("style.grass"), timeout=10) as resp:
            assert resp.headers["Access-Control-Allow-Origin"] == "*"
            assert resp.read().decode("utf-8") == style_text()
        with urllib.request.urlopen(server.url("guide.html"), timeout=10) as resp:
            guide = resp.read().decode("utf-8")
    assert guide.startswith('<article class="guide">')
    assert guide.count("<slide") == len(CATALOG) + 1
    for query in CATALOG.values():
        assert f"<h3>{query.name}</h3>" in guide
    assert f":style {server.url('style.grass')}" in guide
    assert ":param county =&gt; &#x27;临清市&#x27;" in guide
