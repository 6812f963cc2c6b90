"""Text from files and file names, made safe for the place it is written to.

Cassette content and file names are anyone's: a model name may carry a terminal escape
sequence (ECMA-48: ESC, CSI and OSC sequences clear the screen, retitle the window or write
hyperlinks), a file name a newline (a line of its own, which a CI runner may read as a
command: GitHub's ``::error file=...``), and a name that is not UTF-8 reaches Python as lone
surrogates (PEP 383), which no UTF-8 writer accepts. Each sink escapes what it must:

- ``encodable``: text any UTF-8 writer accepts (data frames, Parquet, JSON);
- ``printable``: one line for a terminal or a log (control characters shown as escapes);
- ``printable_block``: the same for many lines (newlines and tabs kept).
"""

from __future__ import annotations

import re

__all__ = ["encodable", "printable", "printable_block"]

#: C0 controls, DEL, C1 controls (CSI is also U+009B), lone surrogates, and the Unicode
#: bidirectional overrides and isolates (text that reads otherwise than it is stored).
_UNSAFE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_UNSAFE_BLOCK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """``text`` with each lone surrogate written as an escape: a file name's undecodable byte
    as ``\\xff``, any other as ``\\udxxx``. Unchanged (the same object) when already encodable."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(_escape_surrogate, text)


def printable(text: str) -> str:
    """``text`` as one line that a terminal shows as it is stored: every control character
    (newline included), lone surrogate and bidirectional override written as an escape."""
    if _UNSAFE_LINE.search(text) is None:
        return text
    return _UNSAFE_LINE.sub(_escape, text)


def printable_block(text: str) -> str:
    """``printable`` for text of many lines: newlines and tabs kept, a carriage return shown."""
    if _UNSAFE_BLOCK.search(text) is None:
        return text
    return _UNSAFE_BLOCK.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if "\ud800" <= character <= "\udfff":
        return _escape_surrogate(match)
    code = ord(character)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    # PEP 383: U+DC80..U+DCFF stand for the bytes 0x80..0xFF a file name could not decode
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"
