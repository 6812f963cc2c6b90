"""What a match exposes (never the secret), policies, and redaction."""

from __future__ import annotations

import pytest

from toolkit.credentials import (
    CATALOG,
    Location,
    ScanPolicy,
    SecretMatch,
    apply_redactions,
    display_secret,
    fingerprint,
    placeholder_for,
    scan_text,
    scan_value,
)
from toolkit.credentials.templates import expand, expand_all

EXAMPLES = [example for p in CATALOG for example in expand_all(p.must_match, f"{p.id}:must_match")]
VERTEX_URL = (
    "https://us-central1-aiplatform.googleapis.com/v1/projects/acme-prod-123456/locations/"
    "us-central1/publishers/google/models/gemini-2.5-flash:generateContent"
)


def _all_matches() -> list[tuple[str, SecretMatch]]:
    return [(text, match) for text in EXAMPLES for match in scan_text(text, accounts=True)]


def test_display_never_shows_more_than_four_characters_of_the_secret() -> None:
    for text, match in _all_matches():
        secret = text[match.start : match.end]
        prefix = match.display.partition("…")[0]
        assert len(prefix) <= 4 and secret.startswith(prefix)
        assert secret[:5] not in match.display or len(secret) < 5
        assert match.display.endswith(f"({len(secret)} chars)")


@pytest.mark.parametrize("secret", ["12345678", "a" * 9, "x" * 200])
def test_display_of_short_secrets_shows_at_most_a_quarter(secret: str) -> None:
    assert len(display_secret(secret).partition("…")[0]) <= len(secret) // 4


def test_fingerprint_is_16_hex_of_sha256_and_stable() -> None:
    assert fingerprint("abc") == "ba7816bf8f01cfea"
    for text, match in _all_matches():
        assert match.fingerprint == fingerprint(text[match.start : match.end])


def test_stripe_test_key_is_a_warning() -> None:
    (match,) = scan_text(expand("sk_test_{b62:24}", "stripe"))
    assert match.severity == "warning"


def test_scan_text_ignores_names_and_accounts_by_default() -> None:
    assert scan_text(VERTEX_URL) == []
    assert [m.kind for m in scan_text(VERTEX_URL, accounts=True)] == ["gcp-project-id"]


def test_account_ids_in_urls_follow_the_policy() -> None:
    (match,) = scan_value(Location("url"), VERTEX_URL)
    assert VERTEX_URL[match.start : match.end] == "acme-prod-123456"
    assert match.severity == "warning"
    loud = ScanPolicy(account_severity="error")
    assert scan_value(Location("url"), VERTEX_URL, loud)[0].severity == "error"
    assert scan_value(Location("url"), VERTEX_URL, ScanPolicy(report_accounts=False)) == []
    quiet = ScanPolicy(report_accounts=False)
    assert scan_value(Location("header", "openai-organization"), "org-abc123def456", quiet) == []


def test_placeholder_for_keeps_length_when_asked() -> None:
    for text, match in _all_matches():
        replacement = placeholder_for(match, text, keep_length=True)
        assert len(replacement) == match.end - match.start
        assert placeholder_for(match, text) == f"<REDACTED:{match.kind}>"


def test_placeholder_for_rejects_a_span_outside_the_value() -> None:
    (match,) = scan_text(expand("ghp_{b62:30}{ghsum}", "gh"))
    with pytest.raises(ValueError, match="outside"):
        placeholder_for(match, "short")


@pytest.mark.parametrize("keep_length", [False, True])
def test_redacted_values_scan_clean(keep_length: bool) -> None:
    for text in EXAMPLES:
        matches = scan_text(text)
        redacted = apply_redactions(text, matches, keep_length=keep_length)
        assert [m for m in scan_text(redacted) if m.severity == "error"] == []
        if keep_length:
            assert len(redacted) == len(text)


@pytest.mark.parametrize("keep_length", [False, True])
def test_redacted_credential_positions_scan_clean(keep_length: bool) -> None:
    location = Location("header", "Authorization")
    value = expand("Bearer {b62:40}", "position")
    matches = scan_value(location, value)
    assert len(matches) == 1
    redacted = apply_redactions(value, matches, keep_length=keep_length)
    assert scan_value(location, redacted) == []
