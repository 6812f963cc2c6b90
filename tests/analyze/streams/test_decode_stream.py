"""The entry point: choosing a decoder, sniffing, and the uniform result."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.analyze.streams import (
    DECODERS,
    StreamDecoding,
    decode_stream,
    detect_stream_kind,
    is_stream_content_type,
    sniff_stream_kind,
    stream_kind_for_content_type,
)
from toolkit.analyze.streams.eventstream import encode_message
from toolkit.analyze.streams.sse import SseDecoding

SSE_BODY = b'data: {"x": 1}\n\ndata: [DONE]\n\n'
CHUNK = encode_message(
    {":event-type": "chunk", ":content-type": "application/json", ":message-type": "event"},
    json.dumps({"bytes": base64.b64encode(b'{"type":"message_stop"}').decode()}).encode(),
)
NDJSON_BODY = b'{"prompt": "a", "completion": "b"}\n{"prompt": "c", "completion": "d"}\n'


@pytest.mark.parametrize(
    ("content_type", "kind"),
    [
        ("text/event-stream", "sse"),
        ("text/event-stream; charset=utf-8", "sse"),
        ("Text/Event-Stream;charset=UTF-8", "sse"),
        ("application/vnd.amazon.eventstream", "aws-eventstream"),
        ("application/x-ndjson", "ndjson"),
        ("application/jsonl", "ndjson"),
        ("application/json-seq", "ndjson"),
        ("application/json", None),
        ("**REDACTED**", None),
        (None, None),
    ],
)
def test_kind_for_content_type(content_type: str | None, kind: str | None) -> None:
    assert stream_kind_for_content_type(content_type) == kind
    assert is_stream_content_type(content_type) is (kind is not None)


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (SSE_BODY, "sse"),
        (b"\xef\xbb\xbf\r\n\r\nevent: x\ndata: 1\n\n", "sse"),
        (b": OPENROUTER PROCESSING\n\n", "sse"),
        (b"id: 1\n", "sse"),
        (b"retry: 100\n", "sse"),
        (CHUNK, "aws-eventstream"),
        (NDJSON_BODY, "ndjson"),
        (b'{"id": "chatcmpl-1", "object": "chat.completion"}', None),
        (b'{"id": "chatcmpl-1"}\n', None),
        (b'{\n  "id": "chatcmpl-1"\n}\n', None),
        (b"[1, 2, 3]", None),
        (b"", None),
        (b"\x89PNG\r\n\x1a\n", None),
    ],
)
def test_sniffing(body: bytes, kind: str | None) -> None:
    assert sniff_stream_kind(body) == kind


def test_sniffing_reads_only_the_first_bytes() -> None:
    assert sniff_stream_kind(b"\n" * 1_000_000 + SSE_BODY) is None


def test_declared_type_wins_and_generic_types_are_sniffed() -> None:
    assert detect_stream_kind(b"garbage", "text/event-stream") == "sse"
    assert detect_stream_kind(SSE_BODY, "application/json") == "sse"
    assert detect_stream_kind(CHUNK, "**REDACTED**") == "aws-eventstream"
    assert detect_stream_kind(NDJSON_BODY, "application/octet-stream") == "ndjson"
    assert detect_stream_kind(SSE_BODY, "text/plain; charset=utf-8") == "sse"
    assert detect_stream_kind(SSE_BODY, None) == "sse"
    # A specific non-stream type is believed: no sniffing.
    assert detect_stream_kind(SSE_BODY, "text/html") is None


def test_uniform_sse() -> None:
    decoding = decode_stream(SSE_BODY, "text/event-stream")
    assert decoding.kind == "sse"
    assert [(e.index, e.event, e.data, e.byte_offset) for e in decoding.events] == [
        (0, "message", '{"x": 1}', 0),
        (1, "message", "[DONE]", 16),
    ]
    assert isinstance(decoding.detail, SseDecoding)


def test_uniform_eventstream_shows_the_inner_json() -> None:
    decoding = decode_stream(CHUNK + CHUNK, "**REDACTED**")
    assert decoding.kind == "aws-eventstream"
    assert [(e.event, e.data, e.byte_offset) for e in decoding.events] == [
        ("chunk", '{"type":"message_stop"}', 0),
        ("chunk", '{"type":"message_stop"}', len(CHUNK)),
    ]


def test_uniform_problems_come_through() -> None:
    decoding = decode_stream(b"data: a\n\ndata: b", "text/event-stream")
    assert [(p.kind, p.byte_offset) for p in decoding.problems] == [("no-final-newline", 9)]


def test_json_array_only_on_request() -> None:
    body = b'[{"candidates": []}\r\n,\r\n{"candidates": []}\r\n]'
    assert decode_stream(body, "application/json") == StreamDecoding(None)
    decoding = decode_stream(body, "application/json", kind="json-array")
    assert (decoding.kind, [e.byte_offset for e in decoding.events]) == ("json-array", [1, 24])


def test_not_a_stream() -> None:
    assert decode_stream(b'{"ok": true}', "application/json") == StreamDecoding(None)


@given(st.binary(max_size=300), st.sampled_from([None, "application/json", "**REDACTED**"]))
def test_any_bytes_any_decoder_never_raises(body: bytes, content_type: str | None) -> None:
    decode_stream(body, content_type)
    for kind in DECODERS:
        decoding = decode_stream(body, content_type, kind=kind)
        assert decoding.kind == kind
        assert [e.index for e in decoding.events] == list(range(len(decoding.events)))
