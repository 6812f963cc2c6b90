"""Reporters: a ``LintResult`` in, the text of one output format out. They only read results.

``REPORTER_BY_NAME`` is the registry the ``--format`` option chooses from.
Every reporter is a function ``render(result, options) -> str``.
"""

from __future__ import annotations

from collections.abc import Callable

from toolkit.lint.engine import LintResult
from toolkit.lint.reporters import github, json, junit, sarif, text
from toolkit.lint.reporters.common import ReportOptions

__all__ = ["REPORTER_BY_NAME", "ReportOptions", "Reporter"]

Reporter = Callable[[LintResult, ReportOptions], str]

REPORTER_BY_NAME: dict[str, Reporter] = {
    "text": text.render,
    "json": json.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
}
