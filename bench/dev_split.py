#!/usr/bin/env python3
"""Score the corpus by the parts a keep rule reads, per file, and compare two such scorings.

Kept in the repository because the coordination scripts of a session live outside it and a new machine loses them
(session 20 began without them). The parts (docs/CORPUS.md): ``tune19``, ``read3`` (fresh12-14), ``fresh15``,
``dev189`` (the sets whose errors nobody reads) split once by a hash of set/file into ``devA`` (where changes are
chosen) and ``devB`` (the confirmation, hidden with ``--blind``), ``fresh16``–``fresh24`` (the tests of
sessions 20–28, read since the session after), the newest test ``fresh25``, and ``seeds``.

    python bench/dev_split.py score --out /tmp/base.json            # every part but the test
    python bench/dev_split.py score --parts fresh25 --out /tmp/t.json
    python bench/dev_split.py score --blind --out /tmp/mine.json    # helpers: devB hidden
    python bench/dev_split.py compare /tmp/base.json /tmp/mine.json [--blind] [--boot 1000] [--pool fresh19,fresh20]
    python bench/dev_split.py groups /tmp/base.json /tmp/t.json     # the session note's table

``score`` prints company F1 / county links / triples P R F1 per part and dev189's per-type P/R (devA's with
``--blind``); ``compare`` prints each part's change, how many files got better or worse on triples and on county
links, and (``--boot N``) a paired bootstrap interval over files for the triples-F1 change — what a difference of
that size means on that many files (not valid on the part a change was chosen on).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_truth import DEFAULT_GOLD_DIR, DEFAULT_TEXTS_DIR, texts_for  # noqa: E402
from corpus_parts import DEFAULT_PARTS, PARTS, TEST_PART, TUNE_PARTS  # noqa: E402,F401  (re-exported: scripts import them from here)

HALVES = ("devA", "devB")
Counts = dict[str, Any]  # measure -> [tp, extracted, found, gold] (company, types), [found, gold] (links)


def half(set_name: str, file_name: str) -> str:
    """devA or devB: fixed by the file's set/name, not by anything its extraction does."""
    return HALVES[hashlib.sha256(f"{set_name}/{file_name}".encode()).digest()[0] % 2]


def score_set(name: str, gold_dir: Path, texts_dir: Path) -> dict[str, Counts] | None:
    """Per-file counts of one set (None when its gold or texts are missing)."""
    from econgraph.evaluate import TRIPLE_TYPES, evaluate

    gold, texts = gold_dir / f"{name}.json", texts_for(name, texts_dir)
    if not gold.is_file() or not texts.is_dir():
        return None
    out: dict[str, Counts] = {}
    for fs in evaluate(gold, texts=texts).files:
        c = fs.companies
        row: Counts = {"company": [c.tp, c.extracted, c.found, c.gold],
                       "links": [fs.county_links.found, fs.county_links.gold]}
        for t in TRIPLE_TYPES:
            pr = fs.triples[t]
            row[t] = [pr.tp, pr.extracted, pr.found, pr.gold]
        out[Path(fs.file).name] = row
    return out


def pool(rows: list[Counts]) -> Counts:
    total: Counts = {}
    for row in rows:
        for k, v in row.items():
            if k == "rules":  # per-rule counts of older scorings: not pooled here
                continue
            total[k] = [x + y for x, y in zip(total.get(k, [0] * len(v)), v, strict=True)]
    return total


def _rate(n: int, d: int) -> float:
    return n / d if d else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def figures(c: Counts) -> dict[str, Any]:
    """Company F1, county links, pooled triples P/R/F1 and per-type (P, R) of pooled counts."""
    tp, ex, fo, go = c["company"]
    types = [k for k in c if k not in ("company", "links", "rules")]
    t = [sum(c[k][i] for k in types) for i in range(4)]
    tp_, tr_ = _rate(t[0], t[1]), _rate(t[2], t[3])
    return {"company": _f1(_rate(tp, ex), _rate(fo, go)), "links": _rate(*c["links"]), "tP": tp_, "tR": tr_,
            "tF": _f1(tp_, tr_), "counts": t,
            "types": {k: (_rate(c[k][0], c[k][1]), _rate(c[k][2], c[k][3])) for k in types}}


def part_rows(per: dict[str, dict[str, Counts]], part: str) -> list[tuple[str, str, Counts]]:
    """(set, file, counts) of a part; devA/devB are halves of dev189."""
    sets = PARTS["dev189"] if part in HALVES else PARTS[part]
    return [(s, f, row) for s in sets for f, row in per.get(s, {}).items() if part not in HALVES or half(s, f) == part]


