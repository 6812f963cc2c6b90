"""Keyword in context: a value with no format after a credential keyword in free text."""

from __future__ import annotations

import pytest

from toolkit.credentials.keyword_context import find_keyword_credentials
from toolkit.credentials.scan import KEYWORD_KIND, scan_keywords
from toolkit.credentials.templates import expand

KEY = expand("{b62:32}", "keyword context key")
HEX = expand("{hex:40}", "keyword context hex")


@pytest.mark.parametrize(
    "lead, tail",
    [
        ("config: API_KEY=", ""),
        ("token=", "&next=1"),
        ("your key is ", "."),
        ("export SERVICE_SECRET=", "\n"),
        ("password: ", ""),
        ("The access token is ", "."),
        ('auth_token="', '"'),
        ("client_secret: '", "'"),
        ("Authorization: Bearer ", ""),
        ("Your API key is: ", ""),
        ("--api-key ", " --verbose"),
        ("{'api_key': '", "'}"),
        ('client = OpenAI(api_key=\\"', '\\")'),
        ("AWS_SECRET_ACCESS_KEY = ", ""),
        ("send it as Bearer ", " in a header"),
        ("sessionKey=", ";"),
    ],
)
def test_a_key_after_a_keyword_is_found_exactly(lead: str, tail: str) -> None:
    text = f"Some notes. {lead}{KEY}{tail} More."
    spans = find_keyword_credentials(text)
    assert [text[span.start : span.end] for span in spans] == [KEY]


@pytest.mark.parametrize(
    "text",
    [
        f"cache key is {HEX}",
        f"page_token={KEY}",
        f"next_page_token: {KEY}",
        f"nextPageToken: {KEY}",
        f"max_tokens {KEY}",
        f"The signature is {KEY}",
        f"X-Amz-Signature={HEX}",
        "idempotency key: 1c1a5c43-0a7b-4c3e-9d55-1d2b0c6f0e11",
        "ancestry_token: 1c1a5c43-0a7b-4c3e-9d55-1d2b0c6f0e11",
        "api_key=${OPENAI_API_KEY}",
        "password: changeme123",
        f"token=REDACTED_{HEX}",
        "apiKey: process.env.OPENAI_API_KEY",
        "secret: <REDACTED>",
        "export OPENAI_API_KEY=your-api-key-here",
        f"the public key is {KEY}",
        f"token id is msg_01{KEY[:22]}",
        f"token_type is {KEY}",
        "api_key = sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        f"csrftoken={KEY}",
        "a bearer token is needed here",
    ],
)
def test_what_is_not_a_key_after_a_keyword(text: str) -> None:
    assert find_keyword_credentials(text) == []


def test_matches_are_warnings_of_their_own_layer() -> None:
    text = f"token={KEY}"
    [match] = scan_keywords(text)
    assert (match.kind, match.severity, match.layer) == (KEYWORD_KIND, "warning", "keyword")
    assert text[match.start : match.end] == KEY and KEY not in match.display
