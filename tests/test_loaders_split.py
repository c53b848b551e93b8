"""Page → articles on small hand-made pages: headline position, bylines, captions, dates, uids."""

from __future__ import annotations

from econgraph.loaders.documents import parse_page
from econgraph.loaders.layout import Paragraph
from econgraph.loaders.split import article_date, content_uid, derived_title, read_headings
from hypothesis import given, settings
from hypothesis import strategies as st


def summary(page: str, **kw: object) -> list[tuple[str, str, str, str]]:
    return [(a.section, a.title, a.subtitle, a.byline) for a in parse_page(page, "p.txt", **kw)]


LEADING = """时政动态

全市会议召开

本报讯(记者 张三)4月15日,全市会议召开,会议要求加快发展。

会议强调,要抓好落实。

新春走基层

正月初三抢修忙

■ 本报记者 谢榕 本报通讯员 陈清辉

1月31日16时20分,集控室内鸦雀无声。

小标题在这里

调阀缓缓开启,成功!
"""


def test_headline_above_with_section_byline_and_subhead() -> None:
    arts = parse_page(LEADING, "p.txt")
    assert [(a.section, a.title, a.byline) for a in arts] == [
        ("时政动态", "全市会议召开", "记者 张三"),
        ("新春走基层", "正月初三抢修忙", "本报记者 谢榕 本报通讯员 陈清辉"),
    ]
    assert arts[0].text == "4月15日，全市会议召开，会议要求加快发展。\n会议强调，要抓好落实。"
    assert arts[1].text.split("\n") == ["1月31日16时20分，集控室内鸦雀无声。", "小标题在这里", "调阀缓缓开启，成功！"]
    assert [a.index for a in arts] == [0, 1]


TRAILING = """  □ 本报记者 胡磊
  3月12日，推介会在北京召开。
  故事一：来自德国的订单
  德国一家钢厂找到聊城企业。

推介会上，市长讲了几个故事

  □记 者 薛良诚
   通讯员 刘淑娟 报道
  本报聊城讯 环境干净整洁，书声琅琅。

聊城卫生健康产才共融

发展交流会在京举行

  □记者 高田 报道
  本报聊城讯 近日，于集镇推进大棚改造。

老旧大棚“重获新生”

  发展新质生产力是推动高质量发展的内在要求。

  □记者 高田 报道
  本报聊城讯 眼下正值春耕。

农资打假护春耕
"""


def test_headline_below_the_article() -> None:
    arts = parse_page(TRAILING, "p.txt")
    assert [(a.title, a.byline) for a in arts] == [
        ("推介会上，市长讲了几个故事", "本报记者 胡磊"),
        ("聊城卫生健康产才共融发展交流会在京举行", "记者 薛良诚；通讯员 刘淑娟"),
        ("老旧大棚“重获新生”", "记者 高田"),
        ("发展新质生产力是推动高质量发展的内在要求", ""),  # an untitled lead-in of its own
        ("农资打假护春耕", "记者 高田"),
    ]
    assert arts[0].text.split("\n")[1] == "故事一：来自德国的订单"
    assert arts[2].text == "近日，于集镇推进大棚改造。"


def test_photo_caption_is_its_own_article_with_its_byline() -> None:
    page = (
        "标题一\n\n本报讯（记者 甲）正文一。\n\n\n\n4月15日，市民在城市书房读书。 ■ 本报记者 张石小\n\n"
        "目击\n\n2月5日，工业机器人\n\n在车间作业。企业大力推进创新。\n\n■ 本报记者 许金松\n\n"
        "标题二\n\n本报讯（记者 乙）正文二。\n"
    )
    arts = parse_page(page, "p.txt")
    assert [(a.section, a.title, a.byline, a.text) for a in arts] == [
        ("", "标题一", "记者 甲", "正文一。"),
        ("", "市民在城市书房读书", "本报记者 张石小", "4月15日，市民在城市书房读书。"),
        ("目击", "工业机器人在车间作业", "本报记者 许金松", "2月5日，工业机器人在车间作业。企业大力推进创新。"),
        ("", "标题二", "记者 乙", "正文二。"),
    ]


def test_photo_byline_before_a_lead_with_its_own_reporter_closes_the_caption() -> None:
    page = "1月10日，工人正加工线路板。\n\n■ 吴建正\n\n本报讯（记者 陈金路）一年来，产业协调共进。\n\n产业链协调共进\n"
    arts = parse_page(page, "p.txt")
    assert [(a.title, a.byline) for a in arts] == [("工人正加工线路板", "吴建正"), ("产业链协调共进", "记者 陈金路")]


def test_second_dispatch_continues_the_article() -> None:
    page = "市领导走访慰问\n\n本报讯（记者 王培源）1月12日，甲到开发区走访。\n\n又讯（记者 王培源）同日，乙到莘县走访。\n"
    (art,) = parse_page(page, "p.txt")
    assert art.text == "1月12日，甲到开发区走访。\n同日，乙到莘县走访。"
    assert art.byline == "记者 王培源"


