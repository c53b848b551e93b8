#!/usr/bin/env python3
"""Does ``econgraph eval`` agree with the reference scorer (../shared/tools) on the real corpora?

For each set that ``bench_truth.py`` finds (same ``--gold-dir`` / ``--texts-dir`` / ``--sets``):
``econgraph build`` of the gold's text files into a fresh embedded store, ``econgraph export
--format json``, then on that same export ``score.py`` and ``score_triples.py`` (subprocesses) and
``econgraph eval --export`` (the library). Compared: company tp/fp/fn and P/R/F1, county-link
accuracy, institution recall, and per type the four triple counts and P/R, plus pooled triple P/R/F1.
Counts must be equal and rates equal at the precision the reference prints (so within 0.0005). It also prints the figures of
``econgraph eval --texts`` (in-memory extraction, what ``bench_truth.py`` shows), which should be
the same graph. Exit status 1 when a set disagrees.

    python bench/check_scorer.py --gold-dir tests/fixtures/gold --gold-dir /work/corpus/gold
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_truth  # noqa: E402

DEFAULT_TOOLS = Path("/work/shared/tools")
_EXE = Path(sys.executable).with_name("econgraph")
ECONGRAPH = [str(_EXE) if _EXE.exists() else "econgraph"]


def reference(tools: Path, export: Path, gold: Path) -> dict[str, float]:
    """The figures the reference scorer prints, parsed."""
    out: dict[str, float] = {}
    text = subprocess.run([sys.executable, str(tools / "score.py"), str(export), str(gold)], cwd=tools,
                          capture_output=True, text=True, check=True).stdout
    m = re.search(r"companies tp=(\d+) fp=(\d+) fn=(\d+) precision=([\d.]+) recall=([\d.]+)", text)
    m2 = re.search(r"company_f1=([\d.]+) county_link_acc=([\d.]+) institution_recall=([\d.]+)", text)
    if not m or not m2:
        raise RuntimeError(f"score.py printed what this script cannot read:\n{text}")
    out.update(company_tp=int(m[1]), company_fp=int(m[2]), company_fn=int(m[3]), company_P=float(m[4]),
               company_R=float(m[5]), company_F1=float(m2[1]), county_link=float(m2[2]), institution_R=float(m2[3]))
    text = subprocess.run([sys.executable, str(tools / "score_triples.py"), str(export), str(gold)], cwd=tools,
                          capture_output=True, text=True, check=True).stdout
    for t, pred, ok, gl, found, p, r in re.findall(
            r"^(\w+)\s+predicted\s+(\d+) ok\s+(\d+)\s+gold\s+(\d+) found\s+(\d+)\s+P=([\d.]+) R=([\d.]+)", text, re.M):
        out.update({f"{t}_predicted": int(pred), f"{t}_ok": int(ok), f"{t}_gold": int(gl), f"{t}_found": int(found),
                    f"{t}_P": float(p), f"{t}_R": float(r)})
    m = re.search(r"triples_p=([\d.]+) triples_r=([\d.]+) triples_f1=([\d.]+)", text)
    if not m:
        raise RuntimeError(f"score_triples.py printed what this script cannot read:\n{text}")
    out.update(triples_P=float(m[1]), triples_R=float(m[2]), triples_F1=float(m[3]))
    return out


def ours(total: Any) -> dict[str, float | None]:
    """The same figures from an ``econgraph.evaluate`` total (a ``FileScore``)."""
    from econgraph.evaluate import TRIPLE_TYPES

    c = total.companies
    out: dict[str, float | None] = {
        "company_tp": c.found, "company_fp": c.extracted - c.tp, "company_fn": c.gold - c.found,
        "company_P": c.precision, "company_R": c.recall, "company_F1": c.f1,
        "county_link": total.link_accuracy, "institution_R": total.institutions.recall}
    for t in TRIPLE_TYPES:
        pr = total.triples[t]
        out.update({f"{t}_predicted": pr.extracted, f"{t}_ok": pr.tp, f"{t}_gold": pr.gold, f"{t}_found": pr.found,
                    f"{t}_P": pr.precision, f"{t}_R": pr.recall})
    tri = total.triples_pooled
    out.update(triples_P=tri.precision, triples_R=tri.recall, triples_F1=tri.f1)
    return out


def compare(ref: dict[str, float], mine: dict[str, float | None]) -> tuple[float, list[str]]:
    """Largest difference of a 3-decimal rate, and every disagreement.

    Counts must be equal; a rate must equal the reference's at the precision it prints (3 decimals,
    2 for the per-type P and R). A rate we leave undefined (``None``: nothing to divide by) is the
    reference's 0.
    """
    worst, bad = 0.0, []
    for key, want in ref.items():
        got = mine.get(key)
        got = 0.0 if got is None else got
        if isinstance(want, int):
            if got != want:
                bad.append(f"{key}: reference {want}, econgraph {got}")
            continue
        digits = 2 if re.match(r"^[A-Z_]+_[PR]$", key) else 3
        if digits == 3:
            worst = max(worst, abs(got - want))
        if abs(round(got, digits) - want) > 1e-9:
            bad.append(f"{key}: reference {want}, econgraph {got:.4f}")
    return worst, bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold-dir", type=Path, action="append", help="folder of <set>.json (repeat: first wins)")
    ap.add_argument("--texts-dir", type=Path, default=bench_truth.DEFAULT_TEXTS_DIR)
    ap.add_argument("--sets", default=",".join(bench_truth.DEFAULT_SETS))
    ap.add_argument("--tools", type=Path, default=DEFAULT_TOOLS, help="folder of score.py and score_triples.py")
    args = ap.parse_args(argv)
    if not (args.tools / "score.py").is_file() or not (args.tools / "score_triples.py").is_file():
        print(f"no reference scorer in {args.tools}")
        return 2

    from econgraph.evaluate import read_export, read_gold, score

    found, skipped = bench_truth.find_sets([s for s in args.sets.split(",") if s],
                                           args.gold_dir or [bench_truth.DEFAULT_GOLD_DIR], args.texts_dir)
    for line in skipped:
        print(line)
    failed = 0
    print(f"{'set':14s} {'files':>5s}  {'max |Δ| rate':>12s}  counts  in-memory = export  verdict")
    print("(max |Δ| rate: largest difference of a 3-decimal figure: company P/R/F1, county links, institutions, "
          "triples P/R/F1)")
    for name, gold_path, texts in found:
        gold = read_gold(gold_path)
        with tempfile.TemporaryDirectory(prefix="econgraph-check-") as tmp:
            store, export = Path(tmp) / "g.econgraph", Path(tmp) / "export.json"
            files = [str(texts / f) for f in gold["files"] if (texts / f).is_file()]
            if len(files) < len(gold["files"]):
                print(f"skip {name}: {len(gold['files']) - len(files)} of its texts are missing in {texts}")
                continue
            subprocess.run([*ECONGRAPH, "build", "--store", str(store), *files], check=True, capture_output=True)
            subprocess.run([*ECONGRAPH, "export", "--store", str(store), "-o", str(export)], check=True,
                           capture_output=True)
            ref = reference(args.tools.resolve(), export, gold_path.resolve())
            total = score(read_export(export), gold).total
        worst, bad = compare(ref, ours(total))
        in_memory = bench_truth.run_set(name, gold_path, texts).total
        same = ours(in_memory) == ours(total)
        counts_ok = not any(isinstance(ref[k], int) for b in bad for k in [b.split(":")[0]])
        verdict = "agrees" if not bad else "DISAGREES"
        failed += bool(bad)
        print(f"{name:14s} {len(gold['files']):5d}  {worst:12.4f}  {'equal' if counts_ok else 'DIFFER':6s}  "
              f"{'yes' if same else 'no':18s}  {verdict}")
        for b in bad:
            print(f"    {b}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
