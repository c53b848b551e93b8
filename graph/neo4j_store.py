"""The Neo4j store: batched ``UNWIND $rows … MERGE`` in managed transactions.

Labels and relationship types cannot be parameters, so rows are grouped by label/type and the
fixed names from ``graph/schema.py`` are written into the query text; every value is a parameter.
Node properties are merged in Python (``graph/merge.py``) from the stored values read in the same
transaction, so both stores apply the identical rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from econgraph.graph.merge import clean_props, last_per_article, merge_node_props
from econgraph.graph.model import ArticleFacts
from econgraph.graph.schema import CONSTRAINTS, LABELS, REL_TYPES
from econgraph.graph.store import GraphStore, Stats, StoredNode, StoredRelationship

from econgraph.config import Neo4jSettings, neo4j_settings
from econgraph.errors import StoreError

# Relationship lookups by evidence article (replacing an article's facts) and articles by source.
INDEXES: tuple[str, ...] = tuple(
    f"CREATE INDEX {t.lower()}_article IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.article)" for t in REL_TYPES
) + ("CREATE INDEX article_source IF NOT EXISTS FOR (n:Article) ON (n.source)",)

DEFAULT_BATCH = 20_000  # graph elements per transaction

NodeKey = tuple[str, str]  # (label, uid)


class Neo4jStore(GraphStore):
    def __init__(self, settings: Neo4jSettings | None = None, batch_size: int = DEFAULT_BATCH) -> None:
        from neo4j import GraphDatabase

        self.settings = settings or neo4j_settings()
        self.batch_size = batch_size
        self.database = self.settings.database
        try:
            self.driver = GraphDatabase.driver(
                self.settings.uri, auth=self.settings.auth, connection_timeout=10.0,
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
        password = self.settings.password
        if password:
            detail = detail.replace(password, "***")
        hint = "check NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD (environment or .env)"
        return StoreError(f"{what} at {self.settings.uri} as {self.settings.username}: {detail}", hint)

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
                return session.execute_write(work) if write else session.execute_read(work)
        except (ServiceUnavailable, SessionExpired, Neo4jError) as exc:
            raise self._error("query failed", exc) from None

    def close(self) -> None:
        self.driver.close()

    def __repr__(self) -> str:
        return f"Neo4jStore({self.settings.uri!r})"

    # -- writes --------------------------------------------------------------------------------

    def load(self, facts: Iterable[ArticleFacts]) -> None:
        touched: set[NodeKey] = set()
        loaded: set[NodeKey] = set()
        batch: list[ArticleFacts] = []
        size = 0
        for item in last_per_article(facts):
            batch.append(item)
            size += 1 + len(item.nodes) + len(item.relationships)
            if size >= self.batch_size:
                touched |= self._write(_write_batch, _prepare(batch, loaded))
                batch, size = [], 0
        if batch:
            touched |= self._write(_write_batch, _prepare(batch, loaded))
        self._collect(touched - loaded)

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
                f"MATCH (a)-[r:{rtype}]->(b) RETURN r.uid AS uid, labels(a)[0] AS sl, a.uid AS su, "
                "labels(b)[0] AS el, b.uid AS eu, properties(r) AS props"
            )
            rows.sort(key=lambda r: r["uid"])
            for row in rows:
                yield StoredRelationship(row["uid"], rtype, (row["sl"], row["su"]), (row["el"], row["eu"]), row["props"])


class _Batch:
    """One transaction's worth of rows, grouped by label and by (type, start label, end label)."""

    def __init__(self) -> None:
        self.articles: list[str] = []
        self.nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)  # label -> props, in arrival order
        self.rels: dict[tuple[str, str, str], dict[str, dict[str, Any]]] = defaultdict(dict)


