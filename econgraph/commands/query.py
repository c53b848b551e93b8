"""``econgraph query list|show|run`` (the canned queries) and ``econgraph cypher`` (ad-hoc, on Neo4j)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from econgraph.commands._common import (
    echo_rows,
    format_option,
    library_errors,
    open_store_from_options,
    pager_option,
    store_options,
)
from econgraph.config import DEFAULT_STORE
from econgraph.errors import QueryError
from econgraph.graph.store import GraphStore

param_option = click.option(
    "-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
    help="A query parameter; repeat for several (e.g. -p county=临清市).",
)


class OneLineUsageError(click.ClickException):
    """A usage error (exit 2) printed as one ``Error: …`` line, without click's usage banner."""

    exit_code = 2


@contextmanager
def query_errors() -> Iterator[None]:
    """Library errors as click errors; a QueryError (unknown query, entity or parameter) exits 2 on one line."""
    try:
        with library_errors():
            yield
    except click.UsageError as exc:
        raise OneLineUsageError(exc.message) from exc


def quiet_driver() -> None:
    """Neo4j's notifications (e.g. 'property key does not exist' on a sparse graph) are not errors."""
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)


def open_for_reading(store: Path | None, neo4j: bool) -> GraphStore:
    """The store to query; an embedded store that was never built is an error, not an empty answer."""
    if not neo4j:
        from econgraph.graph.embedded import LEGACY_DEFAULT

        path = store if store is not None else DEFAULT_STORE
        if not path.exists() and not (store is None and LEGACY_DEFAULT.exists()):  # the latter: convert hint
            raise click.ClickException(f"no store at {path}: run `econgraph build` first, or pass --store PATH")
    quiet_driver()
    return open_store_from_options(store, neo4j)


@click.group("query")
def query_group() -> None:
    """Canned queries: list them, show one (question, parameters, Cypher), run one on either store."""


@query_group.command("list")
@format_option
def list_command(fmt: str) -> None:
    """List the canned queries and the questions they answer."""
    from econgraph.queries.catalog import CATALOG

    rows = [
        {"name": q.name, "question": q.question_zh, "question_en": q.question_en,
         "params": [p.name for p in q.params], "scans": bool(q.scans)}
        for q in CATALOG.values()
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    columns = ["name", "params", "question"] + (["question_en"] if fmt == "csv" else [])
    echo_rows(rows, columns, fmt)


@query_group.command("show")
@click.argument("name")
def show_command(name: str) -> None:
    """Show a canned query: its question, parameters with defaults, columns and Cypher."""
    from econgraph.queries.catalog import get_query

    with query_errors():
        q = get_query(name)
    click.echo(f"{q.name}\n  {q.question_zh}\n  {q.question_en}\n")
    click.echo("Parameters:" if q.params else "Parameters: none")
    for p in q.params:
        kind = p.type + (f" ({'|'.join(p.choices)})" if p.choices else "")
        click.echo(f"  {p.name:<13} {kind:<10} default {p.describe_default():<18} {p.help}")
    click.echo(f"\nColumns: {', '.join(q.columns)}")
    click.echo(f"Order:   {q.ordering}")
    if q.scans:
        click.echo(f"Scans:   {q.scans}")
    click.echo(f"\nCypher (Neo4j):\n{q.cypher}")


def relation_filters(query: object, raw: dict[str, str], min_confidence: float | None, rule: str | None) -> None:
    """``--min-confidence`` / ``--rule`` as the query's parameters; refused by a query without them."""
    from econgraph.queries.catalog import CATALOG

    for option, key, value in (("--min-confidence", "min_confidence", min_confidence), ("--rule", "rule", rule)):
        if value is None:
            continue
        if query.param(key) is None:  # type: ignore[attr-defined]
            takers = ", ".join(q.name for q in CATALOG.values() if q.param(key) is not None)
            raise QueryError(f"query {query.name} returns no relationships: {option} does not apply",  # type: ignore[attr-defined]
                             f"queries that take it: {takers}")
        if key in raw:
            raise QueryError(f"{option} and -p {key}= both given: give it once")
        raw[key] = str(value)


@query_group.command("run")
@click.argument("name")
@param_option
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None, metavar="X",
              help="Only relationships with confidence >= X (queries that return relationships; -p min_confidence=X).")
@click.option("--rule", default=None, metavar="RULE",
              help="Only relationships found by this extraction rule (same queries; -p rule=RULE).")
@store_options
@format_option
@pager_option
def run_command(name: str, params: tuple[str, ...], min_confidence: float | None, rule: str | None,
                store: Path | None, neo4j: bool, fmt: str, pager: bool | None) -> None:
    """Run the canned query NAME (see `econgraph query list`) on the embedded store or Neo4j."""
    from econgraph.queries.catalog import get_query
    from econgraph.queries.runner import parse_assignments, run_query

    with query_errors():
        query = get_query(name)  # an unknown name is a usage error before any store is opened
        raw = parse_assignments(params)
        relation_filters(query, raw, min_confidence, rule)
    target = open_for_reading(store, neo4j)
    with query_errors(), target:
        result = run_query(target, name, raw)
    echo_rows(result.rows, result.columns, fmt, pager)
    shown = " ".join(f"{k}={v}" for k, v in result.shown.items() if v is not None)
    click.echo(f"# {result.query.name} {shown} — {len(result.rows)} rows from the {result.store} store "
               f"in {result.seconds * 1000:.1f} ms", err=True)


@click.command("cypher")
@click.argument("query")
@param_option
@click.option("--write", is_flag=True, help="Allow queries that change the graph or the schema, and any procedure "
              "(without it the server plans the query first and only reads run).")
@store_options
@format_option
def cypher_command(query: str, params: tuple[str, ...], write: bool, store: Path | None, neo4j: bool,
                   fmt: str) -> None:
    """Run ad-hoc Cypher on Neo4j (read-only unless --write). Values go in as $parameters: -p key=value."""
    from econgraph.queries.adhoc import parse_value, run_cypher
    from econgraph.queries.runner import parse_assignments

    with query_errors():
        values = {k: parse_value(v) for k, v in parse_assignments(params).items()}
        if not neo4j:
            raise QueryError("ad-hoc Cypher runs on Neo4j only: the embedded store has no Cypher engine",
                             "add --neo4j (the server comes from NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD)")
        if not query.strip():
            raise QueryError("empty Cypher query")
    target = open_for_reading(store, neo4j)
    with query_errors(), target:
        rows = run_cypher(target, query, values, write=write)
    columns = list(rows[0]) if rows else []
    if columns:
        echo_rows(rows, columns, fmt)
    else:
        click.echo("(no rows)")


def register(cli: click.Group) -> None:
    cli.add_command(query_group)
    cli.add_command(cypher_command)
