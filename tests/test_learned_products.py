"""The learned IN_INDUSTRY product scorer: the shipped model loads, and the training script's name gate works."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from econgraph.loaders import learned_products
from econgraph.loaders.linear import LinearModel, load_model

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "train_learned_products.py"


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("train_learned_products", SCRIPT)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_shipped_model_loads() -> None:
    model = load_model(learned_products.NAME)
    assert model.weights and 0.0 < model.threshold < 1.0
    assert "learned_product" in model.about or "IN_INDUSTRY" in model.about
    assert 0.0 <= model.probability({"kind=word", "src=same"}) <= 1.0


def test_gate_refuses_a_feature_holding_a_name() -> None:
    gate = _script().gate
    model = LinearModel(bias=0.0, weights={"prev=的": 0.5, "head=泓达轴承": 1.0})
    assert gate(model, {"泓达轴承"}) == ["head=泓达轴承"]
    assert gate(model, {"鑫河"}) == []


def test_training_sets_are_tune_sets_only() -> None:
    """The default training sets are the twelve tune parts (55 sets); the dev part the keep rule measures on (dev189:
    devA and devB) and the newest blind test are never among them, and no other part can be chosen."""
    script = _script()
    parts = script.training_sets(",".join(script.TUNE_PARTS))
    assert list(parts) == ["tune19", "read3", "fresh15", "fresh16", "fresh17", "fresh18", "fresh19", "fresh20",
                          "fresh21", "fresh22", "fresh23", "fresh24"]
    sets = [s for part in parts.values() for s in part]
    assert len(sets) == 55 and not set(sets) & script.NEVER
    assert {"lc-untuned", "fresh5-lc", "fresh10-a", "fresh25-a"} <= script.NEVER
    assert list(script.training_sets("tune19,read3")) == ["tune19", "read3"]
    for bad in ("dev189", "devA", "fresh25", "tune19,dev189"):
        with pytest.raises(SystemExit):
            script.training_sets(bad)


def test_shipped_choice_is_the_session15_sets_alone() -> None:
    """The default retrains on the shipped model's sets: its session-15 sets (tune17 without fresh11, and dev189), never mixed."""
    script = _script()
    parts = script.training_sets(script.SHIPPED)
    sets = parts[script.SHIPPED]
    assert "lc-untuned" in sets and "real-dev" in sets and not any(s.startswith("fresh11") for s in sets)
    assert not any(s.startswith(("fresh12", "fresh18", "fresh19", "fresh20", "fresh21", "fresh22", "fresh23", "fresh24", "fresh25")) for s in sets)
    with pytest.raises(SystemExit):
        script.training_sets(f"{script.SHIPPED},tune19")


def test_all_choice_is_the_tune_parts_and_dev189_never_the_test() -> None:
    """``all`` (session 26, retrain26b): the tune parts and dev189, each its own part (one ``--part-folds`` model
    per left-out part), never a set of the newest test; it is not mixed with other choices."""
    script = _script()
    parts = script.training_sets(script.ALL)
    assert list(parts) == [*script.TUNE_PARTS, "dev189"]
    sets = [s for part in parts.values() for s in part]
    assert "lc-untuned" in sets and "real-dev" in sets and len(sets) == 55 + len(script.PARTS["dev189"])
    assert not set(sets) & set(script.PARTS[script.TEST_PART])
    for bad in (f"{script.ALL},{script.TEST_PART}", f"{script.ALL},tune19", script.TEST_PART):
        with pytest.raises(SystemExit):
            script.training_sets(bad)


@pytest.mark.parametrize(("text", "toks", "prev", "nxt", "fragment"), [
    ("订单量", ["订单", "量"], "年", "9000", True),  # a quantity head
    ("考察组", ["考察组"], "公司", "到", True),  # a group named by what it does
    ("发电机组", ["发电机", "组"], "台", "，", False),  # 机组: a product
    ("装备科", ["装备", "科"], "特种", "创", True),  # 科|创: the edge splits a word the cut left in characters
    ("铝合金绞线", ["铝合金", "绞", "线"], "吨", "项目", False),  # the split word held whole
])
def test_fragments_are_held_back(text: str, toks: list[str], prev: str, nxt: str, fragment: bool) -> None:
    """clause28: candidates that are no whole product word (learned_products._fragment)."""
    cand = learned_products._Cand(0, 0, len(text), text, "word", None, toks, prev, "", nxt, "")
    assert learned_products._fragment(cand) is fragment
