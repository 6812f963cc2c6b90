"""The ``cassette-toolkit`` command line. Thin: parse options, call the library, map to exit codes.

Heavy modules (pandas, report renderers) are imported inside the commands that
need them, so ``cassette-toolkit lint`` starts fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

import click

from toolkit import __version__
from toolkit.commands.outcome import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from toolkit.frames.columns import FRAMES
from toolkit.frames.tables import DEFAULT_TOP, TABLES
from toolkit.lint.finding import FAIL_ON
from toolkit.lint.reporters import FORMATS
from toolkit.plumbing.requires import MissingDependencyError, require
from toolkit.report import ALL_TABLES, DEFAULT_CSV_TABLE
from toolkit.report import FORMATS as REPORT_FORMATS

if TYPE_CHECKING:
    from toolkit.commands.lint import Stdin
    from toolkit.lint.config.walking import WalkFlags
    from toolkit.read.walk import WalkOptions


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cassette-toolkit")
def main() -> None:
    """Load, lint, redact and audit VCR cassettes of LLM API traffic."""


class PathOrURL(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.2 on only
    """A file or folder that exists, or an fsspec URL (``s3://bucket/folder``), checked when read;
    with ``allow_dash``, ``-`` for standard input."""

    name = "path"

    def __init__(self, allow_dash: bool = False) -> None:
        self.allow_dash = allow_dash

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from toolkit.read.remote import is_url

        if isinstance(value, str) and is_url(value):
            return value
        return click.Path(exists=True, allow_dash=self.allow_dash).convert(value, param, ctx)


def walk_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options of every command that takes paths: the configuration file, and how folders are walked."""
    options = (
        click.option(
            "--config", type=click.Path(exists=True, dir_okay=False), help="A TOML configuration file."
        ),
        click.option("--isolated", is_flag=True, help="Ignore configuration files."),
        click.option(
            "--exclude",
            multiple=True,
            metavar="GLOBS",
            help="Skip these files and folders when walking (comma-separated); replaces the configured list.",
        ),
        click.option(
            "--extend-exclude", multiple=True, metavar="GLOBS", help="Skip these files and folders too."
        ),
        click.option(
            "--respect-gitignore/--no-respect-gitignore",
            default=None,
            help="Skip the files git ignores when walking folders (default: yes).",
        ),
        click.option(
            "--force-exclude/--no-force-exclude",
            default=None,
            help="Apply the exclude globs to files named on the command line too (default: no).",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


class WalkArguments(NamedTuple):
    """What ``walk_options`` adds to a command's arguments."""

    config: str | None
    isolated: bool
    exclude: tuple[str, ...]
    extend_exclude: tuple[str, ...]
    respect_gitignore: bool | None
    force_exclude: bool | None

    def flags(self) -> WalkFlags:
        """The walk flags of the command line, typed (``toolkit.lint.config.walking``)."""
        from toolkit.lint.config.walking import build_walk_flags

        return build_walk_flags(
            exclude=self.exclude,
            extend_exclude=self.extend_exclude,
            respect_gitignore=self.respect_gitignore,
            force_exclude=self.force_exclude,
        )


def usage_error(command: str, message: object) -> NoReturn:
    """Say what is wrong with the command line or the configuration, and exit 2."""
    click.echo(f"cassette-toolkit {command}: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def load_walk(command: str, arguments: WalkArguments) -> WalkOptions:
    """How to walk folders, from the configuration file and the flags; a bad file exits 2."""
    from toolkit.lint.config.file import load_config
    from toolkit.lint.config.walking import build_walk_options
    from toolkit.lint.errors import LintUsageError

    try:
        config = load_config(arguments.config, isolated=arguments.isolated, cwd=os.getcwd())
    except LintUsageError as e:
        usage_error(command, e)
    return build_walk_options(config, arguments.flags())


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@walk_options
@click.option("-i", "--interaction", type=click.IntRange(min=0), help="Only this interaction (0-based).")
@click.option("--full", is_flag=True, help="Print bodies and events in full instead of clipping them.")
@click.option(
    "--max-body",
    type=click.IntRange(min=1),
    default=4000,
    show_default=True,
    help="Characters of each body or event to print.",
)
@click.option(
    "--show-secrets",
    is_flag=True,
    help="Print secrets and credential URL parameters as recorded (default: masked).",
)
def show(
    paths: tuple[str, ...],
    interaction: int | None,
    full: bool,
    max_body: int,
    show_secrets: bool,
    **walk: Any,
) -> None:
    """Print a readable view of the interactions in PATHS (files or folders).

    Method, URL, status and headers; JSON bodies indented; compressed and binary
    bodies decoded; streams (SSE, AWS event stream) shown event by event.
    Secrets are masked (the kind and a 4-character prefix shown), as are credential
    parameters of URLs, unless --show-secrets is given. Exits 1 when a file cannot be
    read as a cassette (a recording of another protocol, such as a websocket session,
    is reported and is not a failure).
    """
    from toolkit.commands.show import ShowOptions, ShowRequest, ShowUsageError, execute

    options = ShowOptions(
        max_body=0 if full else max_body, interaction=interaction, show_secrets=show_secrets
    )
    request = ShowRequest(paths, options, load_walk("show", WalkArguments(**walk)))
    try:
        failed = execute(request, click.echo)
    except ShowUsageError as e:
        raise click.BadParameter(str(e), param_hint="--interaction") from e
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, type=PathOrURL(allow_dash=True))
@click.option(
    "--history",
    is_flag=False,
    flag_value="HEAD",
    default=None,
    metavar="[RANGE]",
    help="Scan the cassettes of every commit in a git revision range (default HEAD: all of its "
    "history) with the CT2 rules; PATHS, if any, limit the scan. Each finding names the commit "
    "that added it.",
)
@click.option(
    "--select", multiple=True, metavar="CODES", help="Run only these codes or prefixes (comma-separated)."
)
@click.option("--ignore", multiple=True, metavar="CODES", help="Do not run these codes or prefixes.")
@click.option(
    "--extend-select", multiple=True, metavar="CODES", help="Add codes to the configured selection."
)
@click.option("--extend-ignore", multiple=True, metavar="CODES", help="Add codes to the configured ignores.")
@click.option(
    "--severity", multiple=True, metavar="CODE=LEVEL", help="Override a severity (error, warning, info)."
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    help="Exit 1 when a finding is at least this serious (never: always exit 0).",
)
@click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even when findings reach --fail-on (--fail-on never)."
)
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "--statistics", is_flag=True, help="Print how many findings each code has instead of the findings."
)
@click.option("--show-source", is_flag=True, help="Show the source line under each finding, with a caret.")
@click.option("-q", "--quiet", is_flag=True, help="Print the findings only: no summary line, no notes.")
@click.option(
    "--stdin-filename",
    metavar="PATH",
    help="Lint standard input ('-') as this file: the path shown, and matched by the configuration.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report here.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Skip the findings accepted in this file.")
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    help="Accept every current finding (with --baseline: only those it accepts, dropping stale entries).",
)
@click.option(
    "--fail-on-stale-baseline/--no-fail-on-stale-baseline",
    default=None,
    help="Exit 1 when the baseline accepts findings no longer found (default: a note on stderr).",
)
@click.option("--color/--no-color", default=None, help="Colour the text report (default: on a terminal).")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: one per CPU for many files)."
)
@walk_options
def lint(
    *,
    paths: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    extend_ignore: tuple[str, ...],
    severity: tuple[str, ...],
    fail_on: str | None,
    exit_zero: bool,
    output_format: str,
    statistics: bool,
    show_source: bool,
    quiet: bool,
    stdin_filename: str | None,
    output: str | None,
    baseline: str | None,
    write_baseline: str | None,
    fail_on_stale_baseline: bool | None,
    color: bool | None,
    jobs: int | None,
    history: str | None,
    **walk: Any,
) -> None:
    """Check cassettes in PATHS (files or folders; '-' reads one from standard input) and report findings.

    Exit status: 0 when no finding reaches --fail-on (default: error), 1 when one
    does, 2 for a usage or configuration error.
    """
    import gc
    import os

    from toolkit.commands.lint import LintRequest, build_flags, execute
    from toolkit.lint.errors import LintUsageError
    from toolkit.read.remote import RemoteError

    arguments = WalkArguments(**walk)
    # --history reads git, never standard input: no PATHS then means the whole repository
    stdin = None if history is not None else _stdin(paths, stdin_filename)

    # Parsed cassettes are large trees of small objects without cycles: collecting the youngest
    # generation every 700 allocations doubles the time to read a 20,000-interaction file.
    gc.set_threshold(100_000, 50, 100)
    try:
        flags = build_flags(
            select=select,
            ignore=ignore,
            extend_select=extend_select,
            extend_ignore=extend_ignore,
            severity=severity,
            fail_on=None if fail_on == "never" else fail_on,
            fail_on_stale_baseline=fail_on_stale_baseline,
            walk=arguments.flags(),
        )
        request = LintRequest(
            paths=paths,
            flags=flags,
            config=arguments.config,
            isolated=arguments.isolated,
            format=output_format,
            color=_use_color(color, output),
            baseline=baseline,
            write_baseline=write_baseline,
            jobs=jobs,
            cwd=os.getcwd(),
            stdin=stdin,
            exit_zero=exit_zero or fail_on == "never",
            statistics=statistics,
            quiet=quiet,
            show_source=show_source,
            history=history,
        )
        outcome = execute(request)
    except (LintUsageError, RemoteError) as e:
        usage_error("lint", e)
    for note in outcome.notes:
        click.echo(note, err=True)
    write_output(outcome.output, output, "lint")
    sys.exit(outcome.exit_code)


