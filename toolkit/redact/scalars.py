"""Rewrite one YAML scalar in the file's text, touching as little of it as possible.

* Text scalars: where every spelling of the secret that the value holds is written
  verbatim in the scalar's source (plain, quoted or block style, no escape or line fold
  inside it), the source is edited in place, so only the lines holding a secret change.
  Otherwise the scalar is written again, double-quoted on one line (YAML 1.1 section 5.7
  escapes), keeping its tag and anchor.
* Base64 scalars (``!!binary``, Ruby's ``!binary`` and ``base64_string``): when the new
  base64 has the old length, its characters overwrite the old ones one for one, so the
  line breaks and indentation stay; otherwise a block scalar is written again with the old
  indentation and line width.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from toolkit.read.document import NodeSpan

__all__ = ["render_double_quoted", "rewrite_base64", "rewrite_changed", "rewrite_text", "split_prefix"]

#: Characters of context tried on each side of a change to make it unique in the scalar.
MAX_CONTEXT = 48
#: Changes closer than this are edited as one.
_MERGE_GAP = 16

_PROPERTY = re.compile(r"(?:[!&][^\s]*\s+)+")
_BASE64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
# Only the escapes YAML double-quoted scalars and JSON strings share, so that a scalar written
# again is valid in a JSON cassette too (YAML 1.1 section 5.7; RFC 8259 section 7).
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"}


def split_prefix(source: str) -> tuple[str, str]:
    """A node's source as its properties (tag, anchor, and the space after them) and the scalar."""
    found = _PROPERTY.match(source)
    cut = found.end() if found else 0
    return source[:cut], source[cut:]


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code in (0x2028, 0x2029, 0xFEFF):
        return f"\\u{code:04x}"
    return char


def render_double_quoted(value: str) -> str:
    """``value`` as a one-line double-quoted scalar: valid YAML in block and flow context, and JSON."""
    return '"' + "".join(_escape(char) for char in value) + '"'


def rewrite_text(source: str, node: NodeSpan, replacements: Iterable[tuple[str, str]], new_value: str) -> str:
    """The new source of text scalar ``node``: edited in place when possible, else re-rendered."""
    prefix, scalar = split_prefix(source)
    edited = scalar
    for old, new in sorted(set(replacements), key=lambda pair: len(pair[0]), reverse=True):
        count = node.value.count(old)
        if count == 0:
            continue
        if edited.count(old) != count or (node.style == "plain" and new[:1] in "!&*|>'\"%@`#,[]{}?:-"):
            return prefix + render_double_quoted(new_value)
        edited = edited.replace(old, new)
    return prefix + edited


def _changes(old: str, new: str) -> list[tuple[int, int]]:
    """Spans where two equally long strings differ, close spans merged."""
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(old):
        if old[index] == new[index]:
            index += 1
            continue
        end = index
        while end < len(old) and (
            old[end] != new[end] or old[end : end + _MERGE_GAP] != new[end : end + _MERGE_GAP]
        ):
            end += 1
        spans.append((index, end))
        index = end
    return spans


def rewrite_changed(source: str, node: NodeSpan, new_value: str) -> str:
    """The new source of text scalar ``node`` whose value became ``new_value`` (same length).

    Each changed span, widened by context until it is unique in the value and in the
    source, is replaced where the source writes it; a span the source spells otherwise
    (escapes, a line fold) means the scalar is written again.
    """
    prefix, scalar = split_prefix(source)
    old_value = node.value
    if len(old_value) != len(new_value):
        return prefix + render_double_quoted(new_value)
    edits: list[tuple[int, str, str]] = []
    for start, end in _changes(old_value, new_value):
        found = _locate(scalar, old_value, start, end)
        if found is None:
            return prefix + render_double_quoted(new_value)
        at, left, right = found
        edits.append((at, old_value[left:right], new_value[left:right]))
    edits.sort()
    if any(a + len(old) > b for (a, old, _), (b, _, _) in itertools.pairwise(edits)):
        return prefix + render_double_quoted(new_value)
    for at, old, new in reversed(edits):
        scalar = scalar[:at] + new + scalar[at + len(old) :]
    return prefix + scalar


def _locate(scalar: str, old: str, start: int, end: int) -> tuple[int, int, int] | None:
    """Where the changed span ``old[start:end]``, with enough context to be unique, is written."""
    for width in range(MAX_CONTEXT + 1):
        left, right = max(0, start - width), min(len(old), end + width)
        segment = old[left:right]
        if "\n" in segment:
            return None  # a line break in the value is written with indentation or an escape
        if old.count(segment) == 1:
            return (scalar.index(segment), left, right) if scalar.count(segment) == 1 else None
    return None


def rewrite_base64(source: str, node: NodeSpan, new_value: str) -> str:
    """The new source of a base64 scalar whose decoded bytes changed."""
    prefix, scalar = split_prefix(source)
    old_chars = [char for char in node.value if char in _BASE64_CHARS]
    new_chars = [char for char in new_value if char in _BASE64_CHARS]
    if len(old_chars) == len(new_chars) and "\\" not in scalar:
        return prefix + _overwrite(scalar, node, new_chars)
    if node.style == "literal" and "\n" in scalar:
        return prefix + _literal_block(scalar, new_value)
    return prefix + render_double_quoted(new_value)


def _overwrite(scalar: str, node: NodeSpan, new_chars: list[str]) -> str:
    """Each base64 character of the scalar's body replaced by the next new one, layout kept."""
    start = 0
    if node.style in ("literal", "folded"):
        start = scalar.index("\n") + 1 if "\n" in scalar else len(scalar)  # skip "|-" and its line
    elif node.style in ("single", "double"):
        start = 1
    out = list(scalar)
    position = 0
    for index in range(start, len(out)):
        if out[index] in _BASE64_CHARS and position < len(new_chars):
            out[index] = new_chars[position]
            position += 1
    return "".join(out)


def _literal_block(scalar: str, value: str) -> str:
    """A literal block with the old header and indentation, the value's lines as they are."""
    header, _, body = scalar.partition("\n")
    first = next((line for line in body.split("\n") if line.strip()), "")
    indent = first[: len(first) - len(first.lstrip(" "))]
    lines = value[:-1].split("\n") if value.endswith("\n") else value.split("\n")
    return header + "\n" + "".join(f"{indent}{line}\n" for line in lines)
