"""Canned queries an analyst asks first (issue 19): an industry's companies, two counties side by side,
prefecture totals, the companies of a town, and a search of entities by name fragment."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from econgraph.graph.facts import evidence_of
from econgraph.graph.neo4j_cypher import sentences_of
from econgraph.graph.type_index import type_index
from econgraph.queries.nx_helpers import (
    Graph,
    has_node,
    in_map,
    in_map_from,
    in_nodes,
    lkey,
    name_of,
    node_key,
    nodes_with_label,
    out_map,
    out_nodes,
    prop,
    skey,
    sorted_names,
)
from econgraph.queries.q_county import industry_and_parts
from econgraph.queries.spec import (
    ENTITY_LABELS,
    RELATION_FILTERS,
    CannedQuery,
    Param,
    passes,
    relation_filter_cypher,
)

# -- industry-companies -------------------------------------------------------------------------

INDUSTRY_COMPANIES_CYPHER = f"""\
MATCH (i:Industry {{uid: $industry}})
MATCH (s:Industry)-[:PART_OF*0..]->(i)
WITH DISTINCT s
MATCH (s)<-[r:IN_INDUSTRY]-(c:Company)
WHERE {relation_filter_cypher("r")}
UNWIND CASE WHEN size(coalesce(r.ev_article, [])) = 0 THEN [null] ELSE r.ev_article END AS article
WITH c, collect(DISTINCT s.name) AS names, count(DISTINCT article) AS articles
OPTIONAL MATCH (c)-[:LOCATED_IN]->(k:County)
WITH DISTINCT c, names, articles, k
WHERE $county IS NULL OR k.uid = $county
RETURN k.name AS county, c.name AS company,
       COLLECT {{ UNWIND names AS n RETURN n ORDER BY n }} AS industries, articles
