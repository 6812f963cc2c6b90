"""Lines of keys and values in TOML text, for error messages (``tomllib`` gives no positions)."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Place", "TomlLines"]


class Place(NamedTuple):
    """1-based line and column of a key or value."""

    line: int
    column: int


_HEADER = re.compile(r"^\s*\[+\s*(.+?)\s*\]+\s*(#.*)?$")


class TomlLines:
    """Finds the line of a key or a value in TOML text (a scan, good enough for error messages)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def find(self, table: tuple[str, ...], key: str | None) -> Place | None:
        start, end = self._section(table)
        if key is None:
            return Place(start, 1) if start else None
        name = re.escape(key)
        pattern = re.compile(rf"^\s*(?:[\w.\"'-]+\.)?(?P<key>\"{name}\"|'{name}'|{name})\s*=")
        for number in range(start, end):
            match = pattern.search(self.lines[number])
            if match:
                return Place(number + 1, match.start("key") + 1)
        return self.find_value(key)

    def find_value(self, value: str) -> Place | None:
        pattern = re.compile(rf"(?:^|[^\w-])(?P<value>{re.escape(value)})(?:[^\w-]|$)")
        for number, line in enumerate(self.lines, 1):
            match = pattern.search(line)
            if match:
                return Place(number, match.start("value") + 1)
        return None

    def _section(self, table: tuple[str, ...]) -> tuple[int, int]:
        """0-based first line after the table's header, and the end of the section."""
        start = 0
        if table:
            wanted = ".".join(table)
            start = next(
                (n + 1 for n, line in enumerate(self.lines) if self._header(line) == wanted),
                self._nearest(table),
            )
        end = next(
            (n for n in range(start, len(self.lines)) if self._header(self.lines[n]) is not None),
            len(self.lines),
        )
        return start, end

    def _nearest(self, table: tuple[str, ...]) -> int:
        for size in range(len(table) - 1, 0, -1):
            wanted = ".".join(table[:size])
            for n, line in enumerate(self.lines):
                if self._header(line) == wanted:
                    return n + 1
        return 0

    @staticmethod
    def _header(line: str) -> str | None:
        match = _HEADER.match(line)
        if match is None or "=" in match.group(1):
            return None
        return ".".join(part.strip().strip("\"'") for part in match.group(1).split("."))
