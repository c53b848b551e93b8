"""Generic boundary rules found on the synthetic corpus, checked on invented names of other shapes.

Each case is a pattern of real news (deal verbs before a name, 和 inside a 字号, a short name before
深耕/出资/总经理, a long registered name inside a list); none of these names occurs in bench/synth.py.
"""

from __future__ import annotations

import pytest
from econgraph.loaders.companies import OrgFinder
from econgraph.loaders.region import load_region


@pytest.fixture(scope="module")
def finder() -> OrgFinder:
    return OrgFinder(load_region("liaocheng"))


def _companies(finder: OrgFinder, sentence: str) -> set[str]:
    return {o.name for o in finder.find(sentence) if o.label == "Company"}


@pytest.mark.parametrize(("sentence", "expected"), [
    # a deal verb before the object is no part of its name
    ("青岳纺织有限公司投资3亿元控股山东鹭峰纺织有限公司,进一步延伸产业链条。", {"青岳纺织有限公司", "山东鹭峰纺织有限公司"}),
    ("青岳纺织有限公司出资2亿元入股东阿鸣川食品有限公司,双方将深度合作。", {"青岳纺织有限公司", "东阿鸣川食品有限公司"}),
    ("青岳纺织有限公司收购聊城市泓川食品股份有限公司。", {"青岳纺织有限公司", "聊城市泓川食品股份有限公司"}),
    # 和 inside a 字号: after a place, after a boundary, as the second character
    ("青岳纺织有限公司宣布控股山东和岱集团,进一步延伸产业链条。", {"青岳纺织有限公司", "山东和岱集团"}),
    ("今年以来订单饱满。和岚机械集团有限公司是装备制造行业的领军企业。", {"和岚机械集团有限公司"}),
    ("3月2日,在珂和智能科技有限公司生产车间内,工人正赶制订单。", {"珂和智能科技有限公司"}),
    ("青岳纺织有限公司出资2亿元入股聊城市岱和医疗器械有限公司。", {"青岳纺织有限公司", "聊城市岱和医疗器械有限公司"}),
    ("其中和岱建材、鹭峰纺织等企业的联合研发项目获得立项。", {"和岱建材", "鹭峰纺织"}),
    ("其中正岱纺织、鹭峰食品等企业纷纷加大研发投入。", {"正岱纺织", "鹭峰食品"}),
    # a place in brackets belongs to the name; a bracket does not end a list
    ("鹭峰纺织出资2亿元入股泓达(山东)化工集团。", {"鹭峰纺织", "泓达(山东)化工集团"}),
    ("如今的岱川食品,已成为鹭峰纺织、泓达(山东)汽车零部件有限公司等头部企业的稳定供货商。",
     {"岱川食品", "鹭峰纺织", "泓达(山东)汽车零部件有限公司"}),
    ("泓达机械已成为鹭峰纺织、高唐县泓川肉牛养殖专业合作社等头部企业的稳定供货商。",
     {"泓达机械", "鹭峰纺织", "高唐县泓川肉牛养殖专业合作社"}),
    # a short name before a predicate
    ("鹭峰精细化工深耕化工领域20年,市场占有率稳步提升。", {"鹭峰精细化工"}),
    ("岱川食品出资3亿元入股泓达机械,双方将在技术研发方面深度合作。", {"岱川食品", "泓达机械"}),
    ("泓达机械为岱川新型建材配套供应机械产品。", {"泓达机械", "岱川新型建材"}),
    ("“改革见成效。”鹭峰面粉总经理王某介绍,今年公司计划扩产。", {"鹭峰面粉"}),
    ("6月1日,位于冠县的岱川牧业内,机器轰鸣声不绝于耳。", {"岱川牧业"}),
    ("在位于冠县的泓达精密轴承生产园区内,公司正开足马力生产。", {"泓达精密轴承"}),
    ("冠县鹭峰果蔬种植专业合作社与山东农业大学签订合作协议。", {"冠县鹭峰果蔬种植专业合作社"}),
])
def test_generic_rules_find_the_whole_name(finder: OrgFinder, sentence: str, expected: set[str]) -> None:
    assert _companies(finder, sentence) == expected


@pytest.mark.parametrize("sentence", [
    "3月27日,在车间内,工作人员正调试智能生产线。",  # a common verb is no 字号
    "如今的临清轴承,已成为全国知名的产业集群。",  # a place's industry, not a company
    "企业正加快智能化改造。",
])
def test_no_company_in_plain_predicates(finder: OrgFinder, sentence: str) -> None:
    assert _companies(finder, sentence) == set()


def test_conjunction_between_two_names_still_splits(finder: OrgFinder) -> None:
    names = _companies(finder, "山东鹭峰纺织有限公司和岱川集团签订战略合作协议。")
    assert names == {"山东鹭峰纺织有限公司", "岱川集团"}


def test_full_institution_name_ending_in_an_abbreviation_suffix(finder: OrgFinder) -> None:
    found = {(o.label, o.name) for o in finder.find("鹭峰纺织有限公司与山东省农业科学院签订产学研合作协议。")}
    assert ("Institution", "山东省农业科学院") in found
    assert ("Institution", "山东省农业科学院") in {
        (o.label, o.name) for o in finder.find("鹭峰纺织有限公司与省农科院签订产学研合作协议。")}


def test_known_organisation_word_owns_the_project(finder: OrgFinder, monkeypatch: pytest.MonkeyPatch) -> None:
    """A dictionary word tagged as an organisation (字号 + industry word, 火星汽车 tagged nt here) before a project's
    products is the project's owner although its 字号 is a common word; untagged, the same words name no owner."""
    from econgraph.loaders import companies

    sentence = "目前,火星汽车核心零部件等重大项目已经落地。"
    assert "火星汽车" not in _companies(finder, sentence)
    table = dict(companies._tag_table())
    table["火星汽车"] = "nt"
    monkeypatch.setattr(companies, "_tag_table", lambda: table)
    assert "火星汽车" in _companies(finder, sentence)
