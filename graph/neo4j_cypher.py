"""The Neo4j store's Cypher statements, by name (values always arrive as ``$parameters``; a ``@LABEL`` is
replaced by one of ``schema.LABELS`` only)."""

from __future__ import annotations

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
