"""The Neo4j store: one relationship per fact, batched ``UNWIND $rows …`` statements, one transaction per batch.

Labels and relationship types cannot be parameters, so rows are grouped by label and by
(type, start label, end label) — every MATCH/MERGE names its label and uses the uid constraint —
and the fixed names from ``graph/schema.py`` are written into the query text; every value is a
parameter.

A fact ``(type, start, end)`` is one relationship. Its evidence (one per article that states it) is held
as parallel lists (``ev_article``, ``ev_start``, ``ev_end``, and ``ev_rule``, ``ev_confidence``, ``ev_date``,
``ev_extras`` only when the pieces of evidence differ from what the aggregates imply, ``ev_sentence`` only when a
sentence is not its article's ``text[start:end]``: ``facts.to_lists``; a property cannot hold maps), beside the aggregates both stores compute the same way (``graph/facts.py``):
``articles``, ``first_date``, ``last_date``, ``confidence``, ``rules`` and the extractor's extra properties.
``iter_relationships`` turns the lists back into the ``evidence`` list of maps (``facts.from_lists``), the
sentences it does not keep cut out of the Article nodes' texts (``neo4j_cypher.SENTENCES``).
Each Article node keeps ``fact_keys``, the facts it gives evidence for (so re-building or deleting it finds
them by the uid index); ``iter_nodes`` and the views leave that property out.

How a load runs (``load``): articles are cut into batches of whole articles. For each batch,
1. a helper thread builds the rows (pure Python) while the server writes the previous batch, with each
   fact's properties as they are when nothing was stored before (``facts.stored_props``): a new fact, and one
   whose stored evidence all comes from articles being re-built, is then sent as is;
2. one transaction, in input order: MERGE the batch's nodes (the merge rule for names and aliases sees
   every earlier batch; nodes an earlier batch of the same load wrote and that the rule would leave as
   they are are not sent again, ``_reuse``); settle the facts the batch touches (its own, and those
   its re-built articles gave evidence for before): in Python, replace those articles' evidence, compute
   the aggregates, and write back only the facts that change (MERGE … SET r = …), deleting those left
   without evidence. Only facts the load cannot know are read first: a fact an earlier batch of the same
   load wrote has the properties it wrote, and a fact touching a node the load created, not written by it,
   does not exist and is CREATEd by its endpoints' internal ids (on a first load: every fact, no read).
Batches run one after another, so two batches never write the same fact at once (a fact is shared by
every article that states it). The cyclic garbage collector is paused for the load (see ``load``).

Region facts (``PART_OF``, ``facts.REGION_TYPES``) carry no evidence; they go with the last article fact of their start node.
Two processes loading at the same moment are not supported.
"""

from __future__ import annotations

import gc
import logging
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from econgraph.graph import neo4j_cypher as cy
from econgraph.graph.facts import (
    REGION_TYPES,
    EvidenceRow,
    Statement,
    fact_key,
    fact_properties,
    fact_uid,
    from_lists,
    region_props,
    split_fact_key,
    statements,
    stored_props,
    without_lists,
)
from econgraph.graph.merge import clean_props, last_per_article, merge_node_props
from econgraph.graph.model import ArticleFacts
from econgraph.graph.schema import CONSTRAINTS, LABELS, REL_TYPES
from econgraph.graph.store import GraphStore, Stats, StoredNode, StoredRelationship

from econgraph.config import Neo4jSettings, neo4j_settings
from econgraph.errors import StoreError

HIDDEN_NODE_PROPS = frozenset({"fact_keys"})  # bookkeeping on Article nodes, not data

# The driver logs retries and connection failures as warnings; with no handler of its own, Python
# would print them on stderr before econgraph's one ``Error:`` line. They still reach any handler
# the application installs (propagation is left on).
logging.getLogger("neo4j").addHandler(logging.NullHandler())

