"""Saved web pages and crawled JSON Lines feeds become articles like text pages do (sentences written here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from econgraph.graph.embedded import EmbeddedStore
from econgraph.loaders.documents import load_articles

from econgraph.cli import cli

PAGE = """<html><head><title>县融媒体中心 - 鑫河轴承与河海科技大学签约</title>
<meta property="article:published_time" content="2024-05-06T09:30:00+08:00">
<link rel="canonical" href="http://news.example.cn/2024/0506/1.html"></head>
<body><div class="nav"><a href="/">首页</a> <a href="/x">本地新闻</a> <a href="/y">视频</a></div>
<article><h1>鑫河轴承与河海科技大学签约</h1>
<p>本报讯 5月6日，临清市鑫河轴承有限公司与河海科技大学签署产学研合作协议，双方将共建高端轴承研发中心。</p>
<p>该公司是国家级专精特新“小巨人”企业，产品配套多家主机厂，年产轴承八百万套，出口二十多个国家和地区。</p>
</article><div class="footer">版权所有 联系我们 网站地图</div></body></html>"""


def test_html_page_gives_its_main_article_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    result = load_articles(tmp_path)
    assert not result.skipped
    (art,) = result.articles
    assert "鑫河轴承有限公司与河海科技大学" in art.text
    assert "版权所有" not in art.text and "网站地图" not in art.text
    assert art.date == "2024-05-06"
    assert art.url == "http://news.example.cn/2024/0506/1.html"
    assert art.to_node().props["url"] == art.url


def test_jsonl_feed_gives_one_article_per_line(tmp_path: Path) -> None:
    rows = [
        {"title": "甲", "date": "2023-11-02", "url": "http://a.example/1", "text": "鑫河轴承有限公司位于临清市。"},
        {"text": "5月6日，河源电缆有限公司在冠县投产。"},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8")
    arts = load_articles(path, year=2022).articles
    assert [a.title for a in arts][0] == "甲"
    assert [a.date for a in arts] == ["2023-11-02", "2022-05-06"]
    assert arts[0].url == "http://a.example/1" and arts[1].url == ""
    assert arts[1].title  # derived from the text when the feed has none


@pytest.mark.parametrize(("content", "reason"), [
    ('{"text": "好"}\nnot json\n', "line 2 is not JSON"),
    ('{"title": "没有正文"}\n', 'line 1 has no "text" string'),
])
def test_bad_jsonl_line_is_named(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(content, encoding="utf-8")
    (skipped,) = load_articles(path).skipped
    assert skipped.path == str(path) and reason in skipped.reason


def test_build_reads_html_and_jsonl_next_to_text_pages(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "page.html").write_text(PAGE, encoding="utf-8")
    (inputs / "feed.jsonl").write_text(json.dumps({"text": "河源电缆有限公司位于冠县。"}, ensure_ascii=False),
                                       encoding="utf-8")
    store = tmp_path / "g.econgraph"
    result = CliRunner().invoke(cli, ["build", str(inputs), "--store", str(store)])
    assert result.exit_code == 0, result.output
    sources = {n.properties["source"] for n in EmbeddedStore(store).iter_nodes() if n.label == "Article"}
    assert sources == {str(inputs / "page.html"), str(inputs / "feed.jsonl")}
