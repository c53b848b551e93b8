"""Canned queries over the graph as a whole: connections, prominence, mentions over time."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from itertools import chain, compress, product
from operator import itemgetter, methodcaller
from typing import Any

from econgraph.graph.schema import REL_TYPES
from econgraph.graph.type_index import NO_EDGES, type_index
from econgraph.queries.nx_helpers import (
    Graph,
    has_node,
    in_edges,
    lkey,
    name_of,
    node_key,
    prop,
    skey,
)
from econgraph.queries.spec import ENTITY_LABELS, CannedQuery, Param

ENTITY_CHOICES = ENTITY_LABELS["entity"]


def match_entity(var: str, param: str) -> str:
    """Cypher binding ``var`` to the node ``$param`` of label ``$<param>_label``.

    Labels cannot be parameters; one index-backed branch per label keeps the lookup an index seek.
    """
    branches = "\n  UNION ALL\n".join(
        f"  MATCH ({var}:{label} {{uid: ${param}}}) WHERE ${param}_label = '{label}' RETURN {var}"
        for label in ENTITY_CHOICES
    )
    return f"CALL () {{\n{branches}\n}}"


# -- shortest-path ------------------------------------------------------------------------------

MAX_HOPS = 10
WITHOUT_ARTICLES = "|".join(t for t in REL_TYPES if t != "MENTIONS")

SHORTEST_PATH_CYPHER = f"""\
{match_entity("a", "from")}
{match_entity("b", "to")}
CALL (a, b) {{
  WITH a, b WHERE NOT $via_articles
  MATCH p = allShortestPaths((a)-[:{WITHOUT_ARTICLES}*..{MAX_HOPS}]-(b))
  RETURN p
  UNION
  WITH a, b WHERE $via_articles
  MATCH p = allShortestPaths((a)-[*..{MAX_HOPS}]-(b))
  RETURN p
}}
WITH p, nodes(p) AS ns, relationships(p) AS rs
WHERE length(p) <= $max_hops
WITH DISTINCT length(p) AS hops, [n IN ns | n.name] AS path,
     [i IN range(0, size(rs) - 1) |
        CASE WHEN startNode(rs[i]) = ns[i] THEN type(rs[i]) + '>' ELSE '<' + type(rs[i]) END] AS relations
