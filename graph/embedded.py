"""The embedded store: one SQLite database file (standard library ``sqlite3``), so ``build`` once, ``query``
many times and add today's articles in place, across processes and without a server.

Tables (schema version ``SCHEMA_VERSION``, ``PRAGMA application_id`` = ``APPLICATION_ID``):

- ``nodes(key, label, uid, source, props, text)``: ``key`` is ``Label:uid``; ``props`` the node's properties
  as JSON, except an article's ``text`` (its own column: the bulk of the file, which no query reads) and
  ``source`` (a column, indexed, for ``article_uids``);
- ``facts(id, uid, type, start, end, region, props)``: one row per fact ``(type, start, end)``, unique;
  ``props`` its aggregates and extras as JSON (``graph/facts.py``); indexed by start and by end;
- ``evidence(fact, article, sentence, start, end, rule, confidence, date, extras)``: one row per fact and
  article, indexed by article (replacing an article's evidence is an index range);
- ``names``, ``derived``, ``derived_terms``: the name index and the short-name cache (below);
- schema 3: ``node_names(key, name)`` and ``fact_counts(type, n)``, kept by triggers (a query sorts a county's
  companies by name, and ``stats`` counts facts, without reading them), and ``covered(kind, sig)``: every stored
  company's name has its ``derived`` value (a page add does not check that over every company). A schema-2 file is
  read as it is and upgraded by its first write (``UPGRADABLE``).

Writes: every ``load``, ``delete_articles`` and ``clear`` is one transaction (``BEGIN IMMEDIATE``), a build
(``deferred_save``) one transaction with checkpoint commits. Writers also take the writer lock of
``graph/locking.py`` (a second build says once that it waits, or refuses with ``ECONGRAPH_LOCK_WAIT_SECONDS=0``);
SQLite's own lock (busy timeout ``BUSY_TIMEOUT``) orders any other writer. Two builds at once both land. The database
runs in WAL mode: readers (queries) read the last committed state while a build writes. A crash or a kill
leaves the last committed transaction; SQLite recovers the file on the next open.

Reads: ``graph`` is a networkx ``MultiDiGraph`` built from the database on first use — nodes without
article text, one edge per fact with its aggregates, evidence fetched per edge when a query asks for it
(``graph.graph["evidence"]``, see ``facts.evidence_of``). Node key ``Label:uid``; node attributes =
properties + ``label``; edge key = fact uid; edge attributes = aggregates + ``uid`` + ``type``.

A file of the first format (zlib-compressed JSON) is refused with the command that converts it
(``econgraph store convert OLD NEW``, ``graph/legacy.py``).
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from econgraph.graph.facts import (
    EvidenceRow,
    aggregate,
    dumps,
    fact_properties,
    fact_uid,
    public_evidence,
    region_props,
    statements,
)
from econgraph.graph.locking import writer_lock
from econgraph.graph.merge import clean_props, last_per_article, merge_node_props
from econgraph.graph.model import ArticleFacts, NodeRef, normalise_name
from econgraph.graph.schema import LABELS, REL_TYPES
from econgraph.graph.store import GraphStore, Stats, StoredNode, StoredRelationship
from econgraph.graph.type_index import NxGraph, invalidate

from econgraph.config import DEFAULT_STORE
from econgraph.errors import StoreError
from econgraph.outfiles import file_kind

APPLICATION_ID = 0x45434F47  # "ECOG"
SCHEMA_VERSION = 3  # 1 was the zlib-JSON file; 2 had no node_names, fact_counts, covered (upgraded on a write)
UPGRADABLE = (2,)  # versions read as they are and upgraded in place by the first write
# seconds a writer waits for another writer's transaction (a build holds one from checkpoint to checkpoint)
BUSY_TIMEOUT = float(os.environ.get("ECONGRAPH_BUSY_TIMEOUT", "600"))
# page cache of a build (``deferred_save``), KiB; at most this much memory, used only as the file grows
BUILD_CACHE_KIB = 256 * 1024
SQLITE_MAGIC = b"SQLite format 3\x00"
LEGACY_MAGIC = b"ECONGRAPH-STORE\n"
_HINT = "remove or move the file to start a new store, or pass another --store PATH"
_LABEL_ORDER = {label: i for i, label in enumerate(LABELS)}
_TYPE_ORDER = {t: i for i, t in enumerate(REL_TYPES)}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS nodes (
  key TEXT PRIMARY KEY, label TEXT NOT NULL, uid TEXT NOT NULL, source TEXT, props TEXT NOT NULL, text TEXT
);
CREATE INDEX IF NOT EXISTS nodes_label ON nodes(label);
CREATE INDEX IF NOT EXISTS nodes_source ON nodes(source) WHERE source IS NOT NULL;
CREATE TABLE IF NOT EXISTS facts (
  id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, type TEXT NOT NULL, start TEXT NOT NULL, "end" TEXT NOT NULL,
  region INTEGER NOT NULL DEFAULT 0, props TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS facts_start ON facts(start, type);
CREATE INDEX IF NOT EXISTS facts_end ON facts("end", type);
CREATE TABLE IF NOT EXISTS evidence (
  fact INTEGER NOT NULL, article TEXT NOT NULL, sentence TEXT, start INTEGER, "end" INTEGER, rule TEXT,
  confidence REAL, date TEXT, extras TEXT, PRIMARY KEY (fact, article)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS evidence_article ON evidence(article);
"""
# The articles held by several files (``sources`` in their properties; a few in a store): a page add asks which of
# them hold its files without reading every article's properties. Created by any write to a file that lacks it.
_MULTI_SOURCE = "json_type(props, '$.sources') IS NOT NULL"
_MULTI_SOURCE_INDEX = f"CREATE INDEX IF NOT EXISTS nodes_multi_source ON nodes(label) WHERE {_MULTI_SOURCE}"
_SCHEMA += _MULTI_SOURCE_INDEX + ";\n"
# Values a loader computes from a node's name with its rules (``kind``), kept under the rules' signature (``sig``)
# so that adding one page to an archive does not recompute them for every stored company; a cache, not graph data.
_DERIVED = ("CREATE TABLE IF NOT EXISTS derived (kind TEXT NOT NULL, key TEXT NOT NULL, sig TEXT NOT NULL, "
            "value TEXT NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID")
_SCHEMA += _DERIVED + ";\n"
# the strings of a derived value that is a list (a name's short forms), to find which names derive a string
_DERIVED_TERMS = ("CREATE TABLE IF NOT EXISTS derived_terms (kind TEXT NOT NULL, term TEXT NOT NULL, key TEXT NOT NULL, "
                  "PRIMARY KEY (kind, term, key)) WITHOUT ROWID")
_SCHEMA += _DERIVED_TERMS + ";\n"
# Every node's normalised name and aliases, so that a query finds the entity a parameter names without reading
# every node (created and filled on the first write in a file made before it existed).
_NAMES = ("CREATE TABLE IF NOT EXISTS names (label TEXT NOT NULL, norm TEXT NOT NULL, key TEXT NOT NULL, "
          "PRIMARY KEY (label, norm, key)) WITHOUT ROWID")
