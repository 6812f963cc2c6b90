"""Name a secret without showing it: a fingerprint to compare, a display to read."""

from __future__ import annotations

import hashlib

__all__ = ["display_secret", "fingerprint"]

_DISPLAY_PREFIX = 4


def fingerprint(secret: str) -> str:
    """First 16 hex digits of the secret's SHA-256: equal secrets, equal fingerprints."""
    digest = hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:16]


def display_secret(secret: str) -> str:
    """``sk-p… (164 chars)``: a prefix of at most 4 characters (a quarter of it at most)."""
    shown = secret[: min(_DISPLAY_PREFIX, len(secret) // 4)]
    return f"{shown}… ({len(secret)} chars)"