ORDER BY county, company, industries, articles
LIMIT $limit"""


def industry_companies(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    industry = node_key("Industry", p["industry"])
    if not has_node(g, industry):
        return []
    county = node_key("County", p["county"]) if p.get("county") is not None else None
    kind = type_index(g).label
    names: dict[str, set[str]] = defaultdict(set)
    articles: dict[str, set[str]] = defaultdict(set)
    for s in industry_and_parts(g, industry):
        for c, edges in in_map(g, s, "IN_INDUSTRY").items():
            kept = [e for e in edges if passes(e, p)]
            if not kept or kind[c] != "Company":
                continue
            name = name_of(g, s)
            names[c].update(() if name is None else (name,))
            articles[c].update(ev["article"] for e in kept for ev in evidence_of(g, e) if ev.get("article") is not None)
    rows: list[dict[str, Any]] = []
    for c in names.keys() | articles.keys():
        counties: set[str | None] = set(out_nodes(g, c, "LOCATED_IN", "County")) or {None}
        for k in counties:
            if county is not None and k != county:
                continue
            rows.append({"county": name_of(g, k) if k else None, "company": name_of(g, c),
                         "industries": sorted(names[c]), "articles": len(articles[c])})
    rows.sort(key=lambda r: (skey(r["county"]), skey(r["company"]), lkey(r["industries"]), r["articles"]))
    return rows[: p["limit"]]


INDUSTRY_COMPANIES = CannedQuery(
    name="industry-companies",
    question_zh="某产业(含其下属细分产业)有哪些企业?各在哪个县(市、区)?",
    question_en="Which companies are in industry X (its sub-industries included), and in which county?",
    params=(
        Param("industry", "industry", "轴承", "industry by name or alias (its sub-industries, PART_OF, count too)"),
        Param("county", "county", None, "only companies in this county (default: all counties)"),
        Param("limit", "int", 500, "at most this many rows", minimum=1, maximum=1_000_000),
        *RELATION_FILTERS,
    ),
    columns=("county", "company", "industries", "articles"),
    cypher=INDUSTRY_COMPANIES_CYPHER,
    run_nx=industry_companies,
    ordering="county (companies without one last), company, industries, articles; industries = the "
             "industry or sub-industries the company is tied to (sorted), articles = articles behind those "
             "IN_INDUSTRY ties; a company in two counties gives two rows; the filters apply to IN_INDUSTRY",
    scans="every company of the industry and of its sub-industries (for the taxonomy's root: every company)",
)


# -- county-compare -----------------------------------------------------------------------------

# (column, what it counts): the measures of a county, shared by county-compare and prefecture-totals
COUNTY_MEASURES = (
    ("companies", "companies located in it"),
    ("industries", "industries of its companies or named as its own (the rows of county-industries)"),
    ("designations", "designations (programs) its companies hold"),
    ("designated", "companies holding at least one designation"),
    ("programs", "programs it runs"),
    ("institutions", "institutions located in it"),
    ("articles", "articles mentioning it"),
)


def _measure_cypher(ks: str) -> str:
    """COUNT subqueries of the county measures over ``ks``, a list of counties."""
    return f"""\
       COUNT {{ UNWIND {ks} AS kc MATCH (kc)<-[:LOCATED_IN]-(c:Company) RETURN DISTINCT c }} AS companies,
       COUNT {{ CALL ({ks}) {{ UNWIND {ks} AS kc MATCH (kc)<-[:LOCATED_IN]-(:Company)-[:IN_INDUSTRY]->(i:Industry) RETURN i
                        UNION UNWIND {ks} AS kc MATCH (kc)-[:HAS_INDUSTRY]->(i:Industry) RETURN i }}
                RETURN DISTINCT i }} AS industries,
       COUNT {{ UNWIND {ks} AS kc MATCH (kc)<-[:LOCATED_IN]-(:Company)-[:HAS_DESIGNATION]->(p:Program)
                RETURN DISTINCT p }} AS designations,
       COUNT {{ UNWIND {ks} AS kc MATCH (kc)<-[:LOCATED_IN]-(c:Company) WHERE EXISTS {{ (c)-[:HAS_DESIGNATION]->(:Program) }}
                RETURN DISTINCT c }} AS designated,
       COUNT {{ UNWIND {ks} AS kc MATCH (kc)-[:RUNS]->(p:Program) RETURN DISTINCT p }} AS programs,
       COUNT {{ UNWIND {ks} AS kc MATCH (kc)<-[:LOCATED_IN]-(u:Institution) RETURN DISTINCT u }} AS institutions,
       COUNT {{ UNWIND {ks} AS kc MATCH (a:Article)-[:MENTIONS]->(kc) RETURN DISTINCT a }} AS articles"""


def county_measures(g: Graph, counties: list[str]) -> dict[str, int]:
    """The COUNTY_MEASURES of a set of counties taken together (a company in two of them counts once)."""
    kind = type_index(g).label
    companies: set[str] = set()
    industries: set[str] = set()
    designations: set[str] = set()
    designated: set[str] = set()
    programs: set[str] = set()
    institutions: set[str] = set()
    articles: set[str] = set()
    for k in counties:
        located = in_map_from(g, k, "LOCATED_IN", "Company")
        companies.update(located)
        for c in located:
            industries.update(i for i in out_map(g, c, "IN_INDUSTRY") if kind[i] == "Industry")
            held = [d for d in out_map(g, c, "HAS_DESIGNATION") if kind[d] == "Program"]
            designations.update(held)
            if held:
                designated.add(c)
        industries |= out_nodes(g, k, "HAS_INDUSTRY", "Industry")
        programs |= out_nodes(g, k, "RUNS", "Program")
        institutions |= in_nodes(g, k, "LOCATED_IN", "Institution")
        articles |= in_nodes(g, k, "MENTIONS", "Article")
    return {"companies": len(companies), "industries": len(industries), "designations": len(designations),
            "designated": len(designated), "programs": len(programs), "institutions": len(institutions),
            "articles": len(articles)}


COUNTY_COMPARE_CYPHER = f"""\
UNWIND [[0, $county], [1, $other]] AS pick
MATCH (k:County {{uid: pick[1]}})
WITH pick[0] AS side, k, [k] AS ks
RETURN k.name AS county, k.city AS city,
{_measure_cypher("ks")}
ORDER BY side"""


def county_compare(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for uid in (p["county"], p["other"]):
        k = node_key("County", uid)
        if has_node(g, k):
            rows.append({"county": name_of(g, k), "city": prop(g, k, "city"), **county_measures(g, [k])})
    return rows


def _validate_compare(p: dict[str, Any]) -> None:
    from econgraph.errors import QueryError

    if p["county"] == p["other"]:
        raise QueryError("county and other name the same county", "give two different counties")


COUNTY_COMPARE = CannedQuery(
    name="county-compare",
    question_zh="两个县(市、区)并列比较:企业、产业、称号、项目、机构和报道的数量。",
    question_en="Two counties side by side: how many companies, industries, designations, programs, "
                "institutions and articles each has.",
    params=(
        Param("county", "county", "临清市", "first county (name or alias)"),
        Param("other", "county", "东阿县", "second county (name or alias)"),
    ),
    columns=("county", "city", *(m for m, _ in COUNTY_MEASURES)),
    cypher=COUNTY_COMPARE_CYPHER,
    run_nx=county_compare,
    ordering="the county first, the other second; " + "; ".join(f"{m} = {what}" for m, what in COUNTY_MEASURES),
    validate=_validate_compare,
)


# -- prefecture-totals --------------------------------------------------------------------------

PREFECTURE_TOTALS_CYPHER = f"""\
MATCH (k:County)
WITH k.city AS city, collect(k) AS ks
WHERE $city IS NULL OR city STARTS WITH $city
RETURN city, size(ks) AS counties,
{_measure_cypher("ks")}
ORDER BY companies DESC, city, counties"""


def prefecture_totals(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    by_city: dict[Any, list[str]] = defaultdict(list)
    for k in nodes_with_label(g, "County"):
        by_city[prop(g, k, "city")].append(k)
    want = p.get("city")
    rows = []
    for city, ks in by_city.items():
        if want is not None and not (isinstance(city, str) and city.startswith(want)):
            continue
        rows.append({"city": city, "counties": len(ks), **county_measures(g, ks)})
    rows.sort(key=lambda r: (-r["companies"], skey(r["city"]), r["counties"]))
    return rows


PREFECTURE_TOTALS = CannedQuery(
    name="prefecture-totals",
    question_zh="各地级市(按县的 city 属性)合计:县(市、区)、企业、产业、称号、项目、机构和报道的数量。",
    question_en="Totals per prefecture (the counties' city): counties, companies, industries, designations, "
                "programs, institutions, articles.",
    params=(Param("city", "text", None, "only this prefecture (聊城市 or 聊城: a prefix of County.city)"),),
    columns=("city", "counties", *(m for m, _ in COUNTY_MEASURES)),
    cypher=PREFECTURE_TOTALS_CYPHER,
    run_nx=prefecture_totals,
    ordering="companies descending, then city (counties without one last), counties; a company or article "
             "shared by two counties of a prefecture counts once; measures as in county-compare",
    scans="every county (and each county's companies and articles)",
)


# -- town-companies -----------------------------------------------------------------------------

TOWN_COMPANIES_CYPHER = f"""\
MATCH (k:County {{uid: $town_county}})<-[r:LOCATED_IN]-(c:Company)
WHERE {relation_filter_cypher("r")}
WITH k, c, r,
     c.name CONTAINS $town OR any(a IN coalesce(c.aliases, []) WHERE a CONTAINS $town) AS by_name,
     [x IN coalesce({sentences_of("r")}, []) WHERE x CONTAINS $town] AS hits
