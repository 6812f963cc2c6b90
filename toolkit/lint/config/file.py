"""The configuration file: found, read and validated, every error with its file and line.

Where it comes from, first found wins: the file given with ``--config``; else, in the
working directory and then in each folder above it, ``.cassette-toolkit.toml``, then
``cassette-toolkit.toml`` (keys at the top level, for Ruby, Go or R projects without a
pyproject.toml), then ``pyproject.toml`` if it has a ``[tool.cassette-toolkit]`` table. The
dedicated files and ``--config`` files may also hold that table. The keys are defined once in
``toolkit.lint.config.keys``; every key, code and option is checked, and an error names the
file and the line (``tomllib`` gives no positions: ``toolkit.lint.config.toml_lines`` scans the text).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from toolkit.lint.errors import ConfigError
from toolkit.lint.finding import SEVERITIES, Severity
from toolkit.lint.selection import PREFIX_PATTERN

if TYPE_CHECKING:
    import tomllib

    from toolkit.lint.config.keys import Kind
    from toolkit.lint.config.toml_lines import Place, TomlLines

__all__ = [
    "CONFIG_FILES",
    "TABLE",
    "FileConfig",
    "configured_baseline",
    "find_config",
    "is_known_selector",
    "load_config",
    "read_config",
]

TABLE = ("tool", "cassette-toolkit")
#: The file names looked for in each folder, in order of precedence.
CONFIG_FILES = (".cassette-toolkit.toml", "cassette-toolkit.toml", "pyproject.toml")


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
    fail_on_stale_baseline: bool | None = None
    allow_values: tuple[str, ...] = ()
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool | None = None
    force_exclude: bool | None = None


def load_config(config: str | None, *, isolated: bool = False, cwd: str = ".") -> FileConfig:
    """The --config file, else the configuration file found from ``cwd`` upwards, else defaults."""
    if isolated:
        return FileConfig()
    if config:
        return read_config(Path(config), explicit=True)
    found = find_config(Path(cwd).resolve())
    return read_config(found) if found else FileConfig()


def configured_baseline(config: FileConfig) -> str | None:
    """The configuration's baseline file, relative to the configuration's folder."""
    if not config.baseline:
        return None
    return str(Path(config.root) / config.baseline)


def find_config(start: Path) -> Path | None:
    """The configuration file that applies in ``start``: the first of ``CONFIG_FILES``, upwards."""
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                return candidate
    return None


def _has_table(path: Path) -> bool:
    import tomllib  # here and below: a run without a configuration file never imports it

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


def read_config(path: Path, *, explicit: bool | None = None) -> FileConfig:
    """Read and validate ``path``.

    ``explicit`` (a --config file or a dedicated file; by default, any file but a
    pyproject.toml) also accepts the keys at the top level.
    """
    import tomllib

    if explicit is None:
        explicit = path.name != "pyproject.toml"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read the configuration: {e}", str(path)) from e
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"not valid TOML: {e}", str(path), *_toml_error_place(e, text)) from e
    tool = data.get("tool")
    if isinstance(tool, dict) and TABLE[1] in tool:
        return _Validator(str(path), text, TABLE).validate(tool[TABLE[1]])
    if explicit:
        return _Validator(str(path), text, ()).validate(data)
    return FileConfig(str(path), str(path.parent))


def _toml_error_place(error: tomllib.TOMLDecodeError, text: str) -> tuple[int | None, int | None]:
    """tomllib says ``(at line 3, column 9)``, or ``(at end of document)``: after the last character."""
    match = re.search(r"line (\d+)(?:, column (\d+))?", str(error))
    if match is not None:
        return int(match.group(1)), int(match.group(2)) if match.group(2) else None
    if "end of document" in str(error):
        lines = text.split("\n")
        return len(lines), len(lines[-1]) + 1
    return None, None


def is_known_selector(prefix: str) -> bool:
    """A code or prefix that names at least one rule, or a whole family (``CT2``)."""
    from toolkit.lint.rules import FAMILIES, RULE_BY_CODE  # the registry: only to check a file

    if not PREFIX_PATTERN.fullmatch(prefix):
        return False
    if len(prefix) <= 3:
        return prefix == "CT" or any(family.prefix == prefix for family in FAMILIES)
    return any(code.startswith(prefix) for code in RULE_BY_CODE)


class _Validator:
    """Checks one table and turns it into a ``FileConfig``; errors carry the line."""

    def __init__(self, path: str, text: str, table: tuple[str, ...]) -> None:
        self.path = path
        self.source = text
        self.table = table

    @functools.cached_property
    def lines(self) -> TomlLines:
        """The text's lines, read only to place an error."""
        from toolkit.lint.config.toml_lines import TomlLines

        return TomlLines(self.source)

    def error(self, message: str, table: tuple[str, ...], key: str | None = None) -> ConfigError:
        return self.error_at(message, self.lines.find(self.table + table, key))

    def error_at(self, message: str, place: Place | None) -> ConfigError:
        if place is None:
            return ConfigError(message, self.path)
        return ConfigError(message, self.path, place.line, place.column)

    def validate(self, raw: Any) -> FileConfig:
        from toolkit.lint.config.keys import KEY_BY_NAME

        if not isinstance(raw, dict):
            raise self.error("the cassette-toolkit configuration must be a table", ())
        values: dict[str, Any] = {}
        for key, value in raw.items():
            spec = KEY_BY_NAME.get(key)
            if spec is None:
                raise self.error(f"unknown key {key!r} (known: {', '.join(sorted(KEY_BY_NAME))})", (), key)
            values[spec.field] = self.parsers[spec.kind](self, value, key)
        return FileConfig(path=self.path, root=str(Path(self.path).parent), **values)

    def codes(self, value: Any, key: str, table: tuple[str, ...] = ()) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(f"{key!r} must be a list of rule codes or prefixes", table, key)
        for item in value:
            if not is_known_selector(item):
                raise self.error_at(f"unknown rule code {item!r} in {key!r}", self.lines.find_value(item))
        return tuple(value)

    def per_file_ignores(self, value: Any, key: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        if not isinstance(value, dict):
            raise self.error(f"{key!r} must be a table of glob = [codes]", (), key)
        return tuple((glob, self.codes(codes, glob, (key,))) for glob, codes in value.items())

    def severities(self, value: Any, key: str) -> tuple[tuple[str, Severity], ...]:
        if not isinstance(value, dict):
            raise self.error(f"{key!r} must be a table of code = level", (), key)
        pairs: list[tuple[str, Severity]] = []
        for code, level in value.items():
            if not is_known_selector(code):
                raise self.error(f"unknown rule code {code!r} in {key!r}", (key,), code)
            pairs.append((code, self.level(level, code, (key,))))
        return tuple(pairs)

    def level(self, value: Any, key: str, table: tuple[str, ...] = ()) -> Severity:
        for severity in SEVERITIES:
            if value == severity:
                return severity
        raise self.error(f"{key!r} must be one of {', '.join(SEVERITIES)}, not {value!r}", table, key)

    def text(self, value: Any, key: str) -> str:
        if not isinstance(value, str):
            raise self.error(f"{key!r} must be a string", (), key)
        return value

    def flag(self, value: Any, key: str) -> bool:
        if not isinstance(value, bool):
            raise self.error(f"{key!r} must be true or false", (), key)
        return value

    def strings(self, value: Any, key: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(f"{key!r} must be a list of strings", (), key)
        return tuple(value)

    def allow_values(self, value: Any, key: str, table: tuple[str, ...] = ()) -> tuple[str, ...]:
        from toolkit.lint.allow import compile_allow_list

        entries = self.strings(value, key) if not table else tuple(value)
        try:
            compile_allow_list(entries)
        except ValueError as e:
            bad = next(entry for entry in entries if _bad_regex(entry))
            raise self.error_at(f"{key!r}: {e}", self.lines.find_value(bad)) from e
        return entries

    def rule_options(self, value: Any, key: str) -> dict[str, dict[str, Any]]:
        from toolkit.lint.rules import RULE_BY_CODE

        if not isinstance(value, dict):
            raise self.error(f"{key!r} must be a table of rule codes", (), key)
        result: dict[str, dict[str, Any]] = {}
        for code, options in value.items():
            rule = RULE_BY_CODE.get(code)
            if rule is None:
                raise self.error(f"unknown rule code {code!r} in {key!r}", (key,), code)
            if not isinstance(options, dict):
                raise self.error(f"'{key}.{code}' must be a table of options", (key,), code)
            result[code] = {name: self.option(code, name, item) for name, item in options.items()}
        return result

    def option(self, code: str, name: str, value: Any) -> Any:
        from toolkit.lint.rules import RULE_BY_CODE

        table = ("rules", code)
        declared = RULE_BY_CODE[code].options.get(name)
        if declared is None:
            known = ", ".join(sorted(RULE_BY_CODE[code].options)) or "none"
            raise self.error(f"unknown option {name!r} for {code} (options: {known})", table, name)
        coerced = coerce_option(
            declared.default, value, lambda m: self.error(f"{code}.{name}: {m}", table, name)
        )
        if name == "allow-values":
            return self.allow_values(coerced, f"{code}.{name}", table)
        return coerced

    parsers: ClassVar[Mapping[Kind, Callable[[_Validator, Any, str], Any]]] = {
        "codes": codes,
        "glob-codes": per_file_ignores,
        "code-table": severities,
        "rule-options": rule_options,
        "level": level,
        "path": text,
        "bool": flag,
        "globs": strings,
        "values": allow_values,
    }


def _bad_regex(entry: str) -> bool:
    from toolkit.lint.allow import compile_allow_list

    try:
        compile_allow_list((entry,))
    except ValueError:
        return True
    return False


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
