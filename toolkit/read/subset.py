"""A reader for the block YAML that recorders write, faster than composing it with libyaml.

``read_subset(data)`` returns exactly the ``Document`` that ``read_libyaml_document`` returns
(same values and types, same ``YamlMap`` / ``YamlSeq`` positions, same duplicate keys) or
None when the bytes are outside the subset it reads; ``read_document`` then reads them with
libyaml, which stays the reference. It never raises: a file with any kind of YAML error is
outside the subset, so every error message and position still comes from libyaml.

How: one ``re.findall`` cuts the text into lines (a block scalar, or a quoted scalar over
several lines, with the line it starts on), each with its indentation, ``- ``, ``key:``, tag
and value already told apart by the regular expression engine in C; one Python loop then
builds the collections with a stack of the open ones. Plain scalars are resolved and built
by ``toolkit.read.document`` (``resolve_plain``, ``build_scalar``), so a scalar means the
same on both paths by construction; positions, folding and chomping follow libyaml
(YAML 1.1, sections 5-9: indentation, line folding, block scalar headers and chomping).

The subset: UTF-8 without a byte order mark, ``\\r``, NEL, LS, PS or other control characters;
one document, with an optional ``---`` line and ``...`` end; block mappings with plain keys;
block sequences (indentless ones too) and ``- key: value``; plain scalars (also over several
lines), single- and double-quoted scalars (also over several lines), literal and folded block
scalars with any chomping; empty ``[]`` and ``{}``; the tags ``read_document`` accepts on
scalars. Outside it (None): comments, quoted and complex (``? ``) keys, anchors and aliases,
other flow collections, tags on collections, indentation indicators (``|2``), ``- - x``, tabs
in the structure, nesting deeper than ``MAX_DEPTH``, a file not ending in a line break, files
over ``MAX_BYTES``.

Safety: only ``str``, ``int``, ``float``, ``bool``, ``None`` and ``bytes`` are built, by the
handlers ``read_document`` uses; anchors and aliases are never read, so alias expansion and
its limit stay with libyaml, and so do refused tags (CT003). Every regular expression runs in
linear time (possessive or bounded repetitions; ``tests/read/test_subset.py`` times the worst
cases).
"""

from __future__ import annotations

import json
import re
from typing import Any

from toolkit.read.document import (
    Document,
    DocumentError,
    DuplicateKey,
    Position,
    YamlMap,
    YamlSeq,
    build_scalar,
    implicit_first_characters,
    resolve_plain,
    without_cyclic_collection,
)
from toolkit.read.limits import MAX_NODES

__all__ = ["MAX_BYTES", "MAX_DEPTH", "NODES_PER_LINE", "read_subset"]

#: Documents nested deeper are left to libyaml (whose recursion limit decides).
MAX_DEPTH = 64
#: Larger files are left to libyaml: the lines cut here are held at once, a few times the text.
MAX_BYTES = 64 * 1024 * 1024


class _DeclineError(Exception):
    """Outside the subset: libyaml reads the file."""


