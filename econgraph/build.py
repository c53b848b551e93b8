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

import os
import pickle
import struct
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol, TypeVar

from econgraph.errors import WorkspaceError
from econgraph.graph.model import ArticleFacts, Node
from econgraph.graph.store import GraphStore, Stats
from econgraph.loaders.article import Article
from econgraph.loaders.reading import Skipped

T = TypeVar("T")
Progress = Callable[[str, int, int], None]  # (stage, done, total): "extract" in files, "load" in articles
LOAD_CHUNK = 200  # articles per spill chunk; a store.load call takes whole chunks (store.articles_per_load)
EXTRACT_WINDOW = 1000  # articles handed to the worker pool at a time (two windows in flight at most)
PARENT_POLL = 1.0  # seconds between a worker's checks that the build's process is still there
PREPARED_AHEAD = 2  # load calls per worker prepared ahead of the one being written (second pass, --jobs > 1)
CHECKPOINT_GROWTH = 4  # the embedded file is saved when the loaded articles reach LOAD_CHUNK * 4**k, and at the end


class ArticleExtractor(Protocol):
    def extract(self, article: Article) -> ArticleFacts: ...


@dataclass
class BuildReport:
    files: int = 0  # input files read
    articles: int = 0  # articles extracted and loaded
    skipped: list[Skipped] = field(default_factory=list)  # input files not read, and why
    removed_articles: int = 0  # stale articles of the files read, deleted with their facts
    unchanged_articles: int = 0  # articles the store already held from these files, same text (same uid)
    new_articles: int = 0  # articles the store did not hold from these files (new or edited text)
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
    year: int | None = None,
) -> BuildReport:
    """Read ``paths``, extract, resolve aliases and load into ``store``; never stops at a bad file.

    Streams so that memory does not grow with the corpus beyond the graph itself: files are read one
    at a time, extracted in windows, and the facts spilled to a temporary file; only the company
    nodes (what alias resolution needs across articles) stay in memory. The second pass reads the
    spill back chunk by chunk, resolves aliases against every company of the build and loads; with
    ``jobs`` > 1 and a store that splits its load (``GraphStore.load_preparer``), worker processes read
    the spill, link aliases and prepare each load call while this process writes the one before, in order.
    """
    began = time.perf_counter()
    report = BuildReport()
    with _spill_file() as spill:
        seen = _extract_to_spill(paths, extractor, jobs, progress, report, spill, year)
        with store.deferred_save():
            if rebuild:
                store.clear()
            stored = store.article_sources(seen.sources, seen.uids) if seen.sources and not rebuild else {}
            old_uids = set(stored)
            held = _held_by(stored, seen)
            stale = {uid for uid, files in held.items() if not files}
            report.unchanged_articles = len(seen.uids & old_uids)
            report.new_articles = len(seen.uids - old_uids)
            if stale:
                report.removed_articles = store.delete_articles(sorted(stale))
            links = _alias_links(list(seen.companies.values()), store, None if rebuild else old_uids | seen.uids)
            counter = _Counter()
            done = 0
            checkpoint = LOAD_CHUNK
            spill.seek(0)
            # whole LOAD_CHUNKs of articles per load call, however the first pass cut the spill
            per_load = -(-max(1, store.articles_per_load) // LOAD_CHUNK) * LOAD_CHUNK
            preparer = store.load_preparer()
            if jobs > 1 and preparer is not None:  # workers prepare the next calls while this process writes
                calls = _prepared_calls(_spill_frames(spill), per_load, links, preparer, jobs, store, counter)
            else:
                calls = _serial_calls(_read_spill(spill), per_load, links, store, counter)
            with closing(calls):  # a failure here stops the workers at once, not when the generator is collected
                for n in calls:
                    done += n
                    if done >= checkpoint and done < seen.articles:
                        # a few saves on the way (geometric, so their total cost stays linear): a killed
                        # build leaves a readable store holding part of the work
                        store.flush()
                        checkpoint *= CHECKPOINT_GROWTH
                    if progress:
                        progress("load", done, seen.articles)
            # an article in several files keeps them all; one that a file no longer holds keeps the others
            store.set_article_sources({
                uid: sorted(files) for uid, files in held.items()
                if files and (len(files) > 1 or len(stored.get(uid, ())) > 1
                              or (uid not in seen.uids and files != stored.get(uid)))
            })
        report.articles = done
        report.nodes, report.relationships = counter.result()
    report.stats = store.stats()
    report.seconds = time.perf_counter() - began
    return report


def _spill_problem(exc: OSError) -> WorkspaceError:
    where = tempfile.gettempdir()
    return WorkspaceError(f"cannot write the build's temporary file in {where}: {exc.strerror or exc}",
                          "free some space there, or point TMPDIR at a folder with room")


@contextmanager
def _spill_file() -> Iterator[IO[bytes]]:
    """The build's spill (extracted facts between the two passes); a full or unwritable temporary
    folder is a ``WorkspaceError`` naming it, not a traceback."""
    try:
        spill = tempfile.TemporaryFile(prefix="econgraph-build-")
    except OSError as exc:
        raise _spill_problem(exc) from None
    with spill:
        yield spill


# The spill is a sequence of frames, each a header (the pickle's length, its number of articles) and a pickled list
# of ``ArticleFacts``: the second pass hands whole frames to worker processes without unpickling them.
_FRAME = struct.Struct("<QI")


def _dump(chunk: list[ArticleFacts], spill: IO[bytes]) -> None:
    _write(_frame(pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL), len(chunk)), spill)


