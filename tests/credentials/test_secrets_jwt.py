"""Hand-made JWTs are fixtures; a JWT with a real signature is a credential (CT201)."""

from __future__ import annotations

import base64
import json
import random

import pytest

from toolkit.credentials import Location, scan_text, scan_value
from toolkit.credentials.jwt import is_hand_made, read_jwt
from toolkit.credentials.placeholders import has_marker

RNG = random.Random(7519)


def _part(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


def _signature(size: int) -> str:
    return base64.urlsafe_b64encode(RNG.randbytes(size)).rstrip(b"=").decode()


def _jwt(claims: dict[str, object], signature: str, alg: str = "HS256") -> str:
    return f"{_part({'alg': alg, 'typ': 'JWT'})}.{_part(claims)}.{signature}"


REAL_CLAIMS = {"sub": "8f2c41d0-5a7b-4c3e-9d1f-2b6a8e0c4f17", "iat": 1735689600, "exp": 1735693200}

HAND_MADE = {
    "unsigned (alg none)": _jwt(REAL_CLAIMS, "", alg="none"),
    "no signature": _jwt(REAL_CLAIMS, ""),
    "a short signature": _jwt(REAL_CLAIMS, _signature(16)),
    "a signature of readable text": _jwt(
        REAL_CLAIMS, base64.urlsafe_b64encode(b"this is not a real signature, only text").decode()
    ),
    "a signature made of words": _jwt(REAL_CLAIMS, "fake-signature-for-the-test-suite-only"),
    "a test subject": _jwt({"sub": "test-user", "iat": 1735689600}, _signature(32)),
    "an example.com address": _jwt({"sub": "42", "email": "alice@example.com"}, _signature(32)),
    "an example issuer": _jwt({"iss": "https://auth.example.org", "sub": "42"}, _signature(32)),
    "the jwt.io sample subject": _jwt({"sub": "1234567890", "name": "John Doe"}, _signature(32)),
    "a nobody, with a made-up account one level down": _jwt(
        {"name": "none", "sub": "noone@acme.dev", "account": {"bss": "abc123"}, "exp": 2023953737},
        _signature(32),
    ),
}


@pytest.mark.parametrize("token", HAND_MADE.values(), ids=list(HAND_MADE))
def test_hand_made_jwts_are_not_credentials(token: str) -> None:
    jwt = read_jwt(token)
    assert jwt is not None and is_hand_made(jwt, has_marker)
    assert scan_text(f'{{"id_token": "{token}"}}') == []
    assert scan_value(Location("header", "Authorization"), f"Bearer {token}") == []
    assert scan_value(Location("json_key", "access_token"), token) == []


REAL = {
    "HS256": _jwt(REAL_CLAIMS, _signature(32)),
    "HS384 with a kid": ".".join(
        [_part({"kid": "key-1", "alg": "HS384"}), _part({"data": "{}"}), _signature(48)]
    ),
    "RS256": _jwt(
        {**REAL_CLAIMS, "iss": "https://login.microsoftonline.com/t/v2.0"}, _signature(256), "RS256"
    ),
    "ES256": _jwt(REAL_CLAIMS, _signature(64), "ES256"),
}


@pytest.mark.parametrize("token", REAL.values(), ids=list(REAL))
def test_signed_jwts_are_found_in_text_and_in_credential_positions(token: str) -> None:
    assert [match.kind for match in scan_text(f"token={token}")] == ["jwt"]
    (match,) = scan_value(Location("header", "Authorization"), f"Bearer {token}")
    assert (match.kind, match.severity) == ("jwt", "error")


def test_only_top_level_claims_are_read() -> None:
    """A real token may carry any nested data, ``example`` included."""
    claims = {"sub": "42", "serialized": json.dumps({"client": "an example client"})}
    token = _jwt(claims, _signature(48), "HS384")
    assert [match.kind for match in scan_text(token)] == ["jwt"]


@pytest.mark.parametrize("text", ["a.b.c", "eyJhbGciOiJIUzI1NiJ9", "eyJub3QiOiJqc29uIn0.e30.x", "eyJ!.e30.x"])
def test_read_jwt_refuses_what_is_not_a_jws(text: str) -> None:
    assert read_jwt(text) is None
