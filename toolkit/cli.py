"""The ``cassette-toolkit`` command line. Thin: parse options, call the library, map to exit codes.

Heavy modules (pandas, report renderers) are imported inside the commands that
need them, so ``cassette-toolkit lint`` starts fast.
"""

from __future__ import annotations

import sys
from typing import Any

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


#: The report formats (kept here so that ``--help`` does not import the renderers).
REPORT_FORMATS = ("text", "markdown", "json", "html", "csv")
REPORT_TABLES = (
    "totals",
    "by_provider",
    "by_model",
    "by_api",
    "by_cassette",
    "largest_cassettes",
    "most_expensive_cassettes",
    "latency",
    "problems",
    "lint",
)
#: Show a progress bar (on a terminal) from this many files on.
PROGRESS_MIN_FILES = 50


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "-f", "--format", "output_format", type=click.Choice(REPORT_FORMATS), default="text", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report here (atomically).")
@click.option(
    "--table",
    type=click.Choice(REPORT_TABLES),
    help="With --format csv: the table to write (default by_model).",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="Rows in the largest / most expensive lists.",
)
@click.option("--lint", is_flag=True, help="Add a summary of the lint findings.")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: CPU count for many files)."
)
def report(
    *,
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
    table: str | None,
    top: int,
    lint: bool,
    jobs: int | None,
) -> None:
    """Audit the cassettes in PATHS: traffic, tokens, cost and latency, by provider, model, API and cassette.

    Writes text tables by default; --format markdown, json, html (one offline file with charts)
    or csv (one table, see --table). Exits 2 on a usage error.
    """
    from toolkit.report.command import ReportRequest, build_report
    from toolkit.report.lint import LintUnavailableError

    if table is not None and output_format != "csv":
        raise click.BadParameter("--table applies to --format csv only", param_hint="--table")
    request = ReportRequest(paths, output_format, table or "by_model", top, lint, jobs)
    progress = _ProgressBar()
    try:
        text = build_report(request, progress=progress)
    except LintUnavailableError as e:
        click.echo(f"cassette-toolkit report: error: --lint: {e}", err=True)
        sys.exit(EXIT_USAGE)
    finally:
        progress.close()
    _write_report(text, output)


class _ProgressBar:
    """A progress bar on stderr for long runs, only when stderr is a terminal."""

    def __init__(self) -> None:
        self._bar: Any = None  # click's ProgressBar, once the run is known to be long

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
                return
            self._bar = click.progressbar(length=total, label="reading cassettes", file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


def _write_report(text: str, output: str | None) -> None:
    data = text.encode("utf-8")
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from toolkit.atomic import write_atomically

    try:
        write_atomically(output, data)
    except OSError as e:
        click.echo(f"cassette-toolkit report: error: cannot write {output}: {e.strerror or e}", err=True)
        sys.exit(EXIT_USAGE)
