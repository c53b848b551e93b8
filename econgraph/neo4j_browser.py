"""Neo4j Browser for this graph: where it is, how to style it, a guide with the canned queries.

Neo4j Browser can only fetch a style or a guide from a URL on an allowed host (``localhost`` by
default), so :func:`serve` puts both on a small local HTTP server; the style can also be pasted
after ``:style``. Canned queries return tables of names; :func:`graph_cypher` wraps a query's own
Cypher so that Browser draws the nodes its rows name, the same subgraph ``econgraph viz`` draws.
"""

from __future__ import annotations

import html
import json
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import quote, urlsplit

from econgraph.config import _read_dotenv, redact_uri, strip_userinfo
from econgraph.errors import BrowserError, EcongraphError
from econgraph.graph.cypher import cypher_key, cypher_literal, quote_name
from econgraph.graph.model import normalise_name
from econgraph.graph.schema import ENTITY_LABELS
from econgraph.queries.spec import CannedQuery
from econgraph.style import style_path, style_text

# bolt scheme → (Browser scheme, Neo4j's default Browser port for it)
_SCHEMES = {
    "bolt": ("http", 7474), "neo4j": ("http", 7474),
    "bolt+s": ("https", 7473), "neo4j+s": ("https", 7473),
    "bolt+ssc": ("https", 7473), "neo4j+ssc": ("https", 7473),
}


def browser_url(env: Mapping[str, str], served: tuple[str, int] | None = None) -> str:
    """Neo4j Browser's address for the configured server, with the Bolt address pre-filled.

    The port, first found wins: ``NEO4J_BROWSER_URL`` (the whole address), ``NEO4J_HTTP_PORT``,
    ``served`` (the (scheme, port) the server itself reports: ``http_address_from_settings``), else Neo4j's
    default (7474, or 7473 for an encrypted bolt+s URI). Bolt and HTTP ports are independent settings,
    so the Bolt port says nothing about the other. The host is always NEO4J_URI's.
    """
    merged = {**_read_dotenv(), **env}
    uri = strip_userinfo(merged.get("NEO4J_URI", "bolt://127.0.0.1:7687"))  # credentials never go into a link
    explicit = merged.get("NEO4J_BROWSER_URL")
    parts = urlsplit(uri)
    if parts.scheme not in _SCHEMES or not parts.hostname:
        raise BrowserError(f"NEO4J_URI={redact_uri(uri)!r} is not a bolt:// or neo4j:// address",
                           hint="set NEO4J_BROWSER_URL to the Browser's address")
    if explicit:
        base = explicit if explicit.rstrip("/").endswith("/browser") else explicit.rstrip("/") + "/browser"
    else:
        scheme, port = _SCHEMES[parts.scheme]
        if served is not None:
            scheme, port = served
        configured = merged.get("NEO4J_HTTP_PORT", "").strip()
        if configured:
            if not configured.isdigit() or not 0 < int(configured) < 65536:
                raise BrowserError(f"NEO4J_HTTP_PORT={configured!r} is not a port number")
            port = int(configured)
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        base = f"{scheme}://{host}:{port}/browser"
    return f"{base.rstrip('/')}/?dbms={quote(uri, safe='')}"


def port_source(env: Mapping[str, str], served: tuple[str, int] | None, why: str = "") -> str:
    """Where ``browser_url`` took the port from, for people (one phrase)."""
    merged = {**_read_dotenv(), **env}
    if merged.get("NEO4J_BROWSER_URL"):
        return "from NEO4J_BROWSER_URL"
    if merged.get("NEO4J_HTTP_PORT", "").strip():
        return "port from NEO4J_HTTP_PORT"
    if served is not None:
        return "port as the server reports it (server.http.advertised_address)"
    because = f"the server did not answer ({why})" if why else "the server reports no HTTP address"
    return f"Neo4j's default port: {because}; set NEO4J_HTTP_PORT if it uses another"


SERVER_SETTINGS_CYPHER = (
    "SHOW SETTINGS YIELD name, value "
    "WHERE name IN ['server.http.enabled', 'server.http.advertised_address', "
    "'server.https.enabled', 'server.https.advertised_address'] RETURN name, value")


def http_address_from_settings(rows: Iterable[Mapping[str, Any]], encrypted: bool = False) -> tuple[str, int] | None:
    """(scheme, port) of the Browser from the server's settings (``SERVER_SETTINGS_CYPHER``), or None.

    HTTPS when the Bolt URI is encrypted and the server serves HTTPS, else HTTP when enabled.
    """
    settings = {r["name"]: str(r["value"]) for r in rows}
    for scheme in (("https", "http") if encrypted else ("http", "https")):
        if settings.get(f"server.{scheme}.enabled", "false").lower() != "true":
            continue
        _, _, port = settings.get(f"server.{scheme}.advertised_address", "").rpartition(":")
        if port.isdigit():
            return scheme, int(port)
    return None


