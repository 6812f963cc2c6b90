"""Reporters: a ``LintResult`` in, the text of one output format out. They only read results.

``REPORTER_BY_NAME`` is the registry the ``--format`` option chooses from.
Every reporter is a function ``render(result, options) -> str`` in its own
module, imported when first used (``junit`` needs xml.etree, the others
nothing heavy), so a run pays only for the format it prints.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from toolkit.lint.engine import LintResult
from toolkit.lint.reporters.counts import ReportOptions

__all__ = ["REPORTER_BY_NAME", "ReportOptions", "Reporter"]

Reporter = Callable[[LintResult, ReportOptions], str]


def _lazy(module: str) -> Reporter:
    """The ``render`` of ``toolkit.lint.reporters.<module>``, imported when first called."""

    def render(result: LintResult, options: ReportOptions) -> str:
        renderer: Reporter = importlib.import_module(f"toolkit.lint.reporters.{module}").render
        return renderer(result, options)

    render.__name__ = f"render_{module}"
    return render


REPORTER_BY_NAME: dict[str, Reporter] = {
    name: _lazy(name) for name in ("text", "json", "sarif", "github", "junit")
}
