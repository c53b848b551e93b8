"""Docs generated from the code: the query reference in docs/QUERIES.md comes from the catalog.

``python scripts/gen_docs.py`` rewrites what stands between the ``<!-- catalog:begin -->`` and
``<!-- catalog:end -->`` markers; ``--check`` only compares and exits 1 when the file is stale
(tests/test_docs.py does the same in the unit lane). The prose around the markers is written by hand.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from econgraph.queries.catalog import CATALOG
from econgraph.queries.spec import CannedQuery, Param

ROOT = Path(__file__).resolve().parent.parent
QUERIES_MD = ROOT / "docs" / "QUERIES.md"
BEGIN, END = "<!-- catalog:begin -->", "<!-- catalog:end -->"
LOCAL = "no (starts from the named entities)"


def _param_type(p: Param) -> str:
    if p.type == "choice":
        return "choice: " + " / ".join(p.choices)
    if p.minimum is not None and p.maximum is not None:
        return f"{p.type}, {p.minimum}–{p.maximum}"
    return p.type


def _param(p: Param) -> str:
    return f"  - `{p.name}` ({_param_type(p)}), default {p.describe_default()} — {p.help}"


def query_section(number: int, q: CannedQuery) -> str:
    lines = [f"### {number}. `{q.name}`", "", f"- 问题: {q.question_zh}", f"- Question: {q.question_en}"]
    if q.params:
        lines += ["- Parameters:", *(_param(p) for p in q.params)]
    lines += [
        "- Columns: " + ", ".join(f"`{c}`" for c in q.columns),
        f"- Order: `ORDER BY {', '.join(map(str, q.order))}` — {q.ordering}",
        f"- Whole-graph scan: {q.scans or LOCAL}",
    ]
    return "\n".join(lines)


def catalog_reference() -> str:
    """Every canned query, in catalog order (``econgraph query list``)."""
    return "\n\n".join(query_section(i, q) for i, q in enumerate(CATALOG.values(), 1))


def with_reference(text: str) -> str:
    """``text`` (docs/QUERIES.md) with the generated reference between its markers."""
    head, begin, rest = text.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not begin or not end:
        raise SystemExit(f"{QUERIES_MD}: the markers {BEGIN} … {END} are missing")
    return f"{head}{BEGIN}\n{catalog_reference()}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if docs/QUERIES.md is stale; change nothing")
    args = ap.parse_args(argv)
    text = QUERIES_MD.read_text(encoding="utf-8")
    fresh = with_reference(text)
    if fresh == text:
        return 0
    if args.check:
        print(f"{QUERIES_MD.relative_to(ROOT)} is stale: run python scripts/gen_docs.py", file=sys.stderr)
        return 1
    QUERIES_MD.write_text(fresh, encoding="utf-8")
    print(f"wrote {QUERIES_MD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