def _prepare(batch: list[ArticleFacts], loaded: set[NodeKey]) -> _Batch:
    out = _Batch()
    for item in batch:
        out.articles.append(item.article.uid)
        for node in (item.article, *item.nodes):
            out.nodes[node.label].append(clean_props({**node.props, "uid": node.uid}, node.ref.key()))
            loaded.add((node.label, node.uid))
        for rel in item.relationships:
            for ref in (rel.start, rel.end):  # a bare node when the facts do not list it
                out.nodes[ref.label].append({"uid": ref.uid})
            props = clean_props(rel.properties(), f"relationship {rel.type}")
            uid = props["uid"]  # hashing is not free: compute it once
            group = out.rels[(rel.type, rel.start.label, rel.end.label)]
            group.pop(uid, None)  # the last copy wins, as in the embedded store
            group[uid] = {"s": rel.start.uid, "e": rel.end.uid, "uid": uid, "props": props}
    return out


def _delete_rels_of(tx: Any, articles: list[str]) -> set[NodeKey]:
    touched: set[NodeKey] = set()
    for rtype in REL_TYPES:
        # the indexed (type, article) pair anchors the match
        result = tx.run(
            f"UNWIND $articles AS art MATCH (s)-[r:{rtype} {{article: art}}]->(e) "
            "WITH s, e, r DELETE r RETURN labels(s)[0] AS sl, s.uid AS su, labels(e)[0] AS el, e.uid AS eu",
            {"articles": articles},
        )
        for rec in result:
            touched.add((rec["sl"], rec["su"]))
            touched.add((rec["el"], rec["eu"]))
    return touched


def _write_batch(tx: Any, batch: _Batch) -> set[NodeKey]:
    stored: dict[str, dict[str, dict[str, Any]]] = {}
    for label, rows in batch.nodes.items():
        uids = sorted({row["uid"] for row in rows})
        # the merge rule needs only the stored name and aliases; other properties are overwritten by
        # ``SET n += …`` exactly as the rule's "newest wins" says, and the rest stay as stored
        stored[label] = {
            rec["uid"]: {k: v for k, v in (("name", rec["name"]), ("aliases", rec["aliases"])) if v is not None}
            for rec in tx.run(
                f"UNWIND $uids AS u MATCH (n:{label} {{uid: u}}) RETURN n.uid AS uid, n.name AS name, "
                "n.aliases AS aliases",
                {"uids": uids},
            )
        }
    # An article's relationships are written in the transaction that writes its node, so only
    # articles already stored can have relationships to replace.
    known_articles = [uid for uid in batch.articles if uid in stored.get("Article", {})]
    touched = _delete_rels_of(tx, known_articles) if known_articles else set()
    for label, rows in batch.nodes.items():
        current = stored[label]
        for row in rows:
            current[row["uid"]] = merge_node_props(current.get(row["uid"]), row)
        tx.run(
            f"UNWIND $rows AS row MERGE (n:{label} {{uid: row.uid}}) SET n += row.props",
            {"rows": [{"uid": uid, "props": props} for uid, props in current.items()]},
        ).consume()
    for (rtype, start, end), group in batch.rels.items():
        # endpoints were merged above (bare endpoints included), so MATCH finds them
        tx.run(
            f"UNWIND $rows AS row MATCH (a:{start} {{uid: row.s}}) MATCH (b:{end} {{uid: row.e}}) "
            f"MERGE (a)-[r:{rtype} {{uid: row.uid}}]->(b) SET r = row.props",
            {"rows": list(group.values())},
        ).consume()
    return touched


def _delete_articles(tx: Any, uids: list[str]) -> tuple[int, set[NodeKey]]:
    touched = _delete_rels_of(tx, uids)
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


def _collect_orphans(tx: Any, by_label: dict[str, list[str]]) -> None:
    for label, uids in by_label.items():
        tx.run(
            f"UNWIND $uids AS u MATCH (n:{label} {{uid: u}}) WHERE NOT (n)--() DELETE n",
            {"uids": sorted(set(uids))},
        ).consume()