_NAMES_BY_KEY = "CREATE INDEX IF NOT EXISTS names_key ON names(key)"
_SCHEMA += _NAMES + ";\n" + _NAMES_BY_KEY + ";\n"
# Schema 3. Each node's name (when it is a string), kept by triggers: a query sorting a county's ~36,000 companies
# by name reads this small table, not their properties.
_NODE_NAMES = """
CREATE TABLE IF NOT EXISTS node_names (key TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS node_names_insert AFTER INSERT ON nodes
  WHEN json_type(NEW.props, '$.name') = 'text' BEGIN
  INSERT OR REPLACE INTO node_names(key, name) VALUES (NEW.key, json_extract(NEW.props, '$.name'));
END;
CREATE TRIGGER IF NOT EXISTS node_names_unnamed AFTER INSERT ON nodes
  WHEN json_type(NEW.props, '$.name') IS NOT 'text' BEGIN
  DELETE FROM node_names WHERE key = NEW.key;
END;
CREATE TRIGGER IF NOT EXISTS node_names_update AFTER UPDATE OF props ON nodes BEGIN
  DELETE FROM node_names WHERE key = OLD.key;
  INSERT INTO node_names(key, name) SELECT NEW.key, json_extract(NEW.props, '$.name')
    WHERE json_type(NEW.props, '$.name') = 'text';
END;
CREATE TRIGGER IF NOT EXISTS node_names_delete AFTER DELETE ON nodes BEGIN
  DELETE FROM node_names WHERE key = OLD.key;
END;
"""
_FILL_NODE_NAMES = ("INSERT OR REPLACE INTO node_names(key, name) SELECT key, json_extract(props, '$.name') FROM nodes "
                    "WHERE json_type(props, '$.name') = 'text'")
# The number of facts of each type, kept by triggers: ``stats`` (printed by every build) counts 2.3M facts otherwise.
_FACT_COUNTS = """
CREATE TABLE IF NOT EXISTS fact_counts (type TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS fact_counts_insert AFTER INSERT ON facts BEGIN
  INSERT INTO fact_counts(type, n) VALUES (NEW.type, 1) ON CONFLICT(type) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS fact_counts_delete AFTER DELETE ON facts BEGIN
  UPDATE fact_counts SET n = n - 1 WHERE type = OLD.type;
END;
"""
_FILL_FACT_COUNTS = "INSERT OR REPLACE INTO fact_counts(type, n) SELECT type, count(*) FROM facts GROUP BY type"
# Markers ``(kind, signature)``: every stored company's name has its ``derived`` value of ``kind`` under
# ``signature`` (so a page add need not check that over every company). Set by ``remember_derived`` after one
# check, dropped by a write of a company whose name has no such value (``_Loader._write_nodes``).
_COVERED = ("CREATE TABLE IF NOT EXISTS covered (kind TEXT NOT NULL, sig TEXT NOT NULL, PRIMARY KEY (kind, sig)) "
            "WITHOUT ROWID")
_SCHEMA_3 = _NODE_NAMES + _FACT_COUNTS + _COVERED + ";\n"


