"""The inner document of a Bedrock ``chunk`` event.

Bedrock ``InvokeModelWithResponseStream`` sends event-stream messages whose
``:event-type`` is ``chunk`` and whose payload is JSON like
``{"bytes": "<base64>", "p": "..."}``; the base64 holds the model's own JSON
chunk. Bedrock Agents' ``InvokeAgent`` uses the same shape for plain answer
text, so the inner text is only checked as JSON when it looks like JSON.
"""

from __future__ import annotations

import base64
import binascii

from toolkit.analyze.streams.result import ProblemKind
from toolkit.read.jsonparse import loads

__all__ = ["ChunkError", "decode_chunk"]

#: A problem kind and message for a chunk that could not be read.
ChunkError = tuple[ProblemKind, str]


def decode_chunk(payload: bytes) -> tuple[str | None, ChunkError | None]:
    """The text a chunk payload carries, and what was wrong, if anything."""
    encoded, error = _bytes_field(payload)
    if encoded is None:
        return None, error
    try:
        raw = base64.b64decode(encoded, validate=True)
    except binascii.Error as exc:
        return None, ("bad-base64", f'chunk "bytes" is not base64 ({exc})')
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace"), ("invalid-utf8", "chunk bytes are not UTF-8")
    return text, _check_json(text)


def _bytes_field(payload: bytes) -> tuple[str | None, ChunkError | None]:
    try:
        document = loads(payload)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None, ("invalid-json", "chunk payload is not JSON")
    encoded = document.get("bytes") if isinstance(document, dict) else None
    if not isinstance(encoded, str):
        return None, ("invalid-json", 'chunk payload has no "bytes" string')
    return encoded, None


def _check_json(text: str) -> ChunkError | None:
    if text.lstrip()[:1] not in ("{", "["):
        return None
    try:
        loads(text)
    except (ValueError, RecursionError):
        return "invalid-json", "chunk bytes decode to broken JSON"
    return None
