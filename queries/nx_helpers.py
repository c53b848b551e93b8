"""Small traversal and ordering helpers for the networkx side of the canned queries.

The embedded graph is a ``MultiDiGraph`` keyed ``Label:uid`` with one edge per (type, start, end,
article); these helpers read its adjacency dicts directly (the public views cost several times more
per step, which matters at 50,000 companies).

Ordering must match Neo4j's ``ORDER BY`` exactly: nulls last in ascending order, and strings read
from stored properties compared by code point (as Python does). Beware that Neo4j compares strings
*computed* in a query (concatenation, literals, parameters) by UTF-16 code units instead, which puts a
character outside the BMP before U+E000..U+FFFF: the queries only sort on stored strings, or on
computed ones that are ASCII (relationship types, months, 'in'/'out').
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx

Graph = nx.MultiDiGraph


def skey(value: str | None) -> tuple[int, str]:
    """Sort key of a stored string as Neo4j orders it: by code point, null last."""
    if value is None:
        return (1, "")
    return (0, str(value))


def nkey(value: float | int | None) -> tuple[int, float | int]:
    """Sort key of a number, null last (ascending)."""
    return (1, 0) if value is None else (0, value)


def lkey(values: Iterable[str | None]) -> tuple[tuple[int, str], ...]:
    """Sort key of a list of strings: element-wise, a shorter prefix first (as Neo4j orders lists)."""
    return tuple(skey(v) for v in values)


def sorted_names(names: Iterable[str | None]) -> list[str | None]:
    """Distinct names in Neo4j order: what ``COLLECT { … RETURN DISTINCT x ORDER BY x }`` gives."""
    return sorted(set(names), key=skey)


def node_key(label: str, uid: str) -> str:
    return f"{label}:{uid}"


def uid_of(key: str) -> str:
    return key.split(":", 1)[1]


def label_of(graph: Graph, key: str) -> str | None:
    return graph._node[key].get("label")


def name_of(graph: Graph, key: str) -> str | None:
    return graph._node[key].get("name")


def prop(graph: Graph, key: str, name: str) -> Any:
    return graph._node[key].get(name)


def out_edges(graph: Graph, key: str, rtype: str, label: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """(end key, edge attributes) of every ``rtype`` edge leaving ``key``, to ``label`` nodes if given."""
    nodes = graph._node
    for end, multi in graph._succ[key].items():
        if label is not None and nodes[end].get("label") != label:
            continue
        for attrs in multi.values():
            if attrs.get("type") == rtype:
                yield end, attrs


def in_edges(graph: Graph, key: str, rtype: str, label: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """(start key, edge attributes) of every ``rtype`` edge entering ``key``, from ``label`` nodes if given."""
    nodes = graph._node
    for start, multi in graph._pred[key].items():
        if label is not None and nodes[start].get("label") != label:
            continue
        for attrs in multi.values():
            if attrs.get("type") == rtype:
                yield start, attrs


def out_nodes(graph: Graph, key: str, rtype: str, label: str | None = None) -> set[str]:
    """Distinct neighbours over outgoing ``rtype`` edges (one edge per article, so several per pair)."""
    nodes = graph._node
    found: set[str] = set()
    for end, multi in graph._succ[key].items():
        if label is not None and nodes[end].get("label") != label:
            continue
        for attrs in multi.values():
            if attrs.get("type") == rtype:
                found.add(end)
                break
    return found


def in_nodes(graph: Graph, key: str, rtype: str, label: str | None = None) -> set[str]:
    nodes = graph._node
    found: set[str] = set()
    for start, multi in graph._pred[key].items():
        if label is not None and nodes[start].get("label") != label:
            continue
        for attrs in multi.values():
            if attrs.get("type") == rtype:
                found.add(start)
                break
    return found


def count_edges(graph: Graph, start: str, end: str, rtype: str) -> int:
    """How many ``rtype`` edges go from ``start`` to ``end`` (its evidence articles)."""
    multi = graph._succ[start].get(end)
    if not multi:
        return 0
    return sum(1 for attrs in multi.values() if attrs.get("type") == rtype)


def nodes_with_label(graph: Graph, label: str) -> Iterator[str]:
    """Every node of a label: a scan of the whole graph (there is no label index in networkx)."""
    for key, attrs in graph._node.items():
        if attrs.get("label") == label:
            yield key


def has_node(graph: Graph, key: str | None) -> bool:
    return key is not None and key in graph._node