def without_devb(per: dict[str, dict[str, Counts]]) -> dict[str, dict[str, Counts]]:
    """The per-file counts with devB's files left out: a blind score must not write the confirmation half anywhere
    (session 25: the JSON of ``--blind`` still held devB's rows, and a per-file diff printed them)."""
    return {s: {f: row for f, row in rows.items() if s not in PARTS["dev189"] or half(s, f) != "devB"}
            for s, rows in per.items()}


def parts_in(per: dict[str, dict[str, Counts]], blind: bool) -> list[str]:
    names = [p for p in PARTS if part_rows(per, p)]
    if "dev189" in names:
        names[names.index("dev189") + 1:names.index("dev189") + 1] = list(HALVES)
    return [p for p in names if not blind or p not in ("dev189", "devB")]


def _line(part: str, f: dict[str, Any]) -> str:
    c = f["counts"]
    return (f"{part:8s} company {f['company']:.3f} links {f['links']:.3f} triples {f['tP']:.3f} {f['tR']:.3f} "
            f"{f['tF']:.3f}  ({c[0]}/{c[1]} right, {c[2]}/{c[3]} found)")


def score(args: argparse.Namespace) -> int:
    sets = [s for p in args.parts.split(",") for s in PARTS["dev189" if p in HALVES else p]]
    per = {s: r for s in dict.fromkeys(sets) if (r := score_set(s, args.gold_dir, args.texts_dir)) is not None}
    missing = [s for s in sets if s not in per]
    if missing:
        print("no gold or texts for: " + " ".join(missing))
    if args.blind:
        per = without_devb(per)
    if args.out:
        args.out.write_text(json.dumps(per, ensure_ascii=False), encoding="utf-8")
    for part in parts_in(per, args.blind):
        print(_line(part, figures(pool([r for _, _, r in part_rows(per, part)]))))
    typed = "devA" if args.blind else "dev189"
    if part_rows(per, typed):
        for t, (p, r) in figures(pool([r for _, _, r in part_rows(per, typed)]))["types"].items():
            print(f"   {typed} {t:16s} P {p:.2f} R {r:.2f}")
    return 0


def _net(row: Counts) -> int:
    """Right triples minus wrong ones plus found ones: up when a file gets better."""
    types = [k for k in row if k not in ("company", "links", "rules")]
    return sum(2 * row[k][0] - row[k][1] + row[k][2] for k in types)


def _compare_rows(name: str, pairs: list[tuple[Counts, Counts]], boot: int, rng: random.Random) -> None:
    x, y = figures(pool([b for b, _ in pairs])), figures(pool([a for _, a in pairs]))
    print(f"{name:8s} company {x['company']:.3f}->{y['company']:.3f} links {x['links']:.3f}->{y['links']:.3f} "
          f"triples F {x['tF']:.4f}->{y['tF']:.4f} (P {x['tP']:.3f}->{y['tP']:.3f} R {x['tR']:.3f}->{y['tR']:.3f})")
    better = sum(_net(a) > _net(b) for b, a in pairs)
    worse = sum(_net(a) < _net(b) for b, a in pairs)
    lb = sum(a["links"][0] > b["links"][0] for b, a in pairs)
    lw = sum(a["links"][0] < b["links"][0] for b, a in pairs)
    print(f"  {len(pairs)} files: triples better {better} worse {worse}; county links better {lb} worse {lw}")
    if boot:
        deltas = []
        for _ in range(boot):
            sample = [rng.choice(pairs) for _ in pairs]
            deltas.append(figures(pool([a for _, a in sample]))["tF"] - figures(pool([b for b, _ in sample]))["tF"])
        deltas.sort()
        lo, hi = deltas[int(0.025 * boot)], deltas[int(0.975 * boot) - 1]
        print(f"  triples F1 change {y['tF'] - x['tF']:+.4f}, 95% paired bootstrap over files [{lo:+.4f}, {hi:+.4f}]")


def compare(args: argparse.Namespace) -> int:
    before = json.loads(args.before.read_text(encoding="utf-8"))
    after = json.loads(args.after.read_text(encoding="utf-8"))
    rng = random.Random(1)
    pooled: list[tuple[Counts, Counts]] = []
    wanted = [p for p in (args.pool or "").split(",") if p]
    for part in parts_in(after, args.blind):
        pairs = [(b_row, a_row) for (s, f, a_row) in part_rows(after, part)
                 if (b_row := before.get(s, {}).get(f)) is not None]
        if not pairs:
            continue
        _compare_rows(part, pairs, args.boot, rng)
        if part in wanted:
            pooled += pairs
    if pooled:  # the keep rule's pooled figure over several parts (e.g. the read tests)
        _compare_rows("+".join(wanted), pooled, args.boot, rng)
    return 0


