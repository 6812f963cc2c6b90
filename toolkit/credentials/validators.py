"""Structural checks that a regex alone cannot express, looked up by name from the catalog.

Each validator takes the candidate secret (the span a pattern matched) and says whether it
has the structure its format promises: a checksum, a decodable header, a fixed marker.
A candidate that fails is not a finding: it is a look-alike.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from collections.abc import Callable, Mapping
from urllib.parse import unquote

__all__ = ["VALIDATORS", "base62_encode", "github_checksum"]

Validator = Callable[[str], bool]

# GitHub's base62 alphabet orders digits, then upper case, then lower case.
# https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
BASE62_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_GITHUB_ENTROPY_LEN = 30
_GITHUB_CHECKSUM_LEN = 6


def base62_encode(number: int, width: int) -> str:
    """``number`` in base62, left-padded with ``0`` to ``width`` characters."""
    digits: list[str] = []
    while number:
        number, rest = divmod(number, 62)
        digits.append(BASE62_ALPHABET[rest])
    return "".join(reversed(digits)).rjust(width, "0")


def github_checksum(entropy: str) -> str:
    """The 6-character checksum GitHub appends: CRC32 of the random part, in base62."""
    return base62_encode(zlib.crc32(entropy.encode("ascii")), _GITHUB_CHECKSUM_LEN)


def check_github_checksum(token: str) -> bool:
    """``pre_`` + 30 random base62 characters + their CRC32 in base62 (6 characters)."""
    body = token.rpartition("_")[2]
    if len(body) != _GITHUB_ENTROPY_LEN + _GITHUB_CHECKSUM_LEN:
        return False
    entropy, checksum = body[:_GITHUB_ENTROPY_LEN], body[_GITHUB_ENTROPY_LEN:]
    return github_checksum(entropy) == checksum


def decode_base64(text: str, *, urlsafe: bool = False) -> bytes | None:
    """Decode base64 with or without padding; ``None`` when it is not base64."""
    padded = text + "=" * (-len(text) % 4)
    try:
        if urlsafe:
            return base64.urlsafe_b64decode(padded)
        return base64.b64decode(padded, validate=True)
    except (binascii.Error, ValueError):
        return None


def check_jwt(token: str) -> bool:
    """RFC 7519: three base64url parts; the first is a JSON object with an ``alg`` member."""
    parts = token.split(".")
    if len(parts) != 3:
        return False
    raw = decode_base64(parts[0], urlsafe=True)
    if raw is None:
        return False
    try:
        header = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        return False
    return isinstance(header, dict) and isinstance(header.get("alg"), str)


def check_bedrock_long_term(token: str) -> bool:
    """``ABSK`` + base64 of ``BedrockAPIKey-<id>-at-<account>:<secret>``."""
    raw = decode_base64(token[len("ABSK") :])
    return raw is not None and raw.startswith(b"BedrockAPIKey-")


def check_bedrock_short_term(token: str) -> bool:
    """``bedrock-api-key-`` + base64 of a SigV4 pre-signed URL."""
    raw = decode_base64(token[len("bedrock-api-key-") :])
    return raw is not None and raw.startswith(b"bedrock.amazonaws.com") and b"X-Amz-" in raw


def check_openai_marker(token: str) -> bool:
    """OpenAI keys embed ``T3BlbkFJ``, the base64 of ``OpenAI``."""
    return "T3BlbkFJ" in token


def check_aws_session_token(token: str) -> bool:
    """A session token is base64, possibly percent-encoded inside a URL."""
    return decode_base64(unquote(token)) is not None


# Microsoft "common annotated security key" layout: 52 random characters, the signature
# ``JQQJ9`` and a version character, then fixed-alphabet fields at known offsets.
# https://github.com/microsoft/security-utilities (SEC101/200 and the CASK specification)
_CASK = re.compile(r"[0-9A-Za-z]{52}JQQJ9[9DH][0-9A-Za-z][A-L][0-9A-Za-z]{16}[A-Za-z][0-9A-Za-z]{7}")


def check_azure_cask(token: str) -> bool:
    """An 84-character Azure key in the common annotated security key layout."""
    return _CASK.fullmatch(token) is not None


_PEM_BODY = re.compile(r"-----BEGIN[A-Z ]*PRIVATE KEY(?: BLOCK)?-----(.*?)-----END", re.DOTALL)
_NOT_BASE64 = re.compile(r"\\n|\\r|[^A-Za-z0-9+/=]")
_MIN_PEM_BODY = 64


def check_pem_body(block: str) -> bool:
    """A private key block whose body is at least 64 base64 characters of varied content."""
    found = _PEM_BODY.search(block)
    if found is None:
        return False
    # Headers such as ``Proc-Type: 4,ENCRYPTED`` are dropped with the non-base64 characters.
    body = _NOT_BASE64.sub("", found.group(1))
    return len(body) >= _MIN_PEM_BODY and len(set(body)) > 16


VALIDATORS: Mapping[str, Validator] = {
    "github-checksum": check_github_checksum,
    "jwt-header": check_jwt,
    "bedrock-long-term": check_bedrock_long_term,
    "bedrock-short-term": check_bedrock_short_term,
    "openai-marker": check_openai_marker,
    "aws-session-token": check_aws_session_token,
    "azure-cask": check_azure_cask,
    "pem-body": check_pem_body,
}
