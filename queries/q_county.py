"""Canned queries about places and what they host: companies, industries, designations, programs."""

from __future__ import annotations

import heapq
from collections import defaultdict
from typing import Any

from econgraph.graph.type_index import type_index
from econgraph.queries.nx_helpers import (
    Graph,
    county_names,
    has_node,
    in_edges,
    in_map,
    in_map_from,
    in_nodes,
    lkey,
    name_of,
    names_of,
    node_key,
    out_map,
    out_nodes,
    prop,
    skey,
    sorted_names,
)
from econgraph.queries.spec import RELATION_FILTERS, CannedQuery, Param, passes

COUNTY = Param("county", "county", "临清市", "county (name or any alias: short or former name, e.g. 临清市, 临清, 茌平县)")
CITY = Param("city", "text", None, "only counties of this prefecture (潍坊市 or 潍坊; a prefix of County.city)")
PROVINCE = Param("province", "text", None, "only counties of this province (山东省 or 山东; a prefix of County.province)")
COMPANY_LIMIT = Param("limit", "int", 200, "at most this many companies (by name)", minimum=1, maximum=1_000_000)
PLACE_FILTER = "($city IS NULL OR k.city STARTS WITH $city) AND ($province IS NULL OR k.province STARTS WITH $province)"


def in_area(g: Graph, key: str, p: dict[str, Any]) -> bool:
    """The county passes the city / province filter: a prefix of its ``city`` / ``province`` (unset passes;
    a county without the property fails a set filter, as ``null STARTS WITH x`` does in Cypher)."""
    for param in ("city", "province"):
        want, have = p.get(param), prop(g, key, param)
        if want is not None and (not isinstance(have, str) or not have.startswith(want)):
            return False
    return True


# -- companies-in-county ------------------------------------------------------------------------

COMPANIES_IN_COUNTY_CYPHER = """\
MATCH (k:County {uid: $county})<-[:LOCATED_IN]-(c:Company)
WITH DISTINCT c
RETURN c.name AS company,
       COLLECT { MATCH (c)-[:IN_INDUSTRY]->(i:Industry) RETURN DISTINCT i.name AS n ORDER BY n } AS industries,
       COLLECT { MATCH (c)-[:HAS_DESIGNATION]->(p:Program) RETURN DISTINCT p.name AS n ORDER BY n } AS designations,
       COUNT { MATCH (a:Article)-[:MENTIONS]->(c) RETURN DISTINCT a } AS articles
ORDER BY company, industries, designations, articles
LIMIT $limit"""


