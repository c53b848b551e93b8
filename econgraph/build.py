"""The build pipeline: files → articles → facts → aliases → store.

Idempotent by construction:
- relationship uids are derived from (type, start, end, article) and every store load first drops
  the relationships an article had, so the same input twice gives the same graph;
- article uids are content-derived, so an edited article arrives under a new uid. A build treats
  each input file it reads as the whole truth about that file: stored articles whose ``source`` is
  one of the files read, but which that file no longer yields, are deleted with their facts (and the
  entities only they tied to the graph). Files that could not be read keep their earlier articles.
  ``source`` is the path as given, so build the same files with the same paths (``seeds/…``);
- alias resolution sees, as ``known``, only the companies that articles *outside* this build
  mention, so a rebuild of the same files resolves exactly as the first build did.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from econgraph.graph.model import ArticleFacts, Node
from econgraph.graph.store import GraphStore, Stats
from econgraph.loaders.article import Article

Progress = Callable[[str, int, int], None]  # (stage, done, total); stages "extract" and "load"
LOAD_CHUNK = 200  # articles per store.load call (progress granularity)


class ArticleExtractor(Protocol):
    def extract(self, article: Article) -> ArticleFacts: ...


@dataclass
class SkippedFile:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class BuildReport:
    files: int = 0  # input files read
    articles: int = 0  # articles extracted and loaded
    skipped: list[SkippedFile] = field(default_factory=list)
    removed_articles: int = 0  # stale articles of the files read, deleted with their facts
    nodes: dict[str, int] = field(default_factory=dict)  # this build's distinct nodes per label
    relationships: dict[str, int] = field(default_factory=dict)  # this build's relationships per type
    stats: Stats = field(default_factory=Stats)  # the whole store after the build
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.skipped


def build(
    paths: Sequence[str | Path] | str | Path,
    store: GraphStore,
    jobs: int = 1,
    rebuild: bool = False,
    progress: Progress | None = None,
    extractor: ArticleExtractor | None = None,
) -> BuildReport:
    """Read ``paths``, extract, resolve aliases and load into ``store``; never stops at a bad file."""
    from econgraph.loaders.documents import load_articles

    began = time.perf_counter()
    report = BuildReport()
    loaded = load_articles(paths)
    report.files = loaded.files
    report.skipped = [SkippedFile(str(s.path), str(s.reason)) for s in loaded.skipped]
    articles = loaded.articles
    facts = _extract_all(articles, extractor, jobs, progress)
    if rebuild:
        store.clear()
    sources = {a.source for a in articles}
    new_uids = {a.uid for a in articles}
    stored = store.article_uids(sources) if sources and not rebuild else {}
    old_uids = set().union(*stored.values()) if stored else set()
    facts = _resolve(facts, _known_companies(store, old_uids | new_uids) if not rebuild else [])
    stale = old_uids - new_uids
    if stale:
        report.removed_articles = store.delete_articles(sorted(stale))
    total = len(facts)
    for done, chunk in _chunks(facts, LOAD_CHUNK):
        store.load(chunk)
        if progress:
            progress("load", done, total)
    report.articles = total
    report.nodes, report.relationships = _count(facts)
    report.stats = store.stats()
    report.seconds = time.perf_counter() - began
    return report


def _extract_all(
    articles: list[Article], extractor: ArticleExtractor | None, jobs: int, progress: Progress | None
) -> list[ArticleFacts]:
    """Facts in article order whatever ``jobs`` is, so output never depends on scheduling."""
    if extractor is None:
        from econgraph.loaders.extract import Extractor

        extractor = Extractor()
    total = len(articles)
    out: list[ArticleFacts] = []
    if jobs > 1 and total > 1:
        chunksize = max(1, min(32, total // (jobs * 4)))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for item in pool.map(extractor.extract, articles, chunksize=chunksize):
                out.append(item)
                if progress:
                    progress("extract", len(out), total)
    else:
        for article in articles:
            out.append(extractor.extract(article))
            if progress:
                progress("extract", len(out), total)
    return out


def _resolve(facts: list[ArticleFacts], known: list[Node]) -> list[ArticleFacts]:
    """Cross-article alias linking, when the loaders provide it."""
    try:
        aliases: Any = importlib.import_module("econgraph.loaders.aliases")
    except ImportError:
        return facts
    resolve = getattr(aliases, "resolve", None)
    return list(resolve(facts, known=known)) if resolve else facts


def _known_companies(store: GraphStore, rebuilt: set[str]) -> list[Node]:
    """Stored companies that some article outside this build mentions: context, not our own past output."""
    elsewhere = {
        r.end[1]
        for r in store.iter_relationships()
        if r.type == "MENTIONS" and r.end[0] == "Company" and r.start[1] not in rebuilt
    }
    if not elsewhere:
        return []
    return [
        Node("Company", n.uid, dict(n.properties))
        for n in store.iter_nodes()
        if n.label == "Company" and n.uid in elsewhere
    ]


def _chunks(items: list[ArticleFacts], size: int) -> Iterator[tuple[int, list[ArticleFacts]]]:
    for i in range(0, len(items), size):
        chunk = items[i : i + size]
        yield i + len(chunk), chunk


def _count(facts: Iterable[ArticleFacts]) -> tuple[dict[str, int], dict[str, int]]:
    nodes: dict[str, set[str]] = {}
    rels: dict[str, set[str]] = {}
    for item in facts:
        for node in (item.article, *item.nodes):
            nodes.setdefault(node.label, set()).add(node.uid)
        for rel in item.relationships:
            rels.setdefault(rel.type, set()).add(rel.uid)
    return {k: len(v) for k, v in nodes.items()}, {k: len(v) for k, v in rels.items()}
