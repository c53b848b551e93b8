"""``econgraph cypher`` is read-only unless ``--write``, and credentials never leak.

Why: ad-hoc Cypher is the one place where user text becomes query text. A regular expression over
that text was bypassed (``CALL `dbms`.`listConfig`()``, ``CALL dbms . listConfig()``) and refused
reads (``RETURN {create: 1}``), so the server decides (issue 18, point 8): the query is planned with
``EXPLAIN`` in a READ session, and only query type ``r`` and the listed read procedures run without
``--write``; the query itself then runs in a READ transaction. No error message or log line may
carry the password, whether the server is unreachable or refuses the login.
"""

from __future__ import annotations

import logging
import secrets
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from econgraph.graph.neo4j_store import Neo4jStore
from econgraph.queries.adhoc import READ_PROCEDURES

from econgraph.cli import cli
from econgraph.config import neo4j_settings
from econgraph.errors import StoreError

WRITES = [
    "CREATE (n:Company {uid: 'x', name: 'x'})",
    "create (n:Company {uid: 'x'})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) DELETE n",
    "MATCH (n) NODETACH DELETE n",
    "MERGE (n:County {uid: 'x'})",
    "MATCH (n) SET n.name = 'x'",
    "MATCH (n) REMOVE n.name",
    "MATCH (n) WITH n LIMIT 1 FOREACH (x IN [1] | SET n.k = x)",
    "DROP CONSTRAINT company_uid",
    "DROP INDEX article_source IF EXISTS",
    "CREATE INDEX x IF NOT EXISTS FOR (n:Company) ON (n.name)",
    "LOAD CSV FROM 'file:///x.csv' AS row RETURN row",
    "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS",
    "MATCH (n) CALL { WITH n DETACH DELETE n } RETURN 1",
    "CALL dbms.security.createUser('u', 'p', false)",
    "CALL db.createLabel('X')",
    "CALL apoc.create.node(['X'], {})",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
    "MATCH (n) RETURN n /* comment */ ; MATCH (m) DETACH DELETE m",
    "MATCH (n)\n// a comment\nDETACH\nDELETE n",
    "MATCH (n:`it's`) DETACH DELETE n RETURN 'x'",
    "MATCH (n {name: \"a\\\"b\"}) DELETE n",
    "INSERT (n:Company {uid: 'x'})",
    "MATCH (n:Company) WITH n LIMIT 1 CALL { WITH n CREATE (m:Company {uid: 'y'}) } RETURN n",
]