def _frame(data: bytes, articles: int) -> bytes:
    return _FRAME.pack(len(data), articles) + data


def _spill_frames(spill: IO[bytes]) -> Iterator[tuple[bytes, int]]:
    """The spill's frames as they are: (pickled list of facts, its number of articles)."""
    while True:
        head = spill.read(_FRAME.size)
        if len(head) < _FRAME.size:
            return
        size, articles = _FRAME.unpack(head)
        yield spill.read(size), articles


@dataclass
class _Seen:
    """What the first pass keeps of the corpus: small beside the articles and their facts."""

    articles: int = 0
    sources: set[str] = field(default_factory=set)
    uids: set[str] = field(default_factory=set)
    sources_of: dict[str, set[str]] = field(default_factory=dict)  # article uid → the files of this build holding it
    companies: dict[str, Node] = field(default_factory=dict)  # first node per uid, in article order

    def add(self, summaries: Iterable[_Summary]) -> None:
        for uid, source, companies in summaries:
            self.articles += 1
            self.sources.add(source)
            self.uids.add(uid)
            self.sources_of.setdefault(uid, set()).add(source)
            for node in companies:
                if node.uid not in self.companies:
                    self.companies[node.uid] = node


_Summary = tuple[str, str, list[Node]]  # an article's uid, source and company nodes: what the first pass keeps


def _summary(item: ArticleFacts) -> _Summary:
    return (item.article.uid, item.article.props.get("source", ""),
            [node for node in item.nodes if node.label == "Company"])


@dataclass
class _Batch:
    """Articles extracted by a worker: their facts pickled for the spill, and their summaries."""

    facts: bytes
    summary: list[_Summary]


def _extract_batch(extractor: ArticleExtractor, articles: list[Article]) -> _Batch:
    facts = [extractor.extract(article) for article in articles]
    return _Batch(_frame(pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL), len(facts)),
                  [_summary(item) for item in facts])


def _write(data: bytes, spill: IO[bytes]) -> None:
    try:
        spill.write(data)
    except OSError as exc:
        raise _spill_problem(exc) from None


def _extract_to_spill(
    paths: Sequence[str | Path] | str | Path,
    extractor: ArticleExtractor | None,
    jobs: int,
    progress: Progress | None,
    report: BuildReport,
    spill: IO[bytes],
    year: int | None = None,
) -> _Seen:
    from econgraph.loaders.documents import iter_documents
    from econgraph.loaders.reading import iter_input_files

    path_list = [paths] if isinstance(paths, (str, Path)) else list(paths)
    # listed once: a file that vanishes after the listing is reported when it cannot be read, not left out
    items = list(iter_input_files([Path(p) for p in path_list]))
    n_files = sum(1 for f in items if not isinstance(f, Skipped))
    seen = _Seen()
    files_done = 0

    def articles() -> Iterator[Article]:
        nonlocal files_done
        for item in items:
            docs = [item] if isinstance(item, Skipped) else iter_documents([item], year=year)
            for doc in docs:
                if isinstance(doc, Skipped):
                    report.skipped.append(doc)
                    continue
                report.files += 1
                yield from doc
                files_done += 1
                if progress:
                    progress("extract", files_done, n_files)

    if extractor is None:
        from econgraph.loaders.extract import Extractor

        extractor = Extractor()
    if jobs > 1:
        # the workers pickle their facts once, for the spill: the parent only writes the bytes and keeps the
        # summary (what it does per article is the bottleneck of a parallel first pass otherwise)
        for batch in _extract_batches(articles(), extractor, jobs):
            seen.add(batch.summary)
            _write(batch.facts, spill)
    else:
        chunk: list[ArticleFacts] = []
        for item in map(extractor.extract, articles()):  # in this process, in article order
            seen.add([_summary(item)])
            chunk.append(item)
            if len(chunk) >= LOAD_CHUNK:
                _dump(chunk, spill)
                chunk = []
        if chunk:
            _dump(chunk, spill)
    try:
        spill.flush()
    except OSError as exc:
        raise _spill_problem(exc) from None
    return seen


