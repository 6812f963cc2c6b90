"""``--format text``: ``path:line:col: CODE message``, one finding a line, then a summary.

Colour only when asked (the command asks when stdout is a terminal). ``--show-source`` puts
the finding's source line under it with a caret at the column; ``--statistics`` prints a
count per code instead of the findings; ``--quiet`` leaves out the summary line.
"""

from __future__ import annotations

from toolkit.lint.engine import LintResult
from toolkit.lint.finding import Finding, Severity
from toolkit.lint.reporters.counts import ReportOptions, count_by_code, count_by_severity, plural
from toolkit.plumbing.printable import printable

__all__ = ["render"]

_COLOURS: dict[Severity, str] = {"error": "31", "warning": "33", "info": "36"}


def render(result: LintResult, options: ReportOptions) -> str:
    if options.statistics:
        lines = _statistics(result)
    else:
        lines = []
        for finding in result.findings:
            lines.append(_line(finding, options.color))
            if options.sources is not None:
                lines.extend(_source(finding, options))
    summary = "" if options.quiet else _summary(result)
    if summary:
        lines.append(summary)
    return "".join(f"{line}\n" for line in lines)


def _statistics(result: LintResult) -> list[str]:
    """One line per code, the most frequent first: count, code, severity, name, files."""
    rows = count_by_code(result)
    width = max((len(f"{row.count:,}") for row in rows), default=1)
    return [
        f"{row.count:>{width},}  {row.code}  {row.severity:<7}  {row.name} ({plural(row.files, 'file')})"
        for row in rows
    ]


def _source(finding: Finding, options: ReportOptions) -> list[str]:
    """The source line under a finding, ruff's way: a gutter with the line number, a caret."""
    shown = (options.sources or {}).get((finding.path, finding.line))
    if shown is None:
        return []
    text, column = shown
    number = str(finding.line)
    gutter = " " * len(number)
    caret = "^"
    if options.color:
        caret = f"\x1b[{_COLOURS[finding.severity]}m^\x1b[0m"
    return [
        f"{gutter} |",
        f"{number} | {printable(text)}".rstrip(),
        f"{gutter} | {' ' * (column - 1)}{caret}",
        "",
    ]


def _line(finding: Finding, color: bool) -> str:
    # one line per finding whatever the file's name holds: a newline there could start a
    # line a CI runner reads as a command, an escape sequence would reach the terminal
    where = f"{printable(finding.path)}:{finding.line}:{finding.column}:"
    code = finding.code
    if color:
        where = f"\x1b[1m{where}\x1b[0m"
        code = f"\x1b[{_COLOURS[finding.severity]}m{code}\x1b[0m"
    return f"{where} {code} {printable(finding.message)}"


def _summary(result: LintResult) -> str:
    if not result.findings:
        return ""  # quiet on good cassettes, even when the baseline accepted some findings
    counts = ", ".join(plural(n, severity) for severity, n in count_by_severity(result).items() if n)
    files = len({finding.path for finding in result.findings})
    text = f"Found {plural(len(result.findings), 'finding')}"
    text += f" ({counts}) in {files:,} of {plural(len(result.files), 'file')}"
    if result.suppressed:
        text += f"; {result.suppressed:,} accepted by the baseline"
    return text + "."
