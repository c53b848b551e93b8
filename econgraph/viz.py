"""An offline, interactive HTML view of part of the graph: a canned query's answer or an entity's neighbourhood.

Drawn by pyvis (vis-network) with its scripts inlined, so the file opens from disk with no network;
nodes are coloured as in Neo4j Browser (``assets/style.grass``) and selecting a relationship shows
the evidence behind it (sentence, article, rule), which is what a reader needs to trust an edge.

Both stores are read through a small reader (networkx graph or Cypher), so the view of a graph is
the same whichever store holds it.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import networkx as nx

from econgraph.errors import QueryError, UnknownEntityError, VizError
from econgraph.graph.facts import evidence_of, from_lists, public_evidence, without_lists
from econgraph.graph.model import names_entity, normalise_name
from econgraph.graph.neo4j_cypher import SENTENCES
from econgraph.graph.schema import ENTITY_LABELS, LABELS
from econgraph.graph.store import GraphStore
from econgraph.queries.backends import NxBackend
from econgraph.queries.nx_helpers import node_key
from econgraph.style import label_styles

DEFAULT_MAX_NODES = 300
# Node sizes per label (vis-network "dot" radius); counties are the hubs readers look for.
_SIZES = {"County": 28, "Company": 18, "Industry": 16, "Program": 16, "Institution": 16, "Article": 12}
# Properties too large or too internal for a tooltip.
_HIDDEN_PROPS = {"text", "sha256", "label", "fact_keys"}
# A fact's own properties (the rest are the extractor's extras, shown with each piece of evidence).
_FACT_KEYS = {"uid", "evidence", "articles", "first_date", "last_date", "confidence", "rules", "region"}


@dataclass
class ViewNode:
    key: str  # "Label:uid", as in the embedded store and exports
    label: str
    props: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.props.get("name") or self.props.get("title") or self.props.get("uid") or self.key)


@dataclass
class ViewEdge:
    """One fact (type, start, end): one drawn edge, its evidence (one per article) and article count."""

    start: str
    end: str
    type: str
    evidence: list[dict[str, Any]] = field(default_factory=list)
    articles: int = 0
    region: bool = False


@dataclass
class Subgraph:
    title: str
    nodes: dict[str, ViewNode] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], ViewEdge] = field(default_factory=dict)
    roots: set[str] = field(default_factory=set)
    truncated: bool = False
    article_titles: dict[str, str] = field(default_factory=dict)

    def add_node(self, node: ViewNode) -> None:
        self.nodes.setdefault(node.key, node)

    def add_relationship(self, start: str, end: str, rel_type: str, props: Mapping[str, Any]) -> None:
        """A fact read from a store (``props``: aggregates, extras and the ``evidence`` list); the same
        fact twice (found from both ends) is one edge."""
        key = (start, end, rel_type)
        if key in self.edges:
            return
        extras = {k: v for k, v in props.items() if k not in _FACT_KEYS}
        evidence = [{**ev, **extras} for ev in props.get("evidence") or ()]
        self.edges[key] = ViewEdge(start, end, rel_type, evidence, int(props.get("articles") or len(evidence)),
                                   bool(props.get("region")))


@dataclass(frozen=True)
class RawRel:
    start: str
    end: str
    type: str
    props: dict[str, Any]


class GraphReader(Protocol):
    """What a view needs from a store."""

    def find(self, name: str) -> list[ViewNode]: ...

    def neighbours(self, keys: Sequence[str]) -> list[tuple[ViewNode, RawRel]]: ...

    def relationships_among(self, keys: Sequence[str]) -> list[RawRel]: ...

    def nodes_named(self, names: Iterable[str]) -> list[ViewNode]: ...

    def article_titles(self, uids: Iterable[str]) -> dict[str, str]: ...

    def entity_names(self) -> list[str]: ...


def _split_key(key: str) -> tuple[str, str]:
    label, _, uid = key.partition(":")
    return label, uid


def _clean(props: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in _HIDDEN_PROPS and v is not None}


class NetworkxReader:
    """Reads the embedded store's MultiDiGraph (layout in docs/CONTRACTS.md)."""

    def __init__(self, graph: Any) -> None:
        self.graph = graph

    def _node(self, key: str) -> ViewNode:
        attrs = self.graph.nodes[key]
        label = attrs.get("label") or _split_key(key)[0]
        return ViewNode(key, label, _clean(attrs))

    def find(self, name: str) -> list[ViewNode]:
        """Entities whose uid, name or alias is ``name`` normalised: the queries' name index, then the uid."""
        backend, norm = NxBackend(self.graph), normalise_name(name)
        keys: list[str] = []
        for label in ENTITY_LABELS:
            found = {node_key(label, e.uid) for e in backend.named(label, name)}
            if backend.lookup(label, norm) is not None:
                found.add(node_key(label, norm))
            keys += sorted(found)
        return [self._node(key) for key in keys]

    def neighbours(self, keys: Sequence[str]) -> list[tuple[ViewNode, RawRel]]:
        out = []
        for key in keys:
            if key not in self.graph:
                continue
            for _, other, attrs in self.graph.out_edges(key, data=True):
                out.append((self._node(other), RawRel(key, other, attrs["type"], self._rel_props(attrs))))
            for other, _, attrs in self.graph.in_edges(key, data=True):
                out.append((self._node(other), RawRel(other, key, attrs["type"], self._rel_props(attrs))))
        return out

    def relationships_among(self, keys: Sequence[str]) -> list[RawRel]:
        wanted = set(keys)
        out = []
        for key in keys:
            if key not in self.graph:
                continue
            for _, other, attrs in self.graph.out_edges(key, data=True):
                if other in wanted:
                    out.append(RawRel(key, other, attrs["type"], self._rel_props(attrs)))
        return out

    def nodes_named(self, names: Iterable[str]) -> list[ViewNode]:
        wanted = {normalise_name(n) for n in names if n}
        found = []
        for key, attrs in self.graph.nodes(data=True):
            _, uid = _split_key(key)
            forms = {uid, normalise_name(str(attrs.get("name", "")))}
            forms.update(normalise_name(str(a)) for a in attrs.get("aliases") or ())
            if forms & wanted:
                found.append(self._node(key))
        return found

    def article_titles(self, uids: Iterable[str]) -> dict[str, str]:
        titles = {}
        for uid in uids:
            attrs = self.graph.nodes.get(f"Article:{uid}")
            if attrs is not None:
                titles[uid] = str(attrs.get("title") or attrs.get("name") or uid)
        return titles

    def entity_names(self) -> list[str]:
        return [str(a.get("name", "")) for k, a in self.graph.nodes(data=True)
                if a.get("label", _split_key(k)[0]) in ENTITY_LABELS]


    def _rel_props(self, attrs: Mapping[str, Any]) -> dict[str, Any]:
        """A fact's properties with its evidence (read from the store when the edge does not hold it)."""
        return {**{k: v for k, v in attrs.items() if k not in ("type", "uid")},
                "evidence": evidence_of(self.graph, attrs)}


