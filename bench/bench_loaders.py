"""Loader throughput next to a naive reader on the same files, same run.

Usage: .venv/bin/python bench/bench_loaders.py [FILES_OR_DIRS ...] [--rounds N] [--copies K]

Baselines: read the bytes, decode UTF-8, split on blank lines (what a loader without layout repair
would do); and ``jieba.lcut(text, HMM=False)`` over the same text, the cheapest step after loading.
Measured: ``load_articles`` (encoding detection, layout repair, article splitting).
Prints characters per second and the ratios; one process, one core.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import jieba
from econgraph.loaders.documents import load_articles
from econgraph.loaders.reading import iter_input_files


def _best(fn: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", default=["seeds"])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--copies", type=int, default=20, help="copies of each input file (more text per round)")
    args = parser.parse_args()
    files = [p for p in iter_input_files([Path(p) for p in args.paths]) if isinstance(p, Path)]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for k in range(args.copies):
            for f in files:
                shutil.copy(f, root / f"{k:04d}_{f.name}")
        inputs = sorted(root.iterdir())
        chars = sum(len(p.read_text(encoding="utf-8")) for p in inputs)

        def baseline() -> int:
            n = 0
            for p in inputs:
                n += len([b for b in p.read_bytes().decode("utf-8").split("\n\n") if b.strip()])
            return n

        def loader() -> int:
            return len(load_articles([root]).articles)

        texts = [p.read_text(encoding="utf-8") for p in inputs]

        def tokenizer() -> int:
            return sum(len(jieba.lcut(t, HMM=False)) for t in texts)

        loader()  # warm up imports and regex caches
        jieba.initialize()
        t_base = _best(baseline, args.rounds)
        t_load = _best(loader, args.rounds)
        t_jieba = _best(tokenizer, max(1, args.rounds // 2))
        articles = loader()
    print(f"input: {len(inputs)} files, {chars} characters, {articles} articles")
    print(f"baseline (read + split on blank lines): {chars / t_base:12,.0f} chars/s")
    print(f"load_articles (detect + repair + split): {chars / t_load:12,.0f} chars/s")
    print(f"jieba.lcut(HMM=False) on the same text:  {chars / t_jieba:12,.0f} chars/s")
    print(f"ratio loader/read-and-split: {t_base / t_load:.4f} (loader is {t_load / t_base:.0f}x slower)")
    print(f"ratio loader/jieba: {t_jieba / t_load:.2f} (loader throughput relative to plain jieba cut)")


if __name__ == "__main__":
    main()
