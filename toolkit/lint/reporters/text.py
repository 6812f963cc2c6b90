"""``--format text``: ``path:line:col: CODE message``, one finding a line, then a summary.

Colour only when asked (the command asks when stdout is a terminal).
"""

from __future__ import annotations

from toolkit.lint.engine import LintResult
from toolkit.lint.finding import Finding, Severity
from toolkit.lint.reporters.counts import ReportOptions, count_by_severity, plural
from toolkit.plumbing.printable import printable

__all__ = ["render"]

_COLOURS: dict[Severity, str] = {"error": "31", "warning": "33", "info": "36"}


def render(result: LintResult, options: ReportOptions) -> str:
    lines = [_line(finding, options.color) for finding in result.findings]
    summary = _summary(result)
    if summary:
        lines.append(summary)
    return "".join(f"{line}\n" for line in lines)


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