def _stdin(paths: tuple[str, ...], stdin_filename: str | None) -> Stdin | None:
    """Standard input as one file, when PATHS is '-' (or absent, with --stdin-filename)."""
    from toolkit.commands.lint import Stdin

    if "-" in paths and len(paths) > 1:
        usage_error("lint", "'-' (standard input) must be the only path")
    if paths and paths != ("-",):
        if stdin_filename is not None:
            usage_error("lint", "--stdin-filename needs '-' (or no PATHS): it names standard input")
        return None
    if not paths and stdin_filename is None:
        usage_error("lint", "no PATHS given ('-' reads standard input, --history the git history)")
    return Stdin(sys.stdin.buffer.read(), stdin_filename or "-")


def _use_color(flag: bool | None, output: str | None) -> bool:
    import os

    if flag is not None:
        return flag
    return output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def write_output(text: str, output: str | None, command: str) -> None:
    """Write a command's output to stdout, or to ``output`` atomically (temporary file, then rename)."""
    data = text.encode("utf-8", "backslashreplace")
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from toolkit.plumbing.atomic import write_atomically

    try:
        write_atomically(output, data)
    except OSError as e:
        usage_error(command, f"cannot write {output}: {e.strerror or e}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when a file would change.")
@click.option(
    "--diff", is_flag=True, help="Write nothing; print a unified diff of the changes (secrets masked)."
)
@click.option(
    "--baseline", type=click.Path(dir_okay=False), help="Leave the secrets accepted in this file alone."
)
@walk_options
def redact(paths: tuple[str, ...], check: bool, diff: bool, baseline: str | None, **walk: Any) -> None:
    """Replace every blocking secret (CT201, CT202) in the cassettes in PATHS, in place.

    Reads lint's configuration and baseline: a secret lint would not fail on (ignored,
    allowed by allow-values, accepted by the baseline) is left alone. Only the scalars that
    held a secret change; compressed and event-stream bodies are encoded again; files are
    replaced atomically. Exit status: 0 when done (or, with --check / --diff, when nothing
    would change), 1 when a file would change or could not be fully redacted, 2 for a usage
    or configuration error.
    """
    from toolkit.commands.redact import RedactRequest, execute
    from toolkit.lint.errors import LintUsageError

    arguments = WalkArguments(**walk)
    request = RedactRequest(
        paths=paths,
        check=check,
        diff=diff,
        cwd=os.getcwd(),
        config=arguments.config,
        isolated=arguments.isolated,
        baseline=baseline,
        walk=arguments.flags(),
    )
    try:
        outcome = execute(request)
    except LintUsageError as e:
        usage_error("redact", e)
    write_output(outcome.output, None, "redact")
    sys.exit(outcome.exit_code)


