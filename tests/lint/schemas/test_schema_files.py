"""The shipped schemas themselves: valid, documented, loadable, compiled."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from toolkit.lint.schemas import SCHEMA_FORMATS, NoSchemaError, has_schema, schema_for
from toolkit.lint.schemas.predicate import build_predicate


@pytest.mark.parametrize("format", SCHEMA_FORMATS)
def test_schema_is_valid_draft_2020_12(format: str) -> None:
    Draft202012Validator.check_schema(schema_for(format))


@pytest.mark.parametrize("format", SCHEMA_FORMATS)
def test_schema_is_documented(format: str) -> None:
    schema = schema_for(format)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/{format}.schema.json")
    assert schema["title"]
    assert schema["description"]
    assert schema["$comment"]


@pytest.mark.parametrize("format", SCHEMA_FORMATS)
def test_every_local_reference_resolves(format: str) -> None:
    schema = schema_for(format)
    for ref in _refs(schema):
        assert ref.startswith("#/$defs/"), ref
        assert ref.removeprefix("#/$defs/") in schema["$defs"], ref


@pytest.mark.parametrize("format", SCHEMA_FORMATS)
def test_every_definition_is_used(format: str) -> None:
    schema = schema_for(format)
    used = {ref.removeprefix("#/$defs/") for ref in _refs(schema)}
    assert set(schema["$defs"]) == used


@pytest.mark.parametrize("format", SCHEMA_FORMATS)
def test_fast_predicate_compiles(format: str) -> None:
    # If a schema edit uses a keyword the predicate lacks, checking silently
    # falls back to jsonschema alone and gets slower than parsing; catch it here.
    build_predicate(schema_for(format))


@pytest.mark.parametrize("format", SCHEMA_FORMATS)
def test_no_boolean_subschemas(format: str) -> None:
    # jsonschema reports a failing `false` subschema at its parent's path, not
    # at the node; write {"not": {}, "description": why} instead.
    assert not [s for s in _subschemas(schema_for(format)) if isinstance(s, bool)]


def test_langchain_split_shares_vcrpy_shapes() -> None:
    vcrpy = schema_for("vcrpy")["$defs"]
    split = schema_for("langchain-split")["$defs"]
    assert split == {name: shape for name, shape in vcrpy.items() if name != "interaction"}


def test_each_schema_file_is_registered() -> None:
    files = resources.files("toolkit.lint.schemas")
    shipped = {
        p.name.removesuffix(".schema.json") for p in files.iterdir() if p.name.endswith(".schema.json")
    }
    assert shipped == set(SCHEMA_FORMATS)


def test_schema_for_returns_a_copy() -> None:
    schema_for("vcrpy")["title"] = "changed"
    assert schema_for("vcrpy")["title"] != "changed"


@pytest.mark.parametrize("format", ["websocket", "grpc", "transcript", "unknown", "vcrpy.schema"])
def test_format_without_schema(format: str) -> None:
    assert not has_schema(format)
    with pytest.raises(NoSchemaError):
        schema_for(format)


def _subschemas(schema: Any) -> list[Any]:
    """Every schema nested in ``schema`` (not counting additionalProperties: false)."""
    if not isinstance(schema, dict):
        return []
    nested = [*schema.get("properties", {}).values(), *schema.get("$defs", {}).values()]
    nested += [schema[k] for k in ("items", "not", "if", "then", "else", "propertyNames") if k in schema]
    if isinstance(schema.get("additionalProperties"), dict):
        nested.append(schema["additionalProperties"])
    return nested + [s for each in nested for s in _subschemas(each)]


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if "$ref" in node else []
        return own + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []
