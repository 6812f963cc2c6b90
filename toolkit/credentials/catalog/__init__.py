"""The secret-format catalog: every known token format, one record each, in match priority.

Order matters where two formats can claim the same span: the earlier, more specific entry
wins (a SigV4 credential before a bare access key id, a service-account key before a PEM
block, an OpenAI project key before the generic OpenAI key).
"""

from __future__ import annotations

from toolkit.credentials.catalog import accounts, ai, cloud, generic, platforms
from toolkit.credentials.pattern import TokenPattern

__all__ = ["CATALOG", "pattern_by_id"]

CATALOG: tuple[TokenPattern, ...] = (
    ai.PATTERNS + cloud.PATTERNS + platforms.PATTERNS + generic.PATTERNS + accounts.PATTERNS
)

_BY_ID = {pattern.id: pattern for pattern in CATALOG}


def pattern_by_id(pattern_id: str) -> TokenPattern | None:
    """The catalog entry with this id, if any."""
    return _BY_ID.get(pattern_id)