def _statements(script: str) -> Iterator[str]:
    """The statements of a script (a trigger's body holds semicolons of its own)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip().strip(";").strip():
                yield pending
            pending = ""
    if pending.strip().strip(";").strip():
        yield pending


def _upgrade(conn: sqlite3.Connection) -> None:
    """Inside a write transaction: a store of an older schema (``UPGRADABLE``) brought to ``SCHEMA_VERSION``
    (the tables it lacks, filled from what it holds). Readers of the new version read both."""
    conn.execute(_MULTI_SOURCE_INDEX)  # an index, not a schema change: a file without it is read as it is
    if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
    for statement in _statements(_SCHEMA_3):  # (the tables of _SCHEMA a version-2 file lacks fill themselves)
        conn.execute(statement)
    conn.execute(_FILL_NODE_NAMES)
    conn.execute("DELETE FROM fact_counts")
    conn.execute(_FILL_FACT_COUNTS)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def _name_rows(key: str, label: str, props: dict[str, Any]) -> set[tuple[str, str, str]]:
    texts = (props.get("name"), *(props.get("aliases") or ()))
    return {(label, norm, key) for text in texts if text for norm in (normalise_name(str(text)),) if norm}


def _wal_frames(path: Path) -> bool:
    """Whether the store's write-ahead log beside it holds frames: a process killed during a checkpoint leaves the
    database file shorter than its header says, and SQLite rebuilds it from the log, so that is no truncation."""
    try:
        return os.path.getsize(f"{path}-wal") > 32  # the log's own header is 32 bytes
    except OSError:
        return False


def check_store_file(path: Path) -> None:
    """Refuse what is not an econgraph SQLite store, with a one-line reason (before SQLite touches it)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise StoreError(f"cannot read the store {path}: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(mode):
        raise StoreError(f"the store {path} is not a regular file ({file_kind(mode)})",
                         "a store is a file that econgraph writes; pass another --store PATH")
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise StoreError(f"cannot read the store {path}: {exc.strerror or exc}") from exc
    if head.startswith(LEGACY_MAGIC):
        new = path.with_suffix(".sqlite") if path.suffix != ".sqlite" else path.with_name(path.stem + "-new.sqlite")
        raise StoreError(f"{path} is a store of the old format (zlib JSON); convert it once with: "
                         f"econgraph store convert {path} {new}")
    if not head:
        raise StoreError(f"the store {path} is empty (truncated?)", _HINT)
    if not head.startswith(SQLITE_MAGIC) or len(head) < 100:
        raise StoreError(f"{path} is not an econgraph store (bad header)", _HINT)
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    valid_for = int.from_bytes(head[92:96], "big")
    changes = int.from_bytes(head[24:28], "big")
    if pages and valid_for == changes and size < pages * page_size and not _wal_frames(path):
        raise StoreError(f"the store {path} is truncated ({size} of {pages * page_size} bytes)", _HINT)
    if int.from_bytes(head[68:72], "big") not in (0, APPLICATION_ID):
        raise StoreError(f"{path} is an SQLite database of another application, not an econgraph store", _HINT)


class EmbeddedStore(GraphStore):
    """The SQLite store; ``graph`` is the networkx view of it for queries (read on first use)."""

    def __init__(self, path: Path | str | None = None, autosave: bool = True) -> None:
        self.path = Path(path) if path is not None else DEFAULT_STORE
        self.autosave = autosave  # kept for callers of the first store; every write commits
        self._graph: NxGraph | None = None
        self._graph_parts: _GraphParts | None = None
        self._conn: sqlite3.Connection | None = None
        self._deferred = False  # inside deferred_save: one transaction for the block
        # inside deferred_save: facts whose evidence only grew since the last commit, re-aggregated once before
        # the next commit or read (a fact stated by many articles is not re-read at every load call)
        self._unsettled: set[int] = set()
        if self.path.exists():
            check_store_file(self.path)
            self._open()
        elif path is None and LEGACY_DEFAULT.exists():
            check_store_file(LEGACY_DEFAULT)

    # -- connection ----------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        fresh = not self.path.exists()
        try:
            if fresh:
                Path(os.path.realpath(self.path)).parent.mkdir(parents=True, exist_ok=True)
            # a symbolic link is opened through to its target, so the WAL sits beside the real file
            conn = sqlite3.connect(os.path.realpath(self.path), timeout=BUSY_TIMEOUT, isolation_level=None,
                                   check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the store {self.path}: {_why(exc)}") from exc
        try:
            # what the file is, before anything is written to it (a foreign database is left as it was)
            app, version = conn.execute("PRAGMA application_id").fetchone()[0], \
                conn.execute("PRAGMA user_version").fetchone()[0]
            if app == 0 and version == 0 and conn.execute(
                    "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()[0]:
                raise StoreError(f"{self.path} is an SQLite database of another application, not an econgraph "
                                 "store", _HINT)
            if app in (0, APPLICATION_ID) and version in (0, SCHEMA_VERSION, *UPGRADABLE):
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
            if app == 0 and version == 0:
                # the schema in its own transaction (idempotent: two processes may both get here)
                self._begin(conn)
                try:
                    for statement in _statements(_SCHEMA + _SCHEMA_3):
                        conn.execute(statement)
                    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            elif app != APPLICATION_ID:
                raise StoreError(f"{self.path} is not an econgraph store", _HINT)
            elif version != SCHEMA_VERSION and version not in UPGRADABLE:
                raise StoreError(f"the store {self.path} has schema {version}; this econgraph reads "
                                 f"{SCHEMA_VERSION}", _HINT)
        except sqlite3.DatabaseError as exc:
            conn.close()
            self._conn = None
            raise StoreError(f"the store {self.path} is corrupted or not an econgraph store: {_why(exc)}",
                             _HINT) from exc
        except BaseException:
            conn.close()
            self._conn = None
            raise
        self._conn = conn
        return conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: BEGIN IMMEDIATE (waits for another writer), COMMIT or ROLLBACK.
        Inside ``deferred_save`` the writes join the block's transaction."""
        conn = self._open()
        if self._deferred:
            try:
                yield conn
            except sqlite3.Error as exc:
                raise StoreError(f"cannot write the store {self.path}: {_why(exc)}") from exc
            finally:
                self._changed()
            return
        lock = writer_lock(self.path)
        lock.__enter__()
        try:
            self._begin(conn)
            self._upgrade(conn)
        except BaseException:
            lock.__exit__(None, None, None)
            raise
        try:
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"cannot write the store {self.path}: {_why(exc)}") from exc
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            lock.__exit__(None, None, None)
            self._changed()

    def _upgrade(self, conn: sqlite3.Connection) -> None:
        try:
            _upgrade(conn)
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            raise StoreError(f"cannot upgrade the store {self.path} to schema {SCHEMA_VERSION}: {_why(exc)}") from exc

    def _tables(self, conn: sqlite3.Connection) -> set[str]:
        return {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def _begin(self, conn: sqlite3.Connection) -> None:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write the store {self.path}: {_why(exc)}",
                             "another build may hold it: try again when it ends") from exc

    @contextmanager
    def deferred_save(self) -> Iterator[None]:
        """The block's writes (a build) are one transaction, committed at its end and at each ``flush``
        (a checkpoint): a build that fails or is killed leaves the store as of its last commit, readers
        see the store as it was until then, and another writer waits for the commit."""
        if self._deferred:
            yield
            return
        with writer_lock(self.path), self._build_cache():  # one econgraph writer at a time (graph/locking.py)
            conn = self._open()
            self._begin(conn)
            self._upgrade(conn)
            self._deferred = True
            try:
                yield
                self._settle_unsettled(conn)
            except BaseException:
                self._deferred = False
                self._unsettled.clear()
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                self._changed()
                raise
            self._deferred = False
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                conn.execute("ROLLBACK")
                raise StoreError(f"cannot write the store {self.path}: {_why(exc)}") from exc
            finally:
                self._changed()

    @contextmanager
    def _build_cache(self) -> Iterator[None]:
        """A larger page cache for the block (``BUILD_CACHE_KIB``): a build's inserts land all over the indexes
        of a large file (fact uids are hashes), which SQLite's default 2 MB cache reads again and again."""
        conn = self._open()
        before = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute(f"PRAGMA cache_size=-{int(BUILD_CACHE_KIB)}")
        try:
            yield
        finally:
            if self._conn is conn:
                conn.execute(f"PRAGMA cache_size={int(before)}")

    def flush(self) -> None:
        """Inside ``deferred_save``: commit what was written so far and go on in a new transaction."""
        conn = self._conn
        if self._deferred and conn is not None and conn.in_transaction:
            try:
                self._settle_unsettled(conn)
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise StoreError(f"cannot write the store {self.path}: {_why(exc)}") from exc
            self._begin(conn)

    def _settle_unsettled(self, conn: sqlite3.Connection) -> None:
        """The aggregates of the facts whose evidence grew since they were last computed (see ``_Loader``)."""
        if self._unsettled:
            try:
                _Loader(conn).settle(self._unsettled)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot write the store {self.path}: {_why(exc)}") from exc
            self._unsettled.clear()

    def _read(self) -> sqlite3.Connection | None:
        if self._conn is None and not self.path.exists():
            return None
        conn = self._open()
        self._settle_unsettled(conn)  # a read inside a build sees every aggregate up to date
        return conn

    def _changed(self) -> None:
        for graph in (self._graph, self._graph_parts):
            if graph is not None:
                invalidate(graph)
        self._graph = None
        self._graph_parts = None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def save(self) -> None:
        """Create the store file if it is missing (every write is committed: nothing else to save)."""
        self._open()

    # -- writes --------------------------------------------------------------------------------

    def load(self, facts: Iterable[ArticleFacts]) -> None:
        self.load_prepared(prepare_load(facts))

    def load_preparer(self) -> Any:
        return prepare_load

    def load_prepared(self, prepared: list[PreparedArticle]) -> None:
        if not prepared:
            return
        with self._write() as conn:
            # inside a build, the aggregates of facts that only gained evidence wait for the next commit or read
            _Loader(conn).load(prepared, self._unsettled if self._deferred else None)

    def delete_articles(self, uids: Iterable[str]) -> int:
        wanted = sorted(set(uids))
        if not wanted or self._read() is None:
            return 0
        with self._write() as conn:
            return _Loader(conn).delete(wanted)

    def derived(self, kind: str, signature: str) -> dict[str, Any]:
        conn = self._read()
        if conn is None or conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'derived'").fetchone() is None:
            return {}
        rows = conn.execute("SELECT key, value FROM derived WHERE kind = ? AND sig = ?", (kind, signature))
        return {key: json.loads(value) for key, value in rows}

    def remember_derived(self, kind: str, signature: str, values: dict[str, Any]) -> None:
        if not values and self._is_covered(kind, signature):
            return
        with self._write() as conn:
            conn.execute(_DERIVED)  # a store made before the tables existed gets them here
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'derived_terms'").fetchone() is None:
                conn.execute(_DERIVED_TERMS)  # and the terms of the values kept before it existed
                conn.executemany("INSERT OR IGNORE INTO derived_terms(kind, term, key) VALUES (?,?,?)",
                                 ((k, str(term), key) for k, key, value in conn.execute(
                                     "SELECT kind, key, value FROM derived").fetchall()
                                  for term in (json.loads(value) if value.startswith("[") else ())))
            if conn.execute("SELECT 1 FROM derived WHERE kind = ? AND sig <> ? LIMIT 1", (kind, signature)).fetchone():
                conn.execute("DELETE FROM derived WHERE kind = ?", (kind,))
                conn.execute("DELETE FROM derived_terms WHERE kind = ?", (kind,))
                conn.execute("DELETE FROM covered WHERE kind = ?", (kind,))
            conn.executemany("INSERT OR REPLACE INTO derived(kind, key, sig, value) VALUES (?,?,?,?)",
                             ((kind, key, signature, dumps(value)) for key, value in values.items()))
            conn.executemany("INSERT OR IGNORE INTO derived_terms(kind, term, key) VALUES (?,?,?)",
                             ((kind, str(term), key) for key, value in values.items() if isinstance(value, list)
                              for term in value))
            # checked over every company once; from then on the writes of companies keep the marker true
            if conn.execute("SELECT 1 FROM covered WHERE kind = ? AND sig = ?", (kind, signature)).fetchone() is None \
                    and _uncovered(conn, kind, signature) is None:
                conn.execute("INSERT OR IGNORE INTO covered(kind, sig) VALUES (?,?)", (kind, signature))

    def _is_covered(self, kind: str, signature: str) -> bool:
        conn = self._read()
        return conn is None or ("covered" in self._tables(conn) and conn.execute(
            "SELECT 1 FROM covered WHERE kind = ? AND sig = ?", (kind, signature)).fetchone() is not None)

    def derived_of(self, kind: str, signature: str, keys: Iterable[str]) -> dict[str, Any]:
        """``derived`` for these keys only."""
        conn = self._read()
        if conn is None or conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'derived'").fetchone() is None:
            return {}
        rows = conn.execute("SELECT key, value FROM derived WHERE kind = ? AND sig = ? AND key IN "
                            "(SELECT value FROM json_each(?))", (kind, signature, json.dumps(sorted(set(keys)))))
        return {key: json.loads(value) for key, value in rows}

    def company_claimants(self, kind: str, signature: str, names: Iterable[str],
                          outside: set[str]) -> list[StoredNode] | None:
        """Stored companies that an article outside ``outside`` mentions and that may claim one of ``names`` as a
        short name: by their name or an alias (normalised), or by a string of their ``kind`` values cached under
        ``signature``. None when that cache does not cover every stored company (the caller reads them all)."""
        conn = self._read()
        if conn is None:
            return []
        tables = self._tables(conn)
        if not {"derived", "derived_terms", "names"} <= tables:
            return None
        marked = "covered" in tables and conn.execute(
            "SELECT 1 FROM covered WHERE kind = ? AND sig = ?", (kind, signature)).fetchone() is not None
        if not marked and _uncovered(conn, kind, signature) is not None:
            return None
        wanted = sorted(set(names))
        norms = json.dumps(sorted({normalise_name(n) for n in wanted}))
        keys = {key for (key,) in conn.execute(
            "SELECT key FROM names WHERE label = 'Company' AND norm IN (SELECT value FROM json_each(?))", (norms,))}
        keys |= {"Company:" + normalise_name(name) for (name,) in conn.execute(
            "SELECT key FROM derived_terms WHERE kind = ? AND term IN (SELECT value FROM json_each(?))",
            (kind, json.dumps(wanted)))}
        return _companies_mentioned_outside(conn, outside, sorted(keys))

    def clear(self) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM evidence")
            conn.execute("DELETE FROM facts")
            conn.execute("DELETE FROM nodes")
            conn.execute(_NAMES)
            conn.execute("DELETE FROM names")

    # -- reads ---------------------------------------------------------------------------------

    @property
    def graph(self) -> NxGraph:
        """The networkx graph of the store (nodes without article text, facts without evidence)."""
        if self._graph is None:
            import networkx as nx  # 0.2 s of imports that a query does not need (it reads ``_parts``)

            parts = self._parts()
            graph: NxGraph = nx.MultiDiGraph()
            graph._node, graph._succ, graph._adj, graph._pred = parts._node, parts._succ, parts._adj, parts._pred
            graph.graph.update(parts.graph)
            self._graph = graph
        return self._graph

    def _parts(self) -> _GraphParts:
        """The dicts of the graph (``_read_parts``), read once per state of the store."""
        if self._graph_parts is None:
            self._graph_parts = self._read_parts()
        return self._graph_parts

    def _read_parts(self) -> _GraphParts:
        """Every node (but article text), parsed in one ``json.loads``; the edges of a node are read from the
        database the first time a query asks for them (``_Adjacency``), and all of them at once when a query
        walks the whole graph. A query near one county reads that county's facts, not the archive's."""
        conn = self._read()
        if conn is None:
            return _GraphParts({}, {}, {}, {})
        nodes = _Nodes(conn)
        shared = _Facts(conn, nodes)
        succ, pred = _Adjacency(shared, out=True), _Adjacency(shared, out=False)
        shared.sides = (succ, pred)
        return _GraphParts(nodes, succ, pred, {"evidence": self.evidence, "named": self.named})

    def named(self, label: str, norm: str) -> list[str] | None:
        """Keys of the nodes of ``label`` whose normalised name or alias is ``norm`` (None: this store keeps no
        name index, the caller scans): a query resolves its parameters without reading every node."""
        conn = self._read()
        if conn is None:
            return []
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'names'").fetchone() is None:
            return None
        rows = conn.execute("SELECT key FROM names WHERE label = ? AND norm = ? ORDER BY key", (label, norm))
        return [key for (key,) in rows]

    def evidence(self, uid: str) -> list[dict[str, Any]]:
        """The evidence list of the fact ``uid`` (sorted as in ``graph/facts.py``)."""
        conn = self._read()
        if conn is None:
            return []
        return public_evidence(_evidence_rows(conn.execute(
            'SELECT e.article, e.sentence, e.start, e."end", e.rule, e.confidence, e.date, e.extras '
            "FROM evidence e JOIN facts f ON f.id = e.fact WHERE f.uid = ?", (uid,))))

    def article_uids(self, sources: Iterable[str]) -> dict[str, set[str]]:
        wanted = sorted(set(sources))
        found: dict[str, set[str]] = {s: set() for s in wanted}
        conn = self._read()
        if conn is None:
            return found
        for source, uid in conn.execute(
            f"SELECT source, uid FROM nodes WHERE source IN ({','.join('?' * len(wanted))})", wanted
        ) if wanted else ():
            found[source].add(uid)
        return found

    def article_sources(self, sources: Iterable[str], uids: Iterable[str] = ()) -> dict[str, set[str]]:
        conn = self._read()
        if conn is None:
            return {}
        wanted, ids = sorted(set(sources)), sorted(set(uids))
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS wanted_sources(source TEXT PRIMARY KEY)")
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS wanted_uids(uid TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM temp.wanted_sources")
        conn.execute("DELETE FROM temp.wanted_uids")
        conn.executemany("INSERT OR IGNORE INTO temp.wanted_sources VALUES (?)", ((x,) for x in wanted))
        conn.executemany("INSERT OR IGNORE INTO temp.wanted_uids VALUES (?)", ((x,) for x in ids))
        found: dict[str, set[str]] = {}
        # three indexed looks instead of one pass over every article: by the source column, by key, and the
        # articles held by several files (their own index, when the file has it)
        multi = "nodes INDEXED BY nodes_multi_source" if conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'nodes_multi_source'").fetchone() else "nodes"
        for uid, source, many in conn.execute(
            "SELECT uid, source, json_extract(props, '$.sources') FROM nodes WHERE +label = 'Article' AND "
            "source IS NOT NULL AND source IN (SELECT source FROM temp.wanted_sources) "
            "UNION SELECT uid, source, json_extract(props, '$.sources') FROM nodes WHERE "
            "key IN (SELECT 'Article:' || uid FROM temp.wanted_uids) "
            f"UNION SELECT uid, source, json_extract(props, '$.sources') FROM {multi} WHERE {_MULTI_SOURCE} AND "
            "label = 'Article' AND EXISTS (SELECT 1 FROM json_each(props, '$.sources') j WHERE j.value IN "
            "(SELECT source FROM temp.wanted_sources))"
        ):
            held = set(json.loads(many)) if many else set()
            if source:
                held.add(source)
            found[uid] = held
        return found

    def set_article_sources(self, sources: dict[str, list[str]]) -> None:
        if not sources:
            return
        with self._write() as conn:
            for uid, files in sources.items():
                key = NodeRef("Article", uid).key()
                row = conn.execute("SELECT props FROM nodes WHERE key = ?", (key,)).fetchone()
                if row is None or not files:
                    continue
                props = json.loads(row[0])
                props["source"] = files[0]
                if len(files) > 1:
                    props["sources"] = list(files)
                else:
                    props.pop("sources", None)
                conn.execute("UPDATE nodes SET source = ?, props = ? WHERE key = ?", (files[0], dumps(props), key))

    def companies_mentioned_outside(self, articles: set[str]) -> list[StoredNode]:
        """Companies some stored article outside ``articles`` mentions (the build's alias context), by uid."""
        conn = self._read()
        if conn is None:
            return []
        return _companies_mentioned_outside(conn, articles)

    def query_backend(self) -> Any:
        from econgraph.queries.backends import NxBackend  # the layers above the store, imported when asked

        # the networkx graph if it was asked for, else its dicts alone (what the queries read; no networkx import)
        return NxBackend(self._graph if self._graph is not None else self._parts())

    def view_reader(self) -> Any:
        from econgraph.viz import NetworkxReader

        return NetworkxReader(self.graph)

    def stats(self) -> Stats:
        conn = self._read()
        if conn is None:
            return Stats()
        nodes = dict(conn.execute("SELECT label, count(*) FROM nodes GROUP BY label").fetchall())
        counted = "fact_counts" in self._tables(conn)  # kept by triggers since schema 3
        rels = dict(conn.execute("SELECT type, n FROM fact_counts WHERE n > 0" if counted else
                                 "SELECT type, count(*) FROM facts GROUP BY type").fetchall())
        return Stats(
            nodes=dict(sorted(nodes.items(), key=lambda kv: _LABEL_ORDER.get(kv[0], 99))),
            relationships=dict(sorted(rels.items(), key=lambda kv: _TYPE_ORDER.get(kv[0], 99))),
        )

    def iter_nodes(self) -> Iterator[StoredNode]:
        conn = self._read()
        if conn is None:
            return
        rows = []
        for label, uid, props, text in conn.execute("SELECT label, uid, props, text FROM nodes"):
            p = json.loads(props)
            if text is not None:
                p["text"] = text
            rows.append(StoredNode(label, uid, p))
        rows.sort(key=lambda n: (_LABEL_ORDER.get(n.label, 99), n.uid))
        yield from rows

    def iter_relationships(self) -> Iterator[StoredRelationship]:
        conn = self._read()
        if conn is None:
            return
        evidence: dict[int, list[EvidenceRow]] = defaultdict(list)
        for fid, *row in conn.execute(
            'SELECT fact, article, sentence, start, "end", rule, confidence, date, extras FROM evidence'
        ):
            evidence[fid].extend(_evidence_rows([row]))
        rows = []
        for fid, uid, rtype, start, end, props in conn.execute(
            'SELECT id, uid, type, start, "end", props FROM facts'
        ):
            sl, _, su = start.partition(":")
            el, _, eu = end.partition(":")
            rows.append(StoredRelationship(uid, rtype, (sl, su), (el, eu),
                                           fact_properties(uid, json.loads(props), evidence.get(fid, ()))))
        rows.sort(key=lambda r: (_TYPE_ORDER.get(r.type, 99), r.uid))
        yield from rows

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path)!r})"


