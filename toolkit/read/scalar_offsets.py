"""Where each character of a YAML scalar's value is written in the file's text.

A finding inside a value (a secret in a body) is reported at the value's own line and column,
not at the line where its scalar starts. The value is the scalar once YAML has undone its
style, so the way back is style by style (YAML 1.2 sections 6.5 and 7 for flow scalars, 8.1
for block scalars):

- plain, single- and double-quoted scalars fold lines: a line break between two lines reads
  as a space, each empty line as a line break, and the white space around breaks is dropped;
  single quotes double a quote (``''``); double quotes have escapes, and an escaped line break
  (``\\`` at the end of a line) reads as nothing;
- literal (``|``) and folded (``>``) scalars drop their indentation; folded ones also read a
  line break between two lines of text as a space.

``read_scalar`` reads the scalar written at an offset (a node's position) again while it maps
it; whoever looks for a value in it can only find it if the reading was right.
"""

from __future__ import annotations

import bisect
import re

from toolkit.model import Position

__all__ = ["LineIndex", "read_scalar"]

_PROPERTIES = re.compile(r"(?:[!&][^\s]*\s+)+")
_BLOCK_HEADER = re.compile(r"[|>]([0-9+-]*)[ \t]*(?:#[^\n]*)?\r?\n")
_WHITE = " \t"
_BREAKS = "\r\n"
# YAML 1.2 section 5.7: one-character escapes of double-quoted scalars.
_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_HEX_WIDTH = {"x": 2, "u": 4, "U": 8}


class _Rebuilt:
    """The value rebuilt character by character, with where each character is written."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []

    def add(self, text: str, offset: int) -> None:
        """Characters read from one place (an escape, a folded line break)."""
        for char in text:
            self.chars.append(char)
            self.offsets.append(offset)

    def copy(self, text: str, start: int, end: int) -> None:
        """Characters written as they read, ``text[start:end]``."""
        self.chars.extend(text[start:end])
        self.offsets.extend(range(start, end))

    @property
    def value(self) -> str:
        return "".join(self.chars)


def _break_width(text: str, index: int) -> int:
    return 2 if text.startswith("\r\n", index) else 1


def _fold(text: str, index: int, out: _Rebuilt) -> int:
    """A line break in a flow scalar and the empty lines after it; the index after them."""
    offset, breaks = index, 0
    while index < len(text) and text[index] in _BREAKS:
        breaks += 1
        index += _break_width(text, index)
        while index < len(text) and text[index] in _WHITE:
            index += 1
    out.add(" " if breaks == 1 else "\n" * (breaks - 1), offset)
    return index


def _escape(text: str, index: int, out: _Rebuilt) -> int:
    """A double-quoted escape at ``index`` (its backslash); the index after it."""
    code = text[index + 1 : index + 2]
    if code in _BREAKS:  # an escaped line break: nothing, nor the indentation after it
        index += 1 + _break_width(text, index + 1)
        while index < len(text) and text[index] in _WHITE:
            index += 1
        return index
    width = _HEX_WIDTH.get(code)
    if width is not None:
        out.add(chr(int(text[index + 2 : index + 2 + width], 16)), index)
        return index + 2 + width
    out.add(_ESCAPES[code], index)
    return index + 2


def _flow(text: str, start: int, end: int, style: str) -> _Rebuilt:
    out = _Rebuilt()
    index = start
    while index < end:
        char = text[index]
        if style == "single" and char == "'":
            out.add("'", index)
            index += 2
        elif style == "double" and char == "\\":
            index = _escape(text, index, out)
        elif char in _WHITE:
            run = index
            while run < end and text[run] in _WHITE:
                run += 1
            if run < end and text[run] in _BREAKS:
                index = run  # white space before a line break is not part of the value
            else:
                out.copy(text, index, run)
                index = run
        elif char in _BREAKS:
            index = _fold(text, index, out)
        else:
            out.add(char, index)
            index += 1
    return out


def _indentation(text: str, line_start: int) -> int:
    index = line_start
    while index < len(text) and text[index] == " ":
        index += 1
    return index - line_start


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text[start:end]``, line breaks excluded."""
    lines: list[tuple[int, int]] = []
    index = start
    while index < end:
        stop = text.find("\n", index, end)
        stop = end if stop < 0 else stop
        lines.append((index, stop - 1 if stop > index and text[stop - 1] == "\r" else stop))
        index = stop + 1
    return lines


