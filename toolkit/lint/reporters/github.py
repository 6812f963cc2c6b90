"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::error file=PATH,line=L,col=C,title=CODE name::message``; warnings are
``::warning`` and info ``::notice``. Values are escaped as the runner expects:
``%``, CR and LF in the message; also ``:`` and ``,`` in properties. Other control characters
(an escape sequence in a file name or a message) are shown as escapes, as in the text format.
"""

from __future__ import annotations

from toolkit.lint.engine import LintResult
from toolkit.lint.finding import Finding, Severity
from toolkit.lint.reporters.counts import ReportOptions
from toolkit.plumbing.paths import relative_path
from toolkit.plumbing.printable import printable

__all__ = ["escape_data", "escape_property", "render"]

_COMMANDS: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "notice"}


def render(result: LintResult, options: ReportOptions) -> str:
    return "".join(_line(finding, options.base) + "\n" for finding in result.findings)


def _line(finding: Finding, base: str) -> str:
    properties = {
        "file": relative_path(finding.path, base),
        "line": str(finding.line),
        "col": str(finding.column),
        "title": f"{finding.code} {finding.name}",
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{_COMMANDS[finding.severity]} {joined}::{escape_data(finding.message)}"


def escape_data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