LEGACY_DEFAULT = Path(".econgraph") / "graph.econgraph"  # where the first format lived by default


def _why(exc: BaseException) -> str:
    return str(getattr(exc, "strerror", None) or exc)


class _GraphParts:
    """The dicts of a networkx ``MultiDiGraph`` read from the store, without networkx: what the canned queries
    read (``_node``, ``_succ``/``_adj``, ``_pred``, ``graph``); ``EmbeddedStore.graph`` wraps the same dicts."""

    def __init__(self, node: dict[str, Any], succ: dict[str, Any], pred: dict[str, Any],
                 graph: dict[str, Any]) -> None:
        self._node, self._succ, self._adj, self._pred, self.graph = node, succ, succ, pred, graph

    def number_of_nodes(self) -> int:
        return len(self._node)


class _Facts:
    """What the two lazy adjacencies of one graph share: the connection, and one key dict per joined pair
    and one attribute dict per fact (networkx's ``_succ[u][v]`` is ``_pred[v][u]``)."""

    def __init__(self, conn: sqlite3.Connection, nodes: dict[str, dict[str, Any]]) -> None:
        self.conn, self.nodes = conn, nodes
        self.pairs: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
        self.sides: tuple[_Adjacency, _Adjacency] | None = None

    def keydict(self, start: str, end: str, uid: str, rtype: str, props: dict[str, Any]) -> dict[str, Any]:
        keydict = self.pairs.get((start, end))
        if keydict is None:
            keydict = self.pairs[(start, end)] = {}
        if uid not in keydict:
            props["uid"] = uid
            props["type"] = rtype
            keydict[uid] = props
        return keydict

    def node(self, key: str, out: bool) -> dict[str, dict[str, Any]]:
        column = "start" if out else '"end"'
        rows = self.conn.execute(f'SELECT uid, type, start, "end", props FROM facts WHERE {column} = ?',
                                 (key,)).fetchall()
        adjacency: dict[str, dict[str, Any]] = {}
        for uid, rtype, start, end, props in rows:
            adjacency[end if out else start] = self.keydict(start, end, uid, rtype, _LazyProps(props))
        known = getattr(self.nodes, "_is", None)
        if known is not None:  # a fact's far end is a stored node: no look-up when a query asks its label
            known.update(dict.fromkeys(adjacency, True))
        return adjacency

    def typed(self, key: str, rtype: str, out: bool) -> dict[str, list[dict[str, Any]]]:
        """Far node -> the ``rtype`` facts of ``key`` (by the start / end index with the type): a county's
        LOCATED_IN companies without its MENTIONS articles. The attribute dicts are those ``node`` gives."""
        column = "start" if out else '"end"'
        rows = self.conn.execute(f'SELECT uid, start, "end", props FROM facts WHERE {column} = ? AND type = ?',
                                 (key, rtype)).fetchall()
        found: dict[str, list[dict[str, Any]]] = {}
        for uid, start, end, props in rows:
            attrs = self.keydict(start, end, uid, rtype, _LazyProps(props))[uid]
            found.setdefault(end if out else start, []).append(attrs)
        known = getattr(self.nodes, "_is", None)
        if known is not None:
            known.update(dict.fromkeys(found, True))
        return found

    def everything(self) -> None:
        """Fill both sides for every node not read yet (one pass over the facts table)."""
        assert self.sides is not None
        succ, pred = self.sides
        if succ.complete and pred.complete:
            return
        rows = self.conn.execute('SELECT uid, type, start, "end" FROM facts ORDER BY id').fetchall()
        props = _json_column(self.conn, "SELECT props FROM facts ORDER BY id")
        out_new: dict[str, dict[str, Any]] = {k: {} for k in self.nodes if not dict.__contains__(succ, k)}
        in_new: dict[str, dict[str, Any]] = {k: {} for k in self.nodes if not dict.__contains__(pred, k)}
        for (uid, rtype, start, end), attrs in zip(rows, props, strict=True):
            keydict = self.keydict(start, end, uid, rtype, attrs)
            if start in out_new:
                out_new[start][end] = keydict
            if end in in_new:
                in_new[end][start] = keydict
        dict.update(succ, out_new)
        dict.update(pred, in_new)
        succ.complete = pred.complete = True


