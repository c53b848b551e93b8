"""The Neo4j store's Cypher statements, by name, apart from its batching logic.

Values always arrive as ``$parameters``. Labels and relationship types cannot be parameters in Cypher: a
statement names them as ``@LABEL``, ``@TYPE``, ``@START``, ``@END`` and ``bind`` fills them, only with names
of the schema (``schema.LABELS``, ``schema.REL_TYPES``)."""

from __future__ import annotations

from econgraph.graph.schema import LABELS, REL_TYPES

INDEXES: tuple[str, ...] = ("CREATE INDEX article_source IF NOT EXISTS FOR (n:Article) ON (n.source)",)
AWAIT_INDEXES = "CALL db.awaitIndexes(300)"

# -- evidence sentences ---------------------------------------------------------------------------
# A fact keeps ``ev_sentence`` only when some sentence is not its article's ``text[start:end]`` (``facts.to_lists``);
# otherwise readers cut each sentence out of the Article node's text. Cypher's ``substring`` counts code points, as
# Python's slices do (checked with characters outside the BMP: tests/test_store_parity.py).


def sentence_of(rel: str, i: str, article: str) -> str:
    """Cypher for the ``i``-th evidence sentence of the fact ``rel``, whose Article node is bound to ``article``."""
    return (f"coalesce({rel}.ev_sentence[{i}], substring({article}.text, {rel}.ev_start[{i}], "
            f"{rel}.ev_end[{i}] - {rel}.ev_start[{i}]))")


def _sliced(rel: str) -> str:
    return (f"CASE WHEN {rel}.ev_sentence IS NULL AND {rel}.ev_article IS NOT NULL THEN "
            f"[i IN range(0, size({rel}.ev_article) - 1) | COLLECT {{ MATCH (t:Article {{uid: {rel}.ev_article[i]}}) "
            f"RETURN substring(t.text, {rel}.ev_start[i], {rel}.ev_end[i] - {rel}.ev_start[i]) }}[0]] END")


def sentences_of(rel: str) -> str:
    """Cypher for every evidence sentence of the fact ``rel``, in evidence order (null for a fact without evidence)."""
    return f"coalesce({rel}.ev_sentence, {_sliced(rel)})"


# the sentences a fact does not keep (null when it keeps them: ``facts.from_lists`` reads ``ev_sentence``)
SENTENCES = f"{_sliced('r')} AS sentences"

# -- reads ----------------------------------------------------------------------------------------

ARTICLE_UIDS = "UNWIND $sources AS s MATCH (a:Article {source: s}) RETURN s AS source, a.uid AS uid"
ARTICLE_SOURCES = """\
UNWIND $sources AS s MATCH (a:Article {source: s}) RETURN a.uid AS uid, a.source AS source, a.sources AS sources
UNION UNWIND $uids AS u MATCH (a:Article {uid: u}) RETURN a.uid AS uid, a.source AS source, a.sources AS sources
UNION MATCH (a:Article) WHERE a.sources IS NOT NULL AND any(x IN a.sources WHERE x IN $sources)
RETURN a.uid AS uid, a.source AS source, a.sources AS sources"""
COUNT_NODES = "MATCH (n:@LABEL) RETURN count(n) AS c"
# every label's count from the count store, in one round trip (labels of the schema only)
COUNT_SCHEMA_NODES = " UNION ALL ".join(f"MATCH (n:{label}) RETURN count(n) AS c" for label in LABELS)
COUNT_RELATIONSHIPS = "MATCH ()-[r:@TYPE]->() RETURN count(r) AS c"
ALL_NODES = "MATCH (n:@LABEL) RETURN n.uid AS uid, properties(n) AS props"
# the relationship type anchors the scan; endpoints carry one label each
ALL_RELATIONSHIPS = """\
MATCH (a)-[r:@TYPE]->(b)
RETURN labels(a)[0] AS sl, a.uid AS su, labels(b)[0] AS el, b.uid AS eu, properties(r) AS props, """ + SENTENCES

# the sentences of stored facts that do not keep them, when a write needs them spelled out (``_settle_facts``)
ARTICLE_SLICES = """\
UNWIND $rows AS row MATCH (t:Article {uid: row[0]})
RETURN collect([row[0], row[1], row[2], substring(t.text, row[1], row[2] - row[1])]) AS slices"""

# -- writes ---------------------------------------------------------------------------------------

# CALL … IN TRANSACTIONS needs an auto-commit session
CLEAR_LABEL = "MATCH (n:@LABEL) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
SET_ARTICLE_SOURCES = ("UNWIND $rows AS row MATCH (a:Article {uid: row.uid}) "
                       "SET a.source = row.source, a.sources = row.sources")

