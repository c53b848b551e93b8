"""Layout repair on small hand-made pages: joins, breaks, spaces, punctuation, paragraph kinds."""

from __future__ import annotations

from econgraph.loaders.layout import (
    BODY,
    BYLINE,
    DATELINE,
    HEADING,
    LEAD,
    heading_like,
    normalise_body,
    repair,
)
from hypothesis import given, settings
from hypothesis import strategies as st


def texts(page: str) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in repair(page)]


def test_sentence_broken_by_blank_line_is_joined() -> None:
    page = "小标题在这里\n\n产业升级，实现了“专业建在产业链\n\n上”。与此同时，学校牵头。\n\n第二段完整。\n"
    assert texts(page) == [
        (HEADING, "小标题在这里"),
        (BODY, "产业升级，实现了“专业建在产业链上”。与此同时，学校牵头。"),
        (BODY, "第二段完整。"),
    ]


def test_column_wrapped_lines_with_indented_paragraphs() -> None:
    page = "  3月12日，推介会在北京召\n开。会上，市长讲述了几个\n\n故事。\n  第二段从这里开始，\n到这里结束。\n"
    assert texts(page) == [
        (BODY, "3月12日，推介会在北京召开。会上，市长讲述了几个故事。"),
        (BODY, "第二段从这里开始，到这里结束。"),
    ]


def test_short_column_lines_that_look_like_headings_continue() -> None:
    page = (
        "市人社局对企业进行摸底调查，并作专\n门安排部署。市县两级人社部门深入\n\n“专精特新”中小企业和制造业单项冠\n军企业开展新政策宣讲，积极主动组织\n\n"
        "职称申报工作。\n\n激发人才创新创造内驱力\n\n“创新创造关键在人才。”\n"
    )
    assert texts(page) == [
        (BODY, "市人社局对企业进行摸底调查，并作专门安排部署。市县两级人社部门深入“专精特新”中小企业和制造业单项冠军企业开展新政策宣讲，积极主动组织职称申报工作。"),
        (HEADING, "激发人才创新创造内驱力"),
        (BODY, "“创新创造关键在人才。”"),
    ]


def test_fragment_starting_with_a_conjunction_is_not_a_heading() -> None:
    page = "由于企业是国家级专精特新\n\n“小巨人”企业，通过举荐制直接申报。\n"
    assert texts(page) == [(BODY, "由于企业是国家级专精特新“小巨人”企业，通过举荐制直接申报。")]


def test_line_starting_with_a_comma_continues_the_line_above() -> None:
    page = "上一段结束。\n\n核心技术买不来、求不来\n\n，必须依靠自主创新。\n"
    assert texts(page) == [(BODY, "上一段结束。"), (BODY, "核心技术买不来、求不来，必须依靠自主创新。")]


def test_short_line_after_an_unfinished_sentence_is_its_rest() -> None:
    page = "会上，市长没有重点推介，而是讲述了\n\n几个“小故事”———\n\n故事一：来自德国的订单\n\n正文。\n"
    assert texts(page) == [
        (BODY, "会上，市长没有重点推介，而是讲述了几个“小故事”———"),
        (HEADING, "故事一：来自德国的订单"),
        (BODY, "正文。"),
    ]


def test_kinds_bylines_leads_markdown_dateline() -> None:
    page = (
        "2025年4月16日 星期三\n\n# 主标题在这里\n\n## ——副标题在这里\n\n■ 本报记者 张三  \n本报通讯员 李四\n\n"
        "本报讯（记者 王五）4月15日，会议召开。\n\n□记 者 赵六\n   通讯员 钱七 报道\n  本报聊城讯 近日，活动举行。\n"
    )
    assert texts(page) == [
        (DATELINE, "2025年4月16日 星期三"),
        (HEADING, "主标题在这里"),
        (HEADING, "——副标题在这里"),
        (BYLINE, "■ 本报记者 张三"),
        (BYLINE, "本报通讯员 李四"),
        (LEAD, "本报讯（记者 王五）4月15日，会议召开。"),
        (BYLINE, "□记者 赵六"),
        (BYLINE, "通讯员 钱七 报道"),
        (LEAD, "本报聊城讯 近日，活动举行。"),
    ]
    assert [p.md for p in repair(page)][1:3] == [1, 2]


