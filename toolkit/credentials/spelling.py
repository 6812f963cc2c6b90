"""How a value is spelled in the layers that carry it: JSON escapes and percent-encoding.

A token is read in decoded text, but the text a layer holds may spell it otherwise: ``\\/``
or ``\\u002B`` in JSON from PHP, Java or .NET writers (escaped twice in JSON inside a JSON
string), ``%2F`` in a URL, a form body or a cookie. ``decoded_views`` undoes those escapes,
so that a format is found whatever the writer escaped; ``spelled`` matches a known value in
any of its spellings, to say where it is written and to replace it there.
"""

from __future__ import annotations

import functools
import json
import re
import string
from urllib.parse import unquote

__all__ = ["decoded_views", "json_string_spans", "spelled"]

_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
# ``\/`` and ``\u00XX`` for printable ASCII: what JSON writers escape in a token's alphabet
# (``/`` by PHP and Java, ``+`` and ``=`` by .NET, ``<`` ``>`` ``&`` by Go).
_JSON_ESCAPE = re.compile(r"\\(?:/|u00[2-7][0-9A-Fa-f])")
_URL_SAFE = frozenset(string.ascii_letters + string.digits + "-._~")


def _unescape(found: re.Match[str]) -> str:
    escape = found.group()
    return "/" if escape == "\\/" else chr(int(escape[2:], 16))


def decoded_views(text: str) -> list[str]:
    """``text`` with JSON escapes of ASCII undone, and with percent-encoding undone: each view
    that differs from the text. Only searched for token formats, never parsed."""
    views: list[str] = []
    if "\\" in text and _JSON_ESCAPE.search(text) is not None:
        views.append(_JSON_ESCAPE.sub(_unescape, text))
    if "%" in text and _PERCENT.search(text) is not None:
        decoded = unquote(text)
        if decoded != text:
            views.append(decoded)
    return views


def _either_case(hex_digits: str) -> str:
    return "".join(f"[{d.upper()}{d.lower()}]" if d.isalpha() else d for d in hex_digits)


def _char(char: str) -> str:
    """Every spelling of one character: itself, JSON-escaped (once or twice), percent-encoded."""
    options = [re.escape(char)]
    code = ord(char)
    if code < 0x80:
        options.append(r"\\{1,3}u00" + _either_case(f"{code:02x}"))
        if char == "/":
            options.append(r"\\{1,3}/")
        if char not in _URL_SAFE:
            options.append("%" + _either_case(f"{code:02x}"))
        if char == " ":
            options.append(r"\+")
    return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"


@functools.lru_cache(maxsize=256)
def spelled(value: str) -> re.Pattern[str]:
    """A pattern matching ``value`` written as is, JSON-escaped or percent-encoded, or any mix."""
    return re.compile("".join(_char(char) for char in value))


# A JSON string literal (RFC 8259 section 7): quotes, and escapes or any other character.
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_A_KEY = re.compile(r"\s*:")


def _char_spans(literal: str, start: int) -> list[tuple[int, int]]:
    """Where each character of a JSON string's value is written in its literal (quotes excluded):
    an escape is one character (``\\uD83D\\uDE00``, a surrogate pair, is one too)."""
    spans: list[tuple[int, int]] = []
    index, end = 1, len(literal) - 1
    while index < end:
        width = 1
        if literal[index] == "\\":
            width = 6 if literal[index + 1 : index + 2] == "u" else 2
            pair = literal[index + 6 : index + 8] == "\\u"
            if width == 6 and pair and 0xD800 <= int(literal[index + 2 : index + 6], 16) < 0xDC00:
                width = 12
        spans.append((start + index, start + index + width))
        index += width
    return spans


def json_string_spans(text: str, value: str) -> list[list[tuple[int, int]]]:
    """For each JSON string value (not a key) in ``text`` that reads ``value``: where each of
    its characters is written in ``text``."""
    found: list[list[tuple[int, int]]] = []
    for literal in _JSON_STRING.finditer(text):
        if _NOT_A_KEY.match(text, literal.end()) is not None:
            continue
        try:
            decoded = json.loads(literal.group())
        except ValueError:
            continue
        if decoded == value:
            spans = _char_spans(literal.group(), literal.start())
            if len(spans) == len(value):
                found.append(spans)
    return found
