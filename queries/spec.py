"""What a canned query is: its question, typed parameters, columns, Cypher and networkx twin.

Both implementations receive the same *resolved* parameters (entity names already turned into
uids by the runner) and must return the same rows in the same order; the parity tests hold them to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

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
RELATION_FILTER_CYPHER = ("($min_confidence IS NULL OR r.confidence >= $min_confidence) "
                          "AND ($rule IS NULL OR r.rule = $rule)")


def relation_filter_cypher(var: str = "r") -> str:
    return RELATION_FILTER_CYPHER.replace("r.", f"{var}.")


def passes(attrs: dict[str, Any], p: dict[str, Any]) -> bool:
    """The networkx twin of ``RELATION_FILTER_CYPHER`` for one edge's attributes."""
    least, rule = p.get("min_confidence"), p.get("rule")
    if least is not None:
        confidence = attrs.get("confidence")
        if not isinstance(confidence, (int, float)) or isinstance(confidence, bool) or confidence < least:
            return False
    return rule is None or attrs.get("rule") == rule


RowFunction = Callable[[nx.MultiDiGraph, dict[str, Any]], list[dict[str, Any]]]
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

    def param(self, name: str) -> Param | None:
        for p in self.params:
            if p.name == name:
                return p
        return None
