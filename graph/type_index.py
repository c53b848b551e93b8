"""Adjacency of the embedded graph split by relationship type, and nodes by label.

networkx keeps one adjacency dict per node with every relationship type mixed, so "the companies
LOCATED_IN this county" reads every article that mentions the county too, and "every INVESTS_IN edge"
reads the whole graph. This index answers both in time proportional to the edges wanted. It is built
lazily (one pass over the edges) on the first query and dropped whenever the embedded store changes
the graph (``invalidate``); the edge attribute dicts are the graph's own, not copies.

A graph changed without going through ``EmbeddedStore`` must be passed to ``invalidate`` before it is
queried again; as a safety net the index is also rebuilt when the number of nodes changes.
"""

from __future__ import annotations

import gc
import weakref
from typing import Any

import networkx as nx

EdgeAttrs = dict[str, Any]
# node key -> relationship type -> far node key -> attributes of each edge (one per article)
Adjacency = dict[str, dict[str, dict[str, list[EdgeAttrs]]]]

NO_TYPES: dict[str, dict[str, list[EdgeAttrs]]] = {}


class TypeIndex:
    """``out[key][type][end]`` / ``inn[key][type][start]``: the edges' attribute dicts; ``label``: node
    key -> label; ``by_label``: node keys per label in graph order; ``starts[type]``: nodes with an
    outgoing edge of the type."""

    __slots__ = ("by_label", "inn", "label", "nodes", "out", "starts")

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        # a build allocates about a million small dicts and lists: without this the cyclic garbage
        # collector walks the whole graph several times meanwhile (measured: 3x the build time)
        enabled = gc.isenabled()
        gc.disable()
        try:
            self._build(graph)
        finally:
            if enabled:
                gc.enable()

    def _build(self, graph: nx.MultiDiGraph) -> None:
        self.nodes = len(graph._node)
        self.out: Adjacency = {}
        self.inn: Adjacency = {}
        self.label: dict[str, str | None] = {key: attrs.get("label") for key, attrs in graph._node.items()}
        self.by_label: dict[str | None, list[str]] = {}
        self.starts: dict[str, list[str]] = {}
        out, inn, starts = self.out, self.inn, self.starts
        for key, label in self.label.items():
            self.by_label.setdefault(label, []).append(key)
        for start, neighbours in graph._succ.items():
            if not neighbours:
                continue
            mine = out[start] = {}
            for end, multi in neighbours.items():
                theirs = inn.get(end)
                if theirs is None:
                    theirs = inn[end] = {}
                for attrs in multi.values():
                    rtype = attrs.get("type")
                    by_end = mine.get(rtype)
                    if by_end is None:
                        by_end = mine[rtype] = {}
                        starts.setdefault(rtype, []).append(start)
                    edges = by_end.get(end)
                    if edges is None:
                        by_end[end] = [attrs]
                    else:
                        edges.append(attrs)
                    by_start = theirs.get(rtype)
                    if by_start is None:
                        by_start = theirs[rtype] = {}
                    edges = by_start.get(start)
                    if edges is None:
                        by_start[start] = [attrs]
                    else:
                        edges.append(attrs)

    def out_of(self, key: str, rtype: str) -> dict[str, list[EdgeAttrs]]:
        """Far node -> edges of ``rtype`` leaving ``key`` (empty when there are none)."""
        return self.out.get(key, NO_TYPES).get(rtype, {})

    def into(self, key: str, rtype: str) -> dict[str, list[EdgeAttrs]]:
        """Near node -> edges of ``rtype`` entering ``key``."""
        return self.inn.get(key, NO_TYPES).get(rtype, {})


_INDEXES: weakref.WeakKeyDictionary[nx.MultiDiGraph, TypeIndex] = weakref.WeakKeyDictionary()


def type_index(graph: nx.MultiDiGraph) -> TypeIndex:
    """The graph's index, built now if it has none or the graph changed since."""
    index = _INDEXES.get(graph)
    if index is None or index.nodes != len(graph._node):
        index = _INDEXES[graph] = TypeIndex(graph)
    return index


def invalidate(graph: nx.MultiDiGraph) -> None:
    """Forget the graph's index: the next query rebuilds it (call after changing the graph)."""
    _INDEXES.pop(graph, None)
