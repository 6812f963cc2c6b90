"""A schema compiled once into a plain-Python validity test.

jsonschema's validator re-creates itself and resolves references at every
node it descends into, which makes it slower than parsing the YAML. Almost
every real cassette is valid, so ``check_schema`` first asks this compiled
predicate whether the document is valid at all, and runs jsonschema (for its
per-node errors) only when it is not.

The predicate understands exactly the keywords our schemas use, with the
meaning draft 2020-12 gives them as ``CassetteValidator`` applies them (bytes
count as strings; ``pattern`` matches bytes by their Latin-1 text). A schema
using anything else raises ``UnsupportedSchemaError``, and the caller falls back to
jsonschema alone, so the predicate can be wrong only by being absent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["Predicate", "UnsupportedSchemaError", "build_predicate"]

Predicate = Callable[[Any], bool]


class UnsupportedSchemaError(ValueError):
    """The schema uses a keyword or a form the predicate does not implement."""


def build_predicate(root: Mapping[str, Any]) -> Predicate:
    """A function telling whether an instance is valid under ``root``."""
    return _Builder(root).build(root)


#: Keywords that annotate or hold definitions and never fail an instance.
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "$defs", "title", "description", "then", "else"})


def _always(_instance: Any) -> bool:
    return True


def _never(_instance: Any) -> bool:
    return False


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _is_integral(x: Any) -> bool:
    return (isinstance(x, int) and not isinstance(x, bool)) or (isinstance(x, float) and x.is_integer())


#: The Python classes of each JSON type as ``CassetteValidator`` checks them
#: (``bool`` is a subclass of ``int`` but never an integer or a number).
_TYPE_CLASSES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str, bytes),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def _all_of(checks: list[Predicate]) -> Predicate:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]

    def check(x: Any) -> bool:
        # A loop rather than all(...): it runs at every node of every document, and the
        # generator all() needs costs about twice as much.
        for each in checks:  # noqa: SIM110
            if not each(x):
                return False
        return True

    return check


class _Builder:
    """Compiles one schema; ``$ref`` targets are compiled once and shared."""

    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Predicate] = {}
        self.compiling: set[str] = set()

    def build(self, schema: Any) -> Predicate:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, Mapping):
            raise UnsupportedSchemaError(f"a schema must be a mapping or a boolean: {schema!r}")
        if "$id" in schema and schema is not self.root:
            raise UnsupportedSchemaError("nested $id changes the base URI")
        checks = [self._keyword(k, v, schema) for k, v in schema.items() if k not in _ANNOTATIONS]
        return _all_of(checks)

    def _keyword(self, keyword: str, value: Any, schema: Mapping[str, Any]) -> Predicate:
        method = _KEYWORDS.get(keyword)
        if method is None:
            raise UnsupportedSchemaError(f"keyword {keyword!r} is not implemented")
        return method(self, value, schema)

    def _type(self, value: Any, _schema: Mapping[str, Any]) -> Predicate:
        names = {value} if isinstance(value, str) else set(value)
        if not names <= _TYPE_CLASSES.keys():
            raise UnsupportedSchemaError(f"unknown type in {value!r}")
        classes = tuple(c for name in names for c in _TYPE_CLASSES[name])
        if "integer" in names and "number" not in names:
            # JSON Schema's integer is any number with no fraction: 3.0 is one (as jsonschema says).
            others = tuple(c for name in names - {"integer"} for c in _TYPE_CLASSES[name])
            return lambda x: _is_integral(x) or isinstance(x, others)
        if "boolean" in names or not names & {"integer", "number"}:
            return lambda x: isinstance(x, classes)
        return lambda x: isinstance(x, classes) and not isinstance(x, bool)

    def _properties(self, value: Mapping[str, Any], _schema: Mapping[str, Any]) -> Predicate:
        fields = [(name, self.build(sub)) for name, sub in value.items()]

        def check(x: Any) -> bool:
            if isinstance(x, dict):
                for name, valid in fields:
                    if name in x and not valid(x[name]):
                        return False
            return True

        return check

    def _additional(self, value: Any, schema: Mapping[str, Any]) -> Predicate:
        known = frozenset(schema.get("properties", {}))
        if "patternProperties" in schema:
            raise UnsupportedSchemaError("patternProperties is not implemented")
        valid = self.build(value)

        def check(x: Any) -> bool:
            if isinstance(x, dict):
                for key, item in x.items():
                    if key not in known and not valid(item):
                        return False
            return True

        return check

    def _property_names(self, value: Any, _schema: Mapping[str, Any]) -> Predicate:
        valid = self.build(value)

        def check(x: Any) -> bool:
            if isinstance(x, dict):
                for key in x:
                    if not valid(key):
                        return False
            return True

        return check

    def _required(self, value: list[str], _schema: Mapping[str, Any]) -> Predicate:
        names = tuple(value)

        def check(x: Any) -> bool:
            if isinstance(x, dict):
                for name in names:
                    if name not in x:
                        return False
            return True

        return check

    def _items(self, value: Any, schema: Mapping[str, Any]) -> Predicate:
        if "prefixItems" in schema:
            raise UnsupportedSchemaError("prefixItems is not implemented")
        valid = self.build(value)

        def check(x: Any) -> bool:
            if isinstance(x, list):
                for item in x:
                    if not valid(item):
                        return False
            return True

        return check

    def _const(self, value: Any, _schema: Mapping[str, Any]) -> Predicate:
        if isinstance(value, list | dict):
            raise UnsupportedSchemaError("only a scalar const is implemented")
        return lambda x: _same_scalar(x, value)

    def _minimum(self, value: float, _schema: Mapping[str, Any]) -> Predicate:
        # Written as jsonschema does, so NaN compares the same way.
        return lambda x: not _is_number(x) or not x < value

    def _maximum(self, value: float, _schema: Mapping[str, Any]) -> Predicate:
        return lambda x: not _is_number(x) or not x > value

    def _min_length(self, value: int, _schema: Mapping[str, Any]) -> Predicate:
        return lambda x: not isinstance(x, str | bytes) or len(x) >= value

    def _min_items(self, value: int, _schema: Mapping[str, Any]) -> Predicate:
        return lambda x: not isinstance(x, list) or len(x) >= value

    def _pattern(self, value: str, _schema: Mapping[str, Any]) -> Predicate:
        search = re.compile(value).search

        def check(x: Any) -> bool:
            if isinstance(x, bytes):
                return search(x.decode("latin-1")) is not None
            return not isinstance(x, str) or search(x) is not None

        return check

    def _not(self, value: Any, _schema: Mapping[str, Any]) -> Predicate:
        valid = self.build(value)
        return lambda x: not valid(x)

    def _if(self, value: Any, schema: Mapping[str, Any]) -> Predicate:
        condition = self.build(value)
        then = self.build(schema.get("then", True))
        otherwise = self.build(schema.get("else", True))
        return lambda x: then(x) if condition(x) else otherwise(x)

    def _ref(self, value: str, _schema: Mapping[str, Any]) -> Predicate:
        if value in self.compiling:
            raise UnsupportedSchemaError(f"recursive $ref {value!r} is not implemented")
        if value not in self.refs:
            self.compiling.add(value)
            self.refs[value] = self.build(self._resolve(value))
            self.compiling.discard(value)
        return self.refs[value]

    def _resolve(self, ref: str) -> Any:
        if not ref.startswith("#/"):
            raise UnsupportedSchemaError(f"only local $ref is implemented: {ref!r}")
        node: Any = self.root
        for part in ref[2:].split("/"):
            key = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, Mapping) or key not in node:
                raise UnsupportedSchemaError(f"unresolvable $ref {ref!r}")
            node = node[key]
        return node


def _same_scalar(x: Any, value: Any) -> bool:
    """JSON Schema equality against a scalar: ``True`` is not ``1``, ``2.0`` is ``2``."""
    if isinstance(x, str) or isinstance(value, str):
        return bool(x == value)
    if isinstance(x, list | dict | bytes):
        return False
    if isinstance(x, bool) or isinstance(value, bool):
        return type(x) is type(value) and x == value
    return bool(x == value)


_KEYWORDS: dict[str, Callable[[_Builder, Any, Mapping[str, Any]], Predicate]] = {
    "type": _Builder._type,
    "properties": _Builder._properties,
    "additionalProperties": _Builder._additional,
    "propertyNames": _Builder._property_names,
    "required": _Builder._required,
    "items": _Builder._items,
    "const": _Builder._const,
    "minimum": _Builder._minimum,
    "maximum": _Builder._maximum,
    "minLength": _Builder._min_length,
    "minItems": _Builder._min_items,
    "pattern": _Builder._pattern,
    "not": _Builder._not,
    "if": _Builder._if,
    "$ref": _Builder._ref,
}
