"""Page furniture (loaders/noise.py): site menus, counters and buttons are cut before a page is split.

Invented pages only."""

from __future__ import annotations

from econgraph.loaders.documents import parse_page
from econgraph.loaders.extract import Extractor
from econgraph.loaders.noise import drop_furniture, furniture
from econgraph.loaders.rules import rules
from econgraph.loaders.script import read_page

_EX = Extractor()

CLEAN = "鑫河轴承获评专精特新企业\n\n临清市鑫河轴承有限公司获评省级专精特新企业，\n该公司主要生产高端轴承。\n"
NOISY = (
    "要闻\n视听\n图说\n商城\n县域\n读报\n\n"
    "鑫河轴承获评专精特新企业\n2025-03-01 09:15 浏览人次：\nA+A-\n分享到：\n\n"
    "临清市鑫河轴承有限公司获评省级专精特新企业，\n人气：128\n该公司主要生产高端轴承。\n\n"
    "上一篇：琨宇电气有限公司签约新项目\n"
)


def _shape(text: str) -> tuple[set[tuple[str, str]], set[tuple[str, str, str]]]:
    facts = [_EX.extract(a) for a in parse_page(text, "p.txt")]
    nodes = {(n.label, n.uid) for f in facts for n in f.nodes if n.label != "Article"}
    rels = {(r.type, r.start.uid, r.end.uid) for f in facts for r in f.relationships if r.type != "MENTIONS"}
    return nodes, rels


def test_rules_are_described() -> None:
    assert set(rules("noise")) >= {"furniture_line", "counter_tail", "menu_run", "menu_item", "menu_place_ends"}


def test_furniture_lines_cut() -> None:
    page = drop_furniture(NOISY)
    for gone in ("商城", "浏览", "A+A-", "分享", "人气", "上一篇", "琨宇"):
        assert gone not in page
    assert "2025-03-01 09:15" in page  # a counter at the end of the date line goes, the date stays
    assert "专精特新企业，\n该公司" in page  # the counter line no longer splits the sentence


def test_article_lines_stay() -> None:
    # a short list of towns, short captions, a sentence mentioning a counter: not furniture
    kept = ("乐乡街道\n王家桥镇\n街河市镇\n柳林镇\n东岚镇\n\n董事长\n\n该平台浏览人次超过10万。\n"
            "分享经验是企业的共同需求。\n")
    assert furniture(kept) == []
    assert drop_furniture(CLEAN) == CLEAN


def test_noisy_page_gives_the_clean_facts() -> None:
    assert _shape(NOISY) == _shape(CLEAN)
    nodes, _ = _shape(NOISY)
    assert ("County", "商城县") not in nodes


def test_traditional_page_cut_alike() -> None:
    page = read_page("要聞\n視聽\n圖說\n商城\n縣域\n讀報\n\n臨清市鑫河軸承有限公司，\n人氣：128\n該公司主要生產軸承。\n")
    assert len(page.text) == len(page.original)
    assert "商城" not in page.text and "人氣" not in page.original
    assert page.original.lstrip().startswith("臨清市鑫河軸承有限公司，\n該公司")


def test_site_footer_lines_cut() -> None:
    """A site's footer lines (publisher, address, phone, ICP number) before the article are furniture: read as the
    page's title they would name the publisher's district (names8)."""
    page = drop_furniture("logo\n\n主办单位:某某再生资源研究所\n\n办公地址:某某市某某路1号 邮政编码:300000\n\n"
                          "电话:000-0000000 传真:000-0000000 某ICP备00000000号-1\n\n友情链接:\n\n"
                          "冠县:循环经济向高端发展\n\n联系电话由企业提供，详见附表。\n")
    for gone in ("logo", "主办单位", "办公地址", "传真", "ICP", "友情链接"):
        assert gone not in page
    assert "冠县:循环经济向高端发展" in page
    assert "联系电话由企业提供" in page  # a sentence that opens with the word, without its colon, stays
