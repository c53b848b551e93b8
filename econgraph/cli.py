"""The ``econgraph`` command: parses arguments, calls the library, formats output.

Each command group lives in ``econgraph.commands.<name>`` and exposes ``register(cli)``.
"""

from __future__ import annotations

import importlib

import click

from econgraph import __version__

# command name -> the module whose ``register`` adds it (a module may add several)
COMMANDS = {"articles": "articles", "build": "build", "stats": "stats", "export": "export", "eval": "eval",
            "query": "query", "cypher": "query", "show": "show", "browse": "browse", "viz": "viz",
            "places": "places", "regions": "places", "store": "store"}
COMMAND_MODULES = tuple(dict.fromkeys(COMMANDS.values()))


class _LazyGroup(click.Group):
    """Imports a command's module when the command runs (or when help lists them all): a query does not pay
    for the loaders and exporters it does not use."""

    def _load(self, module: str) -> None:
        importlib.import_module(f"econgraph.commands.{module}").register(self)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self._load(COMMANDS[cmd_name])
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        for module in COMMAND_MODULES:
            if not all(name in self.commands for name, m in COMMANDS.items() if m == module):
                self._load(module)
        return super().list_commands(ctx)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="econgraph")
def cli() -> None:
    """Build and query a regional-economy knowledge graph from Chinese news articles."""


def main() -> None:
    cli()