def _held_by(stored: dict[str, set[str]], seen: _Seen) -> dict[str, set[str]]:
    """The files that hold each article after this build: the stored ones this build did not read,
    plus those of this build that yield it. An empty set: no file holds it any more (stale)."""
    held = {uid: (files - seen.sources) | seen.sources_of.get(uid, set()) for uid, files in stored.items()}
    for uid, files in seen.sources_of.items():
        held.setdefault(uid, set(files))
    return held


def _regroup(chunks: Iterable[list[T]], size: int) -> Iterator[list[T]]:
    """Chunks joined into lists of at least ``size`` items (the last may be smaller)."""
    group: list[T] = []
    for chunk in chunks:
        group.extend(chunk)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


def _reslice(chunks: Iterable[list[T]], size: int) -> Iterator[list[T]]:
    """The items of ``chunks`` in lists of exactly ``size`` (the last may be smaller), however they were cut."""
    group: list[T] = []
    for chunk in chunks:
        group.extend(chunk)
        while len(group) >= size:
            yield group[:size]
            group = group[size:]
    if group:
        yield group


def _read_spill(spill: IO[bytes]) -> Iterator[list[ArticleFacts]]:
    for data, _ in _spill_frames(spill):
        yield pickle.loads(data)


def _serial_calls(chunks: Iterable[list[ArticleFacts]], per_load: int,
                  links: Callable[[list[ArticleFacts]], list[ArticleFacts]], store: GraphStore,
                  counter: _Counter) -> Generator[int, None, None]:
    """The load calls of the second pass, made in this process; yields the articles of each call once written."""
    for chunk in map(links, _reslice(chunks, per_load)):
        store.load(chunk)
        counter.add(chunk)
        yield len(chunk)


def _frame_groups(frames: Iterable[tuple[bytes, int]], size: int) -> Iterator[tuple[list[bytes], int, int]]:
    """Spill frames grouped into load calls of exactly ``size`` articles (the last may be smaller), however the
    first pass cut them: (the frames holding the call's articles, how many of their articles come before, how
    many it takes). A frame across a border goes with both calls."""
    group: list[tuple[bytes, int]] = []
    skip = count = 0  # count: the articles of ``group`` after the first ``skip``
    for data, n in frames:
        if not n:
            continue
        group.append((data, n))
        count += n
        while count >= size:
            yield [d for d, _ in group], skip, size
            count -= size
            last, last_n = group[-1]
            group, skip = ([], 0) if not count else ([(last, last_n)], last_n - count)
    if count:
        yield [d for d, _ in group], skip, count


@dataclass
class _PreparedCall:
    """One load call made ready by a worker: what the store writes, and what the build counts of it."""

    articles: int
    prepared: object
    nodes: dict[str, list[str]]
    relationships: dict[str, list[str]]


_pass2: tuple[Callable[[list[ArticleFacts]], list[ArticleFacts]], Callable[[list[ArticleFacts]], object]] | None = None


def _init_pass2(parent: int, links: Callable[[list[ArticleFacts]], list[ArticleFacts]],
                preparer: Callable[[list[ArticleFacts]], object]) -> None:
    global _pass2
    _pass2 = (links, preparer)
    _exit_with_parent(parent)


def _exit_with_parent(parent: int) -> None:
    """In a worker: exit once the build's process is gone (killed), instead of waiting for work as an orphan."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(1)

    threading.Thread(target=watch, name="econgraph-parent-watch", daemon=True).start()


def _prepare_call(frames: list[bytes], skip: int, take: int) -> _PreparedCall:
    """In a worker: a load call's facts read from its frames, alias-linked and prepared for the store."""
    assert _pass2 is not None
    links, preparer = _pass2
    facts = [item for data in frames for item in pickle.loads(data)][skip:skip + take]
    chunk = links(facts)
    nodes: dict[str, list[str]] = {}
    rels: dict[str, list[str]] = {}
    for item in chunk:
        for node in (item.article, *item.nodes):
            nodes.setdefault(node.label, []).append(node.uid)
        for rel in item.relationships:
            rels.setdefault(rel.type, []).append(rel.uid)
    return _PreparedCall(len(chunk), preparer(chunk), nodes, rels)


