"""The report's lint summary, and the small interface it needs from the lint engine.

The report only needs, for some paths, the findings, each with ``path``,
``line``, ``column``, ``code``, ``name`` and ``severity`` (``LintFinding``),
from a ``LintRunner``. ``find_lint_runner`` adapts the lint engine when this
installation has one (``toolkit.lint``, configuration read as ``cassette-toolkit
lint`` reads it) and raises ``LintUnavailableError`` otherwise. Tests and other
callers may pass any runner.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

import pandas as pd

from toolkit.frames.summary import findings_frame

__all__ = ["LintFinding", "LintRunner", "LintUnavailableError", "find_lint_runner", "lint_table"]


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


class LintUnavailableError(Exception):
    """This installation has no lint engine."""


def find_lint_runner(config: str | None = None, isolated: bool = False) -> LintRunner:
    """The lint engine as a ``LintRunner`` (with that configuration file), or ``LintUnavailableError``."""
    if importlib.util.find_spec("toolkit.lint") is None:
        raise LintUnavailableError("this version of cassette-toolkit has no lint engine (toolkit.lint)")
    return functools.partial(_run_lint_engine, config=config, isolated=isolated)


def _run_lint_engine(
    paths: Sequence[str], jobs: int, *, config: str | None = None, isolated: bool = False
) -> Iterable[LintFinding]:
    """Lint as ``cassette-toolkit lint PATHS`` would with its configuration file and no flags."""
    command: Any = importlib.import_module("toolkit.commands.lint")
    engine: Any = importlib.import_module("toolkit.lint.engine")
    settings: Any = importlib.import_module("toolkit.lint.settings")
    file_config = command.load_config(config, isolated=isolated)
    resolved = settings.build_settings(file_config, settings.CommandLine())
    walk = settings.build_walk_options(file_config, settings.WalkFlags())
    findings: Iterable[LintFinding] = engine.lint_paths(paths, resolved, jobs=jobs, walk=walk).findings
    return findings


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