def _by_name(param: Any) -> str:
    """A Cypher expression for the uid of the entity ``$param`` names by uid, name or alias (else ``$param``)."""
    name, labels = param.name, tuple(getattr(param, "labels", ()))
    if param.type == "entity":
        node, where = "(hit)", f"${name}_label IN labels(hit) AND "
    else:
        node, where = f"(hit:{labels[0]})", ""
    return (f"coalesce(COLLECT {{ MATCH {node} WHERE {where}(hit.uid = ${name} OR hit.name = ${name} "
            f"OR ${name} IN coalesce(hit.aliases, [])) RETURN hit.uid AS uid ORDER BY uid LIMIT 1 }}[0], ${name})")


def guide_cypher(query: CannedQuery) -> str:
    """The query's Cypher as the guide shows it: entity parameters may hold a name or an alias.

    The CLI resolves names to uids before a query runs; people who set ``:param county => '临清'`` in
    Browser have no resolver, so every ``$county`` becomes an expression that looks the uid up by uid,
    name or alias (falling back to the value itself).
    """
    import re

    text = query.cypher
    entity = [p for p in query.params if getattr(p, "is_entity", False)]
    if not entity:
        return text
    by_name = {p.name: _by_name(p) for p in entity}
    pattern = re.compile(r"\$(" + "|".join(re.escape(n) for n in by_name) + r")(?![\w])")
    return pattern.sub(lambda m: by_name[m.group(1)], text)


def graph_cypher(query: CannedQuery) -> str:
    """The query's Cypher inside a subquery, then the nodes its rows name and the relationships among them.

    Same rule as ``econgraph viz --query``: every string cell (and entity parameter) is a name or uid.
    """
    cells = ", ".join(quote_name(c) for c in query.columns)
    entity_params = [p.name for p in query.params if p.is_entity]
    param_cells = "".join(f", ${p}" for p in entity_params)
    labels = "|".join(ENTITY_LABELS)
    body = "\n".join("  " + line for line in guide_cypher(query).strip().splitlines())
    return (
        f"// graph view of the canned query {query.name}\n"
        f"CALL () {{\n{body}\n}}\n"
        f"WITH [{cells}{param_cells}] AS cells\n"
        "UNWIND cells AS cell\n"
        "UNWIND CASE WHEN cell IS :: LIST<ANY> THEN cell ELSE [cell] END AS value\n"
        "WITH DISTINCT value WHERE value IS :: STRING\n"
        f"MATCH (n:{labels}) WHERE n.uid = value OR n.name = value OR value IN coalesce(n.aliases, [])\n"
        "WITH collect(DISTINCT n) AS ns\n"
        "UNWIND ns AS a\n"
        "OPTIONAL MATCH (a)-[r]->(b) WHERE b IN ns\n"
        "RETURN a, r, b"
    )


def param_commands(params: Mapping[str, Any]) -> list[str]:
    """Browser's ``:param name => value`` commands (the value is evaluated by the server as Cypher)."""
    return [f":param {cypher_key(k)} => {cypher_literal(v)}" for k, v in params.items()]


def default_params(query: CannedQuery) -> dict[str, Any]:
    """The parameters a query runs with when none are given, without a store to resolve names.

    Entity parameters are uids (the canonical name normalised); a default that needs the graph
    (e.g. "the most-mentioned company") is left out and must be set by hand.
    """
    values: dict[str, Any] = {}
    for p in query.params:
        default = p.default
        if default is not None and not isinstance(default, (str, int, float, bool)):
            continue  # computed on the graph
        if p.is_entity:
            values[p.name] = normalise_name(default) if isinstance(default, str) else None
            if p.type == "entity":  # the query also takes the label; guess the first one
                values[f"{p.name}_label"] = p.labels[0] if default is not None else None
        else:
            values[p.name] = default
    return values


@dataclass
class GuideQuery:
    query: CannedQuery
    params: dict[str, Any]


def _pre(text: str) -> str:
    return f'<pre class="pre-scrollable code runnable">{html.escape(text)}</pre>'


