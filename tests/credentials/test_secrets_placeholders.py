"""In a credential position a value is a credential only if it could be one.

Each convention below was seen in real cassettes (the shared corpora, their README's
"Redaction conventions", recorder configurations of other projects): a project's own
placeholder must not be reported; a random key in the same position must.
"""

from __future__ import annotations

import base64
import hashlib
import random

import pytest

from toolkit.credentials import Location, SecretMatch, scan_value
from toolkit.credentials.placeholders import could_be_credential, is_placeholder_identifier
from toolkit.credentials.records import LocationKind
from toolkit.credentials.templates import ALPHABETS, expand

RNG = random.Random(20250117)
DIGEST = hashlib.sha256(b"a credential the recorder hashed").hexdigest()


def _random(alphabet: str, length: int) -> str:
    return "".join(RNG.choice(ALPHABETS[alphabet]) for _ in range(length))


def _errors(kind: LocationKind, name: str, value: str) -> list[SecretMatch]:
    return [match for match in scan_value(Location(kind, name), value) if match.severity == "error"]


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


# (where, name, value, why it is no credential)
CONVENTIONS: list[tuple[LocationKind, str, str, str]] = [
    # a header's own name echoed, with a short marker (one project's whole filter)
    ("header", "Authorization", "AUTHORIZATION-XXX", "header name echoed"),
    ("header", "x-api-key", "X-API-KEY-XXX", "header name echoed"),
    ("header", "x-amz-security-token", "X-AMZ-SECURITY-TOKEN-XXX", "header name echoed"),
    ("header", "api-key", "API-KEY-XXX", "header name echoed"),
    # environment-variable names, bare or after the scheme
    ("header", "Authorization", "ACCESS_TOKEN", "environment-variable name"),
    ("header", "Authorization", "Bearer ACCESS_TOKEN", "environment-variable name"),
    ("header", "api-key", "AZURE_API_KEY", "environment-variable name"),
    ("header", "x-goog-api-key", "GOOGLE_API_KEY", "environment-variable name"),
    ("query", "key", "GOOGLE_API_KEY", "environment-variable name"),
    ("header", "Authorization", "Bearer MISTRAL_API_KEY", "environment-variable name"),
    ("header", "Authorization", "Bearer AZURE_OPENAI_API_KEY", "environment-variable name"),
    ("header", "Authorization", "Bearer HUGGINGFACEHUB_API_TOKEN", "environment-variable name"),
    ("header", "x-api-key", "DEEPSEEK_API_KEY", "environment-variable name"),
    ("json_key", "api_key", "process.env.OPENROUTER_API_KEY", "environment-variable name"),
    ("json_key", "api_key", "$OPENAI_API_KEY", "environment-variable reference"),
    ("json_key", "api_key", "${ANTHROPIC_API_KEY}", "environment-variable reference"),
    # words and identifiers
    ("query", "key", "invalid-key", "words"),
    ("header", "x-api-key", "my-gateway-api-key", "words"),
    ("header", "Authorization", "Bearer lm-studio", "words"),
    ("header", "Authorization", "Bearer ollama", "a local server's dummy"),
    ("header", "Authorization", "Bearer sk-no-key-required", "words"),
    ("header", "Authorization", "Bearer thisisnotarealkey", "words"),
    ("header", "api-key", "AzureOpenAIKey1234", "camelCase words"),
    ("json_key", "apiKey", "MyApiKeyForTesting", "camelCase words"),
    ("header", "Authorization", "Bearer", "empty credential"),
    ("header", "Authorization", "Bearer ", "empty credential"),
    # wrappers and markers
    ("header", "Authorization", "Bearer <OPENAI_API_KEY>", "wrapped name"),
    ("header", "Authorization", "Bearer <OPENROUTER_API_KEY>", "wrapped name"),
    ("header", "x-api-key", "<ANTHROPIC_API_KEY>", "wrapped name"),
    ("query", "key", "<GEMINI_API_KEY>", "wrapped name"),
    ("query", "license_key", "<NEW_RELIC_LICENSE_KEY>", "wrapped name"),
    ("header", "Set-Cookie", "__cf_bm=<REDACTED>; path=/", "wrapped marker"),
    ("header", "Cookie", "session=<REDACTED>", "wrapped marker"),
    ("header", "Authorization", "Bearer TOKEN", "a null word"),
    ("header", "x-api-key", "TOKEN", "a null word"),
    ("query", "key", "TOKEN", "a null word"),
    ("header", "Authorization", "Bearer test-api-key", "marker test"),
    ("header", "x-api-key", "test-api-key", "marker test"),
    ("query", "access_token", "test-api-key", "marker test"),
    ("header", "Authorization", "AWS4-HMAC-SHA256 test-api-key", "a SigV4 value without a key id"),
    ("json_key", "accessKeyId", "SCRUBBED_ACCESS_KEY_ID", "marker scrubbed"),
    ("json_key", "secretAccessKey", "SCRUBBED_SECRET_ACCESS_KEY", "marker scrubbed"),
    ("json_key", "sessionToken", "SCRUBBED_SESSION_TOKEN", "marker scrubbed"),
    ("header", "Authorization", f"token REDACTED_{DIGEST}", "a hash after a marker"),
    ("header", "x-api-key", f"sha256:{DIGEST}", "a digest, named as one"),
    ("header", "Authorization", "Bearer test-" + _random("hex", 24), "random after a marker"),
    ("header", "Authorization", "Bearer sk_test_" + _random("b62", 24), "random after a marker"),
    ("header", "Authorization", "Bearer MOCKED_TOKEN", "marker mock"),
    ("query", "apikey", "MOCK_API_KEY", "marker mock"),
    ("header", "Authorization", "DUMMY", "marker dummy"),
    ("header", "Authorization", "XXXXXXXXXX", "fill characters"),
    ("header", "Authorization", "Bearer sk-...abcd", "fill characters"),
    # structure: counting, repeats, low variety
    ("header", "x-api-key", "sk-1234567890abcdef1234", "counting"),
    ("header", "x-api-key", "abc123def456ghi789jkl0", "counting"),
    ("header", "x-api-key", "00000000-0000-0000-0000-000000000000", "low variety"),
    ("json_key", "password", "P@ssw0rd", "password, spelled with digits"),
    ("json_key", "password", "s3cr3t-passphrase", "secret, spelled with digits"),
    ("header", "Authorization", _basic("api", "REDACTED"), "Basic with a marker password"),
    ("header", "Authorization", _basic("<API_KEY>", ""), "Basic with a wrapped user"),
    # short values: a generated key is 16 characters or more
    ("header", "x-api-key", "sk-ab12cd34", "too short for a key"),
]