READS = [
    "MATCH (n) RETURN count(n) AS n",
    "MATCH (n:Company) WHERE n.name = 'CREATE' RETURN n.name AS name",
    "MATCH (n) WHERE n.name CONTAINS \"DETACH DELETE\" RETURN count(n) AS n",
    "RETURN '}) DETACH DELETE n //' AS s",
    "MATCH (n:Company) RETURN n.created AS c, n.settings AS s LIMIT 1",
    "MATCH (n {uid: $delete}) RETURN n",
    "// DELETE everything? no\nMATCH (n) RETURN count(n) AS n",
    "MATCH (a:Article)-[r:MENTIONS]->(c) RETURN c.name AS name, count(*) AS k ORDER BY k DESC LIMIT 5",
    "CALL db.labels() YIELD label RETURN label",
    "SHOW CONSTRAINTS YIELD name RETURN name",
]


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def unreachable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """Settings that point at a port where nothing listens, with a password that must never show."""
    password = "pw-" + secrets.token_hex(10)
    monkeypatch.chdir(tmp_path)  # no .env from the checkout
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{_dead_port()}")
    monkeypatch.setenv("NEO4J_USERNAME", "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    return password


# Issue 18: the forms that got past the regular expression (procedure names in backticks, spaces or
# comments around the dot) and other ways to reach the server's configuration or caches.
BYPASSES = [
    "CALL `dbms`.`listConfig`()",
    "CALL dbms . listConfig()",
    "CALL `db`.`clearQueryCaches`()",
    "CALL db . clearQueryCaches()",
    "CALL `dbms` . `listConfig`('') YIELD name, value RETURN name, value",
    "CALL\n`dbms`\n.\nlistConfig()",
    "CALL dbms./* c */listConfig()",
    "CALL `db`.clearQueryCaches() YIELD value RETURN value",
    "MATCH (n) WITH count(n) AS c CALL `db`.`clearQueryCaches`() YIELD value RETURN value",
    "CALL `db`.`createLabel`('Sneak')",
    "CALL db . createProperty('sneak')",
    "SHOW SETTINGS",
    "CALL dbms.listConfig() YIELD name RETURN name",
    "LOAD CSV FROM 'file:///x.csv' AS row RETURN row",
    "CALL dbms.listActiveLocks('x')",
]

# Reads that must run (issue 19: the regular expression refused some of them).
LEGITIMATE = [
    "RETURN {create: 1} AS m",
    "CALL dbms.components()",
    "CALL db.labels()",
    "CALL db.relationshipTypes()",
    "CALL db.propertyKeys()",
    "CALL db.schema.visualization()",
    "CALL db.schema.nodeTypeProperties()",
    "CALL db.schema.relTypeProperties()",
    "CALL db.info()",
    "CALL db.ping()",
    "SHOW INDEXES",
    "SHOW PROCEDURES YIELD name RETURN count(*) AS n",
    "SHOW FUNCTIONS YIELD name RETURN count(*) AS n",
    "MATCH (n:Company) RETURN n.name AS set, n.uid AS delete ORDER BY set",
    "RETURN 'DETACH DELETE' AS create",
    "CALL `db`.`labels`() YIELD label RETURN label",
    "EXPLAIN MATCH (n) RETURN n",
]


def test_read_procedure_list_is_long_enough() -> None:
    assert len(READ_PROCEDURES) >= 10
    assert {"dbms.components", "db.labels", "db.relationshipTypes", "db.propertyKeys",
            "db.schema.visualization"} <= READ_PROCEDURES


def test_read_query_does_try_the_server(unreachable: str) -> None:
    """The counterpart: a read query is not refused, so it fails on the (missing) server."""
    result = CliRunner().invoke(cli, ["cypher", "MATCH (n) RETURN count(n) AS n", "--neo4j"])
    assert result.exit_code != 0
    assert "cannot connect" in result.output and "--write" not in result.output, result.output
    assert unreachable not in result.output


# -- on the real server -------------------------------------------------------------------------


def _counts(handle: Any) -> tuple[list[str], list[str], list[str]]:
    """The whole graph (labels and properties of every node and relationship) and the constraints."""
    with handle.driver() as driver:
        nodes = sorted(repr((r["l"], sorted(r["p"].items())))
                       for r in driver.execute_query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p").records)
        rels = sorted(repr((r["t"], sorted(r["p"].items()))) for r in driver.execute_query(
            "MATCH ()-[r]->() RETURN type(r) AS t, properties(r) AS p").records)
        constraints = sorted(x["name"] for x in driver.execute_query("SHOW CONSTRAINTS YIELD name").records)
    return nodes, rels, constraints


@pytest.fixture
def seeded(neo4j_env: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from factsfactory import facts_a, facts_b

    monkeypatch.chdir(tmp_path)
    with Neo4jStore() as store:
        store.load([facts_a(), facts_b()])
    return neo4j_env


@pytest.mark.neo4j
@pytest.mark.parametrize("query", [
    "MATCH (n) DETACH DELETE n",
    "CREATE (n:Company {uid: 'guard', name: 'guard'})",
    "MATCH (n:Company) SET n.name = 'x'",
    "DROP CONSTRAINT company_uid",
    "MATCH (n:`it's`) DETACH DELETE n RETURN 'x'",
    "INSERT (n:Company {uid: 'inserted', name: 'inserted'})",
])
def test_refused_write_leaves_the_graph_alone_and_write_flag_allows_it(seeded: Any, query: str) -> None:
    before = _counts(seeded)
    refused = CliRunner().invoke(cli, ["cypher", query, "--neo4j"])
    assert refused.exit_code == 2, refused.output
    assert _counts(seeded) == before
    allowed = CliRunner().invoke(cli, ["cypher", query, "--neo4j", "--write"])
    assert allowed.exit_code == 0, allowed.output
    assert _counts(seeded) != before or "`it's`" in query, "the same query with --write should have changed the graph"


@pytest.mark.neo4j
@pytest.mark.parametrize("query", WRITES + BYPASSES)
def test_writes_and_bypasses_are_refused_by_the_servers_plan(seeded: Any, query: str) -> None:
    before = _counts(seeded)
    result = CliRunner().invoke(cli, ["cypher", query, "--neo4j"])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error:"), result.output
    assert "--write" in lines[0] or "Cypher:" in lines[0], lines[0]  # refused, or not valid Cypher here
    assert "server.bolt" not in result.output and "server.memory" not in result.output  # no settings printed
    assert _counts(seeded) == before


@pytest.mark.neo4j
@pytest.mark.parametrize("query", LEGITIMATE)
def test_legitimate_reads_run(seeded: Any, query: str) -> None:
    before = _counts(seeded)
    result = CliRunner().invoke(cli, ["cypher", query, "--neo4j", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert _counts(seeded) == before


@pytest.mark.neo4j
def test_listed_read_procedures_are_accepted(seeded: Any) -> None:
    """Every procedure of the list that this server has passes the guard (the others do not exist here)."""
    with seeded.driver() as driver:
        present = {r["name"] for r in driver.execute_query("SHOW PROCEDURES YIELD name").records}
    runnable = {"dbms.components", "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
                "db.schema.nodeTypeProperties", "db.schema.relTypeProperties", "db.info", "db.ping",
                "db.index.fulltext.listAvailableAnalyzers", "db.awaitIndexes"}
    assert len(runnable & present) >= 10
    for name in sorted(runnable & present):
        result = CliRunner().invoke(cli, ["cypher", f"CALL {name}()", "--neo4j", "--format", "json"])
        assert result.exit_code == 0, (name, result.output)


@pytest.mark.neo4j
def test_syntax_error_is_a_plain_message(seeded: Any) -> None:
    result = CliRunner().invoke(cli, ["cypher", "MATCH (n RETURN n", "--neo4j"])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: Cypher: Invalid input 'RETURN'"), result.output
    assert "NEO4J_URI" not in result.output and "credentials" not in result.output.lower()
    assert "(line 1, column 10 (offset: 9))" in lines[0], "positions count the user's text"


@pytest.mark.neo4j
def test_nodes_print_as_names_and_labels(seeded: Any) -> None:
    result = CliRunner().invoke(cli, ["cypher", "MATCH (n:Company) RETURN n ORDER BY n.uid LIMIT 1", "--neo4j"])
    assert result.exit_code == 0, result.output
    row = result.output.splitlines()[2]
    assert row.endswith("(Company)") and "{" not in row and "'" not in row, result.output
    rel = CliRunner().invoke(cli, ["cypher", "MATCH ()-[r:LOCATED_IN]->() RETURN r LIMIT 1", "--neo4j"])
    assert rel.exit_code == 0 and "[:LOCATED_IN]" in rel.output, rel.output
    as_json = CliRunner().invoke(cli, ["cypher", "MATCH (n:Company) RETURN n ORDER BY n.uid LIMIT 1",
                                       "--neo4j", "--format", "json"])
    assert '"labels": [' in as_json.output and '"properties": {' in as_json.output, as_json.output


@pytest.mark.neo4j
def test_read_session_refuses_writes_the_guard_might_miss(seeded: Any) -> None:
    """Second line of defence: Neo4jStore.execute(write=False) runs in a READ transaction."""
    before = _counts(seeded)
    with Neo4jStore() as store:
        for query in ("CREATE (n:Company {uid: 'sneak', name: 'sneak'})", "MATCH (n) DETACH DELETE n"):
            with pytest.raises(StoreError):
                store.execute(query, {}, write=False)
    assert _counts(seeded) == before


@pytest.mark.neo4j
@pytest.mark.parametrize("query", READS)
def test_read_queries_run(seeded: Any, query: str) -> None:
    before = _counts(seeded)
    result = CliRunner().invoke(cli, ["cypher", query, "--neo4j", "--format", "json", "-p", "delete=x"])
    assert result.exit_code == 0, result.output
    assert _counts(seeded) == before


@pytest.mark.neo4j
def test_injection_in_parameters_is_a_value(seeded: Any) -> None:
    before = _counts(seeded)
    evil = "'}) DETACH DELETE n //"
    result = CliRunner().invoke(cli, ["cypher", "MATCH (n) WHERE n.name = $x WITH count(n) AS n RETURN $x AS x, n",
                                      "-p", f"x={evil}", "--neo4j", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert evil in result.output and '"n": 0' in result.output
    assert _counts(seeded) == before


# -- credentials --------------------------------------------------------------------------------


@pytest.fixture
def capture_all_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG)
    for name in ("neo4j", "neo4j.io", "neo4j.pool", "econgraph"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield caplog


COMMANDS = [
    ["stats", "--neo4j"],
    ["build", "--neo4j"],
    ["query", "run", "companies-in-county", "--neo4j"],
    ["cypher", "MATCH (n) RETURN count(n) AS n", "--neo4j"],
    ["export", "--format", "json", "--neo4j"],
]


def _assert_clean_failure(result: Any, password: str, logs: str) -> None:
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    error_lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(error_lines) == 1, result.output
    assert password not in result.output, "the password appears in the output"
    assert password not in logs, "the password appears in the logs"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        pytest.fail(f"an exception escaped: {result.exception!r}")


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_unreachable_server_error_hides_the_password(unreachable: str, args: list[str], tmp_path: Path,
                                                     capture_all_logs: pytest.LogCaptureFixture) -> None:
    seeds = Path(__file__).resolve().parent.parent / "seeds" / "000_6515147898e2fc90.txt"
    argv = [*args, str(seeds)] if args[0] == "build" else args
    result = CliRunner().invoke(cli, argv)
    _assert_clean_failure(result, unreachable, capture_all_logs.text)
    assert "cannot connect" in result.output


@pytest.mark.neo4j
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_wrong_password_error_hides_the_password(neo4j_server: Any, args: list[str], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capture_all_logs: pytest.LogCaptureFixture) -> None:
    wrong = "wrong-" + secrets.token_hex(10)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEO4J_URI", neo4j_server.uri)
    # a user of its own: failed logins lock the account for a while, and the real user is shared
    monkeypatch.setenv("NEO4J_USERNAME", "nobody-" + secrets.token_hex(4))
    monkeypatch.setenv("NEO4J_PASSWORD", wrong)
    seeds = Path(__file__).resolve().parent.parent / "seeds" / "000_6515147898e2fc90.txt"
    argv = [*args, str(seeds)] if args[0] == "build" else args
    result = CliRunner().invoke(cli, argv)
    _assert_clean_failure(result, wrong, capture_all_logs.text)
    assert neo4j_server.password not in result.output + capture_all_logs.text


@pytest.mark.neo4j
def test_successful_session_logs_no_password(neo4j_env: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capture_all_logs: pytest.LogCaptureFixture) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["cypher", "MATCH (n) RETURN count(n) AS n", "--neo4j"])
    assert result.exit_code == 0, result.output
    assert capture_all_logs.records, "driver debug logging should have produced records"
    assert neo4j_env.password not in capture_all_logs.text
    assert neo4j_env.password not in result.output


def test_settings_repr_hides_the_password() -> None:
    settings = neo4j_settings({"NEO4J_URI": "bolt://h:1", "NEO4J_USERNAME": "u", "NEO4J_PASSWORD": "s3cr3t-xyz"})
    assert "s3cr3t-xyz" not in repr(settings) and "s3cr3t-xyz" not in str(settings)
