"""An article as the loaders hand it on: metadata plus the repaired body text.

Evidence offsets index ``Article.text`` (the body after layout repair).
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
            },
        )
