"""The record every catalog entry is: one token format, kept as data.

A pattern's ``regex`` is our own expression of a public format (never a copy of another
scanner's rule). When it has a group named ``secret``, that group is the span to redact;
otherwise the whole match is. ``keywords`` are literal substrings every match contains: the
matcher runs a pattern only on text where one of its keywords occurs.

``must_match`` and ``must_not_match`` are example *templates* (see ``examples``): they expand
to synthetic, structurally valid strings, so no real or real-looking key is stored here.
"""

from __future__ import annotations

import re
import string
from typing import Literal, NamedTuple

from toolkit.credentials.records import Severity

__all__ = [
    "ALNUM_END",
    "ALNUM_START",
    "B64_END",
    "B64_START",
    "START_BOUNDARIES",
    "TOKEN_END",
    "TOKEN_START",
    "TokenPattern",
]

# Boundaries: a token is not part of a longer run of its own alphabet. Written as
# look-arounds so that ``Bearer``, ``=``, quotes, ``/`` or line ends may touch a token.
TOKEN_START = r"(?<![A-Za-z0-9_-])"
TOKEN_END = r"(?![A-Za-z0-9_-])"
ALNUM_START = r"(?<![A-Za-z0-9])"
ALNUM_END = r"(?![A-Za-z0-9])"
# ``=`` may come right before a base64 token (``token=IQoJ...``): padding only ever ends a run.
B64_START = r"(?<![A-Za-z0-9+/_-])"
B64_END = r"(?![A-Za-z0-9+/=_-])"

_ALNUM = string.ascii_letters + string.digits
#: The characters each start boundary forbids right before a token (a test checks them
#: against the look-behinds). The matcher checks a leading boundary itself: ``re`` scans
#: quickly for a pattern that starts with a literal, but not for one that starts with a
#: look-behind.
START_BOUNDARIES: dict[str, frozenset[str]] = {
    TOKEN_START: frozenset(_ALNUM + "_-"),
    ALNUM_START: frozenset(_ALNUM),
    B64_START: frozenset(_ALNUM + "+/_-"),
}

PatternLayer = Literal["token", "account"]


class TokenPattern(NamedTuple):
    """One secret format: how to find it, how to confirm it, and where the format is documented."""

    id: str
    provider: str
    description: str
    regex: str
    keywords: tuple[str, ...]
    source: str
    must_match: tuple[str, ...]
    must_not_match: tuple[str, ...]
    severity: Severity = "error"
    validator: str | None = None
    #: The keywords may occur in any case in a real secret. (The matcher searches every keyword
    #: case-insensitively and lets the regex decide; this says what the examples must show.)
    keywords_ignore_case: bool = False
    layer: PatternLayer = "token"
    #: The secret is random characters, so runs, repeats and low variety mark a placeholder.
    #: False for formats with inner structure (PEM, JWT, base64 of binary).
    random_body: bool = True

    def compile(self) -> re.Pattern[str]:
        """The compiled regex (patterns needing multi-line spans say ``(?s)`` themselves)."""
        return re.compile(self.regex)
