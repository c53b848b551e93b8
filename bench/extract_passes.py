"""N passes of ``Extractor.extract`` over some articles after one warm-up pass: a fixed workload for counting
instructions, which the machine's load does not move (the 2-core VM is shared; timings of one change drift more than
the change is worth).

Usage (the cost of a pass is the run with N=1 minus the run with N=0, which holds the start-up only):
    PYTHONHASHSEED=0 N=1 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \\
        .venv/bin/python bench/extract_passes.py [FILES_OR_DIRS ...]      # seeds/ by default; prints nothing
Add ``--cache-sim=yes --branch-sim=yes`` for misses and mispredicts (perf21 estimated cycles as instructions
+ 10 x L1 misses + 100 x LL misses + 15 x mispredicts).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from econgraph.loaders.documents import load_articles
from econgraph.loaders.extract import Extractor


def main() -> None:
    articles = load_articles([Path(p) for p in (sys.argv[1:] or ["seeds"])]).articles
    extractor = Extractor()
    for article in articles:  # warm-up: lazily built tables, caches of words and names
        extractor.extract(article)
    for _ in range(int(os.environ.get("N", "1"))):
        for article in articles:
            extractor.extract(article)


if __name__ == "__main__":
    main()