RETURN hops, path, relations
ORDER BY path, relations
LIMIT $limit"""


def _neighbours(g: Graph, key: str, via_articles: bool) -> set[str]:
    if via_articles:
        return set(g._succ[key]) | set(g._pred[key])
    found: set[str] = set()
    index = type_index(g)
    for adjacency in (index.out_types(key), index.in_types(key)):
        if adjacency:
            for rtype, far in adjacency.items():
                if rtype != "MENTIONS":
                    found.update(far)
    return found


def _layers(g: Graph, a: str, b: str, via_articles: bool, max_hops: int) -> tuple[int, dict[str, int], dict[str, int]]:
    """Bidirectional BFS: the shortest distance (or -1 beyond ``max_hops``) and the distances found."""
    dist = ({a: 0}, {b: 0})
    frontier = ([a], [b])
    depth = [0, 0]
    while frontier[0] and frontier[1] and depth[0] + depth[1] < max_hops:
        side = 0 if len(frontier[0]) <= len(frontier[1]) else 1
        mine, theirs = dist[side], dist[1 - side]
        nxt: list[str] = []
        depth[side] += 1
        for node in frontier[side]:
            for other in _neighbours(g, node, via_articles):
                if other not in mine:
                    mine[other] = depth[side]
                    nxt.append(other)
        frontier = (nxt, frontier[1]) if side == 0 else (frontier[0], nxt)
        met = [mine[n] + theirs[n] for n in nxt if n in theirs]
        if met:
            return min(met), dist[0], dist[1]
    return -1, dist[0], dist[1]


def _steps(g: Graph, u: str, v: str, via_articles: bool) -> set[str]:
    """The typed, directed labels of the edges joining u and v."""
    steps = {a["type"] + ">" for a in g._succ[u].get(v, {}).values()}
    steps |= {"<" + a["type"] for a in g._succ[v].get(u, {}).values()}
    if not via_articles:
        steps -= {"MENTIONS>", "<MENTIONS"}
    return steps


def _allowed(da: dict[str, int], db: dict[str, int], hops: int) -> list[set[str]]:
    """The nodes that can stand at each position of a shortest path (a BFS layer complete on either side)."""
    ka, kb = max(da.values()), max(db.values())
    by_a: dict[int, set[str]] = defaultdict(set)
    by_b: dict[int, set[str]] = defaultdict(set)
    for node, d in da.items():
        by_a[d].add(node)
    for node, d in db.items():
        by_b[d].add(node)
    allowed: list[set[str]] = []
    for pos in range(hops + 1):
        if pos <= ka and hops - pos <= kb:
            allowed.append(by_a[pos] & by_b[hops - pos])
        else:
            allowed.append(by_a[pos] if pos <= ka else by_b[hops - pos])
    return allowed


def _shortest_paths(g: Graph, a: str, allowed: list[set[str]], via: bool) -> list[list[str]]:
    hops = len(allowed) - 1
    paths: list[list[str]] = []
    # neighbours of the nodes of small layers, read once: a path's step into a small layer is checked from
    # that side (two counties sharing 3,000 companies: 1 read of the far county, not 3,000 of companies)
    near_small: dict[str, set[str]] = {}

    def near(node: str) -> set[str]:
        found = near_small.get(node)
        if found is None:
            found = near_small[node] = _neighbours(g, node, via)
        return found

    def extend(path: list[str]) -> None:
        pos = len(path)
        if pos > hops:
            paths.append(list(path))
            return
        last = path[-1]
        candidates = allowed[pos]
        if len(candidates) > 64:
            steps = _neighbours(g, last, via) & candidates
        else:
            steps = {nxt for nxt in candidates if last in near(nxt)}
        for nxt in steps:
            path.append(nxt)
            extend(path)
            path.pop()

    extend([a])
    return paths


def _path_rows(g: Graph, paths: list[list[str]], via: bool, limit: int) -> list[tuple[tuple[Any, ...], tuple[str, ...]]]:
    """(names, relations) of the paths, in order, the first ``limit``: rows sort by names first, so the
    relations of a path are read only while the limit is not reached."""
    by_names: dict[tuple[Any, ...], list[list[str]]] = defaultdict(list)
    for path in paths:
        by_names[tuple(name_of(g, n) for n in path)].append(path)
    rows: set[tuple[tuple[Any, ...], tuple[str, ...]]] = set()
    for names in sorted(by_names, key=lkey):
        if len(rows) >= limit:
            break
        for path in by_names[names]:
            for rels in product(*(sorted(_steps(g, u, v, via)) for u, v in zip(path, path[1:], strict=False))):
                rows.add((names, rels))
    return sorted(rows, key=lambda r: (lkey(r[0]), lkey(r[1])))[:limit]


def shortest_path(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    a, b = node_key(p["from_label"], p["from"]), node_key(p["to_label"], p["to"])
    if not (has_node(g, a) and has_node(g, b)) or a == b:
        return []
    via = bool(p["via_articles"])
    hops, da, db = _layers(g, a, b, via, min(p["max_hops"], MAX_HOPS))
    if hops < 0:
        return []
    paths = _shortest_paths(g, a, _allowed(da, db, hops), via)
    return [{"hops": hops, "path": list(n), "relations": list(r)} for n, r in _path_rows(g, paths, via, p["limit"])]


def _validate_path(p: dict[str, Any]) -> None:
    from econgraph.errors import QueryError

    if p["from"] == p["to"] and p["from_label"] == p["to_label"]:
        raise QueryError("from and to name the same entity", "give two different entities")


SHORTEST_PATH = CannedQuery(
    name="shortest-path",
    question_zh="两个实体之间最短的联系路径是什么?",
    question_en="The shortest connection between two named entities.",
    params=(
        Param("from", "entity", "临清市", "first entity (name or alias; Label:name to pick a label)"),
        Param("to", "entity", "东阿县", "second entity"),
        Param("max_hops", "int", 6, f"longest path searched (at most {MAX_HOPS})", minimum=1, maximum=MAX_HOPS),
        Param("via_articles", "bool", False, "also connect through articles that mention both"),
        Param("limit", "int", 10, "at most this many paths", minimum=1, maximum=10_000),
    ),
    columns=("hops", "path", "relations"),
    cypher=SHORTEST_PATH_CYPHER,
    run_nx=shortest_path,
    ordering="path (names, element-wise), relations; relations[i] joins path[i] and path[i+1]: 'T>' is "
             "path[i]-[T]->path[i+1], '<T' the reverse. Distinct (path, relations) pairs only",
    scans="a breadth-first search that can reach most of the graph when the two entities are far apart",
    validate=_validate_path,
)


# -- top-mentioned ------------------------------------------------------------------------------

TOP_MENTIONED_CYPHER = """\
MATCH (a:Article)-[m:MENTIONS]->(n)
WHERE $label IN labels(n)
  AND ($county IS NULL OR EXISTS { (a)-[:MENTIONS]->(:County {uid: $county}) })
  AND ($county IS NULL OR NOT (n:County AND n.uid = $county))
