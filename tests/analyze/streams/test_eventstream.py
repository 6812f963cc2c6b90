"""AWS event stream: framing, CRCs, headers, Bedrock chunks, detection, encoding."""

from __future__ import annotations

import base64
import json
import struct
import uuid
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.analyze.streams.eventstream import (
    EventStreamDecoding,
    Header,
    HeaderType,
    HeaderValue,
    decode_eventstream,
    encode_message,
    looks_like_eventstream,
)

# The empty message of the AWS event stream test vectors: no headers, no payload.
EMPTY_MESSAGE = bytes.fromhex("00000010 00000000 05c248eb 7d98c8ff")


def kinds(decoding: EventStreamDecoding) -> list[tuple[str, int]]:
    return [(problem.kind, problem.byte_offset) for problem in decoding.problems]


def event(event_type: str, payload: bytes) -> bytes:
    headers = {
        ":event-type": event_type,
        ":content-type": "application/json",
        ":message-type": "event",
    }
    return encode_message(headers, payload)


def chunk(inner: bytes) -> bytes:
    return event("chunk", json.dumps({"bytes": base64.b64encode(inner).decode(), "p": "ab"}).encode())


def frame(block: bytes, payload: bytes) -> bytes:
    """A message with a raw header block and correct lengths and CRCs."""
    lengths = struct.pack(">II", 16 + len(block) + len(payload), len(block))
    head = lengths + struct.pack(">I", zlib.crc32(lengths)) + block + payload
    return head + struct.pack(">I", zlib.crc32(head))


def test_empty_message_vector() -> None:
    assert encode_message({}, b"") == EMPTY_MESSAGE
    decoding = decode_eventstream(EMPTY_MESSAGE)
    assert [(m.headers, m.payload, m.byte_offset) for m in decoding.messages] == [({}, b"", 0)]
    assert decoding.problems == ()


def test_every_header_type_round_trips() -> None:
    headers = [
        Header("t", HeaderType.BOOL_TRUE, True),
        Header("f", HeaderType.BOOL_FALSE, False),
        Header("byte", HeaderType.BYTE, -128),
        Header("short", HeaderType.SHORT, 32767),
        Header("int", HeaderType.INTEGER, -(2**31)),
        Header("long", HeaderType.LONG, 2**63 - 1),
        Header("bytes", HeaderType.BYTE_ARRAY, b"\x00\xff"),
        Header("string", HeaderType.STRING, "h\u00e9llo"),
        Header("when", HeaderType.TIMESTAMP, 1_700_000_000_123),
        Header("id", HeaderType.UUID, uuid.UUID(int=42)),
    ]
    (message,) = decode_eventstream(encode_message(headers, b"payload")).messages
    assert message.header_list == tuple(headers)
    assert message.headers["string"] == "h\u00e9llo"
    assert message.payload == b"payload"


def test_mapping_headers_infer_types() -> None:
    headers: dict[str, HeaderValue] = {"n": 7, "big": 2**40, "s": "x", "b": b"y", "ok": True}
    data = encode_message(headers, b"")
    (message,) = decode_eventstream(data).messages
    assert [h.type for h in message.header_list] == [
        HeaderType.INTEGER,
        HeaderType.LONG,
        HeaderType.STRING,
        HeaderType.BYTE_ARRAY,
        HeaderType.BOOL_TRUE,
    ]


def test_messages_follow_each_other_with_offsets() -> None:
    first, second = event("messageStart", b'{"role":"assistant"}'), event("messageStop", b"{}")
    decoding = decode_eventstream(first + second)
    assert [(m.event_type, m.byte_offset) for m in decoding.messages] == [
        ("messageStart", 0),
        ("messageStop", len(first)),
    ]
    assert decoding.messages[0].message_type == "event"


def test_bedrock_chunk_inner_json() -> None:
    (message,) = decode_eventstream(chunk(b'{"type":"message_stop"}')).messages
    assert message.inner == '{"type":"message_stop"}'


def test_agent_chunk_inner_text_is_not_json_and_that_is_fine() -> None:
    decoding = decode_eventstream(chunk(b"Based on your preferences"))
    assert decoding.messages[0].inner == "Based on your preferences"
    assert decoding.problems == ()


def test_bad_chunks_are_reported() -> None:
    bad_base64 = event("chunk", b'{"bytes": "not base64!"}')
    not_json = event("chunk", b"{oops")
    broken_inner = chunk(b'{"type": "message')
    decoding = decode_eventstream(bad_base64 + not_json + broken_inner)
    assert [p.kind for p in decoding.problems] == ["bad-base64", "invalid-json", "invalid-json"]
    assert [m.inner for m in decoding.messages] == [None, None, '{"type": "message']


def test_exception_message_type() -> None:
    headers = {":message-type": "exception", ":exception-type": "throttlingException"}
    (message,) = decode_eventstream(encode_message(headers, b'{"message":"slow down"}')).messages
    assert (message.event_type, message.message_type) == ("throttlingException", "exception")


