"""Server-sent events, checked against the WHATWG "event stream interpretation" rules."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from toolkit.analyze.streams.sse import SseDecoder, SseDecoding, decode_sse


def events(body: bytes) -> list[tuple[str, str]]:
    return [(event.event, event.data) for event in decode_sse(body).events]


def kinds(decoding: SseDecoding) -> list[tuple[str, int]]:
    return [(problem.kind, problem.byte_offset) for problem in decoding.problems]


def test_seed_cassette_has_48_events_ending_with_done(seed_path: Path) -> None:
    document = yaml.safe_load(seed_path.read_text(encoding="utf-8"))
    body = document["interactions"][0]["response"]["body"].encode("utf-8")
    decoding = decode_sse(body)
    assert len(decoding.events) == 48
    assert decoding.events[-1].data == "[DONE]"
    assert {event.event for event in decoding.events} == {"message"}
    assert all(body.startswith(b"data: ", event.byte_offset) for event in decoding.events)
    assert decoding.problems == ()
    assert decoding.truncated_tail is None


def test_crlf_lines_as_gemini_sends_them() -> None:
    body = b'data: {"a": 1}\r\n\r\ndata: {"b": 2}\r\n\r\n'
    decoding = decode_sse(body)
    assert [(e.data, e.byte_offset) for e in decoding.events] == [
        ('{"a": 1}', 0),
        ('{"b": 2}', 18),
    ]
    assert decoding.problems == ()


def test_cr_alone_ends_a_line() -> None:
    assert events(b"data: a\r\rdata: b\r\r") == [("message", "a"), ("message", "b")]


def test_mixed_line_endings() -> None:
    assert events(b"data: a\r\ndata: b\rdata: c\n\r\n") == [("message", "a\nb\nc")]


def test_comments_are_ignored() -> None:
    body = b": OPENROUTER PROCESSING\n\n: ping\ndata: x\n:another\n\n"
    decoding = decode_sse(body)
    assert [(e.data, e.byte_offset) for e in decoding.events] == [("x", 25)]


def test_data_lines_join_with_lf() -> None:
    assert events(b"data: a\ndata: b\ndata:\n\n") == [("message", "a\nb\n")]


def test_a_field_without_colon_has_an_empty_value() -> None:
    assert events(b"data\n\ndata\ndata\n\n") == [("message", ""), ("message", "\n")]


def test_only_one_space_after_the_colon_is_removed() -> None:
    assert events(b"data:  two\n\ndata:none\n\n") == [("message", " two"), ("message", "none")]


def test_event_type_applies_to_one_event() -> None:
    assert events(b"event: delta\ndata: a\n\ndata: b\n\n") == [("delta", "a"), ("message", "b")]


def test_blank_line_without_data_resets_the_type_and_dispatches_nothing() -> None:
    assert events(b"event: ping\n\ndata: x\n\n") == [("message", "x")]
    assert events(b"event: ping\nid: 3\nretry: 5\n\n\n\n") == []


def test_empty_event_type_means_message() -> None:
    assert events(b"event:\ndata: x\n\n") == [("message", "x")]


def test_unknown_fields_are_ignored() -> None:
    assert events(b"foo: bar\nDATA: no\ndata : no\ndata: yes\n\n") == [("message", "yes")]


def test_last_event_id_persists_and_ignores_nul() -> None:
    body = b"id: 1\ndata: a\n\ndata: b\n\nid: x\x00y\ndata: c\n\nid\ndata: d\n\n"
    assert [e.id for e in decode_sse(body).events] == ["1", "1", "1", ""]


def test_retry_takes_ascii_digits_only() -> None:
    body = b"retry: 10\ndata: a\n\nretry: 1x\ndata: b\n\nretry:\ndata: c\n\n"
    decoding = decode_sse(body)
    assert [e.retry for e in decoding.events] == [10, None, None]
    assert decoding.retry == 10


def test_only_cr_and_lf_break_lines() -> None:
    # str.splitlines would also break on VT, FF, FS, NEL and U+2028.
    data = "a\x0bb\x0cc\x1cd\x85e\u2028f\u2029g"
    assert events(f"data: {data}\n\n".encode()) == [("message", data)]


def test_event_without_final_blank_line_is_not_dispatched() -> None:
    decoding = decode_sse(b"data: a\n\nevent: x\ndata: b\n")
    assert [e.data for e in decoding.events] == ["a"]
    assert kinds(decoding) == [("no-final-newline", 9)]
    assert decoding.truncated_tail is not None
    assert (decoding.truncated_tail.event, decoding.truncated_tail.data) == ("x", "b")


def test_unterminated_last_line_is_reported_too() -> None:
    decoding = decode_sse(b"data: a\n\ndata: b")
    assert [e.data for e in decoding.events] == ["a"]
    assert kinds(decoding) == [("no-final-newline", 9)]
    assert decoding.truncated_tail is not None
    assert decoding.truncated_tail.data == "b"


def test_a_trailing_comment_loses_nothing() -> None:
    decoding = decode_sse(b"data: a\n\n: bye")
    assert decoding.problems == ()
    assert decoding.truncated_tail is None


def test_leading_bom_is_dropped_once() -> None:
    decoding = decode_sse(b"\xef\xbb\xbfdata: a\n\n")
    assert [(e.data, e.byte_offset) for e in decoding.events] == [("a", 3)]
    # A second BOM belongs to the first line's field name, which is then unknown.
    assert events(b"\xef\xbb\xbf\xef\xbb\xbfdata: a\n\n") == []


def test_invalid_utf8_is_replaced_and_reported() -> None:
    decoding = decode_sse(b"data: ok\n\ndata: \xff\xfe\n\n")
    assert [e.data for e in decoding.events] == ["ok", "\ufffd\ufffd"]
    assert kinds(decoding) == [("invalid-utf8", 16)]


def test_empty_body() -> None:
    assert decode_sse(b"") == SseDecoding((), ())


def test_crlf_split_across_pieces_is_one_line_break() -> None:
    decoder = SseDecoder()
    assert decoder.feed(b"data: a\r") == []
    assert [e.data for e in decoder.feed(b"\n\r")] == ["a"]
    assert decoder.feed(b"\ndata: b\r\n\r\n")[0].byte_offset == 11
    assert decoder.close() == decode_sse(b"data: a\r\n\r\ndata: b\r\n\r\n")


def test_bom_split_across_pieces() -> None:
    decoder = SseDecoder()
    for piece in (b"\xef", b"\xbb", b"\xbf", b"data: a\n", b"\n"):
        decoder.feed(piece)
    assert decoder.close() == decode_sse(b"\xef\xbb\xbfdata: a\n\n")


def test_feed_after_close_is_a_usage_error() -> None:
    decoder = SseDecoder()
    decoder.close()
    with pytest.raises(ValueError):
        decoder.feed(b"data: a\n\n")
