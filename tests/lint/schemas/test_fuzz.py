"""Whatever a document holds, checking it gives findings, never a traceback.

Also: the compiled validity predicate agrees with jsonschema on every mutated
document, so the fast path never hides a violation.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import DATA, VALID_FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.lint.schemas import SCHEMA_FORMATS, SchemaViolation, build_validator, check_schema
from toolkit.lint.schemas.predicate import build_predicate
from toolkit.lint.schemas.registry import load_schema
from toolkit.read.document import DocumentError, YamlMap, YamlSeq
from toolkit.read.parse import read_document

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.binary(max_size=12),
    st.sampled_from(["", "GET", "200 OK", "1.5s", "HTTP/1.1", "UTF-8", "Mon, 01 Apr 2024 12:00:00 GMT"]),
)
KEYS = st.one_of(
    st.text(max_size=10),
    st.sampled_from(["body", "parsed_body", "status", "status_code", "string", "base64_string", "id"]),
    st.integers(),
    st.none(),
    st.booleans(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=10,
)


def _containers(node: Any) -> list[Any]:
    """Every mapping and sequence in the tree, the root first."""
    found = [node] if isinstance(node, dict | list) else []
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    for child in children:
        found += _containers(child)
    return found


def _mutate(root: Any, data: st.DataObject) -> None:
    target = data.draw(st.sampled_from(_containers(root)))
    keys = list(target) if isinstance(target, dict) else list(range(len(target)))
    action = data.draw(st.sampled_from(["replace", "delete", "add"] if keys else ["add"]))
    if action == "replace":
        target[data.draw(st.sampled_from(keys))] = data.draw(VALUES)
    elif action == "delete":
        del target[data.draw(st.sampled_from(keys))]
    elif isinstance(target, dict):
        target[data.draw(KEYS)] = data.draw(VALUES)
    else:
        target.append(data.draw(VALUES))


def _assert_well_formed(violations: list[SchemaViolation]) -> None:
    for v in violations:
        assert isinstance(v, SchemaViolation)
        assert v.line >= 1 and v.column >= 1
        assert v.message and v.path and v.keyword


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(VALID_FIXTURES)), data=st.data())
def test_mutated_documents_never_crash(name: str, data: st.DataObject) -> None:
    root = read_document((DATA / name).read_bytes()).root
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        _mutate(root, data)
    format = VALID_FIXTURES[name]
    violations = check_schema(root, format)
    _assert_well_formed(violations)
    jsonschema_valid = next(iter(build_validator(format).iter_errors(root)), None) is None
    assert build_predicate(load_schema(format))(root) is jsonschema_valid
    assert (violations == []) is jsonschema_valid


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(sorted(VALID_FIXTURES)), data=st.data())
def test_edited_yaml_text_never_crashes(name: str, data: st.DataObject) -> None:
    text = bytearray((DATA / name).read_bytes())
    for _ in range(data.draw(st.integers(min_value=1, max_value=5))):
        at = data.draw(st.integers(min_value=0, max_value=len(text)))
        cut = data.draw(st.integers(min_value=0, max_value=8))
        text[at : at + cut] = data.draw(
            st.sampled_from([b"", b"-", b":", b" ", b"\n", b"[", b"x: 1", b"!!binary AA=="])
        )
    try:
        root = read_document(bytes(text)).root
    except DocumentError:
        return
    for format in SCHEMA_FORMATS:
        _assert_well_formed(check_schema(root, format))


@pytest.mark.parametrize("value", [None, 0, "", b"", [], {}, [[[]]], {None: {1: b"x"}}, float("nan")])
@pytest.mark.parametrize("format", SCHEMA_FORMATS)
def test_any_root_gives_findings(format: str, value: Any) -> None:
    violations = check_schema(value, format)
    assert violations
    _assert_well_formed(violations)


def test_plain_containers_inside_positioned_ones() -> None:
    # Data built in code (plain dict / list) has no positions: the nearest
    # positioned parent is reported instead.
    root = read_document((DATA / "vcrpy.yaml").read_bytes()).root
    assert isinstance(root, YamlMap) and isinstance(root["interactions"], YamlSeq)
    root["interactions"][0]["request"] = {"headers": {}, "method": 1, "uri": "u", "body": None}
    (violation,) = check_schema(root, "vcrpy")
    assert violation.path == "interactions[0].request.method"
    assert violation.position == root["interactions"][0].position_of("request")


@pytest.mark.parametrize("value", [0.0, 3.0, 200.0, -1.0, 0.5, float("inf"), True, "3"])
def test_predicate_and_jsonschema_agree_on_integral_floats(value: Any) -> None:
    # Found by the fuzz test above: JSON Schema's "integer" admits 3.0, so the predicate must too.
    for name, format in sorted(VALID_FIXTURES.items()):
        root = read_document((DATA / name).read_bytes()).root
        for container in _containers(root):
            for key in ("id", "code"):
                if isinstance(container, dict) and key in container:
                    container[key] = value
        jsonschema_valid = next(iter(build_validator(format).iter_errors(root)), None) is None
        assert build_predicate(load_schema(format))(root) is jsonschema_valid, (name, value)
