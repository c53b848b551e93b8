"""Issue 19, what an analyst asks and trips over: the new canned queries on the seed graph, the relationship
filters, close-only suggestions, a generic alias refused, the build's unchanged count, tables (plain when
not a terminal, rich on one), Browser's port and the guide's aliases, `make neo4j` on a busy port.

Parity of the new queries with Neo4j is in tests/test_queries.py (every catalog query, every store).
"""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path
from typing import Any

import pytest
from econgraph.graph.embedded import EmbeddedStore
from econgraph.queries.runner import run_query
from helpers import invoke, one_line_error

from econgraph.errors import QueryError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ZHONGLI = "山东中力汽车零部件制造有限公司"


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("analyst") / "seeds.econgraph"
    first = invoke("build", str(SEEDS), "--store", str(path))
    assert first.exit_code == 0, first.output
    assert first.output.splitlines()[1] == "Articles: 0 unchanged, 46 new or edited"
    return path


@pytest.fixture
def store(seeds_store: Path) -> EmbeddedStore:
    return EmbeddedStore(seeds_store)


def rows(store: EmbeddedStore, name: str, **params: Any) -> list[dict[str, Any]]:
    return run_query(store, name, params).rows


# ------------------------------------------------------------------ the new canned queries


def test_industry_companies_by_any_name_with_sub_industries(store: EmbeddedStore) -> None:
    bearings = rows(store, "industry-companies")  # default 轴承
    assert {"county": "东阿县", "company": "山东东阿钢球集团有限公司", "industries": ["轴承"], "articles": 1} in bearings
    assert {"county": "临清市", "company": ZHONGLI, "industries": ["轴承"], "articles": 1} in bearings
    counties = [r["county"] for r in bearings]  # a company with no county (a foreign customer) sorts last
    assert counties == sorted(counties, key=lambda k: (k is None, k or ""))
    # a parent industry lists the companies of its children, each with the sub-industry it is tied to
    equipment = rows(store, "industry-companies", industry="装备制造")
    assert {"county": "临清市", "company": "临清市科迈机床科技有限公司", "industries": ["高端数控机床"],
            "articles": 1} in equipment
    assert rows(store, "industry-companies", industry="轴承", county="东阿") == [
        {"county": "东阿县", "company": "山东东阿钢球集团有限公司", "industries": ["轴承"], "articles": 1}]


def test_industry_companies_cli_table_is_plain_when_piped(seeds_store: Path) -> None:
    result = invoke("query", "run", "industry-companies", "-p", "county=东阿", "--store", str(seeds_store))
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.output  # no ANSI when stdout is not a terminal
    lines = result.output.splitlines()
    assert lines[0].split() == ["county", "company", "industries", "articles"]
    assert set(lines[1]) <= {"-", " "}


def test_county_compare_side_by_side(store: EmbeddedStore) -> None:
    compared = rows(store, "county-compare", county="临清", other="东阿")
    assert [r["county"] for r in compared] == ["临清市", "东阿县"]
    # industries 8: 制造业 in 鲁西制造业版图 qualifies 版图, no industry of 临清市 (relations._modifies_noun), and
    # 支持制造业向高端…发展 names a sector of the whole economy, no county industry (has_industry_broad_sector);
    # designations 4: a project 列入…项目计划 (a list its company is put on) counts;
    # industries 10 (hasind17): in a sentence naming a company only in an earlier clause, the county named before an
    # industry list with no company between them has the list's fields
    assert compared[0] == {"county": "临清市", "city": "聊城市", "companies": 11, "industries": 10,
                           "designations": 4, "designated": 3, "programs": 5, "institutions": 0, "articles": 8}
    assert compared[1]["companies"] == 6 and compared[1]["designated"] == 2
    swapped = rows(store, "county-compare", county="东阿", other="临清")
    assert swapped == compared[::-1]
    with pytest.raises(QueryError, match="county and other name the same county"):
        rows(store, "county-compare", county="临清", other="临清市")


