"""Confidence of each relation rule = its precision on real news it was not written from.

A relationship's ``confidence`` is what ``econgraph query --min-confidence X`` filters on, so it should
say how often a fact of that rule is right. Hand-set values did not: on the 81 unseen articles of
session 13 the facts at confidence ≥ 0.85 were right 66 % of the time and those at ≥ 0.55 63 %.
This script scores the given sets (as ``bench_truth.py``), takes each rule's triples and how many are
right (``econgraph eval --by-rule``), and proposes for every rule of the confidence table
(``loaders/rules/relations.json``, entry ``confidence``)::

    confidence = (correct + k * p_type) / (predicted + k)

— its precision, shrunk towards its type's precision ``p_type`` on the same sets by a prior of ``k``
triples (``--prior``), so a rule that fired twice is not trusted at 0 or 1. A rule that did not fire
keeps its value. ``--write`` stores the proposal; ``--check SETS`` then scores other sets with the
written table and prints, per confidence, the triples and how many are right — calibrate on one part
of the corpus, check on another that played no part::

    python bench/calibrate.py --sets lc-untuned,other-untuned,fresh-lc,fresh-other --write \\
        --check fresh6-lc,fresh6-other

Only aggregate counts are printed, no text: calibrating on a part does not read its errors.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "loaders" / "rules" / "relations.json"
DEFAULT_PRIOR = 4.0
LOWEST, HIGHEST = 0.05, 0.95  # a rule is never certain, nor worthless, from a sample of news


def bench_truth_json(sets: str, extra: list[str]) -> dict[str, Any]:
    """``bench_truth.py --json`` in a fresh interpreter (it reads the confidence table as it is on disk)."""
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_truth.py"), "--sets", sets, "--json", *extra],
                         check=True, capture_output=True, text=True)
    data: dict[str, Any] = json.loads(out.stdout)
    if not data.get("sets"):
        raise SystemExit(f"Error: no set scored of {sets} ({'; '.join(data.get('skipped') or [])})")
    for line in data.get("skipped") or ():
        print(line)
    return data


def propose(by_rule: dict[str, dict[str, Any]], table: dict[str, dict[str, float]],
            prior: float) -> list[dict[str, Any]]:
    """Rows (type, rule, predicted, correct, old, new) for every rule of the table and every rule that gave
    triples (one the table lacks takes another rule's value in the code; it gets an entry of its own)."""
    counts: dict[tuple[str, str], tuple[int, int]] = {}
    for key, pr in by_rule.items():
        t, _, rule = key.partition(" ")
        counts[(t, rule)] = (int(pr["extracted"]), int(pr["tp"]))
    types = {t for t, _ in counts} | {t for t in table if t != "PART_OF"}
    n_all, tp_all = sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values())
    p_all = tp_all / n_all if n_all else None
    p_type: dict[str, float | None] = {}
    for t in types:  # a type's precision, itself shrunk towards all triples' (SUPPLIES fires rarely)
        n = sum(c[0] for (tt, _), c in counts.items() if tt == t)
        tp = sum(c[1] for (tt, _), c in counts.items() if tt == t)
        p_type[t] = None if p_all is None else (tp + prior * p_all) / (n + prior)
    rows = []
    for t in sorted(types):
        for rule in sorted(set(table.get(t, {})) | {r for tt, r in counts if tt == t}):
            n, tp = counts.get((t, rule), (0, 0))
            old = table.get(t, {}).get(rule)
            new = old
            p = p_type[t]
            if n and p is not None:
                new = round(min(HIGHEST, max(LOWEST, (tp + prior * p) / (n + prior))), 2)
            rows.append({"type": t, "rule": rule, "predicted": n, "correct": tp, "old": old, "new": new})
    return rows


def _block(value: dict[str, Any]) -> str:
    """The table as the rules file writes it (one key per line, at the entry's indentation)."""
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n   ")