class _ReadOnUse(dict):  # type: ignore[type-arg]
    """A dict read from the store on first use: what walks or compares the whole of it reads all of it
    first (``_fill``); the subclasses say what they can answer without that."""

    def _fill(self) -> None:
        raise NotImplementedError

    def values(self) -> Any:
        self._fill()
        return dict.values(self)

    def items(self) -> Any:
        self._fill()
        return dict.items(self)

    def copy(self) -> dict[Any, Any]:
        self._fill()
        return dict(dict.items(self))

    def __eq__(self, other: object) -> bool:
        self._fill()
        return dict.__eq__(self, other)

    __hash__ = None

    def __repr__(self) -> str:
        self._fill()
        return dict.__repr__(self)

    def __reduce__(self) -> Any:
        self._fill()
        return (dict, (dict(dict.items(self)),))


class _Nodes(_ReadOnUse):
    """networkx's ``_node`` of a graph read from the store, read as far as a query goes: a node's properties on
    first access (or a page of them in one statement, ``prefetch``), whether a key is a node by its index, labels
    from the keys themselves (``Label:uid``); every key only when a caller walks the nodes, every property (one
    ``json.loads``) when it walks their values. A query about one county reads what it touches, not the
    archive's hundreds of thousands of nodes."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__()
        self.conn = conn
        self._all: dict[str, str] | None = None  # every key -> label, in the store's order, once walked
        self._is: dict[str, bool] = {}  # membership answered by the index
        self._count: int | None = None
        self.complete = False
        self.labels = _LabelOf(self)

    def _keys(self) -> dict[str, str]:
        if self._all is None:
            self._all = dict(self.conn.execute("SELECT key, label FROM nodes ORDER BY rowid").fetchall())
        return self._all

    def _has(self, key: object) -> bool:
        if self._all is not None:
            return key in self._all
        if not isinstance(key, str):
            return False
        found = self._is.get(key)
        if found is None:
            found = self._is[key] = dict.__contains__(self, key) or self.conn.execute(
                "SELECT 1 FROM nodes WHERE key = ?", (key,)).fetchone() is not None
        return found

    def __missing__(self, key: str) -> dict[str, Any]:
        row = self.conn.execute("SELECT label, props FROM nodes WHERE key = ?", (key,)).fetchone() \
            if isinstance(key, str) else None
        if row is None:
            raise KeyError(key)
        attrs: dict[str, Any] = json.loads(row[1])
        attrs["label"] = row[0]
        dict.__setitem__(self, key, attrs)
        return attrs

    def with_label(self, label: str) -> list[str]:
        """The keys of the nodes of ``label``, in the store's order (by the label index)."""
        if self._all is not None:
            return [key for key, have in self._all.items() if have == label]
        return [key for (key,) in self.conn.execute("SELECT key FROM nodes WHERE label = ? ORDER BY rowid", (label,))]

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read the properties of these nodes (those not read yet) in one statement."""
        wanted = [k for k in keys if not dict.__contains__(self, k)]
        if self.complete or not wanted:
            return
        # one JSON text for them all: one parse, not one per node
        text = self.conn.execute(
            "SELECT '[' || coalesce(group_concat(json_array(key, label, json(props)), ','), '') || ']' FROM nodes "
            "WHERE key IN (SELECT value FROM json_each(?))", (json.dumps(wanted),)).fetchone()[0]
        for key, label, attrs in json.loads(text):
            attrs["label"] = label
            dict.__setitem__(self, key, attrs)

    def names_of(self, keys: Iterable[str]) -> dict[str, Any]:
        """Key -> ``name`` property of these nodes, without reading their other properties when the store keeps
        a name table (schema 3): what a query sorting thousands of nodes by name needs."""
        wanted = list(keys)
        found: dict[str, Any] = {}
        unread = [k for k in wanted if not dict.__contains__(self, k)]
        if unread and not self.complete and self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'node_names'").fetchone() is not None:
            found.update(self.conn.execute("SELECT key, name FROM node_names WHERE key IN "
                                           "(SELECT value FROM json_each(?))", (json.dumps(unread),)).fetchall())
        rest = [k for k in wanted if k not in found]
        self.prefetch(rest)  # read whole: unnamed, read already, or a store without the table
        for key in rest:
            found[key] = self[key].get("name")
        return {key: found[key] for key in wanted}

    def _fill(self) -> None:
        """Every node's properties, in the store's order (the order a fully read graph has)."""
        if self.complete:
            return
        keys = self._keys()
        props = _json_column(self.conn, "SELECT props FROM nodes ORDER BY rowid")
        held = dict(dict.items(self))
        dict.clear(self)
        for (key, label), attrs in zip(keys.items(), props, strict=True):
            if key in held:
                attrs = held[key]
            else:
                attrs["label"] = label
            dict.__setitem__(self, key, attrs)
        self.complete = True

    def get(self, key: Any, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        return self._has(key)

    def __len__(self) -> int:
        if self._all is None:
            if self._count is None:  # asked by every query (the type index checks it): counted once
                self._count = int(self.conn.execute("SELECT count(*) FROM nodes").fetchone()[0])
            return self._count
        return len(self._all)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def keys(self) -> Any:
        return self._keys().keys()


    def __setitem__(self, key: str, value: dict[str, Any]) -> None:
        self._fill()
        self._keys()[key] = value.get("label", key.partition(":")[0])
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: str) -> None:
        self._fill()
        del self._keys()[key]
        dict.__delitem__(self, key)



    def pop(self, key: str, *default: Any) -> Any:
        self._fill()
        self._keys().pop(key, None)
        return dict.pop(self, key, *default)

    def setdefault(self, key: str, default: Any = None) -> Any:
        if self._has(key):
            return self[key]
        self[key] = default
        return default

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value


class _LabelOf:
    """Node key -> label for a lazily read graph (``TypeIndex.label``): the label is the key's prefix, so a
    query telling a county's companies from its articles reads no node; walking it reads every key."""

    def __init__(self, nodes: _Nodes) -> None:
        self.nodes = nodes

    def __getitem__(self, key: str) -> str:
        if not self.nodes._has(key):
            raise KeyError(key)
        return key.partition(":")[0]

    def get(self, key: str, default: Any = None) -> Any:
        return key.partition(":")[0] if self.nodes._has(key) else default

    def __contains__(self, key: object) -> bool:
        return self.nodes._has(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.nodes._keys())

    def __len__(self) -> int:
        return len(self.nodes)

    def items(self) -> Any:
        return self.nodes._keys().items()


