"""The report's lint summary: findings counted by code.

The report reads only ``path``, ``line``, ``column``, ``code``, ``name`` and
``severity`` of each finding (``LintFinding``); whoever runs lint
(``toolkit.commands.report``) hands the findings in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

import pandas as pd

from toolkit.frames.summary import findings_frame

__all__ = ["LintFinding", "LintRunner", "lint_table"]


class LintFinding(Protocol):
    """What the report reads of a lint finding."""

    @property
    def path(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def severity(self) -> str: ...


#: Lint ``paths`` with ``jobs`` worker processes; the findings in a stable order.
LintRunner = Callable[[Sequence[str], int], Iterable[LintFinding]]


def lint_table(findings: Iterable[LintFinding]) -> pd.DataFrame:
    """Findings by code: name, severity, how many, in how many files, where the first is."""
    groups: dict[str, list[LintFinding]] = {}
    for finding in findings:
        groups.setdefault(finding.code, []).append(finding)
    rows: list[dict[str, object]] = []
    for code in sorted(groups):
        found = groups[code]
        first = found[0]
        rows.append(
            {
                "code": code,
                "name": first.name,
                "severity": first.severity,
                "count": len(found),
                "files": len({f.path for f in found}),
                "first": f"{first.path}:{first.line}:{first.column}",
            }
        )
    return findings_frame(rows)
