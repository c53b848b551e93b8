"""Inputs other than text pages: saved web pages (HTML) and crawled feeds (JSON Lines).

A saved e-paper or portal page is mostly navigation, adverts and footers around one article: its main
text, title, date and URL come from trafilatura (maintained, handles Chinese pages), not from
hand-written tag rules. A crawled feed holds one article per line as a JSON object with ``text`` and,
when the crawler had them, ``title``, ``date`` and ``url``. Either way the result is the same
``Article`` a text page gives, so extraction and evidence offsets do not care where it came from.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from econgraph.loaders.article import Article
from econgraph.loaders.split import article_date, content_uid, derived_title

from econgraph.errors import InputError

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _iso(value: Any) -> str:
    """A date as ISO (maybe partial) from what a page or a crawler gives (2025-04-15, 2025-4, 2025-04-15T08:00)."""
    match = _ISO_DATE.match(str(value or "").strip())
    if not match:
        return ""
    parts = [match.group(1)] + [f"{int(p):02d}" for p in match.groups()[1:] if p]
    return "-".join(parts)


def _article(source: str, text: str, title: str, date: str, url: str, year: int | None, index: int) -> Article:
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]  # the headline repeated as the body's first line
    body = "\n".join(lines)
    title = title.strip() or derived_title(body)
    return Article(
        uid=content_uid(title, body),
        source=source,
        title=title,
        text=body,
        date=_iso(date) or article_date(body, (year, None) if year else None),
        sha256=hashlib.sha256(body.encode()).hexdigest(),
        index=index,
        url=url,
    )


def html_articles(html: str, source: str, year: int | None = None) -> list[Article]:
    """The main article of a saved web page, with its title, date and URL when the page states them."""
    import trafilatura

    doc: Any = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True)
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not any(ch.isalnum() for ch in text):
        raise InputError(f"{source}: no article text found in the HTML page")
    return [_article(source, text, doc.title or "", doc.date or "", doc.url or "", year, 0)]


def jsonl_articles(data: str, source: str, year: int | None = None) -> list[Article]:
    """One article per JSON line (``text`` required; ``title``, ``date``, ``url`` optional); blank lines skipped."""
    articles: list[Article] = []
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{source}: line {number} is not JSON ({exc.msg})") from exc
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f"{source}: line {number} has no \"text\" string")
        if not any(ch.isalnum() for ch in record["text"]):
            continue
        articles.append(_article(source, record["text"], str(record.get("title") or ""),
                                 str(record.get("date") or ""), str(record.get("url") or ""), year, len(articles)))
    if not articles:
        raise InputError(f"{source}: no article text found")
    return articles