# The node MERGE decides per row, without a read round trip, whether the merge rule can be settled
# by Cypher equality alone:
#   mode 0  nothing stored for name/aliases (a new or bare node): the batch's fold is the answer;
#   mode 1  the stored name is the fold's name and every incoming alias is stored already: the
#           stored name and aliases stay as they are;
#   mode 2  anything else: the row comes back, Python applies ``merge_node_props`` to the stored
#           values and writes them with FIX_NAMES (Cypher's string order and Python's are not assumed to agree).
# Other properties: the newest value wins, i.e. ``SET n += props`` in every mode.
# The answer is one record holding a list, not a record per node: records cost the client more
# than the statement costs the server (measured on 1,446 companies: 137 ms → 71 ms per statement;
# 1,000 articles: 107 ms → 79 ms). Node transactions run one after another, so this is wall time.
_NODE_MERGE = """CYPHER replan=skip UNWIND $rows AS row @BEFORE
MERGE (n:@LABEL {uid: row.uid})
WITH n, row, @EXISTED AS existed, n.name AS oldName, n.aliases AS oldAliases
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
# whether the article was stored before: only then can it have facts to replace
NODE_MERGE_ARTICLE = (_NODE_MERGE.replace("@BEFORE", "OPTIONAL MATCH (old:Article {uid: row.uid})")
                      .replace("@EXISTED", "old IS NOT NULL").replace("@LABEL", "Article"))
# whether each node was there before: facts touching a node this transaction created are created unread
NODE_MERGE = (_NODE_MERGE.replace("@BEFORE", "OPTIONAL MATCH (old:@LABEL {uid: row.uid})")
              .replace("@EXISTED", "old IS NOT NULL"))
# a load into an empty store (``Neo4jStore._empty``): nodes no earlier batch created are CREATEd, no look-up, no lock
CREATE_NODES = """\
UNWIND $rows AS row CREATE (n:@LABEL {uid: row.uid}) SET n += row.props, n.name = row.name, n.aliases = row.aliases
RETURN collect([row.uid, id(n)]) AS placed"""
CREATE_ARTICLES = """\
UNWIND $rows AS row CREATE (n:Article {uid: row.uid})
SET n += row.props, n.name = row.name, n.aliases = row.aliases, n.fact_keys = row.keys
RETURN collect([row.uid, id(n)]) AS placed"""
CREATE_BARE = "UNWIND $uids AS u CREATE (n:@LABEL {uid: u}) RETURN collect([u, id(n)]) AS placed"
FIX_NAMES = "UNWIND $rows AS row MATCH (n:@LABEL {uid: row.uid}) SET n.name = row.name, n.aliases = row.aliases"
MERGE_BARE = ("CYPHER replan=skip UNWIND $uids AS u OPTIONAL MATCH (old:@LABEL {uid: u}) MERGE (n:@LABEL {uid: u}) "
              "RETURN collect([u, id(n), old IS NOT NULL]) AS placed")

# an Article keeps the keys of the facts it gives evidence for, so re-loading it finds them
SET_FACT_KEYS = "UNWIND $rows AS row MATCH (a:Article {uid: row[0]}) SET a.fact_keys = row[1]"
FACT_KEYS = "UNWIND $uids AS u MATCH (a:Article {uid: u}) RETURN collect(a.fact_keys) AS keys"
READ_FACTS = """\
UNWIND $rows AS row MATCH (a:@START {uid: row[0]})-[r:@TYPE]->(b:@END {uid: row[1]})
RETURN collect([row[0], row[1], properties(r)]) AS found"""
DELETE_FACTS = "UNWIND $rows AS row MATCH (a:@START {uid: row[0]})-[r:@TYPE]->(b:@END {uid: row[1]}) DELETE r"
UPSERT_FACTS = """\
UNWIND $rows AS row MATCH (a:@START {uid: row[0]}) MATCH (b:@END {uid: row[1]})
MERGE (a)-[r:@TYPE]->(b) SET r = row[2]"""
# facts known not to exist (see ``Neo4jStore._load``): no existence check; the endpoints by the internal ids their
# MERGE in the same load returned (a seek by id instead of an index look-up)
CREATE_FACTS = """\
UNWIND $rows AS row MATCH (a) WHERE id(a) = row[0] MATCH (b) WHERE id(b) = row[1]
CREATE (a)-[r:@TYPE]->(b) SET r = row[2]"""
DELETE_ARTICLES = """\
UNWIND $uids AS u MATCH (a:Article {uid: u})
OPTIONAL MATCH (a)-[]-(x) WITH a, collect(DISTINCT [labels(x)[0], x.uid]) AS around
DETACH DELETE a RETURN around"""

# Candidates no fact of an article holds any more: deleted with their own region facts (an industry's PART_OF
# into the taxonomy); the nodes those pointed to come back as the next candidates.
COLLECT_ORPHANS = """\
UNWIND $uids AS u
MATCH (n:@LABEL {uid: u})
WHERE NOT EXISTS { MATCH (n)-[r]-() WHERE NOT type(r) IN $region_types }
  AND NOT EXISTS { MATCH (n)<-[r]-() WHERE type(r) IN $region_types }
OPTIONAL MATCH (n)-[r]->(p) WHERE type(r) IN $region_types
WITH n, collect(CASE WHEN p IS NULL THEN null ELSE [labels(p)[0], p.uid] END) AS parents
DETACH DELETE n
RETURN parents"""


def bind(statement: str, label: str | None = None, rtype: str | None = None, start: str | None = None,
         end: str | None = None) -> str:
    """``statement`` with its label and type names filled in; a name outside the schema is refused."""
    for name in (label, start, end):
        if name is not None and name not in LABELS:
            raise ValueError(f"not a label of the schema: {name!r}")
    if rtype is not None and rtype not in REL_TYPES:
        raise ValueError(f"not a relationship type of the schema: {rtype!r}")
    for mark, name in (("@LABEL", label), ("@TYPE", rtype), ("@START", start), ("@END", end)):
        if name is not None:
            statement = statement.replace(mark, name)
    if any(mark in statement for mark in ("@LABEL", "@TYPE", "@START", "@END")):
        raise ValueError("a statement's name was left unbound")
    return statement
