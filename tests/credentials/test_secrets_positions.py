"""Credential positions catch prefix-less keys; placeholders and ordinary values pass."""

from __future__ import annotations

import base64
import random

import pytest

from toolkit.credentials import Location, SecretMatch, scan_value
from toolkit.credentials.templates import ALPHABETS, expand

RNG = random.Random(20240601)


def _random(alphabet: str, length: int) -> str:
    return "".join(RNG.choice(ALPHABETS[alphabet]) for _ in range(length))


def _kinds(matches: list[SecretMatch]) -> list[str]:
    return [match.kind for match in matches]


def _only(location: Location, value: str) -> SecretMatch:
    matches = scan_value(location, value)
    assert len(matches) == 1, matches
    return matches[0]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("api-key", _random("hex", 32)),  # Azure OpenAI
        ("x-api-key", _random("b62", 40)),
        ("X-Goog-Api-Key", _random("b64url", 39)),
        ("Ocp-Apim-Subscription-Key", _random("hex", 32)),
        ("x-my-service-api-key", _random("b62", 24)),
        ("x-custom-token", _random("b62", 30)),
        ("x-client-secret", _random("b62", 30)),
        ("llm_provider-x-api-key", _random("b62", 40)),
    ],
)
def test_prefixless_key_in_credential_header(name: str, value: str) -> None:
    match = _only(Location("header", name), value)
    assert (match.kind, match.layer, match.severity) == ("credential-header", "position", "error")
    assert (match.start, match.end) == (0, len(value))


def test_azure_key_header_names_its_provider() -> None:
    assert _only(Location("header", "api-key"), _random("hex", 32)).provider == "azure"


def test_bearer_credential_span_excludes_the_scheme() -> None:
    secret = _random("b62", 40)
    value = f"Bearer {secret}"
    match = _only(Location("header", "Authorization"), value)
    assert value[match.start : match.end] == secret


@pytest.mark.parametrize(
    "template",
    [
        'Bearer {{:api_key=>"{}"}}',  # a Ruby hash printed where the token belongs
        "{{'api_key': '{}'}}",  # a Python dict
        '{{"api_key": "{}", "model": "command-r-plus"}}',  # JSON
    ],
)
def test_a_key_inside_a_printed_structure_is_found(template: str) -> None:
    secret = _random("b62", 40)
    value = template.format(secret)
    match = _only(Location("header", "Authorization"), value)
    assert value[match.start : match.end] == secret


def test_a_placeholder_inside_a_printed_structure_is_not_a_credential() -> None:
    assert scan_value(Location("header", "Authorization"), 'Bearer {:api_key=>"<COHERE_API_KEY>"}') == []


def test_known_format_in_authorization_is_reported_once_by_its_format() -> None:
    value = "Bearer " + expand("sk-proj-{b64url:74}T3BlbkFJ{b64url:74}", "bearer")
    assert _kinds(scan_value(Location("header", "authorization"), value)) == ["openai-project-key"]


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_basic_auth_password_is_judged() -> None:
    value = _basic("recorder", _random("b62", 20))
    match = _only(Location("header", "Authorization"), value)
    assert value[match.start : match.end] == value.removeprefix("Basic ")


@pytest.mark.parametrize("password", ["REDACTED", "", "x", "<password>", "changeme"])
def test_basic_auth_with_placeholder_password_is_not_a_finding(password: str) -> None:
    assert scan_value(Location("header", "Authorization"), _basic("user", password)) == []


def test_basic_auth_with_key_as_user_is_a_finding() -> None:
    value = _basic(_random("b62", 32), "")
    assert _kinds(scan_value(Location("header", "Authorization"), value)) == ["credential-header"]


def test_sigv4_authorization_reports_the_access_key_id() -> None:
    key_id = "AKIA" + _random("b32", 16)
    value = (
        f"AWS4-HMAC-SHA256 Credential={key_id}/20250101/us-east-1/bedrock/aws4_request, "
        f"SignedHeaders=host;x-amz-date, Signature={_random('hex', 64)}"
    )
    match = _only(Location("header", "authorization"), value)
    assert (match.kind, value[match.start : match.end]) == ("aws-sigv4-credential", key_id)


def test_sigv4_with_redacted_credential_is_clean() -> None:
    value = "AWS4-HMAC-SHA256 Credential=REDACTED/20250101/us-east-1/bedrock/aws4_request"
    assert scan_value(Location("header", "authorization"), value) == []


@pytest.mark.parametrize(
    ("kind", "name", "value", "expected"),
    [
        ("query", "key", "AIza" + _random("b64url", 35), "google-api-key"),
        ("query", "api_key", _random("b62", 32), "credential-query"),
        ("query", "X-Amz-Signature", _random("hex", 64), "credential-query"),
        ("query", "X-Amz-Security-Token", _random("b64", 200), "credential-query"),
        (
            "query",
            "X-Amz-Credential",
            "AKIA" + _random("b32", 16) + "/20250101/x",
            "aws-access-key-id",
        ),
        ("query", "sig", _random("b64", 43) + "=", "credential-query"),
        ("query", "token", _random("b62", 32), "credential-query"),
        ("form", "client_secret", _random("b62", 35), "credential-form"),
        ("form", "password", "Tr0ub4dor&3xyz", "credential-form"),
        ("json_key", "api_key", _random("hex", 32), "credential-json-key"),
        ("json_key", "apiKey", _random("b62", 40), "credential-json-key"),
        ("json_key", "access_token", _random("b62", 60), "credential-json-key"),
        ("json_key", "refresh_token", _random("b62", 60), "credential-json-key"),
        ("json_key", "client_secret", _random("b62", 32), "credential-json-key"),
        ("json_key", "password", "Tr0ub4dor&3xyz", "credential-json-key"),
        ("json_key", "private_key", _random("b64", 64), "credential-json-key"),
        ("json_key", "secret", _random("b62", 32), "credential-json-key"),
        ("json_key", "token", _random("b62", 32), "credential-json-key"),
        ("json_key", "openai_api_key", _random("b62", 48), "credential-json-key"),
        ("json_key", "id_token", expand("{jwt}", "id"), "jwt"),
        ("userinfo", "user", "c0rrect-h0rse-B4ttery", "credential-userinfo"),
    ],
)
def test_credential_positions(kind: str, name: str, value: str, expected: str) -> None:
    location = Location(kind, name)  # type: ignore[arg-type]
    assert _kinds(scan_value(location, value)) == [expected]


