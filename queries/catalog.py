"""The canned queries, in the order ``econgraph query list`` shows them."""

from __future__ import annotations

from econgraph.queries.q_analyst import (
    COUNTY_COMPARE,
    ENTITY_SEARCH,
    INDUSTRY_COMPANIES,
    PREFECTURE_TOTALS,
    TOWN_COMPANIES,
)
from econgraph.queries.q_company import (
    CHAIN_LEADERS,
    CO_MENTIONED,
    COMPANY_PROFILE,
    ENTITY_EVIDENCE,
    OUTSIDE_INVESTORS,
    RELATION_EVIDENCE,
    UNIVERSITY_LINKS,
)
from econgraph.queries.q_county import (
    COMPANIES_IN_COUNTY,
    COUNTY_INDUSTRIES,
    COUNTY_INVESTORS,
    COUNTY_PROGRAMS,
    DESIGNATION_COMPANIES,
    INDUSTRY_COUNTIES,
)
from econgraph.queries.q_graph import MENTIONS_OVER_TIME, SHORTEST_PATH, TOP_MENTIONED
from econgraph.queries.spec import MOST_MENTIONED, CannedQuery, Param

from econgraph.errors import QueryError

__all__ = ["CATALOG", "MOST_MENTIONED", "CannedQuery", "Param", "get_query", "suggest_queries"]

CATALOG: dict[str, CannedQuery] = {
    q.name: q
    for q in (
        COMPANIES_IN_COUNTY,
        COMPANY_PROFILE,
        INDUSTRY_COUNTIES,
        COUNTY_INDUSTRIES,
        DESIGNATION_COMPANIES,
        COUNTY_PROGRAMS,
        UNIVERSITY_LINKS,
        CHAIN_LEADERS,
        OUTSIDE_INVESTORS,
        COUNTY_INVESTORS,
        CO_MENTIONED,
        SHORTEST_PATH,
        RELATION_EVIDENCE,
        TOP_MENTIONED,
        MENTIONS_OVER_TIME,
        ENTITY_EVIDENCE,
        INDUSTRY_COMPANIES,
        COUNTY_COMPARE,
        PREFECTURE_TOTALS,
        TOWN_COMPANIES,
        ENTITY_SEARCH,
    )
}


def suggest_queries(name: str) -> list[str]:
    import difflib

    scored = sorted(((difflib.SequenceMatcher(None, name, q).ratio(), q) for q in CATALOG), key=lambda t: -t[0])
    best = scored[0][0] if scored else 0.0
    # close names only: a near-exact hit is not followed by the names that merely share "-companies"
    close = [q for score, q in scored if score >= max(0.5, best - 0.25)][:3]
    partial = [q for q in CATALOG if name and (name in q or q in name) and q not in close]
    return close + partial[: 3 - len(close)]


def get_query(name: str) -> CannedQuery:
    """The canned query called ``name``, or a QueryError with the closest names."""
    query = CATALOG.get(name)
    if query is None:
        close = suggest_queries(name)
        hint = ("did you mean: " + ", ".join(close)) if close else "econgraph query list shows them all"
        raise QueryError(f"unknown query {name!r}", hint)
    return query