def test_truncated_frame_keeps_earlier_messages() -> None:
    first, second = event("a", b"1"), event("b", b"2")
    decoding = decode_eventstream(first + second[:-3])
    assert len(decoding.messages) == 1
    assert kinds(decoding) == [("truncated-frame", len(first))]
    assert kinds(decode_eventstream(first + second[:5])) == [("truncated-frame", len(first))]


def test_bad_prelude_crc_stops() -> None:
    first, second = event("a", b"1"), bytearray(event("b", b"2"))
    second[9] ^= 0x01
    decoding = decode_eventstream(first + bytes(second) + first)
    assert len(decoding.messages) == 1
    assert kinds(decoding) == [("bad-crc", len(first))]


def test_bad_message_crc_keeps_the_message_and_goes_on() -> None:
    first, second = bytearray(event("a", b"1")), event("b", b"2")
    first[-6] ^= 0x01  # inside the payload
    decoding = decode_eventstream(bytes(first) + second)
    assert [m.crc_ok for m in decoding.messages] == [False, True]
    assert kinds(decoding) == [("bad-crc", 0)]


def test_impossible_lengths_stop() -> None:
    lengths = struct.pack(">II", 12, 0)
    data = lengths + struct.pack(">I", zlib.crc32(lengths)) + b"\x00" * 8
    assert kinds(decode_eventstream(data)) == [("bad-length", 0)]


def test_malformed_header_is_reported_with_its_offset() -> None:
    good = b"\x01a\x07\x00\x01x"  # a = "x"
    decoding = decode_eventstream(frame(good + b"\x01b\x2a", b""))  # b of value type 42
    assert kinds(decoding) == [("bad-header", 12 + len(good))]
    assert decoding.messages[0].headers == {"a": "x"}


def test_looks_like_eventstream() -> None:
    assert looks_like_eventstream(EMPTY_MESSAGE)
    assert looks_like_eventstream(event("a", b"x" * 100)[:20])  # a cut-off body still looks so
    assert not looks_like_eventstream(b"data: {}\n\n")
    assert not looks_like_eventstream(b"")
    assert not looks_like_eventstream(b'{"id": "chatcmpl-1", "object": "chat.completion"}')


# -- properties ---------------------------------------------------------------

# Names of at most 20 characters stay under the 255-byte limit in UTF-8.
NAMES = st.text(st.characters(codec="utf-8"), min_size=1, max_size=20)
VALUES = {
    HeaderType.BOOL_TRUE: st.just(True),
    HeaderType.BOOL_FALSE: st.just(False),
    HeaderType.BYTE: st.integers(-(2**7), 2**7 - 1),
    HeaderType.SHORT: st.integers(-(2**15), 2**15 - 1),
    HeaderType.INTEGER: st.integers(-(2**31), 2**31 - 1),
    HeaderType.LONG: st.integers(-(2**63), 2**63 - 1),
    HeaderType.BYTE_ARRAY: st.binary(max_size=30),
    HeaderType.STRING: st.text(st.characters(codec="utf-8"), max_size=30),
    HeaderType.TIMESTAMP: st.integers(-(2**63), 2**63 - 1),
    HeaderType.UUID: st.uuids(),
}
HEADER = st.one_of([st.builds(Header, NAMES, st.just(k), v) for k, v in VALUES.items()])
MESSAGES = st.lists(st.tuples(st.lists(HEADER, max_size=5), st.binary(max_size=60)), min_size=1, max_size=4)


@given(MESSAGES)
def test_encoded_messages_decode_back(messages: list[tuple[list[Header], bytes]]) -> None:
    data = b"".join(encode_message(headers, payload) for headers, payload in messages)
    decoding = decode_eventstream(data)
    assert decoding.problems == ()
    assert [(list(m.header_list), m.payload) for m in decoding.messages] == messages
    assert looks_like_eventstream(data)


@given(MESSAGES, st.integers(min_value=0), st.integers(min_value=1, max_value=255))
def test_any_flipped_byte_is_reported(
    messages: list[tuple[list[Header], bytes]], where: int, mask: int
) -> None:
    data = bytearray(b"".join(encode_message(headers, payload) for headers, payload in messages))
    data[where % len(data)] ^= mask
    assert decode_eventstream(bytes(data)).problems != ()


@given(st.binary(max_size=300))
def test_any_bytes_decode_without_raising(data: bytes) -> None:
    decoding = decode_eventstream(data)
    assert all(0 <= problem.byte_offset <= len(data) for problem in decoding.problems)
    looks_like_eventstream(data)


def test_encoding_refuses_values_the_format_cannot_hold() -> None:
    for headers in (
        [Header("x" * 256, HeaderType.STRING, "")],
        [Header("b", HeaderType.BYTE, 128)],
        [Header("s", HeaderType.STRING, "x" * 65536)],
        [Header("s", HeaderType.STRING, 5)],
    ):
        with pytest.raises(ValueError):
            encode_message(headers, b"")


@given(st.binary(max_size=120), st.binary(max_size=20))
def test_any_header_block_decodes_without_raising(block: bytes, payload: bytes) -> None:
    decoding = decode_eventstream(frame(block, payload))
    assert [m.payload for m in decoding.messages] == [payload]
    assert {p.kind for p in decoding.problems} <= {"bad-header"}
