"""What every reporter shares: its options and the counts of a result."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

from toolkit.lint.finding import SEVERITIES, Severity

if TYPE_CHECKING:
    from toolkit.lint.engine import LintResult

__all__ = ["ReportOptions", "count_by_severity", "plural"]


class ReportOptions(NamedTuple):
    """``color``: ANSI colours (text only); ``base``: the folder paths are made relative to."""

    color: bool = False
    base: str = "."


def count_by_severity(result: LintResult) -> dict[Severity, int]:
    counts = Counter(finding.severity for finding in result.findings)
    return {severity: counts.get(severity, 0) for severity in reversed(SEVERITIES)}


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"
