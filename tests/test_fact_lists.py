"""Neo4j's evidence lists (``facts.to_lists`` / ``facts.from_lists``): a list left out because the aggregates
imply it comes back exactly."""

from __future__ import annotations

from econgraph.graph.facts import EvidenceRow, aggregate, from_lists, stored_props, to_lists
from hypothesis import given, settings
from hypothesis import strategies as st

_rows = st.lists(
    st.builds(
        EvidenceRow,
        article=st.sampled_from(["a1", "a2", "a3", "a4"]),
        sentence=st.sampled_from(["甲在乙。", "丙与丁。"]),
        start=st.integers(0, 50),
        end=st.integers(51, 99),
        rule=st.sampled_from(["r1", "r2"]),
        confidence=st.sampled_from([0.5, 0.8, 1.0]),
        date=st.sampled_from(["", "2025-04-15", "2025-05", "--04-15"]),
        extras=st.sampled_from([{}, {"count": 1, "first_offset": 3}, {"count": 2, "first_offset": 3},
                                {"level": "省级"}, {"articles": 9}]),
        implied=st.booleans(),
    ),
    min_size=1, max_size=4, unique_by=lambda e: e.article,
)


@settings(max_examples=300, deadline=None)
@given(_rows)
def test_lists_round_trip(rows: list[EvidenceRow]) -> None:
    props = aggregate(rows)
    stored = {**props, **to_lists(rows, props)}
    ordered = sorted(rows, key=EvidenceRow.order)
    # the sentences are kept unless every one is its article's text slice: then the reader cuts them out
    assert ("ev_sentence" in stored) == (not all(e.implied for e in rows))
    sentences = None if "ev_sentence" in stored else [e.sentence for e in ordered]
    back = from_lists(stored, sentences)
    assert sorted(back, key=EvidenceRow.order) == ordered
    assert all(e.implied for e in back) == ("ev_sentence" not in stored)
    assert stored_props(rows) == stored  # the short path for one piece of evidence agrees with the general one
    assert stored_props(rows[:1]) == {**aggregate(rows[:1]), **to_lists(rows[:1], aggregate(rows[:1]))}


def test_a_fact_stated_once_carries_four_lists() -> None:
    row = EvidenceRow("a1", "甲在乙。", 0, 4, "r1", 0.8, "2025-04-15", {"count": 1, "first_offset": 0})
    props = aggregate([row])
    assert sorted(to_lists([row], props)) == ["ev_article", "ev_end", "ev_sentence", "ev_start"]
    # three when the sentence is its article's text[start:end] (the extractor's evidence always is)
    row.implied = True
    assert sorted(to_lists([row], props)) == ["ev_article", "ev_end", "ev_start"]
    assert "ev_sentence" not in stored_props([row])
    [back] = from_lists(stored_props([row]))
    assert back.implied and back.sentence == ""  # not read: the store's readers cut it out of the article


def test_lists_that_differ_are_kept() -> None:
    rows = [EvidenceRow("a1", "甲在乙。", 0, 4, "r1", 0.8, "2025-04-15", {}),
            EvidenceRow("a2", "甲在乙。", 0, 4, "r2", 0.5, "", {"count": 1})]
    props = aggregate(rows)
    assert set(to_lists(rows, props)) >= {"ev_rule", "ev_confidence", "ev_date", "ev_extras"}