class Neo4jReader:
    """Reads a Neo4j store through ``Neo4jStore.execute``; labels come from the schema, values are parameters."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def _run(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        return list(self.store.execute(cypher, params))

    @staticmethod
    def _label_of(labels: Sequence[str]) -> str:
        return next((x for x in labels if x in LABELS), labels[0] if labels else "")

    def _view(self, labels: Sequence[str], props: Mapping[str, Any]) -> ViewNode:
        label = self._label_of(labels)
        return ViewNode(f"{label}:{props.get('uid')}", label, _clean(props))

    def find(self, name: str) -> list[ViewNode]:
        found = []
        for label in ENTITY_LABELS:
            rows = self._run(
                f"MATCH (n:{label}) WHERE n.uid = $uid OR n.name = $name OR $name IN coalesce(n.aliases, []) "
                "RETURN labels(n) AS labels, n {.*, text: null, fact_keys: null} AS props",
                uid=normalise_name(name), name=name,
            )
            found += [self._view(r["labels"], r["props"]) for r in rows
                      if names_entity(normalise_name(name), r["props"].get("name", ""), r["props"].get("aliases"),
                                      str(r["props"].get("uid")))]
        return found

    def _by_label(self, keys: Sequence[str]) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = {}
        for key in keys:
            label, uid = _split_key(key)
            if label in LABELS:
                groups.setdefault(label, []).append(uid)
        return groups

    def neighbours(self, keys: Sequence[str]) -> list[tuple[ViewNode, RawRel]]:
        out = []
        for label, uids in self._by_label(keys).items():
            rows = self._run(
                f"UNWIND $uids AS u MATCH (n:{label} {{uid: u}})-[r]-(m) "
                "RETURN n.uid AS uid, labels(m) AS labels, m {.*, text: null, fact_keys: null} AS props, type(r) AS type, "
                f"properties(r) AS rprops, startNode(r) = n AS outgoing, {SENTENCES}",
                uids=uids,
            )
            for r in rows:
                other = self._view(r["labels"], r["props"])
                here = f"{label}:{r['uid']}"
                start, end = (here, other.key) if r["outgoing"] else (other.key, here)
                out.append((other, RawRel(start, end, r["type"], _neo4j_fact(r["rprops"], r["sentences"]))))
        return out

    def relationships_among(self, keys: Sequence[str]) -> list[RawRel]:
        wanted = set(keys)
        out = []
        for label, uids in self._by_label(keys).items():
            rows = self._run(
                f"UNWIND $uids AS u MATCH (n:{label} {{uid: u}})-[r]->(m) "
                "RETURN n.uid AS uid, labels(m) AS labels, m.uid AS muid, type(r) AS type, properties(r) AS rprops, "
                + SENTENCES,
                uids=uids,
            )
            for r in rows:
                end = f"{self._label_of(r['labels'])}:{r['muid']}"
                if end in wanted:
                    out.append(RawRel(f"{label}:{r['uid']}", end, r["type"], _neo4j_fact(r["rprops"], r["sentences"])))
        return out

    def nodes_named(self, names: Iterable[str]) -> list[ViewNode]:
        names = sorted({n for n in names if n})
        forms = sorted({normalise_name(n) for n in names})
        found = []
        for label in LABELS:
            rows = self._run(
                f"MATCH (n:{label}) WHERE n.uid IN $forms OR n.name IN $names "
                "OR any(a IN coalesce(n.aliases, []) WHERE a IN $names) "
                "RETURN labels(n) AS labels, n {.*, text: null, fact_keys: null} AS props",
                forms=forms, names=names,
            )
            found += [self._view(r["labels"], r["props"]) for r in rows]
        return found

    def article_titles(self, uids: Iterable[str]) -> dict[str, str]:
        rows = self._run(
            "UNWIND $uids AS u MATCH (a:Article {uid: u}) RETURN a.uid AS uid, coalesce(a.title, a.name, a.uid) AS title",
            uids=sorted(set(uids)),
        )
        return {r["uid"]: str(r["title"]) for r in rows}

    def entity_names(self) -> list[str]:
        names: list[str] = []
        for label in ENTITY_LABELS:
            names += [str(r["name"]) for r in self._run(f"MATCH (n:{label}) RETURN n.name AS name")]
        return names


def _neo4j_fact(props: Mapping[str, Any], sentences: list[Any] | None = None) -> dict[str, Any]:
    """A Neo4j fact's properties as the embedded reader gives them: evidence as a list of maps (``sentences``: those
    the fact does not keep, cut out of its articles' texts by ``neo4j_cypher.SENTENCES``)."""
    return {**without_lists(props), "evidence": public_evidence(from_lists(props, sentences))}


