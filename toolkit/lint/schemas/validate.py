"""Check a positioned document against its dialect's schema, by line and column.

The checker is jsonschema's draft 2020-12 validator with two differences in
what counts as valid, both because the documents are YAML, not JSON:

* a YAML ``!!binary`` (or Ruby ``!binary``) node reads as ``bytes``: a string
  whose bytes are not UTF-8 text. The type checker counts ``bytes`` as
  ``"string"`` and ``pattern`` matches its Latin-1 decoding;
* mapping keys need not be strings (``propertyNames`` says where they must be).

and four keywords re-implemented with the same meaning but errors that name one
node each: ``required``, ``additionalProperties`` and ``propertyNames`` put the
key on the error's path (one error per missing, unexpected or badly named
key), and ``pattern`` never puts the value in its message.

Positions: each error's ``absolute_path`` is walked through the ``YamlMap`` /
``YamlSeq`` containers. A wrong value is reported where that value starts, a
missing key where the mapping lacking it starts, an unexpected or badly named
key where its value starts.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jsonschema import (  # type: ignore[import-untyped]
    Draft202012Validator,
    ValidationError,
    validators,
)
from jsonschema.exceptions import best_match  # type: ignore[import-untyped]
from jsonschema.protocols import Validator  # type: ignore[import-untyped]

from toolkit.lint.schemas.describe import describe, is_name_error, keyword_of, render_path
from toolkit.lint.schemas.predicate import Predicate, UnsupportedSchemaError, build_predicate
from toolkit.lint.schemas.registry import load_schema
from toolkit.read.document import Position, YamlMap, YamlSeq, position_of

__all__ = ["SchemaViolation", "build_validator", "check_schema", "locate"]


@dataclass(frozen=True, slots=True)
class SchemaViolation:
    """One node of a document that breaks its dialect's schema.

    ``path`` is the JSON path of the node (``interactions[3].response.status.code``,
    ``$`` for the whole document); ``keyword`` the schema keyword that failed
    (``type``, ``required``, ``additionalProperties``, ...). The message names
    the field and the kind of value, never the value itself.
    """

    position: Position
    message: str
    path: str
    keyword: str

    @property
    def line(self) -> int:
        return self.position.line

    @property
    def column(self) -> int:
        return self.position.column


def check_schema(document_root: Any, format: str) -> list[SchemaViolation]:
    """Every violation of ``format``'s schema in the document, in file order."""
    is_valid = _fast_check(format)
    if is_valid is not None and is_valid(document_root):
        return []
    chosen: dict[tuple[Any, ...], ValidationError] = {}
    for raw in build_validator(format).iter_errors(document_root):
        error = _deepest(raw)
        key = (*error.absolute_path, is_name_error(error))
        if key not in chosen or _rank(error) < _rank(chosen[key]):
            chosen[key] = error
    found = [_violation(document_root, error) for error in chosen.values()]
    return sorted(found, key=lambda v: (v.position, v.path))


@functools.cache
def build_validator(format: str) -> Validator:
    """The compiled validator for ``format``, built once per process."""
    schema = load_schema(format)
    validator: Validator = CassetteValidator(schema)
    return validator


@functools.cache
def _fast_check(format: str) -> Predicate | None:
    """The compiled validity test for ``format``, or None when the schema needs jsonschema."""
    try:
        return build_predicate(load_schema(format))
    except UnsupportedSchemaError:
        return None


def locate(root: Any, path: Sequence[Any]) -> Position:
    """Where the node at ``path`` starts, or where its nearest existing parent does."""
    node, position = root, position_of(root)
    for key in path:
        if not _has(node, key):
            break
        if isinstance(node, YamlMap | YamlSeq):
            position = node.position_of(key)
        node = node[key]
    return position


def _has(node: Any, key: Any) -> bool:
    if isinstance(node, Mapping):
        return key in node
    if isinstance(node, list) and isinstance(key, int) and not isinstance(key, bool):
        return 0 <= key < len(node)
    return False


def _deepest(error: ValidationError) -> ValidationError:
    """For an ``anyOf`` / ``oneOf`` failure, the one branch error that explains it best."""
    if not error.context:
        return error
    return best_match([error]) or error


#: When several errors land on one node, the most telling one wins.
_RANK = {"not": 0, "false": 0, "additionalProperties": 0, "type": 1, "required": 2}


def _rank(error: ValidationError) -> int:
    return _RANK.get(keyword_of(error), 3)


def _violation(root: Any, error: ValidationError) -> SchemaViolation:
    path = list(error.absolute_path)
    return SchemaViolation(
        position=locate(root, path),
        message=describe(error, path),
        path=render_path(path),
        keyword=keyword_of(error),
    )


# --- keywords: same meaning as draft 2020-12, one error per offending node ---


def _is_string(_checker: Any, instance: Any) -> bool:
    return isinstance(instance, str | bytes)


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "string"):
        return
    text = instance.decode("latin-1") if isinstance(instance, bytes) else instance
    if _compiled(pattern).search(text) is None:
        yield ValidationError("does not match the pattern")


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _required(
    validator: Any, required: list[str], instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    for name in required:
        if name not in instance:
            yield ValidationError("is a required property", path=[name])


def _additional_properties(
    validator: Any, additional: Any, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    for extra in _extras(instance, schema):
        if additional is False:
            yield ValidationError("is not allowed", path=[extra])
        elif isinstance(additional, dict):
            yield from validator.descend(instance[extra], additional, path=extra)


def _extras(instance: Mapping[Any, Any], schema: Mapping[str, Any]) -> Iterator[Any]:
    known = schema.get("properties", {})
    patterns = [_compiled(p) for p in schema.get("patternProperties", {})]
    for key in instance:
        if key in known:
            continue
        if isinstance(key, str) and any(p.search(key) for p in patterns):
            continue
        yield key


def _property_names(
    validator: Any, names: Any, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    for key in instance:
        yield from validator.descend(instance=key, schema=names, path=key)


_TYPE_CHECKER = Draft202012Validator.TYPE_CHECKER.redefine("string", _is_string)

CassetteValidator = validators.extend(
    Draft202012Validator,
    validators={
        "pattern": _pattern,
        "required": _required,
        "additionalProperties": _additional_properties,
        "propertyNames": _property_names,
    },
    type_checker=_TYPE_CHECKER,
)
"""Draft 2020-12 for YAML documents: ``bytes`` are strings, errors are per node."""
