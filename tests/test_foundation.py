"""The package, the CLI entry point and the real Neo4j test server."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner
from neo4j_guard import RefusedWipe, WipeGuard

from econgraph.cli import cli


def test_cli_help_lists_commands() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    for command in ("articles", "build", "stats", "export", "eval", "query", "cypher", "show", "browse", "viz"):
        assert f"  {command} " in result.output, command


def test_console_script_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "econgraph", "--help"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "regional-economy" in result.stdout


def test_generic_names_not_installed_top_level() -> None:
    import importlib.util

    import econgraph.graph.model  # noqa: F401 - the namespaced import works

    for bare in ("graph", "loaders", "queries"):
        spec = importlib.util.find_spec(bare)
        assert spec is None or "site-packages" not in str(spec.origin or ""), bare


@pytest.mark.neo4j
def test_neo4j_answers_through_driver(neo4j_server) -> None:
    with neo4j_server.driver() as driver:
        records, _, _ = driver.execute_query("RETURN $x + 1 AS y", x=41)
        assert records[0]["y"] == 42
        info = driver.get_server_info()
        assert info.agent.startswith("Neo4j/5.26")


@pytest.mark.neo4j
def test_wipe_refused_for_a_server_this_run_did_not_start(neo4j_clean, monkeypatch) -> None:
    monkeypatch.delenv("ECONGRAPH_TEST_ALLOW_WIPE", raising=False)
    with neo4j_clean.driver() as driver:
        driver.execute_query("CREATE (:Company {uid: 'keep-me', name: 'x'})")
        stranger = WipeGuard()  # a guard that never started this server
        with pytest.raises(RefusedWipe, match="did not start it"):
            stranger.wipe(driver, neo4j_clean.uri)
        records, _, _ = driver.execute_query("MATCH (n:Company {uid: 'keep-me'}) RETURN count(n) AS c")
        assert records[0]["c"] == 1
