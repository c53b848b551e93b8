"""Canned queries about companies and the ties between them: profiles, partners, investors, evidence."""

from __future__ import annotations

from collections import Counter
from typing import Any

from econgraph.graph.facts import evidence_of
from econgraph.graph.neo4j_cypher import sentence_of
from econgraph.graph.schema import REL_TYPES
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
    nkey,
    node_key,
    nodes_with_label,
    out_edges,
    out_map,
    out_nodes,
    prop,
    skey,
    sorted_names,
    starts_of,
)
from econgraph.queries.q_graph import match_entity
from econgraph.queries.spec import MOST_MENTIONED, RELATION_FILTERS, CannedQuery, Param, passes


def _articles(edges: list[dict[str, Any]]) -> int:
    """The articles behind the facts joining two nodes (one fact per type and pair: a sum over one edge)."""
    return sum(attrs.get("articles") or 0 for attrs in edges)


COMPANY = Param("company", "company", MOST_MENTIONED, "company (name or alias)")
OPTIONAL_COUNTY = Param("county", "county", None, "only companies in this county (default: all counties)")
LIMIT = Param("limit", "int", 20, "at most this many rows", minimum=1, maximum=10_000)


# -- company-profile ----------------------------------------------------------------------------

# (rank, relation, type, direction, far-end label or None, detail property or "label")
PROFILE_PARTS: tuple[tuple[int, str, str, str, str | None, str | None], ...] = (
    (1, "county", "LOCATED_IN", "out", "County", "kind"),
    (2, "industry", "IN_INDUSTRY", "out", "Industry", None),
    (3, "designation", "HAS_DESIGNATION", "out", "Program", "level"),
    (4, "partner", "PARTNERS_WITH", "out", None, "label"),
    (5, "partner of", "PARTNERS_WITH", "in", "Company", "label"),
    (6, "invests in", "INVESTS_IN", "out", "Company", None),
    (7, "invests in county", "INVESTS_IN_COUNTY", "out", "County", "kind"),  # a project it builds or signs there
    (8, "investor", "INVESTS_IN", "in", "Company", None),
    (9, "customer", "SUPPLIES", "out", "Company", None),
    (10, "supplier", "SUPPLIES", "in", "Company", None),
)


ARTICLE_RANK = len(PROFILE_PARTS) + 1  # the articles naming the company come last


def _profile_branch(rank: int, relation: str, rtype: str, direction: str, label: str | None,
                    detail: str | None) -> str:
    far = f"x:{label}" if label else "x"
    arrow = f"-[r:{rtype}]->({far})" if direction == "out" else f"<-[r:{rtype}]-({far})"
    detail_expr = "labels(x)[0]" if detail == "label" else (f"x.{detail}" if detail else "null")
    return (f"  MATCH (c:Company {{uid: $company}}){arrow}\n"
            f"  RETURN {rank} AS rank, '{relation}' AS relation, x.name AS name, {detail_expr} AS detail, "
            f"sum(r.articles) AS evidence")


COMPANY_PROFILE_CYPHER = (
    "CALL () {\n"
    "  MATCH (c:Company {uid: $company}) UNWIND coalesce(c.aliases, []) AS alias\n"
    "  RETURN 0 AS rank, 'alias' AS relation, alias AS name, null AS detail, null AS evidence\n"
    "  UNION ALL\n"
    + "\n  UNION ALL\n".join(_profile_branch(*part) for part in PROFILE_PARTS)
    + "\n  UNION ALL\n"
    "  MATCH (c:Company {uid: $company})<-[m:MENTIONS]-(a:Article)\n"
    f"  RETURN {ARTICLE_RANK} AS rank, 'article' AS relation, a.title AS name, a.date AS detail, m.count AS evidence\n"
    "}\n"
    "RETURN relation, name, detail, evidence\n"
    "ORDER BY rank, name, detail, evidence"
)