def write_table(rows: list[dict[str, Any]]) -> None:
    """Store the new values (rules the table lacked get an entry of their own), the rest of the file as it is."""
    text = TABLE.read_text(encoding="utf-8")
    value = json.loads(text)["entries"]["confidence"]["value"]
    old = _block(value)
    if text.count(old) != 1:
        raise SystemExit(f"Error: {TABLE.relative_to(ROOT)}: the confidence table is not laid out one key per line "
                         "(write it so, then run again)")
    for r in rows:
        if r["new"] is not None:
            value.setdefault(r["type"], {})[r["rule"]] = r["new"]
    TABLE.write_text(text.replace(old, _block(value)), encoding="utf-8")


def print_rows(rows: list[dict[str, Any]]) -> None:
    from econgraph.commands._common import format_rows

    def f(x: float | None) -> str:
        return "–" if x is None else f"{x:.2f}"

    table = [{"relation": r["type"], "rule": r["rule"], "predicted": str(r["predicted"]),
              "correct": str(r["correct"]), "P": f(r["correct"] / r["predicted"] if r["predicted"] else None),
              "old": f(r["old"]) if r["old"] is not None else "(none)", "new": f(r["new"])} for r in rows]
    print(format_rows(table, ("relation", "rule", "predicted", "correct", "P", "old", "new"), "table"))


def check(sets: str) -> None:
    """Per confidence on the check sets: triples, right ones, precision; the calibration error (the
    triples' mean |confidence - precision of their confidence|, noisy where a confidence has few triples)
    and the Brier score (lower is better; 0.25 is what a constant 0.5 scores)."""
    from econgraph.commands._common import format_rows
    from econgraph.commands.eval import THRESHOLD_COLUMNS, threshold_rows

    data = bench_truth_json(sets, [])
    by_conf = data["all"]["triples"]["by_confidence"]
    rows, err, brier, n_all = [], 0.0, 0.0, 0
    for conf, pr in sorted(by_conf.items(), key=lambda kv: -float(kv[0])):
        n, tp = pr["extracted"], pr["tp"]
        rows.append({"confidence": conf, "predicted": str(n), "correct": str(tp), "P": f"{tp / n:.3f}"})
        err += n * abs(float(conf) - tp / n)
        brier += tp * (1 - float(conf)) ** 2 + (n - tp) * float(conf) ** 2
        n_all += n
    print(f"\ncheck on {sets}: triples per confidence")
    print(format_rows(rows, ("confidence", "predicted", "correct", "P"), "table"))
    if n_all:
        print(f"calibration error (mean |confidence - precision of its confidence| over triples): {err / n_all:.3f}; "
              f"Brier score (mean (confidence - right)², right = 1 or 0): {brier / n_all:.3f}")
    print("\nat --min-confidence X:")
    print(format_rows(threshold_rows(data["all"]), THRESHOLD_COLUMNS, "table"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", help="comma-separated sets to calibrate on (news the rules were not written from)")
    ap.add_argument("--prior", type=float, default=DEFAULT_PRIOR,
                    help=f"weight, in triples, of the type's precision in a rule's value [default: {DEFAULT_PRIOR}]")
    ap.add_argument("--write", action="store_true", help="store the proposed values in the confidence table")
    ap.add_argument("--check", help="comma-separated sets to check the (written) table on")
    args = ap.parse_args(argv)
    if not args.sets and not args.check:
        ap.error("give --sets to calibrate on, --check to check on, or both")
    if args.sets:
        table = json.loads(TABLE.read_text(encoding="utf-8"))["entries"]["confidence"]["value"]
        data = bench_truth_json(args.sets, [])
        rows = propose(data["all"]["triples"]["by_rule"], table, args.prior)
        print(f"calibrated on {args.sets} ({sum(s['files'] for s in data['sets'].values())} files), prior {args.prior}:")
        print_rows(rows)
        if args.write:
            write_table(rows)
            print(f"written to {TABLE.relative_to(ROOT)}")
    if args.check:
        check(args.check)
    return 0


if __name__ == "__main__":
    sys.exit(main())
