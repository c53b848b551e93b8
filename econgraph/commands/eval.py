"""``econgraph eval``: extraction quality against gold files (library: ``econgraph.evaluate``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from econgraph.commands._common import library_errors

FILE_COLUMNS = ("file", "company_P", "company_R", "company_F1", "county_link_acc", "institution_R",
                "triple_P", "triple_R", "triple_F1", "county_P", "county_R", "program_P", "program_R",
                "industry_P", "industry_R")
TYPE_COLUMNS = ("relation", "predicted", "correct", "P", "gold", "found", "R", "F1")
RULE_COLUMNS = ("relation", "rule", "predicted", "correct", "P")
THRESHOLD_COLUMNS = ("min_confidence", "kept", "correct", "P", "share_of_correct")
SENTENCE_CHARS = 100  # -v shows at most this much of a sentence


def fmt_rate(x: float | None, digits: int = 3) -> str:
    """A rate as the tables show it: ``–`` when its denominator is zero."""
    return "–" if x is None else f"{x:.{digits}f}"


def file_row(score: dict[str, Any]) -> dict[str, str]:
    """One row of the per-file table (a ``FileScore.as_dict()``), every type's P and R included for CSV."""
    from econgraph.evaluate import TRIPLE_TYPES

    pooled = score["triples"]["pooled"] if score["triples"]["files_scored"] else {}
    row = {
        "file": score["file"],
        "company_P": fmt_rate(score["companies"]["precision"]),
        "company_R": fmt_rate(score["companies"]["recall"]),
        "company_F1": fmt_rate(score["companies"]["f1"]),
        "county_link_acc": fmt_rate(score["county_link_accuracy"]),
        "institution_R": fmt_rate(score["institutions"]["recall"]),
        "triple_P": fmt_rate(pooled.get("precision")),
        "triple_R": fmt_rate(pooled.get("recall")),
        "triple_F1": fmt_rate(pooled.get("f1")),
        "county_P": fmt_rate(score["counties"]["precision"]),
        "county_R": fmt_rate(score["counties"]["recall"]),
        "program_P": fmt_rate(score["programs"]["precision"]),
        "program_R": fmt_rate(score["programs"]["recall"]),
        "industry_P": fmt_rate(score["industries"]["precision"]),
        "industry_R": fmt_rate(score["industries"]["recall"]),
    }
    for t in TRIPLE_TYPES:
        pr = score["triples"]["by_type"][t] if pooled else {}
        row[f"{t}_P"] = fmt_rate(pr.get("precision"))
        row[f"{t}_R"] = fmt_rate(pr.get("recall"))
    return row


def type_rows(total: dict[str, Any]) -> list[dict[str, str]]:
    """The per-relationship-type table of a total (``FileScore.as_dict()``): the eight fact types, pooled, then the
    types scored but not pooled."""
    from econgraph.evaluate import EXTRA_TYPES, TRIPLE_TYPES

    rows = []
    by_type = total["triples"]["by_type"]
    extra = [(f"{t} (not pooled)", by_type[t]) for t in EXTRA_TYPES
             if t in by_type and (by_type[t]["extracted"] or by_type[t]["gold"])]
    for name, pr in [*((t, by_type[t]) for t in TRIPLE_TYPES), ("pooled", total["triples"]["pooled"]), *extra]:
        rows.append({"relation": name, "predicted": str(pr["extracted"]), "correct": str(pr["tp"]),
                     "P": fmt_rate(pr["precision"]), "gold": str(pr["gold"]), "found": str(pr["found"]),
                     "R": fmt_rate(pr["recall"]), "F1": fmt_rate(pr["f1"])})
    return rows


def rule_rows(total: dict[str, Any]) -> list[dict[str, str]]:
    """The per-rule table of a total: which rule gave how many triples and how many of them are right
    (a triple two rules gave counts for both), by type, the busiest rule first."""
    rows = []
    for key, pr in total["triples"]["by_rule"].items():
        relation, _, rule = key.partition(" ")
        rows.append({"relation": relation, "rule": rule, "predicted": str(pr["extracted"]),
                     "correct": str(pr["tp"]), "P": fmt_rate(pr["precision"])})
    return sorted(rows, key=lambda r: (r["relation"], -int(r["predicted"]), r["rule"]))


def threshold_rows(total: dict[str, Any]) -> list[dict[str, str]]:
    """What ``--min-confidence X`` keeps, for each confidence the triples have: how many triples, how many
    right, their precision, and the share of all right triples kept."""
    rows, kept, correct = [], 0, 0
    by_conf = total["triples"]["by_confidence"]
    right = sum(pr["tp"] for pr in by_conf.values())
    for conf, pr in sorted(by_conf.items(), key=lambda kv: -float(kv[0])):
        kept, correct = kept + pr["extracted"], correct + pr["tp"]
        rows.append({"min_confidence": conf, "kept": str(kept), "correct": str(correct),
                     "P": fmt_rate(correct / kept if kept else None),
                     "share_of_correct": fmt_rate(correct / right if right else None)})
    return rows


