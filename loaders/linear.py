"""Weights for weak cues, learned from the annotated corpus instead of set by hand.

Why: a hand rule decides from one cue at a time. Where several weak cues meet (an investment cue, a
place before the name, the article's county, the word's shape), a weight per cue learned from the gold
files settles them the same way in every article, and its precision is measured by leaving whole
annotated sets out (``cross_validate``), not on the sentences the weights came from.

A stage that uses a model names its candidate's features as short strings (``"rule=same_sentence"``,
``"cue_before"``) and asks ``LinearModel.accept``. Models are data files
(``loaders/rules/<name>.model.json``, made by a ``scripts/train_*.py``); inference is a sum of weights
(no numpy at run time). Features are structural or cue words of the rule lists — never a name from the
corpus: ``check_features`` refuses any feature that contains one.
"""

from __future__ import annotations

import json
import math
import os
import random
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from pathlib import Path

RULES_DIR = Path(__file__).parent / "rules"

Example = tuple[frozenset[str], bool]


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class LinearModel:
    """Logistic regression over binary features; ``threshold`` is the probability a fact needs."""

    bias: float
    weights: Mapping[str, float] = field(default_factory=dict)
    threshold: float = 0.5
    about: str = ""

    def probability(self, features: Iterable[str]) -> float:
        w = self.weights
        unique = features if isinstance(features, (set, frozenset)) else set(features)
        # map over the bound get: the same floats added in the same order as a generator, without a frame per feature
        return _sigmoid(self.bias + sum(map(w.get, unique, repeat(0.0))))

    def accept(self, features: Iterable[str]) -> bool:
        return self.probability(features) >= self.threshold

    def to_json(self) -> dict[str, object]:
        return {
            "about": self.about,
            "threshold": self.threshold,
            "bias": round(self.bias, 6),
            "weights": {k: round(v, 6) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-6},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> LinearModel:
        weights = data.get("weights") or {}
        if not isinstance(weights, dict):
            raise ValueError("model weights must be an object of feature → number")
        return cls(
            bias=float(data.get("bias", 0.0)),  # type: ignore[arg-type]
            weights={str(k): float(v) for k, v in weights.items()},
            threshold=float(data.get("threshold", 0.5)),  # type: ignore[arg-type]
            about=str(data.get("about", "")),
        )


@lru_cache(maxsize=16)
def load_model(name: str) -> LinearModel:
    """The model ``loaders/rules/<name>.model.json``, or the one in ``$ECONGRAPH_MODELS`` when that folder has it.

    The override is how cross-validation scores a set with a model fitted without it (bench scripts).
    """
    override = os.environ.get("ECONGRAPH_MODELS")
    path = RULES_DIR / f"{name}.model.json"
    if override and (Path(override) / path.name).exists():
        path = Path(override) / path.name
    return LinearModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def train(
    examples: Sequence[Example],
    *,
    l2: float = 1.0,
    epochs: int = 40,
    rate: float = 0.3,
    min_count: int = 3,
    threshold: float = 0.5,
    seed: int = 0,
    about: str = "",
) -> LinearModel:
    """Fit by AdaGrad on the log loss with an L2 penalty; features seen fewer than ``min_count`` times are dropped.

    Deterministic for a given ``seed``: the same examples give the same bytes.
    """
    counts = Counter(f for feats, _ in examples for f in feats)
    kept = {f for f, c in counts.items() if c >= min_count}
    rows = [(sorted(feats & kept), label) for feats, label in examples]
    w: dict[str, float] = dict.fromkeys(sorted(kept), 0.0)
    g2: dict[str, float] = dict.fromkeys(w, 1e-8)
    b, gb2 = 0.0, 1e-8
    n = max(len(rows), 1)
    order = list(range(len(rows)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            feats, label = rows[i]
            p = _sigmoid(b + sum(w[f] for f in feats))
            err = p - (1.0 if label else 0.0)
            gb2 += err * err
            b -= rate * err / math.sqrt(gb2)
            for f in feats:
                g = err + l2 * w[f] / n
                g2[f] += g * g
                w[f] -= rate * g / math.sqrt(g2[f])
    return LinearModel(bias=b, weights=w, threshold=threshold, about=about)


def cross_validate(
    groups: Mapping[str, Sequence[Example]],
    fit: Callable[[Sequence[Example]], LinearModel],
) -> dict[str, list[tuple[float, bool]]]:
    """Each group's (probability, label) pairs from a model fitted on all the other groups."""
    out: dict[str, list[tuple[float, bool]]] = {}
    for held in groups:
        model = fit([ex for g, exs in groups.items() if g != held for ex in exs])
        out[held] = [(model.probability(feats), label) for feats, label in groups[held]]
    return out


def check_features(features: Iterable[str], names: Collection[str]) -> list[str]:
    """Features that contain one of ``names`` (corpus company names, at least 2 characters): none may ship."""
    longer = [n for n in names if len(n) >= 2]
    return sorted({f for f in features for n in longer if n in f})