DEFAULT_BATCH = 20_000  # graph elements per batch
DEFAULT_WRITERS = 1  # kept for callers: batches are written one transaction after another

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
            for statement in (*CONSTRAINTS, *cy.INDEXES):
                session.run(statement).consume()
            session.run(cy.AWAIT_INDEXES).consume()

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
        # again for nothing. It comes back on when the load ends, however it ends.
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
        # What this load wrote is known without reading it back (batches run one after another and two
        # loads at once are not supported): the nodes it created, and every fact it wrote (its stored
        # properties; None: deleted). A fact touching a node the load created and not written by the load
        # does not exist: it is created without a read, a MATCH or a MERGE (on a first load, every fact).
        born: set[NodeKey] = set()
        written: dict[str, dict[str, Any] | None] = {}
        chunks = list(self._chunks(last_per_article(facts)))
        # into an empty store every node is new: CREATEd, not MERGEd (``_write_nodes``), until an earlier batch made it
        empty = bool(chunks) and self._empty()
        prepare = ThreadPoolExecutor(max_workers=1, thread_name_prefix="econgraph-prepare")
        try:
            pending = prepare.submit(_prepare, chunks[0]) if chunks else None
            for i in range(len(chunks)):
                assert pending is not None
                batch = pending.result()
                pending = prepare.submit(_prepare, chunks[i + 1]) if i + 1 < len(chunks) else None
                loaded |= batch.loaded
                reused = _reuse(batch, known)
                placed = self._write(_write_batch, batch, reused, born, written, empty)
                known.update(placed.states)
                born |= placed.created
                written.update(placed.written)
                touched |= placed.touched
        finally:
            prepare.shutdown(wait=True, cancel_futures=True)
        self._collect(touched - loaded)

    def _empty(self) -> bool:
        """Whether the store holds no node of the schema's labels (counts from the count store, no scan)."""
        return not any(row["c"] for row in self.execute(cy.COUNT_SCHEMA_NODES))

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
                    session.run(cy.bind(cy.CLEAR_LABEL, label)).consume()
        except (ServiceUnavailable, Neo4jError) as exc:
            raise self._error("clear failed", exc) from None

    # -- reads ---------------------------------------------------------------------------------

    def article_uids(self, sources: Iterable[str]) -> dict[str, set[str]]:
        wanted = sorted(set(sources))
        found: dict[str, set[str]] = {s: set() for s in wanted}
        rows = self.execute(cy.ARTICLE_UIDS, {"sources": wanted})
        for row in rows:
            found[row["source"]].add(row["uid"])
        return found

    def article_sources(self, sources: Iterable[str], uids: Iterable[str] = ()) -> dict[str, set[str]]:
        rows = self.execute(cy.ARTICLE_SOURCES, {"sources": sorted(set(sources)), "uids": sorted(set(uids))})
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

    def query_backend(self) -> Any:
        from econgraph.queries.backends import (
            CypherBackend,  # the layers above the store, imported when asked
        )

        return CypherBackend(self)

    def view_reader(self) -> Any:
        from econgraph.viz import Neo4jReader

        return Neo4jReader(self)

    def stats(self) -> Stats:
        nodes: dict[str, int] = {}
        rels: dict[str, int] = {}
        for label in LABELS:
            count = self.execute(cy.bind(cy.COUNT_NODES, label))[0]["c"]
            if count:
                nodes[label] = count
        for rtype in REL_TYPES:
            count = self.execute(cy.bind(cy.COUNT_RELATIONSHIPS, rtype=rtype))[0]["c"]
            if count:
                rels[rtype] = count
        return Stats(nodes=nodes, relationships=rels)

    def iter_nodes(self) -> Iterator[StoredNode]:
        for label in LABELS:
            rows = self.execute(cy.bind(cy.ALL_NODES, label))
            rows.sort(key=lambda r: r["uid"])
            for row in rows:
                props = row["props"]
                for hidden in HIDDEN_NODE_PROPS & props.keys():
                    del props[hidden]
                yield StoredNode(label, row["uid"], props)

    def iter_relationships(self) -> Iterator[StoredRelationship]:
        for rtype in REL_TYPES:
            rows = self.execute(cy.bind(cy.ALL_RELATIONSHIPS, rtype=rtype))
            found = []
            for row in rows:  # the uid is derived, not stored
                props = row["props"]
                uid = fact_uid(rtype, f"{row['sl']}:{row['su']}", f"{row['el']}:{row['eu']}")
                found.append(StoredRelationship(uid, rtype, (row["sl"], row["su"]), (row["el"], row["eu"]),
                                                fact_properties(uid, without_lists(props),
                                                                from_lists(props, row["sentences"]))))
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


class _FactIn:
    """A fact as a batch states it: its evidence by article, or the region data's rules."""

    __slots__ = ("rtype", "start", "end", "evidence", "region_rules", "region_confidence", "fresh")

    def __init__(self, rtype: str, start: NodeKey, end: NodeKey) -> None:
        self.rtype, self.start, self.end = rtype, start, end
        self.evidence: dict[str, EvidenceRow] = {}
        # its stored properties if nothing was stored before (``_prepare`` computes them while the previous batch
        # writes: on a first load every fact is new and the transaction only sends them)
        self.fresh: dict[str, Any] | None = None
        self.region_rules: set[str] = set()
        self.region_confidence: float | None = None


class _Batch:
    """One transaction's worth of rows: nodes by label, facts by key."""

    def __init__(self) -> None:
        self.articles: list[str] = []
        self.nodes: dict[str, list[dict[str, Any]]] = {}  # label -> one row per uid (the batch's fold)
        self.raw: dict[NodeKey, list[dict[str, Any]]] = {}  # every incoming props, in arrival order
        self.bare: dict[str, list[str]] = {}  # label -> endpoints no facts of the batch list
        self.facts: dict[str, _FactIn] = {}
        self.article_facts: dict[str, list[str]] = {}  # article -> keys of the facts it gives evidence for
        self.fact_keys: dict[str, list[str]] = {}  # the same, sorted without repeats: the Article's ``fact_keys``
        self.loaded: set[NodeKey] = set()


def _prepare(batch: list[ArticleFacts]) -> _Batch:
    """Rows for one transaction, in pure Python (runs in a helper thread while the previous batch writes)."""
    out = _Batch()
    raw = out.raw
    for item in batch:
        out.articles.append(item.article.uid)
        for node in (item.article, *item.nodes):
            key = (node.label, node.uid)
            props = clean_props(node.props, f"{node.label}:{node.uid}")
            props.pop("uid", None)
            if key in raw:
                raw[key].append(props)
            else:
                raw[key] = [props]
    out.loaded = set(raw)
    ends: set[NodeKey] = set()
    for item in batch:
        own, region = statements(item)
        _mark_slices(own.values(), item.article.uid, raw.get(("Article", item.article.uid)))
        for st in own.values():
            fact = out.facts.get(st.key)
            if fact is None:
                fact = out.facts[st.key] = _FactIn(st.rtype, st.start, st.end)
            ev = st.evidence
            if ev.extras:
                ev.extras = clean_props(ev.extras, f"relationship {st.rtype}")
            fact.evidence[ev.article] = ev
            out.article_facts.setdefault(ev.article, []).append(st.key)
            ends.update((st.start, st.end))
        for st in region.values():
            fact = out.facts.get(st.key)
            if fact is None:
                fact = out.facts[st.key] = _FactIn(st.rtype, st.start, st.end)
            fact.region_rules.add(st.evidence.rule)
            conf = st.evidence.confidence
            fact.region_confidence = conf if fact.region_confidence is None else max(conf, fact.region_confidence)
            ends.update((st.start, st.end))
    for fact in out.facts.values():
        if fact.evidence and not fact.region_rules:
            fact.fresh = stored_props(list(fact.evidence.values()))
    out.fact_keys = {a: sorted(set(keys)) for a, keys in out.article_facts.items()}
    bare: dict[str, set[str]] = defaultdict(set)
    for label, uid in ends - out.loaded:
        bare[label].add(uid)
    for label, uids in bare.items():
        out.bare[label] = sorted(uids)
    for (label, uid), versions in raw.items():
        out.nodes.setdefault(label, []).append(_node_row(uid, versions))
    return out


def _mark_slices(own: Iterable[Statement], article: str, versions: list[dict[str, Any]] | None) -> None:
    """Mark ``implied`` the evidence of ``article`` whose sentence is ``text[start:end]`` of the text its Article node
    holds once the batch is written (the newest value wins): the store keeps no copy of it (``facts.to_lists``).
    Offsets must be ones Cypher's ``substring`` takes alike (it counts code points, as Python slices do)."""
    text = next((props["text"] for props in reversed(versions or ()) if "text" in props), None)
    if not isinstance(text, str):
        return
    size = len(text)
    for st in own:
        ev = st.evidence
        start, end = ev.start, ev.end
        if (ev.article == article and type(start) is int and type(end) is int and 0 <= start <= end <= size
                and text[start:end] == ev.sentence):
            ev.implied = True


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



class _Placed:
    """What a batch's transaction tells the load."""

    def __init__(self) -> None:
        self.ids: dict[NodeKey, int] = {}  # internal id of every node the batch MERGEd
        self.stored_articles: list[str] = []  # articles of the batch stored before: their evidence is replaced
        self.created: set[NodeKey] = set()  # nodes this transaction created: no stored fact touches them
        self.touched: set[NodeKey] = set()  # endpoints of facts that were deleted
        self.states: dict[NodeKey, _Known] = {}  # nodes whose stored name, aliases and props are now known
        self.written: dict[str, dict[str, Any] | None] = {}  # facts settled: their stored props (None: none)
        self.keyed: set[str] = set()  # articles CREATEd with their ``fact_keys``


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


def _create_nodes(tx: Any, batch: _Batch, label: str, rows: list[dict[str, Any]], placed: _Placed) -> None:
    """CREATE nodes known not to exist (a load into an empty store), without the MERGE's look-up and lock; an
    Article gets its ``fact_keys`` in the same statement."""
    if label == "Article":
        for row in rows:
            row["keys"] = batch.fact_keys.get(row["uid"], [])
        answer = tx.run(cy.CREATE_ARTICLES, {"rows": _Rows(rows)}).single()
        placed.keyed.update(row["uid"] for row in rows)
    else:
        answer = tx.run(cy.bind(cy.CREATE_NODES, label), {"rows": _Rows(rows)}).single()
    by_uid = {row["uid"]: row for row in rows} if label != "Article" else {}
    for uid, id_ in answer["placed"]:
        key = (label, uid)
        placed.ids[key] = id_
        placed.created.add(key)
        if by_uid:
            row = by_uid[uid]
            placed.states[key] = _Known(id_, row["name"], row["aliases"], row["props"])


def _write_nodes(tx: Any, batch: _Batch, born: set[NodeKey] | None) -> _Placed:
    """The batch's nodes (and bare endpoints) in one transaction; re-runnable as a whole. ``born``: on a load into
    an empty store, the nodes its earlier batches created; every other node is CREATEd (``_create_nodes``)."""
    placed = _Placed()
    ids = placed.ids
    for label, rows in batch.nodes.items():
        if born is not None:
            new = [row for row in rows if (label, row["uid"]) not in born]
            if new:
                _create_nodes(tx, batch, label, new, placed)
                rows = [row for row in rows if (label, row["uid"]) in born]
        if not rows:
            continue
        fixes = []
        by_uid = {row["uid"]: row for row in rows} if label != "Article" else {}
        statement = cy.NODE_MERGE_ARTICLE if label == "Article" else cy.bind(cy.NODE_MERGE, label)
        answer = tx.run(statement, {"rows": _Rows(rows)}).single()
        for uid, id_, existed, mode, old_name, old_aliases in answer["placed"]:
            key = (label, uid)
            ids[key] = id_
            if not existed:
                placed.created.add(key)
            elif label == "Article":
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
            tx.run(cy.bind(cy.FIX_NAMES, label), {"rows": _Rows(fixes)}).consume()
    _write_bare(tx, batch, born, placed)
    return placed


def _write_bare(tx: Any, batch: _Batch, born: set[NodeKey] | None, placed: _Placed) -> None:
    """The batch's bare endpoints (nodes its facts name and no article of it describes), as ``_write_nodes``."""
    for label, uids in batch.bare.items():
        if born is not None:
            new = [uid for uid in uids if (label, uid) not in born]
            if new:
                answer = tx.run(cy.bind(cy.CREATE_BARE, label), {"uids": _Rows(new)}).single()
                for uid, id_ in answer["placed"]:
                    placed.ids[(label, uid)] = id_
                    placed.created.add((label, uid))
                uids = [uid for uid in uids if (label, uid) in born]
        if not uids:
            continue
        answer = tx.run(cy.bind(cy.MERGE_BARE, label), {"uids": _Rows(uids)}).single()
        for uid, id_, existed in answer["placed"]:
            placed.ids[(label, uid)] = id_
            if not existed:
                placed.created.add((label, uid))


def _write_batch(tx: Any, batch: _Batch, reused: dict[NodeKey, int], born: set[NodeKey],
                 written: dict[str, dict[str, Any] | None], empty: bool = False) -> _Placed:
    """The batch's nodes and facts in one transaction; re-runnable as a whole (``born`` and ``written``,
    what earlier batches of the load created and wrote, are only read; ``empty``: the store held no node of the
    schema when the load began)."""
    placed = _write_nodes(tx, batch, born if empty else None)
    placed.ids.update(reused)
    replaced = set(placed.stored_articles)
    keys = set(batch.facts)
    if replaced:
        keys |= _stored_fact_keys(tx, sorted(replaced))
    _settle_facts(tx, keys, batch.facts, replaced | set(batch.articles), placed.touched,
                  _KnownFacts(born | placed.created, written, placed.ids, placed.written))
    rows = [[a, batch.fact_keys.get(a, [])] for a in batch.articles if a not in placed.keyed]
    if rows:
        tx.run(cy.SET_FACT_KEYS, {"rows": _Rows(rows)}).consume()
    return placed


def _stored_fact_keys(tx: Any, articles: list[str]) -> set[str]:
    rec = tx.run(cy.FACT_KEYS, {"uids": _Rows(articles)}).single()
    return {k for keys in (rec["keys"] if rec else []) for k in keys or ()}


class _KnownFacts:
    """What a load knows about the store without reading it (see ``_load``)."""

    __slots__ = ("fresh", "written", "ids", "settled")

    def __init__(self, fresh: set[NodeKey], written: dict[str, dict[str, Any] | None], ids: dict[NodeKey, int],
                 settled: dict[str, dict[str, Any] | None]) -> None:
        self.fresh = fresh  # nodes the load created: no fact it did not write touches them
        self.written = written  # facts earlier batches of the load wrote: their stored props (None: none)
        self.ids = ids  # internal ids of the batch's nodes, for CREATE without an index look-up
        self.settled = settled  # out: the facts this batch settles, as ``written``


