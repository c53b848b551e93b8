"""The ``econgraph`` command: parses arguments, calls the library, formats output.

Each command group lives in ``econgraph.commands.<name>`` and exposes ``register(cli)``.
"""

from __future__ import annotations

import importlib

import click

from econgraph import __version__

COMMAND_MODULES = ("articles", "build", "stats", "export", "eval", "query", "show", "browse", "viz", "places",
                   "store")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="econgraph")
def cli() -> None:
    """Build and query a regional-economy knowledge graph from Chinese news articles."""


for _name in COMMAND_MODULES:
    _module = importlib.import_module(f"econgraph.commands.{_name}")
    _module.register(cli)


def main() -> None:
    cli()
