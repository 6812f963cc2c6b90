"""Tell a signed JSON Web Token from a hand-made one (RFC 7519, RFC 7515).

Tests build JWTs by hand: the header and claims are real base64url JSON, but the signature
is absent, a few characters, or readable text (``.signature``, ``.c2lnbmF0dXJl``), or the
claims say "fixture" (``test-user``, ``user@example.com``, the ``1234567890`` subject of
the jwt.io sample). Such a token authenticates nothing. A real signature is a MAC or a
public-key signature: at least 32 random bytes (HS256), 48 (HS384), 64 (ES256, EdDSA) or
256 (RS256).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from toolkit.credentials.validators import decode_base64
from toolkit.credentials.words import is_identifier_like

__all__ = ["Jwt", "is_hand_made", "read_jwt"]

_SHORTEST_SIGNATURE = 32
_READABLE_SHARE = 0.9
# RFC 2606 and RFC 6761 names reserved for examples and tests.
_EXAMPLE_HOST = re.compile(
    r"(?i)(?:^|[@./])example\.(?:com|org|net)\b|\.(?:test|example|invalid|localhost)\b"
)
_SEQUENCE = "0123456789"
_SEQUENCE_RUN = 8
# Subjects, issuers, e-mail addresses and names are short.
_LONGEST_CLAIM = 64
# Names people type for "nobody in particular" when they make a token by hand (a subject, a
# name, the local part of an e-mail address, an account id).
_FIXTURE_NAMES = frozenset(
    {"none", "null", "noone", "no-one", "nobody", "john doe", "jane doe", "abc123", "foo", "bar", "foobar"}
)


class Jwt(NamedTuple):
    """The decoded parts of a compact JWS: header, claims (None when not a JSON object)."""

    header: dict[str, Any]
    claims: dict[str, Any] | None
    signature: str


def _json_object(part: str) -> dict[str, Any] | None:
    raw = decode_base64(part, urlsafe=True)
    if raw is None:
        return None
    try:
        value = json.loads(raw)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def read_jwt(token: str) -> Jwt | None:
    """The parts of ``token`` if it is a compact JWS: three parts, a JSON header with ``alg``."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[0].startswith("eyJ"):
        return None
    header = _json_object(parts[0])
    if header is None or not isinstance(header.get("alg"), str):
        return None
    return Jwt(header, _json_object(parts[1]), parts[2])


def _is_readable(data: bytes) -> bool:
    printable = sum(32 <= byte < 127 or byte in (9, 10, 13) for byte in data)
    return printable >= _READABLE_SHARE * len(data)


def _signature_is_made_up(jwt: Jwt, has_marker: Callable[[str], bool]) -> bool:
    signature = jwt.signature
    if jwt.header["alg"].lower() == "none" or has_marker(signature) or is_identifier_like(signature):
        return True
    raw = decode_base64(signature, urlsafe=True)
    return raw is None or len(raw) < _SHORTEST_SIGNATURE or _is_readable(raw)


def _claim_is_fixture(value: object, has_marker: Callable[[str], bool]) -> bool:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return False
    text = str(value)
    if len(text) > _LONGEST_CLAIM or text.startswith(("{", "[")):
        return False  # data (serialized JSON, a list of scopes), not a name
    return (
        _EXAMPLE_HOST.search(text) is not None
        or any(_SEQUENCE[i : i + _SEQUENCE_RUN] in text for i in range(len(_SEQUENCE) - _SEQUENCE_RUN + 1))
        or text.lower().split("@")[0] in _FIXTURE_NAMES
        or (isinstance(value, str) and has_marker(value))
    )


def _claim_values(claims: dict[str, Any]) -> list[object]:
    """The top-level claims, and the values of objects one level down (``account.id``)."""
    values: list[object] = []
    for value in claims.values():
        values.extend(value.values() if isinstance(value, dict) else (value,))
    return values


def is_hand_made(jwt: Jwt, has_marker: Callable[[str], bool]) -> bool:
    """No real signature, or a claim that marks a fixture (``has_marker`` judges words such as
    ``test`` or ``example``; a subject ``noone@...`` or an account ``abc123`` is a made-up name).

    Only short claims at the top level and one level down are read: a real token may carry
    data of any kind.
    """
    if _signature_is_made_up(jwt, has_marker):
        return True
    return any(_claim_is_fixture(value, has_marker) for value in _claim_values(jwt.claims or {}))