class _LazyProps(_ReadOnUse):
    """A fact's properties, parsed from their JSON on first use: a walk over the graph (shortest-path,
    neighbourhoods) reads only ``type`` and ``uid``, which are set without parsing."""

    __slots__ = ("_raw",)

    def __init__(self, raw: str) -> None:
        super().__init__()
        self._raw: str | None = raw

    def _fill(self) -> None:
        raw = self._raw
        if raw is not None:
            self._raw = None
            known = dict(dict.items(self))
            dict.update(self, json.loads(raw))
            dict.update(self, known)  # uid and type, set by the reader, win

    def __getitem__(self, key: Any) -> Any:
        if self._raw is not None and not (key in ("uid", "type") and dict.__contains__(self, key)):
            self._fill()
        return dict.__getitem__(self, key)

    def get(self, key: Any, default: Any = None) -> Any:
        if self._raw is not None and not (key in ("uid", "type") and dict.__contains__(self, key)):
            self._fill()
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        self._fill()
        return dict.__contains__(self, key)

    def __iter__(self) -> Iterator[Any]:
        self._fill()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._fill()
        return dict.__len__(self)


    def keys(self) -> Any:
        self._fill()
        return dict.keys(self)



    def setdefault(self, key: Any, default: Any = None) -> Any:
        self._fill()
        return dict.setdefault(self, key, default)

    def pop(self, key: Any, *default: Any) -> Any:
        self._fill()
        return dict.pop(self, key, *default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._fill()
        dict.update(self, *args, **kwargs)

    def __setitem__(self, key: Any, value: Any) -> None:
        if key not in ("uid", "type"):
            self._fill()
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: Any) -> None:
        self._fill()
        dict.__delitem__(self, key)


class _Adjacency(dict):  # type: ignore[type-arg]
    """networkx's ``_succ`` or ``_pred`` of a graph read from the store, filled one node at a time on first
    access (``graph._succ[key]``, ``.get``), or whole when a caller iterates over it."""

    def __init__(self, facts: _Facts, out: bool) -> None:
        super().__init__()
        self.facts, self.out, self.complete = facts, out, False

    def __missing__(self, key: str) -> dict[str, dict[str, Any]]:
        if key not in self.facts.nodes:
            raise KeyError(key)
        adjacency = self.facts.node(key, self.out)
        dict.__setitem__(self, key, adjacency)
        return adjacency

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def typed(self, key: str, rtype: str) -> dict[str, list[dict[str, Any]]] | None:
        """Far node -> ``rtype`` edges of ``key``, read by type (``_Facts.typed``); None when the node's whole
        adjacency is read already (split that) or ``key`` is no node."""
        if dict.__contains__(self, key) or key not in self.facts.nodes:
            return None
        return self.facts.typed(key, rtype, self.out)

    def __contains__(self, key: object) -> bool:
        return key in self.facts.nodes

    def __len__(self) -> int:
        return len(self.facts.nodes)

    def __iter__(self) -> Iterator[str]:
        self.facts.everything()
        return dict.__iter__(self)

    def keys(self) -> Any:
        self.facts.everything()
        return dict.keys(self)

    def values(self) -> Any:
        self.facts.everything()
        return dict.values(self)

    def items(self) -> Any:
        self.facts.everything()
        return dict.items(self)


