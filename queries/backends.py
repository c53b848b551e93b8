"""The two ways to answer a canned query: Python over the embedded networkx graph, Cypher on Neo4j.

A backend also answers the look-ups the runner needs before the query runs (does an entity exist,
which entities carry a name or alias, which is the most mentioned), so that name resolution gives
the same uid on both stores.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from econgraph.graph.model import names_entity, normalise_name
from econgraph.graph.store import GraphStore
from econgraph.graph.type_index import NxGraph
from econgraph.queries.nx_helpers import in_nodes, nodes_with_label, skey
from econgraph.queries.spec import CannedQuery

from econgraph.errors import QueryError, StoreError


@dataclass(frozen=True)
class Entry:
    """One entity as name resolution sees it."""

    label: str
    uid: str
    name: str | None
    aliases: tuple[str, ...]


class Backend(Protocol):
    kind: str

    def lookup(self, label: str, uid: str) -> Entry | None: ...

    def named(self, label: str, text: str) -> list[Entry]: ...

    def entries(self, label: str) -> Iterator[Entry]: ...

    def most_mentioned(self, label: str) -> str | None: ...

    def ending_with(self, label: str, norm: str) -> list[Entry]: ...

    def rows(self, query: CannedQuery, params: dict[str, Any]) -> list[dict[str, Any]]: ...


def _entry(label: str, uid: str, name: Any, aliases: Any) -> Entry:
    return Entry(label, uid, None if name is None else str(name), tuple(str(a) for a in (aliases or ())))


def _matches(entry: Entry, norm: str) -> bool:
    return names_entity(norm, entry.name, entry.aliases)


class _AliasIndex:
    """normalised name/alias -> node keys, per label; rebuilt when the graph's size changes.

    Hits are checked against the node before use, so a stale index can only miss, never mislead;
    a miss falls back to a scan.
    """

    def __init__(self, graph: NxGraph) -> None:
        self.signature = _signature(graph)
        self.keys: dict[tuple[str, str], set[str]] = {}
        for key, attrs in graph._node.items():
            label = attrs.get("label")
            for text in (attrs.get("name"), *(attrs.get("aliases") or ())):
                if text:
                    self.keys.setdefault((label, normalise_name(str(text))), set()).add(key)


_INDEXES: weakref.WeakKeyDictionary[NxGraph, _AliasIndex] = weakref.WeakKeyDictionary()


def _signature(graph: NxGraph) -> tuple[int, int]:
    """The nodes (names and aliases are node properties): no pass over the edges, which networkx counts one
    key dict at a time (0.4 s on a 45k-edge graph) and which the embedded store reads lazily."""
    return graph.number_of_nodes(), id(graph._node)


class NxBackend:
    kind = "embedded"

    def __init__(self, graph: NxGraph) -> None:
        self.graph = graph

    def _entry(self, key: str) -> Entry:
        attrs = self.graph._node[key]
        return _entry(attrs.get("label", ""), key.split(":", 1)[1], attrs.get("name"), attrs.get("aliases"))

    def lookup(self, label: str, uid: str) -> Entry | None:
        key = f"{label}:{uid}"
        return self._entry(key) if key in self.graph._node else None

    def _index(self) -> _AliasIndex:
        index = _INDEXES.get(self.graph)
        signature = _signature(self.graph)
        if index is None or index.signature != signature:
            index = _INDEXES[self.graph] = _AliasIndex(self.graph)
        return index

    def named(self, label: str, text: str) -> list[Entry]:
        norm = normalise_name(text)
        lookup = self.graph.graph.get("named")  # the store's own name index, when it keeps one
        found_keys = lookup(label, norm) if lookup is not None else None
        keys = set(found_keys) if found_keys is not None else self._index().keys.get((label, norm), set())
        found = [self._entry(k) for k in keys if k in self.graph._node]
        found = [e for e in found if e.label == label and _matches(e, norm)]
        if found or found_keys is not None:  # the store's index is exact: no scan behind it
            return found
        return [e for e in self.entries(label) if _matches(e, norm)]

    def entries(self, label: str) -> Iterator[Entry]:
        for key in nodes_with_label(self.graph, label):
            yield self._entry(key)

    def ending_with(self, label: str, norm: str) -> list[Entry]:
        """Entities of the label whose normalised name ends with ``norm``."""
        return [e for e in self.entries(label) if e.name is not None and normalise_name(e.name).endswith(norm)]

    def most_mentioned(self, label: str) -> str | None:
        best: tuple[Any, ...] | None = None
        best_key = None
        for key in nodes_with_label(self.graph, label):
            n = len(in_nodes(self.graph, key, "MENTIONS", "Article"))
            uid = key.split(":", 1)[1]
            rank = (-n, skey(self.graph._node[key].get("name")), skey(uid))
            if best is None or rank < best:
                best, best_key = rank, uid
        return best_key

    def rows(self, query: CannedQuery, params: dict[str, Any]) -> list[dict[str, Any]]:
        return query.run_nx(self.graph, params)


class CypherBackend:
    kind = "neo4j"

    def __init__(self, store: Any) -> None:
        self.store = store

    def _run(self, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        records: list[dict[str, Any]] = self.store.execute(cypher, params, write=False)
        return records

    # Labels come from the fixed schema vocabulary (checked by the caller), never from user text.
    def lookup(self, label: str, uid: str) -> Entry | None:
        rows = self._run(f"MATCH (n:{label} {{uid: $uid}}) RETURN n.name AS name, n.aliases AS aliases LIMIT 1",
                         {"uid": uid})
        return _entry(label, uid, rows[0]["name"], rows[0]["aliases"]) if rows else None

    def named(self, label: str, text: str) -> list[Entry]:
        norm = normalise_name(text)
        quick = self._run(
            f"MATCH (n:{label}) WHERE n.name IN $texts OR any(a IN coalesce(n.aliases, []) WHERE a IN $texts) "
            "RETURN n.uid AS uid, n.name AS name, n.aliases AS aliases",
            {"texts": sorted({text, text.strip(), norm})},
        )
        found = [_entry(label, r["uid"], r["name"], r["aliases"]) for r in quick]
        found = [e for e in found if _matches(e, norm)]
        if found:
            return found
        return [e for e in self.entries(label) if _matches(e, norm)]

    def entries(self, label: str) -> Iterator[Entry]:
        for r in self._run(f"MATCH (n:{label}) RETURN n.uid AS uid, n.name AS name, n.aliases AS aliases", {}):
            yield _entry(label, r["uid"], r["name"], r["aliases"])

    def ending_with(self, label: str, norm: str) -> list[Entry]:
        """Entities of the label whose normalised name ends with ``norm`` (stored names are read, then
        normalised here, so that the rule is the embedded store's)."""
        rows = self._run(f"MATCH (n:{label}) WHERE n.name ENDS WITH $last "
                         "RETURN n.uid AS uid, n.name AS name, n.aliases AS aliases", {"last": norm[-1:]})
        found = [_entry(label, r["uid"], r["name"], r["aliases"]) for r in rows]
        return [e for e in found if e.name is not None and normalise_name(e.name).endswith(norm)]

    def most_mentioned(self, label: str) -> str | None:
        rows = self._run(
            f"MATCH (n:{label}) WITH n, COUNT {{ MATCH (a:Article)-[:MENTIONS]->(n) RETURN DISTINCT a }} AS k "
            "RETURN n.uid AS uid ORDER BY k DESC, n.name, n.uid LIMIT 1",
            {},
        )
        return rows[0]["uid"] if rows else None

    def rows(self, query: CannedQuery, params: dict[str, Any]) -> list[dict[str, Any]]:
        records = self._run(query.cypher, params)
        return [{c: r.get(c) for c in query.columns} for r in records]


def backend_for(store: Any) -> Backend:
    """The store's own backend (``GraphStore.query_backend``); a bare networkx graph is read directly."""
    if isinstance(store, GraphStore):
        backend: Backend = store.query_backend()
        return backend
    import networkx as nx  # only when a graph is passed itself (a store's backend does not need it)

    if isinstance(store, nx.MultiDiGraph):
        return NxBackend(store)
    raise StoreError(f"cannot run queries on {store!r}: neither an embedded graph nor a Cypher store")


def require_cypher(store: Any) -> CypherBackend:
    backend = backend_for(store)
    if not isinstance(backend, CypherBackend):
        raise QueryError("ad-hoc Cypher runs on Neo4j only: the embedded store has no Cypher engine",
                         "add --neo4j (the server comes from NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD)")
    return backend
