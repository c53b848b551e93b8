"""``econgraph show ENTITY``: one entity's profile, every tie with the sentence that supports it."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import click

from econgraph.commands._common import format_rows, store_options
from econgraph.commands.query import open_for_reading, query_errors

ARROWS = {"out": "→", "in": "←"}
TIE_COLUMNS = ("relation", "direction", "other", "sentence", "article", "date")


@click.command("show")
@click.argument("entity")
@store_options
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True,
              help="text: the profile; json: the whole profile; csv: one row per tie and evidence sentence.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--max-sentences", default=3, show_default=True, type=click.IntRange(min=0),
              help="Evidence sentences printed per tie.")
def show_command(entity: str, store: Path | None, neo4j: bool, fmt: str, as_json: bool, max_sentences: int) -> None:
    """Profile of ENTITY (a name or alias; Label:name to pick a label) with its evidence sentences."""
    from econgraph.queries.profile import entity_profile

    target = open_for_reading(store, neo4j)
    with query_errors(), target:
        profile = entity_profile(target, entity)
    if fmt == "csv":
        click.echo(format_rows(profile.ties, TIE_COLUMNS, "csv"))
        return
    if as_json or fmt == "json":
        click.echo(json.dumps({
            "label": profile.label, "uid": profile.uid, "name": profile.name, "aliases": list(profile.aliases),
            "ties": profile.ties, "mentions": profile.mentions,
        }, ensure_ascii=False, indent=2))
        return
    click.echo(f"{profile.name} ({profile.label})")
    if profile.aliases:
        click.echo(f"  aliases: {'、'.join(profile.aliases)}")
    click.echo(f"  mentioned in {profile.articles} article(s)")
    for m in profile.mentions:
        click.echo(f"    · {m['other'] or m['article']} {m['date'] or ''}".rstrip())
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for tie in profile.ties:
        groups[(tie["relation"], tie["direction"], tie["other"] or "?")].append(tie)
    if not groups:
        click.echo("  no ties beyond mentions")
    for (relation, direction, other), rows in groups.items():
        click.echo(f"  {ARROWS[direction]} {relation} {other}  ({len(rows)} article(s))")
        for row in rows[:max_sentences]:
            click.echo(f"      “{row['sentence']}” — {row['article'] or '?'} {row['date'] or ''}".rstrip())


def register(cli: click.Group) -> None:
    cli.add_command(show_command)
