"""Where the graph lives: the embedded store path and the Neo4j connection (from the environment)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_STORE = Path(".econgraph") / "graph.sqlite"


def _read_dotenv(path: Path = Path(".env")) -> dict[str, str]:
    values: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return values
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        values[key.strip()] = value.strip().strip("'\"")
    return values


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    username: str | None
    password: str | None
    database: str | None = None

    @property
    def auth(self) -> tuple[str, str] | None:
        if self.username and self.password is not None:
            return (self.username, self.password)
        return None

    def __repr__(self) -> str:  # never show the password
        return f"Neo4jSettings(uri={self.uri!r}, username={self.username!r}, password=***)"


def neo4j_settings(env: dict[str, str] | None = None) -> Neo4jSettings:
    """NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE, the environment over ``.env``."""
    merged = {**_read_dotenv(), **(env if env is not None else os.environ)}
    return Neo4jSettings(
        uri=merged.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
        username=merged.get("NEO4J_USERNAME", "neo4j"),
        password=merged.get("NEO4J_PASSWORD"),
        database=merged.get("NEO4J_DATABASE") or None,
    )
