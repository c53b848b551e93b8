"""The one store interface; ``embedded`` (networkx) and ``neo4j`` implement it.

Both stores must give the same answers for the same loaded facts: same nodes and properties,
same relationships, same counts. Tests are parametrised over both.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from econgraph.graph.model import ArticleFacts


@dataclass
class Stats:
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)

    @property
    def total_nodes(self) -> int:
        return sum(self.nodes.values())

    @property
    def total_relationships(self) -> int:
        return sum(self.relationships.values())


@dataclass(frozen=True)
class StoredNode:
    label: str
    uid: str
    properties: dict[str, Any]


@dataclass(frozen=True)
class StoredRelationship:
    uid: str
    type: str
    start: tuple[str, str]  # (label, uid)
    end: tuple[str, str]
    properties: dict[str, Any]


class GraphStore(ABC):
    """Persisted graph. Loads are idempotent; an article's facts replace its earlier facts."""

    # At least how many articles a build hands to one ``load`` call (whole chunks of the build's
    # spill, 200 articles each). 1: every chunk on its own, for a store that checkpoints between
    # calls. Large for a store whose ``load`` overlaps its own batches (the Neo4j store: a call of
    # 200 articles is a single batch, written with nothing to overlap it).
    articles_per_load: int = 1

    @abstractmethod
    def load(self, facts: Iterable[ArticleFacts]) -> None:
        """Merge the facts of these articles; each article first drops the relationships it had."""

    def load_preparer(self) -> Callable[[list[ArticleFacts]], Any] | None:
        """A pure, picklable function (it reads no store) turning a load call's facts into what ``load_prepared``
        writes, ``load(f)`` being ``load_prepared(preparer(f))``: a build with ``--jobs`` > 1 runs it in worker
        processes while this process writes the previous call. None: the store has no such split (``load``)."""
        return None

    def load_prepared(self, prepared: Any) -> None:
        """Write what ``load_preparer()`` made of a load call's facts."""
        raise NotImplementedError

    @abstractmethod
    def stats(self) -> Stats: ...

    @abstractmethod
    def clear(self) -> None: ...

    @abstractmethod
    def query_backend(self) -> Any:
        """What runs the canned queries on this store (``queries.backends.Backend``): callers ask the store,
        they never look at which store they hold."""

    @abstractmethod
    def view_reader(self) -> Any:
        """What the views and ``show`` read the graph through (``viz.GraphReader``)."""

    @abstractmethod
    def iter_nodes(self) -> Iterator[StoredNode]: ...

    @abstractmethod
    def iter_relationships(self) -> Iterator[StoredRelationship]: ...

    def derived(self, kind: str, signature: str) -> dict[str, Any]:
        """Values a loader computed earlier (``remember_derived``) under the same ``signature``: a cache the
        store keeps beside the graph. Default: none kept."""
        return {}

    def remember_derived(self, kind: str, signature: str, values: dict[str, Any]) -> None:  # noqa: B027
        """Keep ``values`` (JSON) for ``derived``; values under another signature of ``kind`` go."""

    def derived_of(self, kind: str, signature: str, keys: Iterable[str]) -> dict[str, Any]:
        """``derived`` for these keys only."""
        return {}

    def company_claimants(self, kind: str, signature: str, names: Iterable[str],
                          outside: set[str]) -> list[StoredNode] | None:
        """Stored companies (mentioned by an article outside ``outside``) that may claim one of ``names`` as a short
        name, found through the store's indexes; None when the store cannot tell (the caller reads them all)."""
        return None

    def article_uids(self, sources: Iterable[str]) -> dict[str, set[str]]:
        """The uids of stored Article nodes per ``source``: lets a build find articles a file no longer has."""
        raise NotImplementedError

    def article_sources(self, sources: Iterable[str], uids: Iterable[str] = ()) -> dict[str, set[str]]:
        """Every file that holds a stored article, for the articles that one of ``sources`` holds or
        whose uid is in ``uids``: ``{article uid: {source, …}}``.

        An article found in several files keeps them all (``sources``, a sorted list, when there are
        two or more; ``source`` is then the first of them), so that a build deletes it only when no
        file it was built from holds it any more.
        """
        raise NotImplementedError

    def set_article_sources(self, sources: dict[str, list[str]]) -> None:
        """Record the files that hold each article: ``source`` = the first, ``sources`` = all of them
        when there are two or more (and no ``sources`` property for one)."""
        raise NotImplementedError

    def delete_articles(self, uids: Iterable[str]) -> int:
        """Remove these articles, the relationships they are evidence for, and entities left unconnected.

        Returns how many Article nodes were removed.
        """
        raise NotImplementedError

    @contextmanager
    def deferred_save(self) -> Iterator[None]:
        """Within this block a store that persists after every write may persist only at ``flush()``
        and at the end (a build of N chunks would otherwise rewrite a whole file N times).

        Default: nothing to defer. If the block raises, nothing more is persisted.
        """
        yield

    def flush(self) -> None:  # noqa: B027 - optional hook
        """Persist what was written so far (a checkpoint inside ``deferred_save``)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections, flush files."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