def test_headings_read_into_section_kicker_title_subtitle() -> None:
    def heads(*lines: str) -> tuple[str, str, str]:
        paras = []
        for line in lines:
            md = len(line) - len(line.lstrip("#"))
            paras.append(Paragraph(text=line.lstrip("# "), kind="heading", md=md))
        return read_headings(paras)

    assert heads("经济新面孔", "始于人才 成于创新", "——临清轴承以产才融合破局升级") == (
        "经济新面孔", "始于人才 成于创新", "临清轴承以产才融合破局升级")
    assert heads("牢牢把握“根、魂、梦”工作主线", "全市侨务工作迈上新台阶") == (
        "", "全市侨务工作迈上新台阶", "牢牢把握“根、魂、梦”工作主线")
    assert heads("东阿县", "实施企业培育“固链”行动") == ("", "东阿县实施企业培育“固链”行动", "")
    assert heads("我市", "优化审批服务 护航项目建设") == ("", "我市优化审批服务 护航项目建设", "")
    assert heads("东阿瑞泓水务有限公司", "推出便民智能收费系统") == ("", "东阿瑞泓水务有限公司推出便民智能收费系统", "")
    assert heads("作风深化 实干争先", "当好全面深化改革排头兵", "# 以产学研融合赋能转型", "## ——看智慧动能") == (
        "作风深化 实干争先", "以产学研融合赋能转型", "当好全面深化改革排头兵；看智慧动能")
    assert heads("目击") == ("目击", "", "")


def test_dates() -> None:
    assert article_date("4月15日上午，会议召开。", None) == "--04-15"
    assert article_date("2024年12月3日，会议召开。", None) == "2024-12-03"
    assert article_date("4月15日，会议召开。", (2026, None)) == "2026-04-15"
    assert article_date("12月30日，会议召开。", (2025, 1)) == "2024-12-30"
    assert article_date("日前，会议召开。", (2025, 1)) == ""
    assert article_date("13月40日，不是日期。", None) == ""


def test_page_date_line_gives_the_year() -> None:
    page = "2025年4月16日 星期三\n\n标题\n\n本报讯（记者 甲）4月15日，会议召开。\n"
    (art,) = parse_page(page, "p.txt")
    assert (art.title, art.date) == ("标题", "2025-04-15")
    assert parse_page(page, "p.txt", year=1999)[0].date == "2025-04-15"  # the page wins


def test_derived_title() -> None:
    assert derived_title("4月15日，市民在开发区城市书房安静读书。我市以书香聊城为抓手。") == "市民在开发区城市书房安静读书"
    long = "在山东华创电气有限公司生产车间内，技术人员正在对产品进行出厂检测和包装入库，准备发往各地。"
    assert derived_title(long) == "在山东华创电气有限公司生产车间内，技术人员正在对产品进行出厂检测和包装入库"


def test_uid_stable_and_content_derived() -> None:
    page = "标题\n\n本报讯（记者 甲）正文。\n"
    a = parse_page(page, "a.txt")[0]
    b = parse_page(page, "elsewhere/b.txt")[0]
    c = parse_page(page.replace("正文", "正文有变"), "a.txt")[0]
    assert a.uid == b.uid == content_uid("标题", "正文。") and len(a.uid) == 16
    assert c.uid != a.uid
    assert a.source == "a.txt" and b.source == "elsewhere/b.txt"


page_text = st.lists(
    st.sampled_from(["聊城", "临清市", "轴承", "，", "。", "“", "”", " ", "\n", "\n\n", "\n\n\n", "  ",
                     "■ 本报记者 张三", "本报讯（记者 李四）", "又讯", "——", "# ", "4月15日", "时政动态\n\n"]),
    max_size=80,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(page_text)
def test_any_page_gives_clean_articles(page: str) -> None:
    arts = parse_page(page, "p.txt")
    assert [a.uid for a in arts] == [a.uid for a in parse_page(page, "p.txt")]
    for i, art in enumerate(arts):
        assert art.index == i and art.text and art.title
        assert "\n\n" not in art.text and art.text == art.text.strip()


WEB_ARTICLE = """某县产业园区加快建设

某县融媒（记者 某某）4月2日，某县产业园区一期项目开工。


园区规划面积3000亩。

观摩项目简介

甲乙新材料有限公司年产1万吨粘合剂项目

责任单位：某镇

项目位于产业园区，总投资1.2亿元。
"""


def test_web_article_is_one_article_across_boxes_and_section_headings() -> None:
    (art,) = parse_page(WEB_ARTICLE, "p.txt")
    assert art.title == "某县产业园区加快建设"
    lines = art.text.split("\n")
    assert "园区规划面积3000亩。" in lines  # after a double blank line: still the same article
    assert "甲乙新材料有限公司年产1万吨粘合剂项目" in lines  # a heading run's first line is read, not a subtitle
    assert "责任单位：某镇" in lines


def test_page_with_several_headline_dispatch_blocks_still_splits() -> None:
    page = (
        "甲县召开会议\n\n本报讯（记者 甲）4月1日，甲县召开会议。\n\n会议要求抓好落实。\n\n\n\n"
        "乙县项目开工\n\n本报讯（记者 乙）4月2日，乙县项目开工。\n"
    )
    assert [a.title for a in parse_page(page, "p.txt")] == ["甲县召开会议", "乙县项目开工"]
