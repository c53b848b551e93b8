"""``econgraph export``: the graph as json (the DESIGN contract), graphml, neo4j-admin csv or a cypher script."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from econgraph.commands._common import library_errors, open_store_from_options, store_options
from econgraph.graph.export import FORMATS


@click.command("export")
@store_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="json: the stable contract; graphml/gexf: Gephi, Cytoscape, networkx; csv: neo4j-admin import; "
                   "cypher: a script.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output file (csv: a directory, required). Default: standard output.")
def export_command(store: Path | None, neo4j: bool, fmt: str, output: Path | None) -> None:
    """Write the whole graph in one of the export formats."""
    from econgraph.graph.export import export

    if fmt == "csv" and output is None:
        raise click.UsageError("--format csv writes several files: give a directory with -o PATH")
    if fmt == "csv" and output is not None and output.exists() and not output.is_dir():
        raise click.UsageError(f"-o {output}: exists and is not a directory")
    if output is not None and fmt != "csv":
        from econgraph.outfiles import check_regular

        with library_errors():
            check_regular(output, "-o ")  # before the work, not after it
    target = open_store_from_options(store, neo4j)
    with library_errors(), target:
        if fmt == "csv":
            assert output is not None
            try:
                files = export(target, fmt, directory=output)
            except OSError as exc:
                raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc
            click.echo(f"Wrote {len(files)} files to {output}/ (load with {output}/import.sh)", err=True)
            return
        buf = io.StringIO()
        export(target, fmt, out=buf)
    if output is None:
        sys.stdout.write(buf.getvalue())
        return
    from econgraph.outfiles import write_output

    with library_errors():
        write_output(output, buf.getvalue())
    click.echo(f"Wrote {fmt} to {output}", err=True)


def register(cli: click.Group) -> None:
    cli.add_command(export_command)
