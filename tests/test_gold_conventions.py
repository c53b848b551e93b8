"""Every gold set we annotated keeps the IN_INDUSTRY rule of docs/CORPUS.md: no industry read from a name alone."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import gold_conventions  # noqa: E402


def _article(*companies: str) -> dict:
    return {"companies": [{"name": c, "aliases": []} for c in companies]}


def test_name_only_is_the_name_alone_in_either_script() -> None:
    art = _article("甲乙纸业有限公司")
    assert gold_conventions.name_only(art, {"type": "IN_INDUSTRY", "from": "甲乙纸业有限公司", "to": "纸业",
                                            "evidence": "甲乙纸业有限公司新建厂房"})
    # the text says the field outside the name (a 纸 company, in traditional script): not name-only
    assert not gold_conventions.name_only(art, {"type": "IN_INDUSTRY", "from": "甲乙纸业有限公司", "to": "纸业",
                                                "evidence": "作為一家紙品企業"})
    # a word the name does not hold is no name-derived fact
    assert not gold_conventions.name_only(art, {"type": "IN_INDUSTRY", "from": "甲乙纸业有限公司", "to": "包装",
                                                "evidence": "甲乙纸业有限公司"})
    assert not gold_conventions.name_only(art, {"type": "LOCATED_IN", "from": "甲乙纸业有限公司", "to": "纸业",
                                                "evidence": "甲乙纸业有限公司"})


def test_fixture_golds_hold_no_name_only_industry() -> None:
    bad = [(p.name, f, x["from"], x["to"]) for p in sorted((ROOT / "tests" / "fixtures" / "gold").glob("*.json"))
           if p.name not in ("manifest.json", "real-dev.json")  # real-dev: the issue authors' gold, as they wrote it
           for f, x in gold_conventions.name_only_facts(json.loads(p.read_text(encoding="utf-8")))]
    assert bad == []
