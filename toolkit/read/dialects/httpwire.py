"""Raw HTTP/1 messages as a recorder writes them: start line, header lines, body, by byte offset.

Read as Go's ``net/http`` reads them (``http.ReadResponse``, ``textproto``), since that is
what replays an httprr trace: lines end in ``\\n`` with an optional ``\\r`` before it, the
head ends at the first empty line, a header line continued with leading white space joins
the previous one, and a body under ``Transfer-Encoding: chunked`` is de-chunked as RFC 9112
section 7.1 defines (chunk-size line with optional extensions, CRLF after each chunk's data,
a last chunk of size 0, optional trailer fields, a final empty line).

Nothing here raises for bad input: a message without an empty line after its head has
``body_offset`` None, and a body whose chunked framing is broken comes back with a problem.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from toolkit.read.document import Position

__all__ = [
    "ByteLines",
    "Dechunked",
    "HeaderLine",
    "Message",
    "dechunk",
    "encode_chunked",
    "read_message",
]


class ByteLines:
    """1-based line and column of byte offsets into ``data`` (columns count UTF-8 characters)."""

    __slots__ = ("_data", "_starts")

    def __init__(self, data: bytes) -> None:
        self._data = data
        starts = [0]
        find = data.find
        at = find(b"\n")
        while at >= 0:
            starts.append(at + 1)
            at = find(b"\n", at + 1)
        self._starts = starts

    def position(self, offset: int) -> Position:
        """Where byte ``offset`` is; an offset past the end is placed at the end."""
        offset = max(0, min(offset, len(self._data)))
        line = bisect.bisect_right(self._starts, offset)
        start = self._starts[line - 1]
        column = len(self._data[start:offset].decode("utf-8", "replace")) + 1
        return Position(line, column)


class HeaderLine(NamedTuple):
    """One header field: its name, value, the line as written, and byte offsets."""

    name: str
    value: str
    text: str
    offset: int
    value_offset: int


class Message(NamedTuple):
    """An HTTP/1 message between byte offsets: its start line, fields and where its body starts.

    ``malformed`` are header lines that are not ``name: value`` (offset, text);
    ``body_offset`` is None when no empty line ends the head.
    """

    start_line: str
    start_offset: int
    headers: tuple[HeaderLine, ...]
    malformed: tuple[tuple[int, str], ...]
    body_offset: int | None
    end: int


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def _next_line(data: bytes, at: int, end: int) -> tuple[bytes, int] | None:
    """The line starting at ``at`` (without ``\\n`` and a ``\\r`` before it) and the offset after it."""
    if at >= end:
        return None
    newline = data.find(b"\n", at, end)
    stop = end if newline < 0 else newline
    line = data[at:stop]
    if line.endswith(b"\r"):
        line = line[:-1]
    return line, (end if newline < 0 else newline + 1)


def read_message(data: bytes, start: int, end: int) -> Message:
    """The message in ``data[start:end]``: start line, header fields, body offset."""
    first = _next_line(data, start, end)
    if first is None:
        return Message("", start, (), (), None, end)
    start_line, at = first
    headers: list[HeaderLine] = []
    malformed: list[tuple[int, str]] = []
    while True:
        line_start = at
        taken = _next_line(data, at, end)
        if taken is None:
            return Message(_text(start_line), start, tuple(headers), tuple(malformed), None, end)
        line, at = taken
        if not line:
            return Message(_text(start_line), start, tuple(headers), tuple(malformed), at, end)
        if line[:1] in (b" ", b"\t") and headers:  # obsolete line folding joins the previous field
            previous = headers[-1]
            joined = f"{previous.value} {_text(line.strip())}".strip()
            headers[-1] = previous._replace(value=joined, text=f"{previous.text} {_text(line.strip())}")
            continue
        name, colon, value = line.partition(b":")
        if not colon or not name or name != name.strip():
            malformed.append((line_start, _text(line)))
            continue
        skipped = len(value) - len(value.lstrip(b" \t"))
        headers.append(
            HeaderLine(
                _text(name),
                _text(value.strip(b" \t")),
                _text(line),
                line_start,
                line_start + len(name) + 1 + skipped,
            )
        )


class Dechunked(NamedTuple):
    """A de-chunked body, the offsets of each chunk's data in the framed bytes, and a problem."""

    content: bytes
    spans: tuple[tuple[int, int], ...]
    problem: str | None = None


def dechunk(framed: bytes) -> Dechunked:
    """Undo the chunked transfer coding (RFC 9112 section 7.1) as Go's reader does."""
    parts: list[bytes] = []
    spans: list[tuple[int, int]] = []
    at = 0
    while True:
        newline = framed.find(b"\n", at)
        if newline < 0:
            return _broken(parts, spans, "chunked body ends inside a chunk-size line")
        size_text = framed[at:newline].rstrip(b" \t\r").partition(b";")[0].strip(b" \t")
        if not size_text or len(size_text) > 16 or not all(c in b"0123456789abcdefABCDEF" for c in size_text):
            return _broken(parts, spans, f"bad chunk size line at byte {at}")
        size = int(size_text, 16)
        at = newline + 1
        if size == 0:
            return _trailer(framed, at, parts, spans)
        if at + size + 2 > len(framed):
            return _broken(parts, spans, f"chunk at byte {at} is cut short ({size:,} bytes declared)")
        parts.append(framed[at : at + size])
        spans.append((at, at + size))
        at += size
        if framed[at : at + 2] != b"\r\n":
            return _broken(parts, spans, f"chunk data is not followed by CRLF at byte {at}")
        at += 2


def _trailer(framed: bytes, at: int, parts: list[bytes], spans: list[tuple[int, int]]) -> Dechunked:
    """Trailer fields after the last chunk, up to the empty line that ends the body."""
    while True:
        newline = framed.find(b"\n", at)
        if newline < 0:
            return _broken(parts, spans, "chunked body ends without the empty line after the last chunk")
        line = framed[at:newline].rstrip(b"\r")
        at = newline + 1
        if not line:
            return Dechunked(b"".join(parts), tuple(spans))
        if b":" not in line:
            return _broken(parts, spans, "malformed trailer field after the last chunk")


def _broken(parts: list[bytes], spans: list[tuple[int, int]], problem: str) -> Dechunked:
    return Dechunked(b"".join(parts), tuple(spans), problem)


def encode_chunked(pieces: list[bytes]) -> bytes:
    """Frame ``pieces`` as chunks (empty pieces skipped), then the last chunk and the empty line."""
    out = bytearray()
    for piece in pieces:
        if piece:
            out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return bytes(out + b"0\r\n\r\n")
