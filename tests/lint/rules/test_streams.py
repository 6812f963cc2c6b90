"""CT302, CT303, CT304, CT307 on the hostile samples and on small streams."""

from __future__ import annotations

from tests.conftest import DATA
from tests.lint.helpers import lint_text, where
from toolkit.lint.rules.ct3_streams import _CALL, _CHUNK, _SSE_HEADERS, _STOP, _TEXT, _USAGE, _stream_cassette

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


def test_stream_ending_with_an_error_event_is_ct308() -> None:
    text = _stream_cassette(_TEXT, '{"error": {"message": "overloaded", "type": "server_error"}}')
    assert where(lint_text(text), "CT3") == [("CT308", 17, 15)]
    (finding,) = [f for f in lint_text(text) if f.code == "CT308"]
    assert (
        finding.severity == "warning"
        and "server_error" in finding.message
        and "overloaded" not in finding.message
    )


def test_error_status_streams_are_left_to_the_status_rules() -> None:
    text = _stream_cassette(_TEXT).replace("code: 200", "code: 500")
    assert where(lint_text(text), "CT30") == []


def test_finish_reason_ends_a_stream_without_done() -> None:
    assert where(lint_text(_stream_cassette(_TEXT, _STOP)), "CT3") == []
    assert where(lint_text(_stream_cassette(_TEXT, _STOP, _USAGE)), "CT3") == []


def test_huggingface_router_stream_without_done_has_no_finding() -> None:
    path = DATA / "streams" / "huggingface_router_no_done.yaml"
    # chatlas records its requests' JSON re-serialised, longer than the Content-Length it sent.
    assert where(lint_text(path.read_bytes(), path.name), "CT3") == [("CT310", 15, 9)]


def test_writer_chat_is_judged_as_chat_not_cohere() -> None:
    writer = _stream_cassette(_TEXT, _STOP).replace(
        "https://api.openai.com/v1/chat/completions", "https://api.writer.com/v1/chat"
    )
    assert where(lint_text(writer), "CT3") == []
    cut = _stream_cassette(_TEXT).replace(
        "https://api.openai.com/v1/chat/completions", "https://api.writer.com/v1/chat"
    )
    (finding,) = [f for f in lint_text(cut) if f.code == "CT303"]
    assert "finish_reason" in finding.message


def test_cohere_stream_cut_before_message_end() -> None:
    events = (
        '{"type":"message-start"}',
        '{"type":"content-delta","delta":{"message":{"content":{"text":"Hi"}}}}',
    )
    text = _stream_cassette(*events).replace(
        "https://api.openai.com/v1/chat/completions", "https://api.cohere.com/v2/chat"
    )
    (finding,) = [f for f in lint_text(text) if f.code == "CT303"]
    assert "message-end" in finding.message


def test_tool_arguments_of_a_cut_stream_say_so() -> None:
    findings = lint_text(_stream_cassette(_CALL))
    assert where(findings, "CT3") == [("CT303", 17, 15), ("CT307", 17, 15)]
    assert "cut short" in next(f.message for f in findings if f.code == "CT307")
    complete = next(f for f in lint_text(_stream_cassette(_CALL, _STOP, "[DONE]")) if f.code == "CT307")
    assert complete.severity == "warning" and "as the model wrote them" in complete.message


def test_a_body_only_sniffed_as_a_stream_is_not_malformed() -> None:
    # A JSONL file download (not a model API, no stream content type) with a bad line.
    body = '|\n        {"a": 1}\n        {"b": 2}\n        not json\n'
    files = "https://api.openai.com/v1/files/file-1/content"
    octet = "      Content-Type:\n      - application/octet-stream\n"
    download = _stream_cassette().replace(_SSE_HEADERS, octet)
    text = download.replace("https://api.openai.com/v1/chat/completions", files)
    text = text.replace(text[text.index("      string: ") :], f"      string: {body}version: 1\n")
    assert where(lint_text(text), "CT30") == []
    ndjson = text.replace(octet, "      Content-Type:\n      - application/x-ndjson\n")
    assert where(lint_text(ndjson), "CT30") == [("CT302", 17, 15)]


def test_an_undispatched_done_after_the_end_is_not_malformed() -> None:
    # The server (or the recorder) left out the blank line after `data: [DONE]`.
    text = _stream_cassette(_TEXT, _STOP, _USAGE, "[DONE]").replace(
        "      string: |+\n", "      string: |-\n"
    )
    assert where(lint_text(text), "CT3") == []
    # Without the finish chunk the same missing blank line loses part of the answer.
    cut = _stream_cassette(_TEXT, "[DONE]").replace("      string: |+\n", "      string: |-\n")
    assert where(lint_text(cut), "CT3") == [("CT302", 17, 15), ("CT303", 17, 15)]
