"""Start-up cost of a build with the national place data: ``econgraph build`` of one short article.

Usage: .venv/bin/python bench/bench_startup.py [--baseline /work/main] [--runs 7]

Times (wall clock, median of ``--runs`` fresh processes) ``econgraph build ONE_ARTICLE --store TMP``
with this checkout's console script and, when ``--baseline`` names another checkout with its own
``.venv``, with that one; also the in-process cost of loading the national gazetteer (import + JSON +
automaton). Prints the seconds, the difference and the ratio (this / baseline).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "本报讯 寿光市一家企业在昆山投资建厂。该项目位于寿光经济开发区，总投资5亿元。\n"


def _build_seconds(econgraph: Path, runs: int) -> float:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "one.txt"
        src.write_text(ARTICLE, encoding="utf-8")
        for k in range(runs + 1):
            store = Path(tmp) / f"s{k}.db"
            t0 = time.perf_counter()
            subprocess.run([str(econgraph), "build", str(src), "--store", str(store)], check=True,
                           capture_output=True, cwd=tmp)
            if k:  # the first run warms the file cache
                times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _gazetteer_seconds(python: str, runs: int) -> float:
    code = ("import time; t=time.perf_counter(); from econgraph.loaders.places import load_gazetteer; "
            "load_gazetteer(); print(time.perf_counter()-t)")
    return statistics.median(float(subprocess.run([python, "-c", code], check=True, capture_output=True,
                                                  text=True).stdout) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, default=None, help="another checkout with its own .venv")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    gaz = _gazetteer_seconds(sys.executable, args.runs)
    print(f"national gazetteer load (import + JSON + automaton, in process): {gaz:.3f} s")
    this = _build_seconds(ROOT / ".venv" / "bin" / "econgraph", args.runs)
    print(f"build start-up, this checkout ({ROOT}): {this:.3f} s")
    if args.baseline:
        base = _build_seconds(args.baseline / ".venv" / "bin" / "econgraph", args.runs)
        print(f"build start-up, baseline ({args.baseline}): {base:.3f} s")
        print(f"difference {this - base:+.3f} s (target <= +1.0 s); ratio {this / base:.2f}x")


if __name__ == "__main__":
    main()
