"""The seed pages, read by hand: every article a careful reader sees, with its own title.

Expectations were written from reading the pages (``cat -A``), not copied from the loader's
output. Dates: the seed pages carry no page date, so month-day dates stay partial (--MM-DD).
"""

from __future__ import annotations

import re

import pytest
from econgraph.loaders.documents import load_articles
from econgraph.loaders.layout import ends_sentence
from helpers import SEEDS

SEED_TITLES = {
    "000": [
        "始于人才 成于创新",
        "全市城市文明建设常态长效工作会议第二次会议召开",
        "聊城市2026年全民国家安全教育主题宣传周启动",
        "我市优化审批服务 护航项目建设",
        "全链条赋能新型创业主体，东昌府区——高效办理OPC产业“一类事”",
        "市民在开发区城市书房安静读书",  # photo caption
        "齐鲁足球超级联赛聊城站5月4日开赛",
        "全市侨务工作迈上新台阶",
    ],
    "001": [
        "以创新驱动加快发展新质生产力",
        "谋“新”重“质”求发展",
        "正月初三抢修忙",
        "东阿县实施企业培育“固链”行动",
        "茌平区畅通县乡村三级物流体系",
        "东昌府区堂邑镇西黄村菜农正在大棚内移栽甜瓜苗",  # photo caption
        "工业机器人在阳谷祥光铜业有限公司阴极铜生产线作业",  # photo caption under 目击
        "小轴承转动百亿大产业",
    ],
    "002": [
        "以产学研融合赋能转型",
        "在山东华创电气有限公司生产车间内，技术人员正在对产品进行出厂检测",  # photo news
        "我市三项经验入选全省优化涉农营商环境典型案例",
        "我市强化政策性资金争取",
        "冠县多措并举筑牢汛期安全防线",
        "高唐县努力打造中医药产业高地",
        "临清市土地租赁合同“变身”审批凭证",
        "“生态画笔”绘就绿色发展新画卷",
        "五维互嵌构筑民族团结“同心圆”",
        "聊城海关工作人员在乖宝集团开展出口宠物食品监管工作",  # photo news
    ],
    "003": [  # headlines printed below their articles on this page
        "推介会上，市长讲了5个“小故事”",
        "聊城乡村振兴有能人",
        "“五育融合”，构建新时代育人体系",
        "聊城卫生健康产才共融发展交流会在京举行",
        "去年聊城房地产业和建筑业实现增加值381.55亿元",
        "市直职工健步走活动举行",
        "数字赋能临清重点项目管理",
        "东阿瑞泓水务有限公司推出便民智能收费系统",
        "1041亩老旧大棚“重获新生”",
        "发展新质生产力是推动高质量发展的内在要求和重要着力点",  # untitled page lead-in
        "农资打假护春耕",
    ],
    "004": [  # headlines below, as in 003
        "在山东泉海汽车科技有限公司生产车间内，工作人员正加工线路板",  # photo caption
        "茌平区六条产业链协调共进",
        "职称“大礼包”释放新动能",
        "“链长制”助阳谷工业经济稳步发展",
        "临清新增高新技术企业33家",
        "市委宣讲团宣讲党的二十大精神",
        "市领导开展春节前走访慰问",
        "市属企业“一把手”集中进行述职评议",
        "“创领水城”2022聊城青年人才创新创业大赛落幕",
    ],
}

# Subheads that stay inside an article's body as paragraphs of their own.
SUBHEADS = {
    ("000", 0): ["自主培养 让人才从产业链上长出来", "联合攻关 突破“卡脖子”技术瓶颈", "优化生态 既引得来又留得住发展好"],
    ("003", 0): [
        "故事一：来自德国的“轴承订单”",
        "故事二：一颗“北京种子”的破土成长",
        "故事三：冰天雪地里的“热挑战”",
        "故事四：一个本土企业的破茧蝶变",
        "故事五：一个世界500强的“十连投”",
    ],
    ("004", 2): ["激发人才创新创造内驱力", "政策落地“不漏一企、不少一人”", "举荐制开通高级职称“直通车”", "市场认可和实际贡献成重要“砝码”"],
}


@pytest.fixture(scope="module")
def seeds() -> dict[str, list]:
    result = load_articles([SEEDS])
    assert result.skipped == []
    pages: dict[str, list] = {}
    for art in result.articles:
        key = re.search(r"(\d{3})_", art.source).group(1)
        pages.setdefault(key, []).append(art)
    return pages


@pytest.mark.parametrize("page", sorted(SEED_TITLES))
def test_seed_articles_and_titles(seeds, page: str) -> None:
    assert [a.title for a in seeds[page]] == SEED_TITLES[page]
    assert [a.index for a in seeds[page]] == list(range(len(SEED_TITLES[page])))


