"""Tell placeholders and non-secret values apart from credentials.

Recorders and their users write many spellings for "a secret was here": vcrpy's
``filter_headers`` replacement (often ``DUMMY``), go-vcr hooks (``[REDACTED]``,
``REDACTED``), ``**REDACTED**``, ``<OPENAI_ACCESS_TOKEN>``, ``scrubbed``, and providers'
own masked echoes such as ``sk-abc****xyz``; documentation uses ``sk-...`` and AWS's
``...EXAMPLE`` keys. None of these is a finding.

Two strengths: ``is_placeholder_token`` judges a span that already has a provider's format
(a random body can contain any short word, so only unmistakable markers count), while
``is_placeholder_value`` judges a prefix-less value in a credential position and is stricter.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter

from toolkit.secrets.identity import fingerprint

__all__ = [
    "is_documentation_token",
    "is_not_a_credential",
    "is_placeholder_identifier",
    "is_placeholder_token",
    "is_placeholder_value",
    "looks_random",
]

MIN_SECRET_LENGTH = 8

# Tokens printed in public documentation, known by fingerprint so that no token-shaped
# literal sits in this file: the jwt.io debugger's sample HS256 token
# (https://jwt.io/introduction) and the test-mode keys of Stripe's API reference examples
# (https://docs.stripe.com/api/authentication).
_DOCUMENTATION_FINGERPRINTS = frozenset({"7f75367e78812551", "2cafc0970149a84f", "f2d6ca16515033e5"})

# Words no generated key contains by chance at the lengths we see (>= 5 letters) and that
# mark documentation, fixtures and redaction.
_TOKEN_MARKERS = re.compile(
    r"(?i)example|placeholder|redacted|dummy|sample|changeme|scrubbed|filtered|"
    r"your[-_]?(?:api|key|token|secret|own)|insert[-_ ]?your|replace[-_ ]?me|not[-_]?a[-_]?real|"
    r"(?-i:x{4}|X{4})|\*{3}|\.{3}|<[^>]*>|\$\{|\{\{"
)
# Prefix-less values carry no checksum, so any of these words or wrappers marks a fixture.
_VALUE_MARKERS = re.compile(
    r"(?i)fake|mock|test|dummy|placeholder|example|sample|redact|scrub|filter|mask|"
    r"hidden|omitted|removed|sanitized|changeme|secret|password|your|insert|replace|"
    r"^\[.*\]$|^\(.*\)$|^\$[A-Z_]+$|^%[A-Z_]+%$|^env\b"
)
_NULL_WORDS = frozenset(
    {
        "null",
        "none",
        "nil",
        "undefined",
        "nan",
        "true",
        "false",
        "yes",
        "no",
        "bearer",
        "basic",
        "token",
        "n/a",
        "na",
        "empty",
        "unset",
        "default",
    }
)
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_CREDENTIAL_CHARS = re.compile(r"[A-Za-z0-9._~+/=:@!#$%^&*-]+")
_ASCENDING_RUN = 6
_SAME_CHAR_RUN = 6
_MAX_PERIOD = 16


def _longest_run(text: str, *, ascending: bool) -> int:
    longest = run = 1
    for left, right in itertools.pairwise(text):
        step = ord(right) - ord(left)
        run = run + 1 if step == (1 if ascending else 0) else 1
        longest = max(longest, run)
    return longest


def _is_periodic(text: str) -> bool:
    """``abcabcab``: the text repeats a unit of at most 16 characters (at least twice)."""
    limit = min(_MAX_PERIOD, len(text) // 2)
    return any(text[period:] == text[:-period] for period in range(1, limit + 1))


def shannon_entropy(text: str) -> float:
    """Bits per character of the text's own character distribution."""
    counts = Counter(text)
    size = len(text)
    return -sum(n / size * math.log2(n / size) for n in counts.values())


def _is_low_variety(text: str) -> bool:
    """Too few distinct characters for a random secret (``aaaa1111``, ``0000...``)."""
    distinct = len(set(text))
    return distinct <= min(max(4, len(text) // 10), 10) or shannon_entropy(text) < 2.0


def _is_structurally_fake(text: str) -> bool:
    return (
        _longest_run(text, ascending=False) >= _SAME_CHAR_RUN
        or _longest_run(text, ascending=True) >= _ASCENDING_RUN
        or _is_periodic(text)
        or _is_low_variety(text)
    )


def is_placeholder_token(secret: str, *, random_body: bool = True) -> bool:
    """A span with a provider's format that is really a placeholder or documentation key.

    ``random_body`` is false for formats with inner structure (PEM, JWT, session tokens),
    where runs such as ``AAAAAA`` are normal and only the marker words count.
    """
    if _TOKEN_MARKERS.search(secret) is not None or is_documentation_token(secret):
        return True
    return random_body and _is_structurally_fake(secret)


def is_documentation_token(secret: str) -> bool:
    """A token published in a provider's or standard's documentation."""
    return fingerprint(secret) in _DOCUMENTATION_FINGERPRINTS


def is_placeholder_value(value: str) -> bool:
    """A value in a credential position that stands for a secret instead of being one."""
    text = value.strip().strip("\"'")
    if len(text) < MIN_SECRET_LENGTH or text.lower() in _NULL_WORDS:
        return True
    if text.startswith(("<", "${", "{{", "%(")) or text.endswith((">", "}}")):
        return True
    if _VALUE_MARKERS.search(text) is not None or _TOKEN_MARKERS.search(text) is not None:
        return True
    if is_documentation_token(text):
        return True
    return _is_structurally_fake(text)


def is_placeholder_identifier(value: str) -> bool:
    """An account id that was scrubbed: empty, a null word, a wrapper or a marker word.

    Identifiers may be short and low-entropy (``org-1``), so length and variety do not count.
    """
    text = value.strip().strip("\"'")
    if len(text) < 3 or text.lower() in _NULL_WORDS:
        return True
    if text.startswith(("<", "${", "{{", "%(")) or text.endswith((">", "}}")):
        return True
    markers = _VALUE_MARKERS.search(text) or _TOKEN_MARKERS.search(text)
    return markers is not None or set(text) <= set("xX*0-_")


def is_not_a_credential(value: str) -> bool:
    """Values a credential position may hold that are obviously not secrets."""
    text = value.strip()
    return (
        _NUMBER.fullmatch(text) is not None
        or _DATE.fullmatch(text) is not None
        or _URL.match(text) is not None
        or any(char.isspace() for char in text)
        or _CREDENTIAL_CHARS.fullmatch(text) is None
    )


def looks_random(value: str) -> bool:
    """For ambiguous names (``token``, ``secret``, ``sig``): long, mixed and high-entropy."""
    classes = sum(
        (
            any(c.islower() for c in value),
            any(c.isupper() for c in value),
            any(c.isdigit() for c in value),
        )
    )
    return len(value) >= 16 and classes >= 2 and shannon_entropy(value) >= 3.0
