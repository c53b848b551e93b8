"""Ad-hoc Cypher for ``econgraph cypher``: read-only unless the caller asks to write.

Write clauses are refused before the text reaches the server (a clear message beats a server error
halfway through), and read queries run in a READ access-mode transaction as a second line of defence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from econgraph.queries.backends import require_cypher

from econgraph.errors import QueryError

_WRITE_CLAUSES = re.compile(
    r"(?<![\w.$:`])(CREATE|INSERT|MERGE|DELETE|DETACH|SET|REMOVE|DROP|FOREACH|ALTER|RENAME|GRANT|DENY|REVOKE"
    r"|LOAD\s+CSV|IN\s+TRANSACTIONS|TERMINATE|START\s+DATABASE|STOP\s+DATABASE|ENABLE\s+SERVER)(?![\w`])",
    re.IGNORECASE,
)
# Procedures that change data or the server: all of dbms.*, the write families of apoc, db.create.*
_WRITE_PROCEDURES = re.compile(
    r"(?<![\w.$`])CALL\s+(dbms\.[\w.]*|db\.(create|index\.fulltext\.create|clearQueryCaches)[\w.]*"
    r"|apoc\.(create|merge|refactor|periodic|load|import|export|cypher\.(run(Write|Schema|Many)|doIt)"
    r"|atomic|lock|trigger|nodes\.(delete|link)|schema\.assert|do\.)[\w.]*|gds\.[\w.]*(write|mutate)[\w.]*)",
    re.IGNORECASE,
)
_STRINGS_AND_COMMENTS = re.compile(
    r"`(?:[^`]|``)*`|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/", re.DOTALL
)


def _code_only(cypher: str) -> str:
    """The query without string literals, `quoted` names and comments, where keywords may appear harmlessly."""
    return _STRINGS_AND_COMMENTS.sub(" ", cypher)


def write_clause(cypher: str) -> str | None:
    """The first write clause or write procedure call in the query, or None for a read query."""
    code = _code_only(cypher)
    clause = _WRITE_CLAUSES.search(code)
    if clause is not None:
        return " ".join(clause.group(1).split()).upper()
    procedure = _WRITE_PROCEDURES.search(code)
    return f"CALL {procedure.group(1)}" if procedure is not None else None


def parse_value(text: str) -> Any:
    """A ``-p`` value: JSON when it parses (numbers, true/false/null, lists), else the string itself."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def run_cypher(store: Any, cypher: str, params: Mapping[str, Any] | None = None,
               write: bool = False) -> list[dict[str, Any]]:
    """Run ad-hoc Cypher on Neo4j; without ``write`` refuse anything that could change the graph."""
    backend = require_cypher(store)
    if not cypher.strip():
        raise QueryError("empty Cypher query")
    if not write:
        clause = write_clause(cypher)
        if clause is not None:
            raise QueryError(f"refusing to run a query that writes ({clause}) without --write")
    records: list[dict[str, Any]] = backend.store.execute(cypher, dict(params or {}), write=write)
    return records
