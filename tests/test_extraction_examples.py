"""The examples table (tests/fixtures/extraction_examples.tsv): sentences written for the rules → expected facts.

Every row is one test. ``ok`` rows must give every listed fact (and none of the ``-`` facts); ``gap`` rows are
known failures that must still fail (strict xfail): when a rule fixes one, flip it to ``ok``. The table covers
every stage's rules and every relationship type, with negative examples (aspirations, candidates, quotes,
enumerations, government bodies, spurious names).
"""

from __future__ import annotations

import pytest
from econgraph.loaders.extract import Extractor
from extraction_examples import RELATION_TYPES, check, describe, extract, read_examples

EXAMPLES = read_examples()


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.mark.parametrize(
    "example",
    [pytest.param(e, id=e.id, marks=[pytest.mark.xfail(strict=True, reason="known gap")] if e.status == "gap" else [])
     for e in EXAMPLES],
)
def test_example(example, extractor: Extractor) -> None:
    facts = extract(example.text, extractor)
    failed = [spec for spec in example.facts if not check(facts, spec)]
    assert not failed, f"{example.text}\nfailed: {failed}\ngot: {describe(facts)}"


def test_table_covers_every_relationship_type_and_has_negatives() -> None:
    assert len(EXAMPLES) >= 150
    assert all(e.status in ("ok", "gap") and e.facts for e in EXAMPLES)
    specs = [s for e in EXAMPLES for s in e.facts]
    for rel_type in RELATION_TYPES:
        if rel_type == "PART_OF":
            continue
        assert any(s.startswith(rel_type + ":") for s in specs), rel_type
        assert any(s.startswith("-" + rel_type + ":") for s in specs) or rel_type in ("RUNS", "HAS_INDUSTRY"), rel_type
    negatives = {e.rule.split(".")[0] for e in EXAMPLES if any(s.startswith("-") for s in e.facts)}
    assert {"org", "rel", "quote", "place"} <= negatives


def test_checker_can_fail(extractor: Extractor) -> None:
    """The checker is no rubber stamp: a wrong fact fails, its negation holds."""
    facts = extract("临清市鑫河轴承有限公司获评国家级专精特新“小巨人”企业。", extractor)
    assert check(facts, "HAS_DESIGNATION:临清市鑫河轴承有限公司>专精特新小巨人{level=国家级}")
    assert not check(facts, "HAS_DESIGNATION:临清市鑫河轴承有限公司>专精特新小巨人{level=省级}")
    assert not check(facts, "LOCATED_IN:临清市鑫河轴承有限公司>冠县")
    assert check(facts, "-LOCATED_IN:临清市鑫河轴承有限公司>冠县")
    assert not check(facts, "Company:泓达机械有限公司")
