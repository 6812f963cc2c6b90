"""The ``cassette-toolkit`` command line. Thin: parse options, call the library, map to exit codes.

Heavy modules (pandas, report renderers) are imported inside the commands that
need them, so ``cassette-toolkit lint`` starts fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

from toolkit import __version__

#: Exit codes shared by every command.
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cassette-toolkit")
def main() -> None:
    """Load, lint, redact and audit VCR cassettes of LLM API traffic."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-i", "--interaction", type=click.IntRange(min=0), help="Only this interaction (0-based).")
@click.option("--full", is_flag=True, help="Print bodies and events in full instead of clipping them.")
@click.option(
    "--max-body",
    type=click.IntRange(min=1),
    default=4000,
    show_default=True,
    help="Characters of each body or event to print.",
)
def show(paths: tuple[str, ...], interaction: int | None, full: bool, max_body: int) -> None:
    """Print a readable view of the interactions in PATHS (files or folders).

    Method, URL, status and headers; JSON bodies indented; compressed and binary
    bodies decoded; streams (SSE, AWS event stream) shown event by event.
    Exits 1 when a file cannot be read as a cassette.
    """
    from toolkit.show import ShowOptions, render_cassette
    from toolkit.source import discover, read_file

    options = ShowOptions(max_body=0 if full else max_body, interaction=interaction)
    failed = False
    for number, path in enumerate(discover(paths)):
        cassette = read_file(path).cassette
        if interaction is not None and all(i.index != interaction for i in cassette.interactions):
            raise click.BadParameter(
                f"{path} has no interaction {interaction} (it has {len(cassette.interactions)})",
                param_hint="--interaction",
            )
        if number:
            click.echo("")
        for line in render_cassette(cassette, options):
            click.echo(line)
        failed = failed or any(p.severity == "error" for p in cassette.problems)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["parquet"]),
    default="parquet",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder to write (created; an earlier export there is replaced).",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: the CPU count).")
def export(paths: tuple[str, ...], fmt: str, output: str, jobs: int | None) -> None:
    """Export the frames of the cassettes in PATHS as Parquet datasets, partitioned by provider.

    Writes interactions/, chunks/ and usage/ (hive-partitioned by provider) and
    problems.parquet under OUTPUT, atomically. DuckDB, pandas, Polars and Spark read them.
    """
    import toolkit
    from toolkit.export import ExportError, export_parquet

    frames = toolkit.load(*paths, jobs=jobs, progress=_progress_bar("loading"))
    try:
        target = export_parquet(frames, output)
    except ExportError as e:
        raise click.UsageError(str(e)) from e
    counts = ", ".join(
        f"{len(getattr(frames, name)):,} {name}" for name in ("interactions", "chunks", "usage")
    )
    click.echo(f"wrote {target} ({fmt}): {counts}, {len(frames.problems):,} problems", err=True)


def _progress_bar(label: str) -> Callable[[int, int], None] | None:
    """A progress callback drawing on stderr, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None

    def draw(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return draw
