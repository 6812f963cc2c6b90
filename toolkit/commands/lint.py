"""What ``cassette-toolkit lint`` does once click has parsed its options.

The click command fills a ``LintRequest``; ``execute`` reads the
configuration, builds the settings, lints, applies or writes the baseline
and renders the report. It returns an ``Outcome`` and never prints or exits:
the command maps the outcome to output and an exit status.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from toolkit.commands.outcome import EXIT_FAILED, EXIT_OK, Outcome
from toolkit.lint.config.file import FileConfig, configured_baseline, is_known_selector, load_config
from toolkit.lint.config.walking import WalkFlags, build_walk_flags, build_walk_options
from toolkit.lint.engine import LintResult, lint_input, lint_paths
from toolkit.lint.errors import ConfigError, LintUsageError
from toolkit.lint.finding import SEVERITIES, Severity
from toolkit.lint.reporters import REPORTER_BY_NAME, ReportOptions
from toolkit.lint.settings import CommandLine, LintSettings, build_settings

if TYPE_CHECKING:
    from toolkit.lint.baseline import Baseline, BaselineEntry

__all__ = [
    "LintRequest",
    "Stdin",
    "build_flags",
    "build_walk_flags",
    "configured_baseline",
    "execute",
    "load_config",
    "load_file_config",
    "parse_codes",
    "parse_severities",
]


#: The formats ``--statistics`` applies to.
STATISTICS_FORMATS = ("text", "json")


class Stdin(NamedTuple):
    """One file read from standard input: its bytes, and the path it is reported and matched as."""

    data: bytes
    path: str = "-"


class LintRequest(NamedTuple):
    """The command line of one ``lint`` run.

    ``stdin``: lint these bytes instead of ``paths``; ``exit_zero``: exit 0 whatever is found
    (``--exit-zero``, ``--fail-on never``); ``statistics``, ``quiet``, ``show_source``: what the
    report shows (``toolkit.lint.reporters.ReportOptions``).
    """

    paths: tuple[str, ...]
    flags: CommandLine = CommandLine()
    config: str | None = None
    isolated: bool = False
    format: str = "text"
    color: bool = False
    baseline: str | None = None
    write_baseline: str | None = None
    jobs: int | None = None
    cwd: str = "."
    stdin: Stdin | None = None
    exit_zero: bool = False
    statistics: bool = False
    quiet: bool = False
    show_source: bool = False
    #: A revision range of the git history to scan instead of the files (``--history``).
    history: str | None = None


def execute(request: LintRequest) -> Outcome:
    """Run lint as asked; configuration and baseline errors raise ``LintUsageError``."""
    check_request(request)
    config = load_file_config(request)
    settings = build_settings(config, request.flags)
    notes: tuple[str, ...] = ()
    if request.history is not None:
        result, notes = _lint_history(request, settings)
    elif request.stdin is not None:
        walk = build_walk_options(config, request.flags.walk)
        result = lint_input(request.stdin.data, request.stdin.path, settings, walk=walk)
    else:
        walk = build_walk_options(config, request.flags.walk)
        result = lint_paths(request.paths, settings, jobs=request.jobs, walk=walk)
    if request.write_baseline:
        return _write_baseline(request, result)
    baseline_path = request.baseline or configured_baseline(config)
    if not baseline_path:
        result = _exit_zero(result, request)
        return Outcome(_exit_code(result), render(result, request), () if request.quiet else notes)
    from toolkit.lint.baseline import read_baseline  # json: only with a baseline

    baseline = read_baseline(baseline_path)
    split = baseline.split(result.findings, result.files)
    fail_on_stale = _first_set(request.flags.fail_on_stale_baseline, config.fail_on_stale_baseline)
    result = replace(
        result,
        findings=split.kept,
        suppressed=len(split.accepted),
        stale_baseline=split.stale,
        fail_on_stale=fail_on_stale,
    )
    notes = () if request.quiet else notes + baseline_notes(baseline_path, baseline, split.stale)
    result = _exit_zero(result, request)
    return Outcome(_exit_code(result), render(result, request), notes)


def check_request(request: LintRequest) -> None:
    """Refuse combinations of options that mean nothing (a usage error, exit 2)."""
    if request.statistics and request.format not in STATISTICS_FORMATS:
        raise LintUsageError(f"--statistics applies to --format {' or '.join(STATISTICS_FORMATS)}")
    if request.show_source and request.format != "text":
        raise LintUsageError("--show-source applies to --format text")
    if request.show_source and request.statistics:
        raise LintUsageError("--show-source and --statistics cannot be combined")
    if request.history is not None and (request.stdin is not None or request.show_source):
        raise LintUsageError("--history reads the git history: not with standard input or --show-source")


def _exit_zero(result: LintResult, request: LintRequest) -> LintResult:
    """With ``--exit-zero`` (``--fail-on never``) nothing fails the run; reports say so."""
    return replace(result, fail_on="never") if request.exit_zero else result


def _lint_history(request: LintRequest, settings: LintSettings) -> tuple[LintResult, tuple[str, ...]]:
    """The CT2 findings of every cassette version in the history, and what was read."""
    from toolkit.history import GitError, scan_history

    try:  # git reads the paths as pathspecs, relative to the folder it runs in
        scan = scan_history(request.cwd, request.history or "HEAD", settings, request.paths)
    except GitError as e:
        raise LintUsageError(f"--history: {e}") from e
    severities = {rule.code: settings.severity_of(rule) for rule in scan.rules}
    result = LintResult(scan.files, scan.findings, scan.rules, settings.fail_on, 0, severities)
    note = (
        f"history {request.history or 'HEAD'}: {_count(scan.commits, 'commit')} wrote "
        f"{_count(scan.versions, 'cassette version')}; {_count(scan.blobs_read, 'distinct blob')} read"
    )
    return result, (note,)


def _write_baseline(request: LintRequest, result: LintResult) -> Outcome:
    """Every finding; or, with ``--baseline`` too, the findings that baseline accepts (stale ones dropped)."""
    from toolkit.lint.baseline import read_baseline, write_baseline

    target = request.write_baseline or ""
    if not request.baseline:
        count = write_baseline(target, result.findings)
        return Outcome(EXIT_OK, notes=(f"wrote {count:,} findings to {target}",))
    split = read_baseline(request.baseline).split(result.findings, result.files)
    count = write_baseline(target, split.accepted)
    dropped = f", dropped {len(split.stale):,} stale entries" if split.stale else ""
    return Outcome(
        EXIT_OK, notes=(f"wrote the {count:,} findings {request.baseline} accepts to {target}{dropped}",)
    )


#: Stale entries listed on stderr; the rest are counted.
_STALE_SHOWN = 20


def baseline_notes(path: str, baseline: Baseline, stale: tuple[BaselineEntry, ...]) -> tuple[str, ...]:
    """What to say on stderr about the baseline: stale entries, and an old file format."""
    from toolkit.lint.baseline import VERSION

    notes: list[str] = []
    rewrite = f"--baseline {path} --write-baseline {path}"
    if stale:
        notes.append(f"{path}: {len(stale):,} accepted findings are no longer found; {rewrite} drops them:")
        notes.extend(f"  {entry.describe()}" for entry in stale[:_STALE_SHOWN])
        if len(stale) > _STALE_SHOWN:
            notes.append(f"  ... and {len(stale) - _STALE_SHOWN:,} more")
    if baseline.version < VERSION:
        notes.append(
            f"{path}: a version {baseline.version} baseline accepts secrets by file; "
            f"{rewrite} rewrites it as version {VERSION}, which accepts them by value in any file"
        )
    return tuple(notes)


def load_file_config(request: LintRequest) -> FileConfig:
    """The configuration that applies to ``request`` (see ``toolkit.lint.config.file.find_config``)."""
    return load_config(request.config, isolated=request.isolated, cwd=request.cwd)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _first_set(*values: bool | None) -> bool:
    return next((value for value in values if value is not None), False)


def _exit_code(result: LintResult) -> int:
    return EXIT_FAILED if result.failed else EXIT_OK


def render(result: LintResult, request: LintRequest) -> str:
    options = ReportOptions(
        color=request.color and request.format == "text",
        base=request.cwd,
        statistics=request.statistics,
        quiet=request.quiet,
        sources=_sources(result, request) if request.show_source else None,
    )
    return REPORTER_BY_NAME[request.format](result, options)


def _sources(result: LintResult, request: LintRequest) -> dict[tuple[str, int], tuple[str, int]]:
    """The source line under each finding, read again from the file (or from standard input)."""
    from toolkit.lint.source import build_sources

    def read(path: str) -> bytes | None:
        if request.stdin is not None:
            return request.stdin.data
        try:
            with open(path, "rb") as handle:
                return handle.read()
        except OSError:
            return None

    return build_sources(result.findings, read)


def build_flags(
    *,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    extend_ignore: tuple[str, ...],
    severity: tuple[str, ...],
    fail_on: str | None,
    fail_on_stale_baseline: bool | None = None,
    walk: WalkFlags | None = None,
) -> CommandLine:
    # ``--fail-on never`` is the request's ``exit_zero``: the settings keep the configured
    # level, which ``redact`` also reads.
    """The selection flags as typed settings; an empty ``--select``/``--ignore`` keeps the file's."""
    return CommandLine(
        select=parse_codes(select, "--select") if select else None,
        ignore=parse_codes(ignore, "--ignore") if ignore else None,
        extend_select=parse_codes(extend_select, "--extend-select"),
        extend_ignore=parse_codes(extend_ignore, "--extend-ignore"),
        severity=parse_severities(severity),
        fail_on=next((s for s in SEVERITIES if s == fail_on), None),
        fail_on_stale_baseline=fail_on_stale_baseline,
        walk=walk or WalkFlags(),
    )


def parse_codes(values: tuple[str, ...], option: str) -> tuple[str, ...]:
    """``--select CT3,CT401 --select CT5`` as a tuple of codes; unknown codes are usage errors."""
    codes = tuple(part.strip() for value in values for part in value.split(",") if part.strip())
    for code in codes:
        if not is_known_selector(code):
            raise ConfigError(f"unknown rule code {code!r} in {option}")
    return codes


def parse_severities(values: tuple[str, ...]) -> tuple[tuple[str, Severity], ...]:
    """``--severity CT402=error`` pairs."""
    pairs: list[tuple[str, Severity]] = []
    for value in values:
        code, _, level = value.partition("=")
        code, level = code.strip(), level.strip()
        if not is_known_selector(code):
            raise ConfigError(f"unknown rule code {code!r} in --severity")
        severity = next((s for s in SEVERITIES if s == level), None)
        if severity is None:
            raise ConfigError(f"--severity {value!r}: the level must be one of {', '.join(SEVERITIES)}")
        pairs.append((code, severity))
    return tuple(pairs)