def test_prefecture_totals(store: EmbeddedStore) -> None:
    totals = rows(store, "prefecture-totals")
    # industries 29: OPC产业 (an uppercase Latin token before 产业 is an industry word, classes.latin_industry_token);
    # 制造业 is a sector of the whole economy, no county's industry (relations.has_industry_broad_sector)
    # companies 28: a 、-list item beside a found 合作社 that ends at 等 (X北沙参等3家…基地; optional in the gold)
    # industries 30 (hasind17): a county before an industry list with no company between them owns it (畜牧业)
    # programs 18 (runs19): quoted labels before 模式 / 战略 (“X”模式, “X”战略) name programs the counties run
    liaocheng = {"city": "聊城市", "counties": 11, "companies": 28, "industries": 30, "designations": 6,
                 "designated": 8, "programs": 18, "institutions": 0, "articles": 34}  # 高效办成一件事: the province's
    assert totals[0] == liaocheng  # most companies first; counties of other prefectures the news names follow
    assert [r["companies"] for r in totals] == sorted((r["companies"] for r in totals), reverse=True)
    assert rows(store, "prefecture-totals", city="聊城") == [liaocheng]
    assert rows(store, "prefecture-totals", city="北京") == []
    by_county = [run_query(store, "county-compare", {"county": k, "other": "临清市" if k != "临清市" else "东阿县"})
                 .rows[0]["companies"] for k in ("临清市", "东阿县")]
    assert totals[0]["companies"] >= max(by_county)


def test_town_companies(store: EmbeddedStore, seeds_store: Path) -> None:
    # rows: tests below on hand-made towns (the seeds' LOCATED_IN sentences name no town today)
    assert run_query(store, "town-companies", {"town": "烟店"}).params["town"] == "烟店镇"
    assert run_query(store, "town-companies", {"town": "烟店镇"}).params["town_county"] == "临清市"
    assert rows(store, "town-companies", town="胡屯镇") == []  # in the list, no company there
    line = one_line_error(invoke("query", "run", "town-companies", "-p", "town=烟殿镇", "--store", str(seeds_store)))
    assert line == "Error: no town named '烟殿镇' in the town list (did you mean: 烟店镇)"  # a homophone
    line = one_line_error(invoke("query", "run", "town-companies", "-p", "town=烟庄镇", "--store", str(seeds_store)))
    assert line == "Error: no town named '烟庄镇' in the town list (did you mean: 烟庄街道)"
    line = one_line_error(invoke("query", "run", "town-companies", "-p", "town=火星镇", "--store", str(seeds_store)))
    assert line == "Error: no town named '火星镇' in the town list (towns are listed in towns.tsv)"


def test_entity_search(store: EmbeddedStore) -> None:
    found = rows(store, "entity-search", text="轴承")
    assert found[:3] == [{"label": "Industry", "name": "轴承", "aliases": [], "articles": 7},  # exact
                         {"label": "Industry", "name": "轴承制造", "aliases": [], "articles": 1},  # prefix
                         {"label": "Industry", "name": "高端轴承", "aliases": [], "articles": 2}]  # inside
    assert all("轴承" in r["name"] or any("轴承" in a for a in r["aliases"]) for r in found)
    companies = rows(store, "entity-search", text="临清", label="Company")
    assert companies and {r["label"] for r in companies} == {"Company"}
    assert rows(store, "entity-search", text="临清", label="County")[0]["name"] == "临清市"
    assert rows(store, "entity-search", text="不存在的名字") == []


# ------------------------------------------------------------------ relationship filters


