"""``econgraph viz``: an offline HTML view of a canned query's answer or of an entity's neighbourhood."""

from __future__ import annotations

from pathlib import Path

import click

from econgraph.commands._common import library_errors, open_store_from_options, store_options


def register(cli: click.Group) -> None:
    cli.add_command(viz)


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{pair!r} is not key=value", param_hint="'-p'")
        params[key.strip()] = value
    return params


@click.command()
@click.option("--query", "query_name", metavar="NAME", help="A canned query (see `econgraph query list`).")
@click.option("-p", "--param", "pairs", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--entity", metavar="NAME", help="An entity, by name or alias: draw its neighbourhood.")
@click.option("--depth", type=click.IntRange(0, 5), default=1, show_default=True,
              help="Relationships from the entity.")
@click.option("--articles/--no-articles", default=False, show_default=True,
              help="Include Article nodes and MENTIONS (they link everything an article names).")
@click.option("--max-nodes", type=click.IntRange(1), default=300, show_default=True, help="Stop adding nodes here.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The HTML file to write.")
@store_options
def viz(query_name: str | None, pairs: tuple[str, ...], entity: str | None, depth: int, articles: bool,
        max_nodes: int, output: Path, store: Path | None, neo4j: bool) -> None:
    """Write an interactive HTML view that opens offline: click a relationship for its evidence."""
    if bool(query_name) == bool(entity):
        raise click.UsageError("give either --query NAME or --entity NAME")
    if pairs and not query_name:
        raise click.UsageError("-p/--param goes with --query")
    params = _params(pairs)
    from econgraph import viz as lib
    from econgraph.outfiles import check_regular

    with library_errors():
        check_regular(output, "-o ")

    with open_store_from_options(store, neo4j) as graph, library_errors():
        if query_name:
            sub = lib.query_subgraph(graph, query_name, params, articles=articles, max_nodes=max_nodes)
        else:
            assert entity is not None
            sub = lib.neighbourhood(lib.reader_for(graph), entity, depth, articles=articles, max_nodes=max_nodes)
        lib.write_html(sub, output)
    relationships = sum(len(e.evidence) for e in sub.edges.values())
    note = f" (stopped at {max_nodes} nodes)" if sub.truncated else ""
    click.echo(f"Wrote {output}: {len(sub.nodes)} nodes, {len(sub.edges)} edges "
               f"({relationships} relationships){note}")
