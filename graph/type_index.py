"""Adjacency of the embedded graph split by relationship type, and nodes by label.

networkx keeps one adjacency dict per node with every relationship type mixed, so "the companies
LOCATED_IN this county" reads every article that mentions the county too, and "every INVESTS_IN edge"
reads the whole graph. This index answers both in time proportional to the edges wanted.

It is lazy, so that a one-off query (one CLI call) pays only for what it touches: a node's adjacency
is split by type the first time a query asks for it, the label map and the start nodes per type on
the first query that needs them. Everything is dropped whenever the embedded store changes the graph
(``invalidate``); the edge attribute dicts are the graph's own, not copies.

A graph changed without going through ``EmbeddedStore`` must be passed to ``invalidate`` before it is
queried again; as a safety net the index is also dropped when the number of nodes changes.
"""

from __future__ import annotations

import weakref
from typing import Any, TypeAlias

EdgeAttrs = dict[str, Any]
# The embedded store's networkx.MultiDiGraph. Typed as Any: the queries read its private ``_node``,
# ``_succ`` and ``_pred`` dicts (a lookup there costs a fraction of the public views'), which the
# networkx stubs do not declare.
NxGraph: TypeAlias = Any
Split = dict[str, dict[str, list[EdgeAttrs]]]  # relationship type -> far node -> attributes of each edge

NO_TYPES: Split = {}
NO_EDGES: dict[str, list[EdgeAttrs]] = {}


def _split(adjacency: dict[str, dict[str, EdgeAttrs]]) -> Split:
    types: Split = {}
    for far, multi in adjacency.items():
        for attrs in multi.values():
            rtype: str = attrs["type"]
            by_far = types.get(rtype)
            if by_far is None:
                by_far = types[rtype] = {}
            edges = by_far.get(far)
            if edges is None:
                by_far[far] = [attrs]
            else:
                edges.append(attrs)
    return types


class TypeIndex:
    """Per node, its outgoing and incoming edges by type; per label, its nodes; per type, its start
    nodes. Holds the graph's dicts, not the graph, so that the weak cache below can let it go."""

    __slots__ = ("_by_label", "_in", "_in_label", "_label", "_node", "_out", "_partial", "_pred", "_starts", "_succ",
                 "nodes")

    def __init__(self, graph: NxGraph) -> None:
        self._node: dict[str, dict[str, Any]] = graph._node
        self._succ: dict[str, dict[str, dict[str, EdgeAttrs]]] = graph._succ
        self._pred: dict[str, dict[str, dict[str, EdgeAttrs]]] = graph._pred
        self.nodes = len(graph._node)
        self._out: dict[str, Split] = {}
        self._in: dict[str, Split] = {}
        self._label: dict[str, str | None] | None = None
        self._by_label: dict[str | None, list[str]] | None = None
        self._starts: dict[str, list[str]] | None = None
        self._in_label: dict[tuple[str, str, str], dict[str, list[EdgeAttrs]]] = {}
        self._partial: dict[tuple[str, str], Split] = {}  # (side, node) -> the types read so far (lazy graphs)

    def out_types(self, key: str) -> Split:
        """Type -> end node -> edges leaving ``key`` (do not change the dicts: they are the cache)."""
        types = self._out.get(key)
        if types is None:
            adjacency = self._succ.get(key)
            types = self._out[key] = _split(adjacency) if adjacency else NO_TYPES
        return types

    def in_types(self, key: str) -> Split:
        """Type -> start node -> edges entering ``key``."""
        types = self._in.get(key)
        if types is None:
            adjacency = self._pred.get(key)
            types = self._in[key] = _split(adjacency) if adjacency else NO_TYPES
        return types

    def out_of(self, key: str, rtype: str) -> dict[str, list[EdgeAttrs]]:
        """End node -> edges of ``rtype`` leaving ``key`` (empty when there are none)."""
        types = self._out.get(key)
        if types is None:
            types = self._typed(self._succ, "out", key, rtype)
            if types is None:
                types = self.out_types(key)
        return types.get(rtype, NO_EDGES)

    def into(self, key: str, rtype: str) -> dict[str, list[EdgeAttrs]]:
        """Start node -> edges of ``rtype`` entering ``key``."""
        types = self._in.get(key)
        if types is None:
            types = self._typed(self._pred, "in", key, rtype)
            if types is None:
                types = self.in_types(key)
        return types.get(rtype, NO_EDGES)

    def _typed(self, adjacency: Any, side: str, key: str, rtype: str) -> Split | None:
        """A graph read lazily from the store reads the first type asked of a node's edges alone
        (``_Adjacency.typed``), kept until its whole adjacency is read (asked for, or a second type)."""
        reader = getattr(adjacency, "typed", None)
        if reader is None:
            return None
        partial = self._partial.get((side, key))
        if partial is None:
            found = reader(key, rtype)
            if found is None:
                return None
            partial = self._partial[(side, key)] = {rtype: found}
        # a second type of the same node: its whole adjacency, in one statement (not one per type)
        return partial if rtype in partial else None

    def into_from(self, key: str, rtype: str, label: str) -> dict[str, list[EdgeAttrs]]:
        """``into`` restricted to start nodes of ``label``, kept: a county's ~10,000 companies and
        ~10,000 articles are told apart once, not on every query."""
        found = self._in_label.get((key, rtype, label))
        if found is None:
            kind = self.label
            found = {s: edges for s, edges in self.into(key, rtype).items() if kind[s] == label}
            self._in_label[(key, rtype, label)] = found
        return found

    @property
    def label(self) -> dict[str, str | None]:
        """Node key -> label (one dict look-up, where the node's attributes need two and a call)."""
        if self._label is None:
            # a graph read lazily from the store knows every label without reading the nodes' properties
            known = getattr(self._node, "labels", None)
            self._label = known if known is not None else {
                key: attrs.get("label") for key, attrs in self._node.items()}
        return self._label

    @property
    def by_label(self) -> dict[str | None, list[str]]:
        """Label -> node keys in graph order."""
        if self._by_label is None:
            by_label: dict[str | None, list[str]] = {}
            for key, label in self.label.items():
                by_label.setdefault(label, []).append(key)
            self._by_label = by_label
        return self._by_label

    @property
    def starts(self) -> dict[str, list[str]]:
        """Type -> nodes with an outgoing edge of the type, in graph order (one pass over the edges)."""
        if self._starts is None:
            starts: dict[str, list[str]] = {}
            for key, adjacency in self._succ.items():
                seen: set[str] = set()
                for multi in adjacency.values():
                    for attrs in multi.values():
                        seen.add(attrs["type"])
                for rtype in seen:
                    starts.setdefault(rtype, []).append(key)
            self._starts = starts
        return self._starts


_INDEXES: weakref.WeakKeyDictionary[NxGraph, TypeIndex] = weakref.WeakKeyDictionary()


def type_index(graph: NxGraph) -> TypeIndex:
    """The graph's index (empty until queries fill it), new if the graph changed since."""
    index = _INDEXES.get(graph)
    if index is None or index.nodes != len(graph._node) or index._succ is not graph._succ:
        index = _INDEXES[graph] = TypeIndex(graph)
    return index


def invalidate(graph: NxGraph) -> None:
    """Forget the graph's index: the next query starts a new one (call after changing the graph)."""
    _INDEXES.pop(graph, None)