def _prepared_calls(frames: Iterable[tuple[bytes, int]], per_load: int,
                    links: Callable[[list[ArticleFacts]], list[ArticleFacts]],
                    preparer: Callable[[list[ArticleFacts]], object], jobs: int, store: GraphStore,
                    counter: _Counter) -> Generator[int, None, None]:
    """The load calls of the second pass with ``jobs`` worker processes reading the spill, applying the alias links
    and preparing each call (``GraphStore.load_preparer``) while this process writes the calls before it, in order.
    At most ``PREPARED_AHEAD`` calls per worker wait in memory. Yields the articles of each call once written."""
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_pass2, initargs=(os.getpid(), links, preparer))
    try:
        pending: deque[Future[_PreparedCall]] = deque()
        groups = _frame_groups(frames, per_load)
        ahead = PREPARED_AHEAD * jobs
        while True:
            while len(pending) < ahead:
                group = next(groups, None)
                if group is None:
                    break
                pending.append(pool.submit(_prepare_call, *group))
            if not pending:
                return
            call = pending.popleft().result()
            store.load_prepared(call.prepared)
            counter.add_uids(call.nodes, call.relationships)
            yield call.articles
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _extract_batches(articles: Iterator[Article], extractor: ArticleExtractor, jobs: int) -> Iterator[_Batch]:
    """Extraction by ``jobs`` worker processes, in batches of articles, in article order whatever the scheduling
    (so output never depends on it). ``Executor.map`` submits its whole input at once, so the articles go to the
    pool in windows of ``EXTRACT_WINDOW``, the next window queued while the current one is consumed: the pool
    stays busy and at most two windows of articles are in memory. Each batch is extracted and pickled by a
    worker (``_extract_batch``)."""
    size = _aligned(max(1, EXTRACT_WINDOW // (jobs * 8)), LOAD_CHUNK)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_exit_with_parent, initargs=(os.getpid(),)) as pool:
        pending: deque[Iterator[_Batch]] = deque()
        for window in _regroup(([article] for article in articles), EXTRACT_WINDOW):
            batches = [window[i:i + size] for i in range(0, len(window), size)]
            pending.append(pool.map(_extract_batch, [extractor] * len(batches), batches))
            if len(pending) > 1:
                yield from pending.popleft()
        while pending:
            yield from pending.popleft()


def _aligned(size: int, chunk: int) -> int:
    """A batch size near ``size`` (not below half of it) that divides ``chunk`` if there is one, else ``size``: the
    spill's frames then fall on the borders of the load calls and no worker of the second pass reads a frame that
    another also reads (``_frame_groups``)."""
    return next((d for d in range(size, max(1, size // 2) - 1, -1) if chunk % d == 0), size)


def _alias_links(companies: list[Node], store: GraphStore,
                 rebuilt: set[str] | None) -> Callable[[list[ArticleFacts]], list[ArticleFacts]]:
    """Cross-article alias linking, decided once over every company of the build (stored context
    first: companies some article outside ``rebuilt`` mentions; none for a rebuild) and applied chunk by
    chunk: the same links as ``resolve`` over all facts at once. The stored companies that can matter are
    found through the store's indexes when it keeps them, else all are read; the short forms of stored names
    come from the store's cache when the name rules are unchanged."""
    from econgraph.loaders.aliases import (  # with the extractor: when a build runs
        alias_targets,
        alias_targets_near,
        rules_signature,
    )

    kind, signature = "short-names", rules_signature()
    targets = None
    if rebuilt is not None:
        outside = rebuilt

        def claimants(names: set[str]) -> list[Node] | None:
            found = store.company_claimants(kind, signature, names, outside)
            return None if found is None else [Node("Company", n.uid, dict(n.properties)) for n in found]

        targets = alias_targets_near(companies, claimants, lambda names: store.derived_of(kind, signature, names))
    if targets is None:
        known = _known_companies(store, rebuilt) if rebuilt is not None else []
        targets = alias_targets([*known, *companies], derived=store.derived(kind, signature))
    store.remember_derived(kind, signature, targets.computed)
    return targets.apply


def _known_companies(store: GraphStore, rebuilt: set[str]) -> list[Node]:
    """Stored companies that some article outside this build mentions: context, not our own past output."""
    finder = getattr(store, "companies_mentioned_outside", None)
    if finder is not None:  # the embedded store answers from its indexes without reading every fact
        return [Node("Company", n.uid, dict(n.properties)) for n in finder(rebuilt)]
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


class _Counter:
    """This build's distinct nodes per label and relationships per type, counted chunk by chunk."""

    def __init__(self) -> None:
        self.nodes: dict[str, set[str]] = {}
        self.rels: dict[str, set[str]] = {}

    def add(self, facts: Iterable[ArticleFacts]) -> None:
        for item in facts:
            for node in (item.article, *item.nodes):
                self.nodes.setdefault(node.label, set()).add(node.uid)
            for rel in item.relationships:
                self.rels.setdefault(rel.type, set()).add(rel.uid)

    def add_uids(self, nodes: dict[str, list[str]], relationships: dict[str, list[str]]) -> None:
        for label, uids in nodes.items():
            self.nodes.setdefault(label, set()).update(uids)
        for rtype, uids in relationships.items():
            self.rels.setdefault(rtype, set()).update(uids)

    def result(self) -> tuple[dict[str, int], dict[str, int]]:
        return {k: len(v) for k, v in self.nodes.items()}, {k: len(v) for k, v in self.rels.items()}