def guide_html(queries: Iterable[GuideQuery], style_url: str | None = None) -> str:
    """A Browser guide (``:play <url>``): one slide per canned query, every command one click away."""
    slides = []
    intro = [
        "<h3>econgraph: 聊城 regional-economy graph</h3>",
        "<p>Companies, counties, industries, programs and institutions from the news. One arrow per fact, "
        "captioned with the number of articles that state it (<code>articles</code>; also <code>first_date</code>, "
        "<code>last_date</code>, <code>confidence</code>, <code>rules</code>); its evidence per article is in the "
        "lists <code>ev_article</code>, <code>ev_start</code>, <code>ev_end</code> (the sentence is the article's "
        "<code>substring(a.text, start, end - start)</code>; <code>ev_sentence</code>, <code>ev_rule</code>, "
        "<code>ev_confidence</code> are kept only when they say more). Taxonomy links "
        "(<code>PART_OF</code>) are region data.</p>",
        "<p>Click a block to put it in the editor, then run it. Set the parameters first, then run "
        "the table (the canned query) or the graph view.</p>",
    ]
    if style_url:
        intro += ["<p>Colours and captions:</p>", _pre(f":style {style_url}")]
    slides.append("".join(intro))
    for item in queries:
        q = item.query
        parts = [
            f"<h3>{html.escape(q.name)}</h3>",
            f"<p>{html.escape(q.question_zh)}<br/><em>{html.escape(q.question_en)}</em></p>",
        ]
        commands = param_commands(item.params)
        if commands:
            parts.append("<p>Parameters:</p>")
            parts += [_pre(c) for c in commands]
        missing = [p.name for p in q.params if p.name not in item.params]
        if missing:
            parts.append("<p>Set by hand: " + ", ".join(f"<code>:param {html.escape(m)} => …</code>"
                                                        for m in missing) + "</p>")
        parts += ["<p>Table (columns: " + html.escape(", ".join(q.columns)) + "; entities by name or alias):</p>",
                  _pre(guide_cypher(q).strip()),
                  "<p>Graph view:</p>", _pre(graph_cypher(q))]
        slides.append("".join(parts))
    body = "".join(f'<slide class="row-fluid"><div class="col-sm-12">{s}</div></slide>' for s in slides)
    return f'<article class="guide"><carousel class="deck container-fluid">{body}</carousel></article>\n'


def resolved_params(store: Any) -> Callable[[CannedQuery], dict[str, Any]]:
    """Parameters as the runner resolves them on this store (names → uids, computed defaults)."""
    from econgraph.queries.backends import backend_for
    from econgraph.queries.runner import prepare

    backend = backend_for(store)

    def params_for(query: CannedQuery) -> dict[str, Any]:
        try:
            return prepare(backend, query, {})[0]
        except EcongraphError:
            return default_params(query)

    return params_for


def catalog_queries() -> list[CannedQuery]:
    """The canned queries, in catalog order."""
    from econgraph.queries.catalog import CATALOG

    return list(CATALOG.values())


def style_command(url: str | None = None) -> str:
    """``:style`` with the URL of the style, or with the whole style inline (one line)."""
    if url:
        return f":style {url}"
    return ":style " + " ".join(style_text().split())


class AssetServer:
    """A local HTTP server for the style and the guide, reachable by Browser from ``localhost``."""

    def __init__(self, files: Mapping[str, tuple[bytes, str]], host: str = "localhost", port: int = 0) -> None:
        self.files = dict(files)
        handler = _handler(self.files)
        try:
            self.httpd = ThreadingHTTPServer((host, port), handler)
        except OSError as exc:
            raise BrowserError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from exc
        self.host = host
        self.port = int(self.httpd.server_address[1])
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, name: str) -> str:
        return f"http://{self.host}:{self.port}/{name}"

    def start(self) -> AssetServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> AssetServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _handler(files: Mapping[str, tuple[bytes, str]]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            name = urlsplit(self.path).path.lstrip("/")
            if name not in files:
                self.send_error(404)
                return
            data, ctype = files[name]
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Access-Control-Allow-Origin", "*")  # Browser fetches cross-origin
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


def asset_server(
    queries: Iterable[CannedQuery] | None = None,
    params_for: Callable[[CannedQuery], dict[str, Any]] = default_params,
    host: str = "localhost",
    port: int = 0,
) -> AssetServer:
    """A server (not yet started) for ``style.grass`` and ``guide.html``; the guide names the style's URL."""
    server = AssetServer({}, host, port)
    items = [GuideQuery(q, params_for(q)) for q in (catalog_queries() if queries is None else queries)]
    server.files["style.grass"] = (style_path().read_bytes(), "text/plain; charset=utf-8")
    server.files["guide.html"] = (guide_html(items, server.url("style.grass")).encode("utf-8"),
                                  "text/html; charset=utf-8")
    server.files["queries.json"] = (json.dumps([{"name": i.query.name, "params": i.params}
                                                for i in items], ensure_ascii=False, default=str).encode("utf-8"),
                                    "application/json; charset=utf-8")
    return server
