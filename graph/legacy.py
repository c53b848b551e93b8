"""Reading a store file of the first format (zlib-compressed JSON of a networkx ``MultiDiGraph``, one
edge per relationship and article) to convert it into the SQLite store: ``econgraph store convert OLD NEW``.

The old file is only read. Its relationships become the evidence they were (article, sentence, offsets,
rule, confidence, extra properties) and load into the new store as each article's facts, so the new store
holds one relationship per fact, exactly as a build of the same articles would.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from econgraph.graph.model import ArticleFacts, Evidence, Node, NodeRef, Relationship

from econgraph.errors import StoreError

MAGIC = b"ECONGRAPH-STORE\n"
FORMAT_VERSION = 1
_EVIDENCE = ("uid", "article", "sentence", "start", "end", "rule", "confidence", "type")


def read_legacy(path: Path) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str, dict[str, Any]]]]:
    """(node key -> attributes, [(start key, end key, edge attributes)]) of an old store file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not raw.startswith(MAGIC):
        raise StoreError(f"{path} is not a store of the old format (no ECONGRAPH-STORE header)")
    line_end = raw.find(b"\n", len(MAGIC))
    try:
        header = json.loads(raw[len(MAGIC):line_end])
        version, length, digest = header["format"], int(header["length"]), str(header["sha256"])
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"the old store {path} has a corrupted header") from exc
    payload = raw[line_end + 1:]
    if version != FORMAT_VERSION or len(payload) != length or hashlib.sha256(payload).hexdigest() != digest:
        raise StoreError(f"the old store {path} is truncated or corrupted (format, length or checksum)")
    try:
        data = json.loads(zlib.decompress(payload).decode("utf-8"))
        nodes = {key: dict(attrs) for key, attrs in data["nodes"]}
        edges = [(start, end, dict(attrs)) for start, end, _key, attrs in data["edges"]]
    except (ValueError, KeyError, TypeError, AttributeError, zlib.error) as exc:
        raise StoreError(f"the old store {path} is corrupted: {exc}") from exc
    for key, attrs in nodes.items():
        if not isinstance(key, str) or "label" not in attrs or "uid" not in attrs:
            raise StoreError(f"the old store {path} is corrupted: node {key!r} has no label or uid")
    for start, end, attrs in edges:
        if start not in nodes or end not in nodes or "type" not in attrs:
            raise StoreError(f"the old store {path} is corrupted: an edge {start!r} -> {end!r} without type or "
                             "endpoint")
    return nodes, edges


def legacy_facts(path: Path) -> Iterator[ArticleFacts]:
    """The old store's content as per-article facts (every node and relationship of it, once)."""
    return _facts(*read_legacy(path))


def _facts(nodes: dict[str, dict[str, Any]], edges: list[tuple[str, str, dict[str, Any]]]) -> Iterator[ArticleFacts]:
    by_article: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for start, end, attrs in edges:
        by_article[str(attrs.get("article", ""))].append((start, end, attrs))

    def node(key: str) -> Node:
        attrs = dict(nodes.get(key) or {})
        label = attrs.pop("label", key.split(":", 1)[0])
        uid = attrs.get("uid", key.split(":", 1)[1])
        return Node(label, uid, attrs)

    for key, attrs in nodes.items():
        if attrs.get("label") != "Article":
            continue
        art = node(key)
        rels: list[Relationship] = []
        ends: dict[str, Node] = {}
        for start, end, e in by_article.pop(art.uid, []):
            s, t = node(start), node(end)
            ends.setdefault(start, s)
            ends.setdefault(end, t)
            evidence = Evidence(art.uid, e.get("sentence", ""), int(e.get("start", 0)), int(e.get("end", 0)),
                                e.get("rule", ""), float(e.get("confidence", 0.0)))
            extras = {k: v for k, v in e.items() if k not in _EVIDENCE}
            rels.append(Relationship(e["type"], NodeRef(s.label, s.uid), NodeRef(t.label, t.uid), evidence, extras))
        ends.pop(key, None)
        yield ArticleFacts(art, list(ends.values()), rels)
