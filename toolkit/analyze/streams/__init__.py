"""Stream decoders: bytes of a streamed response body in, events and problems out.

Formats: server-sent events (``sse``), the AWS event stream
(``aws-eventstream``), NDJSON / JSON Lines / JSON text sequences (``ndjson``)
and a JSON array of chunks (``json-array``, Gemini without ``alt=sse``).
``decode_stream`` picks the decoder from the content type, or sniffs the
bytes when the type is missing, redacted or generic. A JSON array is never
guessed; a caller that knows the request (Gemini ``streamGenerateContent``
without ``alt=sse``) asks for it with ``kind="json-array"``.

Decoders do no I/O and never raise for bad input: problems are collected.
"""

from __future__ import annotations

from collections.abc import Callable

from toolkit.analyze.streams.detect import (
    detect_stream_kind,
    is_stream_content_type,
    sniff_stream_kind,
    stream_kind_for_content_type,
)
from toolkit.analyze.streams.eventstream import decode_eventstream, encode_message, looks_like_eventstream
from toolkit.analyze.streams.jsonstream import decode_json_array, decode_ndjson
from toolkit.analyze.streams.result import ProblemKind, StreamEvent, StreamKind, StreamProblem
from toolkit.analyze.streams.sse import SseDecoder, decode_sse
from toolkit.analyze.streams.uniform import StreamDecoding, from_eventstream, from_json, from_sse

__all__ = [
    "DECODERS",
    "ProblemKind",
    "SseDecoder",
    "StreamDecoding",
    "StreamEvent",
    "StreamKind",
    "StreamProblem",
    "decode_eventstream",
    "decode_json_array",
    "decode_ndjson",
    "decode_sse",
    "decode_stream",
    "detect_stream_kind",
    "encode_message",
    "is_stream_content_type",
    "looks_like_eventstream",
    "sniff_stream_kind",
    "stream_kind_for_content_type",
]

#: The registry: one decoder per stream kind, each giving the uniform result.
DECODERS: dict[StreamKind, Callable[[bytes], StreamDecoding]] = {
    "sse": lambda content: from_sse(decode_sse(content)),
    "aws-eventstream": lambda content: from_eventstream(decode_eventstream(content)),
    "ndjson": lambda content: from_json("ndjson", decode_ndjson(content)),
    "json-array": lambda content: from_json("json-array", decode_json_array(content)),
}

_NOT_A_STREAM = StreamDecoding(None)


def decode_stream(
    content: bytes, content_type: str | None, *, kind: StreamKind | None = None
) -> StreamDecoding:
    """Decode a response body as a stream; ``kind`` None when it is not one.

    ``content`` is the body as the application saw it (content coding undone).
    ``kind`` forces a format instead of detecting one.
    """
    chosen = kind or detect_stream_kind(content, content_type)
    if chosen is None:
        return _NOT_A_STREAM
    return DECODERS[chosen](content)
