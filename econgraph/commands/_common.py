"""Shared CLI pieces: store options, output formats, error translation."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from econgraph.errors import EcongraphError, QueryError

if TYPE_CHECKING:
    from econgraph.graph.store import GraphStore


CSV_BOM = "\ufeff"


@contextmanager
def library_errors() -> Iterator[None]:
    """Turn library exceptions into click errors: ``Error: …`` and a non-zero exit."""
    try:
        yield
    except QueryError as exc:
        raise click.UsageError(str(exc)) from exc
    except EcongraphError as exc:
        raise click.ClickException(str(exc)) from exc


def format_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in columns})
        # a UTF-8 byte-order mark first: Excel (Chinese Windows included) then reads the file as UTF-8
        return CSV_BOM + buf.getvalue().rstrip("\n")
    return _table(rows, columns)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(_cell(v) for v in value)
    return str(value)


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    if not rows:
        out.append("(no rows)")
    return "\n".join(out)


def stdout_is_terminal() -> bool:
    import sys

    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def rich_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], width: int | None = None) -> str:
    """The rows as a ``rich`` table at ``width`` (the terminal's by default): CJK characters two cells
    wide, long cells wrapped inside their column, ANSI colours in the header."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, show_edge=False,
                  expand=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*[_cell(row.get(c)) for c in columns])
    console = Console(width=width, force_terminal=True, highlight=False, soft_wrap=False,
                      file=io.StringIO(), color_system="standard")
    with console.capture() as captured:
        console.print(table)
        if not rows:
            console.print("(no rows)")
    return captured.get().rstrip("\n")


def echo_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, pager: bool | None = None) -> None:
    """Print rows. A table on a terminal is drawn by ``rich`` (wrapped to the terminal's width) and goes
    through a pager with ``--pager`` or when it is taller than the screen; anything else (json, csv, or
    stdout not a terminal) is plain text: no ANSI, no wrapping, the same bytes every time."""
    if fmt != "table" or not stdout_is_terminal():
        if pager:
            click.echo_via_pager(format_rows(rows, columns, fmt) + "\n")
        else:
            click.echo(format_rows(rows, columns, fmt))
        return
    import shutil

    size = shutil.get_terminal_size()
    text = rich_table(rows, columns, width=size.columns)
    if pager is None:
        pager = text.count("\n") + 1 > size.lines - 1
    if pager:
        click.echo_via_pager(text + "\n", color=True)
    else:
        click.echo(text, color=True)


pager_option: Callable[[Callable[..., Any]], Callable[..., Any]] = click.option(
    "--pager/--no-pager", "pager", default=None,
    help="Page the output (default: a table taller than the terminal is paged; never when not a terminal).",
)


format_option: Callable[[Callable[..., Any]], Callable[..., Any]] = click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
    help="Output format.",
)


def store_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--store PATH | --neo4j``: which store a command reads or writes (see ``open_store_from_options``)."""
    from econgraph.config import DEFAULT_STORE

    command = click.option(
        "--neo4j", "neo4j", is_flag=True, default=False,
        help="Use Neo4j (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD from the environment or .env).",
    )(command)
    command = click.option(
        "--store", "store", type=click.Path(dir_okay=False, path_type=Path), default=None,
        envvar="ECONGRAPH_STORE", show_envvar=True,
        help=f"Embedded store file [default: {DEFAULT_STORE}].",
    )(command)
    return command


def open_store_from_options(store: Path | None, neo4j: bool) -> GraphStore:
    """The store the options name, or a one-line click error (file or connection named, no password)."""
    from econgraph.graph.stores import open_store

    if store is not None and neo4j:
        raise click.UsageError("--store and --neo4j exclude each other: choose one store")
    with library_errors():
        return open_store(store, neo4j)
