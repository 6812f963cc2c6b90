"""AWS event stream (``application/vnd.amazon.eventstream``), decoded and encoded.

Follows the AWS event stream encoding used by Bedrock, Transcribe and S3
Select. Each message is::

    total length   uint32, big-endian, the whole message including both CRCs
    headers length uint32, big-endian
    prelude CRC    CRC-32 of the 8 bytes above
    headers        headers-length bytes
    payload        total - headers - 16 bytes
    message CRC    CRC-32 of every byte of the message before it

CRC-32 is the ISO-HDLC one (``zlib.crc32``). A header is a 1-byte name length,
the name (UTF-8), a 1-byte value type and the value (see ``HeaderType``).

A bad prelude CRC or impossible lengths stop decoding, because the next
message cannot then be found safely. A bad message CRC keeps the message
(``crc_ok`` False) and goes on, since the prelude said where the next starts.
"""

from __future__ import annotations

import struct
import uuid
import zlib
from collections.abc import Iterable, Mapping
from enum import IntEnum
from typing import NamedTuple

from toolkit.analyze.streams.bedrock_chunk import decode_chunk
from toolkit.analyze.streams.result import ProblemKind, StreamProblem

__all__ = [
    "EventStreamDecoding",
    "EventStreamMessage",
    "Header",
    "HeaderType",
    "HeaderValue",
    "decode_eventstream",
    "encode_message",
    "looks_like_eventstream",
]

PRELUDE_LENGTH = 12  # total length, headers length, prelude CRC
MIN_MESSAGE_LENGTH = PRELUDE_LENGTH + 4  # a message with no headers and no payload

_PRELUDE = struct.Struct(">III")
_CRC = struct.Struct(">I")
_LENGTH16 = struct.Struct(">H")

#: A header value: booleans, integers (timestamps are milliseconds since the
#: Unix epoch), byte arrays, strings and UUIDs.
HeaderValue = bool | int | bytes | str | uuid.UUID


class HeaderType(IntEnum):
    """The value type byte of a header, as the encoding numbers them."""

    BOOL_TRUE = 0
    BOOL_FALSE = 1
    BYTE = 2
    SHORT = 3
    INTEGER = 4
    LONG = 5
    BYTE_ARRAY = 6
    STRING = 7
    TIMESTAMP = 8
    UUID = 9


#: Fixed-size integer values: their struct format (all signed, big-endian).
_INTEGERS: dict[HeaderType, struct.Struct] = {
    HeaderType.BYTE: struct.Struct(">b"),
    HeaderType.SHORT: struct.Struct(">h"),
    HeaderType.INTEGER: struct.Struct(">i"),
    HeaderType.LONG: struct.Struct(">q"),
    HeaderType.TIMESTAMP: struct.Struct(">q"),
}


class Header(NamedTuple):
    """One header with its wire type, so that it can be written back unchanged."""

    name: str
    type: HeaderType
    value: HeaderValue


class EventStreamMessage(NamedTuple):
    """One message. ``headers`` maps names to values (last one wins, as in the SDKs);
    ``header_list`` keeps every header in order with its type.

    ``inner`` is, for a Bedrock ``chunk`` event, the text its ``bytes`` field
    carries base64-encoded (a JSON document); None for other messages.
    """

    headers: dict[str, HeaderValue]
    header_list: tuple[Header, ...]
    payload: bytes
    byte_offset: int
    crc_ok: bool = True
    inner: str | None = None

    @property
    def event_type(self) -> str | None:
        """``:event-type`` (or ``:exception-type`` for an exception message)."""
        for name in (":event-type", ":exception-type"):
            value = self.headers.get(name)
            if isinstance(value, str):
                return value
        return None

    @property
    def message_type(self) -> str | None:
        value = self.headers.get(":message-type")
        return value if isinstance(value, str) else None


class EventStreamDecoding(NamedTuple):
    """The messages read from one body, and what was wrong with it."""

    messages: tuple[EventStreamMessage, ...]
    problems: tuple[StreamProblem, ...]


