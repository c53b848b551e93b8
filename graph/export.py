"""Exports of a stored graph for other tools.

- ``json``: the stable contract of DESIGN.md (other tools read it);
- ``graphml``: for Gephi and Cytoscape (GraphML has no lists, so lists become JSON strings);
- ``csv``: the header format of ``neo4j-admin database import full`` (one file per label and per
  relationship type and endpoint labels, plus ``import.sh`` with the matching command line);
- ``cypher``: a script of literal statements (no parameters) that recreates the graph, one statement a line.

Output is sorted, so exporting the same graph twice gives the same bytes.
"""

from __future__ import annotations

import json
import re
import shlex
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from econgraph.graph.cypher import cypher_key, cypher_literal, cypher_map
from econgraph.graph.schema import CONSTRAINTS, LABELS, REL_TYPES
from econgraph.graph.store import GraphStore, StoredNode, StoredRelationship

FORMATS: tuple[str, ...] = ("json", "graphml", "csv", "cypher")
_LABEL_ORDER = {label: i for i, label in enumerate(LABELS)}
_TYPE_ORDER = {t: i for i, t in enumerate(REL_TYPES)}


def _nodes(store: GraphStore) -> list[StoredNode]:
    return sorted(store.iter_nodes(), key=lambda n: (_LABEL_ORDER.get(n.label, 99), n.label, n.uid))


def _rels(store: GraphStore) -> list[StoredRelationship]:
    return sorted(store.iter_relationships(), key=lambda r: (_TYPE_ORDER.get(r.type, 99), r.type, r.uid))


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


# -- graphml -------------------------------------------------------------------------------------

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(value: str) -> str:
    value = _XML_BAD.sub("\ufffd", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _graphml_value(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def _graphml_type(values: Iterable[Any]) -> str:
    kinds = {type(v) for v in values}
    if kinds == {bool}:
        return "boolean"
    if kinds and kinds <= {int}:
        return "long"
    if kinds and kinds <= {int, float}:
        return "double"
    return "string"


def _graphml_literal(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    return _xml_text(str(value))


def write_graphml(store: GraphStore, out: TextIO) -> None:
    """GraphML 1.0; nodes carry ``label`` (the name, shown by Gephi) and ``labels`` (the graph label)."""
    nodes = [
        (node_id(n.label, n.uid), {"label": n.properties.get("name", n.uid), "labels": n.label,
                                   **{k: _graphml_value(v) for k, v in n.properties.items()}})
        for n in _nodes(store)
    ]
    rels = [
        (r, {"label": r.type, "type": r.type, **{k: _graphml_value(v) for k, v in r.properties.items()}})
        for r in _rels(store)
    ]
    keys: list[tuple[str, str, str, str]] = []  # (id, for, name, type)
    kinds: dict[tuple[str, str], str] = {}
    for domain, rows in (("node", [a for _, a in nodes]), ("edge", [a for _, a in rels])):
        values: dict[str, list[Any]] = defaultdict(list)
        for attrs in rows:
            for k, v in attrs.items():
                values[k].append(v)
        for i, name in enumerate(sorted(values)):
            kind = _graphml_type(values[name])
            kinds[(domain, name)] = kind
            keys.append((f"{domain[0]}{i}", domain, name, kind))
    key_id = {(domain, name): kid for kid, domain, name, _ in keys}
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
              'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
              'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
              'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    for kid, domain, name, kind in keys:
        out.write(f'  <key id="{kid}" for="{domain}" attr.name="{_xml_text(name)}" attr.type="{kind}"/>\n')
    out.write('  <graph id="econgraph" edgedefault="directed">\n')
    for nid, attrs in nodes:
        out.write(f'    <node id="{_xml_text(nid)}">\n')
        for k, v in sorted(attrs.items()):
            out.write(f'      <data key="{key_id[("node", k)]}">{_graphml_literal(v, kinds[("node", k)])}</data>\n')
        out.write("    </node>\n")
    for r, attrs in rels:
        out.write(f'    <edge id="{_xml_text(r.uid)}" source="{_xml_text(node_id(*r.start))}" '
                  f'target="{_xml_text(node_id(*r.end))}">\n')
        for k, v in sorted(attrs.items()):
            out.write(f'      <data key="{key_id[("edge", k)]}">{_graphml_literal(v, kinds[("edge", k)])}</data>\n')
        out.write("    </edge>\n")
    out.write("  </graph>\n</graphml>\n")


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
    for r in _rels(store):
        rels_by_group[(r.type, r.start[0], r.end[0])].append(r)
    delimiter = _array_delimiter([*(n.properties for n in _nodes(store)), *(r.properties for r in _rels(store))])
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
    for r in _rels(store):
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
    writers = {"json": write_json, "graphml": write_graphml, "cypher": write_cypher}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    writers[fmt](store, out)
    return []
