"""Extraction on articles the rules were not written for: invented companies, real rules."""

from __future__ import annotations

import pickle

import pytest
from econgraph.graph.model import ArticleFacts
from econgraph.graph.schema import REL_ENDPOINTS
from econgraph.loaders.aliases import resolve
from econgraph.loaders.article import Article
from econgraph.loaders.extract import Extractor

TEXT = (
    "3月2日,位于临清市松林镇的山东澜川精密轴承有限公司内,工人正在加紧生产。"
    "澜川精密轴承与齐鲁工业大学联合申报项目,获批山东省重点研发计划。"
    "2024年,澜川精密轴承被评为国家级专精特新“小巨人”企业。\n\n"
    "临清市科学技术局局长表示,将支持鸿翔科技、栾峰机械等“链主”企业扩大优势。"
    "如今的澜川精密轴承,已成为沪宁重工等头部企业的稳定供货商。"
)


def _article(text: str = TEXT, uid: str = "a1", source: str = "x/001_test.txt", title: str = "") -> Article:
    return Article(uid=uid, source=source, title=title, text=text)


@pytest.fixture(scope="module")
def facts() -> ArticleFacts:
    return Extractor().extract(_article())


def _names(facts: ArticleFacts, label: str) -> set[str]:
    return {n.props["name"] for n in facts.nodes if n.label == label}


def _rels(facts: ArticleFacts, rel_type: str) -> set[tuple[str, str]]:
    names = {n.ref: n.props["name"] for n in facts.nodes}
    return {(names[r.start], names[r.end]) for r in facts.relationships if r.type == rel_type}


def test_companies_by_generic_rules(facts: ArticleFacts) -> None:
    assert _names(facts, "Company") == {"山东澜川精密轴承有限公司", "鸿翔科技", "栾峰机械", "沪宁重工"}
    company = next(n for n in facts.nodes if n.props["name"] == "山东澜川精密轴承有限公司")
    assert "澜川精密轴承" in company.props["aliases"]
    assert "山东澜川" in company.props["aliases"]


def test_government_bodies_and_places_are_not_companies(facts: ArticleFacts) -> None:
    names = _names(facts, "Company")
    assert not any("科学技术局" in n or n.startswith("临清") for n in names)
    assert _names(facts, "Institution") == {"齐鲁工业大学"}


def test_relations(facts: ArticleFacts) -> None:
    full = "山东澜川精密轴承有限公司"
    assert _rels(facts, "LOCATED_IN") >= {(full, "临清市")}
    assert (full, "齐鲁工业大学") in _rels(facts, "PARTNERS_WITH")
    assert (full, "沪宁重工") in _rels(facts, "SUPPLIES")
    # a name's industry word alone is no IN_INDUSTRY: the text names no 轴承 industry outside names (issue 15)
    assert (full, "轴承") not in _rels(facts, "IN_INDUSTRY")
    designation = [r for r in facts.relationships if r.type == "HAS_DESIGNATION" and r.end.uid == "专精特新小巨人"]
    assert len(designation) == 1 and designation[0].props == {"level": "国家级", "year": 2024, "status": "held"}
    assert {("鸿翔科技", "链主企业"), ("栾峰机械", "链主企业")} <= _rels(facts, "HAS_DESIGNATION")
    assert ("轴承", "高端轴承") in _rels(facts, "PART_OF")


def test_evidence_indexes_the_article_text(facts: ArticleFacts) -> None:
    text = TEXT
    for r in facts.relationships:
        ev = r.evidence
        assert text[ev.start:ev.end] == ev.sentence
        assert ev.article == "a1" and ev.rule and 0 < ev.confidence <= 1
        starts, ends = REL_ENDPOINTS[r.type]
        assert r.start.label in starts and r.end.label in ends


def test_mentions_count_short_forms(facts: ArticleFacts) -> None:
    mention = next(r for r in facts.relationships if r.type == "MENTIONS" and r.end.uid == "山东澜川精密轴承有限公司")
    assert mention.props["count"] == 4
    assert mention.props["first_offset"] == TEXT.index("山东澜川")


def test_node_properties(facts: ArticleFacts) -> None:
    county = next(n for n in facts.nodes if n.label == "County")
    assert {k: county.props[k] for k in ("name", "kind", "city")} == {"name": "临清市", "kind": "县级市", "city": "聊城市"}
    assert "临清" in county.props["aliases"]
    program = next(n for n in facts.nodes if n.props["name"] == "链主企业")
    assert program.props["kind"] == "designation" and program.props["level"]
    assert all(n.props.get("name") for n in facts.nodes)


def test_layout_residue_does_not_hide_names() -> None:
    text = "1月10日,在山东泓\n远汽车科技有限公司生产车间内,工人正加工线路板。"
    facts = Extractor().extract(_article(text))
    assert _names(facts, "Company") == {"山东泓远汽车科技有限公司"}
    for r in facts.relationships:
        assert text[r.evidence.start:r.evidence.end] == r.evidence.sentence


def test_extractor_is_picklable(facts: ArticleFacts) -> None:
    clone = pickle.loads(pickle.dumps(Extractor()))
    again = clone.extract(_article())
    assert {r.uid for r in again.relationships} == {r.uid for r in facts.relationships}


def test_resolve_links_a_short_name_to_its_full_name() -> None:
    ex = Extractor()
    first = ex.extract(_article(TEXT, "a1"))
    second = ex.extract(_article("据悉,澜川精密轴承联合青岛理工大学共建实验室。", "a2"))
    assert "澜川精密轴承" in _names(second, "Company")
    resolved = resolve([first, second])
    assert _names(resolved[1], "Company") == {"山东澜川精密轴承有限公司"}
    assert ("山东澜川精密轴承有限公司", "青岛理工大学") in _rels(resolved[1], "PARTNERS_WITH")


