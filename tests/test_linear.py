"""The learned-weights model: it learns a cue, is deterministic, and round-trips through JSON."""

from __future__ import annotations

import json

from econgraph.loaders.linear import LinearModel, check_features, cross_validate, train


def _examples() -> list[tuple[frozenset[str], bool]]:
    rows = []
    for i in range(60):
        rows.append((frozenset({"cue", f"noise{i % 3}"}), i % 10 != 0))  # cue: right 9 times in 10
        rows.append((frozenset({"no_cue", f"noise{i % 3}"}), i % 10 == 0))  # no cue: right 1 in 10
    return rows


def test_learns_a_cue_and_its_precision() -> None:
    model = train(_examples(), epochs=60)
    assert model.probability({"cue"}) > 0.75
    assert model.probability({"no_cue"}) < 0.25
    assert model.accept({"cue", "noise1"}) and not model.accept({"no_cue", "noise1"})


def test_same_examples_same_model() -> None:
    assert train(_examples()).to_json() == train(_examples()).to_json()


def test_rare_features_are_dropped() -> None:
    rows = [*_examples(), (frozenset({"once"}), True)]
    assert "once" not in train(rows, min_count=3).weights


def test_json_round_trip() -> None:
    model = train(_examples(), threshold=0.4, about="test")
    again = LinearModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.threshold == 0.4 and again.about == "test"
    assert abs(again.probability({"cue"}) - model.probability({"cue"})) < 1e-4


def test_cross_validation_scores_each_group_with_the_others() -> None:
    rows = _examples()
    out = cross_validate({"a": rows[:60], "b": rows[60:]}, lambda exs: train(exs))
    assert sorted(out) == ["a", "b"] and len(out["a"]) == 60 and len(out["b"]) == 60
    right = sum((p >= 0.5) == label for pairs in out.values() for p, label in pairs)
    assert right >= 100  # the cue generalises across the held-out halves


def test_features_naming_a_corpus_name_are_refused() -> None:
    assert check_features(["word=生产", "prev=甲乙科技"], ["甲乙科技", "丙"]) == ["prev=甲乙科技"]
