"""Lint configuration: ``[tool.cassette-toolkit]`` in pyproject.toml, or a TOML file given with --config.

The nearest ``pyproject.toml`` with a ``[tool.cassette-toolkit]`` table,
walking up from the working directory, is used. A file given with
``--config`` may hold that table or the same keys at its top level. Every key,
code and option is checked; an error names the file and the line (``tomllib``
gives no positions, so the line is found by scanning the text for the key).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.lint.errors import ConfigError
from toolkit.lint.finding import SEVERITIES, Severity
from toolkit.lint.rules import FAMILIES, RULE_BY_CODE
from toolkit.lint.selection import PREFIX_PATTERN

__all__ = ["TABLE", "FileConfig", "find_config", "is_known_selector", "read_config"]

TABLE = ("tool", "cassette-toolkit")
_LISTS = ("select", "ignore", "extend-select", "extend-ignore")
_KEYS = frozenset({*_LISTS, "per-file-ignores", "severity", "rules", "fail-on", "baseline"})


@dataclass(frozen=True, slots=True)
class FileConfig:
    """The validated keys of one configuration file; ``root`` is its directory."""

    path: str | None = None
    root: str = "."
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    fail_on: Severity | None = None
    baseline: str | None = None


def find_config(start: Path) -> Path | None:
    """The nearest pyproject.toml with a ``[tool.cassette-toolkit]`` table, from ``start`` upwards."""
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and _has_table(candidate):
            return candidate
    return None


def _has_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return "[tool.cassette-toolkit" in _read_quietly(path)  # broken but ours: report it
    return isinstance(data.get("tool"), dict) and TABLE[1] in data["tool"]


def _read_quietly(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def read_config(path: Path, *, explicit: bool) -> FileConfig:
    """Read and validate ``path``; ``explicit`` (--config) also accepts top-level keys."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read the configuration: {e}", str(path)) from e
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"not valid TOML: {e}", str(path), _toml_error_line(e)) from e
    tool = data.get("tool")
    if isinstance(tool, dict) and TABLE[1] in tool:
        return _Validator(str(path), text, TABLE).validate(tool[TABLE[1]])
    if explicit:
        return _Validator(str(path), text, ()).validate(data)
    return FileConfig(str(path), str(path.parent))


def _toml_error_line(error: tomllib.TOMLDecodeError) -> int | None:
    match = re.search(r"line (\d+)", str(error))
    return int(match.group(1)) if match else None


def is_known_selector(prefix: str) -> bool:
    """A code or prefix that names at least one rule, or a whole family (``CT2``)."""
    if not PREFIX_PATTERN.fullmatch(prefix):
        return False
    if len(prefix) <= 3:
        return prefix == "CT" or any(family.prefix == prefix for family in FAMILIES)
    return any(code.startswith(prefix) for code in RULE_BY_CODE)