def companies_in_county(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    county = node_key("County", p["county"])
    if not has_node(g, county):
        return []
    nodes = g._node
    kind = type_index(g).label
    limit = p["limit"]
    # the page first (by name, ties kept), then the details of its companies only
    located = in_map_from(g, county, "LOCATED_IN", "Company")
    names = names_of(g, located)  # names only: the store's name table, not every company's properties
    if len(names) > limit:
        named = [n for n in names.values() if n is not None]
        if len(named) >= limit:
            cutoff = heapq.nsmallest(limit, named)[-1]  # names up to the limit-th (ties included) can make it
            names = {c: n for c, n in names.items() if n is not None and n <= cutoff}
    rows = []
    for c, name in names.items():
        rows.append({
            "company": name,
            "industries": sorted_names(nodes[i].get("name") for i in out_map(g, c, "IN_INDUSTRY")
                                       if kind[i] == "Industry"),
            "designations": sorted_names(nodes[d].get("name") for d in out_map(g, c, "HAS_DESIGNATION")
                                         if kind[d] == "Program"),
            "articles": sum(1 for a in in_map(g, c, "MENTIONS") if kind[a] == "Article"),
        })
    rows.sort(key=lambda r: (skey(r["company"]), lkey(r["industries"]), lkey(r["designations"]), r["articles"]))
    return rows[:limit]


COMPANIES_IN_COUNTY = CannedQuery(
    name="companies-in-county",
    question_zh="某县(市、区)有哪些企业?各属什么产业、获得过哪些称号?",
    question_en="Which companies are in county X, with their industries and designations?",
    params=(COUNTY, COMPANY_LIMIT),
    columns=("company", "industries", "designations", "articles"),
    cypher=COMPANIES_IN_COUNTY_CYPHER,
    run_nx=companies_in_county,
    ordering="company, industries, designations, articles (articles naming the company); lists sorted by name",
)


# -- county-investors ---------------------------------------------------------------------------

COUNTY_INVESTORS_CYPHER = """\
MATCH (k:County {uid: $county})<-[r:INVESTS_IN_COUNTY]-(c:Company)
WITH c, sum(r.articles) AS articles
RETURN c.name AS company,
       COLLECT { MATCH (c)-[:LOCATED_IN]->(h:County) RETURN DISTINCT h.name AS n ORDER BY n } AS home_counties,
       articles
ORDER BY company, home_counties, articles
LIMIT $limit"""


def county_investors(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    county = node_key("County", p["county"])
    if not has_node(g, county):
        return []
    rows = []
    for c, edges in in_map_from(g, county, "INVESTS_IN_COUNTY", "Company").items():
        rows.append({
            "company": name_of(g, c),
            "home_counties": county_names(g, c),
            "articles": sum(e.get("articles") or 0 for e in edges),
        })
    rows.sort(key=lambda r: (skey(r["company"]), lkey(r["home_counties"]), r["articles"]))
    return rows[:p["limit"]]


COUNTY_INVESTORS = CannedQuery(
    name="county-investors",
    question_zh="哪些企业在某县(市、区)投资、建设或签约项目?它们来自哪里?",
    question_en="Which companies invest in county X (build or sign a project there), and which counties are they from?",
    params=(COUNTY, COMPANY_LIMIT),
    columns=("company", "home_counties", "articles"),
    cypher=COUNTY_INVESTORS_CYPHER,
    run_nx=county_investors,
    ordering="company, home_counties (counties the text ties the company to; empty when none), articles (articles "
             "stating the investment)",
)


# -- county-industries --------------------------------------------------------------------------

COUNTY_INDUSTRIES_CYPHER = """\
MATCH (k:County {uid: $county})
CALL (k) {
  MATCH (k)<-[:LOCATED_IN]-(c:Company)-[:IN_INDUSTRY]->(i:Industry)
  RETURN i, count(DISTINCT c) AS companies, false AS cluster
  UNION ALL
  MATCH (k)-[:HAS_INDUSTRY]->(i:Industry)
  RETURN DISTINCT i, 0 AS companies, true AS cluster
}
WITH i, max(companies) AS companies, any(x IN collect(cluster) WHERE x) AS cluster
RETURN i.name AS industry, companies, cluster
ORDER BY companies DESC, industry, cluster"""


def county_industries(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    county = node_key("County", p["county"])
    if not has_node(g, county):
        return []
    kind = type_index(g).label
    members: dict[str, int] = defaultdict(int)  # industry -> companies (each company once: keys are distinct)
    for c in in_map_from(g, county, "LOCATED_IN", "Company"):
        for i in out_map(g, c, "IN_INDUSTRY"):
            members[i] += 1
    members = {i: n for i, n in members.items() if kind[i] == "Industry"}
    return _ranked(g, "industry", members, out_nodes(g, county, "HAS_INDUSTRY", "Industry"))


def _ranked(g: Any, column: str, members: dict[str, int], clusters: set[str]) -> list[dict[str, Any]]:
    """Rows of (name, companies, cluster), most companies first: shared by the two mirror queries."""
    rows: list[dict[str, Any]] = [
        {column: name_of(g, k), "companies": members.get(k, 0), "cluster": k in clusters}
        for k in set(members) | clusters
    ]
    rows.sort(key=lambda r: (-r["companies"], skey(r[column]), r["cluster"]))
    return rows


COUNTY_INDUSTRIES = CannedQuery(
    name="county-industries",
    question_zh="某县(市、区)的产业结构:各产业按企业数量排名。",
    question_en="A county's industry structure: industries ranked by number of companies.",
    params=(COUNTY,),
    columns=("industry", "companies", "cluster"),
    cypher=COUNTY_INDUSTRIES_CYPHER,
    run_nx=county_industries,
    ordering="companies descending, then industry, cluster (false first); cluster = the county names the "
             "industry as its own (HAS_INDUSTRY)",
)


# -- industry-counties --------------------------------------------------------------------------

INDUSTRY_COUNTIES_CYPHER = """\
MATCH (i:Industry {uid: $industry})
MATCH (s:Industry)-[:PART_OF*0..]->(i)
WITH collect(DISTINCT s) AS sub
CALL (sub) {
  UNWIND sub AS s
  MATCH (s)<-[:IN_INDUSTRY]-(c:Company)-[:LOCATED_IN]->(k:County)
  RETURN k, count(DISTINCT c) AS companies, false AS cluster
  UNION ALL
  UNWIND sub AS s
  MATCH (s)<-[:HAS_INDUSTRY]-(k:County)
  RETURN DISTINCT k, 0 AS companies, true AS cluster
}
WITH k, max(companies) AS companies, any(x IN collect(cluster) WHERE x) AS cluster
WHERE @PLACE_FILTER
RETURN k.name AS county, companies, cluster
ORDER BY companies DESC, county, cluster""".replace("@PLACE_FILTER", PLACE_FILTER)


def industry_and_parts(g: Graph, industry: str) -> set[str]:
    """The industry and every industry PART_OF it, at any depth (the taxonomy may hold cycles)."""
    seen = {industry}
    todo = [industry]
    while todo:
        node = todo.pop()
        for sub in in_nodes(g, node, "PART_OF", "Industry"):
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return seen


def industry_counties(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    industry = node_key("Industry", p["industry"])
    if not has_node(g, industry):
        return []
    kind = type_index(g).label
    sub = industry_and_parts(g, industry)
    companies: set[str] = set()
    clusters: set[str] = set()
    for s in sub:
        companies.update(in_map(g, s, "IN_INDUSTRY"))
        clusters |= in_nodes(g, s, "HAS_INDUSTRY", "County")
    members: dict[str, int] = defaultdict(int)
    for c in companies:
        if kind[c] == "Company":
            for k in out_map(g, c, "LOCATED_IN"):
                members[k] += 1
    members = {k: n for k, n in members.items() if kind[k] == "County" and in_area(g, k, p)}
    clusters = {k for k in clusters if in_area(g, k, p)}
    return _ranked(g, "county", members, clusters)


INDUSTRY_COUNTIES = CannedQuery(
    name="industry-counties",
    question_zh="哪些县(市、区)有某产业?各有多少家企业?",
    question_en="Which counties host industry X, and how many companies each?",
    params=(Param("industry", "industry", "轴承", "industry (its sub-industries, PART_OF, count too)"), CITY, PROVINCE),
    columns=("county", "companies", "cluster"),
    cypher=INDUSTRY_COUNTIES_CYPHER,
    run_nx=industry_counties,
    ordering="companies descending, then county, cluster; a company counts once per county even when it "
             "is in several sub-industries",
    scans="every company of the industry and of its sub-industries (for the taxonomy's root: every company)",
)


# -- designation-companies ----------------------------------------------------------------------

DESIGNATION_COMPANIES_CYPHER = """\
MATCH (p:Program {uid: $designation})<-[r:HAS_DESIGNATION]-(c:Company)
WHERE ($min_confidence IS NULL OR r.confidence >= $min_confidence) AND ($rule IS NULL OR $rule IN r.rules)
WITH c, sum(r.articles) AS articles
OPTIONAL MATCH (c)-[:LOCATED_IN]->(k:County)
WITH DISTINCT c, articles, k
WHERE ($city IS NULL AND $province IS NULL) OR (k IS NOT NULL AND @PLACE_FILTER)
RETURN k.name AS county, c.name AS company, articles
ORDER BY county, company, articles""".replace("@PLACE_FILTER", PLACE_FILTER)


def designation_companies(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    program = node_key("Program", p["designation"])
    if not has_node(g, program):
        return []
    evidence: dict[str, int] = defaultdict(int)
    for c, attrs in in_edges(g, program, "HAS_DESIGNATION", "Company"):
        if passes(attrs, p):
            evidence[c] += attrs.get("articles") or 0
    rows = []
    for c, articles in evidence.items():
        counties = out_nodes(g, c, "LOCATED_IN", "County") or {None}
        filtered = p.get("city") is not None or p.get("province") is not None
        for k in counties:
            if filtered and (k is None or not in_area(g, k, p)):
                continue
            rows.append({"county": name_of(g, k) if k else None, "company": name_of(g, c), "articles": articles})
    rows.sort(key=lambda r: (skey(r["county"]), skey(r["company"]), r["articles"]))
    return rows


DESIGNATION_COMPANIES = CannedQuery(
    name="designation-companies",
    question_zh="哪些企业获得了某称号(专精特新“小巨人”、瞪羚企业……)?按县(市、区)列出。",
    question_en="Which companies hold designation X (专精特新“小巨人”, 瞪羚…), by county?",
    params=(Param("designation", "program", "专精特新小巨人", "designation (a Program, by name or alias)"), CITY,
            PROVINCE, *RELATION_FILTERS),
    columns=("county", "company", "articles"),
    cypher=DESIGNATION_COMPANIES_CYPHER,
    run_nx=designation_companies,
    ordering="county (companies without one last), company, articles; a company in two counties gives two rows",
)


# -- county-programs ----------------------------------------------------------------------------

COUNTY_PROGRAMS_CYPHER = """\
MATCH (k:County {uid: $county})
CALL (k) {
  MATCH (k)-[:RUNS]->(p:Program) RETURN p
  UNION
  MATCH (k)<-[:LOCATED_IN]-(:Company)-[:HAS_DESIGNATION]->(p:Program) RETURN p
}
WITH k, p,
     EXISTS { (k)-[:RUNS]->(p) } AS runs,
     COLLECT { MATCH (p)<-[:HAS_DESIGNATION]-(c:Company)-[:LOCATED_IN]->(k) RETURN DISTINCT c.name AS n ORDER BY n }
       AS companies
RETURN p.name AS program, p.level AS level, p.kind AS kind, runs, companies
ORDER BY runs DESC, size(companies) DESC, program, level, kind, companies"""


def county_programs(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    county = node_key("County", p["county"])
    if not has_node(g, county):
        return []
    nodes = g._node
    kind = type_index(g).label
    runs = out_nodes(g, county, "RUNS", "Program")
    members: dict[str, set[str]] = defaultdict(set)
    for c in in_map_from(g, county, "LOCATED_IN", "Company"):
        designations = out_map(g, c, "HAS_DESIGNATION")
        if designations:
            for prog in designations:
                members[prog].add(c)
    members = {prog: cs for prog, cs in members.items() if kind[prog] == "Program"}
    rows = []
    for prog in runs | set(members):
        rows.append({
            "program": name_of(g, prog),
            "level": prop(g, prog, "level"),
            "kind": prop(g, prog, "kind"),
            "runs": prog in runs,
            "companies": sorted_names(nodes[c].get("name") for c in members.get(prog, ())),
        })
    rows.sort(key=lambda r: (not r["runs"], -len(r["companies"]), skey(r["program"]), skey(r["level"]),
                             skey(r["kind"]), lkey(r["companies"])))
    return rows


COUNTY_PROGRAMS = CannedQuery(
    name="county-programs",
    question_zh="某县(市、区)推行哪些政策和项目?哪些企业参与?",
    question_en="Which programs does county X run, and which of its companies take part?",
    params=(COUNTY,),
    columns=("program", "level", "kind", "runs", "companies"),
    cypher=COUNTY_PROGRAMS_CYPHER,
    run_nx=county_programs,
    ordering="programs the county runs first, then by number of its companies holding them (descending), "
             "program, level, kind; companies sorted by name",
)

