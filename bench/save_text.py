#!/usr/bin/env python3
"""Save one stored page's excerpt as a corpus text and check it against the manifest (docs/CORPUS.md, "Restoring").

    python bench/save_text.py URL_OR_SET/FILE < excerpt.json     # stdin: the excerpt's JSON string literal, or raw text

The key is the page's url (any manifest file with that url) or ``set/file``. The text goes to
``<texts-dir>/<set>/<file>``; a trailing newline or surrounding whitespace the excerpt lost or gained is tried both
ways against the manifest's sha256. Prints OK / DIFF (length against the manifest's) / UNKNOWN per file; exit 1 on
any DIFF, 3 when the key is not in the manifest. A text that already matches is never overwritten.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_truth import DEFAULT_GOLD_DIR, DEFAULT_TEXTS_DIR  # noqa: E402


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("key", help="the page's url, or SET/FILE")
    ap.add_argument("--texts-dir", type=Path, default=DEFAULT_TEXTS_DIR)
    ap.add_argument("--manifest", type=Path, default=DEFAULT_GOLD_DIR / "manifest.json")
    args = ap.parse_args(argv)
    sets = json.loads(args.manifest.read_text(encoding="utf-8"))["sets"]
    set_name, _, file_name = args.key.partition("/")
    if set_name in sets and file_name in sets[set_name]["files"]:
        hits = [(set_name, file_name)]
    else:
        hits = [(s, f) for s, v in sets.items() for f, info in v["files"].items() if info.get("url") == args.key]
    if not hits:
        print(f"UNKNOWN: {args.key} is not in {args.manifest}")
        return 3
    raw = sys.stdin.read().strip()
    text = json.loads(raw) if raw.startswith('"') else raw
    rc = 0
    for s, f in hits:
        info, path = sets[s]["files"][f], args.texts_dir / s / f
        if path.is_file() and _sha(path.read_text(encoding="utf-8")) == info["sha256"]:
            print(f"ALREADY OK {s}/{f}")
            continue
        good = next((c for c in (text, text.rstrip("\n"), text + "\n", text.strip()) if _sha(c) == info["sha256"]), None)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text if good is None else good, encoding="utf-8")
        if good is None:
            print(f"DIFF {s}/{f}: {len(text)} chars, manifest {info.get('chars')}")
            rc = 1
        else:
            print(f"OK {s}/{f}")
    return rc


if __name__ == "__main__":
    raise SystemExit(main())
