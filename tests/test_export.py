"""Exports: the JSON contract, GraphML that parsers read back, neo4j-admin CSV that neo4j-admin really
imports, and a Cypher script that recreates the graph on a real server."""

from __future__ import annotations

import io
import json
import os
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from econgraph.graph.embedded import EmbeddedStore
from econgraph.graph.export import (
    export,
    import_arguments,
    write_csv,
    write_cypher,
    write_graphml,
    write_json,
)
from econgraph.graph.model import ArticleFacts
from factsfactory import article, entity, facts_a, facts_b, mentions
from helpers import neo4j_store, snapshot

ODD = "O'Brien \"引号\" \\u0041 \\ 反斜杠 `x` $p {q}\x07;|"


def odd_facts() -> ArticleFacts:
    art = article("art-q", f"{ODD}在临清。\r\n第二行\t尾", "seeds/q.txt")
    odd = entity("Company", ODD, aliases=["O'B;x", "a|b"], note="a\nb\tc", flag=True, share=0.25)
    return ArticleFacts(art, [odd], [mentions(art, odd, f"{ODD}在临清。")])


@pytest.fixture
def emb(tmp_path: Path) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "g.econgraph")
    store.load([facts_a(), facts_b(), odd_facts()])
    return store


def test_json_contract(emb: EmbeddedStore) -> None:
    buf = io.StringIO()
    write_json(emb, buf)
    data = json.loads(buf.getvalue())
    assert set(data) == {"nodes", "relationships"}
    ids = {n["id"] for n in data["nodes"]}
    assert len(ids) == len(data["nodes"]) == emb.stats().total_nodes
    for n in data["nodes"]:
        assert set(n) == {"id", "labels", "properties"}
        assert n["id"] == f"{n['labels'][0]}:{n['properties']['uid']}"
    assert len(data["relationships"]) == emb.stats().total_relationships
    for r in data["relationships"]:
        assert set(r) == {"id", "type", "start", "end", "properties"}
        assert r["start"] in ids and r["end"] in ids and r["id"] == r["properties"]["uid"]
    company = next(n for n in data["nodes"] if n["properties"].get("name") == "山东中力汽车零部件制造有限公司")
    assert company["labels"] == ["Company"] and company["properties"]["aliases"] == ["中力", "中力公司", "山东中力"]
    again = io.StringIO()
    write_json(emb, again)
    assert again.getvalue() == buf.getvalue()  # deterministic


@pytest.mark.neo4j
def test_json_is_the_same_from_both_stores(emb: EmbeddedStore, neo4j_clean) -> None:
    with neo4j_store(neo4j_clean) as neo:
        neo.load([facts_a(), facts_b(), odd_facts()])
        a, b = io.StringIO(), io.StringIO()
        write_json(emb, a)
        write_json(neo, b)
        assert a.getvalue() == b.getvalue()


