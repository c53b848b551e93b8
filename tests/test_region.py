"""Region packs: data files, closed-class matching, and a second region without new code."""

from __future__ import annotations

import pytest
from econgraph.loaders import region as region_mod
from econgraph.loaders.region import load_region
from helpers import write_second_pack

from econgraph.errors import InputError


def test_liaocheng_pack_counties_zones_and_towns() -> None:
    r = load_region("liaocheng")
    assert len([c for c in r.counties.values() if c.kind != "功能区"]) == 8
    assert {c.name for c in r.counties.values() if c.kind == "功能区"} == {
        "经济技术开发区", "高新技术产业开发区", "江北水城旅游度假区"}
    assert all(c.city == "聊城市" for c in r.counties.values())
    assert r.counties["临清市"].kind == "县级市"
    assert r.county_of("烟店镇") == "临清市"
    assert r.county_of("东阿") == "东阿县"
    assert r.county_of("聊城度假区") == "江北水城旅游度假区"


def test_matches_are_longest_and_map_towns_to_counties() -> None:
    r = load_region("liaocheng")
    found = [(m.kind, m.canonical, m.surface) for m in r.matches("临清市烟店镇的企业获评专精特新小巨人")]
    assert found == [("County", "临清市", "临清市"), ("Town", "临清市", "烟店镇"),
                     ("Program", "专精特新小巨人", "专精特新小巨人")]


def test_taxonomy_and_programs() -> None:
    r = load_region("liaocheng")
    assert r.industry_chain("轴承") == ["轴承", "高端轴承", "五大优势产业", "453X现代产业体系"]
    assert {"有色金属", "黑色金属", "绿色化工", "农副产品加工"} == {
        i.name for i in r.industries.values() if i.part_of == "四大支柱产业"}
    assert r.programs["链主企业"].kind == "designation"
    assert r.programs["专精特新小巨人"].level == "国家级"


def test_unknown_region_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown region"):
        load_region("atlantis")


def test_another_region_is_a_new_pack(tmp_path, monkeypatch) -> None:
    regions = write_second_pack(tmp_path, "功能糖")
    monkeypatch.setattr(region_mod, "REGIONS_DIR", regions)
    load_region.cache_clear()
    try:
        r = load_region("dezhou")
        assert [(m.kind, m.canonical) for m in r.matches("禹城伦镇的功能糖")] == [
            ("County", "禹城市"), ("Town", "禹城市"), ("Industry", "功能糖")]
        assert region_mod.available_regions() == ["dezhou"]
    finally:
        load_region.cache_clear()
