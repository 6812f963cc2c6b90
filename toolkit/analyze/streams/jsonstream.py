"""JSON streams: newline-delimited JSON, JSON text sequences, and JSON arrays.

- NDJSON / JSON Lines (ndjson-spec 1.0, jsonlines.org): one JSON text per
  line, lines ending with LF (CRLF accepted). Blank lines are skipped, as both
  allow; a missing final newline is allowed by JSON Lines and not reported.
- JSON text sequences (RFC 7464, ``application/json-seq``): each record is
  RS (0x1E), a JSON text, LF.
- A JSON array whose elements are the chunks, as Gemini's
  ``streamGenerateContent`` sends without ``alt=sse``. The array may be cut
  off: the complete elements are kept and a ``truncated-json`` problem says so.

Every item keeps the byte offset where its JSON text starts in the body.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from toolkit.analyze.streams.result import ProblemKind, StreamProblem
from toolkit.read.jsonparse import loads

__all__ = ["JsonItem", "JsonStreamDecoding", "decode_json_array", "decode_ndjson"]

_RECORD_SEPARATOR = b"\x1e"
_BOM = b"\xef\xbb\xbf"
_JSON_SPACE = re.compile(r"[ \t\n\r]*")  # RFC 8259 whitespace, nothing more
_DECODER = json.JSONDecoder()
# What may be left where the decoder stops when a valid document was cut off:
# nothing but space, part of a literal, a number's sign, point or exponent
# ("1." leaves "."), or part of a \uXXXX escape. Unterminated strings are
# recognised by the decoder's message instead.
_CUT_REST = re.compile(r"[ \t\n\r]*|t(?:ru?)?|f(?:a(?:ls?)?)?|n(?:ul?)?|-|[.eE][+-]?|u[0-9a-fA-F]{0,4}")


class JsonItem(NamedTuple):
    """One JSON value: parsed, as written, and where it starts in the body."""

    value: object
    text: str
    byte_offset: int


class JsonStreamDecoding(NamedTuple):
    """The values read from one body (only those that parsed), and the problems."""

    items: tuple[JsonItem, ...]
    problems: tuple[StreamProblem, ...]


def decode_ndjson(body: bytes) -> JsonStreamDecoding:
    """Decode NDJSON / JSON Lines, or a JSON text sequence if the body starts with RS."""
    start = len(_BOM) if body.startswith(_BOM) else 0
    separator = _RECORD_SEPARATOR if body.startswith(_RECORD_SEPARATOR, start) else b"\n"
    items: list[JsonItem] = []
    problems: list[StreamProblem] = []
    records = body[start:].split(separator)
    offset = start
    for number, record in enumerate(records):
        may_be_cut = separator == b"\n" and number == len(records) - 1
        item = _read_record(record, offset, may_be_cut, problems)
        if item is not None:
            items.append(item)
        offset += len(record) + len(separator)
    return JsonStreamDecoding(tuple(items), tuple(problems))


def _read_record(
    record: bytes, offset: int, may_be_cut: bool, problems: list[StreamProblem]
) -> JsonItem | None:
    """Parse one line or record; blank ones are skipped."""
    if not record.strip():
        return None
    seen = len(problems)
    text = _text(record, offset, problems)
    try:
        value = loads(text)
    except json.JSONDecodeError as error:
        kind: ProblemKind = "truncated-json" if may_be_cut else "invalid-json"
        at = offset + len(text[: error.pos].encode("utf-8", "surrogateescape"))
        problems.append(StreamProblem(kind, f"not JSON: {error.msg}", at))
        return None
    except RecursionError:
        problems.append(StreamProblem("invalid-json", "JSON nested too deeply", offset))
        return None
    text = text.strip(" \t\r\n")
    if len(problems) > seen:  # bad UTF-8: show U+FFFD, not surrogate escapes
        text = _replaced(text)
        value = loads(text)
    return JsonItem(value, text, offset + _leading_space(record))


def decode_json_array(body: bytes) -> JsonStreamDecoding:
    """Decode a body that is one JSON array, one item per element.

    A body cut off inside the array keeps the elements completed before the
    cut and reports ``truncated-json``; other damage reports ``invalid-json``.
    """
    problems: list[StreamProblem] = []
    start = len(_BOM) if body.startswith(_BOM) else 0
    text = _text(body[start:], start, problems)
    reader = _ArrayReader(body, text, start, problems)
    reader.read()
    return JsonStreamDecoding(tuple(reader.items), tuple(problems))


class _ArrayReader:
    """Walks the top-level array of ``text`` element by element."""

    def __init__(self, body: bytes, text: str, start: int, problems: list[StreamProblem]) -> None:
        self.items: list[JsonItem] = []
        self._body = body
        self._text = text
        self._problems = problems
        self._bytes = _ByteOffsets(text, start)
        self._reparse = any(p.kind == "invalid-utf8" for p in problems)

    def read(self) -> None:
        at = self._skip(0)
        if not self._expect(at, "[", "the body is not a JSON array"):
            return
        at = self._skip(at + 1)
        if self._text.startswith("]", at):
            self._expect_end(at + 1)
            return
        while (at := self._element(at)) >= 0:
            pass

    def _element(self, at: int) -> int:
        """Read the element at ``at`` and the delimiter after it; -1 when done."""
        read = self._value(at)
        if read is None:
            return -1
        value, end = read
        after = self._skip(end)
        if self._text.startswith(",", after):
            self._keep(value, at, end)
            return self._skip(after + 1)
        if self._text.startswith("]", after):
            self._keep(value, at, end)
            self._expect_end(after + 1)
        elif self._is_cut(after):
            # A number that touches the cut ("12" of "123", "1" of "1.5") may be incomplete.
            if not (after == end and self._text[at] in "-0123456789"):
                self._keep(value, at, end)
            self._cut(after)
        else:
            self._keep(value, at, end)
            self._problem("invalid-json", "expected ',' or ']' after an array element", after)
        return -1

    def _value(self, at: int) -> tuple[object, int] | None:
        """The JSON value at ``at`` and where it ends, or None (and a problem)."""
        if at >= len(self._text):
            self._cut(at)
            return None
        try:
            value, end = _DECODER.raw_decode(self._text, at)
            return value, int(end)
        except json.JSONDecodeError as error:
            if error.msg.startswith("Unterminated string") or self._is_cut(error.pos):
                self._cut(error.pos)
            else:
                self._problem("invalid-json", f"not JSON: {error.msg}", error.pos)
        except RecursionError:
            self._problem("invalid-json", "JSON nested too deeply", at)
        return None

    def _keep(self, value: object, at: int, end: int) -> None:
        first, last = self._bytes.at(at), self._bytes.at(end)
        text = self._body[first:last].decode("utf-8", "replace")
        if self._reparse:  # bad UTF-8: U+FFFD in values, not surrogate escapes
            value = loads(text)
        self.items.append(JsonItem(value, text, first))

    def _is_cut(self, at: int) -> bool:
        return _CUT_REST.fullmatch(self._text, at) is not None

    def _expect(self, at: int, token: str, message: str) -> bool:
        if at >= len(self._text):
            self._cut(at)
            return False
        if self._text.startswith(token, at):
            return True
        self._problem("invalid-json", message, at)
        return False

    def _expect_end(self, at: int) -> None:
        at = self._skip(at)
        if at < len(self._text):
            self._problem("invalid-json", "data after the end of the array", at)

    def _cut(self, at: int) -> None:
        message = f"the array is cut off; {len(self.items)} complete elements kept"
        self._problem("truncated-json", message, at)

    def _problem(self, kind: ProblemKind, message: str, at: int) -> None:
        self._problems.append(StreamProblem(kind, message, self._bytes.at(at)))

    def _skip(self, at: int) -> int:
        match = _JSON_SPACE.match(self._text, at)
        return match.end() if match else at


class _ByteOffsets:
    """Maps increasing character offsets of ``text`` to byte offsets in the body."""

    def __init__(self, text: str, start: int) -> None:
        self._text = text
        self._ascii = text.isascii()
        self._start = start
        self._char = 0
        self._byte = start

    def at(self, char: int) -> int:
        if self._ascii:
            return self._start + char
        if char < self._char:  # rare: a problem found behind the last item
            return self._start + len(self._text[:char].encode("utf-8", "surrogateescape"))
        self._byte += len(self._text[self._char : char].encode("utf-8", "surrogateescape"))
        self._char = char
        return self._byte


def _text(raw: bytes, offset: int, problems: list[StreamProblem]) -> str:
    """``raw`` as text; bad UTF-8 is reported and kept as surrogate escapes,
    so that character offsets still map back to byte offsets."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        message = f"invalid UTF-8 ({error.reason})"
        problems.append(StreamProblem("invalid-utf8", message, offset + error.start))
        return raw.decode("utf-8", "surrogateescape")


def _replaced(text: str) -> str:
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _leading_space(record: bytes) -> int:
    return len(record) - len(record.lstrip(b" \t\r\n"))
