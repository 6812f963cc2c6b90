"""Server-sent events, decoded by the WHATWG HTML rules.

Follows HTML Living Standard §9.2.6 "Interpreting an event stream": the body
is UTF-8 (a leading BOM dropped, bad bytes replaced with U+FFFD), lines end
with CRLF, LF or CR, a blank line dispatches the event being built, lines
starting with ``:`` are comments, and the fields are ``event``, ``data``,
``id`` and ``retry``. ``str.splitlines`` must not be used here: it also breaks
on VT, FF, NEL, U+2028 and others, which are ordinary data in SSE.

Work is done on bytes, line by line, so that every event keeps the byte offset
where its first line starts, and so that a body can be fed in pieces.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from toolkit.analyze.streams.result import StreamProblem

__all__ = ["SseDecoder", "SseDecoding", "SseEvent", "decode_sse"]

_LINE_BREAK = re.compile(rb"(\r\n|\r|\n)")
_BOM = b"\xef\xbb\xbf"
_COLON = 0x3A
_NOT_DISPATCHED = "stream ends without a blank line; last event not dispatched"


class SseEvent(NamedTuple):
    """One dispatched event.

    ``event`` is the type ("message" unless an ``event`` field set one).
    ``id`` is the stream's last event ID when the event was dispatched: as the
    spec says, an ``id`` field stays in force for later events until another
    one replaces it ("" when none was seen). ``retry`` is the reconnection time
    set by a ``retry`` field within this event's lines, if any. ``byte_offset``
    is where the event's first line (comments included) starts in the body.
    A named tuple, not a dataclass: a long stream builds thousands of them.
    """

    event: str
    data: str
    id: str
    retry: int | None
    byte_offset: int


class SseDecoding(NamedTuple):
    """Everything read from one body.

    ``truncated_tail`` is the event the body was building when it ended
    without a blank line: the spec discards it, and so do ``events``, but a
    caller may want it (a ``no-final-newline`` problem says it was dropped).
    ``retry`` is the reconnection time the stream last set, if any.
    """

    events: tuple[SseEvent, ...]
    problems: tuple[StreamProblem, ...]
    truncated_tail: SseEvent | None = None
    retry: int | None = None


def decode_sse(body: bytes) -> SseDecoding:
    """Decode a whole SSE body. Never raises for bad input."""
    decoder = SseDecoder()
    decoder.feed(body)
    return decoder.close()


class SseDecoder:
    """An incremental SSE decoder: ``feed`` pieces of a body, then ``close``.

    Any split of a body gives the same result as decoding it whole. A CR that
    ends one piece and an LF that starts the next are one line break, as the
    spec requires, and a BOM split across pieces is still recognised.
    """

    __slots__ = (
        "_after_cr",
        "_bad_utf8",
        "_block_start",
        "_closed",
        "_data",
        "_event_retry",
        "_events",
        "_last_id",
        "_offset",
        "_pending",
        "_problems",
        "_retry",
        "_started",
        "_type",
    )

    def __init__(self) -> None:
        self._offset = 0  # body offset of the first byte not yet split into lines
        self._pending: list[bytes] = []  # an unfinished line (or a BOM's first bytes)
        self._started = False  # the leading BOM has been looked for
        self._after_cr = False  # the last line ended with CR: an LF next is its pair
        self._bad_utf8 = False
        self._closed = False
        self._events: list[SseEvent] = []
        self._problems: list[StreamProblem] = []
        # The spec's buffers: data, event type, last event ID; plus our bookkeeping.
        self._data: list[bytes] = []
        self._type = ""
        self._last_id = ""
        self._retry: int | None = None
        self._event_retry: int | None = None
        self._block_start = -1

    def feed(self, chunk: bytes) -> list[SseEvent]:
        """Take the next piece of the body; return the events it completes."""
        if self._closed:
            raise ValueError("feed() after close()")
        if not self._started:
            chunk = self._take_bom(chunk)
        if chunk and self._after_cr:
            self._after_cr = False
            if chunk[:1] == b"\n":
                chunk = chunk[1:]
                self._offset += 1
        if not chunk:
            return []
        if b"\n" not in chunk and b"\r" not in chunk:
            self._pending.append(chunk)
            return []
        data = b"".join([*self._pending, chunk]) if self._pending else chunk
        self._pending = []
        return self._read_lines(data)

    def close(self) -> SseDecoding:
        """End the body: report (but, per the spec, do not dispatch) an unfinished event."""
        if self._closed:
            raise ValueError("close() called twice")
        self._closed = True
        retry = self._retry  # an unterminated last line is discarded by the spec
        tail = b"".join(self._pending)
        if tail:
            self._check_utf8(tail, self._offset)
            self._read_line(tail, self._offset)
        truncated = self._build_event() if self._data else None
        if truncated is not None:
            self._problem_at(truncated.byte_offset)
        return SseDecoding(tuple(self._events), tuple(self._problems), truncated, retry)

    def _take_bom(self, chunk: bytes) -> bytes:
        head = b"".join([*self._pending, chunk])
        if len(head) < len(_BOM) and _BOM.startswith(head):
            self._pending = [head] if head else []
            return b""
        self._started = True
        self._pending = []
        if head.startswith(_BOM):
            self._offset = len(_BOM)
            return head[len(_BOM) :]
        return head

    def _read_lines(self, data: bytes) -> list[SseEvent]:
        """Read every complete line of ``data``; keep the unfinished rest."""
        if b"\r" in data:
            parts = _LINE_BREAK.split(data)
            lines, breaks = parts[::2], parts[1::2]
        else:  # nearly every recorded stream: ``bytes.split`` is much faster than the regex
            lines = data.split(b"\n")
            breaks = [b"\n"] * (len(lines) - 1)
        tail = lines.pop()
        self._check_utf8(data[: len(data) - len(tail)], self._offset)
        first_new = len(self._events)
        offset = self._offset
        read_line = self._read_line
        for line, line_break in zip(lines, breaks, strict=True):
            if line[:6] == b"data: ":  # most lines of a stream: ``_read_line``'s data field, inlined
                if self._block_start < 0:
                    self._block_start = offset
                self._data.append(line[6:])
            else:
                read_line(line, offset)
            offset += len(line) + len(line_break)
        self._offset = offset
        if tail:
            self._pending.append(tail)
        else:
            self._after_cr = breaks[-1] == b"\r"
        return self._events[first_new:]

    def _read_line(self, line: bytes, offset: int) -> None:
        """Process one line, as in the spec's "process the field" steps."""
        if not line:
            self._dispatch()
            return
        if self._block_start < 0:
            self._block_start = offset
        if line[0] == _COLON:
            return
        name, colon, value = line.partition(b":")
        if colon and value[:1] == b" ":
            value = value[1:]
        if name == b"data":
            self._data.append(value)
        elif name == b"event":
            self._type = _text(value)
        elif name == b"id":
            if b"\x00" not in value:
                self._last_id = _text(value)
        elif name == b"retry" and value.isdigit():  # bytes.isdigit: ASCII digits only
            self._retry = self._event_retry = int(value)

    def _dispatch(self) -> None:
        """A blank line: dispatch the event if its data buffer is not empty."""
        if self._data:
            self._events.append(self._build_event())
        self._data = []
        self._type = ""
        self._event_retry = None
        self._block_start = -1

    def _build_event(self) -> SseEvent:
        # Joining with LF is the spec's "append LF after each value, drop the last LF".
        data = _text(b"\n".join(self._data))
        event_type = self._type or "message"
        return SseEvent(event_type, data, self._last_id, self._event_retry, self._block_start)

    def _check_utf8(self, region: bytes, offset: int) -> None:
        """Report the first bytes that are not UTF-8 (regions end at line breaks)."""
        if self._bad_utf8 or region.isascii():
            return
        try:
            region.decode("utf-8")
        except UnicodeDecodeError as error:
            self._bad_utf8 = True
            message = f"invalid UTF-8 ({error.reason}); replaced with U+FFFD"
            self._problems.append(StreamProblem("invalid-utf8", message, offset + error.start))

    def _problem_at(self, offset: int) -> None:
        self._problems.append(StreamProblem("no-final-newline", _NOT_DISPATCHED, offset))


def _text(value: bytes) -> str:
    return value.decode("utf-8", "replace")
