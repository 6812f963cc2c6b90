"""Account identifiers in headers: not secrets, but they tie a recording to an account.

Providers echo the caller's organization and project on every response; a public cassette
then names the account that recorded it. Reported as warnings, never blocking. Account ids
inside values (ARNs, Vertex resource paths) are catalog patterns of the ``account`` layer.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from toolkit.credentials.positions import normalize_header
from toolkit.credentials.records import Location

__all__ = ["ACCOUNT_HEADERS", "account_header_provider"]

#: Header name -> provider. Sources:
#: https://platform.openai.com/docs/api-reference/debugging-requests (OpenAI),
#: https://docs.anthropic.com/en/api/errors (Anthropic),
#: https://cloud.google.com/apis/docs/system-parameters (x-goog-user-project).
ACCOUNT_HEADERS: Mapping[str, str] = {
    "openai-organization": "openai",
    "openai-project": "openai",
    "anthropic-organization-id": "anthropic",
    "x-goog-user-project": "google",
}


def account_header_provider(location: Location) -> str | None:
    """The provider whose account a header names, or ``None`` for other locations."""
    if location.kind != "header":
        return None
    return _header_provider(location.name)


@functools.lru_cache(maxsize=4096)
def _header_provider(name: str) -> str | None:
    return ACCOUNT_HEADERS.get(normalize_header(name))
