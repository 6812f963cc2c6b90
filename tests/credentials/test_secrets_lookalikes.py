"""Strings that look like secrets but are not: ids, signatures, ciphertext, media, doc keys."""

from __future__ import annotations

import base64
import hashlib
import random
import uuid

import pytest

from toolkit.credentials import Location, scan_text, scan_value
from toolkit.credentials.templates import ALPHABETS

RNG = random.Random(7)


def _random(alphabet: str, length: int) -> str:
    return "".join(RNG.choice(ALPHABETS[alphabet]) for _ in range(length))


def _b64(size: int) -> str:
    return base64.b64encode(RNG.randbytes(size)).decode()


OBJECT_IDS = [
    "msg_01" + _random("b62", 22),
    "toolu_01" + _random("b62", 22),
    "call_" + _random("b62", 24),
    "chatcmpl-" + _random("b62", 29),
    "resp_" + _random("hex", 48),
    "gen-" + _random("digits", 10) + "-" + _random("b62", 20),
    "req_" + _random("b62", 24),
    "file-" + _random("b62", 22),
    "asst_" + _random("b62", 24),
    "thread_" + _random("b62", 24),
    "run_" + _random("b62", 24),
    "rs_" + _random("hex", 48),
    "fp_" + _random("hex", 10),
    str(uuid.UUID(int=RNG.getrandbits(128))),
    "proj_" + _random("b62", 24),
    "org-" + _random("b62", 24),
    "user-" + _random("lowalnum", 24),
]

LOOKALIKES: list[tuple[str, str]] = [
    *(("id", value) for value in OBJECT_IDS),
    ("signature", _b64(300)),
    ("signature", "Er" + _b64(600)),
    ("thoughtSignature", _b64(900)),
    ("thought_signature", _b64(120)),
    ("encrypted_content", "gAAAAA" + _b64(1500)),
    ("encrypted_reasoning", _b64(700)),
    ("data", _b64(30000)),
    ("b64_json", _b64(60000)),
    ("url", "data:image/png;base64," + _b64(20000)),
    ("file_data", "data:application/pdf;base64," + _b64(2000)),
    ("audio", _b64(5000)),
    ("embedding", base64.b64encode(RNG.randbytes(6144)).decode()),
    ("sha", hashlib.sha256(b"x").hexdigest()),
    ("etag", '"' + hashlib.md5(b"y").hexdigest() + '"'),
    ("system_fingerprint", "fp_" + _random("hex", 10)),
    ("body", "eyJhbnRocm9waWNfdmVyc2lvbiI6ImJlZHJvY2stMjAyMy0wNS0zMSJ9"),
    ("text", "Use AKIAIOSFODNN7EXAMPLE and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    ("text", "export OPENAI_API_KEY=sk-... then call the API"),
    ("text", "Incorrect API key provided: sk-proj-abcd********************wxyz."),
    ("model", "xai-grok-code-fast-1"),
    # The jwt.io debugger's sample token and a Stripe API-reference test key.
    (
        "text",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwi"
        "aWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    ),
    ("text", "curl -u sk_test_" + "4eC39HqLyjWDarjtT1zdp7dc:"),
    ("content", "task-" + _random("hex", 32) + " and disk-" + _random("hex", 32)),
]

HEADERS = [
    ("x-request-id", "req_" + _random("hex", 32)),
    ("request-id", "req_011C" + _random("b62", 20)),
    ("cf-ray", _random("hex", 16) + "-SJC"),
    ("etag", 'W/"' + _random("hex", 40) + '"'),
    ("x-amz-request-id", _random("upnum", 16)),
    ("x-amzn-requestid", str(uuid.UUID(int=RNG.getrandbits(128)))),
    ("x-amz-id-2", _b64(60)),
    ("x-ratelimit-remaining-tokens", "149984"),
    ("x-ratelimit-reset-tokens", "6ms"),
    ("anthropic-ratelimit-tokens-remaining", "79000"),
    ("x-goog-api-client", "google-genai-sdk/1.0.0 gl-python/3.12"),
    ("traceparent", "00-" + _random("hex", 32) + "-" + _random("hex", 16) + "-01"),
    ("openai-processing-ms", "312"),
    ("set-cookie", "_cfuvid=" + _random("b64url", 43) + "-1759436802603-0.0.1.1-604800000; path=/"),
]


@pytest.mark.parametrize(("key", "value"), LOOKALIKES, ids=lambda v: str(v)[:24])
def test_json_lookalikes_are_clean(key: str, value: str) -> None:
    assert scan_value(Location("json_key", key), value) == []
    assert scan_text(value) == []


@pytest.mark.parametrize(("name", "value"), HEADERS, ids=lambda v: str(v)[:24])
def test_header_lookalikes_are_clean(name: str, value: str) -> None:
    assert scan_value(Location("header", name), value) == []


@pytest.mark.parametrize("size", [40, 120, 500, 2000])
def test_random_base64_blobs_never_match(size: int) -> None:
    rng = random.Random(size)
    for _ in range(200):
        blob = base64.b64encode(rng.randbytes(size)).decode()
        urlsafe = base64.urlsafe_b64encode(rng.randbytes(size)).decode()
        assert scan_text(blob) == [] and scan_text(urlsafe) == []
        assert scan_value(Location("json_key", "signature"), blob) == []


def test_account_headers_are_warnings_not_errors() -> None:
    for name in ("openai-organization", "OpenAI-Project", "anthropic-organization-id"):
        (match,) = scan_value(Location("header", name), "user-" + _random("lowalnum", 24))
        assert (match.kind, match.severity, match.layer) == ("account-id", "warning", "account")


@pytest.mark.parametrize("value", ["<ORG_ID>", "REDACTED", "", "org-xxxxxxxx"])
def test_scrubbed_account_headers_are_clean(value: str) -> None:
    assert scan_value(Location("header", "openai-organization"), value) == []
