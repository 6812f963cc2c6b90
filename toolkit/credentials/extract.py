"""Find the credential inside a value that sits in a credential position.

An ``Authorization`` value is a scheme and a credential (RFC 9110 section 11.4): only the
credential is secret, and for ``Basic`` (RFC 7617) it is the password inside the base64
``user:pass``. A SigV4 header or ``X-Amz-Credential`` scope names the access key id before
its first ``/``. A ``Cookie`` header holds several pairs (RFC 6265), of which only the
session-like ones are credentials; infrastructure cookies (Cloudflare's bot management,
load balancers, WAFs) are not.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from toolkit.credentials.positions import Parser
from toolkit.credentials.validators import decode_base64

__all__ = ["CredentialSpan", "extract_credentials"]


class CredentialSpan(NamedTuple):
    """``value[start:end]`` is redacted; ``judged`` decides whether it is a real secret.

    ``password`` is set when ``judged`` is a password a person chose (``Basic`` user:pass).
    """

    start: int
    end: int
    judged: str
    password: bool = False


_SCHEME = re.compile(r"\s*(\S+)(?:\s+(\S.*?))?\s*\Z", re.DOTALL)
# A structure printed where a token belongs (a Ruby hash ``{:api_key=>"..."}``, a Python dict,
# JSON): its quoted strings are judged, each on its own.
_QUOTED = re.compile(r"""(["'])([^"'\s]{8,})\1""")
_SCHEME_WORDS = frozenset({"bearer", "basic", "token", "digest", "negotiate", "ntlm", "key"})
_SIGV4_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)")
_COOKIE_PAIR = re.compile(r"\s*([^=;,\s]+)=([^;]*)")
_SESSION_WORDS = (
    "session",
    "token",
    "auth",
    "jwt",
    "secret",
    "login",
    "credential",
    "passw",
    "apikey",
    "api_key",
    "api-key",
)
_SESSION_SUFFIXES = ("_sid", "-sid", ".sid")
# Cookies set by CDNs, load balancers and WAFs in front of the APIs: bot scores, visitor
# ids and stickiness, not a login session.
_INFRASTRUCTURE_COOKIES = frozenset(
    {
        "__cf_bm",
        "_cfuvid",
        "cf_clearance",
        "__cflb",
        "__cfruid",
        "__cfseq",
        "awsalb",
        "awsalbcors",
        "awsalbtg",
        "awsalbtgcors",
        "hwwafsesid",
        "hwwafsestime",
        "ak_bmsc",
        "bm_sv",
    }
)


def _whole(value: str) -> list[CredentialSpan]:
    stripped = value.strip()
    if not stripped:
        return []
    start = value.index(stripped)
    return _token_or_quoted(value, start, start + len(stripped))


def _token_or_quoted(value: str, start: int, end: int) -> list[CredentialSpan]:
    """The span as one credential, or, when it prints a structure, each quoted string in it."""
    text = value[start:end]
    if text[:1] in "{[(" and text[-1:] in "}])":
        quoted = [
            CredentialSpan(start + found.start(2), start + found.end(2), found.group(2))
            for found in _QUOTED.finditer(text)
        ]
        if quoted:
            return quoted
    return [CredentialSpan(start, end, text)]


def _basic(value: str, start: int, end: int) -> CredentialSpan:
    """The base64 blob is redacted whole; its password (or lone user, e.g. a key) is judged."""
    token = value[start:end]
    raw = decode_base64(token)
    text = raw.decode("utf-8", "replace") if raw is not None else ""
    user, colon, password = text.partition(":")
    judged = (password or user) if colon else token
    return CredentialSpan(start, end, judged, password=bool(colon and password))


def _authorization(value: str) -> list[CredentialSpan]:
    if value.lstrip()[:1] in ("{", "[", "("):
        return _whole(value)  # no scheme: a printed structure
    found = _SCHEME.match(value)
    if found is None:
        return []
    scheme = found.group(1)
    if found.group(2) is None:
        return [] if scheme.lower() in _SCHEME_WORDS else _whole(value)
    start, end = found.span(2)
    if scheme.lower() == "basic":
        return [_basic(value, start, end)]
    if scheme.upper().startswith("AWS4-"):
        return _amz_scope(value, _SIGV4_CREDENTIAL.search(value))
    if scheme.lower() == "digest":
        return []  # the response is a one-time hash, not the password
    return _token_or_quoted(value, start, end)


def _amz_scope(value: str, found: re.Match[str] | None) -> list[CredentialSpan]:
    if found is None:
        return []
    start, end = found.span(1)
    return [CredentialSpan(start, end, value[start:end])]


def _is_session_cookie(name: str) -> bool:
    lowered = name.lower()
    if lowered in _INFRASTRUCTURE_COOKIES:
        return False
    return (
        any(word in lowered for word in _SESSION_WORDS)
        or lowered == "sid"
        or (lowered.endswith(_SESSION_SUFFIXES))
    )


def _cookies(value: str) -> list[CredentialSpan]:
    spans: list[CredentialSpan] = []
    for pair in _COOKIE_PAIR.finditer(value):
        start, end = pair.span(2)
        if _is_session_cookie(pair.group(1)) and start < end:
            spans.append(CredentialSpan(start, end, value[start:end]))
    return spans


def extract_credentials(value: str, parser: Parser) -> list[CredentialSpan]:
    """The spans of ``value`` that are credentials, according to its position's parser."""
    if parser == "authorization":
        return _authorization(value)
    if parser == "cookie":
        return _cookies(value)
    if parser == "amz-credential":
        return _amz_scope(value, re.match(r"\s*([^/\s]+)", value))
    return _whole(value)