def _settle_facts(tx: Any, keys: set[str], new: dict[str, _FactIn], replaced: set[str],
                  touched: set[NodeKey], known: _KnownFacts | None = None) -> None:
    """Read the stored facts ``keys``, drop the evidence of the ``replaced`` articles, add the ``new``
    evidence, and write back what changed (facts left without evidence are deleted). What the load
    ``known``s is not read: a fact it wrote has the properties it wrote, and a fact touching a node it created
    and not written by it does not exist: it is created by the nodes' internal ids, without reading,
    matching or merging first (on a first load, every fact)."""
    fresh = known.fresh if known else set()
    written = known.written if known else {}
    ids = known.ids if known else {}
    groups: dict[tuple[str, str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for key in keys:
        fact = new.get(key)
        if fact is not None:
            (sl, su), (el, eu) = fact.start, fact.end
            groups[(fact.rtype, sl, el)].append((key, su, eu))
        else:
            rtype, sl, su, el, eu = split_fact_key(key)
            groups[(rtype, sl, el)].append((key, su, eu))
    for (rtype, sl, el), members in sorted(groups.items()):
        stored = _stored_facts(tx, (rtype, sl, el), members, fresh, written)
        _spell_sentences(tx, stored, new, replaced)
        creates, upserts, deletes = [], [], []
        settled: dict[str, dict[str, Any] | None] = {}
        for key, su, eu in members:
            old = stored.get(key)
            props = _fact_props(old, new.get(key), replaced)
            settled[key] = props
            if props is None:
                if old is not None:
                    deletes.append([su, eu])
                    touched.update(((sl, su), (el, eu)))
            elif old is None and key in stored and (sl, su) in ids and (el, eu) in ids:
                creates.append([ids[(sl, su)], ids[(el, eu)], props])
            elif props != old:
                upserts.append([su, eu, props])
        if known is not None:
            known.settled.update(settled)
        if creates:
            tx.run(cy.bind(cy.CREATE_FACTS, rtype=rtype), {"rows": _Rows(creates)}).consume()
        if deletes:
            tx.run(cy.bind(cy.DELETE_FACTS, rtype=rtype, start=sl, end=el), {"rows": _Rows(deletes)}).consume()
        if upserts:
            tx.run(cy.bind(cy.UPSERT_FACTS, rtype=rtype, start=sl, end=el), {"rows": _Rows(upserts)}).consume()


def _stored_facts(tx: Any, group: tuple[str, str, str], members: list[tuple[str, str, str]], fresh: set[NodeKey],
                  written: dict[str, dict[str, Any] | None]) -> dict[str, dict[str, Any] | None]:
    """The stored properties of the facts ``members`` (key, start uid, end uid) of one (type, start label,
    end label): what the load wrote, None for a fact touching a node it created (known not to exist), and for
    the others what one read finds (a fact it does not find is left out: not known not to exist)."""
    rtype, sl, el = group
    stored: dict[str, dict[str, Any] | None] = {}
    unread = []
    for key, su, eu in members:
        if key in written:
            stored[key] = written[key]
        elif (sl, su) in fresh or (el, eu) in fresh:
            stored[key] = None
        else:
            unread.append([su, eu])
    if unread:
        rec = tx.run(cy.bind(cy.READ_FACTS, rtype=rtype, start=sl, end=el), {"rows": _Rows(unread)}).single()
        for su, eu, props in rec["found"] if rec else []:
            stored[fact_key(rtype, f"{sl}:{su}", f"{el}:{eu}")] = props
    return stored


def _spell_sentences(tx: Any, stored: dict[str, dict[str, Any] | None], new: dict[str, _FactIn],
                     replaced: set[str]) -> None:
    """Give the stored facts that keep no ``ev_sentence`` (every sentence is its article's text slice) their
    sentences, read from the Article nodes, when the evidence they keep meets new evidence whose sentence is not
    a slice: the fact then keeps the whole list (rare: the extractor's sentences always are slices)."""
    wanted: dict[str, dict[str, Any]] = {}
    for key, old in stored.items():
        fact = new.get(key)
        if (old is None or fact is None or old.get("ev_sentence") is not None or not old.get("ev_article")
                or all(e.implied for e in fact.evidence.values())
                or all(a in replaced for a in old["ev_article"])):
            continue
        wanted[key] = old
    if not wanted:
        return
    spots = {key: list(zip(old["ev_article"], old["ev_start"], old["ev_end"], strict=True))
             for key, old in wanted.items()}
    rows = [list(spot) for found in spots.values() for spot in found]
    rec = tx.run(cy.ARTICLE_SLICES, {"rows": _Rows(rows)}).single()
    slices = {(a, st, en): text for a, st, en, text in (rec["slices"] if rec else [])}
    for key, old in wanted.items():
        stored[key] = {**old, "ev_sentence": [slices.get(spot) or "" for spot in spots[key]]}


def _fact_props(old: dict[str, Any] | None, fact: _FactIn | None, replaced: set[str]) -> dict[str, Any] | None:
    """The fact's new stored properties (None: no evidence left, delete it)."""
    region = bool(old and old.get("region")) or bool(fact and fact.region_rules)
    if region:
        rules = set((old or {}).get("rules") or ()) | (fact.region_rules if fact else set())
        confs = [c for c in ((old or {}).get("confidence"), fact.region_confidence if fact else None) if c is not None]
        return region_props(rules, max(confs) if confs else 1.0)
    if old is None or all(a in replaced for a in old.get("ev_article") or ()):
        # a new fact (on a first load, every fact), or one whose stored evidence is all replaced (a reload)
        if fact is None or not fact.evidence:
            return None
        return fact.fresh if fact.fresh is not None else stored_props(list(fact.evidence.values()))
    evidence = {e.article: e for e in from_lists(old) if e.article not in replaced}
    if fact is not None:
        evidence.update(fact.evidence)
    if not evidence:
        return None
    return stored_props(list(evidence.values()))


def _delete_articles(tx: Any, uids: list[str]) -> tuple[int, set[NodeKey]]:
    touched: set[NodeKey] = set()
    _settle_facts(tx, _stored_fact_keys(tx, uids), {}, set(uids), touched)
    removed = 0
    for rec in tx.run(cy.DELETE_ARTICLES, {"uids": uids}):
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
    tx.run(cy.SET_ARTICLE_SOURCES, {"rows": rows}).consume()


def _collect_orphans(tx: Any, by_label: dict[str, list[str]]) -> None:
    """Delete the candidates nothing ties to the graph any more; one whose only ties are its own region facts
    (PART_OF into the taxonomy) goes with them, and the parents those pointed to are candidates in turn."""
    pending = {label: sorted(set(uids)) for label, uids in by_label.items()}
    while pending:
        parents: dict[str, set[str]] = defaultdict(set)
        for label, uids in pending.items():
            for row in tx.run(cy.bind(cy.COLLECT_ORPHANS, label),
                              {"uids": uids, "region_types": sorted(REGION_TYPES)}):
                for parent_label, parent_uid in row["parents"]:
                    if parent_label in LABELS:
                        parents[parent_label].add(parent_uid)
        pending = {label: sorted(uids) for label, uids in parents.items()}