WHERE by_name OR size(hits) > 0
RETURN k.name AS county, c.name AS company, CASE WHEN by_name THEN 'name' ELSE 'sentence' END AS via,
       COLLECT {{ UNWIND hits AS s RETURN DISTINCT s ORDER BY s }} AS sentences, r.articles AS articles
ORDER BY company, via, sentences, articles"""


def town_companies(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    county = node_key("County", p["town_county"]) if p.get("town_county") is not None else None
    town = p["town"]
    if town is None or county is None or not has_node(g, county):
        return []
    rows: list[dict[str, Any]] = []
    for c, edges in in_map_from(g, county, "LOCATED_IN", "Company").items():
        kept = [e for e in edges if passes(e, p)]
        if not kept:
            continue
        name = name_of(g, c)
        by_name = (name is not None and town in name) or any(town in a for a in prop(g, c, "aliases") or ())
        hits = [ev.get("sentence") for e in kept for ev in evidence_of(g, e)
                if isinstance(ev.get("sentence"), str) and town in ev["sentence"]]
        if not by_name and not hits:
            continue
        rows.append({"county": name_of(g, county), "company": name, "via": "name" if by_name else "sentence",
                     "sentences": sorted_names(hits), "articles": sum(e.get("articles") or 0 for e in kept)})
    rows.sort(key=lambda r: (skey(r["company"]), r["via"], lkey(r["sentences"]), r["articles"]))
    return rows


TOWN_COMPANIES = CannedQuery(
    name="town-companies",
    question_zh="某镇(街道)有哪些企业?(镇名来自区域的镇街名单)",
    question_en="Which companies are in town X (a town or street of the region's town list)?",
    params=(
        Param("town", "town", "烟店镇", "town or street (烟店镇, or 烟店 when only one town has that stem)"),
        *RELATION_FILTERS,
    ),
    columns=("county", "company", "via", "sentences", "articles"),
    cypher=TOWN_COMPANIES_CYPHER,
    run_nx=town_companies,
    ordering="company, via, sentences, articles. Towns are not nodes: a company of the town's county is in "
             "the town when its name (or an alias) holds the town ('name') or a sentence behind its "
             "LOCATED_IN does ('sentence', those sentences listed); articles = its LOCATED_IN articles",
)


# -- entity-search ------------------------------------------------------------------------------

SEARCH_LABELS = ENTITY_LABELS["entity"]
SEARCH_BRANCHES = "\n  UNION ALL\n".join(
    f"  MATCH (n:{label}) WHERE $label IN ['any', '{label}'] RETURN n" for label in SEARCH_LABELS
)

ENTITY_SEARCH_CYPHER = f"""\
CALL () {{
{SEARCH_BRANCHES}
}}
WITH n, coalesce(n.aliases, []) AS aliases
WHERE n.name CONTAINS $text OR any(a IN aliases WHERE a CONTAINS $text)
WITH n, aliases,
     CASE WHEN n.name = $text OR $text IN aliases THEN 0
          WHEN n.name STARTS WITH $text OR any(a IN aliases WHERE a STARTS WITH $text) THEN 1
          ELSE 2 END AS rank