# Bytes libyaml reads as they are: tab, line feed, printable ASCII and any UTF-8 byte (the
# code points it refuses or counts as line breaks are looked for after decoding).
_TEXT_BYTES = bytes([9, 10, *range(0x20, 0x7F), *range(0x80, 0x100)])
_NOT_TEXT = ("\x85", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff")
_C1 = re.compile("[\x80-\x9f]")

# One line (or a scalar over several lines) and the blank lines after it. Every alternative
# ends at a line break, so the matches tile the text (checked at the end).
_LINE = re.compile(
    r"""
    ([ ]*+)                                             # 1 indentation
    (-[ ]+|-(?=\n))?                                    # 2 a sequence entry
    (?:([^\s\-?:,\[\]{}\#&*!|>'"%@`][^\n\t:\#]{0,999}?) # 3 a plain key
       (:[ ]+|:(?=\n)))?                                #   4 ':' and the spaces after it
    (?:(!!?[A-Za-z0-9/:._\-]+)[ ]+)?                    # 5 a tag
    (?:([|>][+\-]?)[ ]*\n                               # 6 a block scalar header
         ((?:[ ]*\n)*([ ]+)[^\n]*\n(?:\8[^\n]*+\n|[ ]*+\n)*+)?  # 7 its lines, 8 the first one's indentation
      |('[^']*(?:''[^']*)*')[ ]*\n                      # 9 single-quoted (also over several lines)
      |("[^"\\]*(?:\\[\s\S][^"\\]*)*")[ ]*\n            # 10 double-quoted (also over several lines)
      |([^\n]*+)\n                                      # 11 the rest of the line
    )
    ((?:[ ]*+\n)*+)                                     # 12 blank lines
    """,
    re.X,
)
_LEADING = re.compile(r"(?:[ ]*+(?:#[^\n]*+)?\n)*+")
_LEADING_BLANKS = re.compile(r"(?:[ ]*\n)*")
_DOCUMENT_MARK = re.compile(r"\n(?:---|\.\.\.)(?=[ \t\n]|$)")
_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@` \t")

_STR = "tag:yaml.org,2002:str"
#: The first characters of plain scalars that an implicit tag may resolve (``true``, ``12``, ``~``).
_RESOLVED_FIRST = implicit_first_characters()
_TAG_PREFIX = "tag:yaml.org,2002:"
_MISSING: Any = object()
# Short plain scalars recur (status codes, header names, ``false``): their values are kept.
# Floats are not (``nan != nan`` would change which keys are duplicates), nor mutable values.
_CACHEABLE = frozenset({str, int, bool, type(None)})
_PLAIN: dict[str, Any] = {}
_PLAIN_LIMIT = 20_000
_SHORT = 48

# libyaml's escapes (YAML 1.1, 5.7); JSON's subset of them is undone by the C JSON decoder.
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}  # fmt: skip
# An escape JSON does not share with libyaml ("\/", which libyaml refuses here), or a surrogate.
_NOT_JSON_ESCAPE = re.compile(r"\\(?:[^\"\\nrtbfu]|u[dD][89a-fA-F])")
_json_string = json.JSONDecoder(strict=False).decode
_DEDENT: dict[int, re.Pattern[str]] = {}
_TAB_IN_INDENT: dict[int, re.Pattern[str]] = {}
_new = tuple.__new__  # a Position without NamedTuple's keyword-parsing __new__


#: The subset reader builds at most this many nodes per line: a file with more lines than
#: ``MAX_NODES`` allows at that rate is left to libyaml, which counts its nodes exactly.
NODES_PER_LINE = 3


def read_subset(data: bytes) -> Document | None:
    """The positioned document of ``data``, or None when it is outside the subset."""
    if data.count(b"\n") * NODES_PER_LINE > MAX_NODES:
        return None
    text = _text(data)
    if text is None:
        return None
    try:
        with without_cyclic_collection():
            return _read(text)._replace(text=data)
    except (_DeclineError, DocumentError, RecursionError):
        return None
    except (IndexError, KeyError, ValueError, TypeError, AttributeError):
        return None  # a shape the loop did not foresee: libyaml decides, never a guess


def _text(data: bytes) -> str | None:
    """The text of ``data`` when libyaml would read it character for character, with ``\\n``
    lines only (so lines and columns are counted the same way), else None."""
    if not data or len(data) > MAX_BYTES or data.startswith(b"\xef\xbb\xbf"):
        return None
    if data.translate(None, _TEXT_BYTES) or data[:1] in b"{[%" or not data.endswith(b"\n"):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not data.isascii():
        if any(c in text for c in _NOT_TEXT):
            return None
        if b"\xc2" in data and _C1.search(text):
            return None
    return text


def _read(text: str) -> Document:  # noqa: PLR0912, PLR0915 (one loop over every line: its speed is the point)
    start = _LEADING.match(text).end()  # type: ignore[union-attr]
    if text.startswith("---", start):
        if text[start + 3 : start + 4] != "\n":
            raise _DeclineError
        start = _LEADING.match(text, start + 4).end()  # type: ignore[union-attr]
    if start >= len(text):
        raise _DeclineError  # an empty document
    line = text.count("\n", 0, start)  # 0-based line of the current match

    cache = _PLAIN
    missing = _MISSING
    new = _new
    position_type = Position
    not_plain_start = _NOT_PLAIN_START
    resolved_first = _RESOLVED_FIRST
    duplicates: list[DuplicateKey] = []
    # The open collections, innermost last: [is_map, column, container, positions, indentless].
    stack: list[list[Any]] = []
    is_map = True
    column = -1  # of the innermost open collection (-1: none)
    container: Any = None
    positions: Any = None
    indentless = False
    root: Any = missing
    ended = False
    # An entry whose value is on the next lines: (its collection's frame, slot, where it is if empty).
    pending: Any = None
    # A plain scalar the next lines may continue: its collection, slot, lines, and the column
    # of its collection (deeper lines continue it).
    open_container: Any = None
    open_slot: Any = None
    open_parts: list[str] = []
    open_column = 0
    last_gap = ""

    for parts in _LINE.findall(text, start):
        indent, dash, raw_key, colon, tag, header, _, _, single, double, rest, gap = parts
        i = len(indent)
        if open_container is not None:
            if i > open_column:
                # -- a plain scalar continued on this line ------------------------------------
                if dash or raw_key or tag or header or single or double or rest[0] == "#":
                    raise _DeclineError
                if ": " in rest or " #" in rest or "\t" in rest or rest[-1] == ":":
                    raise _DeclineError
                open_parts.append("\n" * last_gap.count("\n") if last_gap else " ")
                open_parts.append(rest.rstrip(" "))
                line += 1
                if gap:
                    line += gap.count("\n")
                last_gap = gap
                continue
            if len(open_parts) > 1:
                open_container[open_slot] = _plain_value("".join(open_parts))
            open_container = None
        if not indent and rest[:3] == "..." and rest.rstrip(" ") == "..." and not (dash or raw_key or tag):
            # -- the document end marker ------------------------------------------------------
            if pending is not None:
                _set_empty(pending)
                pending = None
            ended = True
            line += 1 + (gap.count("\n") if gap else 0)
            continue
        if ended:
            raise _DeclineError
        at_line = line + 1
        if pending is not None and (i > pending[0][1] or (i == pending[0][1] and dash and pending[0][0])):
            # -- the value of the entry above starts on this line ---------------------------------
            frame, slot, _ = pending
            pending = None
            parent = frame[1]
            if dash:
                node: Any = YamlSeq(new(position_type, (at_line, i + 1)))
                indentless = i == parent
                is_map, column, container, positions = False, i, node, node.item_positions
                stack.append([False, i, node, positions, indentless])
            elif raw_key:
                node = YamlMap(new(position_type, (at_line, i + 1)))
                is_map, column, container, positions, indentless = True, i, node, node.value_positions, False
                stack.append([True, i, node, positions, False])
            else:
                # a scalar on the line below its key or '-'
                value, inner, plain = _scalar(parts, parent)
                if plain is None and rest == "" and not (header or single or double):
                    raise _DeclineError
                where = new(position_type, (at_line, i + 1))
                if plain is None and (value.__class__ is YamlSeq or value.__class__ is YamlMap):
                    value.position = where
                frame[2][slot] = value
                frame[3][slot] = where
                if plain is not None:
                    open_container, open_slot, open_parts, open_column = frame[2], slot, [plain], parent
                line += 1 + inner
                if gap:
                    line += gap.count("\n")
                last_gap = gap
                continue
            if len(stack) > MAX_DEPTH:
                raise _DeclineError
            frame[2][slot] = node
            frame[3][slot] = node.position
        else:
            if pending is not None:
                _set_empty(pending)
                pending = None
            if column != i or (indentless and not dash):
                # -- close the collections this line is left of -----------------------------------
                while stack and (column > i or (column == i and indentless and not dash)):
                    stack.pop()
                    if stack:
                        is_map, column, container, positions, indentless = stack[-1]
                    else:
                        column = -1
                if not stack:
                    if root is not missing:
                        raise _DeclineError  # something after the root
                    # -- the root starts here ---------------------------------------------------
                    if dash:
                        root = YamlSeq(new(position_type, (at_line, i + 1)))
                        is_map, container, positions = False, root, root.item_positions
                    elif raw_key:
                        root = YamlMap(new(position_type, (at_line, i + 1)))
                        is_map, container, positions = True, root, root.value_positions
                    else:
                        raise _DeclineError  # a scalar document
                    column, indentless = i, False
                    stack.append([is_map, i, root, positions, False])
                elif column != i:
                    raise _DeclineError
        if not is_map:
            # -- an item of the open sequence -------------------------------------------------------
            if not dash:
                raise _DeclineError
            c = i + len(dash)
            if raw_key:
                # "- key: value": a mapping in the item; its first entry follows below
                node = YamlMap(new(position_type, (at_line, c + 1)))
                container.append(node)
                positions.append(node.position)
                i = c
                is_map, column, container, positions, indentless = True, c, node, node.value_positions, False
                stack.append([True, c, node, positions, False])
                if len(stack) > MAX_DEPTH:
                    raise _DeclineError
            else:
                index = len(container)
                if (
                    rest
                    and not tag
                    and not (
                        rest[0] in not_plain_start
                        or ": " in rest
                        or " #" in rest
                        or "\t" in rest
                        or rest[-1] in ": "
                    )
                ):
                    if rest[0] in resolved_first:
                        value = cache.get(rest, missing)
                        if value is missing:
                            value = _plain_value(rest)
                    else:
                        value = rest  # no implicit tag starts with this character: a string
                    container.append(value)
                    positions.append(new(position_type, (at_line, c + 1)))
                    open_container, open_slot, open_parts, open_column = container, index, [rest], i
                    line += 1
                elif not (rest or single or double or header or tag):
                    container.append(None)
                    positions.append(None)
                    pending = (stack[-1], index, new(position_type, (at_line, i + 2)))  # empty: after '-'
                    line += 1
                else:
                    value, inner, plain = _scalar(parts, i)
                    where = new(position_type, (at_line, c + 1))
                    if plain is None and (value.__class__ is YamlSeq or value.__class__ is YamlMap):
                        value.position = where
                    container.append(value)
                    positions.append(where)
                    if plain is not None:
                        open_container, open_slot, open_parts, open_column = container, index, [plain], i
                    line += 1 + inner
                if gap:
                    line += gap.count("\n")
                last_gap = gap
                continue
        elif dash or not raw_key:
            raise _DeclineError
        # -- "key: value" in the open mapping (the key at column i) -----------------------------------
        c = i + len(raw_key) + len(colon)
        if raw_key[-1] == " ":
            raw_key = raw_key.rstrip(" ")
        if raw_key[0] in resolved_first:
            k = cache.get(raw_key, missing)
            if k is missing:
                k = _plain_value(raw_key)
        else:
            k = raw_key
        if k in container:
            duplicates.append(DuplicateKey(str(k), new(position_type, (at_line, i + 1))))
        if rest and not tag:
            where = new(position_type, (at_line, c + 1))
            if rest[0] in not_plain_start or ": " in rest or " #" in rest or "\t" in rest or rest[-1] in ": ":
                value, _, plain = _scalar(parts, i)
                if plain is None and (value.__class__ is YamlSeq or value.__class__ is YamlMap):
                    value.position = where
                if plain is not None:
                    open_container, open_slot, open_parts, open_column = container, k, [plain], i
            elif rest[0] in resolved_first:
                value = cache.get(rest, missing)
                if value is missing:
                    value = _plain_value(rest)
                open_container, open_slot, open_parts, open_column = container, k, [rest], i
            else:
                value = rest  # no implicit tag starts with this character: a string
                open_container, open_slot, open_parts, open_column = container, k, [rest], i
            container[k] = value
            positions[k] = where
            line += 1
        elif single and not tag and "\n" not in single:
            value = single[1:-1]
            if "''" in value:
                value = value.replace("''", "'")
            container[k] = value
            positions[k] = new(position_type, (at_line, c + 1))
            line += 1
        elif not (rest or single or double or header or tag):
            container[k] = None
            positions[k] = None
            pending = (stack[-1], k, new(position_type, (at_line, c - len(colon) + 2)))  # empty: after ':'
            line += 1
        else:
            value, inner, plain = _scalar(parts, i)
            where = new(position_type, (at_line, c + 1))
            if plain is None and (value.__class__ is YamlSeq or value.__class__ is YamlMap):
                value.position = where
            container[k] = value
            positions[k] = where
            if plain is not None:
                open_container, open_slot, open_parts, open_column = container, k, [plain], i
            line += 1 + inner
        if gap:
            line += gap.count("\n")
        last_gap = gap

    if open_container is not None and len(open_parts) > 1:
        open_container[open_slot] = _plain_value("".join(open_parts))
    if pending is not None:
        _set_empty(pending)
    if root is missing:
        raise _DeclineError
    if line != text.count("\n"):
        raise _DeclineError  # the matches did not tile the text: a bug, never a guess
    return Document(root=root, duplicate_keys=tuple(duplicates))


def _set_empty(pending: tuple[list[Any], Any, Position]) -> None:
    """An entry with nothing after its ``:`` or ``-``: null, positioned just after it."""
    frame, slot, where = pending
    frame[2][slot] = None
    frame[3][slot] = where


def _scalar(parts: tuple[str, ...], parent: int) -> tuple[Any, int, str | None]:
    """A value from a line's parts: (value, line breaks inside it, its text when it is a plain
    scalar the next lines may continue, else None). ``parent``: its collection's column."""
    _, _, _, _, tag, header, block, block_indent, single, double, rest, _ = parts
    inner = 0
    plain = None
    if header:
        value: Any = _block_scalar(header, block, block_indent, parent)
        inner = block.count("\n")
    elif single:
        raw = single[1:-1]
        if "\n" in raw:
            inner = raw.count("\n")
            raw = _fold_quoted(raw, double=False)
        value = raw.replace("''", "'") if "''" in raw else raw
    elif double:
        raw = double[1:-1]
        if "\n" in raw:
            inner = raw.count("\n")
            raw = _fold_quoted(raw, double=True)
        value = _unescaped(raw)
    else:
        value, plain = _plain_or_empty(rest, tag)
        if value.__class__ is YamlSeq or value.__class__ is YamlMap:
            return value, 0, None
    if tag:
        value = _tagged(tag, value)
    return value, inner, plain


def _plain_or_empty(rest: str, tag: str) -> tuple[Any, str | None]:
    """A plain scalar (and its text, when the next lines may continue it), or an empty ``[]`` / ``{}``."""
    if not rest:
        raise _DeclineError  # a tag and nothing after it
    if rest[-1] == " ":
        rest = rest.rstrip(" ")
    first = rest[0]
    if first in _NOT_PLAIN_START:
        if rest == "[]" and not tag:
            return YamlSeq(Position(0, 0)), None  # the caller sets the position
        if rest == "{}" and not tag:
            return YamlMap(Position(0, 0)), None
        if not (first in "-?:" and len(rest) > 1 and rest[1] not in " \t"):
            raise _DeclineError
    if ": " in rest or " #" in rest or "\t" in rest or rest[-1] == ":":
        raise _DeclineError
    if tag:
        return rest, None  # a tagged plain scalar is not continued on the next lines
    value = _PLAIN.get(rest, _MISSING)
    if value is _MISSING:
        value = _plain_value(rest)
    return value, rest


def _tagged(tag: str, text: Any) -> Any:
    """A scalar's value under its tag (``!!binary`` and the like), built by ``read_document``'s handlers."""
    if "!" in tag[2:]:
        raise _DeclineError
    full = _TAG_PREFIX + tag[2:] if tag[1] == "!" else tag
    return text if full == _STR else build_scalar(full, text)  # a refused tag declines (CT003)


def _plain_value(raw: str) -> Any:
    """A plain scalar's value, resolved and built as ``read_document`` does."""
    tag = resolve_plain(raw)
    value: Any = raw if tag == _STR else build_scalar(tag, raw)
    if len(raw) <= _SHORT and value.__class__ in _CACHEABLE:
        if len(_PLAIN) > _PLAIN_LIMIT:
            _PLAIN.clear()
        _PLAIN[raw] = value
    return value


def _block_scalar(header: str, block: str, block_indent: str, parent: int) -> str:
    """A literal or folded block scalar: its lines less the first one's indentation, folded
    for ``>``, chomped as its header says (YAML 1.1, 9.1: strip ``-``, clip, keep ``+``)."""
    if not block:
        raise _DeclineError  # an empty block scalar
    indent = len(block_indent)
    if indent <= parent:
        raise _DeclineError  # libyaml would want more indentation than the first line has
    if not block.startswith(block_indent):
        # leading blank lines: one wider than the first line would set the indentation
        head = block[: _LEADING_BLANKS.match(block).end()]  # type: ignore[union-attr]
        if any(len(blank) > indent for blank in head.split("\n")):
            raise _DeclineError
    if "\t" in block and _tab_in_indent(indent).search(block):
        raise _DeclineError  # a tab where libyaml expects indentation
    dedent = _DEDENT.get(indent)
    if dedent is None:
        dedent = _DEDENT[indent] = re.compile(rf"\n {{1,{indent}}}")
    body = dedent.sub("\n", "\n" + block)[1:]  # blank lines lose all their spaces
    if header[0] == ">":
        body = _fold_block(body)
    chomp = header[1:]
    if chomp == "+":
        return body
    stripped = body.rstrip("\n")
    if chomp == "-":
        return stripped
    return stripped + "\n" if stripped else ""


def _tab_in_indent(indent: int) -> re.Pattern[str]:
    pattern = _TAB_IN_INDENT.get(indent)
    if pattern is None:
        pattern = _TAB_IN_INDENT[indent] = re.compile(rf"(?:^|\n) {{0,{indent - 1}}}\t")
    return pattern


def _fold_block(body: str) -> str:
    """A ``>`` scalar's dedented lines folded as libyaml folds them, every trailing break kept.

    A break between two lines that start with no space becomes a space (or goes, when empty
    lines follow it); the breaks around a more-indented line stay.
    """
    lines = body.split("\n")
    lines.pop()  # the body ends with a break
    out: list[str] = []
    leading_break = ""
    trailing = 0
    leading_blank = False
    for text in lines:
        if not text:
            trailing += 1
            continue
        blank = text[0] == " " or text[0] == "\t"
        if leading_break and not leading_blank and not blank:
            if not trailing:
                out.append(" ")
        else:
            out.append(leading_break)
        out.append("\n" * trailing)
        trailing = 0
        leading_blank = blank
        out.append(text)
        leading_break = "\n"
    out.append(leading_break)
    out.append("\n" * trailing)
    return "".join(out)


def _fold_quoted(raw: str, *, double: bool) -> str:
    """The line breaks of a quoted scalar over several lines folded as libyaml folds them
    (escapes still raw): a break becomes a space, or n breaks when n empty lines follow it;
    spaces around a break go; in double quotes a backslash before the break joins the lines
    with nothing, and an escaped space or tab at a line's end stays."""
    if _DOCUMENT_MARK.search(raw) or "\t" in raw:
        raise _DeclineError
    lines = raw.split("\n")
    last = len(lines) - 1
    out: list[str] = []
    breaks = 0
    joined_escaped = False
    for number, text in enumerate(lines):
        current = text.lstrip(" \t") if number else text
        escaped = False
        if number < last:
            if double and _odd_backslashes(current):
                current, escaped = current[:-1], True
            else:
                stripped = current.rstrip(" \t")
                if double and len(stripped) < len(current) and _odd_backslashes(stripped):
                    stripped = current[: len(stripped) + 1]
                current = stripped
            if number and not current and not escaped:
                breaks += 1
                continue
        if number:
            out.append("\n" * breaks if joined_escaped or breaks else " ")
        out.append(current)
        breaks = 0
        joined_escaped = escaped
    return "".join(out)


def _odd_backslashes(text: str) -> bool:
    return (len(text) - len(text.rstrip("\\"))) % 2 == 1


def _unescaped(raw: str) -> str:
    """A double-quoted scalar's escapes undone (JSON's by the C decoder, the rest here)."""
    if "\\" not in raw:
        return raw
    if _NOT_JSON_ESCAPE.search(raw) is None:
        return str(_json_string('"' + raw + '"'))
    return _ESCAPE.sub(_unescape, raw)


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) == 1:
        out = _ESCAPES.get(code)
        if out is None:
            raise _DeclineError  # "\/" and unknown escapes: libyaml decides
        return out
    value = int(code[1:], 16)
    if 0xD800 <= value <= 0xDFFF:
        raise _DeclineError
    return chr(value)
