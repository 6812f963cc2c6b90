"""Values shared by every layer of secret detection: where a value sits, and what was found.

A *location* says where the caller found a decoded value (a header, a query parameter, a
JSON key ...) and under which name; a *match* says which span of that value is a secret.
Matches never carry the secret itself: only its offsets, a fingerprint and a safe display.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

__all__ = [
    "Layer",
    "Location",
    "LocationKind",
    "ScanPolicy",
    "SecretMatch",
    "Severity",
]

#: Where a value was found. ``url`` is a whole URL or its path (account ids in paths);
#: ``text`` is free text (SSE data, non-JSON bodies) where names carry no meaning.
LocationKind = Literal["header", "query", "userinfo", "json_key", "form", "url", "text"]

#: ``error`` blocks (a credential); ``warning`` never blocks (account identifiers,
#: test-mode keys); ``info`` is for reporting only.
Severity = Literal["error", "warning", "info"]

#: Which layer found the match: a provider token format, a credential position, an account
#: identifier, or a credential keyword before a value in free text.
Layer = Literal["token", "position", "account", "keyword"]


class Location(NamedTuple):
    """Where a decoded value was found: its kind and the header/parameter/key name.

    Names are compared case-insensitively; the caller may pass them as written.
    """

    kind: LocationKind
    name: str = ""


class SecretMatch(NamedTuple):
    """One secret inside a value: ``value[start:end]`` is the secret.

    ``display`` shows at most a 4-character prefix and the length, never the secret.
    """

    kind: str
    provider: str
    severity: Severity
    layer: Layer
    start: int
    end: int
    fingerprint: str
    display: str


class ScanPolicy(NamedTuple):
    """Options of a scan: whether and how loudly account identifiers are reported."""

    report_accounts: bool = True
    account_severity: Severity = "warning"
