"""Small traversal and ordering helpers for the networkx side of the canned queries.

The embedded graph is a ``MultiDiGraph`` keyed ``Label:uid`` with one edge per fact (type, start, end);
these helpers read it through the type index (graph/type_index.py), which splits each
node's adjacency by relationship type, so a step costs the edges of that type only (at 50,000
companies a county has ~10,000 companies and as many articles mentioning it).

Ordering must match Neo4j's ``ORDER BY`` exactly: nulls last in ascending order, and strings read
from stored properties compared by code point (as Python does). Beware that Neo4j compares strings
*computed* in a query (concatenation, literals, parameters) by UTF-16 code units instead, which puts a
character outside the BMP before U+E000..U+FFFF: the queries only sort on stored strings, or on
computed ones that are ASCII (relationship types, months, 'in'/'out').
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeAlias

from econgraph.graph.type_index import NxGraph, type_index

Graph: TypeAlias = NxGraph


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


def name_of(graph: Graph, key: str) -> str | None:
    name: str | None = graph._node[key].get("name")
    return name


def prop(graph: Graph, key: str, name: str) -> Any:
    return graph._node[key].get(name)


def prefetch(graph: Graph, keys: Iterable[str]) -> None:
    """Tell a graph read lazily from a store (``_node.prefetch``) that these nodes' properties are wanted:
    it reads them in one statement instead of one each. Nothing to do for an ordinary graph."""
    fetch = getattr(graph._node, "prefetch", None)
    if fetch is not None:
        fetch(keys)


def names_of(graph: Graph, keys: Iterable[str]) -> dict[str, Any]:
    """Key -> ``name`` property of these nodes. A graph read lazily from a store answers from its name table
    (``_node.names_of``) without reading the nodes' other properties."""
    nodes = graph._node
    lookup = getattr(nodes, "names_of", None)
    if lookup is not None:
        found: dict[str, Any] = lookup(keys)
        return found
    return {key: nodes[key].get("name") for key in keys}


def out_edges(graph: Graph, key: str, rtype: str, label: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """(end key, edge attributes) of every ``rtype`` edge leaving ``key``, to ``label`` nodes if given."""
    index = type_index(graph)
    for end, edges in index.out_of(key, rtype).items():
        if label is None or index.label[end] == label:
            for attrs in edges:
                yield end, attrs


def in_edges(graph: Graph, key: str, rtype: str, label: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """(start key, edge attributes) of every ``rtype`` edge entering ``key``, from ``label`` nodes if given."""
    index = type_index(graph)
    for start, edges in index.into(key, rtype).items():
        if label is None or index.label[start] == label:
            for attrs in edges:
                yield start, attrs


def out_map(graph: Graph, key: str, rtype: str) -> dict[str, list[dict[str, Any]]]:
    """Far node -> its ``rtype`` edges from ``key`` (any label): the index's own dict, do not change it."""
    return type_index(graph).out_of(key, rtype)


def in_map(graph: Graph, key: str, rtype: str) -> dict[str, list[dict[str, Any]]]:
    """Near node -> its ``rtype`` edges into ``key`` (any label): the index's own dict, do not change it."""
    return type_index(graph).into(key, rtype)


def in_map_from(graph: Graph, key: str, rtype: str, label: str) -> dict[str, list[dict[str, Any]]]:
    """Near ``label`` node -> its ``rtype`` edges into ``key`` (cached by the index: do not change it)."""
    return type_index(graph).into_from(key, rtype, label)


def county_names(graph: Graph, key: str) -> list[str | None]:
    """Names of the counties ``key`` is LOCATED_IN, in Neo4j order: what
    ``COLLECT { MATCH (c)-[:LOCATED_IN]->(k:County) RETURN DISTINCT k.name AS n ORDER BY n }`` gives."""
    return sorted_names(name_of(graph, k) for k in out_nodes(graph, key, "LOCATED_IN", "County"))


def _with_label(graph: Graph, keys: Iterable[str], label: str | None) -> set[str]:
    if label is None:
        return set(keys)
    nodes = graph._node
    return {k for k in keys if nodes[k].get("label") == label}


def out_nodes(graph: Graph, key: str, rtype: str, label: str | None = None) -> set[str]:
    """Distinct neighbours over outgoing ``rtype`` edges (one edge per fact)."""
    return _with_label(graph, type_index(graph).out_of(key, rtype), label)


def in_nodes(graph: Graph, key: str, rtype: str, label: str | None = None) -> set[str]:
    return _with_label(graph, type_index(graph).into(key, rtype), label)


def nodes_with_label(graph: Graph, label: str) -> list[str]:
    """Every node of a label, in graph order (from the type index: no scan after the first query; a graph read
    lazily from a store answers from its label index, ``_node.with_label``, and reads those nodes at once)."""
    with_label = getattr(graph._node, "with_label", None)
    if with_label is not None:
        keys: list[str] = with_label(label)
        prefetch(graph, keys)
        return keys
    return type_index(graph).by_label.get(label, [])


def starts_of(graph: Graph, rtype: str) -> list[str]:
    """Every node with an outgoing ``rtype`` edge (one pass over the edges on first use, then kept)."""
    return type_index(graph).starts.get(rtype, [])


def has_node(graph: Graph, key: str | None) -> bool:
    return key is not None and key in graph._node