def test_two_full_names_are_never_merged() -> None:
    ex = Extractor()
    a = ex.extract(_article("5月1日,临清市宏达轴承有限公司投产。", "b1"))
    b = ex.extract(_article("5月2日,山东宏达轴承有限公司投产。", "b2"))
    names = {n.props["name"] for f in resolve([a, b]) for n in f.nodes if n.label == "Company"}
    assert names == {"临清市宏达轴承有限公司", "山东宏达轴承有限公司"}


def test_declared_short_name_and_anaphora() -> None:
    text = ("山东岳川新材料股份有限公司(以下简称“岳川”)位于茌平区。"
            "岳川今年新上两条生产线。该公司是瞪羚企业。")
    facts = Extractor().extract(_article(text))
    assert _names(facts, "Company") == {"山东岳川新材料股份有限公司"}
    company = next(n for n in facts.nodes if n.label == "Company")
    assert "岳川" in company.props["aliases"]
    mention = next(r for r in facts.relationships if r.type == "MENTIONS" and r.end == company.ref)
    assert mention.props["count"] == 3  # the full name, the declared 岳川 and 岳川 again; 该公司 is not counted
    assert ("山东岳川新材料股份有限公司", "瞪羚企业") in _rels(facts, "HAS_DESIGNATION")
    assert ("山东岳川新材料股份有限公司", "茌平区") in _rels(facts, "LOCATED_IN")


def test_names_without_legal_form_after_cues() -> None:
    text = "该县携手禾锦科技,引进智能装备项目。记者走进汇澄纸业车间,看到一派繁忙景象。"
    facts = Extractor().extract(_article(text))
    assert _names(facts, "Company") == {"禾锦科技", "汇澄纸业"}


def test_generic_words_are_not_companies() -> None:
    text = ("临清轴承产业持续壮大,高端轴承、汽车零部件等企业集聚发展。"
            "全市新增高新技术企业33家,市工业和信息化局、市科技局等部门联合开展服务。"
            "支持传统轴承企业加快转型,推动项目早落地、早投产。")
    facts = Extractor().extract(_article(text))
    assert _names(facts, "Company") == set()


def test_registered_names_listed_names_and_a_county_zone() -> None:
    text = ("冠县经济开发区内,山东东方岳新材料股份有限公司满负荷运转。"
            "园区配套项目包括京屿方、宁港时代等知名企业。"
            "全县培育了昊岳集团、华岳铝业等一批龙头企业。")
    facts = Extractor().extract(_article(text))
    assert _names(facts, "Company") == {"山东东方岳新材料股份有限公司", "京屿方", "宁港时代", "昊岳集团", "华岳铝业"}
    assert ("山东东方岳新材料股份有限公司", "冠县") in _rels(facts, "LOCATED_IN")
    assert "经济技术开发区" not in _names(facts, "County")


_CHROME = "主办单位：某某研究所 办公地址：天津市南开区某路8号"
_BODY = ("阳谷：园区经济提速\n\n琨宇铝业、鑫河塑业项目主体厂房完工。阳谷县循环经济产业园一派繁荣景象。"
         "阳谷县今年实施重点项目25个。")


def test_an_untitled_pages_first_line_does_not_veto_the_body_county() -> None:
    # the title is the page's first line (site chrome naming 南开区): the body's county still places the list
    facts = Extractor().extract(_article(_CHROME + "\n\n" + _BODY, title=_CHROME))
    assert {("琨宇铝业", "阳谷县"), ("鑫河塑业", "阳谷县")} <= _rels(facts, "LOCATED_IN")
    # near miss: a real headline naming another county keeps the article's county undecided
    facts = Extractor().extract(_article(_CHROME + "\n\n" + _BODY, title="南开区园区经济提速"))
    assert ("琨宇铝业", "阳谷县") not in _rels(facts, "LOCATED_IN")


def test_a_line_break_ends_a_name_on_its_left() -> None:
    # the layout repair keeps a line break only between paragraphs: a headline or a credit on the line before is no
    # part of the name the next line opens with, though the sentence splitter joins the two lines
    text = "临清:促进工业经济高质量发展\n琨岱塑胶制品(山东)有限公司厂区内,货车正在装货。"
    assert _names(Extractor().extract(_article(text)), "Company") == {"琨岱塑胶制品(山东)有限公司"}
    # near miss: a break inside a name whose part after it is no name by itself (a one-character 字号) keeps it whole
    text = "临清市加快转型,山东琨\n岱精密轴承有限公司今年产值过亿。"
    assert "山东琨岱精密轴承有限公司" in _names(Extractor().extract(_article(text)), "Company")


def test_a_space_between_ideographs_ends_a_name_on_its_left() -> None:
    # a space inside a line separates a caption from its credit, or a news source from its story
    text = "据临清新闻客户端 澜川集团在临清市投资建厂。"
    assert _names(Extractor().extract(_article(text)), "Company") == {"澜川集团"}


def test_a_project_item_of_kind_words_only_is_cut_longest_first() -> None:
    """A project item made only of kind or process words names no product, whatever order the words are stored in:
    the longest word is cut first (精深加工 whole; cutting 加工 first would leave 精深 as a product)."""
    from econgraph.loaders import classes

    assert classes._PROJECT_KIND_WORDS == tuple(sorted(classes._PROJECT_KIND_WORDS, key=len, reverse=True))
    for item in ("精深加工", "技术改造", "升级改造", "改扩建"):
        assert classes._no_project_product(item), item
    assert not classes._no_project_product("蓝莓精深加工")