def _block(text: str, start: int, line_start: int) -> _Rebuilt | None:
    header = _BLOCK_HEADER.match(text, start)
    if header is None:
        return None
    digits = "".join(char for char in header.group(1) if char.isdigit())
    indent = _indentation(text, line_start) + int(digits) if digits else _content_indent(text, header.end())
    if indent <= _indentation(text, line_start) and not digits:
        return _Rebuilt()  # no content line: an empty value
    lines = _lines(text, header.end(), _block_end(text, header.end(), indent))
    out = _Rebuilt()
    dropped: set[int] = set()
    last_text: int | None = None  # where the break after the last unindented line of text is
    empty_since = False
    for first, last in lines:
        body = first + indent
        if body >= last or not text[first:last].strip():
            out.add("\n", min(body, last))
            empty_since = True
            continue
        more = text[body] in _WHITE
        if text[start] == ">" and last_text is not None and not more:
            # Folding (section 8.1.3): the break between two lines of text reads as a space, or
            # as nothing when empty lines (each a line break) come between them.
            if empty_since:
                dropped.add(last_text)
            else:
                out.chars[last_text] = " "
        out.copy(text, body, last)
        out.add("\n", last)
        last_text = None if more else len(out.chars) - 1
        empty_since = False
    if dropped:
        keep = [i for i in range(len(out.chars)) if i not in dropped]
        out.chars = [out.chars[i] for i in keep]
        out.offsets = [out.offsets[i] for i in keep]
    return _chomped(out, header.group(1))


def _chomped(out: _Rebuilt, indicators: str) -> _Rebuilt:
    """Final line breaks (section 8.1.1.2): stripped (``-``), kept (``+``), else one kept."""
    if "+" in indicators:
        return out
    size = len("".join(out.chars).rstrip("\n"))
    size += 1 if "-" not in indicators and size < len(out.chars) else 0
    out.chars, out.offsets = out.chars[:size], out.offsets[:size]
    return out


def _content_indent(text: str, index: int) -> int:
    """The indentation of the first line with text from ``index`` on (section 8.1.1.1)."""
    for first, last in _lines(text, index, len(text)):
        if text[first:last].strip():
            return _indentation(text, first)
    return 0


def _block_end(text: str, index: int, indent: int) -> int:
    """Where a block scalar whose content is indented ``indent`` ends: at the first line with
    text that is indented less."""
    for first, last in _lines(text, index, len(text)):
        if text[first:last].strip() and _indentation(text, first) < indent:
            return first
    return len(text)


def _quoted_end(text: str, start: int, quote: str) -> int:
    index = start + 1
    while index < len(text):
        doubled = quote == "'" and text.startswith("''", index)
        if doubled or (quote == '"' and text[index] == "\\"):
            index += 2
        elif text[index] == quote:
            return index + 1
        else:
            index += 1
    return len(text)


def _plain_end(text: str, start: int, line_start: int) -> int:
    """A plain scalar ends at a comment, or before the next line that is not indented more than
    the line it starts on (its continuation lines are)."""
    parent = _indentation(text, line_start)
    end = start
    for first, last in _lines(text, start, len(text)):
        body = text[first:last].strip()
        if first > start and body and (_indentation(text, first) <= parent or body.startswith("#")):
            break
        comment = text.find(" #", first, last)
        end = comment if comment >= 0 else last
        if comment >= 0:
            break
    return end


def read_scalar(text: str, start: int) -> tuple[str, list[int]] | None:
    """The value of the scalar written from ``text[start]`` on (its tag and anchor first, if
    any), and for each of its characters the offset in ``text`` it is read from."""
    properties = _PROPERTIES.match(text, start)
    if properties is not None:
        start = properties.end()
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[start : start + 1]
    if lead in ("|", ">"):
        rebuilt = _block(text, start, line_start)
    elif lead in ("'", '"'):
        style = "single" if lead == "'" else "double"
        rebuilt = _flow(text, start + 1, _quoted_end(text, start, lead) - 1, style)
    else:
        rebuilt = _flow(text, start, _plain_end(text, start, line_start), "plain")
    return None if rebuilt is None else (rebuilt.value, rebuilt.offsets)


class LineIndex:
    """Line and column of an offset in a text, and the offset of a line and column, both 1-based."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [found.end() for found in re.finditer("\n", text)]

    def offset(self, position: Position) -> int:
        line = min(max(position.line, 1), len(self.starts))
        return self.starts[line - 1] + position.column - 1

    def position(self, offset: int) -> Position:
        line = bisect.bisect_right(self.starts, offset)
        return Position(line, offset - self.starts[line - 1] + 1)
