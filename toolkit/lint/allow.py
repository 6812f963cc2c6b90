"""``allow-values``: values a project writes on purpose (placeholders, a local proxy's key).

An entry is either the exact value, or ``re:`` and a regular expression searched in the
value (anchor it with ``^`` and ``$`` to match the whole value). A secret finding (CT2xx)
whose value is allowed is not reported, and ``redact`` leaves the value in place. The value
is the one the finding is about: the token, or the credential after its scheme
(``Bearer``), as the finding's ``sk-p… (164 chars)`` shows it.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

__all__ = ["ALLOW_VALUES", "REGEX_PREFIX", "AllowList", "compile_allow_list"]

#: The option of the rules that take an allow list, and the top-level key that feeds it.
ALLOW_VALUES = "allow-values"
REGEX_PREFIX = "re:"


class AllowList(NamedTuple):
    """Exact values and regular expressions."""

    exact: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]

    def allows(self, value: str) -> bool:
        return value in self.exact or any(pattern.search(value) for pattern in self.patterns)


@functools.lru_cache(maxsize=32)
def compile_allow_list(entries: tuple[str, ...]) -> AllowList:
    """The allow list of ``entries``; a regular expression that does not compile is a ``ValueError``."""
    exact: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for entry in entries:
        if not entry.startswith(REGEX_PREFIX):
            exact.add(entry)
            continue
        try:
            patterns.append(re.compile(entry.removeprefix(REGEX_PREFIX)))
        except re.error as e:
            raise ValueError(f"{entry!r} is not a valid regular expression: {e}") from e
    return AllowList(frozenset(exact), tuple(patterns))
