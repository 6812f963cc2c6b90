"""CT302, CT303, CT304, CT307 on the hostile samples and on small streams."""

from __future__ import annotations

from tests.conftest import DATA
from tests.lint.helpers import lint_text, where
from toolkit.lint.rules.streams import _CALL, _CHUNK, _STOP, _TEXT, _USAGE, _stream_cassette

HOSTILE = DATA / "hostile"


def _lint(name: str) -> list[tuple[str, int, int]]:
    return where(lint_text((HOSTILE / name).read_bytes(), name), "CT3")


def test_truncated_streams() -> None:
    assert _lint("truncated_sse_stream.yaml") == [
        ("CT302", 14, 15),
        ("CT303", 14, 15),
        ("CT303", 63, 15),
    ]


def test_bad_event_stream_crc() -> None:
    assert _lint("bedrock_bad_crc.yaml") == [("CT304", 15, 15)]


def test_invalid_tool_call_arguments() -> None:
    assert _lint("invalid_tool_call_arguments.yaml") == [("CT307", 24, 11)]


def test_complete_stream_is_clean() -> None:
    assert where(lint_text(_stream_cassette(_TEXT, _STOP, _USAGE, "[DONE]"))) == []


def test_stream_ending_with_an_error_event_is_not_truncated() -> None:
    text = _stream_cassette(_TEXT).replace("      string: |+\n", "      string: |+\n        event: error\n")
    assert where(lint_text(text), "CT303") == []


def test_interleaved_choices_are_reassembled_per_choice() -> None:
    first = _CHUNK % (
        '{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"name":"f","arguments":"{\\"a\\""}}]}},'
        '{"index":1,"delta":{"tool_calls":[{"index":0,"function":{"name":"f","arguments":"{\\"a\\""}}]}}'
    )
    second = _CHUNK % (
        '{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":": 1}"}}]}},'
        '{"index":1,"delta":{"tool_calls":[{"index":0,"function":{"arguments":": 2}"}}]}}'
    )

    def with_n(*events: str) -> str:
        return _stream_cassette(*events).replace('"stream": true', '"stream": true, "n": 2')

    assert where(lint_text(with_n(first, second, _STOP, _USAGE, "[DONE]"))) == []
    assert where(lint_text(with_n(first, _STOP, _USAGE, "[DONE]"))) == [("CT307", 17, 15), ("CT307", 17, 15)]


def test_tool_call_in_a_stream_that_completes() -> None:
    assert where(lint_text(_stream_cassette(_CALL, _STOP, _USAGE, "[DONE]"))) == [("CT307", 17, 15)]
