"""``econgraph browse``: where Neo4j Browser is and how to give it this graph's style and guide."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

import click

from econgraph.commands._common import library_errors
from econgraph.errors import EcongraphError
from econgraph.queries.spec import CannedQuery


def register(cli: click.Group) -> None:
    cli.add_command(browse)


def _ask_server(nb: object) -> tuple[tuple[str, int] | None, str]:
    """The Browser's (scheme, port) as the configured server reports it; (None, why not) when it cannot.

    A plain driver with a 3-second connection timeout: an unreachable server costs 3 s, not a retry loop.
    """
    from urllib.parse import urlsplit

    from econgraph.config import neo4j_settings

    settings = neo4j_settings()
    try:
        from neo4j import GraphDatabase

        with GraphDatabase.driver(settings.uri, auth=settings.auth, connection_timeout=3.0) as driver, \
                driver.session(database=settings.database) as session:
            rows = [r.data() for r in session.run(nb.SERVER_SETTINGS_CYPHER)]  # type: ignore[attr-defined]
    except Exception as exc:  # driver errors, refused connections, bad URIs: the default port is used
        return None, type(exc).__name__
    encrypted = "+s" in urlsplit(settings.uri).scheme
    return nb.http_address_from_settings(rows, encrypted), ""  # type: ignore[attr-defined]


@click.command()
@click.option("--serve", is_flag=True,
              help="Serve the style and a guide with the canned queries on localhost until Ctrl-C.")
@click.option("--host", default="localhost", show_default=True,
              help="Host to serve on (Browser only fetches from allowed hosts; localhost is allowed by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to serve on (0: any free port).")
@click.option("--print-style", is_flag=True, help="Print a one-line :style command to paste into Browser.")
def browse(serve: bool, host: str, port: int, print_style: bool) -> None:
    """Print Neo4j Browser's URL for the configured server (NEO4J_URI, or NEO4J_BROWSER_URL) and how to style it."""
    from econgraph import neo4j_browser as nb
    from econgraph.style import style_path

    env = dict(os.environ)
    served, why = None, ""
    if not any(nb._read_dotenv().get(k) or env.get(k) for k in ("NEO4J_BROWSER_URL", "NEO4J_HTTP_PORT")):
        served, why = _ask_server(nb)
    with library_errors():
        url = nb.browser_url(env, served)
    user = os.environ.get("NEO4J_USERNAME", "neo4j")
    click.echo(f"Neo4j Browser: {url}")
    click.echo(f"  ({nb.port_source(env, served, why)})")
    click.echo(f"  log in as {user} with the password in NEO4J_PASSWORD (or .env)")
    click.echo(f"Style file: {style_path()}")
    if print_style:
        click.echo(nb.style_command())
        return
    if not serve:
        click.echo("  apply it: drag the file onto Browser's style panel (the eye icon under Favorites),")
        click.echo("  or run `econgraph browse --serve` and type the `:style <url>` command it prints,")
        click.echo("  or `econgraph browse --print-style` and paste the line into Browser's editor.")
        click.echo("  Every connect: set browser.post_connect_cmd=style <url> in neo4j.conf "
                   "(Docker: NEO4J_browser_post__connect__cmd).")
        return
    params_for: Callable[[CannedQuery], dict[str, Any]] = nb.default_params
    store = None
    try:  # parameters as the runner resolves them on the server (names → uids, computed defaults)
        from econgraph.graph.stores import open_store

        store = open_store(neo4j=True)
        params_for = nb.resolved_params(store)
    except EcongraphError as exc:
        click.echo(f"  (guide parameters are the static defaults: {exc})")
    try:
        with library_errors():
            server = nb.asset_server(host=host, port=port, params_for=params_for)
    finally:
        if store is not None:
            store.close()
    with server:
        style_url, guide_url = server.url("style.grass"), server.url("guide.html")
        click.echo(f"Serving on http://{host}:{server.port}/ (Ctrl-C stops)")
        click.echo(f"  in Browser's editor:  :style {style_url}")
        click.echo(f"                        :play {guide_url}")
        click.echo(f"  or open: {url}&cmd=play&arg={guide_url}")
        click.echo(f"  every connect: browser.post_connect_cmd=style {style_url}")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            click.echo("stopped")
