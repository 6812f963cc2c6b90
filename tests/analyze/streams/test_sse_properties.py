"""Property tests for SSE: round trips, and the same events however the bytes are split."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from toolkit.analyze.streams.sse import SseDecoder, decode_sse

LINE_ENDINGS = st.sampled_from([b"\n", b"\r", b"\r\n"])
# Field values: any text but CR and LF (which end lines) and surrogates (not UTF-8).
VALUE = st.text(st.characters(codec="utf-8", exclude_characters="\r\n"))
NAME = st.text(st.characters(codec="utf-8", exclude_characters="\r\n:"))


@dataclass
class Event:
    type: str | None
    id: str | None
    data: list[str]
    comment: str | None


EVENTS = st.lists(
    st.builds(
        Event,
        type=st.none() | NAME,
        id=st.none() | VALUE.filter(lambda value: "\x00" not in value),
        data=st.lists(VALUE, min_size=1, max_size=4),
        comment=st.none() | VALUE,
    ),
    max_size=8,
)


@st.composite
def serialized(draw: st.DrawFn) -> tuple[bytes, list[tuple[str, str, str, int]]]:
    """A body made of random events, each line with a random line ending, and
    the events (type, data, last event ID, byte offset) the spec says it holds."""
    body = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    expected: list[tuple[str, str, str, int]] = []
    last_id = ""
    for event in draw(EVENTS):
        start = len(body)
        lines = [] if event.comment is None else [f":{event.comment}"]
        lines += [] if event.type is None else [f"event: {event.type}"]
        lines += [] if event.id is None else [f"id: {event.id}"]
        lines += [f"data: {value}" for value in event.data]
        for line in [*lines, ""]:
            ending = draw(LINE_ENDINGS)
            if not line and body.endswith(b"\r") and ending == b"\n":
                ending = b"\r\n"  # CR then LF would be one line break, not two
            body += line.encode("utf-8") + ending
        last_id = last_id if event.id is None else event.id
        expected.append((event.type or "message", "\n".join(event.data), last_id, start))
    return body, expected


@given(serialized())
def test_serialized_events_come_back(stream: tuple[bytes, list[tuple[str, str, str, int]]]) -> None:
    body, expected = stream
    decoding = decode_sse(body)
    assert [(e.event, e.data, e.id, e.byte_offset) for e in decoding.events] == expected
    assert decoding.problems == ()


# Bodies rich in what makes splitting hard: CR, LF, BOM bytes, colons, bad UTF-8.
TRICKY_BYTES = st.lists(
    st.sampled_from(
        [
            b"\r",
            b"\n",
            b"\r\n",
            b"\xef",
            b"\xbb",
            b"\xbf",
            b":",
            b" ",
            b"data",
            b"event",
            b"id",
            b"retry",
            b"7",
            b"x",
            b"\x00",
            b"\xff",
            b"\xc3",
        ]
    ),
    max_size=40,
).map(b"".join)
BODIES = TRICKY_BYTES | st.binary(max_size=200) | serialized().map(lambda stream: stream[0])


@given(BODIES, st.lists(st.integers(min_value=0), max_size=10))
def test_same_result_however_the_bytes_are_split(body: bytes, cuts: list[int]) -> None:
    points = sorted({cut % (len(body) + 1) for cut in cuts})
    pieces = [body[a:b] for a, b in zip([0, *points], [*points, len(body)], strict=True)]
    decoder = SseDecoder()
    fed = [event for piece in pieces for event in decoder.feed(piece)]
    decoding = decoder.close()
    assert decoding == decode_sse(body)
    assert fed == list(decoding.events)


@given(st.binary(max_size=300))
def test_any_bytes_decode_without_raising(body: bytes) -> None:
    decoding = decode_sse(body)
    assert all(0 <= problem.byte_offset <= len(body) for problem in decoding.problems)
    assert all(0 <= event.byte_offset < len(body) for event in decoding.events)
