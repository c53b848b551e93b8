"""Exports of a stored graph for other tools.

- ``json``: the stable contract of DESIGN.md (other tools read it);
- ``graphml`` and ``gexf``: for Gephi and Cytoscape, written by networkx (no lists in either, so lists become
  JSON strings; edges carry a ``weight``);
- ``csv``: the header format of ``neo4j-admin database import full`` (one file per label and per
  relationship type and endpoint labels, plus ``import.sh`` with the matching command line);
- ``cypher``: a script of literal statements (no parameters) that recreates the graph, one statement a line.

Output is sorted, so exporting the same graph twice gives the same bytes.
"""

from __future__ import annotations

import io
import json
import re
import shlex
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

import networkx as nx
from econgraph.graph.cypher import cypher_key, cypher_literal, cypher_map
from econgraph.graph.facts import public_lists
from econgraph.graph.schema import CONSTRAINTS, LABELS, REL_TYPES
from econgraph.graph.store import GraphStore, StoredNode, StoredRelationship
from econgraph.graph.type_index import NxGraph

FORMATS: tuple[str, ...] = ("json", "graphml", "gexf", "csv", "cypher")
_LABEL_ORDER = {label: i for i, label in enumerate(LABELS)}
_TYPE_ORDER = {t: i for i, t in enumerate(REL_TYPES)}


def _nodes(store: GraphStore) -> list[StoredNode]:
    return sorted(store.iter_nodes(), key=lambda n: (_LABEL_ORDER.get(n.label, 99), n.label, n.uid))


def _rels(store: GraphStore) -> list[StoredRelationship]:
    return sorted(store.iter_relationships(), key=lambda r: (_TYPE_ORDER.get(r.type, 99), r.type, r.uid))


def _flat_rels(store: GraphStore) -> list[StoredRelationship]:
    """Relationships with their evidence as parallel lists (``ev_article``, ``ev_sentence``, …), as the Neo4j
    store holds them: neo4j-admin CSV and Cypher properties cannot hold a list of maps."""
    out = []
    for r in _rels(store):
        props = {k: v for k, v in r.properties.items() if k != "evidence"}
        props.update(public_lists(r.properties.get("evidence") or ()))
        out.append(StoredRelationship(r.uid, r.type, r.start, r.end, props))
    return out


def node_id(label: str, uid: str) -> str:
    return f"{label}:{uid}"


# -- json ----------------------------------------------------------------------------------------


def to_json_dict(store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    return {
        "nodes": [
            {"id": node_id(n.label, n.uid), "labels": [n.label], "properties": dict(sorted(n.properties.items()))}
            for n in _nodes(store)
        ],
        "relationships": [
            {
                "id": r.uid,
                "type": r.type,
                "start": node_id(*r.start),
                "end": node_id(*r.end),
                "properties": dict(sorted(r.properties.items())),
            }
            for r in _rels(store)
        ],
    }


def write_json(store: GraphStore, out: TextIO) -> None:
    json.dump(to_json_dict(store), out, ensure_ascii=False, indent=1)
    out.write("\n")


# -- graphml and gexf (written by networkx) --------------------------------------------------------

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_value(value: Any) -> Any:
    """GraphML and GEXF hold scalars only: lists become JSON strings; XML 1.0 cannot hold control characters."""
    if isinstance(value, (list, tuple)):
        value = json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, str):
        return _XML_BAD.sub("\ufffd", value)
    return value


def edge_weight(rel: StoredRelationship) -> int:
    """How strongly the text supports a relationship: mentions counted, else the articles that state it
    (1 for region data, which no article states)."""
    props = rel.properties
    if rel.type == "MENTIONS" and isinstance(props.get("count"), int):
        return int(props["count"])
    articles = props.get("articles")
    return max(1, articles) if isinstance(articles, int) else 1


