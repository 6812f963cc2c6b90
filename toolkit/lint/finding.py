"""What lint produces: ``Finding`` records, and the ``Hit`` a rule yields before the engine stamps it.

A rule says *where* and *what* (a ``Hit``); the engine adds the code, name,
severity, path and fingerprint, so no rule can get those wrong.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from toolkit.model import Position
from toolkit.problems import Severity

__all__ = ["FAIL_ON", "SEVERITIES", "FailOn", "Finding", "Hit", "Severity", "fails", "severity_rank"]

#: Severities from the least to the most serious.
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")

#: What a run fails on: a severity, or ``never`` (``--fail-on never``, ``--exit-zero``).
FailOn = Severity | Literal["never"]
#: Every ``--fail-on`` value, the most serious first.
FAIL_ON: tuple[FailOn, ...] = ("error", "warning", "info", "never")


def severity_rank(severity: Severity) -> int:
    """0 for info, 1 for warning, 2 for error: ``a >= b`` means "at least as serious"."""
    return SEVERITIES.index(severity)


def fails(severity: Severity, fail_on: FailOn) -> bool:
    """Whether a finding of ``severity`` fails a run that fails on ``fail_on``."""
    return fail_on != "never" and severity_rank(severity) >= severity_rank(fail_on)


class Hit(NamedTuple):
    """A problem as a rule reports it.

    ``position`` is the 1-based line and column of the YAML node at fault.
    ``interaction`` is the 0-based index of the interaction it belongs to, if any. ``key`` names the
    place within the interaction (or file) in words that survive re-recording,
    such as ``response.header:cf-ray``; with the interaction's method and URL
    path it makes the finding's fingerprint. ``value_fingerprint`` is set when the
    finding is about a value wherever it sits (a secret): the value's own
    fingerprint, equal in every file. Messages never carry secret values or long
    bodies.
    """

    position: Position
    message: str
    interaction: int | None = None
    key: str = ""
    value_fingerprint: str | None = None


class Finding(NamedTuple):
    """One finding: where (1-based line and column of the YAML node), what, and how serious.

    ``fingerprint`` identifies the place (code, interaction, key) and survives re-recording;
    ``value_fingerprint``, for secret findings, identifies the value in any file.
    """

    path: str
    line: int
    column: int
    code: str
    name: str
    severity: Severity
    message: str
    interaction: int | None = None
    fingerprint: str = ""
    value_fingerprint: str | None = None
