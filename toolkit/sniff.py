"""Is a response a stream, and of which kind? From the Content-Type, else from the first bytes.

Real cassettes label SSE as ``application/json`` and redact the Content-Type
of Bedrock event streams, so the bytes have the last word when the type is
missing, redacted or generic. Only the first bytes are looked at.
"""

from __future__ import annotations

import struct
import zlib
from typing import Literal

__all__ = ["StreamKind", "content_type_of", "stream_kind"]

StreamKind = Literal["sse", "aws-eventstream", "ndjson"]

_BY_TYPE: dict[str, StreamKind] = {
    "text/event-stream": "sse",
    "application/vnd.amazon.eventstream": "aws-eventstream",
    "application/x-ndjson": "ndjson",
    "application/ndjson": "ndjson",
    "application/jsonl": "ndjson",
    "application/x-jsonlines": "ndjson",
}
_SSE_FIELDS = (b"data:", b"event:", b"id:", b"retry:", b":")
#: AWS event stream prelude: total length, headers length, CRC32 of those 8 bytes.
_PRELUDE = struct.Struct(">III")


def content_type_of(header: str | None) -> str:
    """The media type of a Content-Type value, lower-case, without parameters."""
    return (header or "").split(";", 1)[0].strip().lower()


def stream_kind(content_type: str | None, content: bytes) -> StreamKind | None:
    """The stream encoding of a response body, or None when it is not a stream."""
    kind = _BY_TYPE.get(content_type_of(content_type))
    if kind is not None:
        return kind
    if looks_like_eventstream(content):
        return "aws-eventstream"
    if looks_like_sse(content):
        return "sse"
    return None


def looks_like_eventstream(content: bytes) -> bool:
    """A first frame whose prelude CRC32 checks out (vnd.amazon.eventstream)."""
    if len(content) < 16:
        return False
    total, headers, crc = _PRELUDE.unpack_from(content)
    return bool(total >= 16 and headers <= total - 16 and zlib.crc32(content[:8]) == crc)


def looks_like_sse(content: bytes) -> bool:
    """A first non-blank line that is an SSE field or comment."""
    head = content[:256].lstrip(b"\xef\xbb\xbf").lstrip(b"\r\n")
    return head.startswith(_SSE_FIELDS)