def test_min_confidence_and_rule_filter_relationships(store: EmbeddedStore, seeds_store: Path) -> None:
    every = rows(store, "relation-evidence", company=ZHONGLI)
    confident = rows(store, "relation-evidence", company=ZHONGLI, min_confidence=0.7)
    assert confident and len(confident) < len(every)
    assert all(r["confidence"] >= 0.7 for r in confident)
    rule = confident[0]["rule"]
    assert {r["rule"] for r in rows(store, "relation-evidence", company=ZHONGLI, rule=rule)} == {rule}
    assert len(rows(store, "industry-companies", industry="装备制造", min_confidence=0.8)) < len(
        rows(store, "industry-companies", industry="装备制造"))
    # the CLI options are the same parameters
    store_opt = ("--store", str(seeds_store))
    cli_rows = json.loads(invoke("query", "run", "relation-evidence", "-p", f"company={ZHONGLI}",
                                 "--min-confidence", "0.7", "--format", "json", *store_opt).stdout)
    assert cli_rows == confident
    line = one_line_error(invoke("query", "run", "county-industries", "--min-confidence", "0.8", *store_opt))
    assert line.startswith("Error: query county-industries returns no relationships: --min-confidence does not "
                           "apply (queries that take it: designation-companies, university-links, chain-leaders")
    line = one_line_error(invoke("query", "run", "relation-evidence", "--min-confidence", "0.8", "-p",
                                 "min_confidence=0.5", *store_opt))
    assert line == "Error: --min-confidence and -p min_confidence= both given: give it once"
    line = one_line_error(invoke("query", "run", "relation-evidence", "-p", "min_confidence=high", *store_opt))
    assert line == "Error: parameter min_confidence: expected a number, got 'high'"
    bad = invoke("query", "run", "relation-evidence", "--min-confidence", "2", *store_opt)
    assert bad.exit_code == 2 and "2.0 is not in the range 0<=x<=1" in bad.output


def test_every_relationship_query_takes_the_filters() -> None:
    from econgraph.queries.catalog import CATALOG

    takers = {q.name for q in CATALOG.values() if q.param("min_confidence") and q.param("rule")}
    assert takers == {"designation-companies", "university-links", "chain-leaders", "outside-investors",
                      "relation-evidence", "entity-evidence", "industry-companies", "town-companies"}
    for name in takers:
        assert "$min_confidence" in CATALOG[name].cypher and "$rule" in CATALOG[name].cypher


# ------------------------------------------------------------------ show: suggestions and ambiguity


@pytest.mark.parametrize(("name", "expected"), [
    ("山东华夏有限公司", "Error: no entity named '山东华夏有限公司'"),  # shares only 山东…有限公司: nothing close
    ("不存在的公司", "Error: no entity named '不存在的公司'"),
    ("XYZ", "Error: no entity named 'XYZ'"),
    ("临青", "Error: no entity named '临青' (did you mean: 临清市)"),  # a homophone typed by mistake
    ("东啊", "Error: no entity named '东啊' (did you mean: 东阿县)"),
    ("中力汽车", f"Error: no entity named '中力汽车' (did you mean: {ZHONGLI})"),
])
def test_show_suggests_only_close_names(seeds_store: Path, name: str, expected: str) -> None:
    assert one_line_error(invoke("show", name, "--store", str(seeds_store))) == expected


def test_show_of_a_generic_alias_lists_the_candidates(seeds_store: Path) -> None:
    line = one_line_error(invoke("show", "开发区", "--store", str(seeds_store)))
    assert line == ("Error: '开发区' is ambiguous for parameter entity: it could be 经济技术开发区, "
                    "高新技术产业开发区 (give the full name)")
    assert invoke("show", "经济技术开发区", "--store", str(seeds_store)).output.startswith("经济技术开发区 (County)")
    assert invoke("show", "高新区", "--store", str(seeds_store)).output.startswith("高新技术产业开发区 (County)")
    assert invoke("show", "科迈", "--store", str(seeds_store)).exit_code == 0  # a 字号 alias still resolves


def test_repeat_build_says_unchanged(seeds_store: Path, tmp_path: Path) -> None:
    again = invoke("build", str(SEEDS), "--store", str(seeds_store))
    assert again.exit_code == 0, again.output
    assert again.output.splitlines()[1] == "Articles: 46 unchanged, 0 new or edited"
    # an edited file: its article is new, the old version removed
    folder = tmp_path / "in"
    folder.mkdir()
    page = folder / "a.txt"
    page.write_text("临清市某某轴承有限公司位于临清市。\n", encoding="utf-8")
    path = tmp_path / "g.econgraph"
    assert invoke("build", str(folder), "--store", str(path)).exit_code == 0
    page.write_text("临清市某某轴承有限公司位于临清市烟店镇。\n", encoding="utf-8")
    edited = invoke("build", str(folder), "--store", str(path))
    assert edited.output.splitlines()[1] == "Articles: 0 unchanged, 1 new or edited, 1 removed"


# ------------------------------------------------------------------ tables


