"""One JSON Schema per cassette dialect, and a checker that reports by line and column.

``schema_for(format)`` gives the schema of a dialect; ``check_schema(root, format)``
checks a document read by ``toolkit.document.read_document`` and returns one
``SchemaViolation`` per offending node, each at the YAML line and column of
that node.
"""

from toolkit.schemas.registry import (
    SCHEMA_FORMATS,
    NoSchemaError,
    SchemaFormat,
    has_schema,
    schema_for,
)
from toolkit.schemas.validate import SchemaViolation, build_validator, check_schema

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