def reader_for(store: Any) -> GraphReader:
    """The store's own reader (``GraphStore.view_reader``); a bare networkx graph is read directly."""
    if isinstance(store, GraphStore):
        if store.stats().total_nodes == 0:
            where = getattr(store, "path", None) or "the Neo4j store"
            raise VizError(f"the store {where} is empty", hint="run `econgraph build` first")
        reader: GraphReader = store.view_reader()
        return reader
    if isinstance(store, nx.MultiDiGraph):
        return NetworkxReader(store)
    raise VizError(f"cannot read a graph from {type(store).__name__}")


def _suggest(reader: GraphReader, name: str, limit: int = 5) -> list[str]:
    names = sorted(set(reader.entity_names()))
    wanted = normalise_name(name)
    containing = [n for n in names if wanted and (wanted in normalise_name(n) or normalise_name(n) in wanted)]
    close = difflib.get_close_matches(name, names, n=limit, cutoff=0.5)
    return list(dict.fromkeys(containing + close))[:limit]


def neighbourhood(
    reader: GraphReader,
    name: str,
    depth: int = 1,
    articles: bool = False,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Subgraph:
    """The entity named ``name`` (by name, alias or uid) and everything within ``depth`` relationships.

    Articles are left out unless asked for: an article links every entity it mentions, so going
    through them turns any neighbourhood into the whole graph; each edge's evidence names its article.
    """
    if depth < 0:
        raise QueryError(f"--depth must be 0 or more, not {depth}")
    roots = reader.find(name)
    if not roots:
        raise UnknownEntityError(name, _suggest(reader, name))
    shown = "、".join(sorted({n.name for n in roots}))
    sub = Subgraph(title=f"{shown}: neighbourhood, depth {depth}" + (" (with articles)" if articles else ""))
    for node in roots:
        sub.add_node(node)
        sub.roots.add(node.key)
    frontier = sorted(n.key for n in roots)
    for _ in range(depth):
        next_frontier: list[str] = []
        # sorted, so that a capped picture is the same whichever store answers
        found = sorted(reader.neighbours(frontier), key=lambda x: (x[0].key, x[1].type, x[1].start, x[1].end))
        for other, rel in found:
            if not articles and (other.label == "Article" or rel.type == "MENTIONS"):
                continue
            if other.key not in sub.nodes:
                if len(sub.nodes) >= max_nodes:
                    sub.truncated = True
                    continue
                sub.add_node(other)
                next_frontier.append(other.key)
            sub.add_relationship(rel.start, rel.end, rel.type, rel.props)
        frontier = next_frontier
        if not frontier:
            break
    _close(reader, sub, articles)
    return sub


def _close(reader: GraphReader, sub: Subgraph, articles: bool) -> None:
    """Add the relationships among the chosen nodes (e.g. between two neighbours) and article titles."""
    for rel in reader.relationships_among(list(sub.nodes)):
        if articles or rel.type != "MENTIONS":
            sub.add_relationship(rel.start, rel.end, rel.type, rel.props)
    uids = {str(ev["article"]) for edge in sub.edges.values() for ev in edge.evidence if ev.get("article")}
    sub.article_titles.update(reader.article_titles(uids))


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
        # list cells may arrive joined ("A、B") from some formatters; split them too
        if "、" in value:
            yield from (part for part in value.split("、") if part)
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple, set)):
        for v in value:
            yield from _strings(v)