@pytest.mark.parametrize("page", sorted(SEED_TITLES))
def test_no_line_break_inside_a_sentence(seeds, page: str) -> None:
    for i, art in enumerate(seeds[page]):
        assert art.text and art.text == art.text.strip()
        allowed = set(SUBHEADS.get((page, i), []))
        for para in art.text.split("\n"):
            assert para, (page, i)
            if para in allowed:
                continue
            # a paragraph ends a sentence (or introduces a list with a dash)
            assert ends_sentence(para) or para.endswith("——"), (page, i, para[-30:])


@pytest.mark.parametrize("page", sorted(SEED_TITLES))
def test_no_duplicated_paragraph_and_no_layout_spaces(seeds, page: str) -> None:
    for art in seeds[page]:
        paras = art.text.split("\n")
        for j, para in enumerate(paras):
            assert not any(para in other for k, other in enumerate(paras) if k != j and len(para) >= 16)
        assert not re.search(r"\d \d|\d [\u4e00-\u9fff]|[\u4e00-\u9fff] \d", art.text)
        assert not re.search(r"(?:^|[^\u4e00-\u9fff])[\u4e00-\u9fff] [\u4e00-\u9fff](?:$|[^\u4e00-\u9fff])", art.text)


def test_subheads_kept_as_paragraphs(seeds) -> None:
    for (page, index), heads in SUBHEADS.items():
        paras = seeds[page][index].text.split("\n")
        assert [p for p in paras if p in heads] == heads


def test_repaired_words_and_numbers(seeds) -> None:
    assert "实现了“专业建在产业链上”。" in seeds["000"][0].text  # blank line inside a sentence
    assert "用于引进高层次和急需紧缺人才。" in seeds["000"][0].text
    assert "市值近400亿元的行业龙头" in seeds["003"][0].text  # letter-spaced digits
    assert "引进青年人才2.7万人" in seeds["003"][0].text
    assert "2021年，薛景霞被团中央" in seeds["003"][1].text
    assert "占年度投资计划的158.42%。大力招引项目。" in seeds["004"][4].text
    assert "中色正锐（山东）铜业有限公司" in seeds["000"][0].text  # ASCII brackets in Chinese text


def test_paragraph_printed_twice_is_dropped(seeds) -> None:
    text = seeds["001"][0].text
    assert text.count("公司正开足马力生产油井钻探用无缝管材") == 1
    assert "2月5日，在位于东昌府区的鑫鹏集团生产园区内" in text


def test_sections_subtitles_bylines(seeds) -> None:
    first = seeds["000"][0]
    assert (first.section, first.subtitle) == ("经济新面孔", "临清轴承以产才融合破局升级")
    assert "吕晓磊" in first.byline and "程源" in first.byline
    assert [a.section for a in seeds["000"][1:3]] == ["时政动态", "新闻速览"]
    assert seeds["000"][7].subtitle == "牢牢把握“根、魂、梦”工作主线"
    assert seeds["001"][1].section == "记者手记"
    assert seeds["001"][6].section == "目击"
    assert seeds["002"][0].section == "作风深化 实干争先"
    assert "看临清制造业的智慧动能" in seeds["002"][0].subtitle
    assert seeds["004"][2].subtitle == "我市改革“专精特新”企业人才评价机制"
    assert seeds["004"][8].subtitle == "现场签约8个项目总金额9.5亿元"
    # photo bylines stay with their captions
    assert seeds["000"][5].byline == "本报记者 张石小"
    assert seeds["004"][0].byline == "吴建正"
    assert seeds["003"][2].byline.replace("；", " ") == "记者 薛良诚 通讯员 刘淑娟 罗珂"
    assert seeds["003"][9].byline == ""  # the page lead-in has none


def test_second_dispatch_stays_in_its_article(seeds) -> None:
    art = seeds["004"][6]
    assert "刘国强" in art.text and "刘东昌" in art.text
    assert art.byline == "记者 王培源"
    assert "又讯" not in art.text and "本报讯" not in art.text


def test_leads_and_bylines_not_in_bodies(seeds) -> None:
    for page in seeds.values():
        for art in page:
            assert not re.search(r"本报\S{0,6}讯|[■□]", art.text), art.title


def test_dates_partial_without_page_year(seeds) -> None:
    assert [a.date for a in seeds["000"]] == [
        "", "--04-15", "--04-15", "--04-12", "--04-13", "--04-15", "--04-15", "--04-16",
    ]
    assert seeds["003"][3].date == "--03-13"
    assert seeds["004"][1].date == "--01-12"  # after a quotation opening the lead
    assert seeds["004"][0].date == "--01-10"


def test_year_supplied_by_caller() -> None:
    result = load_articles([SEEDS / "000_6515147898e2fc90.txt"], year=2026)
    assert result.articles[1].date == "2026-04-15"


def test_loading_is_deterministic() -> None:
    a = load_articles([SEEDS]).articles
    b = load_articles([SEEDS]).articles
    assert [(x.uid, x.text, x.sha256) for x in a] == [(y.uid, y.text, y.sha256) for y in b]
    assert len({x.uid for x in a}) == len(a)
