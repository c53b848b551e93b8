"""Shared fixtures: the real Neo4j test server, seed paths, store factories.

The server is started once per test session on free ports (unless ``NEO4J_URI`` is set) and
stopped at the end. Neo4j tests are never skipped silently: if the server cannot start, they fail.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from neo4j_guard import GUARD  # noqa: E402

SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "fixtures" / "gold" / "seeds-dev.json"  # a copy of ../shared/gold
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def assert_meets_extraction_targets(report: Any) -> None:
    """Issue 4's targets on an ``econgraph.evaluate`` report: company P/R, county links, institution recall."""
    total = report.total
    assert total.companies.precision >= 0.90, total.false_positives
    assert total.companies.recall >= 0.90, total.missed
    assert total.link_accuracy >= 0.90, total.wrong_links
    assert total.institutions.recall >= 0.85, total.missed


@dataclass
class Neo4jHandle:
    uri: str
    username: str
    password: str
    server: Any  # scripts.neo4j_server.Neo4jServer, or None for an external server

    @property
    def auth(self) -> tuple[str, str]:
        return (self.username, self.password)

    def env(self) -> dict[str, str]:
        return {"NEO4J_URI": self.uri, "NEO4J_USERNAME": self.username, "NEO4J_PASSWORD": self.password}

    def driver(self) -> Any:
        from neo4j import GraphDatabase

        return GraphDatabase.driver(self.uri, auth=self.auth)

    def wipe(self) -> None:
        with self.driver() as driver:
            GUARD.wipe(driver, self.uri)


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
