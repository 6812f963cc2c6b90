"""``--format json``: ``{"version": 1, "findings": [...], "summary": {...}}``, a stable shape.

Each finding has path, line, column, code, name, severity, message,
interaction (null when the finding is about the file), fingerprint and
value_fingerprint (a secret's, else null); keys are sorted. The summary counts
files, findings by severity and by code, findings accepted by the baseline,
lists the baseline's stale entries (``{code, fingerprint, path}`` or, for a
secret accepted by value, ``{code, value_fingerprint}``), and says whether the
run failed. With ``--statistics``, ``statistics`` (a count per code: code, name, severity,
count, files; the most frequent first) takes the place of ``findings``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from typing import Any

from toolkit.lint.engine import LintResult
from toolkit.lint.reporters.counts import ReportOptions, count_by_code, count_by_severity

__all__ = ["VERSION", "render"]

#: Bumped only when a key is removed or changes meaning.
VERSION = 1


def render(result: LintResult, options: ReportOptions) -> str:
    document: dict[str, Any] = {"version": VERSION, "summary": summary(result)}
    if options.statistics:
        document["statistics"] = [asdict(row) for row in count_by_code(result)]
    else:
        document["findings"] = [finding._asdict() for finding in result.findings]
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def summary(result: LintResult) -> dict[str, Any]:
    return {
        "files": len(result.files),
        "findings": len(result.findings),
        "by_severity": count_by_severity(result),
        "by_code": dict(sorted(Counter(f.code for f in result.findings).items())),
        "suppressed_by_baseline": result.suppressed,
        "stale_baseline": [entry.as_json() for entry in result.stale_baseline],
        "fail_on": result.fail_on,
        "failed": result.failed,
    }
