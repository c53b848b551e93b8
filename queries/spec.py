"""What a canned query is: its question, typed parameters, columns, Cypher and networkx twin.

Both implementations receive the same *resolved* parameters (entity names already turned into
uids by the runner) and must return the same rows in the same order. The order is declared once, by
the final ``ORDER BY`` of the Cypher (``CannedQuery.order``); tests/test_query_order.py checks that the
networkx rows follow it (no server needed), tests/test_queries.py that both stores give the same rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from econgraph.graph.type_index import NxGraph

# Parameter types. Entity types are resolved by name or alias to a node uid; "entity" accepts any
# label (the runner then also passes ``<name>_label``).
ENTITY_LABELS: dict[str, tuple[str, ...]] = {
    "county": ("County",),
    "company": ("Company",),
    "industry": ("Industry",),
    "program": ("Program",),
    "institution": ("Institution",),
    "entity": ("County", "Company", "Institution", "Program", "Industry"),
}
SCALAR_TYPES = ("text", "int", "bool", "choice")
PARAM_TYPES = SCALAR_TYPES + tuple(ENTITY_LABELS)


class MostMentioned:
    """A default computed on the graph: the entity of the label mentioned in most articles.

    Lets company parameters have a default that makes sense on any graph without naming a company
    in code.
    """

    def __repr__(self) -> str:
        return "MOST_MENTIONED"

    def __str__(self) -> str:
        return "(the most-mentioned one)"


MOST_MENTIONED = MostMentioned()


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    def __post_init__(self) -> None:
        if self.type not in PARAM_TYPES:
            raise ValueError(f"parameter {self.name}: unknown type {self.type!r}")
        if self.type == "choice" and not self.choices:
            raise ValueError(f"parameter {self.name}: a choice needs choices")

    @property
    def is_entity(self) -> bool:
        return self.type in ENTITY_LABELS

    @property
    def labels(self) -> tuple[str, ...]:
        return ENTITY_LABELS.get(self.type, ())

    def describe_default(self) -> str:
        if self.default is None:
            return "(none: all)"
        if isinstance(self.default, MostMentioned):
            return f"(the most-mentioned {self.type})"
        if isinstance(self.default, bool):
            return "true" if self.default else "false"
        return str(self.default)


@dataclass(frozen=True)
class SortTerm:
    """One term of a query's final ``ORDER BY``: a Cypher expression (usually a returned column) and its direction."""

    expr: str
    descending: bool = False

    def __str__(self) -> str:
        return f"{self.expr} DESC" if self.descending else self.expr


_TAIL = re.compile(r"\s*\b(?:SKIP|LIMIT)\b.*", re.S)
_DIRECTION = re.compile(r"^(.*?)\s+(ASC|ASCENDING|DESC|DESCENDING)$", re.I)


def order_terms(cypher: str) -> tuple[SortTerm, ...]:
    """The terms of the last ``ORDER BY`` of a query (the one that orders its rows; earlier ones sort
    lists inside ``COLLECT`` subqueries). Terms are split at top-level commas."""
    at = cypher.rfind("ORDER BY")
    clause = _TAIL.sub("", cypher[at + len("ORDER BY"):]).strip() if at >= 0 else ""
    if not clause or "}" in clause:  # none, or only inside a subquery
        return ()
    terms, depth, current = [], 0, ""
    for ch in clause + ",":
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            terms.append(current.strip())
            current = ""
        else:
            current += ch
    out = []
    for term in terms:
        m = _DIRECTION.match(term)
        out.append(SortTerm(m.group(1), m.group(2).upper().startswith("DESC")) if m else SortTerm(term))
    return tuple(out)


RowFunction = Callable[[NxGraph, dict[str, Any]], list[dict[str, Any]]]
Validator = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class CannedQuery:
    name: str
    question_zh: str
    question_en: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    cypher: str
    run_nx: RowFunction
    ordering: str  # how rows (and lists inside rows) are ordered: the contract both stores meet
    scans: str = ""  # why the query must read the whole graph, when it does ("" = local)
    validate: Validator | None = field(default=None, compare=False)

    @property
    def order(self) -> tuple[SortTerm, ...]:
        """How rows are ordered: the Cypher's final ``ORDER BY``, which the networkx rows follow too."""
        return order_terms(self.cypher)

    def param(self, name: str) -> Param | None:
        for p in self.params:
            if p.name == name:
                return p
        return None
