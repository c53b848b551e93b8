"""The Neo4j store: batched ``UNWIND $rows …`` statements, two transactions per batch.

Labels and relationship types cannot be parameters, so rows are grouped by label and by
(type, start label, end label) — every MATCH/MERGE names its label and uses the uid constraint —
and the fixed names from ``graph/schema.py`` are written into the query text; every value is a
parameter.

How a load runs (``load``): articles are cut into batches of whole articles. For each batch,
1. a helper thread builds the rows (pure Python) while the server writes the previous batch;
   relationships become positional rows (``_RelGroup``), their property names written once into
   the statement;
2. the calling thread MERGEs the batch's nodes in one transaction (the *node* transaction), which
   returns their internal ids; node transactions run one after another, in input order, so the
   merge rule for names and aliases sees every earlier batch. Nodes that an earlier batch of the
   same load wrote, and that the merge rule would leave as they are, are not sent again
   (``_reuse``). For the batch's articles that were stored before, the same transaction finds
   their stored relationships (by the indexed ``article`` property), keeps those the new facts
   repeat exactly and deletes the others;
3. the batch's remaining relationships are CREATEd between the ids from step 2 by one of
   ``writers`` threads in a second transaction (the *relationship* transaction).
Relationship transactions of different batches touch different articles' relationships, so two
of them (and the next node transaction) run at the same time on the server's cores. Measured in
``bench/bench_neo4j_load.py``: this is about twice the rate of one transaction per batch. The
cyclic garbage collector is paused for the load (see ``load``).

Why it stays idempotent and safe:
- A relationship is identified by (type, start, end, article), which its uid hashes; the uid is
  derived on reading, not stored. Rows are de-duplicated by that key in Python, an article is in
  exactly one batch, its stored relationships that differ are deleted (and the identical ones left
  out of the CREATE) before its relationship transaction starts, so CREATE never duplicates. (A
  relationship whose evidence names an article outside its batch — not allowed by the contract —
  is MERGEd by endpoints and article in the node transaction instead.)
- A node transaction only SETs a node's properties when one of them changes, so the nodes shared
  by many batches (counties, industries) are not locked by it; relationship transactions lock
  their endpoints at commit. If the server still reports a deadlock, the driver retries the
  transaction as a whole (each transaction function is re-runnable).
- A load is not one transaction: between a batch's node transaction and its relationship
  transaction, a reader can see its articles with only their kept relationships. An interrupted
  load can leave the last batches that way; re-running the load completes them (the article's
  stored relationships are found through the indexed ``article``, the identical ones kept), and
  the result equals a clean load.
- Nodes are merged without reading them back first: the MERGE compares the stored name and
  aliases with the batch's own fold by equality and settles the contract's rule in Cypher when
  equality decides it (a new node, or nothing new); otherwise it returns the stored values and
  Python applies ``merge_node_props`` (Cypher's string order is never relied on).
- Internal ids (``id(n)``) are used only inside one load, between the node transaction that
  returned them and the relationship transaction that uses them; nodes are not deleted in
  between (orphans are collected after the last relationship transaction).
- Two processes loading the same article at the same moment are not supported, as with the
  embedded store.
- Load statements start with ``CYPHER replan=skip``: their plans (index seeks by uid, seeks by
  id) do not depend on the graph's size, and a load changes the size enough to make the server
  re-plan every statement of the first batches (measured: 40–130 ms per statement). The
  replacement's lookup is the exception: it is planned normally and forced to *seek* the article
  index (``USING INDEX SEEK``); with a plain ``USING INDEX`` hint some plans scanned the whole
  index per article (measured: reloads of the benchmark graph took 15-34 s instead of 2.6-3.7 s).
"""

from __future__ import annotations

import gc
import logging
import os
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from econgraph.graph.cypher import quote_name
from econgraph.graph.merge import clean_props, last_per_article, merge_node_props
from econgraph.graph.model import EVIDENCE_KEYS, KEY_SEP, ArticleFacts, relationship_key, relationship_uid
from econgraph.graph.schema import CONSTRAINTS, LABELS, REL_TYPES
from econgraph.graph.store import GraphStore, Stats, StoredNode, StoredRelationship

from econgraph.config import Neo4jSettings, neo4j_settings
from econgraph.errors import StoreError

# Relationship lookups by evidence article (replacing an article's facts) and articles by source.
INDEXES: tuple[str, ...] = tuple(
    f"CREATE INDEX {t.lower()}_article IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.article)" for t in REL_TYPES
) + ("CREATE INDEX article_source IF NOT EXISTS FOR (n:Article) ON (n.source)",)

# The driver logs retries and connection failures as warnings; with no handler of its own, Python
# would print them on stderr before econgraph's one ``Error:`` line. They still reach any handler
# the application installs (propagation is left on).
logging.getLogger("neo4j").addHandler(logging.NullHandler())

DEFAULT_BATCH = 20_000  # graph elements per batch
DEFAULT_WRITERS = 2  # relationship transactions in flight at once (measured best on 2 cores)

NodeKey = tuple[str, str]  # (label, uid)