def _json_column(conn: sqlite3.Connection, select: str) -> list[Any]:
    """One JSON column of a query, parsed in one call (the rows' JSON texts joined into one array)."""
    text = conn.execute(f"SELECT '[' || coalesce(group_concat(props, ','), '') || ']' FROM ({select})").fetchone()[0]
    return list(json.loads(text))


def _companies_mentioned_outside(conn: sqlite3.Connection, articles: set[str],
                                 keys: list[str] | None = None) -> list[StoredNode]:
    """Companies (of ``keys``, or all) that a stored article outside ``articles`` mentions, by uid."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS rebuilt(uid TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM temp.rebuilt")
    conn.executemany("INSERT OR IGNORE INTO temp.rebuilt(uid) VALUES (?)", ((a,) for a in articles))
    among = "n.label = 'Company'" if keys is None else "n.key IN (SELECT value FROM json_each(?))"
    rows = conn.execute(
        f"SELECT n.uid, n.props FROM nodes n WHERE {among} AND EXISTS ("
        "SELECT 1 FROM facts f WHERE f.\"end\" = n.key AND f.type = 'MENTIONS' "
        "AND substr(f.start, 9) NOT IN (SELECT uid FROM temp.rebuilt)) ORDER BY n.uid",
        () if keys is None else (json.dumps(keys),)).fetchall()
    return [StoredNode("Company", uid, json.loads(props)) for uid, props in rows]


def _uncovered(conn: sqlite3.Connection, kind: str, signature: str) -> str | None:
    """A stored company whose name has no ``derived`` value of ``kind`` under ``signature`` (one scan of them all)."""
    row = conn.execute(
        "SELECT n.key FROM nodes n WHERE n.label = 'Company' AND NOT EXISTS (SELECT 1 FROM derived d WHERE "
        "d.kind = ? AND d.sig = ? AND d.key = json_extract(n.props, '$.name')) LIMIT 1", (kind, signature)).fetchone()
    return None if row is None else str(row[0])


def _drop_covered(conn: sqlite3.Connection, names: set[str | None]) -> None:
    """Companies of these names were written: drop the ``covered`` markers that no longer hold."""
    if not names or conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'covered'").fetchone() is None:
        return
    named = sorted(n for n in names if isinstance(n, str))
    for kind, sig in conn.execute("SELECT kind, sig FROM covered").fetchall():
        held = conn.execute("SELECT count(*) FROM derived WHERE kind = ? AND sig = ? AND key IN "
                            "(SELECT value FROM json_each(?))", (kind, sig, json.dumps(named))).fetchone()[0]
        if held < len(names):
            conn.execute("DELETE FROM covered WHERE kind = ? AND sig = ?", (kind, sig))


# A load call's articles as the writer takes them (``prepare_load``): per article its uid, its nodes
# ``(key, label, uid, cleaned properties)``, its facts ``(type, start, end, fact uid, evidence row, props)`` with
# ``start``/``end`` as ``(label, uid, key)``, the evidence row the columns of ``evidence`` but ``fact``, ``props``
# the fact's aggregates when this is its only evidence (or None when SQLite could give them back otherwise), and
# its region facts ``(type, start, end, fact uid, rule, confidence)``. Tuples of plain values: cheap to pickle.
_End = tuple[str, str, str]
_OwnFact = tuple[str, _End, _End, str, tuple[Any, ...], str | None]
_RegionFact = tuple[str, _End, _End, str, Any, Any]
PreparedArticle = tuple[str, list[tuple[str, str, str, dict[str, Any]]], list[_OwnFact], list[_RegionFact]]


def prepare_load(facts: Iterable[ArticleFacts]) -> list[PreparedArticle]:
    """What ``load`` computes from the facts alone, without the store: one facts object per article (the last
    given), node properties cleaned, facts keyed and hashed, evidence rows and each fact's aggregates as if this
    were its only evidence. Pure, so a build runs it in a worker process while the main process writes."""
    out: list[PreparedArticle] = []
    for item in last_per_article(facts):
        nodes = []
        for node in (item.article, *item.nodes):
            key = f"{node.label}:{node.uid}"
            nodes.append((key, node.label, node.uid, clean_props({**node.props, "uid": node.uid}, key)))
        own_st, region_st = statements(item)
        own: list[_OwnFact] = []
        for st in own_st.values():
            start, end = _end(st.start), _end(st.end)
            ev = st.evidence
            extras = clean_props(ev.extras, f"relationship {st.rtype}")
            row = (ev.article, ev.sentence, ev.start, ev.end, ev.rule, ev.confidence, ev.date,
                   dumps(extras) if extras else None)
            own.append((st.rtype, start, end, fact_uid(st.rtype, start[2], end[2]), row, _single(ev, extras)))
        region: list[_RegionFact] = [
            (st.rtype, _end(st.start), _end(st.end), fact_uid(st.rtype, _end(st.start)[2], _end(st.end)[2]),
             st.evidence.rule, st.evidence.confidence)
            for st in region_st.values()]
        out.append((item.article.uid, nodes, own, region))
    return out


def _end(ref: tuple[str, str]) -> _End:
    return (ref[0], ref[1], f"{ref[0]}:{ref[1]}")


def _single(ev: EvidenceRow, extras: dict[str, Any]) -> str | None:
    """The aggregates of a fact whose only evidence is ``ev``, as ``_settle`` computes them from the row read back
    (``_evidence_rows``); None when the row may not read back as it was given (SQLite's column affinity turns an
    integer confidence into a float, a number rule into text; JSON turns non-text keys into text)."""
    if (type(ev.confidence) is not float or type(ev.rule) is not str or type(ev.article) is not str
            or type(ev.date) is not str or not all(type(k) is str for k in extras)):
        return None
    return dumps(aggregate([EvidenceRow(ev.article, ev.sentence, ev.start, ev.end, ev.rule, ev.confidence,
                                        ev.date, extras)]))


def _evidence_rows(rows: Iterable[Any]) -> list[EvidenceRow]:
    return [EvidenceRow(a, s, st, en, r, c, d or "", json.loads(x) if x else {})
            for a, s, st, en, r, c, d, x in rows]


class _Loader:
    """The writes of one transaction: nodes merged, each article's evidence replaced, facts re-aggregated."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.touched_facts: set[int] = set()
        self.dropped_facts: set[int] = set()  # facts that lost an article's evidence in this call
        self.ends: set[str] = set()  # endpoints of facts that may disappear: orphan candidates
        self.loaded: set[str] = set()
        self.present: set[str] = set()  # node keys known to be stored (this transaction)
        self.merged: dict[str, dict[str, Any]] = {}  # node key -> merged properties, written by _write_nodes
        self.labels: dict[str, tuple[str, str]] = {}
        self.fact_ids: dict[tuple[str, str, str], int] = {}
        # facts created in this call with one piece of evidence, their aggregates written with them (no settling)
        self.fresh: set[int] = set()
        self._ensure_names()

    def _drop_evidence(self, article: str) -> None:
        rows = self.conn.execute("SELECT fact FROM evidence WHERE article = ?", (article,)).fetchall()
        if rows:
            self.touched_facts.update(f for (f,) in rows)
            self.dropped_facts.update(f for (f,) in rows)
            self.conn.execute("DELETE FROM evidence WHERE article = ?", (article,))

    def _merge_node(self, key: str, label: str, uid: str, new: dict[str, Any]) -> str:
        """The merge rule, node by node in arrival order, on values held for the whole call (read once,
        written once by ``_write_nodes``: a county named by every article of a call is one row write)."""
        old = self.merged.get(key)
        if old is None:
            row = self.conn.execute("SELECT props, text FROM nodes WHERE key = ?", (key,)).fetchone()
            if row is not None:
                old = json.loads(row[0])
                if row[1] is not None:
                    old["text"] = row[1]
        self.merged[key] = merge_node_props(old, new)
        self.labels[key] = (label, uid)
        self.present.add(key)
        return key

    def _write_nodes(self) -> None:
        rows = []
        names: set[tuple[str, str, str]] = set()
        companies: set[str | None] = set()
        for key, merged in self.merged.items():
            label, uid = self.labels[key]
            merged = dict(merged)
            text = merged.pop("text", None) if label == "Article" else None
            source = merged.get("source") if label == "Article" else None
            rows.append((key, label, uid, source, dumps(merged), text))
            names |= _name_rows(key, label, merged)
            if label == "Company":
                companies.add(merged.get("name"))
        self.conn.executemany(
            "INSERT OR REPLACE INTO nodes(key, label, uid, source, props, text) VALUES (?,?,?,?,?,?)", rows)
        self.conn.executemany("DELETE FROM names WHERE key = ?", ((key,) for key in self.merged))
        self.conn.executemany("INSERT OR IGNORE INTO names(label, norm, key) VALUES (?,?,?)", sorted(names))
        _drop_covered(self.conn, companies)
        self.merged.clear()

    def _ensure_names(self) -> None:
        """The name index of a file made before it existed: created and filled from every node, once."""
        conn = self.conn
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'names'").fetchone() is not None:
            return
        conn.execute(_NAMES)
        conn.execute(_NAMES_BY_KEY)
        rows: set[tuple[str, str, str]] = set()
        for key, label, props in conn.execute("SELECT key, label, props FROM nodes"):
            rows |= _name_rows(key, label, json.loads(props))
        conn.executemany("INSERT OR IGNORE INTO names(label, norm, key) VALUES (?,?,?)", sorted(rows))

    def _ensure(self, end: _End) -> str:
        label, uid, key = end
        if key not in self.present:
            added = self.conn.execute("INSERT OR IGNORE INTO nodes(key, label, uid, props) VALUES (?,?,?,?)",
                                      (key, label, uid, dumps({"uid": uid}))).rowcount
            if added and label == "Company":
                _drop_covered(self.conn, {None})  # a company without a name: no marker holds
            self.present.add(key)
        return key

    def _fact(self, rtype: str, start: str, end: str, uid: str, single: str | None = None) -> int:
        """The id of fact ``uid``, created if new. ``single``: its aggregates if this call's evidence is its only
        one, written with it (``fresh``) until a second piece of evidence comes."""
        key = (rtype, start, end)
        fid = self.fact_ids.get(key)
        if fid is None:
            row = self.conn.execute("SELECT id FROM facts WHERE uid = ?", (uid,)).fetchone()
            if row is not None:
                fid = row[0]
            else:
                cur = self.conn.execute('INSERT INTO facts(uid, type, start, "end", props) VALUES (?,?,?,?,?)',
                                        (uid, rtype, start, end, single or "{}"))
                fid = int(cur.lastrowid or 0)
                if single is not None:
                    self.fresh.add(fid)
            self.fact_ids[key] = fid
        else:
            self.fresh.discard(fid)
        return fid

    def _region_props(self, fid: int) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT region, props FROM facts WHERE id = ?", (fid,)).fetchone()
        return json.loads(row[1]) if row is not None and row[0] else None

    def load(self, items: list[PreparedArticle], unsettled: set[int] | None = None) -> None:
        """Write ``items``. With ``unsettled`` (a build's one transaction), the facts that only gained evidence
        in this call are added to it instead of being re-aggregated now: their aggregates are a function of
        their evidence alone and are computed once before the transaction commits or is read (``settle``).
        Facts that lost evidence are settled now, as they may go and take orphans with them."""
        conn = self.conn
        touched = self.touched_facts
        for article, nodes, own, region in items:
            self._drop_evidence(article)
            for key, label, uid, props in nodes:
                self.loaded.add(self._merge_node(key, label, uid, props))
            rows = []
            for rtype, start_end, end_end, fuid, row, single in own:
                start, end = self._ensure(start_end), self._ensure(end_end)
                fid = self._fact(rtype, start, end, fuid, single)
                rows.append((fid, *row))
                touched.add(fid)
            # one article's evidence (one row per fact: the article's statements are one per fact)
            conn.executemany(
                'INSERT OR REPLACE INTO evidence(fact, article, sentence, start, "end", rule, confidence, date, '
                "extras) VALUES (?,?,?,?,?,?,?,?,?)", rows)
            for rtype, start_end, end_end, fuid, rule, conf in region:
                start, end = self._ensure(start_end), self._ensure(end_end)
                fid = self._fact(rtype, start, end, fuid)
                old = self._region_props(fid)
                rules = {rule, *((old or {}).get("rules") or ())}
                confidence = max(conf, (old or {}).get("confidence", conf))
                new = region_props(rules, confidence)
                if new != old:
                    conn.execute("UPDATE facts SET region = 1, props = ? WHERE id = ?", (dumps(new), fid))
        self._write_nodes()
        # new facts with one piece of evidence hold their aggregates already
        touched -= self.fresh
        if unsettled is not None:
            grown = self.touched_facts - self.dropped_facts
            unsettled |= grown
            self.touched_facts -= grown
            unsettled -= self.touched_facts  # settled now
        self._settle()

    def settle(self, facts: Iterable[int]) -> None:
        """Re-aggregate these facts (those of them still stored)."""
        self.touched_facts.update(facts)
        self._settle()

    def delete(self, uids: list[str]) -> int:
        removed = 0
        for uid in uids:
            self._drop_evidence(uid)
            key = NodeRef("Article", uid).key()
            self.conn.execute("DELETE FROM names WHERE key = ?", (key,))
            if self.conn.execute("DELETE FROM nodes WHERE key = ?", (key,)).rowcount:
                removed += 1
                for fid, start, end in self.conn.execute(
                    'SELECT id, start, "end" FROM facts WHERE start = ? OR "end" = ?', (key, key)
                ).fetchall():
                    self.conn.execute("DELETE FROM evidence WHERE fact = ?", (fid,))
                    self.conn.execute("DELETE FROM facts WHERE id = ?", (fid,))
                    self.ends.update((start, end))
        self.ends.discard("")
        self._settle()
        return removed

    def _settle(self) -> None:
        """Re-aggregate the facts whose evidence changed; drop those left without any; collect orphans."""
        conn = self.conn
        for fid in sorted(self.touched_facts):
            row = conn.execute('SELECT region, start, "end", props FROM facts WHERE id = ?', (fid,)).fetchone()
            if row is None or row[0]:
                continue
            evidence = _evidence_rows(conn.execute(
                'SELECT article, sentence, start, "end", rule, confidence, date, extras FROM evidence WHERE fact = ?',
                (fid,)))
            if not evidence:
                conn.execute("DELETE FROM facts WHERE id = ?", (fid,))
                self.ends.update((row[1], row[2]))
                continue
            props = dumps(aggregate(evidence))
            if props != row[3]:
                conn.execute("UPDATE facts SET props = ? WHERE id = ?", (props, fid))
        self._collect_orphans()

    def _collect_orphans(self) -> None:
        """Remove the nodes that only the dropped facts tied to the graph. A node whose only ties are its own
        region facts (an industry's PART_OF link into the taxonomy) goes with them, and its parent becomes a
        candidate in turn: the graph is then what a clean build of the remaining articles gives."""
        conn = self.conn
        pending = sorted(self.ends - self.loaded)
        while pending:
            key = pending.pop()
            if key.startswith("Article:") or key in self.loaded:
                continue
            held = conn.execute('SELECT 1 FROM facts WHERE (start = ? AND region = 0) OR "end" = ? LIMIT 1',
                                (key, key)).fetchone()
            if held is not None:
                continue
            for fid, end in conn.execute('SELECT id, "end" FROM facts WHERE start = ?', (key,)).fetchall():
                conn.execute("DELETE FROM facts WHERE id = ?", (fid,))
                pending.append(end)
            conn.execute("DELETE FROM nodes WHERE key = ?", (key,))
            conn.execute("DELETE FROM names WHERE key = ?", (key,))