@pytest.mark.parametrize(("kind", "name", "value", "why"), CONVENTIONS, ids=lambda v: str(v)[:30])
def test_placeholder_conventions_are_not_credentials(
    kind: LocationKind, name: str, value: str, why: str
) -> None:
    assert _errors(kind, name, value) == [], why


ACCOUNT_PLACEHOLDERS = [
    ("OpenAI-Organization", "OPENAI-ORG-XXX"),
    ("OpenAI-Organization", "OPENAI-ORGANIZATION-XXX"),
    ("OpenAI-Project", "OPENAI-PROJECT-XXX"),
    ("anthropic-organization-id", "ANTHROPIC-ORGANIZATION-ID-XXX"),
    ("OpenAI-Organization", "<OPENAI_ORGANIZATION>"),
    ("Anthropic-Organization-Id", "<ANTHROPIC_ORGANIZATION>"),
    ("OpenAI-Organization", "lcgo-tst"),
    ("OpenAI-Organization", "ORG_ID"),
    ("OpenAI-Organization", "test_openai_org_key"),
    ("OpenAI-Organization", "org-123456789"),
    ("OpenAI-Project", "PLACEHOLDER"),
]


@pytest.mark.parametrize(("name", "value"), ACCOUNT_PLACEHOLDERS)
def test_account_id_placeholders_are_not_reported(name: str, value: str) -> None:
    assert scan_value(Location("header", name), value) == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("OpenAI-Organization", "user-" + _random("lowalnum", 24)),
        ("OpenAI-Organization", "org-" + _random("b62", 24)),
        ("OpenAI-Organization", "acme-28gund"),
        ("OpenAI-Organization", "datadog-4"),
        ("OpenAI-Project", "proj_" + _random("b62", 24)),
        ("anthropic-organization-id", "4f1c2a9e-7b3d-4e5f-8a6b-9c0d1e2f3a4b"),
    ],
)
def test_real_account_ids_are_still_warnings(name: str, value: str) -> None:
    (match,) = scan_value(Location("header", name), value)
    assert (match.layer, match.severity) == ("account", "warning")


# Random keys with no format, in the same positions the conventions above use.
CREDENTIALS: list[tuple[LocationKind, str, str]] = [
    ("header", "Authorization", "Bearer " + _random("b62", 40)),
    ("header", "Authorization", _random("b64url", 43)),
    ("header", "x-api-key", _random("hex", 32)),
    ("header", "x-api-key", _random("b62", 20)),
    ("header", "api-key", _random("hex", 32).upper()),
    ("header", "x-goog-api-key", _random("b64url", 39)),
    ("header", "x-amz-security-token", _random("b64", 300)),
    ("header", "Cookie", "session=" + _random("b64url", 40)),
    ("query", "key", _random("lowalnum", 32)),
    ("json_key", "secretAccessKey", _random("b64", 40)),
    ("json_key", "api_key", "myproxy-" + _random("b62", 32)),
    ("json_key", "api_key", str(RNG.randrange(10**23, 10**24))),
    ("json_key", "password", "Tr0ub4dor&3xyz"),
    ("header", "Authorization", _basic("recorder", _random("b62", 12))),
    ("header", "Authorization", "Bearer " + expand("{jwt}", "a real-shaped JWT")),
]


@pytest.mark.parametrize(("kind", "name", "value"), CREDENTIALS, ids=lambda v: str(v)[:30])
def test_random_credentials_in_the_same_positions_are_found(
    kind: LocationKind, name: str, value: str
) -> None:
    assert len(_errors(kind, name, value)) == 1


def test_header_name_echo_is_judged_against_the_header_it_sits_in() -> None:
    assert is_placeholder_identifier("OPENAI-ORGANIZATION", "OpenAI-Organization")
    assert not is_placeholder_identifier("acme-research", "OpenAI-Organization")


@pytest.mark.parametrize("length", [8, 15])
def test_prefixless_keys_need_sixteen_characters_passwords_eight(length: int) -> None:
    value = _random("b62", length)
    assert not could_be_credential(value)
    assert could_be_credential(value, min_length=8)


def test_a_bare_signature_parameter_is_not_a_credential() -> None:
    thinking = "Er" + base64.b64encode(RNG.randbytes(200)).decode()
    assert scan_value(Location("query", "signature"), thinking) == []
    assert scan_value(Location("form", "signature"), _random("hex", 64)) == []
