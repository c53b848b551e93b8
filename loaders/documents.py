"""Files and directories → articles: the loaders' entry point for the build and the CLI.

``iter_documents`` streams one result per input file (its articles, or why it was skipped) so a
build over many files never holds them all; ``load_articles`` collects them. A bad file never
stops the others: it becomes a ``Skipped`` with a one-line reason naming the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from econgraph.loaders.article import Article
from econgraph.loaders.formats import HTML_SUFFIXES, JSONL_SUFFIXES, html_articles, jsonl_articles
from econgraph.loaders.layout import repair
from econgraph.loaders.reading import DEFAULT_PATTERNS, Skipped, iter_input_files, read_text
from econgraph.loaders.script import convert_article, read_page
from econgraph.loaders.split import split_page

from econgraph.errors import InputError

__all__ = ["LoadResult", "Skipped", "iter_documents", "load_articles", "load_file", "parse_page"]


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    files: int = 0  # files read successfully

    @property
    def ok(self) -> bool:
        return not self.skipped


# A date in a file name or path: 2025-04-15 / 2025_04_15 / 2025.04.15, 20250415, or folders /2025/04/.
_PATH_DATE = re.compile(
    r"(?<![0-9A-Za-z])((?:19|20)[0-9]{2})(?:[-_.](?:0[1-9]|1[0-2])[-_.](?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]))(?![0-9A-Za-z])"
    r"|(?:^|/)((?:19|20)[0-9]{2})/(?:0?[1-9]|1[0-2])(?:/|$)"
)


def year_from_path(path: str | Path) -> int | None:
    """The year of a date written in the file's name or path (the last one wins: the file's own name)."""
    found = None
    for m in _PATH_DATE.finditer(Path(path).as_posix()):
        found = int(m.group(1) or m.group(2))
    return found


def parse_page(text: str, source: str, year: int | None = None) -> list[Article]:
    """One page's decoded text → its articles (``source`` is recorded as given).

    A page in traditional script is split and extracted as simplified (``loaders.script``)."""
    page = read_page(text)
    return page.mark(split_page(repair(page.text), source, year=year))


def load_file(path: str | Path, year: int | None = None) -> list[Article]:
    """Articles of one file; ``InputError`` (naming the file) when it is not readable text.

    A text page is split into its articles; a saved web page (.html) gives its main article and a
    crawled feed (.jsonl) one article per line (``loaders.formats``)."""
    decoded = read_text(Path(path))
    suffix = Path(path).suffix.lower()
    year = year_from_path(path) or year  # the page's own date in its name beats a year for the whole build
    if suffix in HTML_SUFFIXES:
        return [convert_article(a) for a in html_articles(decoded.text, str(path), year=year)]
    if suffix in JSONL_SUFFIXES:
        return [convert_article(a) for a in jsonl_articles(decoded.text, str(path), year=year)]
    articles = parse_page(decoded.text, str(path), year=year)
    if not articles:
        raise InputError(f"{path}: no article text found")
    return articles


def _as_paths(paths: str | Path | Iterable[str | Path]) -> list[str | Path]:
    if isinstance(paths, (str, Path)):
        return [paths]
    return list(paths)


def iter_documents(
    paths: str | Path | Iterable[str | Path],
    patterns: Iterable[str] = DEFAULT_PATTERNS,
    year: int | None = None,
) -> Iterator[list[Article] | Skipped]:
    """Per input file, in a stable order: its articles, or a ``Skipped`` saying why not."""
    for item in iter_input_files(_as_paths(paths), patterns):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            yield load_file(item, year=year)
        except InputError as exc:
            reason = str(exc)
            prefix = f"{item}: "
            yield Skipped(str(item), reason[len(prefix) :] if reason.startswith(prefix) else reason)


def load_articles(
    paths: str | Path | Iterable[str | Path],
    patterns: Iterable[str] = DEFAULT_PATTERNS,
    year: int | None = None,
) -> LoadResult:
    """All articles under ``paths`` (files or directories, recursive) plus the skipped inputs."""
    result = LoadResult()
    for doc in iter_documents(paths, patterns, year=year):
        if isinstance(doc, Skipped):
            result.skipped.append(doc)
        else:
            result.files += 1
            result.articles.extend(doc)
    return result
