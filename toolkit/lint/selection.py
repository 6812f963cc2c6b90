"""Which rules run and how serious their findings are: code prefixes, the longest prefix wins.

``select = ["CT"]`` with ``ignore = ["CT4"]`` and ``select = ["CT405"]`` runs
every rule but the CT4xx ones, except CT405 (``CT405`` is longer than
``CT4``). On a tie, ignore wins. Per-file ignores are absolute.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from toolkit.lint.finding import Severity

__all__ = ["PREFIX_PATTERN", "is_selected", "longest_match", "severity_for"]

#: What a code or code prefix looks like.
PREFIX_PATTERN = re.compile(r"CT\d{0,3}")


def longest_match(code: str, prefixes: Iterable[str]) -> int:
    """Length of the longest prefix of ``code`` among ``prefixes``, or -1 when none matches."""
    return max((len(prefix) for prefix in prefixes if code.startswith(prefix)), default=-1)


def is_selected(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """Whether ``code`` runs: its longest selecting prefix beats its longest ignoring one."""
    chosen = longest_match(code, select)
    return chosen >= 0 and chosen > longest_match(code, ignore)


def severity_for(code: str, default: Severity, overrides: Iterable[tuple[str, Severity]]) -> Severity:
    """The override with the longest prefix of ``code`` (the last on a tie), else ``default``."""
    best, severity = -1, default
    for prefix, level in overrides:
        if code.startswith(prefix) and len(prefix) >= best:  # later entries (flags) win ties
            best, severity = len(prefix), level
    return severity