class Neo4jStore(GraphStore):
    articles_per_load = 4000  # ≈ 6 batches of the default size: the batches of one call overlap

    def __init__(
        self, settings: Neo4jSettings | None = None, batch_size: int = DEFAULT_BATCH, writers: int = DEFAULT_WRITERS
    ) -> None:
        from neo4j import GraphDatabase

        if batch_size < 1 or writers < 1:
            raise ValueError("batch_size and writers must be at least 1")
        self.settings = settings or neo4j_settings()
        self.batch_size = batch_size
        self.writers = writers
        self.database = self.settings.database
        try:
            self.driver = GraphDatabase.driver(
                self.settings.uri, auth=self.settings.auth, connection_timeout=10.0,
                # how long managed transactions retry transient errors (with backoff) before failing
                max_transaction_retry_time=float(os.environ.get("ECONGRAPH_NEO4J_RETRY_SECONDS", "120")),
                notifications_min_severity="OFF",  # e.g. "label does not exist" on an empty graph is no error
            )
            self.driver.verify_connectivity()
        except Exception as exc:  # driver errors, bad URIs, refused connections
            raise self._error("cannot connect to Neo4j", exc) from None
        try:
            self._ensure_schema()
        except Exception as exc:
            self.driver.close()
            raise self._error("cannot create the constraints and indexes", exc) from None

    # -- plumbing ------------------------------------------------------------------------------

    def _error(self, what: str, exc: BaseException) -> StoreError:
        """A StoreError naming the server and user, never the password."""
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        detail = self.settings.scrub(detail)
        hint = "check NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD (environment or .env)"
        return StoreError(f"{what} at {self.settings.display_uri} as {self.settings.username}: {detail}", hint)

    def _session(self, write: bool = False) -> Any:
        import neo4j

        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self.driver.session(database=self.database, default_access_mode=mode)

    def _ensure_schema(self) -> None:
        with self._session(write=True) as session:
            for statement in (*CONSTRAINTS, *INDEXES):
                session.run(statement).consume()
            session.run("CALL db.awaitIndexes(300)").consume()

    def _write(self, fn: Any, *args: Any) -> Any:
        from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

        try:
            with self._session(write=True) as session:
                return session.execute_write(fn, *args)
        except (ServiceUnavailable, SessionExpired, Neo4jError) as exc:
            raise self._error("write failed", exc) from None

    def execute(self, cypher: str, params: dict[str, Any] | None = None, write: bool = False) -> list[dict[str, Any]]:
        """Run one query in a managed (retried) transaction; records as dicts."""
        from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

        def work(tx: Any) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(cypher, params or {})]

        try:
            with self._session(write=write) as session:
                records: list[dict[str, Any]] = (session.execute_write(work) if write
                                                 else session.execute_read(work))
                return records
        except (ServiceUnavailable, SessionExpired, Neo4jError) as exc:
            raise self._error("query failed", exc) from None

    # -- ad-hoc Cypher (``econgraph cypher``) ---------------------------------------------------

    def _cypher_error(self, exc: BaseException) -> Exception:
        """A mistake in the user's Cypher is a plain usage error; anything else names the server."""
        from neo4j.exceptions import AuthError, ClientError

        from econgraph.errors import QueryError

        if isinstance(exc, ClientError) and not isinstance(exc, AuthError):
            message = str(getattr(exc, "message", None) or exc).strip()
            first = message.splitlines()[0] if message else type(exc).__name__
            return QueryError(f"Cypher: {self.settings.scrub(first)}")
        return self._error("query failed", exc)

    def explain(self, cypher: str, params: dict[str, Any] | None = None) -> tuple[str, dict[str, Any] | None]:
        """Plan ``cypher`` with ``EXPLAIN`` in a READ session (nothing runs): its query type
        (``r``, ``rw``, ``w``, ``s``) and its plan (a dict of ``operatorType``, ``args``, ``children``)."""
        import re

        from neo4j.exceptions import DriverError, Neo4jError

        text = re.sub(r"^\s*(EXPLAIN|PROFILE)\b", "", cypher, count=1, flags=re.IGNORECASE)
        prefix = "EXPLAIN "
        try:
            with self._session(write=False) as session:
                summary = session.run(prefix + text, params or {}).consume()
        except (Neo4jError, DriverError) as exc:
            error = self._cypher_error(exc)
            if text == cypher:  # positions in the message count the prefix: give them in the user's text
                def shift(m: re.Match[str]) -> str:
                    line, column, offset = int(m.group(1)), int(m.group(2)), int(m.group(3))
                    column -= len(prefix) if line == 1 else 0
                    return f"(line {line}, column {max(column, 1)} (offset: {max(offset - len(prefix), 0)}))"

                error.args = (re.sub(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)", shift, str(error.args[0])),
                              *error.args[1:])
            raise error from None
        return str(summary.query_type or ""), summary.plan

    def run_adhoc(self, cypher: str, params: dict[str, Any] | None = None, write: bool = False) -> list[dict[str, Any]]:
        """Run user Cypher in a managed transaction (READ unless ``write``); nodes, relationships and
        paths come back as values that print as names and types (``graph_value``)."""
        from neo4j.exceptions import DriverError, Neo4jError

        def work(tx: Any) -> list[dict[str, Any]]:
            return [{key: graph_value(value) for key, value in record.items()} for record in tx.run(cypher, params or {})]

        try:
            with self._session(write=write) as session:
                records: list[dict[str, Any]] = (session.execute_write(work) if write
                                                 else session.execute_read(work))
                return records
        except (Neo4jError, DriverError) as exc:
            raise self._cypher_error(exc) from None

    def close(self) -> None:
        self.driver.close()

    def __repr__(self) -> str:
        return f"Neo4jStore({self.settings.display_uri!r})"

    # -- writes --------------------------------------------------------------------------------

    def load(self, facts: Iterable[ArticleFacts]) -> None:
        # The cyclic garbage collector is paused while loading: a load allocates a few objects per
        # graph element and frees almost none, so every collection would walk all the facts and rows
        # again for nothing (measured: 0.5 s of the client's 2.0 s CPU per 55k elements). It comes
        # back on when the load ends, however it ends.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._load(facts)
        finally:
            if collecting:
                gc.enable()

    def _load(self, facts: Iterable[ArticleFacts]) -> None:
        touched: set[NodeKey] = set()
        loaded: set[NodeKey] = set()
        known: dict[NodeKey, _Known] = {}  # nodes written by this load, with their values
        chunks = list(self._chunks(last_per_article(facts)))
        in_flight: deque[Future[None]] = deque()
        prepare = ThreadPoolExecutor(max_workers=1, thread_name_prefix="econgraph-prepare")
        writers = ThreadPoolExecutor(max_workers=self.writers, thread_name_prefix="econgraph-write")
        try:
            pending = prepare.submit(_prepare, chunks[0]) if chunks else None
            for i in range(len(chunks)):
                assert pending is not None
                batch = pending.result()
                pending = prepare.submit(_prepare, chunks[i + 1]) if i + 1 < len(chunks) else None
                loaded |= batch.loaded
                while batch.foreign and in_flight:  # an earlier batch may still create that relationship
                    in_flight.popleft().result()
                reused = _reuse(batch, known)
                placed = self._write(_write_nodes, batch)
                placed.ids.update(reused)
                known.update(placed.states)
                touched |= placed.touched
                while len(in_flight) >= self.writers:  # bounded: at most `writers` batches held in memory
                    in_flight.popleft().result()
                in_flight.append(writers.submit(self._write, _write_relationships, batch, placed))
            while in_flight:
                in_flight.popleft().result()
        finally:
            # on an error, let the transactions already sent finish (each is whole or nothing)
            for future in in_flight:
                future.cancel()
            writers.shutdown(wait=True)
            prepare.shutdown(wait=True, cancel_futures=True)
        self._collect(touched - loaded)

    def _chunks(self, items: list[ArticleFacts]) -> Iterator[list[ArticleFacts]]:
        """Whole articles per batch, about ``batch_size`` graph elements each."""
        batch: list[ArticleFacts] = []
        size = 0
        for item in items:
            batch.append(item)
            size += 1 + len(item.nodes) + len(item.relationships)
            if size >= self.batch_size:
                yield batch
                batch, size = [], 0
        if batch:
            yield batch

    def _collect(self, candidates: Iterable[NodeKey]) -> None:
        """Remove entity nodes that only the replaced facts tied to the graph."""
        by_label: dict[str, list[str]] = defaultdict(list)
        for label, uid in candidates:
            if label != "Article" and label in LABELS:
                by_label[label].append(uid)
        if by_label:
            self._write(_collect_orphans, dict(by_label))

    def delete_articles(self, uids: Iterable[str]) -> int:
        uid_list = sorted(set(uids))
        if not uid_list:
            return 0
        removed: int
        removed, touched = self._write(_delete_articles, uid_list)
        self._collect(touched)
        return removed

    def clear(self) -> None:
        from neo4j.exceptions import Neo4jError, ServiceUnavailable

        try:
            with self._session(write=True) as session:  # CALL … IN TRANSACTIONS needs auto-commit
                for label in LABELS:
                    session.run(
                        f"MATCH (n:{label}) CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS"
                    ).consume()
        except (ServiceUnavailable, Neo4jError) as exc:
            raise self._error("clear failed", exc) from None

    # -- reads ---------------------------------------------------------------------------------

    def article_uids(self, sources: Iterable[str]) -> dict[str, set[str]]:
        wanted = sorted(set(sources))
        found: dict[str, set[str]] = {s: set() for s in wanted}
        rows = self.execute(
            "UNWIND $sources AS s MATCH (a:Article {source: s}) RETURN s AS source, a.uid AS uid",
            {"sources": wanted},
        )
        for row in rows:
            found[row["source"]].add(row["uid"])
        return found

    def article_sources(self, sources: Iterable[str], uids: Iterable[str] = ()) -> dict[str, set[str]]:
        rows = self.execute(
            "UNWIND $sources AS s MATCH (a:Article {source: s}) RETURN a.uid AS uid, a.source AS source, "
            "a.sources AS sources "
            "UNION UNWIND $uids AS u MATCH (a:Article {uid: u}) RETURN a.uid AS uid, a.source AS source, "
            "a.sources AS sources "
            "UNION MATCH (a:Article) WHERE a.sources IS NOT NULL AND any(x IN a.sources WHERE x IN $sources) "
            "RETURN a.uid AS uid, a.source AS source, a.sources AS sources",
            {"sources": sorted(set(sources)), "uids": sorted(set(uids))},
        )
        found: dict[str, set[str]] = {}
        for row in rows:
            held = set(row["sources"] or ()) | ({row["source"]} if row["source"] else set())
            found.setdefault(row["uid"], set()).update(held)
        return found

    def set_article_sources(self, sources: dict[str, list[str]]) -> None:
        rows = [{"uid": uid, "source": files[0], "sources": list(files) if len(files) > 1 else None}
                for uid, files in sorted(sources.items()) if files]
        if rows:
            self._write(_set_article_sources, rows)

    def stats(self) -> Stats:
        nodes: dict[str, int] = {}
        rels: dict[str, int] = {}
        for label in LABELS:
            count = self.execute(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"]
            if count:
                nodes[label] = count
        for rtype in REL_TYPES:
            count = self.execute(f"MATCH ()-[r:{rtype}]->() RETURN count(r) AS c")[0]["c"]
            if count:
                rels[rtype] = count
        return Stats(nodes=nodes, relationships=rels)

    def iter_nodes(self) -> Iterator[StoredNode]:
        for label in LABELS:
            rows = self.execute(f"MATCH (n:{label}) RETURN n.uid AS uid, properties(n) AS props")
            rows.sort(key=lambda r: r["uid"])
            for row in rows:
                yield StoredNode(label, row["uid"], row["props"])

    def iter_relationships(self) -> Iterator[StoredRelationship]:
        for rtype in REL_TYPES:
            # the relationship type anchors the scan; endpoints carry one label each
            rows = self.execute(
                f"MATCH (a)-[r:{rtype}]->(b) RETURN labels(a)[0] AS sl, a.uid AS su, "
                "labels(b)[0] AS el, b.uid AS eu, properties(r) AS props"
            )
            found = []
            for row in rows:  # the uid is derived, not stored (see ``_RelGroup``)
                props = row["props"]
                uid = relationship_uid(rtype, f"{row['sl']}:{row['su']}", f"{row['el']}:{row['eu']}",
                                       str(props.get("article", "")))
                found.append(StoredRelationship(uid, rtype, (row["sl"], row["su"]), (row["el"], row["eu"]),
                                                {**props, "uid": uid}))
            found.sort(key=lambda r: r.uid)
            yield from found


class _Rows(list):  # type: ignore[type-arg]
    """A parameter list whose repr is short: the driver formats every RUN's parameters for its
    DEBUG log even when that log is off (0.25 s of CPU per 55k rows), and rows are data, not log."""

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


class _Map(dict):  # type: ignore[type-arg]
    """A map parameter with a short repr, for the same reason as ``_Rows``."""

    def __repr__(self) -> str:
        return f"<{len(self)} entries>"


class _Batch:
    """One transaction's worth of rows, grouped by label and by (type, start label, end label)."""

    def __init__(self) -> None:
        self.articles: list[str] = []
        self.nodes: dict[str, list[dict[str, Any]]] = {}  # label -> one row per uid (the batch's fold)
        self.raw: dict[NodeKey, list[dict[str, Any]]] = {}  # every incoming props, in arrival order
        self.bare: dict[str, list[str]] = {}  # label -> endpoints no facts of the batch list
        self.rels: list[_RelGroup] = []  # created after the article's stored relationships are replaced
        self.foreign: list[_RelGroup] = []  # evidence from another article: MERGEd by endpoints and article
        self.loaded: set[NodeKey] = set()


class _RelGroup:
    """Relationships of one (type, start label, end label, property names) as positional rows.

    A row is ``[start, end, article, sentence, start, end, rule, confidence, *extras]``, the
    endpoints first as uids, then (in the relationship transaction) as internal ids. Lists instead of
    maps: the property names are written once into the statement instead of once per row, which
    measured 25-30 % less client CPU (packing) and server CPU (unpacking, ``SET +=``) per relationship.

    The uid is not stored: it is a hash of the type, the endpoints and the article, all stored, and
    ``iter_relationships`` derives it. Storing it cost a property record per relationship on the
    benchmark graph (measured without it: wall per load 2.50 s → 2.07 s, server CPU 2.41 s → 2.03 s,
    medians of 6); a stored relationship is matched by what the uid hashes instead (``key``).
    """

    __slots__ = ("rtype", "start", "end", "keys", "rows", "ends")

    def __init__(self, rtype: str, start: str, end: str, extras: tuple[str, ...]) -> None:
        self.rtype, self.start, self.end = rtype, start, end
        self.keys: tuple[str, ...] = EVIDENCE_KEYS[1:] + extras  # property names, in row order from index 2
        self.rows: list[list[Any]] = []
        self.ends: list[tuple[str, str]] = []  # (start uid, end uid) of each row

    def props(self, row: list[Any]) -> dict[str, Any]:
        return {k: v for k, v in zip(self.keys, row[2:], strict=True) if v is not None}

    def key(self, i: int) -> str:
        """Row ``i``'s ``relationship_key`` (what its uid hashes), as ``_REPLACE`` computes it for a stored one."""
        s, e = self.ends[i]
        return relationship_key(self.rtype, f"{self.start}:{s}", f"{self.end}:{e}", self.rows[i][2])

    def place(self, ids: dict[NodeKey, int]) -> None:
        """Endpoints as internal ids (re-runnable: the uids stay in ``ends``)."""
        start, end = self.start, self.end
        for row, (s, e) in zip(self.rows, self.ends, strict=True):
            row[0] = ids[(start, s)]
            row[1] = ids[(end, e)]

    def property_map(self) -> str:
        """``{article: row[2], …}``: names from the schema and the extractor, escaped; values from the row."""
        return "{" + ", ".join(f"{quote_name(k)}: row[{i}]" for i, k in enumerate(self.keys, start=2)) + "}"


_SCALARS = (str, int, float, bool)


def _flat(props: dict[str, Any], where: str) -> dict[str, Any]:
    """``clean_props`` for the common case (only scalars) without building a new dict."""
    for value in props.values():
        if type(value) not in _SCALARS:
            return clean_props(props, where)
    return props


def _prepare(batch: list[ArticleFacts]) -> _Batch:
    """Rows for one transaction, in pure Python (runs in a helper thread while the previous batch writes)."""
    out = _Batch()
    raw = out.raw
    for item in batch:
        out.articles.append(item.article.uid)
        for node in (item.article, *item.nodes):
            key = (node.label, node.uid)
            props = clean_props(node.props, f"{node.label}:{node.uid}")  # the key, without building a NodeRef
            props.pop("uid", None)
            if key in raw:
                raw[key].append(props)
            else:
                raw[key] = [props]
    out.loaded = set(raw)
    _group_relationships(_relationship_rows(batch), out)
    for (label, uid), versions in raw.items():
        out.nodes.setdefault(label, []).append(_node_row(uid, versions))
    return out


_RelRows = dict[tuple[str, ...], tuple[tuple[str, ...], list[Any]]]


def _relationship_rows(batch: list[ArticleFacts]) -> _RelRows:
    """(type, start label, start uid, end label, end uid, article), what the uid hashes -> (extra property
    names, row); the last copy wins, as in the embedded store."""
    evidence = set(EVIDENCE_KEYS)
    extras_of: dict[tuple[str, ...], tuple[str, ...]] = {}  # property names as given -> extras, sorted
    by_key: _RelRows = {}
    for item in batch:
        for rel in item.relationships:
            start, end = rel.start, rel.end
            row = [None, None, *rel.evidence_values()]
            extras: tuple[str, ...] = ()
            if rel.props:  # the evidence fields are typed; only extra properties can need cleaning
                cleaned = _flat(rel.props, f"relationship {rel.type}")
                names = tuple(cleaned)
                found = extras_of.get(names)
                if found is None:
                    found = extras_of[names] = tuple(sorted(k for k in names if k not in evidence))
                extras = found
                row.extend([cleaned[k] for k in extras])
            by_key[(rel.type, start.label, start.uid, end.label, end.uid, row[2])] = (extras, row)
    return by_key


def _group_relationships(by_key: _RelRows, out: _Batch) -> None:
    """Rows grouped by (type, endpoint labels, extras) into ``out.rels`` (the batch's own articles) and
    ``out.foreign``; endpoints the batch does not describe into ``out.bare``."""
    batch_articles = set(out.articles)
    groups: dict[tuple[str, str, str, bool, tuple[str, ...]], _RelGroup] = {}
    loaded_uids: dict[str, set[str]] = defaultdict(set)
    for label, uid in out.raw:
        loaded_uids[label].add(uid)
    bare: dict[str, set[str]] = defaultdict(set)
    for (rtype, sl, su, el, eu, article), (extras, row) in by_key.items():
        gkey = (rtype, sl, el, article in batch_articles, extras)
        group = groups.get(gkey)
        if group is None:
            group = groups[gkey] = _RelGroup(rtype, sl, el, extras)
        group.rows.append(row)
        group.ends.append((su, eu))
        if su not in loaded_uids[sl]:  # a bare node when the facts do not list it
            bare[sl].add(su)
        if eu not in loaded_uids[el]:
            bare[el].add(eu)
    for (_, _, _, own, _), group in groups.items():
        (out.rels if own else out.foreign).append(group)
    for label, uids in bare.items():
        out.bare[label] = sorted(uids)


def _node_row(uid: str, versions: list[dict[str, Any]]) -> dict[str, Any]:
    """The batch's own fold of a node, and what Cypher needs to tell whether the stored values change it."""
    folded: dict[str, Any] | None = None
    for props in versions:
        folded = merge_node_props(folded, props)
    assert folded is not None
    name = folded.pop("name", None)
    aliases = folded.pop("aliases", None)
    row: dict[str, Any] = {"uid": uid, "props": folded, "name": name, "aliases": aliases}
    if len(versions) > 1:
        # an alias dropped because it equalled a name seen earlier in the batch still counts against
        # the stored aliases (the rule folds stored values first)
        seen = {str(a) for props in versions for a in props.get("aliases") or () if a}
        if not seen <= {*(aliases or ()), name}:
            row["check"] = sorted(seen)
    return row


# The node MERGE decides per row, without a read round trip, whether the merge rule can be settled
# by Cypher equality alone:
#   mode 0  nothing stored for name/aliases (a new or bare node): the batch's fold is the answer;
#   mode 1  the stored name is the fold's name and every incoming alias is stored already: the
#           stored name and aliases stay as they are;
#   mode 2  anything else: the row comes back and Python applies ``merge_node_props`` to the stored
#           values (Cypher's string order and Python's are not assumed to agree).
# Other properties: the newest value wins, i.e. ``SET n += props`` in every mode.
# The answer is one record holding a list, not a record per node: records cost the client more
# than the statement costs the server (measured on 1,446 companies: 137 ms → 71 ms per statement;
# 1,000 articles: 107 ms → 79 ms). Node transactions run one after another, so this is wall time.
_NODE_MERGE = """CYPHER replan=skip UNWIND $rows AS row {before}
MERGE (n:{label} {{uid: row.uid}})
WITH n, row, {existed} AS existed, n.name AS oldName, n.aliases AS oldAliases
WITH n, row, existed, oldName, oldAliases,
     CASE
       WHEN oldName IS NULL AND oldAliases IS NULL THEN 0
       WHEN (row.name IS NULL OR row.name = oldName)
            AND (row.aliases IS NULL OR (oldAliases IS NOT NULL
                 AND all(a IN coalesce(row.check, row.aliases) WHERE a = oldName OR a IN oldAliases)))
       THEN 1
       ELSE 2
     END AS mode
FOREACH (_ IN CASE WHEN any(k IN keys(row.props) WHERE NOT coalesce(n[k] = row.props[k], false)) THEN [1] ELSE [] END |
         SET n += row.props)
FOREACH (_ IN CASE WHEN mode = 0 THEN [1] ELSE [] END | SET n.name = row.name, n.aliases = row.aliases)
RETURN collect([n.uid, id(n), existed, mode, CASE WHEN mode = 2 THEN oldName END,
                CASE WHEN mode = 2 THEN oldAliases END]) AS placed"""


def _node_merge(label: str) -> str:
    if label == "Article":  # whether the article was stored before: only then can it have facts to replace
        return _NODE_MERGE.format(label=label, before="OPTIONAL MATCH (old:Article {uid: row.uid})",
                                  existed="old IS NOT NULL")
    return _NODE_MERGE.format(label=label, before="", existed="false")


class _Placed:
    """What a node transaction hands to its relationship transaction."""

    def __init__(self) -> None:
        self.ids: dict[NodeKey, int] = {}  # internal id of every endpoint of the batch
        self.stored_articles: list[str] = []  # articles of the batch stored before: their facts are replaced
        self.kept: set[str] = set()  # keys of their stored relationships that the new facts repeat
        self.touched: set[NodeKey] = set()  # endpoints of their stored relationships that were deleted
        self.states: dict[NodeKey, _Known] = {}  # nodes whose stored name, aliases and props are now known


class _Known:
    """A node this load wrote, with the values it is known to hold now (see ``_reuse``)."""

    __slots__ = ("id", "name", "aliases", "props")

    def __init__(self, id_: int, name: Any, aliases: Any, props: dict[str, Any]) -> None:
        self.id, self.name, self.aliases, self.props = id_, name, aliases, props

    def unchanged_by(self, versions: list[dict[str, Any]]) -> bool:
        """Whether merging ``versions`` into the node, as the contract's rule does, changes nothing."""
        merged = _fold_onto(self.name, self.aliases, versions)
        if merged.pop("name", None) != self.name or merged.pop("aliases", None) != self.aliases:
            return False
        props = self.props
        return all(key in props and props[key] == value for key, value in merged.items())


def _fold_onto(name: Any, aliases: Any, versions: list[dict[str, Any]]) -> dict[str, Any]:
    """A stored name and aliases with ``versions`` merged in by the contract's rule, in order."""
    merged: dict[str, Any] = {k: v for k, v in (("name", name), ("aliases", aliases)) if v is not None}
    for props in versions:
        merged = merge_node_props(merged, props)
    return merged


def _reuse(batch: _Batch, known: dict[NodeKey, _Known]) -> dict[NodeKey, int]:
    """Take out of the batch the nodes an earlier batch of this load wrote and that merging this
    batch's versions would not change, and return their ids.

    Companies, counties and industries recur across the batches of a load; without this each batch
    MERGEs them again (measured on the benchmark graph: 9,620 node rows for 5,164 nodes). Only
    nodes whose values are known exactly qualify: those that were new, or that Python merged.
    Articles never do: each is in one batch, and its MERGE tells whether it was stored before.
    """
    ids: dict[NodeKey, int] = {}
    if not known:
        return ids
    for label, rows in batch.nodes.items():
        if label == "Article":
            continue
        keep = []
        for row in rows:
            key = (label, row["uid"])
            hit = known.get(key)
            if hit is not None and hit.unchanged_by(batch.raw[key]):
                ids[key] = hit.id
            else:
                keep.append(row)
        rows[:] = keep
    for label, uids in batch.bare.items():
        keep_uids = []
        for uid in uids:
            hit = known.get((label, uid))
            if hit is not None:
                ids[(label, uid)] = hit.id
            else:
                keep_uids.append(uid)
        uids[:] = keep_uids
    return ids


def _write_nodes(tx: Any, batch: _Batch) -> _Placed:
    """The batch's nodes (and bare endpoints) in one transaction; re-runnable as a whole."""
    placed = _Placed()
    ids = placed.ids
    for label, rows in batch.nodes.items():
        if not rows:
            continue
        fixes = []
        by_uid = {row["uid"]: row for row in rows} if label != "Article" else {}
        answer = tx.run(_node_merge(label), {"rows": _Rows(rows)}).single()
        for uid, id_, existed, mode, old_name, old_aliases in answer["placed"]:
            key = (label, uid)
            ids[key] = id_
            if existed:
                placed.stored_articles.append(uid)
            if mode == 2:
                merged = _fold_onto(old_name, old_aliases, batch.raw[key])
                fixes.append({"uid": uid, "name": merged.get("name"), "aliases": merged.get("aliases")})
                if by_uid:
                    placed.states[key] = _Known(id_, merged.get("name"), merged.get("aliases"), by_uid[uid]["props"])
            elif mode == 0 and by_uid:
                row = by_uid[uid]
                placed.states[key] = _Known(id_, row["name"], row["aliases"], row["props"])
        if fixes:
            tx.run(
                f"UNWIND $rows AS row MATCH (n:{label} {{uid: row.uid}}) "
                "SET n.name = row.name, n.aliases = row.aliases",
                {"rows": _Rows(fixes)},
            ).consume()
    for label, uids in batch.bare.items():
        if not uids:
            continue
        answer = tx.run(f"CYPHER replan=skip UNWIND $uids AS u MERGE (n:{label} {{uid: u}}) "
                        "RETURN collect([u, id(n)]) AS placed", {"uids": _Rows(uids)}).single()
        for uid, id_ in answer["placed"]:
            ids[(label, uid)] = id_
    if placed.stored_articles:
        # In the node transaction, which runs one at a time, so that the relationship transaction only
        # creates. (Moved here while chasing slow reloads; their cause was a plan that scanned the
        # article index, fixed by ``USING INDEX SEEK`` in ``_REPLACE``.)
        placed.kept, placed.touched = _replace_rels_of(tx, placed.stored_articles, batch.rels)
    for group in batch.foreign:
        # MERGE by endpoints and article has no constraint to lean on, so it runs here, where
        # transactions never overlap
        group.place(ids)
        tx.run(
            f"UNWIND $rows AS row MATCH (a:{group.start}) WHERE id(a) = row[0] MATCH (b:{group.end}) "
            f"WHERE id(b) = row[1] MERGE (a)-[r:{group.rtype} {{article: row[2]}}]->(b) SET r = {group.property_map()}",
            {"rows": _Rows(group.rows)},
        ).consume()
    return placed


# Replacing an article's stored relationships: each one the new facts repeat exactly (the same
# ``relationship_key`` — type, endpoints, article — and the same properties) is kept untouched —
# no write, no lock — and is not created again; every other one is deleted. Re-building unchanged
# files therefore writes nothing.
# The comparison names each property (`{same}` is built by ``_same_props``). Measured on 4,500
# rows: 54-65 ms; the map comparison `$new[r.uid] = properties(r)` took 1.7 s on some runs of a
# server (and 88 ms on others), and returning the stored properties to compare them in Python
# took 3-6 s per reload of the benchmark graph.
_REPLACE = """UNWIND $articles AS art
MATCH (s)-[r:{rtype} {{article: art}}]->(e) USING INDEX SEEK r:{rtype}(article)
WITH s, r, e, type(r) + $sep + labels(s)[0] + ':' + s.uid + $sep + labels(e)[0] + ':' + e.uid + $sep + art AS key
WITH s, r, e, key, $new[key] AS want
WITH s, r, e, key, coalesce({same}, false) AS same
WITH s, r, e, key, same, CASE WHEN same THEN null ELSE [labels(s)[0], s.uid, labels(e)[0], e.uid] END AS ends
FOREACH (_ IN CASE WHEN same THEN [] ELSE [1] END | DELETE r)
RETURN collect(CASE WHEN same THEN key END) AS kept, collect(ends) AS ends"""


def _same_props(keys: Iterable[str]) -> str:
    """Cypher that is true when ``r`` holds exactly the properties of the map ``want``."""
    parts = ["size(keys(r)) = size(keys(want))"]
    for key in sorted(keys):
        k = quote_name(key)
        parts.append(f"coalesce(r.{k} = want.{k}, r.{k} IS NULL AND want.{k} IS NULL)")
    return " AND ".join(parts)


_CREATE = """CYPHER replan=skip UNWIND $rows AS row
MATCH (a) WHERE id(a) = row[0] MATCH (b) WHERE id(b) = row[1]
CREATE (a)-[:{rtype} {props}]->(b)"""


def _replace_rels_of(tx: Any, articles: list[str],
                     groups: list[_RelGroup]) -> tuple[set[str], set[NodeKey]]:
    """Delete the stored relationships of ``articles`` that ``groups`` do not repeat exactly (all
    of them when there are none); the keys of those kept, and the endpoints of those deleted."""
    wanted = set(articles)
    new_by_type: dict[str, _Map] = defaultdict(_Map)
    for group in groups:
        new = new_by_type[group.rtype]
        for i, row in enumerate(group.rows):
            if row[2] in wanted:
                new[group.key(i)] = group.props(row)
    kept: set[str] = set()
    touched: set[NodeKey] = set()
    for rtype in REL_TYPES:
        new = new_by_type.get(rtype) or _Map()
        same = _same_props({key for props in new.values() for key in props}) if new else "false"
        rec = tx.run(_REPLACE.format(rtype=rtype, same=same),
                     {"articles": _Rows(articles), "new": new, "sep": KEY_SEP}).single()
        if rec is not None:
            kept.update(rec["kept"])
            for start_label, start_uid, end_label, end_uid in rec["ends"]:
                touched.add((start_label, start_uid))
                touched.add((end_label, end_uid))
    return kept, touched


def _write_relationships(tx: Any, batch: _Batch, placed: _Placed) -> None:
    """Create the batch's relationships that are not stored yet, in one transaction; re-runnable as a whole."""
    kept = placed.kept
    for group in batch.rels:
        group.place(placed.ids)  # a seek by internal id is cheaper than a second and third index lookup by uid
        rows = [row for i, row in enumerate(group.rows) if group.key(i) not in kept] if kept else group.rows
        if rows:
            tx.run(_CREATE.format(rtype=group.rtype, props=group.property_map()), {"rows": _Rows(rows)}).consume()


def _delete_articles(tx: Any, uids: list[str]) -> tuple[int, set[NodeKey]]:
    _, touched = _replace_rels_of(tx, uids, [])
    removed = 0
    for rec in tx.run(
        "UNWIND $uids AS u MATCH (a:Article {uid: u}) "
        "OPTIONAL MATCH (a)-[]-(x) WITH a, collect(DISTINCT [labels(x)[0], x.uid]) AS around "
        "DETACH DELETE a RETURN around",
        {"uids": uids},
    ):
        removed += 1
        touched.update((label, uid) for label, uid in rec["around"] if label is not None)
    return removed, touched


class GraphNode(dict):  # type: ignore[type-arg]
    """A node from ad-hoc Cypher: a dict (``labels``, ``properties``) for JSON, ``name (Label)`` as text."""

    def __str__(self) -> str:
        props = self["properties"]
        name = props.get("name") or props.get("title") or props.get("uid") or ""
        return f"{name} ({':'.join(self['labels'])})" if name else f"({':'.join(self['labels'])})"

    __repr__ = __str__


class GraphRelationship(dict):  # type: ignore[type-arg]
    """A relationship from ad-hoc Cypher: a dict (``type``, ``properties``) for JSON, ``[:TYPE]`` as text."""

    def __str__(self) -> str:
        return f"[:{self['type']}]"

    __repr__ = __str__


def graph_value(value: Any) -> Any:
    """Driver values made printable: nodes, relationships and paths (also inside lists and maps)."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return GraphNode(labels=sorted(value.labels), properties=dict(value.items()))
    if isinstance(value, Relationship):
        return GraphRelationship(type=value.type, properties=dict(value.items()))
    if isinstance(value, Path):
        nodes = list(value.nodes)
        text = str(graph_value(nodes[0]))
        for i, rel in enumerate(value.relationships):
            forward = rel.start_node is not None and rel.start_node.element_id == nodes[i].element_id
            text += f" -[:{rel.type}]-> " if forward else f" <-[:{rel.type}]- "
            text += str(graph_value(nodes[i + 1]))
        return text
    if isinstance(value, list):
        return [graph_value(v) for v in value]
    if isinstance(value, dict):
        return {k: graph_value(v) for k, v in value.items()}
    return value


def _set_article_sources(tx: Any, rows: list[dict[str, Any]]) -> None:
    tx.run("UNWIND $rows AS row MATCH (a:Article {uid: row.uid}) SET a.source = row.source, a.sources = row.sources",
           {"rows": rows}).consume()


def _collect_orphans(tx: Any, by_label: dict[str, list[str]]) -> None:
    for label, uids in by_label.items():
        tx.run(
            f"UNWIND $uids AS u MATCH (n:{label} {{uid: u}}) WHERE NOT (n)--() DELETE n",
            {"uids": sorted(set(uids))},
        ).consume()