def rows_subgraph(
    reader: GraphReader,
    rows: Sequence[Mapping[str, Any]],
    params: Mapping[str, Any] | None = None,
    title: str = "query",
    articles: bool = False,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Subgraph:
    """The nodes a query's rows (and parameters) name, with the relationships among them.

    Rows are tables of names, not nodes, so every string cell is looked up by name, alias or uid.
    """
    names: set[str] = set()
    for row in rows:
        names.update(_strings(row))
    names.update(_strings(dict(params or {})))
    sub = Subgraph(title=title)
    param_forms = {normalise_name(s) for s in _strings(dict(params or {}))}
    for node in sorted(reader.nodes_named(names), key=lambda n: n.key):
        if node.label == "Article" and not articles:
            continue
        if len(sub.nodes) >= max_nodes:
            sub.truncated = True
            break
        sub.add_node(node)
        if normalise_name(node.name) in param_forms or node.key.partition(":")[2] in param_forms:
            sub.roots.add(node.key)
    _close(reader, sub, articles)
    return sub


def query_subgraph(store: Any, name: str, params: Mapping[str, str], articles: bool = False,
                   max_nodes: int = DEFAULT_MAX_NODES) -> Subgraph:
    """The subgraph a canned query's answer names, run through the queries runner (names → uids, defaults)."""
    from econgraph.queries.runner import run_query

    result = run_query(store, name, dict(params))
    shown = ", ".join(f"{k}={v}" for k, v in result.shown.items() if v is not None)
    return rows_subgraph(reader_for(store), result.rows, result.params, title=f"{name}({shown})",
                         articles=articles, max_nodes=max_nodes)


# ---------------------------------------------------------------- rendering

def _node_title(node: ViewNode) -> str:
    lines = [f"{node.label}: {node.name}"]
    for key in sorted(node.props):
        if key in ("name",):
            continue
        value = node.props[key]
        if isinstance(value, (list, tuple)):
            value = "、".join(map(str, value))
        text = str(value)
        if text:
            lines.append(f"{key}: {text[:120]}")
    return "\n".join(lines)


def _evidence_items(edge: ViewEdge, titles: Mapping[str, str]) -> list[dict[str, Any]]:
    items = []
    for ev in sorted(edge.evidence, key=lambda e: (str(e.get("article", "")), int(e.get("start") or 0))):
        article = str(ev.get("article", ""))
        extra = {k: v for k, v in ev.items()
                 if k not in {"uid", "article", "sentence", "start", "end", "rule", "confidence"} and v is not None}
        items.append({
            "sentence": str(ev.get("sentence", "")),
            "article": article,
            "article_title": titles.get(article, ""),
            "rule": str(ev.get("rule", "")),
            "confidence": ev.get("confidence"),
            "offsets": [ev.get("start"), ev.get("end")],
            "props": {k: (v if isinstance(v, (int, float, str, bool)) else str(v)) for k, v in extra.items()},
        })
    return items


def _edge_title(edge: ViewEdge, items: Sequence[Mapping[str, Any]], names: Mapping[str, str]) -> str:
    stated = "region data" if edge.region else f"{edge.articles} article{'s' if edge.articles != 1 else ''}"
    lines = [f"{names[edge.start]} -[{edge.type}]-> {names[edge.end]} ({stated})"]
    for item in items[:3]:
        lines.append(f"「{item['sentence'][:160]}」")
        lines.append(f"  article: {item['article_title'] or item['article']} · rule: {item['rule']}")
    if len(items) > 3:
        lines.append(f"… {len(items) - 3} more (click the edge)")
    return "\n".join(lines)


_VIS_OPTIONS = {
    "nodes": {"shape": "dot", "borderWidth": 2, "font": {"size": 14, "face": "sans-serif"}},
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        "font": {"size": 10, "align": "middle", "color": "#555555"},
        "color": {"inherit": False},
        "smooth": {"enabled": True, "type": "dynamic"},
        "selectionWidth": 3,
    },
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110, "avoidOverlap": 0.4},
        "stabilization": {"enabled": True, "iterations": 400, "fit": True},
    },
}

