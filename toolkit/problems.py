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
    INTERNAL_ERROR = "CT099"


#: Default severity of each code, used by ``load`` and by lint. The policy: an error is a
#: cassette that will not replay (or that holds a real credential), a warning is worth fixing
#: while replay still works, info is hygiene. A false error blocks a user's commit for nothing,
#: so a code is an error only when every recorder that could have written the file fails on it.
SEVERITY: dict[ProblemCode, Severity] = {
    # Not text (or not UTF-8, or bad gzip): no recorder's YAML or JSON parser reads it.
    ProblemCode.UNREADABLE: "error",
    # Not well-formed YAML: PyYAML, Psych and yaml.v3 all stop on it. A key written twice in
    # a go-vcr format 2 cassette is reported here too, since yaml.v3 refuses it.
    ProblemCode.SYNTAX: "error",
    # A tag vcrpy's safe loader refuses (its pickled BytesIO / iterator bodies are read, not
    # refused): the cassette no longer loads in vcrpy.
    ProblemCode.UNSAFE_TAG: "error",
    # Data in no layout we know: a recorder we do not read (its cassettes replay fine there)
    # or a fixture beside the cassettes. Nothing says it will not replay; whether the file was
    # named or found in a folder does not change that, so it is a warning either way.
    ProblemCode.UNKNOWN_DIALECT: "warning",
    # Recognised, valid in its own protocol, not checked: say so, block nothing.
    ProblemCode.UNSUPPORTED_RECORDING: "info",
    # vcrpy and Ruby VCR load an empty interaction list; an empty file fails in some
    # recorders (vcrpy, go-vcr v3/v4) and loads in others (Ruby VCR, go-vcr v1/v2).
    ProblemCode.EMPTY: "warning",
    # A file built to exhaust a reader (an alias bomb, a gzip bomb): no recorder writes one,
    # and nothing in it can be checked, secrets included.
    ProblemCode.RESOURCE_LIMIT: "error",
    # PyYAML, Psych and yaml.v2 keep the later value and load the file.
    ProblemCode.DUPLICATE_KEY: "warning",
    # An item of an HTTP cassette without a request or response mapping: vcrpy (KeyError),
    # go-vcr (yaml.v3 type error) and Ruby VCR all fail to load the cassette. Recordings of
    # other protocols are told apart first (CT005), so this fires only on HTTP cassettes.
    ProblemCode.MALFORMED_INTERACTION: "error",
    # Reading the file (or an interaction of it) raised: a bug of the toolkit, which says
    # nothing about the cassette and must not block a commit; it is always shown.
    ProblemCode.INTERNAL_ERROR: "warning",
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
