"""The embedded store: a networkx ``MultiDiGraph`` kept in one file, so ``build`` once and ``query``
many times works across processes without a server.

File format: a magic line, a JSON header line (format version, payload length and SHA-256), then
the zlib-compressed JSON payload. A truncated or corrupted file is refused with a ``StoreError``
naming it, and is never overwritten behind the user's back. Saving writes a temporary file in the
same directory, fsyncs it and renames it over the old one, so a crash leaves the previous file intact.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import networkx as nx
from econgraph.graph.locking import writer_lock
from econgraph.graph.merge import clean_props, last_per_article, merge_node_props
from econgraph.graph.model import ArticleFacts, Node, NodeRef
from econgraph.graph.schema import LABELS, REL_TYPES
from econgraph.graph.store import GraphStore, Stats, StoredNode, StoredRelationship
from econgraph.graph.type_index import NxGraph, invalidate

from econgraph.config import DEFAULT_STORE
from econgraph.errors import StoreError
from econgraph.outfiles import file_kind

MAGIC = b"ECONGRAPH-STORE\n"
FORMAT_VERSION = 1
_HEADER_WIDTH = 160  # bytes reserved for the JSON header line (its JSON is about 110)
_SLICE = 2000  # nodes or edges serialised per json.dumps call while saving
_HINT = "remove or move the file to start a new store, or pass another --store PATH"
_LABEL_ORDER = {label: i for i, label in enumerate(LABELS)}
_TYPE_ORDER = {t: i for i, t in enumerate(REL_TYPES)}

Edge = tuple[str, str, str]  # (start key, end key, relationship uid)


class EmbeddedStore(GraphStore):
    """Node key ``Label:uid``; node attributes = properties + ``label``; edge key = relationship uid,
    edge attributes = properties + ``type``. Every ``load``/``clear``/``delete_articles`` saves,
    except inside ``deferred_save()``, which saves once at its end (and at each ``flush()``)."""

    def __init__(self, path: Path | str | None = None, autosave: bool = True) -> None:
        self.path = Path(path) if path is not None else DEFAULT_STORE
        self.autosave = autosave
        self._dirty = False  # changed since the last save (when autosave is off)
        self.graph: NxGraph = nx.MultiDiGraph()
        self._by_article: dict[str, set[Edge]] = defaultdict(set)
        self._stamp: tuple[int, int, int, int] | None = None  # the file as last read or written
        self._lock_depth = 0
        if self._file_stamp() is not None:
            self._read()

    # -- file ----------------------------------------------------------------------------------

    @property
    def real_path(self) -> Path:
        """Where the file really is: a symbolic link is written through to its target."""
        return Path(os.path.realpath(self.path))

    def _file_stamp(self) -> tuple[int, int, int, int] | None:
        """The file's identity and version (None when there is none); refuses what is not a regular file."""
        try:
            st = os.stat(self.path)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise StoreError(f"cannot read the store {self.path}: {exc.strerror or exc}") from exc
        if not stat.S_ISREG(st.st_mode):
            raise StoreError(f"the store {self.path} is not a regular file ({file_kind(st.st_mode)})",
                             "a store is a file that econgraph writes; pass another --store PATH")
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)

    def _read(self) -> None:
        stamp = self._file_stamp()
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            raise StoreError(f"cannot read the store {self.path}: {exc.strerror or exc}") from exc
        payload = _verify(raw, self.path)
        try:
            data = json.loads(zlib.decompress(payload).decode("utf-8"))
        except (ValueError, zlib.error) as exc:
            raise StoreError(f"the store {self.path} is corrupted: {exc}", _HINT) from exc
        problem = _structure_problem(data)
        if problem:
            raise StoreError(f"the store {self.path} is corrupted: {problem}", _HINT)
        graph: NxGraph = nx.MultiDiGraph()
        for key, attrs in data["nodes"]:
            graph.add_node(key, **attrs)
        for start, end, key, attrs in data["edges"]:
            graph.add_edge(start, end, key=key, **attrs)
        self.graph = graph
        self._stamp = stamp
        self._by_article = defaultdict(set)
        for start, end, key, attrs in graph.edges(keys=True, data=True):
            if "article" in attrs:
                self._by_article[attrs["article"]].add((start, end, key))

    def save(self) -> None:
        """Write atomically: temp file in the same directory, fsync, rename over the old file.

        The payload is serialised and compressed in slices straight into the file, so saving a big
        graph never holds its whole JSON text (or the compressed blob) in memory; the header line is
        reserved first (padded with spaces, which JSON ignores) and filled in once length and digest
        are known.
        """
        with self._writing(refresh=False):
            self._save()

    def _save(self) -> None:
        self._file_stamp()  # a FIFO, device or directory is refused, never replaced
        real = self.real_path
        directory = real.parent
        try:
            directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=directory)
        except OSError as exc:
            raise StoreError(f"cannot write the store {self.path}: {exc.strerror or exc}") from exc
        try:
            os.fchmod(fd, 0o644)
            with os.fdopen(fd, "wb") as fh:
                fh.write(MAGIC + b" " * _HEADER_WIDTH + b"\n")
                length, digest = _write_payload(fh, self.graph)
                header = json.dumps({"format": FORMAT_VERSION, "length": length, "sha256": digest}).encode("ascii")
                fh.seek(len(MAGIC))
                fh.write(header.ljust(_HEADER_WIDTH))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, real)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise StoreError(f"cannot write the store {self.path}: {exc.strerror or exc}") from exc
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(directory)
        self._dirty = False
        self._stamp = self._file_stamp()

    @contextmanager
    def _writing(self, refresh: bool = True) -> Iterator[None]:
        """Hold the store's writer lock (``graph/locking.py``) for the block; re-entrant.

        On taking it, the graph is read again if another process saved the file since this one read
        it (and nothing here is unsaved), so a writer always changes the latest graph: two builds
        into one store both land, one after the other.
        """
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        with writer_lock(self.path):
            self._lock_depth = 1
            try:
                if refresh and not self._dirty:
                    stamp = self._file_stamp()
                    if stamp != self._stamp:
                        if stamp is None:
                            self.graph, self._by_article, self._stamp = nx.MultiDiGraph(), defaultdict(set), None
                        else:
                            self._read()
                        invalidate(self.graph)
                yield
            finally:
                self._lock_depth = 0

    def _saved(self) -> None:
        if self.autosave:
            self.save()
        else:
            self._dirty = True

    @contextmanager
    def deferred_save(self) -> Iterator[None]:
        """No save per write inside the block; one at the end if anything changed (and at ``flush``).

        If the block raises, the file keeps what was last saved: a failed build leaves the previous
        store (or the last checkpoint) intact.
        """
        with self._writing():
            autosave, self.autosave = self.autosave, False
            try:
                yield
            finally:
                self.autosave = autosave
            if autosave:
                self.flush()

    def flush(self) -> None:
        if self._dirty:
            self.save()

    # -- writes --------------------------------------------------------------------------------

    def load(self, facts: Iterable[ArticleFacts]) -> None:
        with self._writing_if_saving():
            try:
                self._load(facts)
            finally:
                invalidate(self.graph)  # the queries' type index (graph/type_index.py) is stale now
            self._saved()

    def _writing_if_saving(self) -> Any:
        """The writer lock for a write that saves at once; nothing for an in-memory (autosave off) one."""
        from contextlib import nullcontext

        return self._writing() if self.autosave and not self._lock_depth else nullcontext()

    def _load(self, facts: Iterable[ArticleFacts]) -> None:
        touched: set[str] = set()  # endpoints of removed relationships: may be left unconnected
        loaded: set[str] = set()
        for item in last_per_article(facts):
            touched |= self._drop_relationships(item.article.uid)
            for node in (item.article, *item.nodes):
                loaded.add(self._merge_node(node))
            for rel in item.relationships:
                start = self._ensure(rel.start)
                end = self._ensure(rel.end)
                props = clean_props(rel.properties(), f"relationship {rel.type}")
                uid = props["uid"]
                if self.graph.has_edge(start, end, key=uid):
                    self.graph.remove_edge(start, end, key=uid)
                self.graph.add_edge(start, end, key=uid, **props, type=rel.type)
                self._by_article[props["article"]].add((start, end, uid))
        self._collect(touched - loaded)

    def _merge_node(self, node: Node) -> str:
        key = node.ref.key()
        new = clean_props({**node.props, "uid": node.uid}, key)
        old = None
        if key in self.graph:
            old = dict(self.graph.nodes[key])
            old.pop("label", None)
        merged = merge_node_props(old, new)
        attrs = self.graph.nodes[key] if key in self.graph else None
        if attrs is None:
            self.graph.add_node(key, **merged, label=node.label)
        else:
            attrs.clear()
            attrs.update(merged)
            attrs["label"] = node.label
        return key

    def _ensure(self, ref: NodeRef) -> str:
        key = ref.key()
        if key not in self.graph:
            self.graph.add_node(key, uid=ref.uid, label=ref.label)
        return key

    def _drop_relationships(self, article: str) -> set[str]:
        ends: set[str] = set()
        for start, end, key in self._by_article.pop(article, set()):
            if self.graph.has_edge(start, end, key=key):
                self.graph.remove_edge(start, end, key=key)
                ends.update((start, end))
        return ends

    def _collect(self, candidates: Iterable[str]) -> None:
        """Remove entity nodes that only the replaced facts tied to the graph."""
        for key in candidates:
            if key in self.graph and self.graph.degree(key) == 0 and self.graph.nodes[key].get("label") != "Article":
                self.graph.remove_node(key)

    def delete_articles(self, uids: Iterable[str]) -> int:
        with self._writing_if_saving():
            try:
                removed = self._delete_articles(uids)
            finally:
                invalidate(self.graph)
            self._saved()
        return removed

    def _delete_articles(self, uids: Iterable[str]) -> int:
        touched: set[str] = set()
        removed = 0
        for uid in uids:
            touched |= self._drop_relationships(uid)
            key = NodeRef("Article", uid).key()
            if key in self.graph:
                touched.update(self.graph.predecessors(key))
                touched.update(self.graph.successors(key))
                for start, end, k in list(self.graph.in_edges(key, keys=True)) + list(
                    self.graph.out_edges(key, keys=True)
                ):
                    article = self.graph.edges[start, end, k].get("article")
                    if article in self._by_article:
                        self._by_article[article].discard((start, end, k))
                self.graph.remove_node(key)
                removed += 1
        self._collect(touched)
        return removed

    def clear(self) -> None:
        with self._writing_if_saving():
            self.graph = nx.MultiDiGraph()
            self._by_article = defaultdict(set)
            self._saved()

    # -- reads ---------------------------------------------------------------------------------

    def article_uids(self, sources: Iterable[str]) -> dict[str, set[str]]:
        wanted = set(sources)
        found: dict[str, set[str]] = {s: set() for s in wanted}
        for _, attrs in self.graph.nodes(data=True):
            if attrs.get("label") == "Article" and attrs.get("source") in wanted:
                found[attrs["source"]].add(attrs["uid"])
        return found

    def article_sources(self, sources: Iterable[str], uids: Iterable[str] = ()) -> dict[str, set[str]]:
        wanted, ids = set(sources), set(uids)
        found: dict[str, set[str]] = {}
        for _, attrs in self.graph.nodes(data=True):
            if attrs.get("label") != "Article":
                continue
            held = set(attrs.get("sources") or ()) | ({attrs["source"]} if attrs.get("source") else set())
            if attrs.get("uid") in ids or held & wanted:
                found[attrs["uid"]] = held
        return found

    def set_article_sources(self, sources: dict[str, list[str]]) -> None:
        if not sources:
            return
        with self._writing_if_saving():
            for uid, files in sources.items():
                key = NodeRef("Article", uid).key()
                if key not in self.graph or not files:
                    continue
                attrs = self.graph.nodes[key]
                attrs["source"] = files[0]
                if len(files) > 1:
                    attrs["sources"] = list(files)
                else:
                    attrs.pop("sources", None)
            invalidate(self.graph)
            self._saved()

    def stats(self) -> Stats:
        nodes: dict[str, int] = defaultdict(int)
        rels: dict[str, int] = defaultdict(int)
        for _, label in self.graph.nodes(data="label"):
            nodes[label] += 1
        for _, _, rtype in self.graph.edges(data="type"):
            rels[rtype] += 1
        return Stats(
            nodes=dict(sorted(nodes.items(), key=lambda kv: _LABEL_ORDER.get(kv[0], 99))),
            relationships=dict(sorted(rels.items(), key=lambda kv: _TYPE_ORDER.get(kv[0], 99))),
        )

    def iter_nodes(self) -> Iterator[StoredNode]:
        rows = []
        for _, attrs in self.graph.nodes(data=True):
            props = {k: v for k, v in attrs.items() if k != "label"}
            rows.append(StoredNode(attrs["label"], attrs["uid"], props))
        rows.sort(key=lambda n: (_LABEL_ORDER.get(n.label, 99), n.uid))
        yield from rows

    def iter_relationships(self) -> Iterator[StoredRelationship]:
        rows = []
        for start, end, key, attrs in self.graph.edges(keys=True, data=True):
            s, e = self.graph.nodes[start], self.graph.nodes[end]
            props = {k: v for k, v in attrs.items() if k != "type"}
            rows.append(StoredRelationship(key, attrs["type"], (s["label"], s["uid"]), (e["label"], e["uid"]), props))
        rows.sort(key=lambda r: (_TYPE_ORDER.get(r.type, 99), r.uid))
        yield from rows

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path)!r})"


