"""Credential positions: header, parameter and key names under which a value is a secret.

Many keys have no recognisable format (Azure's 32-hex keys, Mistral's, a proxy's own), so
the name the value sits under decides. Names are matched exactly or by an exact suffix rule,
through set lookups: ``x-ratelimit-remaining-tokens`` ends in ``-tokens``, not ``-token``,
and ``max_tokens``, ``next_page_token`` or a thinking ``signature`` are never credentials.

A name only says where a credential would be: the value itself must still be one a
credential could be (``placeholders.could_be_credential``), which is what lets short or
ambiguous names such as ``token``, ``secret`` or a query's ``key`` count as positions at all.
*Password* names hold what people choose, which may be shorter than a generated key.
"""

from __future__ import annotations

import functools
import re
from typing import Literal, NamedTuple

from toolkit.credentials.records import Location

__all__ = ["CredentialPosition", "Holds", "Parser", "classify_position", "normalize_key", "signing_key_name"]

#: What the position holds: a generated key or token, or a password a person chose.
Holds = Literal["key", "password"]
#: How to find the credential inside the value: all of it, after an Authorization
#: scheme, in cookie pairs, or the access key id before the first ``/`` of a SigV4 scope.
Parser = Literal["plain", "authorization", "cookie", "amz-credential"]


class CredentialPosition(NamedTuple):
    """What a name says about its value: the finding kind, provider, parser and whether it
    holds a key or a password."""

    kind: str
    provider: str
    parser: Parser = "plain"
    holds: Holds = "key"


# LiteLLM re-emits upstream headers as ``llm_provider-<name>``.
_FORWARDED_PREFIXES = ("llm_provider-",)

_AUTHORIZATION_HEADERS = frozenset({"authorization", "proxy-authorization"})
_COOKIE_HEADERS = frozenset({"cookie", "set-cookie"})
_HEADER_PROVIDERS = {
    "x-api-key": "generic",
    "api-key": "azure",
    "apikey": "generic",
    "x-goog-api-key": "google",
    "xi-api-key": "elevenlabs",
    "x-amz-security-token": "aws",
    "ocp-apim-subscription-key": "azure",
    "x-functions-key": "azure",
    "x-subscription-key": "generic",
    "private-token": "gitlab",
    "x-vault-token": "hashicorp",
    "x-auth-token": "generic",
    "x-access-token": "generic",
}
_HEADER_SUFFIXES = ("-api-key", "_api_key", "-apikey", "-token", "_token", "-secret", "_secret")
_NOT_CREDENTIAL_HEADERS = frozenset(
    {
        "next-page-token",
        "x-next-page-token",
        "page-token",
        "continuation-token",
        "x-ms-continuation",
        "x-ms-continuation-token",
        "x-goog-next-page-token",
    }
)

# Query, form and JSON names are compared without case and without ``_ - .`` separators,
# so ``api_key``, ``apiKey`` and ``api-key`` are one name.
_CREDENTIAL_KEYS = frozenset(
    {
        "apikey",
        "xapikey",
        "accesstoken",
        "refreshtoken",
        "idtoken",
        "authtoken",
        "bearertoken",
        "sessiontoken",
        "securitytoken",
        "clientsecret",
        "appsecret",
        "apisecret",
        "secretkey",
        "secretaccesskey",
        "awssecretaccesskey",
        "privatekey",
        "password",
        "passwd",
        "passphrase",
        "credential",
        "authorization",
        "subscriptionkey",
        "xgoogapikey",
        "xamzsecuritytoken",
        "accesskeysecret",
        "signingsecret",
        "webhooksecret",
    }
)
# Short or signature-like names that are credentials only in a URL or form: ``sig`` of an
# Azure SAS URL, the signature of a SigV4 pre-signed URL.
_URL_ONLY_KEYS = frozenset({"sig", "xamzsignature"})
# A pre-signed URL's signature grants access only beside the key id it was signed with.
_SIGNED_WITH = {"xamzsignature": "xamzcredential"}
_CREDENTIAL_SUFFIXES = (
    "apikey",
    "accesstoken",
    "refreshtoken",
    "authtoken",
    "bearertoken",
    "sessiontoken",
    "securitytoken",
    "secretkey",
    "secretaccesskey",
    "clientsecret",
    "password",
    "privatekey",
    "licensekey",
    # Datadog's application key (beside its API key), and other services' "application key".
    "applicationkey",
)
# Names shared with ordinary data (logprob ``token`` pieces, an object ``key``). A bare
# ``signature`` is not among them: it signs one request (or is a model's thinking
# signature) and authenticates nothing else.
_SHARED_KEYS = {
    "json_key": frozenset({"token", "secret", "auth"}),
    "query": frozenset({"token", "secret", "auth", "key"}),
    "form": frozenset({"token", "secret", "auth", "key"}),
}
_PASSWORD_ENDINGS = ("password", "passwd", "passphrase")
_KEY_PROVIDERS = {
    "xamzcredential": "aws",
    "xamzsignature": "aws",
    "xamzsecuritytoken": "aws",
    "awssecretaccesskey": "aws",
    "secretaccesskey": "aws",
    "sig": "azure",
    "xgoogapikey": "google",
}
_KIND_NAMES = {
    "header": "credential-header",
    "query": "credential-query",
    "form": "credential-form",
    "json_key": "credential-json-key",
    "userinfo": "credential-userinfo",
}
_SEPARATORS = re.compile(r"[-_.\s]")