_EXTERNAL = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)
_EXTERNAL_TAG = re.compile(
    r"""<link\b[^>]*\bhref\s*=\s*["'](?:https?:)?//[^"']*["'][^>]*>"""
    r"""|<script\b[^>]*\bsrc\s*=\s*["'](?:https?:)?//[^"']*["'][^>]*>\s*</script>""",
    re.I,
)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.I)
_DEAD_COMMENT = re.compile(r"<!--\s*<link[^>]*node_modules[\s\S]*?-->")

_PANEL = """
<style>
  body { margin: 0; font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; }
  #econgraph-header { padding: 6px 12px; border-bottom: 1px solid #ddd; }
  #econgraph-header h1 { font-size: 18px; margin: 4px 0; }
  .econgraph-legend span.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 6px;
      margin: 0 4px 0 12px; vertical-align: middle; }
  .econgraph-legend { font-size: 13px; color: #333; }
  .card { float: left; width: 72% !important; }
  #evidence { float: left; width: 26%; height: 760px; overflow-y: auto; padding: 8px 12px; font-size: 13px;
      border-left: 1px solid #ddd; box-sizing: border-box; }
  #evidence blockquote { margin: 6px 0; padding: 4px 8px; background: #f6f6f2; border-left: 3px solid #4C8EDA; }
  #evidence .meta { color: #666; font-size: 12px; margin-bottom: 10px; }
</style>
<div id="econgraph-header">
  <h1>__TITLE__</h1>
  <div class="econgraph-legend">__LEGEND__</div>
</div>
"""