def _verify(raw: bytes, path: Path) -> bytes:
    """The payload of a store file, or a StoreError saying what is wrong with it."""
    if not raw.startswith(MAGIC):
        if not raw:
            raise StoreError(f"the store {path} is empty (truncated?)", _HINT)
        raise StoreError(f"{path} is not an econgraph store (bad header)", _HINT)
    line_end = raw.find(b"\n", len(MAGIC))
    if line_end < 0:
        raise StoreError(f"the store {path} is truncated (no header)", _HINT)
    try:
        header = json.loads(raw[len(MAGIC) : line_end])
        version, length, digest = header["format"], int(header["length"]), str(header["sha256"])
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"the store {path} has a corrupted header", _HINT) from exc
    if version != FORMAT_VERSION:
        raise StoreError(f"the store {path} has format {version}; this econgraph reads {FORMAT_VERSION}", _HINT)
    payload = raw[line_end + 1 :]
    if len(payload) != length:
        raise StoreError(f"the store {path} is truncated ({len(payload)} of {length} bytes)", _HINT)
    if hashlib.sha256(payload).hexdigest() != digest:
        raise StoreError(f"the store {path} is corrupted (checksum mismatch)", _HINT)
    return payload


def _structure_problem(data: Any) -> str | None:
    """What is wrong with a payload whose checksum is right but whose shape is not a graph (None if fine)."""
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges"), list):
        return "the payload is not {nodes: [...], edges: [...]}"
    keys: set[str] = set()
    for i, row in enumerate(data["nodes"]):
        if not (isinstance(row, list) and len(row) == 2 and isinstance(row[0], str) and isinstance(row[1], dict)):
            return f"node #{i} is not [key, properties]"
        attrs = row[1]
        if not isinstance(attrs.get("label"), str) or not isinstance(attrs.get("uid"), str):
            return f"node {row[0]!r} has no label or uid"
        keys.add(row[0])
    for i, row in enumerate(data["edges"]):
        if not (isinstance(row, list) and len(row) == 4 and all(isinstance(x, str) for x in row[:3])
                and isinstance(row[3], dict)):
            return f"relationship #{i} is not [start, end, key, properties]"
        if row[0] not in keys or row[1] not in keys:
            return f"relationship {row[2]!r} connects a node that is not in the store"
        if not isinstance(row[3].get("type"), str):
            return f"relationship {row[2]!r} has no type"
    return None


