"""What several test modules share: paths, the Neo4j connection handle, store snapshots, extraction targets.

Importable as ``helpers`` (``tests/`` is on pytest's ``pythonpath``); fixtures stay in ``conftest.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from econgraph.graph.neo4j_store import Neo4jStore
from econgraph.graph.store import GraphStore
from neo4j_guard import GUARD

from econgraph.config import Neo4jSettings

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SEEDS = ROOT / "seeds"
FIXTURES = TESTS / "fixtures"
GOLD = FIXTURES / "gold" / "seeds-dev.json"  # a copy of ../shared/gold


def assert_meets_extraction_targets(report: Any) -> None:
    """The extraction targets on an ``econgraph.evaluate`` report: company P/R, county links, institution recall."""
    total = report.total
    assert total.companies.precision >= 0.90, total.false_positives
    assert total.companies.recall >= 0.90, total.missed
    assert total.link_accuracy >= 0.90, total.wrong_links
    assert total.institutions.recall >= 0.85, total.missed


@dataclass
class Neo4jHandle:
    uri: str
    username: str
    password: str
    server: Any  # scripts.neo4j_server.Neo4jServer, or None for an external server

    @property
    def auth(self) -> tuple[str, str]:
        return (self.username, self.password)

    def env(self) -> dict[str, str]:
        return {"NEO4J_URI": self.uri, "NEO4J_USERNAME": self.username, "NEO4J_PASSWORD": self.password}

    def driver(self) -> Any:
        from neo4j import GraphDatabase

        return GraphDatabase.driver(self.uri, auth=self.auth)

    def wipe(self) -> None:
        with self.driver() as driver:
            GUARD.wipe(driver, self.uri)


def neo4j_store(handle: Neo4jHandle, batch_size: int = 20_000) -> Neo4jStore:
    return Neo4jStore(Neo4jSettings(handle.uri, handle.username, handle.password), batch_size=batch_size)


def snapshot(store: GraphStore) -> tuple[list, list]:
    nodes = sorted((n.label, n.uid, sorted(n.properties.items())) for n in store.iter_nodes())
    rels = sorted((r.uid, r.type, r.start, r.end, sorted(r.properties.items())) for r in store.iter_relationships())
    return nodes, rels


def invoke(*args: str, **kwargs: Any) -> Any:
    """The CLI through click's CliRunner, as a user types it."""
    from click.testing import CliRunner

    from econgraph.cli import cli

    return CliRunner().invoke(cli, list(args), **kwargs)


def one_line_error(result: Any, exit_code: int = 2) -> str:
    """The single ``Error: …`` line a failing command prints, after checking its exit status."""
    assert result.exit_code == exit_code, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: ")
    return lines[0]


def built_store(path: Path) -> Path:
    """An embedded store at ``path`` holding the two hand-made articles of ``factsfactory``."""
    from econgraph.graph.embedded import EmbeddedStore
    from factsfactory import facts_a, facts_b

    EmbeddedStore(path).load([facts_a(), facts_b()])
    return path


def write_second_pack(tmp_path: Path, industry: str) -> Path:
    """A folder of region packs holding a one-county 德州市 pack (禹城市, town 伦镇, one industry) beside the
    shared vocabulary: what a user adding a region writes. Returns the folder for ``REGIONS_DIR``."""
    from econgraph.loaders import region as region_mod

    regions = tmp_path / "regions"
    (regions / "_zh").mkdir(parents=True)
    (regions / "_zh" / "vocab.json").write_text(
        (region_mod.REGIONS_DIR / "_zh" / "vocab.json").read_text(encoding="utf-8"), encoding="utf-8")
    pack = regions / "dezhou"
    pack.mkdir()
    (pack / "region.json").write_text(json.dumps({
        "name": "德州市", "aliases": ["德州"], "province": "山东省",
        "counties": [{"name": "禹城市", "kind": "县级市", "aliases": ["禹城"]}]}, ensure_ascii=False), encoding="utf-8")
    (pack / "towns.tsv").write_text("伦镇\t禹城市\n", encoding="utf-8")
    (pack / "industries.json").write_text(
        json.dumps({"industries": [{"name": industry, "part_of": None}]}, ensure_ascii=False), encoding="utf-8")
    (pack / "programs.json").write_text(json.dumps({"programs": []}), encoding="utf-8")
    return regions
