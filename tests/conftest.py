"""Shared fixtures: the real Neo4j test server, seed paths, store factories.

The server is started once per test session on free ports (unless ``NEO4J_URI`` is set) and
stopped at the end. Neo4j tests are never skipped silently: if the server cannot start, they fail.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import pytest
from helpers import Neo4jHandle
from neo4j_guard import GUARD

# Lanes: `make check` runs the unit lane (`-m "not integration"`), `make test` everything.
# A test is in the integration lane when it needs the Neo4j server, Chromium, or is slow (whole
# programs in subprocesses); taking a Neo4j fixture marks a test `neo4j` even if its author forgot.
INTEGRATION_MARKS = ("neo4j", "browser", "slow")
NEO4J_FIXTURES = frozenset({"neo4j_server", "neo4j_clean", "neo4j_env"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if NEO4J_FIXTURES & set(getattr(item, "fixturenames", ())) and item.get_closest_marker("neo4j") is None:
            item.add_marker(pytest.mark.neo4j)
        if any(item.get_closest_marker(mark) for mark in INTEGRATION_MARKS):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jHandle]:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        yield Neo4jHandle(uri, os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""), None)
        return
    from neo4j_server import Neo4jServer

    server = Neo4jServer()
    server.start()
    GUARD.own(server.uri)
    print(f"\n[neo4j] test server {server.uri} up in {server.startup_seconds:.1f}s", file=sys.stderr)
    try:
        yield Neo4jHandle(server.uri, server.username, server.password, server)
    finally:
        server.cleanup()


@pytest.fixture
def neo4j_clean(neo4j_server: Neo4jHandle) -> Neo4jHandle:
    """The test server, emptied (only if this run owns it)."""
    neo4j_server.wipe()
    return neo4j_server


@pytest.fixture
def neo4j_env(neo4j_clean: Neo4jHandle, monkeypatch: pytest.MonkeyPatch) -> Neo4jHandle:
    """An empty server whose connection is in the environment, as the CLI reads it."""
    for key, value in neo4j_clean.env().items():
        monkeypatch.setenv(key, value)
    return neo4j_clean
