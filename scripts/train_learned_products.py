#!/usr/bin/env python3
"""Train the IN_INDUSTRY product scorer (``loaders/learned_products.py``) from the annotated tune sets.

Runs the extractor over every training set with ``learned_products.RECORDER`` on, labels each (company, candidate)
pair against the set's gold as the scorer matches IN_INDUSTRY triples (the company by name or alias, the industry
by containment either way, at least 2 characters; pairs touching an optional company and files without typed
relations are left out), fits ``loaders.linear.train`` and writes ``loaders/rules/learned_products.model.json``
with the figures of a cross-validation by set (each set scored by a model fitted without it). ``--folds DIR``
also writes ``DIR/<set>/learned_products.model.json`` fitted without that set, for every set (cv_measure.sh);
``--part-folds DIR`` writes ``DIR/<part>/learned_products.model.json`` fitted on the chosen parts without that part,
for every chosen part (the leave-one-part-out comparison of docs/EXTRACTION.md "Session 26, retrain26": score part
P with ``ECONGRAPH_MODELS=DIR/P bench/dev_split.py score --parts P``).
Lexical features (cue words, common jieba words) that contain a gold company name or alias are dropped before
fitting, and the script refuses to write a model any of whose features contains one. Prints counts only.

The training sets are named by ``--train``: ``shipped`` (the default) retrains on the shipped model's session-15
sets, tune17 and dev189 — so dev189's IN_INDUSTRY figures include facts this model learned from dev189's own gold
(docs/EXTRACTION.md "Session 22, retrain22" and "Session 26, retrain26": a tune-only model measured worse on the tune
parts the shipped model never saw, so the shipped one stays); or comma-separated tune parts (``bench/dev_split.py``
TUNE_PARTS), which refuse any dev189 or newest-test set (TEST_PART); or ``all``: the nine tune parts and dev189, each
its own part for ``--part-folds`` (never the newest test; docs/EXTRACTION.md "Session 26, retrain26b": judged on the
eight parts the shipped model never saw, each scored by a model fitted without it, it was worse than the shipped one,
so ``shipped`` stays the default).

    .venv/bin/python scripts/train_learned_products.py [--train tune19,read3 | --train all] [--out F]
        [--folds /tmp/learn-ind/folds] [--part-folds /tmp/learn-ind/parts]
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections.abc import Sequence
from dataclasses import replace
from multiprocessing import Pool
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from bench_truth import DEFAULT_GOLD_DIR, DEFAULT_TEXTS_DIR  # noqa: E402  (texts: $ECONGRAPH_TEXTS_DIR)
from dev_split import PARTS, TEST_PART, TUNE_PARTS  # noqa: E402

# The parts a model may be trained on (a named list each, dev_split's), and the ones it never is: the dev part the
# keep rule measures on and the newest blind test.
CHOICES: dict[str, list[str]] = {p: PARTS[p] for p in TUNE_PARTS}
NEVER = frozenset(PARTS["dev189"]) | frozenset(PARTS[TEST_PART])
# The shipped model's training sets (session 15: tune17 without fresh11 + dev189), kept by name so the shipped model
# can be retrained on what it saw (the rules have moved since, so not byte for byte). The one choice allowed to hold
# dev sets (a tune-only model measured worse on unseen news in session 22: docs/EXTRACTION.md "Session 22,
# retrain22"); trained alone, never mixed with the tune parts.
SHIPPED = "shipped"
SHIPPED_SETS = [s for s in PARTS["tune19"] if not s.startswith("fresh11")] + PARTS["dev189"]
# All our gold but the test (session 26, retrain26b): the nine tune parts and dev189, each its own part (so
# ``--part-folds`` writes one model per left-out part, dev189 included). The newest test is refused.
ALL = "all"
ALL_PARTS: dict[str, list[str]] = {**CHOICES, "dev189": PARTS["dev189"]}

GOLD_DIRS = (DEFAULT_GOLD_DIR,)
TEXTS = DEFAULT_TEXTS_DIR
L2, EPOCHS, MIN_COUNT, THRESHOLD = 100.0, 10, 20, 0.4

Record = tuple[str, frozenset[str], str, frozenset[str]]


def gold_path(name: str) -> Path:
    return next(d / f"{name}.json" for d in GOLD_DIRS if (d / f"{name}.json").is_file())


def records(name: str) -> list[Record]:
    """Every candidate pair the stage lists on set ``name``."""
    from econgraph.loaders import learned_products

    from econgraph.evaluate import extract_files, gold_texts

    _, paths, _ = gold_texts([gold_path(name)], [TEXTS / name])
    learned_products.RECORDER = []
    extract_files(paths)
    out = learned_products.RECORDER
    learned_products.RECORDER = None
    return out


def label(name: str, recs: list[Record]) -> list[tuple[frozenset[str], bool]]:
    """(features, right) of the pairs of files whose gold has typed relations, as the scorer would count them."""
    from econgraph.evaluate import _basename, _close, _n

    files = json.loads(gold_path(name).read_text(encoding="utf-8"))["files"]
    out = []
    for source, names, cand, feats in recs:
        g = files.get(_basename(source))
        if g is None or "relations" not in g:
            continue
        own = {_n(x) for x in names}
        if own & {_n(x) for x in g.get("optional_companies", [])}:
            continue
        alias: dict[str, set[str]] = {}
        for c in g.get("companies", []):
            ns = {_n(c["name"])} | {_n(a) for a in c.get("aliases") or ()}
            for x in ns:
                alias[x] = ns
        right = any(r.get("type") == "IN_INDUSTRY" and own & alias.get(_n(r["from"]), {_n(r["from"])})
                    and _close(_n(cand), _n(r["to"])) for r in g.get("relations", []))
        out.append((feats, right))
    return out


def all_names() -> set[str]:
    """Every gold company name and alias of every gold file (the names no feature may contain)."""
    from econgraph.evaluate import _n

    out: set[str] = set()
    for d in GOLD_DIRS:
        for p in d.glob("*.json"):
            data = json.loads(p.read_text(encoding="utf-8"))
            for g in (data.get("files") or {}).values() if isinstance(data, dict) else ():
                for c in g.get("companies", []):
                    out |= {c["name"], _n(c["name"]), *(c.get("aliases") or ()), *map(_n, c.get("aliases") or ())}
                out |= set(g.get("optional_companies", []))
    return {x for x in out if len(x) >= 2}


def gate(model: Any, names: set[str]) -> list[str]:
    """The model's features that contain a gold company name or alias (the model may ship only when none)."""
    from econgraph.loaders.linear import check_features

    return check_features(model.weights, names)