def looks_like_eventstream(data: bytes) -> bool:
    """True when ``data`` starts with a valid event-stream prelude (CRC checked).

    Reads only the first 12 bytes, so it is cheap on any body. A chance match
    needs a 32-bit CRC to agree by accident.
    """
    if len(data) < MIN_MESSAGE_LENGTH:
        return False
    total, headers_length, prelude_crc = _read_prelude(data, 0)
    if total < MIN_MESSAGE_LENGTH or headers_length > total - MIN_MESSAGE_LENGTH:
        return False
    return zlib.crc32(data[:8]) == prelude_crc


def decode_eventstream(data: bytes) -> EventStreamDecoding:
    """Decode every message of a body. Never raises for bad input."""
    messages: list[EventStreamMessage] = []
    problems: list[StreamProblem] = []
    offset = 0
    while offset < len(data):
        total = _check_prelude(data, offset, problems)
        if total is None:
            break
        messages.append(_read_message(data, offset, total, problems))
        offset += total
    return EventStreamDecoding(tuple(messages), tuple(problems))


def _check_prelude(data: bytes, offset: int, problems: list[StreamProblem]) -> int | None:
    """The total length of the message at ``offset``, or None (and a problem)."""
    left = len(data) - offset
    if left < PRELUDE_LENGTH:
        message = f"{left} bytes left, too few for a prelude"
        problems.append(_problem("truncated-frame", message, offset))
        return None
    total, headers_length, prelude_crc = _read_prelude(data, offset)
    if zlib.crc32(data[offset : offset + 8]) != prelude_crc:
        problems.append(_problem("bad-crc", "prelude CRC does not match; stopped", offset))
        return None
    if total < MIN_MESSAGE_LENGTH or headers_length > total - MIN_MESSAGE_LENGTH:
        message = f"impossible lengths (total {total}, headers {headers_length}); stopped"
        problems.append(_problem("bad-length", message, offset))
        return None
    if total > left:
        message = f"message of {total} bytes cut off after {left}"
        problems.append(_problem("truncated-frame", message, offset))
        return None
    return total


def _read_prelude(data: bytes, offset: int) -> tuple[int, int, int]:
    total, headers_length, prelude_crc = _PRELUDE.unpack_from(data, offset)
    return int(total), int(headers_length), int(prelude_crc)


def _read_message(data: bytes, offset: int, total: int, problems: list[StreamProblem]) -> EventStreamMessage:
    """Read a message whose prelude is known good and which fits in ``data``."""
    end = offset + total - 4
    (message_crc,) = _CRC.unpack_from(data, end)
    crc_ok = zlib.crc32(data[offset:end]) == message_crc
    if not crc_ok:
        problems.append(_problem("bad-crc", "message CRC does not match", offset))
    headers_length = _read_prelude(data, offset)[1]
    headers_start = offset + PRELUDE_LENGTH
    header_list, bad_at = _read_headers(data[headers_start : headers_start + headers_length])
    if bad_at is not None:
        message = "malformed header; the headers after it are dropped"
        problems.append(_problem("bad-header", message, headers_start + bad_at))
    headers = {header.name: header.value for header in header_list}
    payload = data[headers_start + headers_length : end]
    inner = _inner_text(headers, payload, offset, problems)
    return EventStreamMessage(headers, header_list, payload, offset, crc_ok, inner)


def _inner_text(
    headers: Mapping[str, HeaderValue],
    payload: bytes,
    offset: int,
    problems: list[StreamProblem],
) -> str | None:
    """For a Bedrock ``chunk`` event, the JSON text its ``bytes`` field carries."""
    if headers.get(":event-type") != "chunk" or headers.get(":message-type", "event") != "event":
        return None
    inner, error = decode_chunk(payload)
    if error is not None:
        problems.append(_problem(error[0], error[1], offset))
    return inner


def _read_headers(block: bytes) -> tuple[tuple[Header, ...], int | None]:
    """The headers in ``block``, and where in it they stop making sense (if they do)."""
    headers: list[Header] = []
    at = 0
    while at < len(block):
        read = _read_header(block, at)
        if read is None:
            return tuple(headers), at
        header, at = read
        headers.append(header)
    return tuple(headers), None


def _read_header(block: bytes, at: int) -> tuple[Header, int] | None:
    name_end = at + 1 + block[at]
    if name_end >= len(block):  # the type byte must follow the name
        return None
    name = block[at + 1 : name_end].decode("utf-8", "replace")
    try:
        kind = HeaderType(block[name_end])
    except ValueError:
        return None
    value = _read_value(block, name_end + 1, kind)
    if value is None:
        return None
    return Header(name, kind, value[0]), value[1]


