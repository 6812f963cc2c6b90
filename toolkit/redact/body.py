"""Redact the bytes of one body: undo its content coding, replace, encode it again.

Inside the content every spelling of a secret becomes a same-length placeholder, so an
uncompressed body keeps its length. Two layers need more than a replacement:

* AWS event streams (``application/vnd.amazon.eventstream``): each message whose payload
  changed is framed again, its header bytes kept as they were and both CRC-32s computed
  anew; Bedrock ``chunk`` payloads carry their JSON base64-encoded, which is decoded,
  redacted and encoded again (same length, so the frame keeps its length too);
* secrets spelled out over several stream events (``Piece``): each event's part of the
  secret is replaced inside that event's own bytes (the JSON string that reads its text,
  however escaped) by its part of the secret's placeholder, and nowhere else: the events
  still parse and the text they spell reads ``REDACTEDXXX...``.
"""

from __future__ import annotations

import base64
import binascii
import json
import struct
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from toolkit.analyze.secrets import Piece
from toolkit.analyze.streams.eventstream import looks_like_eventstream
from toolkit.credentials.spelling import json_string_spans
from toolkit.redact.recode import encode_content
from toolkit.redact.substitute import Layer, replace_all_bytes

__all__ = ["BodyEdit", "PieceEdit", "RedactionError", "redact_body"]

_PRELUDE = struct.Struct(">III")
_MIN_MESSAGE = 16


class RedactionError(Exception):
    """A secret that could not be replaced where it was found."""


class PieceEdit(NamedTuple):
    """A piece of a secret and the letters that replace it (its part of the secret's placeholder)."""

    piece: Piece
    letters: str


@dataclass(frozen=True, slots=True)
class BodyEdit:
    """What to remove from one body: whole secrets, and pieces of secrets spread over events.

    ``offsets`` are the byte offsets of the stream's events in the content (for pieces);
    ``layers`` say how the content spells text (JSON, or a form body's percent-encoding).
    """

    secrets: tuple[str, ...]
    pieces: tuple[PieceEdit, ...] = ()
    offsets: tuple[int, ...] = ()
    layers: tuple[Layer, ...] = ("json",)


def redact_body(stored: bytes, content: bytes, encoding: str | None, edit: BodyEdit) -> bytes:
    """The new stored bytes of a body whose content coding ``encoding`` was removed."""
    if looks_like_eventstream(content):
        redacted = _redact_eventstream(content, edit)
    else:
        # Pieces first: a secret spelled over several events may also match, in part, inside
        # one of them; replacing that part first would hide the piece from its event.
        redacted = replace_all_bytes(_apply_pieces(content, edit), edit.secrets, edit.layers)
    if redacted == content:
        return stored
    return encode_content(redacted, encoding, stored) if encoding else redacted


def _by_event(pieces: Iterable[PieceEdit]) -> dict[int, list[PieceEdit]]:
    grouped: dict[int, list[PieceEdit]] = {}
    for edit in pieces:
        grouped.setdefault(edit.piece.event, []).append(edit)
    return grouped


def _apply_pieces(content: bytes, edit: BodyEdit) -> bytes:
    """Replace each event's part of a secret within that event's bytes."""
    if not edit.pieces:
        return content
    data = bytearray(content)
    for event, pieces in _by_event(edit.pieces).items():
        if event >= len(edit.offsets):
            raise RedactionError(f"stream event {event} is not in the body")
        start = edit.offsets[event]
        end = edit.offsets[event + 1] if event + 1 < len(edit.offsets) else len(data)
        data[start:end] = _replace_pieces(bytes(data[start:end]), pieces)
    return bytes(data)


def _replace_pieces(region: bytes, pieces: Sequence[PieceEdit]) -> bytes:
    """Each piece replaced inside the JSON string of its event that reads its fragment, however
    that string is escaped (UTF-8 as is or ``\\u`` escapes, ``\\/``): character for character,
    so the string stays valid and the event reassembles to the placeholder."""
    if not pieces:
        return region
    text = region.decode("utf-8", "surrogateescape")
    by_fragment: dict[str, list[PieceEdit]] = {}
    for edit in pieces:
        by_fragment.setdefault(edit.piece.fragment, []).append(edit)
    for fragment, edits in by_fragment.items():
        literals = json_string_spans(text, fragment)
        if not literals:
            raise RedactionError("a stream event's text could not be found in its bytes")
        for spans in literals:
            for piece, letters in edits:
                for (start, end), letter in zip(spans[piece.start : piece.end], letters, strict=True):
                    text = text[:start] + letter + "X" * (end - start - 1) + text[end:]
    return text.encode("utf-8", "surrogateescape")


def _redact_eventstream(content: bytes, edit: BodyEdit) -> bytes:
    """Each message re-framed when its payload changed; anything after a bad prelude as is."""
    pieces = _by_event(edit.pieces)
    out: list[bytes] = []
    offset, index = 0, 0
    while offset < len(content):
        if not looks_like_eventstream(content[offset:]):
            out.append(replace_all_bytes(content[offset:], edit.secrets, ("json",)))
            break
        total, headers_length, _ = _PRELUDE.unpack_from(content, offset)
        frame = content[offset : offset + total]
        if len(frame) < total:
            out.append(replace_all_bytes(frame, edit.secrets, ("json",)))
            break
        payload = frame[12 + headers_length : total - 4]
        redacted = _redact_payload(payload, edit.secrets, pieces.get(index, []))
        out.append(frame if redacted == payload else _frame(frame[12 : 12 + headers_length], redacted))
        offset += total
        index += 1
    return b"".join(out)


def _frame(headers: bytes, payload: bytes) -> bytes:
    """A message with these exact header bytes (AWS event stream encoding, both CRC-32s)."""
    total = _MIN_MESSAGE + len(headers) + len(payload)
    lengths = struct.pack(">II", total, len(headers))
    head = lengths + struct.pack(">I", zlib.crc32(lengths)) + headers + payload
    return head + struct.pack(">I", zlib.crc32(head))


def _redact_payload(payload: bytes, secrets: tuple[str, ...], pieces: Sequence[PieceEdit]) -> bytes:
    encoded = _chunk_bytes(payload)
    if encoded is None:
        return replace_all_bytes(_replace_pieces(payload, pieces), secrets, ("json",))
    redacted = replace_all_bytes(payload, secrets, ("json",))
    try:
        inner = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return redacted
    new_inner = replace_all_bytes(_replace_pieces(inner, pieces), secrets, ("json",))
    if new_inner == inner:
        return redacted
    new_encoded = base64.b64encode(new_inner).decode("ascii")
    if encoded.encode("ascii") not in redacted:
        raise RedactionError("a Bedrock chunk's base64 could not be found in its payload")
    return redacted.replace(encoded.encode("ascii"), new_encoded.encode("ascii"), 1)


def _chunk_bytes(payload: bytes) -> str | None:
    """The base64 ``bytes`` field of a Bedrock chunk payload, if it is one."""
    if b'"bytes"' not in payload:
        return None
    try:
        document = json.loads(payload)
    except (ValueError, RecursionError):
        return None
    encoded = document.get("bytes") if isinstance(document, Mapping) else None
    return encoded if isinstance(encoded, str) else None