def test_photo_byline_at_the_end_of_a_caption_is_split_off() -> None:
    page = "正文结束。\n\n\n\n4月15日，市民在书房读书。 ■ 本报记者 张石小\n"
    paras = repair(page)
    assert [(p.kind, p.text, p.hard_break) for p in paras] == [
        (BODY, "正文结束。", False),
        (BODY, "4月15日，市民在书房读书。", True),
        (BYLINE, "■ 本报记者 张石小", False),
    ]


def test_source_lines_are_tracked() -> None:
    paras = repair("标题\n\n第一句结束。第二句没有\n\n结束。\n")
    assert [p.lines for p in paras] == [(1, 1), (3, 5)]


def test_letter_spacing_and_layout_spaces_removed() -> None:
    assert normalise_body("占年度投资计 划 的 158.42% 。 大 力 招 引 项 目 。") == "占年度投资计划的158.42%。大力招引项目。"
    assert normalise_body("市值近4 0 0 亿元，引进人才2 .7万人， 2 0 2 1 年") == "市值近400亿元，引进人才2.7万人，2021年"
    assert normalise_body("1 月 12 日，总产值 1044.9 亿元") == "1月12日，总产值1044.9亿元"


def test_phrase_spaces_and_latin_words_kept() -> None:
    assert normalise_body("以“统筹发展和安全 护航‘十五五’”为主题") == "以“统筹发展和安全 护航‘十五五’”为主题"
    assert normalise_body("通过ISO 9001 认证") == "通过ISO 9001认证"
    assert normalise_body("New York  Times") == "New York Times"


def test_ascii_punctuation_in_chinese_becomes_full_width() -> None:
    assert normalise_body("日前,中色正锐(山东)铜业有限公司:研发?是的!") == "日前，中色正锐（山东）铜业有限公司：研发？是的！"
    assert normalise_body("增长85.4%,2024年") == "增长85.4%，2024年"
    assert normalise_body("共1,000人,9:30开始") == "共1,000人，9:30开始"
    assert normalise_body("ＯＰＣ企业２０２５年") == "OPC企业2025年"


def test_heading_like() -> None:
    for heading in ("始于人才 成于创新", "“五育融合”，构建新时代育人体系", "1041亩老旧大棚“重获新生”"):
        assert heading_like(heading), heading
    for fragment in ("“2024年以来，聊城市先后两次征集", "由于金光机械是国家级专精特新", "2月5日，工业机器人",
                     "产业升级。人才先行", "一家企业的", "第一行没有结束，", "——",
                     "该公司主要生产汽车数字高清晰导航系统、汽车音响、组合仪表等产品，引进了",
                     "会议要求，各部门要把工作落到实处，加快"):
        assert not heading_like(fragment), fragment


def test_line_endings_and_bom() -> None:
    assert texts("\ufeff标题\r\n\r\n第一句结束。第二句没有\r\r结束。\r\n") == [
        (HEADING, "标题"),
        (BODY, "第一句结束。第二句没有结束。"),
    ]


page_text = st.lists(
    st.sampled_from(["聊城", "临清市", "轴承", "，", "。", "“", "”", " ", "\u3000", "\n", "\n\n", "\n\n\n",
                     "■ 本报记者 张三", "本报讯（记者 李四）", "——", "# ", "4月15日", "2 0 2 1", "(", ")", "a", "1"]),
    max_size=60,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(page_text)
def test_repair_is_total_and_deterministic(page: str) -> None:
    first = repair(page)
    assert [(p.kind, p.text) for p in first] == [(p.kind, p.text) for p in repair(page)]
    for p in first:
        assert p.text and "\n" not in p.text and p.text == p.text.strip()