def test_graphml_reads_back(emb: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    with path.open("w", encoding="utf-8") as fh:
        write_graphml(emb, fh)
    g = nx.read_graphml(path, force_multigraph=True)
    assert g.number_of_nodes() == emb.stats().total_nodes
    assert g.number_of_edges() == emb.stats().total_relationships
    assert isinstance(g, nx.MultiDiGraph)
    company = g.nodes["Company:山东中力汽车零部件制造有限公司"]
    assert company["label"] == company["name"] == "山东中力汽车零部件制造有限公司"
    assert company["labels"] == "Company" and company["founded"] == 2008
    assert json.loads(company["aliases"]) == ["中力", "中力公司", "山东中力"]  # lists become strings
    odd = next(attrs for _, attrs in g.nodes(data=True) if attrs.get("labels") == "Company" and attrs["uid"] != company["uid"])
    assert odd["name"] == ODD.replace("\x07", "\ufffd")  # XML 1.0 cannot hold control characters
    assert odd["flag"] is True and odd["share"] == 0.25
    edge_types = sorted(d["type"] for _, _, d in g.edges(data=True))
    assert edge_types.count("MENTIONS") == emb.stats().relationships["MENTIONS"]


def test_csv_headers(emb: EmbeddedStore, tmp_path: Path) -> None:
    files = write_csv(emb, tmp_path / "csv")
    names = {p.name for p in files}
    assert {"nodes_Company.csv", "relationships_LOCATED_IN_Company_County.csv", "import.sh"} <= names
    header = (tmp_path / "csv" / "nodes_Company.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[0] == "uid:ID(Company)" and header[-1] == ":LABEL"
    assert "aliases:string[]" in header and "founded:long" in header and "flag:boolean" in header
    rel_header = (tmp_path / "csv" / "relationships_LOCATED_IN_Company_County.csv").read_text().splitlines()[0]
    assert rel_header.startswith(":START_ID(Company),:END_ID(County),")
    assert rel_header.endswith(",:TYPE") and "confidence:double" in rel_header and "articles:long" in rel_header
    assert "ev_start:long[]" in rel_header and "ev_sentence:string[]" in rel_header  # evidence as parallel lists
    args = import_arguments(tmp_path / "csv")
    assert args[:4] == ["database", "import", "full", "DATABASE"]
    # ';' and '|' occur inside aliases, so another array delimiter is chosen
    assert "--array-delimiter=\u00a6" in args


@pytest.mark.neo4j
@pytest.mark.slow
def test_csv_imports_with_neo4j_admin(emb: EmbeddedStore, tmp_path: Path, neo4j_server) -> None:
    """Run the real neo4j-admin import into a fresh database, start it, and compare with the store."""
    from neo4j_server import Neo4jServer, ensure_jars

    write_csv(emb, tmp_path / "csv")
    home = tmp_path / "home"
    server = Neo4jServer(home=home, pagecache="64m")
    server.lib = ensure_jars()
    for sub in ("conf", "data", "logs", "run", "plugins", "import"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").write_text(server.config(), encoding="utf-8")
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    args = [a if a != "DATABASE" else "neo4j" for a in import_arguments(tmp_path / "csv")]
    done = subprocess.run(server._java("org.neo4j.cli.AdminTool", *args), env=env, cwd=tmp_path / "csv",
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "IMPORT DONE" in done.stdout
    server.start()
    try:
        from econgraph.graph.neo4j_store import Neo4jStore

        from econgraph.config import Neo4jSettings

        with Neo4jStore(Neo4jSettings(server.uri, server.username, server.password)) as imported:
            assert imported.stats() == emb.stats()
            assert snapshot(imported) == snapshot(emb)
    finally:
        server.stop()


@pytest.mark.neo4j
def test_cypher_script_recreates_the_graph(emb: EmbeddedStore, neo4j_clean) -> None:
    buf = io.StringIO()
    write_cypher(emb, buf)
    script = buf.getvalue()
    assert "$" + "p" in script  # the odd name's text, not a parameter
    statements = [line for line in script.splitlines() if line and not line.startswith("//")]
    assert all(s.endswith(";") for s in statements)
    with neo4j_clean.driver() as driver:
        for statement in statements:  # each in its own transaction, as cypher-shell runs them
            with driver.session() as session:
                session.run(statement.rstrip(";")).consume()
    with neo4j_store(neo4j_clean) as neo:
        assert neo.stats() == emb.stats()
        assert snapshot(neo) == snapshot(emb)


def test_export_dispatch(emb: EmbeddedStore, tmp_path: Path) -> None:
    buf = io.StringIO()
    assert export(emb, "json", out=buf) == []
    assert json.loads(buf.getvalue())["nodes"]
    with pytest.raises(ValueError, match="directory"):
        export(emb, "csv")
    assert export(emb, "csv", directory=tmp_path / "c")[-1].name == "import.sh"


def test_gexf_reads_back_with_weights(emb: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "g.gexf"
    with path.open("w", encoding="utf-8") as fh:
        export(emb, "gexf", out=fh)
    g = nx.read_gexf(path)
    assert g.number_of_nodes() == emb.stats().total_nodes
    assert g.number_of_edges() == emb.stats().total_relationships
    mention_weights = sorted(d["weight"] for _, _, d in g.edges(data=True) if d["label"] == "MENTIONS")
    stored = sorted(r.properties["count"] for r in emb.iter_relationships() if r.type == "MENTIONS")
    assert mention_weights == stored


def test_graphml_edges_carry_a_weight(emb: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    with path.open("w", encoding="utf-8") as fh:
        write_graphml(emb, fh)
    g = nx.read_graphml(path, force_multigraph=True)
    weights = [d["weight"] for _, _, d in g.edges(data=True)]
    assert weights and all(isinstance(w, int) and w >= 1 for w in weights)


def test_json_export_opens_with_node_link_graph(emb: EmbeddedStore) -> None:
    """The adapter docs/CONTRACTS.md gives: the contract's key names passed to ``nx.node_link_graph``."""
    data = json.loads(_json_text(emb))
    g = nx.node_link_graph(data, directed=True, multigraph=True, edges="relationships",
                           source="start", target="end", key="id")
    assert g.number_of_nodes() == len(data["nodes"])
    assert g.number_of_edges() == len(data["relationships"])
    rel = data["relationships"][0]
    assert g.edges[rel["start"], rel["end"], rel["id"]]["type"] == rel["type"]


def _json_text(store: EmbeddedStore) -> str:
    buf = io.StringIO()
    write_json(store, buf)
    return buf.getvalue()
