"""Which Neo4j servers this test run may wipe: only the ones it started itself.

A server named by ``NEO4J_URI`` may hold someone's data, so wiping it needs
``ECONGRAPH_TEST_ALLOW_WIPE=1`` as well.
"""

from __future__ import annotations

import os
from typing import Any

from econgraph.graph.cypher import quote_name


class RefusedWipe(RuntimeError):
    pass


class WipeGuard:
    def __init__(self) -> None:
        self._owned: set[str] = set()

    def own(self, uri: str) -> None:
        self._owned.add(uri)

    def owns(self, uri: str) -> bool:
        return uri in self._owned or os.environ.get("ECONGRAPH_TEST_ALLOW_WIPE") == "1"

    def wipe(self, driver: Any, uri: str) -> None:
        """Delete every node, relationship, constraint and index, if this run owns the server."""
        if not self.owns(uri):
            raise RefusedWipe(
                f"refusing to wipe {uri}: this test run did not start it "
                "(set ECONGRAPH_TEST_ALLOW_WIPE=1 to allow it for a server you own)"
            )
        with driver.session() as session:  # CALL … IN TRANSACTIONS needs an auto-commit transaction
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        # schema names read back from the server (names cannot be parameters)
        for rec in driver.execute_query("SHOW CONSTRAINTS YIELD name").records:
            driver.execute_query("DROP CONSTRAINT $name IF EXISTS".replace("$name", quote_name(rec["name"])))
        for rec in driver.execute_query("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'").records:
            driver.execute_query("DROP INDEX $name IF EXISTS".replace("$name", quote_name(rec["name"])))


GUARD = WipeGuard()