def to_networkx(store: GraphStore) -> NxGraph:
    """The stored graph as a networkx multigraph with XML-safe attributes (``label`` = the name Gephi shows)."""
    graph: NxGraph = nx.MultiDiGraph()
    for n in _nodes(store):
        attrs = {k: _xml_value(v) for k, v in n.properties.items() if v is not None}
        attrs.update(label=_xml_value(n.properties.get("name", n.uid)), labels=n.label)
        graph.add_node(_xml_value(node_id(n.label, n.uid)), **attrs)
    for r in _rels(store):
        attrs = {k: _xml_value(v) for k, v in r.properties.items() if v is not None}
        attrs.update(label=r.type, type=r.type, weight=edge_weight(r))
        graph.add_edge(_xml_value(node_id(*r.start)), _xml_value(node_id(*r.end)), key=r.uid, id=r.uid, **attrs)
    return graph


def write_graphml(store: GraphStore, out: TextIO) -> None:
    """GraphML for Gephi, Cytoscape and ``nx.read_graphml``; edges carry ``weight``."""
    buf = io.BytesIO()
    nx.write_graphml(to_networkx(store), buf)
    out.write(buf.getvalue().decode("utf-8"))


def write_gexf(store: GraphStore, out: TextIO) -> None:
    """GEXF 1.2 for Gephi (``nx.read_gexf`` reads it back); edges carry ``weight``, their type is the ``label``
    (GEXF reserves an edge's ``type`` for directed/undirected)."""
    graph = to_networkx(store)
    for _, _, attrs in graph.edges(data=True):
        del attrs["type"]
    buf = io.BytesIO()
    nx.write_gexf(graph, buf)
    out.write(buf.getvalue().decode("utf-8"))


# -- csv for neo4j-admin import --------------------------------------------------------------------

_ARRAY_DELIMITERS = (";", "|", "\u00a6", "\u241f")


def _csv_type(values: Iterable[Any]) -> str:
    """The neo4j-admin header type of a column ('' = string, the default)."""
    kinds: set[str] = set()
    for v in values:
        if isinstance(v, bool):
            kinds.add("boolean")
        elif isinstance(v, int):
            kinds.add("long")
        elif isinstance(v, float):
            kinds.add("double")
        elif isinstance(v, (list, tuple)):
            inner = _csv_type(v) or "string"
            kinds.add(inner + "[]" if not inner.endswith("[]") else "string[]")
        else:
            kinds.add("string")
    if kinds == {"long", "double"}:
        return "double"
    if kinds == {"long[]", "double[]"}:
        return "double[]"
    if len(kinds) == 1:
        kind = kinds.pop()
        return "" if kind == "string" else kind
    if kinds and all(k.endswith("[]") for k in kinds):
        return "string[]"
    return ""


def _csv_field(value: Any, kind: str, delimiter: str) -> str:
    if value is None:
        return ""  # an empty unquoted field: no property
    if kind.endswith("[]"):
        items = value if isinstance(value, (list, tuple)) else [value]
        return _quote(delimiter.join(_csv_scalar(v) for v in items))
    if kind in ("long", "double", "boolean"):
        return _csv_scalar(value)
    return _quote(_csv_scalar(value))


def _csv_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]+", "_", text)


