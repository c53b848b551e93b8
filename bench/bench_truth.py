#!/usr/bin/env python3
"""Extraction against every gold corpus in one table: each corpus × each measure.

The gold files are ``<gold-dir>/<set>.json``; their texts, fetched by anyone from the urls and
queries of the gold's ``sources`` (they are not in the repository), are ``<texts-dir>/<set>/*.txt``
(``seeds-dev`` reads the repository's ``seeds/`` unless ``<texts-dir>/seeds-dev`` exists; the default
texts dir is ``$ECONGRAPH_TEXTS_DIR``, else ``/work/corpus/texts``). A set
whose gold or texts are missing is skipped with a printed line. Each set is extracted in memory and
scored by ``econgraph.evaluate`` — what ``econgraph eval --gold G --texts DIR`` prints as its total.

    python bench/bench_truth.py                                   # tests/fixtures/gold, $ECONGRAPH_TEXTS_DIR
    python bench/bench_truth.py --gold-dir tests/fixtures/gold --gold-dir /work/corpus/gold
    python bench/bench_truth.py --sets real-dev,lc-tune --json

Measures: company P/R/F1, county-link accuracy, institution recall, typed relations (triples) P/R/F1
pooled over the eight types, and P/R per type; an ``all`` column pools the counts of every set scored.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SETS = ("seeds-dev", "real-dev", "lc-tune", "lc-untuned", "other-tune", "other-untuned", "fresh-lc", "fresh-other",
        "n2", "p2", "t3-lc", "t3-other", "t4-lc", "t4-other", "fresh2-lc", "fresh2-other",
        "fresh3-lc", "fresh3-other", "t5-lc", "t5-other", "fresh4-lc", "fresh4-other",
        "fresh5-lc", "fresh5-other", "fresh6-lc", "fresh6-other", "fresh7-lc", "fresh7-other",
        "fresh8-a", "fresh8-b", "fresh9-a", "fresh9-b",
        "fresh10-a", "fresh10-b", "fresh11-a", "fresh11-b", "fresh12-lc", "fresh12-a", "fresh12-b",
        "fresh13-lc", "fresh13-a", "fresh13-b", "fresh14-lc", "fresh14-a", "fresh14-b", "fresh14-c",
        "fresh15-lc", "fresh15-a", "fresh15-b", "fresh15-c",
        "fresh16-lc", "fresh16-a", "fresh16-b", "fresh16-c",
        "fresh17-a", "fresh17-b", "fresh17-c", "fresh18-a", "fresh18-b", "fresh18-c",
        "fresh19-a", "fresh19-b", "fresh20-a", "fresh20-b",
        "fresh21-a", "fresh21-b", "fresh22-a", "fresh22-b")
DEFAULT_GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
DEFAULT_TEXTS_DIR = Path(os.environ.get("ECONGRAPH_TEXTS_DIR", "/work/corpus/texts"))  # outside the repository


@dataclass
class SetResult:
    name: str
    gold: Path
    texts: Path
    files: int = 0
    seconds: float = 0.0
    total: Any = None  # econgraph.evaluate.FileScore
    warnings: list[str] = field(default_factory=list)


def texts_for(name: str, texts_dir: Path) -> Path:
    own = texts_dir / name
    if name == "seeds-dev" and not own.is_dir():
        return ROOT / "seeds"
    return own


def find_sets(names: list[str], gold_dirs: list[Path], texts_dir: Path) -> tuple[list[tuple[str, Path, Path]],
                                                                              list[str]]:
    """(set, gold file, texts folder) of the sets that can be scored, and a line for each one skipped.

    A set's gold file is ``<set>.json`` in the first of ``gold_dirs`` that has one.
    """
    found, skipped = [], []
    for name in names:
        golds = [d / f"{name}.json" for d in gold_dirs if (d / f"{name}.json").is_file()]
        gold, texts = (golds[0] if golds else gold_dirs[0] / f"{name}.json"), texts_for(name, texts_dir)
        if not golds:
            skipped.append(f"skip {name}: no gold file {name}.json in {', '.join(str(d) for d in gold_dirs)}")
        elif not texts.is_dir():
            skipped.append(f"skip {name}: no texts folder {texts}")
        else:
            found.append((name, gold, texts))
    return found, skipped


def run_set(name: str, gold: Path, texts: Path, region: str = "liaocheng") -> SetResult:
    from econgraph.evaluate import evaluate

    res = SetResult(name, gold, texts)
    t0 = time.perf_counter()
    report = evaluate(gold, texts=texts, region=region)
    res.seconds = time.perf_counter() - t0
    res.files, res.total, res.warnings = len(report.files), report.total, report.warnings
    return res


def pooled(results: list[SetResult]) -> Any:
    from econgraph.evaluate import FileScore

    total = FileScore("all")
    for r in results:
        total.add(r.total)
    return total


def measures(total: Any) -> list[tuple[str, str]]:
    """(measure, cell) rows of one corpus' total (a ``FileScore``)."""
    from econgraph.evaluate import TRIPLE_TYPES

    def f(x: float | None) -> str:
        return "–" if x is None else f"{x:.3f}"

    c, tri = total.companies, total.triples_pooled
    scored = total.triples_scored > 0
    rows = [
        ("company P", f(c.precision)), ("company R", f(c.recall)), ("company F1", f(c.f1)),
        ("  found / gold / false pos.", f"{c.found}/{c.gold}/{c.extracted - c.tp}"),
        ("county links", f(total.link_accuracy)),
        ("  correct / scored", f"{total.county_links.found}/{total.county_links.gold}"),
        ("institutions R", f(total.institutions.recall)),
        ("  found / gold", f"{total.institutions.found}/{total.institutions.gold}"),
        ("triples P", f(tri.precision) if scored else "–"),
        ("triples R", f(tri.recall) if scored else "–"),
        ("triples F1", f(tri.f1) if scored else "–"),
        ("  correct / predicted", f"{tri.tp}/{tri.extracted}" if scored else "–"),
        ("  found / gold", f"{tri.found}/{tri.gold}" if scored else "–"),
    ]
    for t in TRIPLE_TYPES:
        pr = total.triples[t]
        cell = f"{f(pr.precision)} / {f(pr.recall)}  ({pr.extracted}/{pr.gold})" if scored else "–"
        rows.append((f"{t} P / R", cell))
    return rows


