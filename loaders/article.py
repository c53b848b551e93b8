"""An article as the loaders hand it on: metadata plus the repaired body text.

Evidence offsets index ``Article.text`` (the body after layout repair). A page in traditional script is
converted to simplified character for character (``loaders.script``): ``text`` is the conversion, ``original``
the page's own wording at the same offsets, and the node records ``script: "traditional"``.
"""

from __future__ import annotations

from dataclasses import dataclass

from econgraph.graph.model import Node


@dataclass
class Article:
    uid: str  # stable, derived from the content (see loaders.articles)
    source: str  # the file path as given
    title: str
    text: str  # the repaired body; evidence offsets point into it
    subtitle: str = ""
    section: str = ""
    byline: str = ""
    date: str = ""  # ISO, possibly partial: 2025-04-15, 2025-04, or ""
    sha256: str = ""  # of the body text
    index: int = 0  # position on the page
    url: str = ""  # where a saved web page or a crawled record came from
    script: str = ""  # "traditional" when the page was in traditional script and ``text`` is its conversion
    original: str = ""  # then: the body in the page's script, same length as ``text`` (loaders.script)
    dateline: str = ""  # the dispatch lead taken off the body (本报寿光讯): the place the article reports from
    glossed: str = ""  # the page (or article) as it came, when pinyin glosses were dropped from it (loaders.script)

    def to_node(self) -> Node:
        return Node(
            "Article",
            self.uid,
            {
                "uid": self.uid,
                "name": self.title,
                "title": self.title,
                "subtitle": self.subtitle,
                "section": self.section,
                "byline": self.byline,
                "date": self.date,
                "source": self.source,
                "sha256": self.sha256,
                "text": self.text,
                **({"url": self.url} if self.url else {}),
                **({"script": self.script} if self.script else {}),
            },
        )
