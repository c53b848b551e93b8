"""``econgraph articles PATH...``: list the articles the loaders find (file, uid, date, title, size)."""

from __future__ import annotations

import json
import sys

import click

from econgraph.commands._common import echo_rows, library_errors
from econgraph.loaders.documents import Skipped, iter_documents

COLUMNS = ("file", "uid", "date", "title", "chars")


def register(cli: click.Group) -> None:
    cli.add_command(articles)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--pattern", "-p", "patterns", multiple=True, default=("*.txt",), show_default=True,
    help="File-name pattern to read inside directories (repeatable), e.g. -p '*.txt' -p '*.md'.",
)
@click.option("--year", type=click.IntRange(1800, 2200), default=None,
              help="Year for dates written as month and day only, when the page gives none.")
@click.option("--text", "with_text", is_flag=True, help="JSON only: include subtitle, section, byline and body.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
    help="Output format.",
)
def articles(paths: tuple[str, ...], patterns: tuple[str, ...], year: int | None, with_text: bool, fmt: str) -> None:
    """List the articles found in PATH... (files or directories, read recursively).

    Unreadable inputs (binary, empty, undecodable) are reported on stderr, one line each; the
    others are still listed, and the exit status is 1 when anything was skipped.
    """
    rows: list[dict[str, object]] = []
    skipped: list[Skipped] = []
    with library_errors():
        for doc in iter_documents(paths, patterns, year=year):
            if isinstance(doc, Skipped):
                skipped.append(doc)
                click.echo(f"Error: {doc.path}: {doc.reason}", err=True)
                continue
            for art in doc:
                row: dict[str, object] = {
                    "file": art.source,
                    "uid": art.uid,
                    "date": art.date,
                    "title": art.title,
                    "chars": len(art.text),
                }
                if with_text and fmt == "json":
                    row.update(index=art.index, section=art.section, subtitle=art.subtitle,
                               byline=art.byline, sha256=art.sha256, text=art.text)
                rows.append(row)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        echo_rows(rows, COLUMNS, fmt)
    if skipped:
        sys.exit(1)
