"""``econgraph build``: read articles, extract facts, load them into a store, print a summary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from econgraph.commands._common import library_errors, open_store_from_options, store_options

DEFAULT_INPUT = Path("seeds")


class _Bars:
    """One click progress bar per stage, on a terminal only (stderr), so pipes and logs stay clean."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.bars: dict[str, Any] = {}
        self.done: dict[str, int] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if stage not in self.bars:
            self.close()
            labels = {"extract": "Extracting", "load": "Loading   "}
            bar = click.progressbar(length=total, label=labels.get(stage, stage), file=sys.stderr)
            self.bars[stage] = bar.__enter__()
            self.done[stage] = 0
        self.bars[stage].update(done - self.done[stage])
        self.done[stage] = done

    def close(self) -> None:
        for bar in self.bars.values():
            bar.__exit__(None, None, None)
        self.bars.clear()


def _summary(report: Any, store: Any) -> str:
    lines = [
        f"Built {report.articles} articles from {report.files} files into {store!r} in {report.seconds:.1f}s"
        + (f"; removed {report.removed_articles} stale articles" if report.removed_articles else ""),
        f"Articles: {report.unchanged_articles} unchanged, {report.new_articles} new or edited"
        + (f", {report.removed_articles} removed" if report.removed_articles else ""),
        "",
        f"{'label / type':<18}{'this build':>12}{'in store':>10}",
    ]
    for label, count in report.stats.nodes.items():
        lines.append(f"{label:<18}{report.nodes.get(label, 0):>12}{count:>10}")
    for rtype, count in report.stats.relationships.items():
        lines.append(f"{rtype:<18}{report.relationships.get(rtype, 0):>12}{count:>10}")
    lines.append(f"{'nodes':<18}{sum(report.nodes.values()):>12}{report.stats.total_nodes:>10}")
    lines.append(f"{'relationships':<18}{sum(report.relationships.values()):>12}{report.stats.total_relationships:>10}")
    return "\n".join(lines)


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@store_options
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for extraction (the result does not depend on it).")
@click.option("--rebuild", is_flag=True, help="Empty the store first.")
@click.option("--year", type=click.IntRange(1800, 2200), default=None,
              help="Year for dates the pages give without one (e.g. 4月15日), as in `econgraph articles`.")
@click.option("--region", default=None,
              help="The articles' prefecture (潍坊市, 潍坊) or a region pack (liaocheng); default: decided per "
                   "article from the places it names. See `econgraph regions`.")
def build_command(paths: tuple[Path, ...], store: Path | None, neo4j: bool, jobs: int, rebuild: bool,
                  year: int | None, region: str | None) -> None:
    """Read articles from PATHS (files or directories; default seeds/), extract and load them.

    Idempotent: building the same files again changes nothing; an edited file replaces its own
    facts. Unreadable files are reported and skipped (exit status 1), the rest is loaded.
    """
    from econgraph.build import build
    from econgraph.loaders.extract import Extractor
    from econgraph.loaders.places import region_choice

    with library_errors():
        pack, prefecture = region_choice(region)
    extractor = Extractor(pack, prefecture=prefecture)
    inputs = list(paths) or [DEFAULT_INPUT]
    if not paths and not DEFAULT_INPUT.exists():
        raise click.UsageError(f"no PATHS given and the default input {DEFAULT_INPUT}/ does not exist")
    target = open_store_from_options(store, neo4j)
    bars = _Bars()
    try:
        with library_errors():
            report = build(inputs, target, jobs=jobs, rebuild=rebuild, progress=bars, extractor=extractor,
                           year=year)
    finally:
        bars.close()
        target.close()
    click.echo(_summary(report, target))
    for skipped in report.skipped:
        click.echo(f"Skipped: {skipped}", err=True)
    if report.skipped:
        click.echo(f"Error: {len(report.skipped)} input file(s) skipped; the rest was loaded", err=True)
        sys.exit(1)


def register(cli: click.Group) -> None:
    cli.add_command(build_command)
