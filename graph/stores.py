"""Opening a store by what the user asked for: a file path (embedded, the default) or Neo4j."""

from __future__ import annotations

from pathlib import Path

from econgraph.graph.store import GraphStore

from econgraph.errors import StoreError


def open_store(path: Path | None = None, neo4j: bool = False) -> GraphStore:
    """The embedded store at ``path`` (default ``config.DEFAULT_STORE``), or Neo4j from the environment."""
    if neo4j:
        if path is not None:
            raise StoreError("choose either a store path or Neo4j, not both")
        from econgraph.graph.neo4j_store import Neo4jStore

        return Neo4jStore()
    from econgraph.graph.embedded import EmbeddedStore

    return EmbeddedStore(path)