def group_rows(per: dict[str, dict[str, Counts]]) -> list[tuple[str, list[Counts]]]:
    """The note's groups: seeds, real-dev, all tune parts, dev189 and its halves, its Liaocheng and other-region
    pages, the untuned sets, each read test and the newest test with its sets (only groups with files)."""
    lc = [s for s in PARTS["dev189"] if s.endswith("-lc") or s == "lc-untuned"]
    tune = [s for p in TUNE_PARTS for s in PARTS[p]]
    named: list[tuple[str, list[tuple[str, str, Counts]]]] = [
        ("seeds", part_rows(per, "seeds")),
        ("real-dev", [("real-dev", f, r) for f, r in per.get("real-dev", {}).items()]),
        (f"tune ({len(TUNE_PARTS)} parts)", [(s, f, r) for s in tune for f, r in per.get(s, {}).items()]),
        ("dev189", part_rows(per, "dev189")), ("devA", part_rows(per, "devA")), ("devB", part_rows(per, "devB")),
        ("dev189 聊城", [(s, f, r) for s in lc for f, r in per.get(s, {}).items()]),
        ("dev189 other", [(s, f, r) for s in PARTS["dev189"] if s not in lc for f, r in per.get(s, {}).items()]),
        ("untuned", [(s, f, r) for s in ("lc-untuned", "other-untuned") for f, r in per.get(s, {}).items()]),
        (TUNE_PARTS[-1], part_rows(per, TUNE_PARTS[-1])),
        (f"{TEST_PART} (test)", part_rows(per, TEST_PART)),
        *[(s, [(s, f, r) for f, r in per.get(s, {}).items()]) for s in PARTS[TEST_PART]],
    ]
    return [(name, [r for _, _, r in rows]) for name, rows in named if rows]


def groups(args: argparse.Namespace) -> int:
    from econgraph.evaluate import TRIPLE_TYPES

    per: dict[str, dict[str, Counts]] = {}
    for f in args.files:
        per.update(json.loads(f.read_text(encoding="utf-8")))
    print("| group | files | company F1 | links | triples P | R | F1 | " + " | ".join(TRIPLE_TYPES) + " |")
    print("|---" * (7 + len(TRIPLE_TYPES)) + "|")
    for name, rows in group_rows(per):
        c = pool(rows)
        f = figures(c)
        types = " | ".join("/".join(f"{n / d:.2f}" if d else "–" for n, d in ((tp, ex), (fo, go)))
                           for tp, ex, fo, go in (c.get(t, [0, 0, 0, 0]) for t in TRIPLE_TYPES))
        print(f"| {name} | {len(rows)} | {f['company']:.3f} | {f['links']:.3f} | {f['tP']:.3f} | {f['tR']:.3f} | "
              f"{f['tF']:.3f} | {types} |")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sc = sub.add_parser("score", help="score parts per file")
    sc.add_argument("--parts", default=",".join(DEFAULT_PARTS), help="comma-separated parts")
    sc.add_argument("--gold-dir", type=Path, default=DEFAULT_GOLD_DIR)
    sc.add_argument("--texts-dir", type=Path, default=DEFAULT_TEXTS_DIR)
    sc.add_argument("--out", type=Path, help="write the per-file counts here (JSON) for compare")
    sc.add_argument("--blind", action="store_true", help="show devA only of dev189 (devB is the confirmation)")
    cp = sub.add_parser("compare", help="compare two score --out files")
    cp.add_argument("before", type=Path)
    cp.add_argument("after", type=Path)
    cp.add_argument("--blind", action="store_true")
    cp.add_argument("--boot", type=int, default=0, help="paired bootstrap resamples (0: none)")
    cp.add_argument("--pool", help="comma-separated parts also compared pooled (e.g. the read tests)")
    gp = sub.add_parser("groups", help="the groups a session note reports, from score --out files (later wins)")
    gp.add_argument("files", type=Path, nargs="+")
    args = ap.parse_args(argv)
    return {"score": score, "compare": compare, "groups": groups}[args.cmd](args)


if __name__ == "__main__":
    raise SystemExit(main())
