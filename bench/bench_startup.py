"""Start-up cost of a build with the national place data: ``econgraph build`` of one short article.

Usage: .venv/bin/python bench/bench_startup.py [--baseline /work/main] [--runs 7]

Times (wall clock and CPU of the child, medians of ``--runs`` fresh processes) ``econgraph build ONE_ARTICLE --store TMP``
with this checkout's console script and, when ``--baseline`` names another checkout with its own
``.venv``, with that one; also the in-process cost of loading the national gazetteer (import + JSON +
name table). Prints the seconds, the difference and the ratio (this / baseline).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "本报讯 寿光市一家企业在昆山投资建厂。该项目位于寿光经济开发区，总投资5亿元。\n"


def _cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _build_seconds(econgraph: Path, runs: int) -> tuple[float, float]:
    """(wall, CPU) seconds, medians: CPU (user + system of the child) hardly moves with the machine's load."""
    wall, cpu = [], []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "one.txt"
        src.write_text(ARTICLE, encoding="utf-8")
        for k in range(runs + 1):
            store = Path(tmp) / f"s{k}.db"
            c0, t0 = _cpu_children(), time.perf_counter()
            subprocess.run([str(econgraph), "build", str(src), "--store", str(store)], check=True,
                           capture_output=True, cwd=tmp)
            if k:  # the first run warms the file cache
                wall.append(time.perf_counter() - t0)
                cpu.append(_cpu_children() - c0)
    return statistics.median(wall), statistics.median(cpu)


def _gazetteer_seconds(python: str, runs: int) -> float:
    code = ("import time; import econgraph.graph.model; t=time.process_time(); "
            "from econgraph.loaders.places import load_gazetteer; load_gazetteer(); print(time.process_time()-t)")
    return statistics.median(float(subprocess.run([python, "-c", code], check=True, capture_output=True,
                                                  text=True).stdout) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, default=None, help="another checkout with its own .venv")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    gaz = _gazetteer_seconds(sys.executable, args.runs)
    print(f"national gazetteer load (import + JSON + name table, CPU in process): {gaz:.3f} s")
    this = _build_seconds(ROOT / ".venv" / "bin" / "econgraph", args.runs)
    print(f"build start-up, this checkout ({ROOT}): wall {this[0]:.3f} s, CPU {this[1]:.3f} s")
    if args.baseline:
        base = _build_seconds(args.baseline / ".venv" / "bin" / "econgraph", args.runs)
        print(f"build start-up, baseline ({args.baseline}): wall {base[0]:.3f} s, CPU {base[1]:.3f} s")
        print(f"difference: wall {this[0] - base[0]:+.3f} s, CPU {this[1] - base[1]:+.3f} s (target <= +1.0 s); "
              f"ratio: wall {this[0] / base[0]:.2f}x, CPU {this[1] / base[1]:.2f}x")

if __name__ == "__main__":
    main()