def _complete_rule(_context: click.Context, _parameter: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion of ``rules CODE``: the codes (and names) that start with what was typed."""
    from click.shell_completion import CompletionItem

    from toolkit.lint.rules import RULES

    typed = incomplete.upper()
    return [
        CompletionItem(rule.code, help=rule.name)
        for rule in RULES
        if rule.code.startswith(typed) or rule.name.startswith(incomplete.lower())
    ]


@main.command()
@click.argument("selector", required=False, shell_complete=_complete_rule)
def rules(selector: str | None) -> None:
    """List the lint rules, or print the documentation of one (a code or a name, e.g. CT301).

    A code prefix (CT3) lists that family.
    """
    from toolkit.lint.rule_docs import render_rule, render_rule_table
    from toolkit.lint.rules import RULES

    if selector is None:
        click.echo(render_rule_table(RULES), nl=False)
        return
    wanted = selector.strip()
    exact = [rule for rule in RULES if wanted.upper() == rule.code or wanted.lower() == rule.name]
    if exact:
        click.echo(render_rule(exact[0]), nl=False)
        return
    family = [rule for rule in RULES if rule.code.startswith(wanted.upper())]
    if not family or not wanted.upper().startswith("CT"):
        usage_error("rules", f"no rule {selector!r}; run 'cassette-toolkit rules'")
    click.echo(render_rule_table(family), nl=False)


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
@click.option(
    "--show-secrets",
    is_flag=True,
    help="Keep credential URL parameters (key, api_key, X-Amz-Signature ...) as recorded (default: masked).",
)
@walk_options
def export(
    paths: tuple[str, ...], fmt: str, output: str, jobs: int | None, show_secrets: bool, **walk: Any
) -> None:
    """Export the frames of the cassettes in PATHS as Parquet datasets, partitioned by provider.

    Writes interactions/, chunks/ and usage/ (hive-partitioned by provider) and
    problems.parquet under OUTPUT, atomically. DuckDB, pandas, Polars and Spark read them.
    Credential parameters of URLs read MASKED unless --show-secrets is given.
    """
    require("frames", "cassette-toolkit export")
    require("parquet", "cassette-toolkit export")
    import toolkit
    from toolkit.frames.parquet import ExportError, export_parquet
    from toolkit.read.files import discover

    files = list(dict.fromkeys(discover(paths, load_walk("export", WalkArguments(**walk)))))
    progress = _ProgressBar()
    try:
        frames = toolkit.load(*files, jobs=jobs, progress=progress, show_secrets=show_secrets)
    finally:
        progress.close()
    try:
        target = export_parquet(frames, output)
    except ExportError as e:
        raise click.UsageError(str(e)) from e
    counts = ", ".join(f"{len(getattr(frames, name)):,} {name}" for name in FRAMES)
    click.echo(f"wrote {target} ({fmt}): {counts}", err=True)


#: Show a progress bar (on a terminal) from this many files on.
PROGRESS_MIN_FILES = 50


@main.command()
@click.argument("paths", nargs=-1, required=True, type=PathOrURL())
@click.option(
    "-f", "--format", "output_format", type=click.Choice(REPORT_FORMATS), default="text", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Write the report here (atomically); with --table all, a folder or a .zip file.",
)
@click.option(
    "--table",
    type=click.Choice((*TABLES, ALL_TABLES)),
    help=f"With --format csv: the table to write (default {DEFAULT_CSV_TABLE}); all: every table, "
    "one file each, into the --output folder or .zip.",
)
@click.option(
    "--detail",
    is_flag=True,
    help="Text: every table after the one-screen summary (the other formats have them).",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=DEFAULT_TOP,
    show_default=True,
    help="Rows in the largest / most expensive lists.",
)
@click.option("--lint", is_flag=True, help="Add a summary of the lint findings.")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: CPU count for many files)."
)
@walk_options
def report(
    *,
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
    table: str | None,
    detail: bool,
    top: int,
    lint: bool,
    jobs: int | None,
    **walk: Any,
) -> None:
    """Audit the cassettes in PATHS: traffic, tokens, cost and latency, by provider, model, API and cassette.

    Writes a one-screen text summary by default (--detail: and every table); --format markdown,
    json, html (one offline file with charts) or csv (one table, or all of them: see --table).
    Exits 2 on a usage error.
    """
    require("frames", "cassette-toolkit report")
    from toolkit.commands.report import ReportRequest, build_report, build_report_files, write_files
    from toolkit.read.remote import RemoteError

    if table is not None and output_format != "csv":
        raise click.BadParameter("--table applies to --format csv only", param_hint="--table")
    if table == ALL_TABLES and output is None:
        raise click.BadParameter(
            "--table all writes one file per table: name a folder or a .zip", param_hint="--output"
        )
    if output is not None and table != ALL_TABLES and os.path.isdir(output):
        raise click.BadParameter(f"{output} is a folder", param_hint="--output")
    arguments = WalkArguments(**walk)
    request = ReportRequest(
        paths,
        output_format,
        table or DEFAULT_CSV_TABLE,
        top,
        lint,
        jobs,
        walk=load_walk("report", arguments),
        config=arguments.config,
        isolated=arguments.isolated,
        detail=detail,
    )
    progress = _ProgressBar()
    try:
        if table == ALL_TABLES:
            files = build_report_files(request, progress=progress)
        else:
            text = build_report(request, progress=progress)
    except RemoteError as e:
        usage_error("report", e)
    finally:
        progress.close()
    if table != ALL_TABLES:
        write_output(text, output, "report")
        return
    try:
        written = write_files(files, output or "")
    except OSError as e:
        usage_error("report", f"cannot write {output}: {e.strerror or e}")
    click.echo(f"wrote {len(files)} tables to {written}: {', '.join(files)}", err=True)


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


def run() -> None:
    """The console entry point (``cassette-toolkit``, ``python -m toolkit``).

    A feature whose optional package is missing (``toolkit.plumbing.requires``) is a usage
    error: one line naming the ``pip install`` that brings it, exit status 2.
    """
    try:
        main(prog_name="cassette-toolkit")
    except MissingDependencyError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(EXIT_USAGE)
