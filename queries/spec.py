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
# "town": a town or street of the region's town list (loaders/regions/<pack>/towns.tsv); the runner
# checks the name and also passes ``<name>_county``, the uid of the county the list puts it in.
SCALAR_TYPES = ("text", "int", "float", "bool", "choice", "town")
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
    minimum: float | None = None
    maximum: float | None = None

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


# The relationship filters of queries that return relationships (or count them): ``--min-confidence``
# and ``--rule`` on the CLI. Unset (null) keeps every relationship; a relationship without a
# confidence fails a set threshold, as ``null >= x`` does in Cypher.
MIN_CONFIDENCE = Param("min_confidence", "float", None,
                       "only relationships with at least this confidence (0-1; default: all)", minimum=0.0, maximum=1.0)
RULE = Param("rule", "text", None, "only relationships found by this extraction rule (default: all)")
RELATION_FILTERS = (MIN_CONFIDENCE, RULE)
# The same filters in Cypher, for a relationship variable r (keep in step with ``passes``)
# (a fact's confidence is the highest of its evidence; it passes a rule filter when one of its rules is it)
RELATION_FILTER_CYPHER = ("($min_confidence IS NULL OR r.confidence >= $min_confidence) "
                          "AND ($rule IS NULL OR $rule IN r.rules)")


def relation_filter_cypher(var: str = "r") -> str:
    return RELATION_FILTER_CYPHER.replace("r.", f"{var}.")


def passes(attrs: dict[str, Any], p: dict[str, Any]) -> bool:
    """The networkx twin of ``RELATION_FILTER_CYPHER`` for one fact's attributes (its ``rules``) or one piece of
    its evidence (its ``rule``)."""
    least, rule = p.get("min_confidence"), p.get("rule")
    if least is not None:
        confidence = attrs.get("confidence")
        if not isinstance(confidence, (int, float)) or isinstance(confidence, bool) or confidence < least:
            return False
    return rule is None or attrs.get("rule") == rule or rule in (attrs.get("rules") or ())


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
