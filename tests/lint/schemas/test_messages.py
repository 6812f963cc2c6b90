"""Messages and paths name the field and the kind of value, never the value."""

from __future__ import annotations

from typing import Any

import pytest

from toolkit.lint.schemas import SCHEMA_FORMATS, SchemaViolation, check_schema, schema_for
from toolkit.lint.schemas.describe import DESCRIBED_KEYWORDS, MAX_NAME, render_path
from toolkit.read.parse import read_document

SECRET = "sk-live-0123456789abcdefSECRET"


def _check(text: str, format: str) -> list[SchemaViolation]:
    return check_schema(read_document(text.encode()).root, format)


def test_wrong_typed_values_are_not_echoed() -> None:
    text = f"""\
version: 2
interactions:
- id: 0
  request:
    proto: HTTP/1.1
    proto_major: 1
    proto_minor: 1
    content_length: 0
    host: [{SECRET}]
    url: https://x.test/?key={SECRET}
    method: {SECRET}
    headers:
      Authorization: Bearer {SECRET}
    body: {{api_key: {SECRET}}}
  response:
    {SECRET}: 1
"""
    violations = _check(text, "go-vcr-v2")
    assert len(violations) >= 4
    for v in violations:
        assert SECRET not in v.message
        assert SECRET[:12] not in v.message


#: A vcrpy cassette whose request has one more key, which vcrpy's Request(**fields) refuses.
_EXTRA_REQUEST_KEY = """\
interactions:
- request:
    body: ''
    headers: {{}}
    method: GET
    uri: https://x.test/
    {name}: 1
  response: {{headers: {{}}, status: {{code: 200, message: OK}}, body: {{string: ''}}}}
"""


def test_long_names_are_shortened() -> None:
    (violation,) = _check(_EXTRA_REQUEST_KEY.format(name="x" * 500), "vcrpy")
    assert violation.keyword == "additionalProperties"
    assert len(violation.message) < 100
    assert len(violation.path) <= len("interactions[0].request.") + MAX_NAME + 4


def test_control_characters_in_names_are_escaped() -> None:
    # A YAML escape puts a BEL control character into the key.
    (violation,) = _check(_EXTRA_REQUEST_KEY.format(name='"ring\\a"'), "vcrpy")
    assert "\x07" not in violation.message + violation.path
    assert "ring" in violation.message


def test_paths() -> None:
    assert render_path([]) == "$"
    assert render_path(["interactions", 3, "response", "status", "code"]) == (
        "interactions[3].response.status.code"
    )
    assert render_path(["headers", "Content-Type", 0]) == "headers.Content-Type[0]"
    assert render_path(["headers", "x y"]) == 'headers["x y"]'
    assert render_path(["headers", None]) == 'headers["None"]'


def test_messages_are_short_single_lines() -> None:
    text = """\
http_interactions:
- request: {method: 1, uri: '', body: {encoding: 1, base64_string: '!!'}, headers: []}
  response: {status: {code: 1000}, headers: {A: [1]}, extra: x}
  recorded_at: yesterday
recorded_with: 6
"""
    violations = _check(text, "ruby-vcr")
    assert len(violations) == 7
    for v in violations:
        assert "\n" not in v.message
        assert len(v.message) < 120


def _keywords(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for value in node.values() for k in _keywords(value)}
    if isinstance(node, list):
        return {k for value in node for k in _keywords(value)}
    return set()


#: Keywords that only route to subschemas or annotate; the errors they cause
#: are reported by the keyword that failed underneath.
_STRUCTURAL = {
    "$schema",
    "$id",
    "$comment",
    "$defs",
    "$ref",
    "title",
    "description",
    "properties",
    "items",
    "propertyNames",
    "if",
    "then",
    "else",
}


@pytest.mark.parametrize("format", SCHEMA_FORMATS)
def test_every_failing_keyword_has_its_own_message(format: str) -> None:
    keywords = _keywords(schema_for(format)) - _STRUCTURAL
    # Keys under properties / $defs are field names, not keywords.
    schema = schema_for(format)
    names = set(schema["$defs"]) | {k for d in _walk_properties(schema) for k in d}
    assert keywords - names <= DESCRIBED_KEYWORDS


def _walk_properties(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        own = [node["properties"]] if isinstance(node.get("properties"), dict) else []
        return own + [d for value in node.values() for d in _walk_properties(value)]
    if isinstance(node, list):
        return [d for value in node for d in _walk_properties(value)]
    return []
