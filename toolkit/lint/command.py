"""What ``cassette-toolkit lint`` does once click has parsed its options.

The click command fills a ``LintRequest``; ``execute`` reads the
configuration, builds the settings, lints, applies or writes the baseline
and renders the report. It returns an ``Outcome`` and never prints or exits:
the command maps the outcome to output and an exit status.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from toolkit.lint.baseline import read_baseline, write_baseline
from toolkit.lint.config import FileConfig, find_config, is_known_selector, read_config
from toolkit.lint.engine import LintResult, lint_paths
from toolkit.lint.errors import ConfigError
from toolkit.lint.finding import SEVERITIES, Severity
from toolkit.lint.reporters import REPORTER_BY_NAME, ReportOptions
from toolkit.lint.settings import CommandLine, build_settings

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_USAGE",
    "LintRequest",
    "Outcome",
    "build_flags",
    "execute",
    "parse_codes",
    "parse_severities",
]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class LintRequest(NamedTuple):
    """The command line of one ``lint`` run."""

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


class Outcome(NamedTuple):
    """What to print (``output`` to stdout or the output file, ``notes`` to stderr) and the exit status."""

    exit_code: int
    output: str = ""
    notes: tuple[str, ...] = ()


def execute(request: LintRequest) -> Outcome:
    """Run lint as asked; configuration and baseline errors raise ``LintUsageError``."""
    config = load_file_config(request)
    settings = build_settings(config, request.flags)
    result = lint_paths(request.paths, settings, jobs=request.jobs)
    if request.write_baseline:
        count = write_baseline(request.write_baseline, result.findings)
        return Outcome(EXIT_OK, notes=(f"wrote {count:,} findings to {request.write_baseline}",))
    baseline = request.baseline or _configured_baseline(config)
    if baseline:
        kept, suppressed = read_baseline(baseline).split(result.findings)
        result = replace(result, findings=tuple(kept), suppressed=suppressed)
    return Outcome(_exit_code(result), render(result, request))


def load_file_config(request: LintRequest) -> FileConfig:
    """The --config file, else the nearest pyproject.toml with our table, else defaults."""
    if request.isolated:
        return FileConfig()
    if request.config:
        return read_config(Path(request.config), explicit=True)
    found = find_config(Path(request.cwd).resolve())
    return read_config(found, explicit=False) if found else FileConfig()


def _configured_baseline(config: FileConfig) -> str | None:
    if not config.baseline:
        return None
    return str(Path(config.root) / config.baseline)


def _exit_code(result: LintResult) -> int:
    return EXIT_FINDINGS if result.failed else EXIT_OK


def render(result: LintResult, request: LintRequest) -> str:
    options = ReportOptions(color=request.color and request.format == "text", base=request.cwd)
    return REPORTER_BY_NAME[request.format](result, options)


def build_flags(
    *,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    extend_ignore: tuple[str, ...],
    severity: tuple[str, ...],
    fail_on: str | None,
) -> CommandLine:
    """The selection flags as typed settings; an empty ``--select``/``--ignore`` keeps the file's."""
    return CommandLine(
        select=parse_codes(select, "--select") if select else None,
        ignore=parse_codes(ignore, "--ignore") if ignore else None,
        extend_select=parse_codes(extend_select, "--extend-select"),
        extend_ignore=parse_codes(extend_ignore, "--extend-ignore"),
        severity=parse_severities(severity),
        fail_on=next((s for s in SEVERITIES if s == fail_on), None),
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
