"""The SQLite embedded store: two builds at once both land, old store files convert, the default path."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from econgraph.graph.embedded import EmbeddedStore
from factsfactory import facts_a, facts_b
from helpers import snapshot

from econgraph.cli import cli
from econgraph.errors import StoreError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def test_two_builds_at_once_both_land(tmp_path: Path) -> None:
    """Two processes building different files into one store: the second waits for the first's
    transaction (BEGIN IMMEDIATE with a busy timeout) and both sets of articles are stored."""
    path = tmp_path / "g.sqlite"
    halves = [SEEDS[:2], SEEDS[2:]]
    procs = [subprocess.Popen([sys.executable, "-m", "econgraph", "build", *map(str, files), "--store", str(path)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for files in halves]
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-3000:]
    with EmbeddedStore(path) as store:
        stored = store.article_uids([str(p) for p in SEEDS])
    assert all(stored[str(p)] for p in SEEDS), {k: len(v) for k, v in stored.items()}
    # the same graph as the two builds one after the other, in one order or the other (which one took the
    # lock first decides what the second's alias resolution saw)
    got = snapshot(EmbeddedStore(path))
    orders = []
    for name, order in (("ab", halves), ("ba", halves[::-1])):
        target = tmp_path / f"{name}.sqlite"
        for files in order:
            done = subprocess.run([sys.executable, "-m", "econgraph", "build", *map(str, files), "--store",
                                   str(target)], cwd=ROOT, capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, done.stderr[-3000:]
        orders.append(snapshot(EmbeddedStore(target)))
    assert got in orders


def _old_format_file(path: Path, store: EmbeddedStore, facts: list) -> None:
    """A store file of the first format (zlib JSON, one edge per relationship and article)."""
    nodes = [[f"{n.label}:{n.uid}", {**n.properties, "label": n.label}] for n in store.iter_nodes()]
    edges = {}
    for item in facts:
        for rel in item.relationships:
            edges[rel.uid] = [rel.start.key(), rel.end.key(), rel.uid, {**rel.properties(), "type": rel.type}]
    payload = zlib.compress(json.dumps({"nodes": nodes, "edges": list(edges.values())}).encode("utf-8"))
    header = {"format": 1, "length": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}
    path.write_bytes(b"ECONGRAPH-STORE\n" + json.dumps(header).encode() + b"\n" + payload)


def test_old_store_converts_to_the_same_graph(tmp_path: Path) -> None:
    facts = [facts_a(), facts_b()]
    direct = EmbeddedStore(tmp_path / "direct.sqlite")
    direct.load(facts)
    old = tmp_path / "graph.econgraph"
    _old_format_file(old, direct, facts)
    with pytest.raises(StoreError, match="econgraph store convert"):
        EmbeddedStore(old)
    new = tmp_path / "graph.sqlite"
    result = CliRunner().invoke(cli, ["store", "convert", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert "2 articles" in result.output
    assert snapshot(EmbeddedStore(new)) == snapshot(direct)
    again = CliRunner().invoke(cli, ["store", "convert", str(old), str(new)])
    assert again.exit_code == 1 and "exists already" in again.output


def test_old_default_store_is_named_with_its_conversion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".econgraph").mkdir()
    (tmp_path / ".econgraph" / "graph.econgraph").write_bytes(b"ECONGRAPH-STORE\n{}\n")
    result = CliRunner().invoke(cli, ["stats"])
    assert result.exit_code != 0
    assert "econgraph store convert .econgraph/graph.econgraph .econgraph/graph.sqlite" in result.output


def test_neo4j_statements_bind_only_schema_names() -> None:
    from econgraph.graph import neo4j_cypher as cy

    assert "MATCH (n:Company)" in cy.bind(cy.COUNT_NODES, "Company")
    assert "[r:LOCATED_IN]" in cy.bind(cy.READ_FACTS, rtype="LOCATED_IN", start="Company", end="County")
    with pytest.raises(ValueError, match="not a label"):
        cy.bind(cy.COUNT_NODES, "Company) DETACH DELETE (n")
    with pytest.raises(ValueError, match="not a relationship type"):
        cy.bind(cy.COUNT_RELATIONSHIPS, rtype="X]->() DELETE r //")
    with pytest.raises(ValueError, match="left unbound"):
        cy.bind(cy.READ_FACTS, rtype="LOCATED_IN", start="Company")
