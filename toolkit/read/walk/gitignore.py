"""``.gitignore`` patterns read without git, for a walk where git cannot answer (gitignore(5)).

Used when git is not installed or the folder is not in a git work tree. It follows the
documented rules: blank lines and ``#`` comments are skipped, trailing spaces dropped unless
escaped, ``!`` re-includes, a trailing ``/`` matches folders only, a pattern with a ``/``
before its end is anchored to the folder of its file (else it matches at any depth), ``*``
and ``?`` and ``[...]`` never match ``/``, and ``**`` as a whole segment matches any number
of folders. The last matching pattern wins and deeper files override shallower ones; a file
inside an ignored folder is never reached, because the walk does not enter that folder.
What git knows beyond these files (tracked files that a pattern matches, the user's global
excludes file) needs git itself: ``toolkit.read.walk.git``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

__all__ = ["IgnoreFile", "IgnorePattern", "is_ignored", "parse_ignore_file"]


class IgnorePattern(NamedTuple):
    """One line of an ignore file: a regular expression over the path relative to the file's folder."""

    regex: re.Pattern[str]
    negate: bool
    folders_only: bool


class IgnoreFile(NamedTuple):
    """The patterns of one ignore file and the folder they are relative to (absolute, with ``/``)."""

    folder: str
    patterns: tuple[IgnorePattern, ...]


def parse_ignore_file(text: str, folder: str) -> IgnoreFile:
    """The patterns of an ignore file's ``text``; lines that are not patterns are skipped."""
    patterns = (_pattern(line) for line in text.splitlines())
    return IgnoreFile(folder.rstrip("/") or "/", tuple(p for p in patterns if p is not None))


def is_ignored(files: Iterable[IgnoreFile], path: str, *, folder: bool) -> bool:
    """Whether ``path`` (absolute, with ``/``) is ignored by ``files``, outermost first."""
    ignored = False
    for ignore_file in files:
        base = ignore_file.folder
        if base == "/":
            relative = path[1:]
        elif path.startswith(base + "/"):
            relative = path[len(base) + 1 :]
        else:
            continue
        for pattern in ignore_file.patterns:
            if (folder or not pattern.folders_only) and pattern.regex.fullmatch(relative):
                ignored = not pattern.negate
    return ignored


def _pattern(line: str) -> IgnorePattern | None:
    line = _strip_trailing_spaces(line)
    if not line or line.startswith("#"):
        return None
    negate = line.startswith("!")
    if negate or line.startswith("\\!") or line.startswith("\\#"):
        line = line[1:]
    folders_only = line.endswith("/") and not line.endswith("\\/")
    line = line.rstrip("/") if folders_only else line
    if not line:
        return None
    anchored = "/" in line
    line = line.removeprefix("/")
    body = _translate(line)
    regex = body if anchored else f"(?:.*/)?{body}"
    try:
        return IgnorePattern(re.compile(regex, re.DOTALL), negate, folders_only)
    except re.error:  # a pattern git would not match either
        return None


def _strip_trailing_spaces(line: str) -> str:
    stripped = line.rstrip(" ")
    if stripped.endswith("\\") and len(stripped) < len(line):
        return stripped + " "  # "\ " keeps one escaped space
    return stripped


def _translate(pattern: str) -> str:
    """The regular expression of a wildmatch pattern in path mode (``**`` segments span folders)."""
    segments: list[str] = []
    for segment in pattern.split("/"):
        if not (segment == "**" and segments and segments[-1] == "**"):  # a/**/**/b is a/**/b
            segments.append(segment)
    parts: list[str] = []
    for number, segment in enumerate(segments):
        last = number == len(segments) - 1
        if segment == "**":
            if last:
                parts.append(".*" if number == 0 else "/.*" if parts else ".*")
            else:
                parts.append("(?:.*/)?" if number == 0 else "/(?:.*/)?")
            continue
        if parts and not parts[-1].endswith("/)?"):
            parts.append("/")
        parts.append(_segment(segment))
    return "".join(parts)


_CLASSES = {
    "alnum": "a-zA-Z0-9",
    "alpha": "a-zA-Z",
    "blank": " \\t",
    "digit": "0-9",
    "lower": "a-z",
    "upper": "A-Z",
    "space": " \\t\\n\\r\\f\\v",
    "xdigit": "0-9a-fA-F",
    "punct": re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
}


def _segment(segment: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(segment):
        char = segment[index]
        if char == "*":
            while index + 1 < len(segment) and segment[index + 1] == "*":
                index += 1
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end, cls = _bracket(segment, index)
            if cls is None:
                out.append(re.escape(char))
            else:
                out.append(cls)
                index = end
        elif char == "\\" and index + 1 < len(segment):
            index += 1
            out.append(re.escape(segment[index]))
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)


def _bracket(segment: str, start: int) -> tuple[int, str | None]:
    """``[...]`` from ``start``: the index of its ``]`` and a class that never matches ``/``."""
    index = start + 1
    negate = index < len(segment) and segment[index] in "!^"
    index += negate
    items: list[str] = []
    first = True
    while index < len(segment):
        char = segment[index]
        if char == "]" and not first:
            body = "".join(items)
            return index, f"(?!/)[{'^' if negate else ''}{body}]"
        first = False
        if char == "[" and segment.startswith("[:", index):
            close = segment.find(":]", index + 2)
            name = segment[index + 2 : close] if close > 0 else ""
            if name in _CLASSES:
                items.append(_CLASSES[name])
                index = close + 2
                continue
        if char == "\\" and index + 1 < len(segment):
            index += 1
            char = segment[index]
        if char == "-" and items and index + 1 < len(segment) and segment[index + 1] != "]":
            items.append("-")
        else:
            items.append(re.escape(char))
        index += 1
    return start, None