def normalize_header(name: str) -> str:
    """Lower-case, trimmed, without a proxy's forwarding prefix."""
    lowered = name.strip().lower()
    for prefix in _FORWARDED_PREFIXES:
        lowered = lowered.removeprefix(prefix)
    return lowered


def normalize_key(name: str) -> str:
    """Query, form and JSON names: lower-case, separators removed."""
    return _SEPARATORS.sub("", name.lower())


def _classify_header(name: str) -> CredentialPosition | None:
    header = normalize_header(name)
    kind = _KIND_NAMES["header"]
    if header in _NOT_CREDENTIAL_HEADERS or "ratelimit" in header:
        return None
    if header in _AUTHORIZATION_HEADERS or header.endswith("-authorization"):
        return CredentialPosition(kind, "generic", "authorization")
    if header in _COOKIE_HEADERS:
        return CredentialPosition(kind, "generic", "cookie")
    if header in _HEADER_PROVIDERS or header.endswith(_HEADER_SUFFIXES):
        default = "aws" if header.startswith("x-amz-") else "generic"
        provider = _HEADER_PROVIDERS.get(header, default)
        return CredentialPosition(kind, provider)
    return None


def _classify_key(kind: str, name: str) -> CredentialPosition | None:
    key = normalize_key(name)
    finding = _KIND_NAMES[kind]
    provider = _KEY_PROVIDERS.get(key, "generic")
    if kind != "json_key" and key == "xamzcredential":
        return CredentialPosition(finding, "aws", "amz-credential")
    if key == "authorization":
        return CredentialPosition(finding, provider, "authorization")
    if key.endswith(_PASSWORD_ENDINGS):
        return CredentialPosition(finding, provider, holds="password")
    if key in _CREDENTIAL_KEYS or key.endswith(_CREDENTIAL_SUFFIXES):
        return CredentialPosition(finding, provider)
    if kind != "json_key" and key in _URL_ONLY_KEYS:
        return CredentialPosition(finding, provider)
    if key in _SHARED_KEYS.get(kind, frozenset()):
        return CredentialPosition(finding, provider)
    return None


def signing_key_name(name: str) -> str | None:
    """For a signature parameter (``X-Amz-Signature``), the normalized name of the parameter
    that must hold its key id for the signature to be a credential (``xamzcredential``)."""
    return _SIGNED_WITH.get(normalize_key(name))


def classify_position(location: Location) -> CredentialPosition | None:
    """The credential position ``location`` names, or ``None`` when its value is ordinary."""
    return _classify(location.kind, location.name)


# Cached on plain strings: a cassette repeats a few hundred names across thousands of values.
@functools.lru_cache(maxsize=4096)
def _classify(kind: str, name: str) -> CredentialPosition | None:
    if kind == "header":
        return _classify_header(name)
    if kind == "userinfo":
        return CredentialPosition(_KIND_NAMES["userinfo"], "generic", holds="password")
    if kind in ("query", "form", "json_key"):
        return _classify_key(kind, name)
    return None