# A few lines on top of pyvis: fill the side panel from the data pyvis already put in the page.
_PANEL_SCRIPT = """
<div id="evidence"><p>Click a relationship to see the evidence behind it; click a node for its properties.</p></div>
<script type="text/javascript">
(function () {
  var panel = document.getElementById("evidence");
  function add(parent, tag, text, cls) {
    var el = document.createElement(tag);
    if (text !== undefined) { el.textContent = text; }
    if (cls) { el.className = cls; }
    parent.appendChild(el);
    return el;
  }
  function showEdge(id) {
    var e = edges.get(id);
    if (!e) { return; }
    panel.replaceChildren();
    add(panel, "h3", e.econgraph_from + " -[" + e.econgraph_type + "]-> " + e.econgraph_to);
    (e.econgraph_evidence || []).forEach(function (ev) {
      add(panel, "blockquote", ev.sentence, "sentence");
      var meta = add(panel, "div", undefined, "meta");
      add(meta, "div", "article: " + (ev.article_title ? ev.article_title + " (" + ev.article + ")" : ev.article));
      add(meta, "div", "rule: " + ev.rule + (ev.confidence === null ? "" : " · confidence: " + ev.confidence)
          + " · offsets: " + ev.offsets.join("–"));
      Object.keys(ev.props).forEach(function (k) { add(meta, "div", k + ": " + ev.props[k]); });
    });
  }
  function showNode(id) {
    var n = nodes.get(id);
    if (!n) { return; }
    panel.replaceChildren();
    add(panel, "h3", n.econgraph_label + ": " + n.label);
    add(panel, "pre", n.title);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    window.econgraphStable = true;  // the layout is final: tests and screenshots wait for this
  });
  window.econgraph = {network: network, nodes: nodes, edges: edges, showEdge: showEdge, showNode: showNode};
})();
</script>
"""


def render_html(sub: Subgraph, height: str = "760px") -> str:
    """The page for a subgraph, every script and style inline."""
    if not sub.nodes:
        raise VizError(f"nothing to draw for {sub.title}")
    from pyvis.network import Network

    styles = label_styles()
    net = Network(height=height, width="100%", directed=True, cdn_resources="in_line", notebook=False)
    names = {key: node.name for key, node in sub.nodes.items()}
    counts: dict[str, int] = {}
    for key in sorted(sub.nodes):
        node = sub.nodes[key]
        style = styles.get(node.label) or styles["Company"]
        counts[node.label] = counts.get(node.label, 0) + 1
        size = _SIZES.get(node.label, 16) + (8 if key in sub.roots else 0)
        net.add_node(
            key, label=node.name, title=_node_title(node), size=size,
            color={"background": style.color, "border": style.border,
                   "highlight": {"background": style.color, "border": "#222222"}},
            borderWidth=4 if key in sub.roots else 2,
            econgraph_label=node.label,
        )
    for (start, end, rel_type), edge in sorted(sub.edges.items()):
        if start not in sub.nodes or end not in sub.nodes:
            continue
        items = _evidence_items(edge, sub.article_titles)
        # one arrow per fact, captioned with its type and how many articles state it
        label = rel_type if edge.region else f"{rel_type} ×{edge.articles}"
        net.add_edge(
            start, end, label=label, title=_edge_title(edge, items, names), width=1 + min(edge.articles, 4),
            color="#C9CDD4" if rel_type == "MENTIONS" else "#8A8F99",
            econgraph_type=rel_type, econgraph_from=names[start], econgraph_to=names[end],
            econgraph_evidence=items,
        )
    net.set_options(json.dumps(_VIS_OPTIONS))
    page = net.generate_html(notebook=False)
    legend = "".join(
        f'<span class="swatch" style="background:{html.escape(styles[label].color)}"></span>'
        f"{html.escape(label)} {counts[label]}"
        for label in LABELS if label in counts
    )
    if sub.truncated:
        legend += " · <b>truncated</b>: more nodes exist than shown"
    header = _PANEL.replace("__TITLE__", html.escape(sub.title)).replace("__LEGEND__", legend)
    page = _EXTERNAL_TAG.sub("", page)
    page = _EMPTY_HEADING.sub("", page)
    page = _DEAD_COMMENT.sub("", page)
    page = page.replace("<body>", "<body>" + header, 1)
    page = page.replace("</body>", _PANEL_SCRIPT + "</body>", 1)
    page = page.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n<title>{html.escape(sub.title)}</title>', 1)
    leftover = external_resources(page)
    if leftover:
        raise VizError(f"the page would fetch {leftover[0]!r} from the network (pyvis template changed?)")
    return page


def external_resources(page: str) -> list[str]:
    """Tags in the page that would load something from the network (must be none)."""
    return [m.group(0) for m in _EXTERNAL.finditer(page)]


def write_html(sub: Subgraph, path: Path) -> Path:
    from econgraph.errors import OutputError
    from econgraph.outfiles import write_output

    page = render_html(sub)
    try:
        write_output(path, page)  # a link is written through; a FIFO or device is refused
    except OutputError as exc:
        raise VizError(str(exc)) from None
    return path
