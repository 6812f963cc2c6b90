"""CT501-CT503: usage in streams, finish reason length, the served model."""

from __future__ import annotations

import pytest

from tests.lint.helpers import lint_text, where
from toolkit.lint.rules.ct3_streams import _STOP, _TEXT, _USAGE, _stream_cassette
from toolkit.lint.rules.ct5_llm import same_model
from toolkit.lint.rules.example_cassettes import vcrpy_cassette


def test_stream_without_usage() -> None:
    assert where(lint_text(_stream_cassette(_TEXT, _STOP, "[DONE]"))) == [("CT501", 17, 15)]
    assert where(lint_text(_stream_cassette(_TEXT, _STOP, _USAGE, "[DONE]"))) == []


def test_a_truncated_stream_is_not_also_reported_for_usage() -> None:
    assert where(lint_text(_stream_cassette(_TEXT)), "CT5") == []


@pytest.mark.parametrize("reason", ["length", "max_tokens", "MAX_TOKENS"])
def test_finish_reason_length(reason: str) -> None:
    body = (
        """'{"model": "gpt-4o-mini", "choices": [{"index": 0, "message": {"content": "x"}, """
        f""""finish_reason": "{reason}"}}]}}'"""
    )
    assert where(lint_text(vcrpy_cassette(response_body=body))) == [("CT502", 17, 15)]


@pytest.mark.parametrize(
    ("asked", "served"),
    [
        ("gpt-4o", "gpt-4o-2024-08-06"),
        ("gpt-3.5-turbo-instruct", "gpt-3.5-turbo-instruct:20230824-v2"),
        ("babbage-002", "babbage:2023-07-21-v2"),
        ("anthropic/claude-haiku-4.5", "anthropic/claude-4.5-haiku-20251001"),
        ("claude-3-7-sonnet@20250219", "claude-3-7-sonnet-20250219"),
        ("us.anthropic.claude-opus-4-6-v1", "claude-opus-4-6"),
        ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5-20250929"),
        ("claude-sonnet-4-0", "claude-sonnet-4-20250514"),
        ("moonshotai/Kimi-K2-Instruct-0905:groq", "moonshotai/kimi-k2-instruct-0905"),
        ("grok-4-fast", "grok-4-fast-reasoning"),
        ("gpt-5.2_2025-12-11", "gpt-5.2-2025-12-11"),
        ("llama3.3-70b", "llama-3.3-70b"),
        # A moving alias names a family; today it points to one of its versions.
        ("gemini-flash-latest", "gemini-2.5-flash-preview-09-2025"),
        ("mistral-large-latest", "mistral-large-2411"),
    ],
)
def test_snapshots_of_the_same_model(asked: str, served: str) -> None:
    assert same_model(asked, served)


@pytest.mark.parametrize(
    ("asked", "served"),
    [
        ("gpt-4.1-mini", "moonshotai/kimi-k2"),
        ("gemini-3-pro-preview", "gemini-3.1-pro-preview"),
        ("gpt-3.5-turbo", "gpt-4.1-mini-2025-04-14"),
        ("deepseek-reasoner", "deepseek-v4-flash"),
        ("gpt-4o", "gpt-4o-mini-2024-07-18"),
        ("gemini-flash-latest", "gemini-2.5-pro"),
    ],
)
def test_different_models(asked: str, served: str) -> None:
    assert not same_model(asked, served)


def test_model_mismatch_position() -> None:
    body = """'{"id": "chatcmpl-1", "model": "gpt-4o-2024-08-06", "choices": []}'"""
    assert where(lint_text(vcrpy_cassette(response_body=body))) == [("CT503", 17, 15)]


def test_a_deployment_name_is_not_compared_with_the_model() -> None:
    text = vcrpy_cassette(
        uri="https://acme.openai.azure.com/openai/deployments/prod-chat/chat/completions?api-version=2024-10-21",
        request_body="""'{"messages": [{"role": "user", "content": "Hi"}]}'""",
        response_body="""'{"id": "chatcmpl-1", "model": "gpt-4o-2024-08-06", "choices": []}'""",
    )
    assert "CT503" not in [code for code, *_ in where(lint_text(text))]


def test_unknown_price() -> None:
    text = vcrpy_cassette(
        request_body="""'{"model": "gpt-5.2-proo", "messages": []}'""",
        response_body="""'{"id": "chatcmpl-1", "choices": []}'""",
    )
    assert where(lint_text(text), "CT504") == [("CT504", 5, 11)]
    assert where(lint_text(vcrpy_cassette()), "CT504") == []


def test_an_alias_the_response_resolves_has_a_price() -> None:
    # An Azure deployment name: the response names the model, which is priced instead.
    text = vcrpy_cassette(
        uri="https://acme.openai.azure.com/openai/deployments/prod-chat/chat/completions?api-version=1",
        request_body="""'{"messages": []}'""",
        response_body="""'{"id": "chatcmpl-1", "model": "gpt-4o-2024-08-06", "choices": []}'""",
    )
    assert where(lint_text(text), "CT504") == []
    unresolved = text.replace('"model": "gpt-4o-2024-08-06", ', "")
    assert where(lint_text(unresolved), "CT504") == [("CT504", 5, 11)]


def test_local_models_have_no_price_to_miss() -> None:
    text = vcrpy_cassette(uri="http://localhost:11434/api/chat", request_body="""'{"model": "llama3"}'""")
    assert where(lint_text(text), "CT504") == []