WITH n, count(DISTINCT a) AS articles, sum(m.count) AS mentions
RETURN n.name AS name, articles, mentions
ORDER BY articles DESC, mentions DESC, name
LIMIT $limit"""


def top_mentioned(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    label, limit = p["label"], p["limit"]
    ix = type_index(g)
    kind, out_types = ix.label, ix.out_types
    county = node_key("County", p["county"]) if p.get("county") is not None else None
    sources: Iterable[str]
    if county is None:
        sources = ix.by_label.get("Article", [])
    elif not has_node(g, county):
        return []
    else:
        sources = ix.into_from(county, "MENTIONS", "Article")
    # articles per entity by a C-level count over each article's MENTIONS keys (one key per entity),
    # walked from the most mentioned down to the page's last count; mention sums for those rows only
    mentioned = map(methodcaller("get", "MENTIONS", NO_EDGES), map(out_types, sources))  # C loops but one call
    counted = Counter(chain.from_iterable(mentioned))
    def wanted(n: str) -> bool:
        return kind[n] == label and n != county

    articles = _page(counted, wanted, limit)
    rows = []
    for n, k in articles.items():
        m = 0
        for a, edges in ix.into(n, "MENTIONS").items():
            if kind[a] == "Article" and (county is None or county in out_types(a)["MENTIONS"]):
                m += sum(attrs.get("count") or 0 for attrs in edges)
        rows.append({"name": g._node[n].get("name"), "articles": k, "mentions": m})
    rows.sort(key=lambda r: (-r["articles"], -r["mentions"], skey(r["name"])))
    return rows[:limit]


def _page(counted: Counter[str], wanted: Callable[[str], bool], limit: int) -> dict[str, int]:
    """The ``wanted`` keys with the ``limit`` highest counts, ties with the last one included.

    Counts are sorted alone (in C) to get a threshold, the keys at or above it picked in C too
    (``compress``); only those few are ranked in Python. The threshold is lowered until the page is
    settled (keys that are not wanted, such as the county itself, take places above it).
    """
    if not counted:
        return {}
    values = sorted(counted.values(), reverse=True)
    room = limit + 16
    while True:
        threshold = values[min(room, len(values)) - 1]
        chosen = sorted(((counted[n], n) for n in compress(counted, map(threshold.__le__, counted.values()))
                         if wanted(n)), key=itemgetter(0), reverse=True)
        if len(chosen) >= limit:
            floor = chosen[limit - 1][0]  # every wanted key counted >= floor (>= threshold) is in chosen
            return {n: k for k, n in chosen if k >= floor}
        if room >= len(values):
            return {n: k for k, n in chosen}
        room *= 4


TOP_MENTIONED = CannedQuery(
    name="top-mentioned",
    question_zh="哪些实体被提到得最多?可按类别和县(市、区)筛选。",
    question_en="Most-mentioned entities per label, optionally only in articles that mention a county.",
    params=(
        Param("label", "choice", "Company", "which kind of entity", choices=ENTITY_CHOICES),
        Param("county", "county", None, "count only articles that also mention this county (default: all)"),
        Param("limit", "int", 20, "at most this many rows", minimum=1, maximum=10_000),
    ),
    columns=("name", "articles", "mentions"),
    cypher=TOP_MENTIONED_CYPHER,
    run_nx=top_mentioned,
    ordering="articles descending, mentions (sum of per-article counts) descending, name",
    scans="every article's MENTIONS when no county is given (with one: the articles that mention the county)",
)


# -- mentions-over-time -------------------------------------------------------------------------

MENTIONS_OVER_TIME_CYPHER = f"""\
{match_entity("e", "entity")}
MATCH (a:Article)-[m:MENTIONS]->(e)
WITH a, m, CASE WHEN a.date =~ '[0-9]{{4}}-[0-9]{{2}}.*' THEN substring(a.date, 0, 7) END AS month
RETURN month, count(DISTINCT a) AS articles, sum(m.count) AS mentions
ORDER BY month"""

MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")


def month_of(date: object) -> str | None:
    """YYYY-MM of an ISO date; None for a date without year and month (``--04-15``, ``2025``, undated)."""
    if not isinstance(date, str):
        return None
    match = MONTH.match(date)
    return match.group(0) if match else None


def mentions_over_time(g: Graph, p: dict[str, Any]) -> list[dict[str, Any]]:
    entity = node_key(p["entity_label"], p["entity"])
    if not has_node(g, entity):
        return []
    articles: dict[str | None, set[str]] = defaultdict(set)
    mentions: Counter[str | None] = Counter()
    for a, attrs in in_edges(g, entity, "MENTIONS", "Article"):
        month = month_of(prop(g, a, "date"))
        articles[month].add(a)
        mentions[month] += attrs.get("count") or 0
    return [{"month": m, "articles": len(articles[m]), "mentions": mentions[m]} for m in sorted(articles, key=skey)]


MENTIONS_OVER_TIME = CannedQuery(
    name="mentions-over-time",
    question_zh="某实体(或某县)每年每月被提到多少次?",
    question_en="Mentions over time (per year and month) of an entity or a county.",
    params=(Param("entity", "entity", "临清市", "entity or county (name or alias; Label:name to pick a label)"),),
    columns=("month", "articles", "mentions"),
    cypher=MENTIONS_OVER_TIME_CYPHER,
    run_nx=mentions_over_time,
    ordering="month (YYYY-MM from the article date); a last row with month null counts the mentions "
             "whose article has no year and month (a page without a year, only a year, or no date)",
)
