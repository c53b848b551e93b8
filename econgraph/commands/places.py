"""``econgraph regions`` and ``econgraph places NAME``: which place data is in use, how a name resolves."""

from __future__ import annotations

import json
from typing import Any

import click

from econgraph.commands._common import format_rows


def register(cli: click.Group) -> None:
    cli.add_command(regions_command)
    cli.add_command(places_command)


@click.command("regions")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def regions_command(fmt: str) -> None:
    """List the national place data and the region packs in use, with sources and versions."""
    from econgraph.loaders.places import regions_summary

    info = regions_summary()
    if fmt == "json":
        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    n = info["national"]
    click.echo(f"National place data ({n['file']}): {n['provinces']} provinces, {n['prefectures']} prefectures, "
               f"{n['counties']} county-level divisions, {n['zones']} zones, "
               f"{n.get('prefecture_zones', 0)} prefecture-named zones without a code (zones.json), "
               f"{n['towns']} towns and streets, "
               f"{n['names']} names")
    for s in n["sources"]:
        click.echo(f"  source: {s['name']} {s['version']} ({s['registry']}, licence {s['licence']}): {s['data']}"
                   f" — {s['used_for']}")
    click.echo("")
    click.echo("Region packs (what a region adds: its own zones, local aliases, industries, programs):")
    click.echo(format_rows(info["packs"], ("pack", "city", "province", "counties", "towns", "industries",
                                           "programs"), "table"))


@click.command("places")
@click.argument("name")
@click.option("--region", default=None, help="The article's prefecture (潍坊市, 潍坊) or a region pack (liaocheng).")
@click.option("--context", "context_text", default="", help="Text to decide the prefecture from (as in an article).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def places_command(name: str, region: str | None, context_text: str, fmt: str) -> None:
    """Show how the place name NAME resolves: its candidates, the county chosen, and why."""
    from econgraph.loaders.places import explain

    ctx, chosen, candidates = explain(name, region, context_text)
    rows = [{"county": p.name, "kind": p.kind, "city": p.city, "province": p.province, "adcode": p.code,
             "aliases": list(p.aliases)} for p in candidates]
    result: dict[str, Any]
    if chosen is None:
        result = {"name": name, "context": ctx.why, "chosen": None, "why": "not a known place name",
                  "candidates": rows}
    else:
        picked = chosen.place
        result = {"name": name, "context": {"city": ctx.city, "province": ctx.province, "why": ctx.why},
                  "level": chosen.level,
                  "chosen": (f"{picked.name} ({picked.city}, {picked.province}, {picked.code})" if picked
                             else (chosen.city or None)),
                  "how": chosen.how, "why": chosen.why, "candidates": rows}
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    c = result["context"]
    click.echo(f"name:      {name}")
    if isinstance(c, dict):
        click.echo(f"context:   {c['city'] or c['province'] or '(none)'} — {c['why']}")
    click.echo(f"chosen:    {result['chosen'] or '(none)'}" + (f" [{result.get('level')}]" if result['chosen'] else ""))
    click.echo(f"why:       {result['why']}")
    if rows:
        click.echo(f"candidates ({len(rows)}):")
        click.echo(format_rows(rows[:30], ("county", "kind", "city", "province", "adcode"), "table"))
        if len(rows) > 30:
            click.echo(f"… and {len(rows) - 30} more")
    if result["chosen"] is None and rows and not region:
        click.echo("hint: give the article's prefecture with --region (e.g. --region 南通市)")