def test_session_cookie_is_a_credential_infrastructure_cookies_are_not() -> None:
    session = _random("b62", 40)
    value = (
        f"__cf_bm={_random('b64url', 43)}-1742251190-1.0.1.1-x; "
        f"_cfuvid=a.b-1-0.0.1.1-604800000; session={session}"
    )
    match = _only(Location("header", "Cookie"), value)
    assert value[match.start : match.end] == session


def test_set_cookie_attributes_are_not_credentials() -> None:
    value = (
        "__cf_bm="
        + _random("b64url", 60)
        + "; path=/; expires=Tue, 14-Nov-23 22:19:22 GMT; domain=.api.openai.com; HttpOnly; Secure"
    )
    assert scan_value(Location("header", "Set-Cookie"), value) == []


PLACEHOLDERS = [
    "REDACTED",
    "**REDACTED**",
    "[REDACTED]",
    "<REDACTED>",
    "<redacted>",
    "DUMMY",
    "dummy-api-key-123",
    "<OPENAI_API_KEY>",
    "Bearer <OPENAI_ACCESS_TOKEN>",
    "${OPENAI_API_KEY}",
    "{{api_key}}",
    "$OPENAI_API_KEY",
    "***",
    "************************",
    "xxxxxxxxxxxxxxxxxxxxxxxx",
    "XXXXXXXXXXXXXXXXXXXXXXXX",
    "mock-key-abcdefgh",
    "fake-api-key-12345",
    "test-key-1234567890",
    "my-test-api-key",
    "placeholder",
    "your-api-key",
    "YOUR_API_KEY_HERE",
    "example-key-9f8e7d6c",
    "sk-...",
    "sk-xxxxxxxxxxxxxxxx",
    "sk-1234",
    "sk-12345678901234567890",
    "sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "sk-wrong****-key",
    "sk-abc123*********************xyz9",
    "",
    "   ",
    "short",
    "aaaa1111",
    "aaaaaaaaaaaaaaaa",
    "abcabcabcabcabc",
    "1234567890abcdef1234567890abcdef",
    "Bearer",
    "Bearer ",
    "null",
    "None",
    "undefined",
    "scrubbed",
    "filtered",
    "password123",
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
]


@pytest.mark.parametrize("value", PLACEHOLDERS)
@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("header", "authorization"),
        ("header", "x-api-key"),
        ("header", "api-key"),
        ("query", "key"),
        ("json_key", "api_key"),
        ("json_key", "password"),
        ("userinfo", ""),
    ],
)
def test_placeholders_are_not_findings(kind: str, name: str, value: str) -> None:
    assert scan_value(Location(kind, name), value) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value", ["12345678", "3.14159265", "2025-01-01T00:00:00Z", "true", "https://example.org/x"]
)
def test_obvious_non_secrets_in_credential_positions(value: str) -> None:
    assert scan_value(Location("json_key", "access_token"), value) == []
    assert scan_value(Location("header", "x-api-key"), value) == []


@pytest.mark.parametrize("value", ["Hello", " world", "▁neural▁network", "internationalization"])
def test_weak_names_need_a_random_value(value: str) -> None:
    """``token`` in logprobs holds text pieces, not credentials."""
    assert scan_value(Location("json_key", "token"), value) == []


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("header", "x-ratelimit-remaining-tokens"),
        ("header", "x-ratelimit-limit-tokens"),
        ("header", "x-ratelimit-reset-tokens"),
        ("header", "anthropic-ratelimit-tokens-remaining"),
        ("header", "anthropic-ratelimit-input-tokens-limit"),
        ("header", "x-ratelimit-remaining-tokens_usage_based"),
        ("header", "x-amzn-bedrock-input-token-count"),
        ("header", "x-ratelimit-key"),
        ("header", "next-page-token"),
        ("json_key", "max_tokens"),
        ("json_key", "total_tokens"),
        ("json_key", "prompt_tokens"),
        ("json_key", "completion_tokens"),
        ("json_key", "reasoning_tokens"),
        ("json_key", "tokens"),
        ("json_key", "token_count"),
        ("json_key", "next_page_token"),
        ("json_key", "nextPageToken"),
        ("json_key", "pageToken"),
        ("json_key", "token_type"),
        ("json_key", "signature"),
        ("json_key", "thoughtSignature"),
        ("json_key", "key"),
        ("query", "pageToken"),
        ("query", "page_token"),
        ("query", "max_tokens"),
    ],
)
def test_token_counts_and_pagination_are_not_credential_positions(kind: str, name: str) -> None:
    for value in ("4096", _random("b62", 40), _random("b64url", 120)):
        assert scan_value(Location(kind, name), value) == []  # type: ignore[arg-type]
