#!/usr/bin/env python3
"""Check the corpus texts saved outside the repository against ``tests/fixtures/gold/manifest.json``.

The texts are public pages saved by whoever measures (docs/CORPUS.md, "Getting the texts"); a missing or
mistyped text changes every score silently, so check them before comparing figures with earlier ones.

    python bench/check_texts.py                      # every set, texts in $ECONGRAPH_TEXTS_DIR or /work/corpus/texts
    python bench/check_texts.py --sets t5-lc,t5-other --texts-dir DIR

Per set: how many files match the manifest's sha256, and each file that is missing or differs (with its
length against the manifest's ``chars``, and the ``query`` that finds the page). Exit 1 if any file is missing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_truth import DEFAULT_GOLD_DIR, DEFAULT_TEXTS_DIR  # noqa: E402


def check_set(name: str, files: dict[str, dict[str, object]], folder: Path) -> tuple[int, list[str], list[str]]:
    """(matching files, lines for differing files, lines for missing files)."""
    ok, differ, missing = 0, [], []
    for fname, info in sorted(files.items()):
        path = folder / fname
        if not path.is_file():
            missing.append(f"missing {name}/{fname}: query {info.get('query')!r}, url {info.get('url')}")
            continue
        text = path.read_text(encoding="utf-8")
        if hashlib.sha256(text.encode("utf-8")).hexdigest() == info.get("sha256"):
            ok += 1
        else:
            differ.append(f"differs {name}/{fname}: {len(text)} chars, manifest {info.get('chars')}")
    return ok, differ, missing


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--manifest", type=Path, default=DEFAULT_GOLD_DIR / "manifest.json")
    ap.add_argument("--texts-dir", type=Path, default=DEFAULT_TEXTS_DIR)
    ap.add_argument("--sets", help="comma-separated sets (default: every set of the manifest)")
    args = ap.parse_args(argv)
    sets = json.loads(args.manifest.read_text(encoding="utf-8"))["sets"]
    names = args.sets.split(",") if args.sets else list(sets)
    unknown = [n for n in names if n not in sets]
    if unknown:
        print(f"Error: no set {', '.join(unknown)} in {args.manifest}", file=sys.stderr)
        return 2
    any_missing = False
    for name in names:
        files = sets[name]["files"]
        ok, differ, missing = check_set(name, files, args.texts_dir / name)
        any_missing |= bool(missing)
        print(f"{name}: {ok}/{len(files)} match ({sets[name].get('part', '?')})")
        for line in differ + missing:
            print(f"  {line}")
    return 1 if any_missing else 0


if __name__ == "__main__":
    sys.exit(main())
