"""Labels, relationship types and constraints: the one place the graph's vocabulary is written."""

from __future__ import annotations

LABELS: tuple[str, ...] = ("Article", "Company", "County", "Industry", "Program", "Institution")
ENTITY_LABELS: tuple[str, ...] = tuple(label for label in LABELS if label != "Article")  # what articles mention

# Relationship types in their order (stats, exports), each with its allowed start and end labels.
REL_ENDPOINTS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "MENTIONS": (frozenset({"Article"}), frozenset(LABELS) - {"Article"}),
    "LOCATED_IN": (frozenset({"Company", "Institution"}), frozenset({"County"})),
    "IN_INDUSTRY": (frozenset({"Company"}), frozenset({"Industry"})),
    "HAS_DESIGNATION": (frozenset({"Company"}), frozenset({"Program"})),
    "RUNS": (frozenset({"County"}), frozenset({"Program"})),
    "HAS_INDUSTRY": (frozenset({"County"}), frozenset({"Industry"})),
    "PARTNERS_WITH": (frozenset({"Company"}), frozenset({"Institution", "Company"})),
    "INVESTS_IN": (frozenset({"Company"}), frozenset({"Company"})),  # a stake in a company
    "INVESTS_IN_COUNTY": (frozenset({"Company"}), frozenset({"County"})),  # a project built or signed in a county
    "SUPPLIES": (frozenset({"Company"}), frozenset({"Company"})),
    "PART_OF": (frozenset({"Industry"}), frozenset({"Industry"})),
}
REL_TYPES: tuple[str, ...] = tuple(REL_ENDPOINTS)

# Cypher for Neo4j: labels are fixed identifiers from LABELS, never user input.
CONSTRAINTS: tuple[str, ...] = tuple(
    f"CREATE CONSTRAINT {label.lower()}_uid IF NOT EXISTS FOR (n:{label}) REQUIRE n.uid IS UNIQUE"
    for label in LABELS
)
