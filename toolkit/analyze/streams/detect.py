"""Which stream format a body is in: from its content type, else from its first bytes.

Cassettes often lose or blur the content type: redacted (``**REDACTED**``,
seen on Bedrock event streams), missing, or generic (SSE recorded as
``application/json``). For those the body is sniffed, cheaply: only its first
bytes are looked at, never the whole body.
"""

from __future__ import annotations

import json

from toolkit.analyze.streams.eventstream import looks_like_eventstream
from toolkit.analyze.streams.result import StreamKind

__all__ = [
    "detect_stream_kind",
    "is_stream_content_type",
    "media_type",
    "sniff_stream_kind",
    "stream_kind_for_content_type",
]

#: Media types that name a stream format.
KIND_BY_MEDIA_TYPE: dict[str, StreamKind] = {
    "text/event-stream": "sse",
    "application/vnd.amazon.eventstream": "aws-eventstream",
    "application/x-ndjson": "ndjson",
    "application/ndjson": "ndjson",
    "application/jsonl": "ndjson",
    "application/x-jsonlines": "ndjson",
    "application/jsonlines": "ndjson",
    "application/json-seq": "ndjson",
    "application/stream+json": "ndjson",  # Cohere v1 streams
}

#: Media types that say too little: a body labelled so is sniffed.
GENERIC_MEDIA_TYPES = frozenset(
    {"", "application/json", "application/octet-stream", "text/plain", "binary/octet-stream"}
)

#: How much of a body sniffing may look at.
SNIFF_BYTES = 64 * 1024

_BOM = b"\xef\xbb\xbf"
_SSE_STARTS = (b"data:", b"event:", b"id:", b"retry:", b":")
_JSON_STARTS = (b"{", b"[")


def media_type(content_type: str | None) -> str:
    """The lower-case ``type/subtype`` of a Content-Type value ("" when absent)."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def stream_kind_for_content_type(content_type: str | None) -> StreamKind | None:
    """The format a content type names, or None."""
    return KIND_BY_MEDIA_TYPE.get(media_type(content_type))


def is_stream_content_type(content_type: str | None) -> bool:
    """True when the content type names a stream format this package decodes."""
    return stream_kind_for_content_type(content_type) is not None


def detect_stream_kind(content: bytes, content_type: str | None) -> StreamKind | None:
    """The format of a body: its content type's, else (when that says too little) sniffed."""
    kind = stream_kind_for_content_type(content_type)
    if kind is not None:
        return kind
    return sniff_stream_kind(content) if _says_too_little(content_type) else None


def sniff_stream_kind(content: bytes) -> StreamKind | None:
    """Guess a stream format from the first bytes of a body; None if it is not one.

    An AWS event stream is recognised by a valid first prelude (CRC checked);
    SSE by a first non-blank line that starts with a field or a comment; NDJSON
    by a first line that is a whole JSON object or array, followed by another
    line that starts like one (a JSON array is never guessed: an ordinary JSON
    response can be one).
    """
    if looks_like_eventstream(content):
        return "aws-eventstream"
    head = content[:SNIFF_BYTES]
    head = head[len(_BOM) :] if head.startswith(_BOM) else head
    head = head.lstrip(b"\r\n")
    if head.startswith(_SSE_STARTS):
        return "sse"
    return "ndjson" if _looks_like_ndjson(head) else None


def _says_too_little(content_type: str | None) -> bool:
    media = media_type(content_type)
    # A redacted value ("**REDACTED**", "<redacted>") has no slash.
    return media in GENERIC_MEDIA_TYPES or "/" not in media


def _looks_like_ndjson(head: bytes) -> bool:
    first, newline, rest = head.partition(b"\n")
    if not newline or not first.lstrip().startswith(_JSON_STARTS):
        return False
    if not rest.lstrip().startswith(_JSON_STARTS):
        return False
    try:
        json.loads(first)
    except (ValueError, RecursionError):
        return False
    return True
