"""``econgraph store convert OLD NEW``: an embedded store of the first format (zlib JSON) into the SQLite store."""

from __future__ import annotations

from pathlib import Path

import click

from econgraph.commands._common import library_errors
from econgraph.errors import StoreError


@click.group("store")
def store_group() -> None:
    """Manage the embedded store file."""


@store_group.command("convert")
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False))
def convert_command(old: Path, new: Path) -> None:
    """Convert OLD, a store of the first format (zlib JSON), into a new SQLite store NEW (OLD is only read)."""
    from econgraph.graph.embedded import EmbeddedStore
    from econgraph.graph.legacy import legacy_facts, read_legacy

    with library_errors():
        if new.exists():
            raise StoreError(f"{new} exists already: give a new path for the converted store")
        read_legacy(old)  # refused whole (truncated, corrupted) before NEW is created
        chunk = []
        articles = 0
        with EmbeddedStore(new) as target:
            with target.deferred_save():  # one transaction: a failed conversion leaves an empty NEW
                for item in legacy_facts(old):
                    chunk.append(item)
                    if len(chunk) >= 500:
                        target.load(chunk)
                        articles += len(chunk)
                        chunk = []
                if chunk:
                    target.load(chunk)
                    articles += len(chunk)
            stats = target.stats()
    click.echo(f"Converted {old} into {new}: {articles} articles, {stats.total_nodes} nodes, "
               f"{stats.total_relationships} relationships (one per fact).")


def register(cli: click.Group) -> None:
    cli.add_command(store_group)
