"""graph.model's plain_init: the per-mention frozen dataclasses' faster __init__ keeps the dataclass contract."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from econgraph.graph.model import NodeRef, plain_init


@plain_init
@dataclasses.dataclass(frozen=True)
class Pair:
    a: int
    b: str = "x"


def test_plain_init_keeps_the_frozen_dataclass_contract() -> None:
    """plain_init replaces only how fields are set: signature, defaults, equality, hash, replace, pickling and the
    frozen error stay the dataclass's."""
    p = Pair(1)
    assert (p.a, p.b) == (1, "x") and p == Pair(a=1, b="x") and hash(p) == hash(Pair(1, "x"))
    assert dataclasses.replace(p, b="y") == Pair(1, "y") and pickle.loads(pickle.dumps(p)) == p
    assert repr(p).endswith("Pair(a=1, b='x')") and Pair.__init__.__qualname__ == "Pair.__init__"
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.a = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        Pair()  # type: ignore[call-arg]
    assert NodeRef("Company", "x") == NodeRef(label="Company", uid="x")