def fact_line(fact: dict[str, str]) -> str:
    sentence = " ".join(fact["sentence"].split())
    if len(sentence) > SENTENCE_CHARS:
        sentence = sentence[: SENTENCE_CHARS - 1] + "…"
    return f"  {fact['file']}  {fact['kind']}  {fact['fact']}" + (f"  「{sentence}」" if sentence else "")


def render_table(data: dict[str, Any], verbose: bool, by_rule: bool = False) -> str:
    from econgraph.commands._common import format_rows
    from econgraph.evaluate import TRIPLE_TYPES

    columns: tuple[str, ...] = FILE_COLUMNS
    if not data["total"]["triples"]["files_scored"]:
        columns = tuple(c for c in FILE_COLUMNS if not c.startswith("triple_"))
    rows = [file_row(f) for f in data["files"]] + [file_row(data["total"])]
    out = [format_rows(rows, columns, "table")]
    total = data["total"]
    if total["triples"]["files_scored"]:
        out += ["", f"typed relations ({total['triples']['files_scored']} files with gold relations; "
                    f"{len(TRIPLE_TYPES)} types):", format_rows(type_rows(total), TYPE_COLUMNS, "table")]
        if by_rule:
            out += ["", "by rule (the `rule` of each triple's evidence; --rule and --min-confidence filter queries):",
                    format_rows(rule_rows(total), RULE_COLUMNS, "table"),
                    "", "at --min-confidence X (triples whose highest confidence is at least X):",
                    format_rows(threshold_rows(total), THRESHOLD_COLUMNS, "table")]
    missed, spurious = total["missed_facts"], total["spurious_facts"]
    if verbose:
        out += ["", f"missed ({len(missed)}): gold facts the graph does not hold"] + [fact_line(f) for f in missed]
        out += ["", f"spurious ({len(spurious)}): graph facts the gold does not hold"]
        out += [fact_line(f) for f in spurious]
    elif missed or spurious:
        out += ["", f"{len(missed)} missed and {len(spurious)} spurious facts (-v lists them with their sentences)"]
    return "\n".join(out)


def register(cli: click.Group) -> None:
    @cli.command("eval")
    @click.option("--gold", "golds", type=click.Path(path_type=Path), multiple=True, required=True,
                  help="Gold file (the format of shared/gold/real-dev.json); repeat for several.")
    @click.option("--texts", "--seeds", "texts", type=click.Path(path_type=Path), multiple=True,
                  help="Folder holding the gold's text files [default: seeds]; one for all gold files, "
                       "or one per --gold in the same order.")
    @click.option("--store", "store_path", type=click.Path(path_type=Path), default=None,
                  help="Score this embedded store instead of extracting in memory.")
    @click.option("--neo4j", is_flag=True, help="Score the Neo4j store (NEO4J_URI …) instead.")
    @click.option("--export", "export_path", type=click.Path(path_type=Path), default=None,
                  help="Score this `econgraph export --format json` file instead.")
    @click.option("--region", default="liaocheng", show_default=True, help="Region pack.")
    @click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                  show_default=True)
    @click.option("-v", "--verbose", is_flag=True, help="List missed and spurious facts with their sentences.")
    @click.option("--by-rule", is_flag=True,
                  help="Also the precision of each extraction rule's triples (CSV: only that table).")
    def eval_cmd(golds: tuple[Path, ...], texts: tuple[Path, ...], store_path: Path | None, neo4j: bool,
                 export_path: Path | None, region: str, fmt: str, verbose: bool, by_rule: bool) -> None:
        """Precision, recall and F1 of companies, county links, institutions and typed relations
        (per type and pooled) against gold files, by the rules of shared/README.md."""
        from econgraph.commands._common import format_rows
        from econgraph.evaluate import TRIPLE_TYPES, evaluate

        if sum((store_path is not None, neo4j, export_path is not None)) > 1:
            raise click.UsageError("--store, --neo4j and --export exclude each other: choose one graph")
        with library_errors():
            if store_path is not None or neo4j:
                from econgraph.graph.stores import open_store

                with open_store(store_path, neo4j=neo4j) as store:
                    report = evaluate(list(golds), store=store, region=region)
            elif export_path is not None:
                report = evaluate(list(golds), export=export_path)
            else:
                report = evaluate(list(golds), texts=list(texts) or [Path("seeds")], region=region)
        for warning in report.warnings:
            click.echo(f"Warning: {warning}", err=True)
        data = report.as_dict()
        if fmt == "json":
            click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        elif fmt == "csv" and by_rule:
            click.echo(format_rows(rule_rows(data["total"]), RULE_COLUMNS, "csv"))
        elif fmt == "csv":
            columns = (*FILE_COLUMNS, *(f"{t}_{m}" for t in TRIPLE_TYPES for m in ("P", "R")))
            rows = [file_row(f) for f in data["files"]] + [file_row(data["total"])]
            click.echo(format_rows(rows, columns, "csv"))
        else:
            click.echo(render_table(data, verbose, by_rule))
