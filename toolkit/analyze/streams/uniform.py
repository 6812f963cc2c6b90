"""One view of every format's result: ``StreamDecoding`` and the converters to it."""

from __future__ import annotations

from typing import NamedTuple

from toolkit.analyze.streams.eventstream import EventStreamDecoding, EventStreamMessage
from toolkit.analyze.streams.jsonstream import JsonStreamDecoding
from toolkit.analyze.streams.result import StreamEvent, StreamKind, StreamProblem
from toolkit.analyze.streams.sse import SseDecoding

__all__ = [
    "FormatDecoding",
    "StreamDecoding",
    "from_eventstream",
    "from_json",
    "from_sse",
]

#: The result of one format's own decoder, with everything that format knows.
FormatDecoding = SseDecoding | EventStreamDecoding | JsonStreamDecoding


class StreamDecoding(NamedTuple):
    """A body read as a stream.

    ``kind`` is None when the body is not a stream (then nothing else is set).
    ``detail`` is the format decoder's own result, for what the uniform view
    leaves out: an SSE ``truncated_tail``, event-stream headers and CRC flags.
    """

    kind: StreamKind | None
    events: tuple[StreamEvent, ...] = ()
    problems: tuple[StreamProblem, ...] = ()
    detail: FormatDecoding | None = None


def from_sse(decoding: SseDecoding) -> StreamDecoding:
    events = tuple(
        StreamEvent(index, event.event, event.data, event.byte_offset)
        for index, event in enumerate(decoding.events)
    )
    return StreamDecoding("sse", events, decoding.problems, decoding)


def from_eventstream(decoding: EventStreamDecoding) -> StreamDecoding:
    events = tuple(
        StreamEvent(index, message.event_type or "", _message_text(message), message.byte_offset)
        for index, message in enumerate(decoding.messages)
    )
    return StreamDecoding("aws-eventstream", events, decoding.problems, decoding)


def from_json(kind: StreamKind, decoding: JsonStreamDecoding) -> StreamDecoding:
    events = tuple(
        StreamEvent(index, "", item.text, item.byte_offset) for index, item in enumerate(decoding.items)
    )
    return StreamDecoding(kind, events, decoding.problems, decoding)


def _message_text(message: EventStreamMessage) -> str:
    if message.inner is not None:
        return message.inner
    return message.payload.decode("utf-8", "replace")
