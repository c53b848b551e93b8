"""bench/calibrate.py and the confidence table: a rule's confidence is its table entry, proposed from its
precision shrunk towards its type's."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import calibrate
import pytest
from econgraph.graph.model import Evidence, NodeRef, Relationship
from econgraph.loaders.relations import CONF, _table_confidence

BY_RULE = {"LOCATED_IN a": {"tp": 8, "extracted": 10}, "LOCATED_IN c": {"tp": 0, "extracted": 2},
           "SUPPLIES s": {"tp": 0, "extracted": 1}}
TABLE = {"LOCATED_IN": {"a": 0.5, "b": 0.6}, "SUPPLIES": {"s": 0.6}, "PART_OF": {"taxonomy": 1.0}}


def test_propose_shrinks_towards_the_type_and_all_triples() -> None:
    rows = {(r["type"], r["rule"]): r for r in calibrate.propose(BY_RULE, TABLE, prior=4.0)}
    # all triples: 8/13; LOCATED_IN: (8 + 4 * 8/13) / (12 + 4) = 0.6538…; a: (8 + 4 * 0.6538) / 14 = 0.7582
    assert rows[("LOCATED_IN", "a")]["new"] == 0.76
    assert rows[("LOCATED_IN", "b")]["new"] == 0.6 and rows[("LOCATED_IN", "b")]["predicted"] == 0  # kept
    assert rows[("LOCATED_IN", "c")]["old"] is None and rows[("LOCATED_IN", "c")]["new"] == 0.44  # a new entry
    # SUPPLIES: (0 + 4 * 8/13) / 5 = 0.4923; s: (0 + 4 * 0.4923) / 5 = 0.3938 — not 0 from one wrong triple
    assert rows[("SUPPLIES", "s")]["new"] == 0.39
    assert ("PART_OF", "taxonomy") not in rows  # region taxonomy, not extraction


def test_write_table_changes_only_the_confidence_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = tmp_path / "relations.json"
    shutil.copy(calibrate.TABLE, table)
    monkeypatch.setattr(calibrate, "TABLE", table)
    monkeypatch.setattr(calibrate, "ROOT", tmp_path)
    before = table.read_text(encoding="utf-8")
    calibrate.write_table([{"type": "LOCATED_IN", "rule": "name_place", "new": 0.42, "old": 0.9},
                           {"type": "INVESTS_IN", "rule": "brand_new_rule", "new": 0.33, "old": None}])
    after = table.read_text(encoding="utf-8")
    value = json.loads(after)["entries"]["confidence"]["value"]
    assert value["LOCATED_IN"]["name_place"] == 0.42 and value["INVESTS_IN"]["brand_new_rule"] == 0.33
    diff = [d for d in difflib.ndiff(before.splitlines(), after.splitlines()) if d[:2] in ("- ", "+ ")]
    # name_place's line, and INVESTS_IN's last line gaining a comma before the new rule's: nothing else
    assert sorted(d[:2] for d in diff) == ["+ ", "+ ", "+ ", "- ", "- "], diff


def _rel(rule: str, conf: float) -> Relationship:
    return Relationship("LOCATED_IN", NodeRef("Company", "x"), NodeRef("County", "y"),
                        Evidence("a", "s", 0, 1, rule, conf))


def test_a_rule_with_a_table_entry_gets_its_value() -> None:
    assert _table_confidence(_rel("name_place", 0.1)).evidence.confidence == CONF["LOCATED_IN"]["name_place"]
    assert _table_confidence(_rel("no_such_rule", 0.1)).evidence.confidence == 0.1  # another rule's value, as passed