def as_json(results: list[SetResult], skipped: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"sets": {}, "skipped": skipped}
    for r in results:
        out["sets"][r.name] = {"gold": str(r.gold), "texts": str(r.texts), "files": r.files,
                               "seconds": round(r.seconds, 2), "warnings": r.warnings,
                               "total": _strip(r.total.as_dict())}
    if results:
        out["all"] = _strip(pooled(results).as_dict())
    return out


def _strip(d: dict[str, Any]) -> dict[str, Any]:
    """A total without its long fact lists (``econgraph eval -v`` shows those)."""
    return {k: v for k, v in d.items() if k not in ("missed_facts", "spurious_facts", "false_positives", "missed",
                                                      "wrong_links")}


def render(results: list[SetResult]) -> str:
    from econgraph.commands._common import format_rows

    columns = ["measure", *(r.name for r in results)] + (["all"] if len(results) > 1 else [])
    header = [("files", [str(r.files) for r in results] + ([str(sum(r.files for r in results))]
                                                             if len(results) > 1 else []))]
    cols = [measures(r.total) for r in results] + ([measures(pooled(results))] if len(results) > 1 else [])
    rows = [dict(zip(columns, [name, *cells], strict=True)) for name, cells in header]
    for i, (name, _) in enumerate(cols[0]):
        rows.append(dict(zip(columns, [name, *(c[i][1] for c in cols)], strict=True)))
    return format_rows(rows, columns, "table")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold-dir", type=Path, action="append",
                    help=f"folder of <set>.json gold files; repeat: the first that has a set's file wins "
                         f"[default: {DEFAULT_GOLD_DIR.relative_to(ROOT)}]")
    ap.add_argument("--texts-dir", type=Path, default=DEFAULT_TEXTS_DIR, help="folder of <set>/ text folders")
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated sets, in column order")
    ap.add_argument("--region", default="liaocheng")
    ap.add_argument("--json", action="store_true", help="print JSON instead of the table")
    ap.add_argument("--by-rule", action="store_true",
                    help="also each extraction rule's triples and their precision, the sets pooled")
    args = ap.parse_args(argv)

    from econgraph.errors import EcongraphError

    found, skipped = find_sets([s for s in args.sets.split(",") if s], args.gold_dir or [DEFAULT_GOLD_DIR],
                               args.texts_dir)
    results = []
    for name, gold, texts in found:
        try:
            results.append(run_set(name, gold, texts, args.region))
        except EcongraphError as exc:
            skipped.append(f"skip {name}: {exc}")
    if args.json:
        print(json.dumps(as_json(results, skipped), ensure_ascii=False, indent=2))
        return 0
    for line in skipped:
        print(line)
    for r in results:
        for w in r.warnings:
            print(f"warning {r.name}: {w}")
    if results:
        print(render(results))
        print("(type rows: precision / recall  (predicted/gold); – = nothing to divide by)")
        if args.by_rule:
            from econgraph.commands._common import format_rows
            from econgraph.commands.eval import RULE_COLUMNS, THRESHOLD_COLUMNS, rule_rows, threshold_rows

            total = pooled(results).as_dict()
            print(f"\nby rule, {len(results)} sets pooled:")
            print(format_rows(rule_rows(total), RULE_COLUMNS, "table"))
            print("\nat --min-confidence X:")
            print(format_rows(threshold_rows(total), THRESHOLD_COLUMNS, "table"))
    else:
        print("no set to score")
    return 0


if __name__ == "__main__":
    sys.exit(main())
