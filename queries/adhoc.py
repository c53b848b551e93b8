"""Ad-hoc Cypher for ``econgraph cypher``: read-only unless the caller asks to write.

The server decides what a query does, not a regular expression over its text: without ``--write``
the query is first planned with ``EXPLAIN`` in a READ access-mode session (nothing runs), and
- its query type must be ``r`` (read only; ``rw``, ``w`` and ``s`` — schema — are refused);
- every procedure it calls must be in ``READ_PROCEDURES`` (names as the server resolved them, so
  backticks, spaces around the dot or comments change nothing);
- it may not read files or URLs (``LOAD CSV``), and of the ``SHOW`` commands only those listing the
  schema and the procedures are allowed (``SHOW SETTINGS`` would print the server's configuration).
The query then runs in a READ transaction, so the server itself refuses a write that got past the plan.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from econgraph.queries.backends import require_cypher

from econgraph.errors import QueryError

# Procedures that only read the graph or describe its schema and the server's version.
READ_PROCEDURES: frozenset[str] = frozenset({
    "dbms.components",
    "db.labels",
    "db.relationshipTypes",
    "db.propertyKeys",
    "db.schema.visualization",
    "db.schema.nodeTypeProperties",
    "db.schema.relTypeProperties",
    "db.info",
    "db.ping",
    "db.awaitIndex",
    "db.awaitIndexes",
    "db.index.fulltext.queryNodes",
    "db.index.fulltext.queryRelationships",
    "db.index.vector.queryNodes",
    "db.index.vector.queryRelationships",
    "db.index.fulltext.listAvailableAnalyzers",
})

# Plan operators that are reads but not of the graph: refused without --write.
_REFUSED_OPERATORS = {"LoadCSV": "LOAD CSV reads files or URLs on the server"}
# SHOW commands allowed (plan operator); others (settings, transactions, users, servers …) are refused.
_ALLOWED_SHOW = {"ShowIndexes", "ShowConstraints", "ShowProcedures", "ShowFunctions"}

# Operators of a plan that only read, for the ``s`` case of ``refusal``.
_READ_OPERATORS = frozenset({
    "ProduceResults", "ProcedureCall", "Projection", "Filter", "Limit", "Skip", "Sort", "PartialSort", "Top",
    "PartialTop", "Distinct", "OrderedDistinct", "EagerAggregation", "OrderedAggregation", "Argument", "Apply",
    "Unwind", "CacheProperties", "Eager", "EmptyResult",
})
_TYPES = {"rw": "reads and writes", "w": "writes", "s": "changes the schema"}
_PROCEDURE = re.compile(r"^\s*`?([\w.`]+?)`?\s*\(")


def parse_value(text: str) -> Any:
    """A ``-p`` value: JSON when it parses (numbers, true/false/null, lists), else the string itself."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def _operators(plan: Any) -> list[tuple[str, dict[str, Any]]]:
    """(operator type, arguments) of every operator of a plan, children included, without recursion."""
    found = []
    stack = [plan] if plan else []
    while stack:
        node = stack.pop()
        op = str(node.get("operatorType", "")).split("@")[0]
        found.append((op, dict(node.get("args") or {})))
        stack.extend(node.get("children") or ())
    return found


def procedure_name(details: str) -> str:
    """The procedure a ``ProcedureCall`` operator calls, from its ``Details``: ``db.labels() :: …``."""
    match = _PROCEDURE.match(details)
    return match.group(1).replace("`", "") if match else details.strip()


def refusal(query_type: str, plan: Any) -> str | None:
    """Why a planned query may not run without ``--write``, or None when it is a plain read.

    The server types a call of a DBMS-level procedure ``s`` even when it only reads (``CALL
    dbms.components()``): such a query passes when every operator of its plan is a plain read
    (``_READ_OPERATORS``) and every procedure it calls is in ``READ_PROCEDURES``.
    """
    operators = _operators(plan)
    names = {op for op, _ in operators}
    dbms_read = (query_type == "s" and "ProcedureCall" in names and names <= _READ_OPERATORS)
    if query_type != "r" and not dbms_read:
        return f"refusing to run a query that {_TYPES.get(query_type, 'is not read-only')} " \
               f"(query type {query_type or 'unknown'}) without --write"
    for op, args in operators:
        if op == "ProcedureCall":
            name = procedure_name(str(args.get("Details", "")))
            if name not in READ_PROCEDURES:
                return (f"refusing to call the procedure {name} without --write: only these read procedures "
                        f"are allowed: {', '.join(sorted(READ_PROCEDURES))}")
        elif op in _REFUSED_OPERATORS:
            return f"refusing to run {_REFUSED_OPERATORS[op]} without --write"
        elif op.startswith("Show") and op not in _ALLOWED_SHOW:
            command = re.sub(r"(?<!^)([A-Z])", r" \1", op).upper()
            return f"refusing to run {command} without --write (it is not a read of the graph)"
    return None


def run_cypher(store: Any, cypher: str, params: Mapping[str, Any] | None = None,
               write: bool = False) -> list[dict[str, Any]]:
    """Run ad-hoc Cypher on Neo4j; without ``write`` refuse anything the server does not plan as a read."""
    backend = require_cypher(store)
    if not cypher.strip():
        raise QueryError("empty Cypher query")
    values = dict(params or {})
    if not write:
        query_type, plan = backend.store.explain(cypher, values)
        reason = refusal(query_type, plan)
        if reason is not None:
            raise QueryError(reason)
    records: list[dict[str, Any]] = backend.store.run_adhoc(cypher, values, write=write)
    return records
