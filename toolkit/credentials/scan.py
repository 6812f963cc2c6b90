"""Scan one decoded value: provider token formats, credential positions, account ids.

The caller walks a cassette (header values, URL query parameters and userinfo, JSON strings
at any depth, form fields, SSE data ...) and hands each value here with its location. A
value is first searched for known token formats; if its location is a credential position,
whatever credential the formats did not already cover is judged on its own; account
identifiers come last. Every match gives offsets into the value, never the secret itself.
"""

from __future__ import annotations

from typing import NamedTuple

from toolkit.credentials.account_headers import account_header_provider
from toolkit.credentials.catalog import CATALOG
from toolkit.credentials.extract import CredentialSpan, extract_credentials
from toolkit.credentials.identity import display_secret, fingerprint
from toolkit.credentials.keyword_context import find_keyword_credentials
from toolkit.credentials.matcher import TokenHit, build_matcher, find_tokens, has_keywords
from toolkit.credentials.pattern import PatternLayer
from toolkit.credentials.placeholders import (
    MIN_KEY_LENGTH,
    MIN_PASSWORD_LENGTH,
    could_be_credential,
    is_placeholder_identifier,
)
from toolkit.credentials.positions import CredentialPosition, classify_position
from toolkit.credentials.records import Layer, Location, ScanPolicy, SecretMatch, Severity

__all__ = ["DEFAULT_POLICY", "KEYWORD_KIND", "may_hold_token", "scan_keywords", "scan_text", "scan_value"]

DEFAULT_POLICY = ScanPolicy()
_MATCHER = build_matcher(CATALOG)
_TOKENS_ONLY: frozenset[PatternLayer] = frozenset({"token"})
_TOKENS_AND_ACCOUNTS: frozenset[PatternLayer] = frozenset({"token", "account"})
#: The kind of a prefix-less value found after a credential keyword in free text.
KEYWORD_KIND = "keyword-credential"


class _Label(NamedTuple):
    """What a match reports besides its span."""

    kind: str
    provider: str
    severity: Severity
    layer: Layer


def _match(value: str, start: int, end: int, label: _Label) -> SecretMatch:
    secret = value[start:end]
    return SecretMatch(
        kind=label.kind,
        provider=label.provider,
        severity=label.severity,
        layer=label.layer,
        start=start,
        end=end,
        fingerprint=fingerprint(secret),
        display=display_secret(secret),
    )


def _token_match(value: str, hit: TokenHit, policy: ScanPolicy) -> SecretMatch:
    pattern = hit.pattern
    if pattern.layer == "account":
        label = _Label(pattern.id, pattern.provider, policy.account_severity, "account")
    else:
        label = _Label(pattern.id, pattern.provider, pattern.severity, "token")
    return _match(value, hit.start, hit.end, label)


def _is_credential(span: CredentialSpan, position: CredentialPosition) -> bool:
    password = span.password or position.holds == "password"
    return could_be_credential(span.judged, MIN_PASSWORD_LENGTH if password else MIN_KEY_LENGTH)


def _covered(span: CredentialSpan, hits: list[TokenHit]) -> bool:
    """A token format already reported (part of) this credential."""
    return any(hit.pattern.layer == "token" and hit.start < span.end and span.start < hit.end for hit in hits)


def _position_matches(value: str, position: CredentialPosition, hits: list[TokenHit]) -> list[SecretMatch]:
    label = _Label(position.kind, position.provider, "error", "position")
    return [
        _match(value, span.start, span.end, label)
        for span in extract_credentials(value, position.parser)
        if not _covered(span, hits) and _is_credential(span, position)
    ]


def _account_header_matches(location: Location, value: str, policy: ScanPolicy) -> list[SecretMatch]:
    provider = account_header_provider(location)
    stripped = value.strip()
    if provider is None or is_placeholder_identifier(stripped, location.name):
        return []
    start = value.index(stripped)
    label = _Label("account-id", provider, policy.account_severity, "account")
    return [_match(value, start, start + len(stripped), label)]


def scan_value(location: Location, value: str, policy: ScanPolicy = DEFAULT_POLICY) -> list[SecretMatch]:
    """Every secret (and, by policy, account identifier) in one decoded value, by offset."""
    accounts = policy.report_accounts and location.kind != "text"
    hits = find_tokens(value, _MATCHER, _TOKENS_AND_ACCOUNTS if accounts else _TOKENS_ONLY)
    matches = [_token_match(value, hit, policy) for hit in hits]
    position = classify_position(location)
    if position is not None:
        matches += _position_matches(value, position, hits)
    if accounts and location.kind == "header":
        matches += _account_header_matches(location, value, policy)
    return sorted(matches, key=lambda match: (match.start, match.end))


def scan_text(text: str, *, accounts: bool = False, policy: ScanPolicy = DEFAULT_POLICY) -> list[SecretMatch]:
    """Token formats in free text (SSE data, non-JSON bodies); names carry no meaning here."""
    hits = find_tokens(text, _MATCHER, _TOKENS_AND_ACCOUNTS if accounts else _TOKENS_ONLY)
    return [_token_match(text, hit, policy) for hit in hits]


def scan_keywords(text: str) -> list[SecretMatch]:
    """Values with no format written after a credential keyword in free text (warnings: only
    the words before them say they are credentials)."""
    label = _Label(KEYWORD_KIND, "generic", "warning", "keyword")
    return [_match(text, span.start, span.end, label) for span in find_keyword_credentials(text)]


def may_hold_token(text: str) -> bool:
    """False when no token format can occur in ``text`` (none of their keywords does)."""
    return has_keywords(text, _MATCHER, _TOKENS_ONLY)
