"""Words, names and identifiers versus random data."""

from __future__ import annotations

import random

import pytest

from toolkit.credentials.templates import ALPHABETS
from toolkit.credentials.words import is_identifier_like, is_word

IDENTIFIERS = [
    "AZURE_OPENAI_API_KEY",
    "HUGGINGFACEHUB_API_TOKEN",
    "deepseek-api-key",
    "my-gateway-api-key",
    "AUTHORIZATION-XXX",
    "X-AMZ-SECURITY-TOKEN-XXX",
    "process.env.OPENROUTER_API_KEY",
    "AzureOpenAIKey1234",
    "AwsAccessKeyId",
    "myApiKey",
    "thisisnotarealkey",
    "local-llm-no-key-needed",
    "gpt4o-mini-gateway-key",
    "claude3-proxy-key-2024",
    "webhook_signing_key",
    "internationalization",
]


@pytest.mark.parametrize("text", IDENTIFIERS)
def test_names_people_write_are_identifier_like(text: str) -> None:
    assert is_identifier_like(text)


@pytest.mark.parametrize(
    "word", ["access", "token", "azure", "groq", "ollama", "anthropic", "langchain", "deepseek"]
)
def test_words_and_brand_names_are_words(word: str) -> None:
    assert is_word(word)


@pytest.mark.parametrize("letters", ["qxzvbnm", "jzkqwpt", "xkcdzqvb", "bcdfghjk"])
def test_letters_english_never_spells_are_not_words(letters: str) -> None:
    assert not is_word(letters)


@pytest.mark.parametrize("alphabet", ["b62", "hex", "b64", "b64url", "lowalnum", "upnum"])
def test_random_strings_are_not_identifier_like(alphabet: str) -> None:
    rng = random.Random(alphabet)
    samples = ["".join(rng.choice(ALPHABETS[alphabet]) for _ in range(24)) for _ in range(2000)]
    assert [text for text in samples if is_identifier_like(text)] == []


@pytest.mark.parametrize(
    "text",
    [
        "ki7x-a8f3k2j9d0s1",  # digits inside long tokens
        "aB3dE5fG7hJ9kL1mN3pQ",  # mixed case cut into one- and two-letter pieces
        "0123456789",  # a number is no word
        "",
    ],
)
def test_other_shapes_are_not_identifier_like(text: str) -> None:
    assert not is_identifier_like(text)
