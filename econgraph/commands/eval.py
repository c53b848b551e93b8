"""``econgraph eval``: extraction quality against a gold file (library: ``econgraph.evaluate``)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from econgraph.commands._common import library_errors

COLUMNS = ("file", "company_P", "company_R", "company_F1", "county_link_acc", "institution_R",
           "county_P", "county_R", "program_P", "program_R", "industry_P", "industry_R")


def _row(score: dict) -> dict:
    return {
        "file": score["file"],
        "company_P": f"{score['companies']['precision']:.3f}",
        "company_R": f"{score['companies']['recall']:.3f}",
        "company_F1": f"{score['companies']['f1']:.3f}",
        "county_link_acc": f"{score['county_link_accuracy']:.3f}",
        "institution_R": f"{score['institutions']['recall']:.3f}",
        "county_P": f"{score['counties']['precision']:.3f}",
        "county_R": f"{score['counties']['recall']:.3f}",
        "program_P": f"{score['programs']['precision']:.3f}",
        "program_R": f"{score['programs']['recall']:.3f}",
        "industry_P": f"{score['industries']['precision']:.3f}",
        "industry_R": f"{score['industries']['recall']:.3f}",
    }


def register(cli: click.Group) -> None:
    @cli.command("eval")
    @click.option("--gold", "gold", type=click.Path(path_type=Path), required=True,
                  help="Gold file (the format of shared/gold/seeds-dev.json).")
    @click.option("--seeds", type=click.Path(path_type=Path), default=Path("seeds"), show_default=True,
                  help="Folder holding the gold's files (used without a store).")
    @click.option("--store", "store_path", type=click.Path(path_type=Path), default=None,
                  help="Score this embedded store instead of extracting in memory.")
    @click.option("--neo4j", is_flag=True, help="Score the Neo4j store (NEO4J_URI …) instead.")
    @click.option("--region", default="liaocheng", show_default=True, help="Region pack.")
    @click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
    def eval_cmd(gold: Path, seeds: Path, store_path: Path | None, neo4j: bool, region: str, fmt: str) -> None:
        """Precision and recall per entity type and company→county link accuracy against a gold file."""
        from econgraph.commands._common import format_rows
        from econgraph.evaluate import evaluate

        with library_errors():
            if store_path is not None or neo4j:
                from econgraph.graph.stores import open_store

                with open_store(store_path, neo4j=neo4j) as store:
                    report = evaluate(gold, store=store, region=region)
            else:
                report = evaluate(gold, seeds=seeds, region=region)
        data = report.as_dict()
        if fmt == "json":
            click.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        rows = [_row(f) for f in data["files"]] + [_row(data["total"])]
        click.echo(format_rows(rows, COLUMNS, "table"))
        total = data["total"]
        for label, key in (("false positives", "false_positives"), ("missed", "missed"),
                           ("wrong county links", "wrong_links")):
            if total[key]:
                click.echo(f"{label}: " + "; ".join(total[key]))
