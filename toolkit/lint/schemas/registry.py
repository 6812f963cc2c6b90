"""The dialects that have a schema, and reading each schema from the package.

Each dialect's schema is a JSON Schema (draft 2020-12) file shipped beside this
module as ``<format>.schema.json``; ``format`` is the loader's name for the
dialect (``toolkit.model.FormatName``). Recordings that are not HTTP (websocket,
gRPC, transcripts) have no schema. httprr traces are not YAML: their schema checks the document
``toolkit.read.dialects.httprr`` builds from the bytes.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

from toolkit.model import HTTP_FORMATS, HttpFormatName
from toolkit.read.jsonparse import loads

__all__ = ["SCHEMA_FORMATS", "NoSchemaError", "SchemaFormat", "has_schema", "schema_for"]

#: Every HTTP cassette dialect has a schema.
SchemaFormat = HttpFormatName

#: Every dialect with a schema, in the order the loader tries them.
SCHEMA_FORMATS: tuple[SchemaFormat, ...] = HTTP_FORMATS


class NoSchemaError(LookupError):
    """Asked for the schema of a dialect that has none."""

    def __init__(self, format: str) -> None:
        super().__init__(f"no schema for format {format!r}; known: {', '.join(SCHEMA_FORMATS)}")
        self.format = format


def has_schema(format: str) -> bool:
    """Whether ``format`` names a dialect with a schema."""
    return format in SCHEMA_FORMATS


def schema_for(format: str) -> dict[str, Any]:
    """A fresh copy of the schema for ``format``; raises ``NoSchemaError``."""
    return copy.deepcopy(load_schema(format))


@functools.cache
def load_schema(format: str) -> dict[str, Any]:
    """The shared, parsed schema for ``format``: read once, never to be mutated."""
    if not has_schema(format):
        raise NoSchemaError(format)
    # Read beside this module (the package is installed as files; importlib.resources
    # would cost the lint hook more to import than the read itself).
    schema: dict[str, Any] = loads((Path(__file__).parent / f"{format}.schema.json").read_bytes())
    return schema