RETURN labels(n)[0] AS label, n.name AS name, aliases,
       COUNT {{ MATCH (a:Article)-[:MENTIONS]->(n) RETURN DISTINCT a }} AS articles
ORDER BY rank, articles DESC, name, label, aliases
LIMIT $limit"""


def entity_search(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    text, want = p["text"], p["label"]
    ranked = []
    for label in SEARCH_LABELS:
        if want not in ("any", label):
            continue
        for n in nodes_with_label(g, label):
            name = name_of(g, n)
            aliases = list(prop(g, n, "aliases") or [])
            forms = ([name] if name is not None else []) + aliases
            if not any(text in f for f in forms):
                continue
            rank = 0 if text in forms else 1 if any(f.startswith(text) for f in forms) else 2
            articles = len(in_nodes(g, n, "MENTIONS", "Article"))
            ranked.append(((rank, -articles, skey(name), label, lkey(aliases)),
                           {"label": label, "name": name, "aliases": aliases, "articles": articles}))
    ranked.sort(key=lambda t: t[0])
    return [row for _, row in ranked[: p["limit"]]]


def _validate_search(p: dict[str, Any]) -> None:
    from econgraph.errors import QueryError

    if not p.get("text"):
        raise QueryError("missing value for parameter text", "give -p text=NAME-FRAGMENT, e.g. -p text=轴承")


ENTITY_SEARCH = CannedQuery(
    name="entity-search",
    question_zh="按类别和名称片段查找实体(企业、县、产业、称号、机构)。",
    question_en="Find entities by kind and a fragment of their name or alias.",
    params=(
        Param("text", "text", "轴承", "a fragment of the name or of an alias (exact characters)"),
        Param("label", "choice", "any", "which kind of entity, or any", choices=("any", *SEARCH_LABELS)),
        Param("limit", "int", 50, "at most this many rows", minimum=1, maximum=100_000),
    ),
    columns=("label", "name", "aliases", "articles"),
    cypher=ENTITY_SEARCH_CYPHER,
    run_nx=entity_search,
    ordering="exact name or alias first, then names or aliases starting with the text, then the rest; "
             "within each, articles mentioning it (descending), name, label, aliases",
    scans="every entity of the chosen kind (all kinds for any)",
    validate=_validate_search,
)

ANALYST_QUERIES = (INDUSTRY_COMPANIES, COUNTY_COMPARE, PREFECTURE_TOTALS, TOWN_COMPANIES, ENTITY_SEARCH)
