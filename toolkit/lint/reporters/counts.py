"""What every reporter shares: its options and the counts of a result."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from toolkit.lint.finding import SEVERITIES, Severity

if TYPE_CHECKING:
    from toolkit.lint.engine import LintResult

__all__ = ["CodeCount", "ReportOptions", "count_by_code", "count_by_severity", "plural"]


class ReportOptions(NamedTuple):
    """How to report, besides the format.

    ``color``: ANSI colours (text only); ``base``: the folder paths are made relative to;
    ``statistics``: counts per code instead of the findings (text, json); ``quiet``: the
    findings only, no summary line (text); ``sources``: the printable source line and caret
    column under each finding, by ``(path, line)`` (text, ``--show-source``).
    """

    color: bool = False
    base: str = "."
    statistics: bool = False
    quiet: bool = False
    sources: Mapping[tuple[str, int], tuple[str, int]] | None = None


@dataclass(frozen=True, slots=True)
class CodeCount:
    """How often one code was found (``--statistics``), and in how many files."""

    code: str
    name: str
    severity: str
    count: int
    files: int


def count_by_code(result: LintResult) -> list[CodeCount]:
    """Findings per code, the most frequent first (then by code)."""
    counts = Counter(finding.code for finding in result.findings)
    files = Counter(code for code, _ in {(f.code, f.path) for f in result.findings})
    first = {f.code: f for f in reversed(result.findings)}
    rows = [
        CodeCount(code, first[code].name, first[code].severity, n, files[code]) for code, n in counts.items()
    ]
    return sorted(rows, key=lambda row: (-row.count, row.code))


def count_by_severity(result: LintResult) -> dict[Severity, int]:
    counts = Counter(finding.severity for finding in result.findings)
    return {severity: counts.get(severity, 0) for severity in reversed(SEVERITIES)}


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"