class _Validator:
    """Checks one table and turns it into a ``FileConfig``; errors carry the line."""

    def __init__(self, path: str, text: str, table: tuple[str, ...]) -> None:
        self.path = path
        self.lines = _TomlLines(text)
        self.table = table

    def error(self, message: str, table: tuple[str, ...], key: str | None = None) -> ConfigError:
        return ConfigError(message, self.path, self.lines.find(self.table + table, key))

    def validate(self, raw: Any) -> FileConfig:
        if not isinstance(raw, dict):
            raise self.error("the cassette-toolkit configuration must be a table", ())
        for key in raw:
            if key not in _KEYS:
                raise self.error(f"unknown key {key!r} (known: {', '.join(sorted(_KEYS))})", (), key)
        lists = {key: self.codes(raw[key], (), key) if key in raw else None for key in _LISTS}
        return FileConfig(
            path=self.path,
            root=str(Path(self.path).parent),
            select=lists["select"],
            ignore=lists["ignore"],
            extend_select=lists["extend-select"] or (),
            extend_ignore=lists["extend-ignore"] or (),
            per_file_ignores=self.per_file_ignores(raw.get("per-file-ignores", {})),
            severity=self.severities(raw.get("severity", {})),
            options=self.rule_options(raw.get("rules", {})),
            fail_on=self.level(raw["fail-on"], (), "fail-on") if "fail-on" in raw else None,
            baseline=self.text(raw["baseline"], (), "baseline") if "baseline" in raw else None,
        )

    def codes(self, value: Any, table: tuple[str, ...], key: str) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(f"{key!r} must be a list of rule codes or prefixes", table, key)
        for item in value:
            if not is_known_selector(item):
                raise ConfigError(
                    f"unknown rule code {item!r} in {key!r}", self.path, self.lines.find_value(item)
                )
        return tuple(value)

    def per_file_ignores(self, value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
        table = ("per-file-ignores",)
        if not isinstance(value, dict):
            raise self.error("'per-file-ignores' must be a table of glob = [codes]", (), "per-file-ignores")
        return tuple((glob, self.codes(codes, table, glob)) for glob, codes in value.items())

    def severities(self, value: Any) -> tuple[tuple[str, Severity], ...]:
        if not isinstance(value, dict):
            raise self.error("'severity' must be a table of code = level", (), "severity")
        pairs: list[tuple[str, Severity]] = []
        for code, level in value.items():
            if not is_known_selector(code):
                raise self.error(f"unknown rule code {code!r} in 'severity'", ("severity",), code)
            pairs.append((code, self.level(level, ("severity",), code)))
        return tuple(pairs)

    def level(self, value: Any, table: tuple[str, ...], key: str) -> Severity:
        for severity in SEVERITIES:
            if value == severity:
                return severity
        raise self.error(f"{key!r} must be one of {', '.join(SEVERITIES)}, not {value!r}", table, key)

    def text(self, value: Any, table: tuple[str, ...], key: str) -> str:
        if not isinstance(value, str):
            raise self.error(f"{key!r} must be a string", table, key)
        return value

    def rule_options(self, value: Any) -> dict[str, dict[str, Any]]:
        if not isinstance(value, dict):
            raise self.error("'rules' must be a table of rule codes", (), "rules")
        result: dict[str, dict[str, Any]] = {}
        for code, options in value.items():
            rule = RULE_BY_CODE.get(code)
            if rule is None:
                raise self.error(f"unknown rule code {code!r} in 'rules'", ("rules",), code)
            if not isinstance(options, dict):
                raise self.error(f"'rules.{code}' must be a table of options", ("rules",), code)
            result[code] = {name: self.option(code, name, item) for name, item in options.items()}
        return result

    def option(self, code: str, name: str, value: Any) -> Any:
        table = ("rules", code)
        declared = RULE_BY_CODE[code].options.get(name)
        if declared is None:
            known = ", ".join(sorted(RULE_BY_CODE[code].options)) or "none"
            raise self.error(f"unknown option {name!r} for {code} (options: {known})", table, name)
        return coerce_option(
            declared.default, value, lambda m: self.error(f"{code}.{name}: {m}", table, name)
        )


def coerce_option(default: Any, value: Any, fail: Any) -> Any:
    """``value`` checked against the type of ``default`` (int, str or a list of str)."""
    if isinstance(default, int):
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        raise fail("must be a non-negative integer")
    if isinstance(default, str):
        if isinstance(value, str):
            return value
        raise fail("must be a string")
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise fail("must be a list of strings")


_HEADER = re.compile(r"^\s*\[+\s*(.+?)\s*\]+\s*(#.*)?$")


class _TomlLines:
    """Finds the line of a key or a value in TOML text (a scan, good enough for error messages)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def find(self, table: tuple[str, ...], key: str | None) -> int | None:
        start, end = self._section(table)
        if key is None:
            return start if start else None
        name = re.escape(key)
        pattern = re.compile(rf"^\s*(?:[\w.\"'-]+\.)?(?:\"{name}\"|'{name}'|{name})\s*=")
        for number in range(start, end):
            if pattern.search(self.lines[number]):
                return number + 1
        return self.find_value(key)

    def find_value(self, value: str) -> int | None:
        for number, line in enumerate(self.lines, 1):
            if re.search(rf"(^|[^\w-]){re.escape(value)}([^\w-]|$)", line):
                return number
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
