"""Reporters: a ``LintResult`` in, the text of one output format out. They only read results.

``REPORTER_BY_NAME`` is the registry the ``--format`` option chooses from.
Every reporter is a function ``render(result, options) -> str`` in its own
module, imported when first used (``junit`` needs xml.etree, the others
nothing heavy), so a run pays only for the format it prints.
"""

from __future__ import annotations

from collections.abc import Callable

from toolkit.lint.engine import LintResult
from toolkit.lint.reporters.counts import ReportOptions

__all__ = ["REPORTER_BY_NAME", "ReportOptions", "Reporter"]

Reporter = Callable[[LintResult, ReportOptions], str]


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
