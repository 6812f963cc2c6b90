"""Words for a schema error: a short message and the JSON path of its node.

Messages name the field and the kind of value found ("an integer", "binary
data"), never the value: cassettes hold API keys and private prompts, and a
body can be megabytes. Names taken from the document (keys, header names) are
shortened and non-printable characters escaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from jsonschema import ValidationError  # type: ignore[import-untyped]

__all__ = [
    "DESCRIBED_KEYWORDS",
    "describe",
    "is_name_error",
    "keyword_of",
    "kind_of",
    "render_path",
]

#: Longest name from the document quoted in a message or a path.
MAX_NAME = 40

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")

_EXPECTED = {
    "object": "a mapping",
    "array": "a sequence",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "null": "null",
}


def render_path(path: Sequence[Any]) -> str:
    """``interactions[3].response.headers["x y"][0]``; ``$`` for the document itself."""
    text = ""
    for key in path:
        if isinstance(key, int) and not isinstance(key, bool):
            text += f"[{key}]"
        elif isinstance(key, str) and _IDENTIFIER.fullmatch(key) and len(key) <= MAX_NAME:
            text += f".{key}" if text else key
        else:
            text += f"[{json.dumps(shorten(key), ensure_ascii=False)}]"
    return text or "$"


def shorten(name: Any) -> str:
    """A document-supplied name, printable and at most ``MAX_NAME`` characters."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(name))
    return text if len(text) <= MAX_NAME else text[: MAX_NAME - 1] + "…"


def kind_of(value: Any) -> str:
    """The YAML kind of ``value`` in words, without the value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bytes):
        return "binary data"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a sequence"
    return f"a {type(value).__name__}"


def keyword_of(error: ValidationError) -> str:
    """The schema keyword that failed; ``false`` for a schema that is just ``false``."""
    return "false" if error.validator is None else str(error.validator)


def is_name_error(error: ValidationError) -> bool:
    """Whether the error is about a mapping key's name rather than its value."""
    return "propertyNames" in error.absolute_schema_path


def describe(error: ValidationError, path: Sequence[Any]) -> str:
    """One short sentence saying what is wrong with the node at ``path``."""
    subject = _subject(path, is_name_error(error))
    phrase = _PHRASES.get(keyword_of(error), _unsatisfied)
    return f"{subject} {phrase(error)}"


def _subject(path: Sequence[Any], is_name: bool) -> str:
    if not path:
        return "the document"
    last = path[-1]
    if is_name:
        return f"name '{shorten(last)}'"
    if isinstance(last, int) and not isinstance(last, bool) and len(path) > 1:
        return f"item {last} of '{shorten(path[-2])}'"
    return f"'{shorten(last)}'"


def _type(error: ValidationError) -> str:
    expected = error.validator_value
    names = [expected] if isinstance(expected, str) else list(expected)
    wanted = " or ".join(_EXPECTED.get(n, n) for n in names)
    return f"should be {wanted}, not {kind_of(error.instance)}"


def _pattern(error: ValidationError) -> str:
    hint = error.schema.get("description") if isinstance(error.schema, Mapping) else None
    return f"should be {hint}" if hint else "does not have the expected form"


def _not(error: ValidationError) -> str:
    reason = error.schema.get("description") if isinstance(error.schema, Mapping) else None
    return f"is not allowed here: {reason}" if reason else "is not allowed here"


def _const(error: ValidationError) -> str:
    return f"should be {json.dumps(error.validator_value)}"


def _enum(error: ValidationError) -> str:
    return "should be one of " + ", ".join(json.dumps(v) for v in error.validator_value)


def _min_length(error: ValidationError) -> str:
    count = error.validator_value
    return "should not be empty" if count == 1 else f"should have at least {count} characters"


def _min_items(error: ValidationError) -> str:
    count = error.validator_value
    return "should not be an empty list" if count == 1 else f"should have at least {count} items"


def _unsatisfied(error: ValidationError) -> str:
    return f"fails the schema's '{keyword_of(error)}' rule"


_PHRASES: dict[str, Callable[[ValidationError], str]] = {
    "type": _type,
    "required": lambda _e: "is required but missing",
    "additionalProperties": lambda _e: "is not a known field here",
    "not": _not,
    "false": lambda _e: "is not allowed here",
    "pattern": _pattern,
    "const": _const,
    "enum": _enum,
    "minimum": lambda e: f"should be at least {e.validator_value}",
    "maximum": lambda e: f"should be at most {e.validator_value}",
    "minLength": _min_length,
    "minItems": _min_items,
}

#: Keywords with a message of their own; any other gets a generic one.
DESCRIBED_KEYWORDS = frozenset(_PHRASES)
