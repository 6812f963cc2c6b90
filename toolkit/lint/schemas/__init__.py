"""One JSON Schema per cassette dialect, and a checker that reports by line and column.

``schema_for(format)`` gives the schema of a dialect; ``check_schema(root, format)``
checks a document read by ``toolkit.read.parse.read_document`` and returns one
``SchemaViolation`` per offending node, each at the YAML line and column of
that node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from toolkit.lint.schemas.registry import (
    SCHEMA_FORMATS,
    NoSchemaError,
    SchemaFormat,
    has_schema,
    schema_for,
)

if TYPE_CHECKING:
    from toolkit.lint.schemas.validate import SchemaViolation, build_validator, check_schema

#: Names served by ``validate``, imported on first use: it imports jsonschema, which a lint run
#: of valid cassettes never needs (``toolkit.lint.schemas.predicate`` answers "valid?" without it).
_LAZY = frozenset({"SchemaViolation", "build_validator", "check_schema"})

__all__ = [
    "SCHEMA_FORMATS",
    "NoSchemaError",
    "SchemaFormat",
    "SchemaViolation",
    "build_validator",
    "check_schema",
    "has_schema",
    "schema_for",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from toolkit.lint.schemas import validate

        return getattr(validate, name)
    raise AttributeError(f"module 'toolkit.lint.schemas' has no attribute {name!r}")
