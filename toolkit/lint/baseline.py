"""A baseline of accepted findings: written once, then those findings are not reported again.

Entries are keyed by the finding's path (relative to the baseline file's
folder, with ``/``), code and fingerprint, never by line: recorders rewrite
cassettes, and the fingerprint survives that. The JSON is sorted and
indented so that a change to the baseline is a clean diff.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from toolkit.lint.errors import BaselineError
from toolkit.lint.finding import Finding
from toolkit.lint.paths import relative_path

__all__ = ["Baseline", "read_baseline", "render_baseline", "write_baseline"]

_VERSION = 1

Key = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Baseline:
    """Accepted findings (a multiset of keys) and the folder their paths are relative to."""

    keys: Counter[Key]
    base: str

    def split(self, findings: Iterable[Finding]) -> tuple[list[Finding], int]:
        """Findings not in the baseline, and how many were."""
        remaining = Counter(self.keys)
        kept: list[Finding] = []
        for finding in findings:
            key = key_of(finding, self.base)
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                kept.append(finding)
        return kept, sum(self.keys.values()) - sum(remaining.values())


def key_of(finding: Finding, base: str) -> Key:
    return (relative_path(finding.path, base), finding.code, finding.fingerprint)


def read_baseline(path: str) -> Baseline:
    """Read a baseline file; a missing or malformed file is a ``BaselineError``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise BaselineError(f"cannot read the baseline: {e}", path) from e
    except json.JSONDecodeError as e:
        raise BaselineError(f"the baseline is not valid JSON: {e.msg}", path, e.lineno) from e
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise BaselineError("the baseline has no 'findings' list", path)
    keys: Counter[Key] = Counter()
    for entry in entries:
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in _FIELDS):
            raise BaselineError("a baseline entry needs 'path', 'code' and 'fingerprint' strings", path)
        keys[(entry["path"], entry["code"], entry["fingerprint"])] += 1
    return Baseline(keys, str(Path(path).resolve().parent))


_FIELDS = ("path", "code", "fingerprint")


def render_baseline(findings: Iterable[Finding], base: str) -> str:
    """The baseline file's text for ``findings``, sorted for clean diffs."""
    entries = sorted(key_of(finding, base) for finding in findings)
    data = {
        "version": _VERSION,
        "findings": [dict(zip(_FIELDS, entry, strict=True)) for entry in entries],
    }
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


def write_baseline(path: str, findings: Iterable[Finding]) -> int:
    """Write the baseline for ``findings``; returns how many entries it holds."""
    findings = list(findings)
    base = str(Path(path).resolve().parent)
    try:
        Path(path).write_text(render_baseline(findings, base), encoding="utf-8")
    except OSError as e:
        raise BaselineError(f"cannot write the baseline: {e.strerror or e}", path) from e
    return len(findings)