def _write_payload(fh: IO[bytes], graph: NxGraph) -> tuple[int, str]:
    """Stream ``{"nodes": [[key, attrs]…], "edges": [[s, e, k, attrs]…]}`` through zlib into ``fh``.

    Returns the compressed length and its SHA-256; the bytes are the same JSON the reader parses.
    """
    packer = zlib.compressobj(6)
    digest = hashlib.sha256()
    length = 0

    def put(text: str) -> None:
        nonlocal length
        chunk = packer.compress(text.encode("utf-8"))
        if chunk:
            fh.write(chunk)
            digest.update(chunk)
            length += len(chunk)

    def put_list(rows: Iterator[list[Any]]) -> None:
        first = True
        batch: list[list[Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= _SLICE:
                put(("" if first else ",") + _dumps(batch)[1:-1])
                first, batch = False, []
        if batch:
            put(("" if first else ",") + _dumps(batch)[1:-1])

    put('{"nodes":[')
    put_list([key, attrs] for key, attrs in graph.nodes(data=True))
    put('],"edges":[')
    put_list([s, e, k, attrs] for s, e, k, attrs in graph.edges(keys=True, data=True))
    put("]}")
    tail = packer.flush()
    fh.write(tail)
    digest.update(tail)
    return length + len(tail), digest.hexdigest()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