def _read_value(block: bytes, at: int, kind: HeaderType) -> tuple[HeaderValue, int] | None:
    """A value of type ``kind`` at ``at`` and where it ends, or None if it overruns."""
    if kind in (HeaderType.BOOL_TRUE, HeaderType.BOOL_FALSE):
        return kind is HeaderType.BOOL_TRUE, at
    fixed = _INTEGERS.get(kind)
    if fixed is not None:
        end = at + fixed.size
        return (fixed.unpack_from(block, at)[0], end) if end <= len(block) else None
    if kind is HeaderType.UUID:
        end = at + 16
        return (uuid.UUID(bytes=block[at:end]), end) if end <= len(block) else None
    if at + 2 > len(block):
        return None
    end = at + 2 + _LENGTH16.unpack_from(block, at)[0]
    if end > len(block):
        return None
    raw = block[at + 2 : end]
    return (raw.decode("utf-8", "replace") if kind is HeaderType.STRING else raw), end


def encode_message(headers: Mapping[str, HeaderValue] | Iterable[Header], payload: bytes) -> bytes:
    """Encode one message. ``decode_eventstream`` reads it back unchanged.

    Give ``Header`` values to choose wire types (and to write back a decoded
    message as it was: pass its ``header_list``). From a mapping, types are
    inferred: bool, string, byte array, UUID, and integers as INTEGER when they
    fit in 32 bits, else LONG. Raises ``ValueError`` for values the encoding
    cannot hold (names over 255 bytes, strings over 65535 bytes, ...).
    """
    items = _header_items(headers)
    block = b"".join(_encode_header(header) for header in items)
    total = MIN_MESSAGE_LENGTH + len(block) + len(payload)
    lengths = struct.pack(">II", total, len(block))
    head = lengths + _CRC.pack(zlib.crc32(lengths)) + block + payload
    return head + _CRC.pack(zlib.crc32(head))


def _header_items(headers: Mapping[str, HeaderValue] | Iterable[Header]) -> list[Header]:
    if isinstance(headers, Mapping):
        return [Header(name, _infer_type(value), value) for name, value in headers.items()]
    return list(headers)


def _infer_type(value: HeaderValue) -> HeaderType:
    if isinstance(value, bool):
        return HeaderType.BOOL_TRUE if value else HeaderType.BOOL_FALSE
    if isinstance(value, int):
        return HeaderType.INTEGER if -(2**31) <= value < 2**31 else HeaderType.LONG
    if isinstance(value, str):
        return HeaderType.STRING
    if isinstance(value, bytes):
        return HeaderType.BYTE_ARRAY
    return HeaderType.UUID


def _encode_header(header: Header) -> bytes:
    name = header.name.encode("utf-8")
    if len(name) > 255:
        raise ValueError(f"header name over 255 bytes: {header.name[:40]!r}...")
    return bytes([len(name)]) + name + bytes([header.type]) + _encode_value(header)


def _encode_value(header: Header) -> bytes:
    kind, value = header.type, header.value
    if kind in (HeaderType.BOOL_TRUE, HeaderType.BOOL_FALSE):
        return b""
    fixed = _INTEGERS.get(kind)
    if fixed is not None and isinstance(value, int):
        try:
            return fixed.pack(value)
        except struct.error as error:
            raise ValueError(f"header {header.name!r}: {error}") from error
    if kind is HeaderType.UUID and isinstance(value, uuid.UUID):
        return value.bytes
    raw = value.encode("utf-8") if kind is HeaderType.STRING and isinstance(value, str) else value
    if not isinstance(raw, bytes) or kind not in (HeaderType.STRING, HeaderType.BYTE_ARRAY):
        raise ValueError(f"header {header.name!r}: {type(value).__name__} is not a {kind.name}")
    if len(raw) > 0xFFFF:
        raise ValueError(f"header {header.name!r}: value over 65535 bytes")
    return _LENGTH16.pack(len(raw)) + raw


def _problem(kind: ProblemKind, message: str, offset: int) -> StreamProblem:
    return StreamProblem(kind, message, offset)
