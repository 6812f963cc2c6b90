"""toolkit.read.jsonparse.loads gives json.loads's result, or raises where it raises (64-bit integers)."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.read.jsonparse import loads

VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@given(VALUES)
def test_same_as_json(value: object) -> None:
    text = json.dumps(value)
    assert loads(text) == json.loads(text)
    assert loads(text.encode()) == json.loads(text)


@given(st.text(max_size=40))
def test_same_errors_as_json(text: str) -> None:
    try:
        expected = json.loads(text)
    except ValueError:
        with pytest.raises(ValueError):
            loads(text)
    else:
        if isinstance(expected, int) and not -(2**63) <= expected < 2**63:
            return  # read as a float, on purpose (see the last test)
        assert loads(text) == expected


def test_what_orjson_refuses_json_still_reads() -> None:
    assert math.isnan(loads('{"x": NaN}')["x"])
    assert loads("[Infinity]") == [math.inf]


def test_integers_beyond_64_bits_are_read_as_floats() -> None:
    assert loads("123456789012345678901234567890") == pytest.approx(1.2345678901234568e29)


def test_parse_body_is_parsed_once_and_shared() -> None:
    from toolkit.read.jsonparse import parse_body

    body = b'  {"usage": {"prompt_tokens": 3}}'
    first, second = parse_body(body), parse_body(bytes(body))
    assert first is second and first.value == {"usage": {"prompt_tokens": 3}} and first.error is None
    broken = parse_body(b'{"a": ')
    assert broken.value is None and isinstance(broken.error, ValueError)
    assert parse_body(b"data: {}") == parse_body(b"plain text")  # not JSON: no value, no error