def write_csv(store: GraphStore, directory: Path) -> list[Path]:
    """Node and relationship files with typed headers, and ``import.sh`` to run neo4j-admin on them."""
    directory.mkdir(parents=True, exist_ok=True)
    nodes_by_label: dict[str, list[StoredNode]] = defaultdict(list)
    for n in _nodes(store):
        nodes_by_label[n.label].append(n)
    rels_by_group: dict[tuple[str, str, str], list[StoredRelationship]] = defaultdict(list)
    flat = _flat_rels(store)
    for r in flat:
        rels_by_group[(r.type, r.start[0], r.end[0])].append(r)
    delimiter = _array_delimiter([*(n.properties for n in _nodes(store)), *(r.properties for r in flat)])
    written: list[Path] = []
    node_files: list[Path] = []
    rel_files: list[Path] = []
    for label, nodes in nodes_by_label.items():
        columns = sorted({k for n in nodes for k in n.properties} - {"uid"})
        kinds = {c: _csv_type(n.properties[c] for n in nodes if c in n.properties) for c in columns}
        header = [f"uid:ID({label})"] + [_header(c, kinds[c]) for c in columns] + [":LABEL"]
        lines = [",".join(header)]
        for n in nodes:
            cells = [_quote(n.uid)] + [_csv_field(n.properties.get(c), kinds[c], delimiter) for c in columns]
            lines.append(",".join([*cells, label]))
        path = directory / f"nodes_{_safe_name(label)}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        node_files.append(path)
    for (rtype, start, end), rels in rels_by_group.items():
        columns = sorted({k for r in rels for k in r.properties})
        kinds = {c: _csv_type(r.properties[c] for r in rels if c in r.properties) for c in columns}
        header = [f":START_ID({start})", f":END_ID({end})"] + [_header(c, kinds[c]) for c in columns] + [":TYPE"]
        lines = [",".join(header)]
        for r in rels:
            cells = [_quote(r.start[1]), _quote(r.end[1])]
            cells += [_csv_field(r.properties.get(c), kinds[c], delimiter) for c in columns]
            lines.append(",".join([*cells, rtype]))
        path = directory / f"relationships_{_safe_name(rtype)}_{_safe_name(start)}_{_safe_name(end)}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        rel_files.append(path)
    script = directory / "import.sh"
    args = ["neo4j-admin", "database", "import", "full", "--multiline-fields=true",
            f"--array-delimiter={delimiter}"]
    args += [f"--nodes={p.name}" for p in node_files] + [f"--relationships={p.name}" for p in rel_files]
    script.write_text(
        "#!/bin/sh\n# Load this export into an empty database (default: neo4j) with neo4j-admin.\n"
        'cd "$(dirname "$0")" || exit 1\n'
        + " ".join(shlex.quote(a) for a in args[:4]) + ' "${1:-neo4j}" '  # before the variadic options
        + " ".join(shlex.quote(a) for a in args[4:]) + "\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    written = [*node_files, *rel_files, script]
    return written


def import_arguments(directory: Path) -> list[str]:
    """The neo4j-admin arguments written into ``import.sh`` (after ``neo4j-admin``); the database is ``DATABASE``."""
    line = (directory / "import.sh").read_text(encoding="utf-8").splitlines()[-1]
    parts = shlex.split(line.replace('"${1:-neo4j}"', "DATABASE"))
    return parts[1:]


def _header(column: str, kind: str) -> str:
    return f"{column}:{kind}" if kind else column


def _array_delimiter(props: Iterable[dict[str, Any]]) -> str:
    used: set[str] = set()
    for p in props:
        for v in p.values():
            if isinstance(v, (list, tuple)):
                for item in v:
                    used.update(ch for ch in _ARRAY_DELIMITERS if ch in str(item))
    for candidate in _ARRAY_DELIMITERS:
        if candidate not in used:
            return candidate
    raise ValueError("every array delimiter candidate occurs inside a list value")


# -- cypher script -------------------------------------------------------------------------------

def cypher_statements(store: GraphStore) -> Iterable[str]:
    """The statements of the script, each one line ending in ``;``."""
    yield from (c + ";" for c in CONSTRAINTS)
    for n in _nodes(store):
        label = cypher_key(n.label)
        yield f"MERGE (n:{label} {{uid: {cypher_literal(n.uid)}}}) SET n = {cypher_map(n.properties)};"
    for r in _flat_rels(store):
        yield (
            f"MATCH (a:{cypher_key(r.start[0])} {{uid: {cypher_literal(r.start[1])}}}) "
            f"MATCH (b:{cypher_key(r.end[0])} {{uid: {cypher_literal(r.end[1])}}}) "
            f"MERGE (a)-[r:{cypher_key(r.type)} {{uid: {cypher_literal(r.uid)}}}]->(b) "
            f"SET r = {cypher_map(r.properties)};"
        )


def write_cypher(store: GraphStore, out: TextIO) -> None:
    out.write("// econgraph export: run with cypher-shell -f (one statement a line)\n")
    for statement in cypher_statements(store):
        out.write(statement + "\n")


def export(store: GraphStore, fmt: str, out: TextIO | None = None, directory: Path | None = None) -> list[Path]:
    """Write ``fmt``: text formats to ``out``, ``csv`` into ``directory``; returns the files written."""
    if fmt == "csv":
        if directory is None:
            raise ValueError("csv export needs a directory")
        return write_csv(store, directory)
    if out is None:
        raise ValueError(f"{fmt} export needs an output stream")
    writers = {"json": write_json, "graphml": write_graphml, "gexf": write_gexf, "cypher": write_cypher}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    writers[fmt](store, out)
    return []
