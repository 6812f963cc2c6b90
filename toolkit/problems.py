"""Problems found while reading a file (the ``CT0xx`` family).

Reading never raises for a bad file: each problem is a ``Problem`` with a code
from ``ProblemCode``, a position and a plain message, and loading goes on.
The lint engine reports these same codes as findings.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, NamedTuple

Severity = Literal["error", "warning", "info"]


class ProblemCode(StrEnum):
    """Codes of the file-and-parse family. Never renumber or reuse one."""

    UNREADABLE = "CT001"
    SYNTAX = "CT002"
    UNSAFE_TAG = "CT003"
    UNKNOWN_DIALECT = "CT004"
    UNSUPPORTED_RECORDING = "CT005"
    EMPTY = "CT006"
    RESOURCE_LIMIT = "CT007"
    DUPLICATE_KEY = "CT008"
    MALFORMED_INTERACTION = "CT009"


#: Default severity of each code, used by ``load`` and by lint.
SEVERITY: dict[ProblemCode, Severity] = {
    ProblemCode.UNREADABLE: "error",
    ProblemCode.SYNTAX: "error",
    ProblemCode.UNSAFE_TAG: "error",
    ProblemCode.UNKNOWN_DIALECT: "error",
    ProblemCode.UNSUPPORTED_RECORDING: "info",
    ProblemCode.EMPTY: "warning",
    ProblemCode.RESOURCE_LIMIT: "error",
    ProblemCode.DUPLICATE_KEY: "warning",
    ProblemCode.MALFORMED_INTERACTION: "error",
}


class Problem(NamedTuple):
    """Something wrong with a file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    code: ProblemCode
    message: str
    interaction: int | None = None

    @property
    def severity(self) -> Severity:
        return SEVERITY[self.code]
