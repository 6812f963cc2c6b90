"""The JSON Schema of the configuration (``docs/config.schema.json``), generated from the code.

From the key table (``toolkit.lint.config.keys``), the rule registry (each rule's options
and their types) and the known code prefixes, so it cannot drift from what the reader
accepts; a test compares the file with ``render_config_schema()`` and validates the
documented examples against it. JSON Schema draft-07, which editors (Taplo, Even Better
TOML) and SchemaStore read. It describes the ``[tool.cassette-toolkit]`` table, which is
also the whole of a ``cassette-toolkit.toml`` file.
"""

from __future__ import annotations

import json
from typing import Any

from toolkit.lint.config.keys import KEYS, Kind
from toolkit.lint.finding import SEVERITIES
from toolkit.lint.rule import Option
from toolkit.lint.rules import FAMILIES, RULES

__all__ = ["build_config_schema", "render_config_schema"]

_SELECTOR: dict[str, Any] = {"$ref": "#/definitions/selector"}
_CODES: dict[str, Any] = {"$ref": "#/definitions/codes"}
_LEVEL: dict[str, Any] = {"type": "string", "enum": list(SEVERITIES)}
_STRINGS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}


def render_config_schema() -> str:
    """The text of ``docs/config.schema.json``."""
    return json.dumps(build_config_schema(), indent=2) + "\n"


def build_config_schema() -> dict[str, Any]:
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "cassette-toolkit configuration",
        "description": "The [tool.cassette-toolkit] table of pyproject.toml, or the whole of "
        "cassette-toolkit.toml / .cassette-toolkit.toml. Generated from the code; see the README's "
        "Configuration section.",
        "type": "object",
        "additionalProperties": False,
        "properties": {key.name: _described(_value_schema(key.kind), key.help) for key in KEYS},
        "definitions": {
            "selector": {
                "type": "string",
                "description": "A rule code (CT301) or a code prefix (CT3, CT30).",
                "enum": _selectors(),
            },
            "codes": {"anyOf": [_SELECTOR, {"type": "array", "items": _SELECTOR}]},
        },
    }


def _described(schema: dict[str, Any], description: str) -> dict[str, Any]:
    """``schema`` with a description (beside a ``$ref``, draft-07 ignores other keywords: wrap it)."""
    if "$ref" in schema:
        return {"allOf": [schema], "description": description}
    return {**schema, "description": description}


def _selectors() -> list[str]:
    prefixes = {"CT", *(family.prefix for family in FAMILIES)}
    for rule in RULES:
        prefixes.update(rule.code[:length] for length in range(3, len(rule.code) + 1))
    return sorted(prefixes)


def _value_schema(kind: Kind) -> dict[str, Any]:
    if kind == "rule-options":
        return _rules_schema()
    schemas: dict[str, dict[str, Any]] = {
        "codes": _CODES,
        "code-table": {"type": "object", "propertyNames": _SELECTOR, "additionalProperties": _LEVEL},
        "glob-codes": {"type": "object", "additionalProperties": _CODES},
        "level": _LEVEL,
        "path": {"type": "string"},
        "globs": _STRINGS,
        "values": _STRINGS,
        "bool": {"type": "boolean"},
    }
    return schemas[kind]


def _rules_schema() -> dict[str, Any]:
    rules = {
        rule.code: {
            "type": "object",
            "description": f"{rule.name}: {rule.summary}",
            "additionalProperties": False,
            "properties": {name: _option_schema(option) for name, option in rule.options.items()},
        }
        for rule in RULES
    }
    return {"type": "object", "additionalProperties": False, "properties": rules}


def _option_schema(option: Option) -> dict[str, Any]:
    default = option.default
    if isinstance(default, int):
        return {"type": "integer", "minimum": 0, "default": default, "description": option.help}
    if isinstance(default, str):
        return {"type": "string", "default": default, "description": option.help}
    return {**_STRINGS, "default": list(default), "description": option.help}