def company_profile(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    company = node_key("Company", p["company"])
    if not has_node(g, company):
        return []
    ranked: list[tuple[int, dict[str, Any]]] = []
    for alias in prop(g, company, "aliases") or []:
        ranked.append((0, {"relation": "alias", "name": alias, "detail": None, "evidence": None}))
    for rank, relation, rtype, direction, label, detail in PROFILE_PARTS:
        edges = out_edges(g, company, rtype, label) if direction == "out" else in_edges(g, company, rtype, label)
        counts: Counter[tuple[Any, Any]] = Counter()
        for x, attrs in edges:
            value = prop(g, x, detail) if detail and detail != "label" else None
            if detail == "label":
                value = prop(g, x, "label")
            counts[(name_of(g, x), value)] += attrs.get("articles") or 0
        for (name, value), n in counts.items():
            ranked.append((rank, {"relation": relation, "name": name, "detail": value, "evidence": n}))
    for a, attrs in in_edges(g, company, "MENTIONS", "Article"):
        ranked.append((ARTICLE_RANK, {"relation": "article", "name": prop(g, a, "title"), "detail": prop(g, a, "date"),
                            "evidence": attrs.get("count")}))
    ranked.sort(key=lambda t: (t[0], skey(t[1]["name"]), skey(t[1]["detail"]), nkey(t[1]["evidence"])))
    return [row for _, row in ranked]


COMPANY_PROFILE = CannedQuery(
    name="company-profile",
    question_zh="某企业的概况:所在县(市、区)、产业、称号、合作伙伴、投资方和客户,以及提到它的文章。",
    question_en="Profile of company X: county, industries, designations, partners, investors/customers, "
                "and the articles that mention it.",
    params=(COMPANY,),
    columns=("relation", "name", "detail", "evidence"),
    cypher=COMPANY_PROFILE_CYPHER,
    run_nx=company_profile,
    ordering="by relation in the order alias, county, industry, designation, partner, partner of, invests in, invests in county, "
             "investor, customer, supplier, article; then name, detail, evidence. evidence = articles "
             "supporting the tie (for an article: how often it names the company)",
)


# -- co-mentioned -------------------------------------------------------------------------------

CO_MENTIONED_CYPHER = """\
MATCH (c:Company {uid: $company})<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(o:Company)
WHERE o <> c
WITH o, count(DISTINCT a) AS articles
RETURN o.name AS company, articles
ORDER BY articles DESC, company
LIMIT $limit"""


def co_mentioned(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    company = node_key("Company", p["company"])
    if not has_node(g, company):
        return []
    shared: Counter[str] = Counter()
    for a in in_nodes(g, company, "MENTIONS", "Article"):
        for o in out_nodes(g, a, "MENTIONS", "Company"):
            if o != company:
                shared[o] += 1
    rows: list[dict[str, Any]] = [{"company": name_of(g, o), "articles": n} for o, n in shared.items()]
    rows.sort(key=lambda r: (-r["articles"], skey(r["company"])))
    return rows[: p["limit"]]


CO_MENTIONED = CannedQuery(
    name="co-mentioned",
    question_zh="哪些企业与某企业在同一篇文章中被提到?按共同出现的文章数排序。",
    question_en="Companies mentioned together with company X in the same article, ranked.",
    params=(COMPANY, LIMIT),
    columns=("company", "articles"),
    cypher=CO_MENTIONED_CYPHER,
    run_nx=co_mentioned,
    ordering="shared articles descending, then company; two companies with the same name and count "
             "give identical rows",
)


# -- relation-evidence --------------------------------------------------------------------------

EVIDENCE_TYPES = tuple(t for t in REL_TYPES if t != "MENTIONS")

RELATION_EVIDENCE_CYPHER = """\
MATCH (c:Company {uid: $company})-[r]-(x)
WHERE type(r) <> 'MENTIONS'
  AND ($relation = 'any' OR type(r) = $relation)
  AND ($other IS NULL OR (x.uid = $other AND $other_label IN labels(x)))
UNWIND CASE WHEN size(coalesce(r.ev_article, [])) = 0 THEN [null] ELSE range(0, size(r.ev_article) - 1) END AS i
WITH c, r, x, i WHERE ($min_confidence IS NULL OR coalesce(r.ev_confidence[i], r.confidence) >= $min_confidence)
  AND ($rule IS NULL OR coalesce(r.ev_rule[i], r.rules[0]) = $rule)
OPTIONAL MATCH (a:Article {uid: r.ev_article[i]})
RETURN type(r) AS relation,
       CASE WHEN startNode(r) = c THEN 'out' ELSE 'in' END AS direction,
       x.name AS other, a.title AS article, a.date AS date,
       """ + sentence_of("r", "i", "a") + """ AS sentence, coalesce(r.ev_rule[i], r.rules[0]) AS rule,
       coalesce(r.ev_confidence[i], r.confidence) AS confidence
ORDER BY relation, direction DESC, other, date, article, r.ev_start[i], sentence, rule, confidence"""


def evidence_rows(g: Graph, key: str, relation: str, other: str | None,
                  mentions: bool = False, p: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Every relationship touching ``key`` with its sentence and article, in the evidence queries' order."""
    if not has_node(g, key):
        return []
    nodes = g._node
    found: list[tuple[Any, dict[str, Any]]] = []

    def add(x: str, attrs: dict[str, Any], direction: str) -> None:
        rtype = attrs.get("type")
        if (rtype == "MENTIONS" and not mentions) or (relation != "any" and rtype != relation) or (other and x != other):
            return
        rules = attrs.get("rules") or [None]
        # a fact without evidence (region data) is one row, with its rule and confidence
        for ev in evidence_of(g, attrs) or [{"rule": rules[0], "confidence": attrs.get("confidence")}]:
            if p is not None and not passes(ev, p):
                continue
            art = nodes.get(node_key("Article", ev["article"])) if ev.get("article") is not None else None
            row = {
                "relation": rtype, "direction": direction, "other": nodes[x].get("name"),
                "article": art.get("title") if art else None, "date": art.get("date") if art else None,
                "sentence": ev.get("sentence"), "rule": ev.get("rule"), "confidence": ev.get("confidence"),
            }
            order = (skey(rtype), direction != "out", skey(row["other"]), skey(row["date"]), skey(row["article"]),
                     nkey(ev.get("start")), skey(row["sentence"]), skey(row["rule"]), nkey(row["confidence"]))
            found.append((order, row))

    for x, multi in g._succ[key].items():
        for attrs in multi.values():
            add(x, attrs, "out")
    for x, multi in g._pred[key].items():
        if x == key:  # a self-loop is matched once, as outgoing
            continue
        for attrs in multi.values():
            add(x, attrs, "in")
    found.sort(key=lambda t: t[0])
    return [row for _, row in found]


def relation_evidence(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    other = node_key(p["other_label"], p["other"]) if p.get("other") is not None else None
    return evidence_rows(g, node_key("Company", p["company"]), p["relation"], other, p=p)


RELATION_EVIDENCE = CannedQuery(
    name="relation-evidence",
    question_zh="某企业与县(市、区)、产业、称号等之间关系的依据:哪些文章的哪些句子。",
    question_en="The evidence for a relation: the sentences and articles behind company X → county/industry/program.",
    params=(
        COMPANY,
        Param("relation", "choice", "any", "relationship type, or any", choices=("any", *EVIDENCE_TYPES)),
        Param("other", "entity", None, "only ties to this entity (default: all)"),
        *RELATION_FILTERS,
    ),
    columns=("relation", "direction", "other", "article", "date", "sentence", "rule", "confidence"),
    cypher=RELATION_EVIDENCE_CYPHER,
    run_nx=relation_evidence,
    ordering="relation, direction (out before in), other, date, article, offset in the article, sentence, "
             "rule, confidence",
)


# -- chain-leaders ------------------------------------------------------------------------------

CHAIN_LEADERS_CYPHER = """\
MATCH (p:Program {uid: $designation})<-[r:HAS_DESIGNATION]-(c:Company)
WHERE ($min_confidence IS NULL OR r.confidence >= $min_confidence) AND ($rule IS NULL OR $rule IN r.rules)
WITH c, sum(r.articles) AS articles
WHERE $county IS NULL OR EXISTS { (c)-[:LOCATED_IN]->(:County {uid: $county}) }
RETURN c.name AS company,
       COLLECT { MATCH (c)-[:IN_INDUSTRY]->(i:Industry) RETURN DISTINCT i.name AS n ORDER BY n } AS industries,
       COLLECT { MATCH (c)-[:LOCATED_IN]->(k:County) RETURN DISTINCT k.name AS n ORDER BY n } AS counties,
       articles
ORDER BY company, industries, counties, articles"""


def chain_leaders(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    program = node_key("Program", p["designation"])
    if not has_node(g, program):
        return []
    county = node_key("County", p["county"]) if p.get("county") is not None else None
    evidence: Counter[str] = Counter()
    for c, attrs in in_edges(g, program, "HAS_DESIGNATION", "Company"):
        if passes(attrs, p):
            evidence[c] += attrs.get("articles") or 0
    rows: list[dict[str, Any]] = []
    for c, n in evidence.items():
        counties = out_nodes(g, c, "LOCATED_IN", "County")
        if county is not None and county not in counties:
            continue
        rows.append({
            "company": name_of(g, c),
            "industries": sorted_names(name_of(g, i) for i in out_nodes(g, c, "IN_INDUSTRY", "Industry")),
            "counties": sorted_names(name_of(g, k) for k in counties),
            "articles": n,
        })
    rows.sort(key=lambda r: (skey(r["company"]), lkey(r["industries"]), lkey(r["counties"]), r["articles"]))
    return rows


CHAIN_LEADERS = CannedQuery(
    name="chain-leaders",
    question_zh="哪些是链主企业?各引领哪些产业?",
    question_en="Chain leaders (链主企业) and the industries they lead.",
    params=(
        Param("designation", "program", "链主企业", "the designation that marks a chain leader"),
        OPTIONAL_COUNTY,
        *RELATION_FILTERS,
    ),
    columns=("company", "industries", "counties", "articles"),
    cypher=CHAIN_LEADERS_CYPHER,
    run_nx=chain_leaders,
    ordering="company, industries, counties, articles; lists sorted by name",
)


# -- outside-investors --------------------------------------------------------------------------

OUTSIDE_INVESTORS_CYPHER = """\
MATCH (x:Company)-[r:INVESTS_IN]->(y:Company)
WHERE ($min_confidence IS NULL OR r.confidence >= $min_confidence) AND ($rule IS NULL OR $rule IN r.rules)
WITH x, y, sum(r.articles) AS articles
WITH x, y, articles,
     COLLECT { MATCH (x)-[:LOCATED_IN]->(k:County) RETURN DISTINCT k.name AS n ORDER BY n } AS investor_counties
WHERE $include_local OR size(investor_counties) = 0
RETURN x.name AS investor, investor_counties, y.name AS investee,
       COLLECT { MATCH (y)-[:LOCATED_IN]->(k:County) RETURN DISTINCT k.name AS n ORDER BY n } AS investee_counties,
       articles
ORDER BY investor, investee, investor_counties, investee_counties, articles"""


def outside_investors(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    include_local = bool(p["include_local"])
    nodes = g._node
    kind = type_index(g).label
    counties: dict[str, list[str | None]] = {}

    def counties_of(c: str) -> list[str | None]:
        found = counties.get(c)
        if found is None:
            found = counties[c] = county_names(g, c)
        return found

    rows = []
    for x in starts_of(g, "INVESTS_IN"):  # only the investors, not every company
        if kind[x] != "Company":
            continue
        x_counties = counties_of(x)
        if x_counties and not include_local:
            continue
        for y, edges in out_map(g, x, "INVESTS_IN").items():
            kept = [e for e in edges if passes(e, p)]
            if kind[y] != "Company" or not kept:
                continue
            rows.append({
                "investor": nodes[x].get("name"),
                "investor_counties": x_counties,
                "investee": nodes[y].get("name"),
                "investee_counties": counties_of(y),
                "articles": _articles(kept),
            })
    rows.sort(key=lambda r: (skey(r["investor"]), skey(r["investee"]), lkey(r["investor_counties"]),
                             lkey(r["investee_counties"]), r["articles"]))
    return rows


OUTSIDE_INVESTORS = CannedQuery(
    name="outside-investors",
    question_zh="哪些外地(区域外)投资方投资了哪些企业?",
    question_en="Foreign and out-of-region investors and whom they invest in.",
    params=(Param("include_local", "bool", False,
                  "also list investors the text ties to a county of the region"), *RELATION_FILTERS),
    columns=("investor", "investor_counties", "investee", "investee_counties", "articles"),
    cypher=OUTSIDE_INVESTORS_CYPHER,
    run_nx=outside_investors,
    ordering="investor, investee, investor_counties, investee_counties, articles; an investor is outside "
             "the region when no text ties it to one of the region's counties",
    scans="every INVESTS_IN relationship (no start node to anchor on), not the rest of the graph",
)


# -- university-links ---------------------------------------------------------------------------

UNIVERSITY_LINKS_CYPHER = """\
MATCH (c:Company)-[r:PARTNERS_WITH]->(u:Institution)
WHERE ($min_confidence IS NULL OR r.confidence >= $min_confidence) AND ($rule IS NULL OR $rule IN r.rules)
WITH c, u, sum(r.articles) AS articles
OPTIONAL MATCH (c)-[:LOCATED_IN]->(k:County)
WITH DISTINCT c, u, articles, k
WHERE $county IS NULL OR k.uid = $county
RETURN k.name AS county, u.name AS institution, u.kind AS kind, c.name AS company, articles
ORDER BY county, institution, company, kind, articles"""


def university_links(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    nodes = g._node
    kind = type_index(g).label
    pairs: dict[tuple[str, str], int] = {}
    county = node_key("County", p["county"]) if p.get("county") is not None else None
    if county is not None:
        if not has_node(g, county):
            return []
        for c in in_map_from(g, county, "LOCATED_IN", "Company"):
            partners = out_map(g, c, "PARTNERS_WITH")
            if partners:
                for u, edges in partners.items():
                    kept = [e for e in edges if passes(e, p)]
                    if kind[u] == "Institution" and kept:
                        pairs[(c, u)] = _articles(kept)
    else:
        for u in nodes_with_label(g, "Institution"):
            for c, edges in in_map(g, u, "PARTNERS_WITH").items():
                kept = [e for e in edges if passes(e, p)]
                if kind[c] == "Company" and kept:
                    pairs[(c, u)] = _articles(kept)
    rows = []
    for (c, u), n in pairs.items():
        counties: set[str | None] = {county} if county is not None else set(out_nodes(g, c, "LOCATED_IN", "County"))
        for k in counties or {None}:
            rows.append({"county": name_of(g, k) if k else None, "institution": nodes[u].get("name"),
                         "kind": nodes[u].get("kind"), "company": nodes[c].get("name"), "articles": n})
    rows.sort(key=lambda r: (skey(r["county"]), skey(r["institution"]), skey(r["company"]), skey(r["kind"]),
                             r["articles"]))
    return rows


UNIVERSITY_LINKS = CannedQuery(
    name="university-links",
    question_zh="产学研合作:哪些高校和科研院所与哪些企业合作?按县(市、区)列出。",
    question_en="University–industry links (产学研): which institutions work with which companies, by county.",
    params=(OPTIONAL_COUNTY, *RELATION_FILTERS),
    columns=("county", "institution", "kind", "company", "articles"),
    cypher=UNIVERSITY_LINKS_CYPHER,
    run_nx=university_links,
    ordering="county (companies without one last), institution, company, kind, articles; the county is "
             "the company's",
    scans="every PARTNERS_WITH relationship when no county is given",
)


# -- entity-evidence ----------------------------------------------------------------------------

ENTITY_EVIDENCE_CYPHER = f"""\
{match_entity("c", "entity")}
MATCH (c)-[r]-(x)
WHERE $relation = 'any' OR type(r) = $relation
UNWIND CASE WHEN size(coalesce(r.ev_article, [])) = 0 THEN [null] ELSE range(0, size(r.ev_article) - 1) END AS i
WITH c, r, x, i WHERE ($min_confidence IS NULL OR coalesce(r.ev_confidence[i], r.confidence) >= $min_confidence)
  AND ($rule IS NULL OR coalesce(r.ev_rule[i], r.rules[0]) = $rule)
OPTIONAL MATCH (a:Article {{uid: r.ev_article[i]}})
RETURN type(r) AS relation,
       CASE WHEN startNode(r) = c THEN 'out' ELSE 'in' END AS direction,
       x.name AS other, a.title AS article, a.date AS date,
       """ + sentence_of("r", "i", "a") + """ AS sentence, coalesce(r.ev_rule[i], r.rules[0]) AS rule,
       coalesce(r.ev_confidence[i], r.confidence) AS confidence
ORDER BY relation, direction DESC, other, date, article, r.ev_start[i], sentence, rule, confidence"""


def entity_evidence(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    return evidence_rows(g, node_key(p["entity_label"], p["entity"]), p["relation"], None, mentions=True, p=p)


ENTITY_EVIDENCE = CannedQuery(
    name="entity-evidence",
    question_zh="关于某实体的全部事实及其依据(含被哪些文章提到),`econgraph show` 用它。",
    question_en="Everything the graph holds about one entity, each tie with its sentence and article "
                "(what `econgraph show` prints).",
    params=(
        Param("entity", "entity", "临清市", "entity (name or alias; Label:name to pick a label)"),
        Param("relation", "choice", "any", "relationship type, or any", choices=("any", *REL_TYPES)),
        *RELATION_FILTERS,
    ),
    columns=("relation", "direction", "other", "article", "date", "sentence", "rule", "confidence"),
    cypher=ENTITY_EVIDENCE_CYPHER,
    run_nx=entity_evidence,
    ordering="as relation-evidence; MENTIONS rows have the article as 'other' and its first sentence",
)