def _trained_on(parts: dict[str, list[str]]) -> str:
    """The model's `about` names what it saw: the shipped session-15 sets, tune parts with dev189, or tune parts alone."""
    if SHIPPED in parts:
        return "tune17 and dev189 (the shipped session-15 sets; "
    tune = " + ".join(p for p in parts if p != "dev189")
    if "dev189" in parts:
        return f"the tune parts {tune} and dev189 (never {TEST_PART}; "
    return f"the tune parts {tune} (never dev189 nor {TEST_PART}; "


def fit(examples: Sequence[tuple[frozenset[str], bool]], about: str = "") -> Any:
    from econgraph.loaders.linear import train

    return train(examples, l2=L2, epochs=EPOCHS, min_count=MIN_COUNT, threshold=THRESHOLD, about=about)


MODEL_FILE = "learned_products.model.json"


def _write_model(path: Path, model: Any) -> None:
    """The model as the shipped file is written (sorted keys, one-space indent), its folder made if need be."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _fold(args: tuple[str, list[tuple[frozenset[str], bool]]]) -> tuple[str, Any]:
    held, examples = args
    return held, fit(examples)


def pr(pairs: list[tuple[float, bool]], threshold: float) -> tuple[int, int, int]:
    """(right, accepted, positives) at a threshold."""
    acc = [y for p, y in pairs if p >= threshold]
    return sum(acc), len(acc), sum(1 for _, y in pairs if y)


def training_sets(choice: str) -> dict[str, list[str]]:
    """Part -> its sets for a comma-separated ``--train`` choice of tune parts; refuses a dev or test set."""
    parts = [p.strip() for p in choice.split(",") if p.strip()]
    if parts == [SHIPPED]:
        return {SHIPPED: SHIPPED_SETS}
    if parts == [ALL]:
        out = dict(ALL_PARTS)
        test = sorted({s for sets in out.values() for s in sets} & frozenset(PARTS[TEST_PART]))
        if test or TEST_PART in out:
            raise SystemExit(f"refused: {', '.join(test) or TEST_PART} (the test) may never be training data")
        return out
    unknown = [p for p in parts if p not in CHOICES]
    if unknown or not parts:
        raise SystemExit(f"--train: unknown part(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(CHOICES)}")
    out = {p: CHOICES[p] for p in dict.fromkeys(parts)}
    bad = sorted({s for sets in out.values() for s in sets} & NEVER)
    if bad:
        raise SystemExit(f"refused: {', '.join(bad)} may never be training data")
    return out


def main(argv: list[str] | None = None) -> int:
    from econgraph.loaders.linear import RULES_DIR, check_features

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", default=SHIPPED,
                    help=f"'{SHIPPED}' (default: the shipped model's sets, dev189 included), '{ALL}' (the nine tune "
                         f"parts and dev189, never {TEST_PART}) or comma-separated tune parts ({','.join(TUNE_PARTS)})")
    ap.add_argument("--folds", type=Path, help="also write DIR/<set>/learned_products.model.json without that set")
    ap.add_argument("--part-folds", type=Path,
                    help="also write DIR/<part>/learned_products.model.json fitted without that part, for every part")
    ap.add_argument("--out", type=Path, default=RULES_DIR / MODEL_FILE)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cache", type=Path, help="a pickle of the candidate pairs: read when it exists, else written")
    args = ap.parse_args(argv)
    parts = training_sets(args.train)
    sets = [s for part in parts.values() for s in part]
    if args.cache and args.cache.exists():
        recs = pickle.loads(args.cache.read_bytes())
        recs = {s: recs[s] for s in sets}  # KeyError: the cache was written for other sets
    else:
        with Pool(args.jobs) as pool:
            recs = dict(zip(sets, pool.map(records, sets), strict=True))
        if args.cache:
            args.cache.write_bytes(pickle.dumps(recs))
    groups = {s: label(s, recs[s]) for s in sets}
    names = all_names()
    feats = {f for exs in groups.values() for fs, _ in exs for f in fs}
    blocked = frozenset(check_features(feats, names))  # a cue or common word that is also some company's alias
    if blocked:
        groups = {s: [(fs - blocked, y) for fs, y in exs] for s, exs in groups.items()}
        print(f"{len(blocked)} lexical features dropped: they contain a gold company name or alias")
    n = sum(len(x) for x in groups.values())
    pos = sum(y for x in groups.values() for _, y in x)
    print(f"examples {n}, right {pos}, features {len(feats)}")
    with Pool(args.jobs) as pool:
        folds = dict(pool.map(_fold, [(h, [e for g, exs in groups.items() if g != h for e in exs]) for h in sets]))
    cv = {h: [(folds[h].probability(fs), y) for fs, y in groups[h]] for h in sets}
    lines = []
    for part, part_sets in (*parts.items(), *((("all", sets),) if len(parts) > 1 else ())):
        pairs = [x for s in part_sets for x in cv[s]]
        for t in (0.3, THRESHOLD, 0.5):
            r, a, p = pr(pairs, t)
            lines.append(f"{part} at {t}: {r}/{a} right/accepted ({r / max(a, 1):.2f}), positives {p}")
    for line in lines:
        print(line)
    about = ("IN_INDUSTRY from a learned scorer (loaders/learned_products.py): which (company, product candidate) "
             "pairs around the company's own mentions become facts of rule learned_product (at most one a company "
             "and article, only for companies the other rules give no industry). Trained on "
             + _trained_on(parts) + f"{len(sets)} sets, {n} pairs, {pos} right; scripts/train_learned_products.py --train). "
             "Candidate-level CV by set: " + "; ".join(lines))
    model = fit([e for s in sets for e in groups[s]], about)
    bad = gate(model, names)
    if bad:
        print(f"REFUSED: {len(bad)} model features contain a gold company name or alias", file=sys.stderr)
        return 1
    _write_model(args.out, model)
    top = sorted(model.weights.items(), key=lambda kv: -abs(kv[1]))[:20]
    print("bias", round(model.bias, 3), "largest weights:", ", ".join(f"{k} {v:+.2f}" for k, v in top))
    if args.folds:
        for h in sets:
            _write_model(args.folds / h / MODEL_FILE, folds[h])
    if args.part_folds and len(parts) > 1:
        with Pool(args.jobs) as pool:
            part_models = dict(pool.map(_fold, [(held, [e for s in sets if s not in held_sets for e in groups[s]])
                                                for held, held_sets in parts.items()]))
        for held in parts:
            part_model = replace(part_models[held], about=f"{about} Fitted without {held} (--part-folds).")
            if gate(part_model, names):
                print(f"REFUSED: the model without {held} has a feature holding a gold name", file=sys.stderr)
                return 1
            _write_model(args.part_folds / held / MODEL_FILE, part_model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
