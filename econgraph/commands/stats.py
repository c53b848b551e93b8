"""``econgraph stats``: counts per label and relationship type, from either store."""

from __future__ import annotations

import json
from pathlib import Path

import click

from econgraph.commands._common import format_option, format_rows, library_errors, store_options
from econgraph.commands.query import open_for_reading


@click.command("stats")
@store_options
@format_option
@click.option("--json", "as_json", is_flag=True, help="Same as --format json: {nodes: {...}, relationships: {...}}.")
def stats_command(store: Path | None, neo4j: bool, fmt: str, as_json: bool) -> None:
    """Count nodes per label and relationships per type."""
    target = open_for_reading(store, neo4j)
    with library_errors(), target:
        stats = target.stats()
    if as_json or fmt == "json":
        click.echo(json.dumps({"nodes": stats.nodes, "relationships": stats.relationships}, ensure_ascii=False))
        return
    if fmt == "csv":
        rows = [{"kind": "node", "name": k, "count": v} for k, v in stats.nodes.items()]
        rows += [{"kind": "relationship", "name": k, "count": v} for k, v in stats.relationships.items()]
        click.echo(format_rows(rows, ("kind", "name", "count"), "csv"))
        return
    click.echo(f"Store: {target!r}")
    width = max([len(k) for k in (*stats.nodes, *stats.relationships)] + [13])
    for label, count in stats.nodes.items():
        click.echo(f"  {label:<{width}} {count:>8}")
    click.echo(f"  {'nodes':<{width}} {stats.total_nodes:>8}")
    for rtype, count in stats.relationships.items():
        click.echo(f"  {rtype:<{width}} {count:>8}")
    click.echo(f"  {'relationships':<{width}} {stats.total_relationships:>8}")
    if not stats.total_nodes:
        click.echo("The store is empty: run `econgraph build` first.", err=True)


def register(cli: click.Group) -> None:
    cli.add_command(stats_command)
