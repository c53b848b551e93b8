"""Extraction throughput next to plain ``jieba.lcut(text, HMM=False)`` on the same text, same run.

Usage: .venv/bin/python bench/bench_extract.py [FILES_OR_DIRS ...] [--rounds N]
Prints characters per second (of process CPU time) for both and their ratio (extraction / jieba);
one process, one core.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import jieba
from econgraph.loaders.documents import load_articles
from econgraph.loaders.extract import Extractor


def _timed(fn) -> float:
    """CPU seconds of this process: one core's work, not other processes' share of the machine."""
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", default=["seeds"])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    articles = load_articles([Path(p) for p in args.paths]).articles
    texts = [a.text for a in articles]
    chars = sum(len(t) for t in texts)
    jieba.initialize()
    extractor = Extractor()
    for a in articles[:3]:  # warm caches (region automaton, jieba tag table)
        extractor.extract(a)

    def run_jieba() -> None:
        for t in texts:
            jieba.lcut(t, HMM=False)

    def run_extract() -> None:
        for a in articles:
            extractor.extract(a)

    # rounds alternate so that both see the same machine load; the best round of each counts
    t_jieba = t_extract = float("inf")
    for _ in range(args.rounds):
        t_jieba = min(t_jieba, _timed(run_jieba))
        t_extract = min(t_extract, _timed(run_extract))
    print(f"articles: {len(articles)}  characters: {chars}  rounds: {args.rounds} (alternating, best of each)")
    print(f"jieba.lcut(HMM=False): {chars / t_jieba:12,.0f} chars/s")
    print(f"Extractor.extract:     {chars / t_extract:12,.0f} chars/s")
    print(f"ratio extract/jieba:   {t_jieba / t_extract:.2f}")


if __name__ == "__main__":
    main()
