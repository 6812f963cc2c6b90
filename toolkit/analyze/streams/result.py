"""Values every stream decoder returns: problems and the uniform event view.

Decoders never raise for bad input. Whatever is wrong with a body becomes a
``StreamProblem``: a fixed ``kind`` (stable, for programs), a plain message
(for people) and the byte offset in the body where it was found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

__all__ = ["ProblemKind", "StreamEvent", "StreamKind", "StreamProblem"]

#: The formats this package decodes.
StreamKind = Literal["sse", "aws-eventstream", "ndjson", "json-array"]

#: What went wrong. ``no-final-newline``: an SSE body ends before the blank line
#: that would dispatch its last event. ``bad-length``: an event-stream prelude
#: with lengths no message can have. ``truncated-json``: a JSON array or value
#: cut off by the end of the body.
ProblemKind = Literal[
    "invalid-utf8",
    "no-final-newline",
    "bad-crc",
    "bad-length",
    "truncated-frame",
    "bad-header",
    "bad-base64",
    "invalid-json",
    "truncated-json",
]


class StreamProblem(NamedTuple):
    """Something wrong with a stream body, at a 0-based byte offset in it."""

    kind: ProblemKind
    message: str
    byte_offset: int


@dataclass(frozen=True, slots=True)
class StreamEvent:
    """One event of any format, seen the same way.

    ``event`` is the SSE event type or the event-stream ``:event-type`` header
    (empty for JSON formats). ``data`` is the event's text: SSE data, the
    event-stream payload (for Bedrock ``chunk`` events the inner JSON), or one
    JSON value as written.
    """

    index: int
    event: str
    data: str
    byte_offset: int
