"""Reporters: a ``LintResult`` in, the text of one output format out. They only read results.

``REPORTER_BY_NAME`` is the registry the ``--format`` option chooses from.
Every reporter is a function ``render(result, options) -> str`` in its own
module, imported when first used (``junit`` needs xml.etree, the others
nothing heavy), so a run pays only for the format it prints, and the command line
reads the names without importing the lint engine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from toolkit.lint.reporters.counts import ReportOptions

if TYPE_CHECKING:
    from toolkit.lint.engine import LintResult

__all__ = ["FORMATS", "REPORTER_BY_NAME", "ReportOptions", "Reporter"]

Reporter = Callable[["LintResult", ReportOptions], str]


# Each reporter is imported when first called (``junit`` needs xml.etree): a run pays only
# for the format it prints.


def _text(result: LintResult, options: ReportOptions) -> str:
    from toolkit.lint.reporters.text import render

    return render(result, options)


def _json(result: LintResult, options: ReportOptions) -> str:
    from toolkit.lint.reporters.json import render

    return render(result, options)


def _sarif(result: LintResult, options: ReportOptions) -> str:
    from toolkit.lint.reporters.sarif import render

    return render(result, options)


def _github(result: LintResult, options: ReportOptions) -> str:
    from toolkit.lint.reporters.github import render

    return render(result, options)


def _junit(result: LintResult, options: ReportOptions) -> str:
    from toolkit.lint.reporters.junit import render

    return render(result, options)


REPORTER_BY_NAME: dict[str, Reporter] = {
    "text": _text,
    "json": _json,
    "sarif": _sarif,
    "github": _github,
    "junit": _junit,
}
#: Every ``--format`` name, in the order ``--help`` lists them.
FORMATS = tuple(REPORTER_BY_NAME)