def test_rich_table_wraps_to_the_width_and_counts_cjk_as_two(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    from econgraph.commands._common import rich_table

    long = "山东中力前身是临清烟店镇的一家传统轴承企业，受制于市场竞争加剧，企业生产一度举步维艰。"
    text = rich_table([{"relation": "LOCATED_IN", "other": "临清市", "sentence": long}],
                      ["relation", "other", "sentence"], width=60)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert "\x1b[1m" in text  # a bold header on a terminal
    from rich.cells import cell_len

    assert max(cell_len(line) for line in plain.splitlines()) <= 60
    assert "".join(line[line.index(line.strip()[0]) if i else 0:].strip() for i, line in
                   enumerate(plain.splitlines()[1:])).endswith("一度举步维艰。")
    assert len(plain.splitlines()) > 2  # wrapped


def test_table_on_a_terminal_is_rich_and_paged_when_taller(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import click

    from econgraph.commands import _common

    shown: dict[str, Any] = {}
    monkeypatch.setattr(_common, "stdout_is_terminal", lambda: True)
    monkeypatch.setattr(click, "echo_via_pager", lambda text, color=None: shown.update(pager=text))
    monkeypatch.setattr(click, "echo", lambda text="", **kw: shown.update(echo=text))
    monkeypatch.setattr("shutil.get_terminal_size", lambda *a: os.terminal_size((80, 10)))
    few = [{"n": i} for i in range(3)]
    _common.echo_rows(few, ["n"], "table")
    assert "echo" in shown and "pager" not in shown and "\x1b[" in shown["echo"]
    shown.clear()
    _common.echo_rows([{"n": i} for i in range(30)], ["n"], "table")  # taller than the screen
    assert "pager" in shown and "echo" not in shown
    shown.clear()
    _common.echo_rows(few, ["n"], "table", pager=True)  # --pager
    assert "pager" in shown
    shown.clear()
    _common.echo_rows([{"n": i} for i in range(30)], ["n"], "table", pager=False)  # --no-pager
    assert "echo" in shown
    shown.clear()
    _common.echo_rows(few, ["n"], "csv")  # csv and json are never drawn by rich
    assert shown["echo"].startswith("\ufeffn")


def test_plain_table_is_pinned(seeds_store: Path) -> None:
    result = invoke("query", "run", "county-compare", "--store", str(seeds_store))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:4] == [
        "county  city    companies  industries  designations  designated  programs  institutions  articles",
        "------  ------  ---------  ----------  ------------  ----------  --------  ------------  --------",
        "临清市  聊城市  11         10          4             3           5         0             8",
        "东阿县  聊城市  6          2           2             2           3         0             5",
    ]


# ------------------------------------------------------------------ Browser: port and aliases


def test_browse_port_from_env_or_default_with_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_BROWSER_URL", raising=False)
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")  # nothing answers there
    monkeypatch.setenv("NEO4J_HTTP_PORT", "17474")
    out = invoke("browse").output.splitlines()
    assert out[:2] == ["Neo4j Browser: http://127.0.0.1:17474/browser/?dbms=bolt%3A%2F%2F127.0.0.1%3A1",
                       "  (port from NEO4J_HTTP_PORT)"]
    monkeypatch.delenv("NEO4J_HTTP_PORT")
    out = invoke("browse").output.splitlines()
    assert out[0] == "Neo4j Browser: http://127.0.0.1:7474/browser/?dbms=bolt%3A%2F%2F127.0.0.1%3A1"
    assert out[1] == ("  (Neo4j's default port: the server did not answer (ServiceUnavailable); "
                      "set NEO4J_HTTP_PORT if it uses another)")
    monkeypatch.setenv("NEO4J_HTTP_PORT", "web")
    assert one_line_error(invoke("browse"), 1) == "Error: NEO4J_HTTP_PORT='web' is not a port number"


def test_http_address_from_settings() -> None:
    from econgraph import neo4j_browser as nb

    settings = [{"name": "server.http.enabled", "value": "true"},
                {"name": "server.http.advertised_address", "value": "db:17474"},
                {"name": "server.https.enabled", "value": "false"},
                {"name": "server.https.advertised_address", "value": "db:7473"}]
    assert nb.http_address_from_settings(settings) == ("http", 17474)
    assert nb.http_address_from_settings(settings, encrypted=True) == ("http", 17474)
    settings[2]["value"] = "true"
    assert nb.http_address_from_settings(settings, encrypted=True) == ("https", 7473)
    assert nb.http_address_from_settings([]) is None


@pytest.mark.neo4j
def test_browse_prints_the_port_the_server_runs_on(neo4j_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_BROWSER_URL", raising=False)
    monkeypatch.delenv("NEO4J_HTTP_PORT", raising=False)
    server = neo4j_env.server
    if server is None:  # an external server: its HTTP port is not known to the test
        pytest.fail("this test needs the suite's own server (unset NEO4J_URI)")
    out = invoke("browse").output.splitlines()
    assert out[0].startswith(f"Neo4j Browser: http://127.0.0.1:{server.http_port}/browser/?dbms=")
    assert out[1] == "  (port as the server reports it (server.http.advertised_address))"


@pytest.mark.neo4j
def test_guide_queries_take_names_and_aliases(neo4j_env: Any) -> None:
    """The Cypher of the guide returns the CLI's rows when a person sets an alias (county=临清)."""
    from econgraph.graph.neo4j_store import Neo4jStore
    from econgraph.queries.catalog import CATALOG

    from econgraph import neo4j_browser as nb
    from econgraph.build import build
    from econgraph.config import Neo4jSettings

    with Neo4jStore(Neo4jSettings(neo4j_env.uri, neo4j_env.username, neo4j_env.password)) as neo:
        assert build([SEEDS], neo).ok
        cases = {"companies-in-county": {"county": "临清"}, "county-programs": {"county": "临清"},
                 "relation-evidence": {"company": "中力", "other": "临清"},
                 "mentions-over-time": {"entity": "临清"}, "company-profile": {"company": "山东中力"},
                 "county-compare": {"county": "临清", "other": "东阿"},
                 "industry-companies": {"industry": "轴承", "county": "临清"}}
        for name, raw in cases.items():
            result = run_query(neo, name, raw)
            assert result.rows, name
            params = {**result.params, **raw}  # the alias, as a person sets it with :param
            plain = neo.execute(CATALOG[name].cypher, params)
            guided = neo.execute(nb.guide_cypher(CATALOG[name]), params)
            assert [{c: r.get(c) for c in CATALOG[name].columns} for r in guided] == result.rows, name
            if "county" in raw:
                assert not plain, name  # the canned Cypher alone takes uids only
            assert neo.execute(nb.graph_cypher(CATALOG[name]), params), name
    guide = nb.guide_html([nb.GuideQuery(CATALOG["companies-in-county"], {"county": "临清市"})])
    assert "hit.name = $county OR $county IN coalesce(hit.aliases, [])" in guide


# ------------------------------------------------------------------ make neo4j on a busy port


def _server_module() -> Any:
    sys.path.insert(0, str(ROOT / "scripts"))
    import neo4j_server

    return neo4j_server


def test_neo4j_run_on_a_busy_port_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    ns = _server_module()
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        assert ns.main(["run", "--bolt-port", str(port), "--http-port", str(ns.free_port())]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"Error: Bolt port {port} is busy (Address already in use): stop what holds it, or choose "
                   f"another, e.g. make neo4j BOLT_PORT={port + 1}"]


def test_neo4j_start_failing_on_a_port_removes_its_home(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """The JVM lost the race for the port: the cause from its console log, one line; the home removed."""
    ns = _server_module()
    homes: list[Path] = []
    console = ("2026-11-30 INFO  Starting...\nCaused by: org.neo4j.kernel.lifecycle.LifecycleException: "
               "... failed to start. Please see the attached cause exception \"bind(..) failed: Address already "
               "in use\".\n\tat org.neo4j...\n")

    def start(self: Any, timeout: float = 180.0) -> Any:
        homes.append(self.home)
        (self.home / "logs").mkdir(parents=True)
        (self.home / "logs" / "console.log").write_text(console, encoding="utf-8")
        raise ns.ServerError("Neo4j exited with 1; see console.log\n" + console)

    monkeypatch.setattr(ns.Neo4jServer, "start", start)
    bolt, http = ns.free_port(), ns.free_port()
    assert ns.main(["run", "--bolt-port", str(bolt), "--http-port", str(http)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"Error: Neo4j could not start: Bolt port {bolt} or HTTP port {http} is busy (Address already "
                   f"in use); choose others, e.g. make neo4j BOLT_PORT={bolt + 1} HTTP_PORT={http + 1}"]
    assert homes and not homes[0].exists()


def test_make_neo4j_passes_the_port_options() -> None:
    import subprocess

    dry = subprocess.run(["make", "-n", "neo4j", "BOLT_PORT=7688", "HTTP_PORT=7475"], cwd=ROOT,
                         capture_output=True, text=True)
    assert "scripts/neo4j_server.py run --bolt-port 7688 --http-port 7475" in dry.stdout


# ------------------------------------------------------------------ the same rows on Neo4j, hand-made towns


def _town_facts() -> list[Any]:
    from econgraph.graph.model import ArticleFacts, Evidence, Relationship
    from factsfactory import article, entity, rel

    text = "临清市烟店镇甲轴承有限公司投产。乙轴承有限公司在烟店镇建厂。丙轴承有限公司位于临清市。"
    art = article("art-t", text)
    lq = entity("County", "临清市", aliases=["临清"], city="聊城市")
    a = entity("Company", "临清市烟店镇甲轴承有限公司", aliases=["甲轴承"])
    b = entity("Company", "乙轴承有限公司")
    c = entity("Company", "丙轴承有限公司", aliases=["烟店镇丙轴承"])
    d = entity("Company", "丁轴承有限公司")
    bearing = entity("Industry", "轴承")
    s1, s2, s3 = "临清市烟店镇甲轴承有限公司投产。", "乙轴承有限公司在烟店镇建厂。", "丙轴承有限公司位于临清市。"
    low = Relationship("LOCATED_IN", d.ref, lq.ref, Evidence(art.uid, s3, text.find(s3), text.find(s3) + len(s3),
                                                               "article_county", 0.55))
    rels = [rel("LOCATED_IN", a, lq, art, s1), rel("LOCATED_IN", b, lq, art, s2), rel("LOCATED_IN", c, lq, art, s3),
            low, rel("IN_INDUSTRY", a, bearing, art, s1), rel("IN_INDUSTRY", b, bearing, art, s2)]
    return [ArticleFacts(art, [lq, a, b, c, d, bearing], rels)]


@pytest.mark.neo4j
def test_town_and_search_rows_on_both_stores(neo4j_clean: Any, tmp_path: Path) -> None:
    from econgraph.graph.neo4j_store import Neo4jStore

    from econgraph.config import Neo4jSettings

    embedded = EmbeddedStore(tmp_path / "t.econgraph", autosave=False)
    embedded.load(_town_facts())
    town = rows(embedded, "town-companies", town="烟店镇")
    assert [(r["company"], r["via"], r["sentences"]) for r in town] == [
        ("丙轴承有限公司", "name", []),  # by its alias 烟店镇丙轴承
        ("临清市烟店镇甲轴承有限公司", "name", ["临清市烟店镇甲轴承有限公司投产。"]),
        ("乙轴承有限公司", "sentence", ["乙轴承有限公司在烟店镇建厂。"]),
    ]
    cases = [("town-companies", {"town": "烟店镇"}), ("town-companies", {"town": "烟店", "min_confidence": 0.6}),
             ("town-companies", {"town": "烟店镇", "rule": "article_county"}),
             ("entity-search", {"text": "轴承"}), ("entity-search", {"text": "烟店", "label": "Company"}),
             ("industry-companies", {"industry": "轴承"}), ("county-compare", {"county": "临清", "other": "临清市"}),
             ("prefecture-totals", {}), ("relation-evidence", {"company": "丁轴承有限公司", "min_confidence": 0.6})]
    with Neo4jStore(Neo4jSettings(neo4j_clean.uri, neo4j_clean.username, neo4j_clean.password)) as neo:
        neo.load(_town_facts())
        for name, params in cases:
            def outcome(store: Any, name: str = name, params: dict[str, Any] = params) -> Any:
                try:
                    return run_query(store, name, params).rows
                except QueryError as exc:
                    return str(exc)
            assert outcome(embedded) == outcome(neo), (name, params)
