"""NDJSON, JSON text sequences and JSON arrays of chunks."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.analyze.streams.jsonstream import JsonStreamDecoding, decode_json_array, decode_ndjson


def kinds(decoding: JsonStreamDecoding) -> list[tuple[str, int]]:
    return [(problem.kind, problem.byte_offset) for problem in decoding.problems]


def items(decoding: JsonStreamDecoding) -> list[tuple[object, int]]:
    return [(item.value, item.byte_offset) for item in decoding.items]


def test_ndjson_lines_and_offsets() -> None:
    decoding = decode_ndjson(b'{"a": 1}\n\n  \r\n{"b": 2}\r\n[3]')
    assert items(decoding) == [({"a": 1}, 0), ({"b": 2}, 14), ([3], 24)]
    assert [item.text for item in decoding.items] == ['{"a": 1}', '{"b": 2}', "[3]"]
    assert decoding.problems == ()


def test_ndjson_bad_line_is_reported_and_skipped() -> None:
    decoding = decode_ndjson(b'{"a": 1}\n{"b": }\n{"c": 3}\n')
    assert [value for value, _ in items(decoding)] == [{"a": 1}, {"c": 3}]
    assert kinds(decoding) == [("invalid-json", 15)]


def test_ndjson_cut_last_line_is_truncated() -> None:
    decoding = decode_ndjson(b'{"a": 1}\n{"b": 2')
    assert kinds(decoding) == [("truncated-json", 16)]


def test_ndjson_invalid_utf8() -> None:
    decoding = decode_ndjson(b'{"a": "\xff"}\n')
    assert [value for value, _ in items(decoding)] == [{"a": "\ufffd"}]
    assert kinds(decoding) == [("invalid-utf8", 7)]


def test_json_text_sequence() -> None:
    decoding = decode_ndjson(b'\x1e{"a": 1}\n\x1e[2,\n3]\n')
    assert items(decoding) == [({"a": 1}, 1), ([2, 3], 11)]


GEMINI = (
    b'[{"candidates": [{"content": {"parts": [{"text": "Hel"}]}}]}\r\n'
    b',\r\n{"candidates": [{"content": {"parts": [{"text": "lo \xc3\xa9"}]}}]}\r\n'
    b',\r\n{"usageMetadata": {"totalTokenCount": 9}}\r\n]'
)


def test_json_array_elements_and_offsets() -> None:
    decoding = decode_json_array(GEMINI)
    assert decoding.problems == ()
    assert len(decoding.items) == 3
    for item in decoding.items:
        assert GEMINI[item.byte_offset :].decode().startswith(item.text)
        assert json.loads(item.text) == item.value
    assert decoding.items[2].byte_offset == GEMINI.index(b'{"usage')


def test_json_array_cut_off_keeps_complete_elements() -> None:
    cut = GEMINI[: GEMINI.index(b"usage")]
    decoding = decode_json_array(cut)
    assert len(decoding.items) == 2
    assert [p.kind for p in decoding.problems] == ["truncated-json"]
    after_comma = GEMINI[: GEMINI.index(b'{"usage')]
    assert [p.kind for p in decode_json_array(after_comma).problems] == ["truncated-json"]


def test_json_array_edge_cases() -> None:
    assert decode_json_array(b" [ ] ") == JsonStreamDecoding((), ())
    assert kinds(decode_json_array(b'{"a": 1}')) == [("invalid-json", 0)]
    assert kinds(decode_json_array(b"[1] 2")) == [("invalid-json", 4)]
    assert kinds(decode_json_array(b"[1 2]")) == [("invalid-json", 3)]
    assert kinds(decode_json_array(b"[1, tru]")) == [("invalid-json", 4)]
    assert kinds(decode_json_array(b"")) == [("truncated-json", 0)]
    assert items(decode_json_array(b'\xef\xbb\xbf["\xc3\xa9", 1]')) == [("\u00e9", 4), (1, 10)]


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    assert decode_json_array(b"[" + deep + b"]").problems[0].kind == "invalid-json"
    assert decode_ndjson(deep + b"\n").problems[0].kind == "invalid-json"


#: The integers the reader keeps exact: 64-bit ones (beyond that it reads a float, on purpose;
#: see ``toolkit.read.jsonparse`` and ``test_integers_beyond_64_bits_read_as_floats``).
INT64 = st.integers(min_value=-(2**63), max_value=2**64 - 1)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | INT64 | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10,
)
SPACE = st.sampled_from(["", " ", "\n", "\r\n", "\t"])


@st.composite
def arrays(draw: st.DrawFn) -> tuple[bytes, list[object]]:
    values: list[object] = draw(st.lists(JSON_VALUES, max_size=5))
    parts = [draw(SPACE) + json.dumps(value, ensure_ascii=draw(st.booleans())) for value in values]
    text = "[" + draw(SPACE) + ("," + draw(SPACE)).join(parts) + draw(SPACE) + "]"
    return text.encode("utf-8"), values


@given(arrays())
def test_arrays_decode_to_their_elements(array: tuple[bytes, list[object]]) -> None:
    body, values = array
    decoding = decode_json_array(body)
    assert decoding.problems == ()
    assert [item.value for item in decoding.items] == values
    for item in decoding.items:
        assert body[item.byte_offset :].decode("utf-8").startswith(item.text)


@given(arrays(), st.integers(min_value=0))
def test_any_prefix_keeps_a_prefix_of_the_elements(array: tuple[bytes, list[object]], cut: int) -> None:
    body, values = array
    prefix = body[: cut % (len(body) + 1)]
    decoding = decode_json_array(prefix)
    kept = [item.value for item in decoding.items]
    assert kept == values[: len(kept)]
    if prefix != body:
        assert "truncated-json" in [p.kind for p in decoding.problems]
        assert {p.kind for p in decoding.problems} <= {"truncated-json", "invalid-utf8"}


@given(st.lists(JSON_VALUES, max_size=5))
def test_ndjson_round_trip(values: list[object]) -> None:
    body = b"".join(json.dumps(value).encode() + b"\n" for value in values)
    assert [item.value for item in decode_ndjson(body).items] == values


@pytest.mark.parametrize("number", [-(2**63) - 1, 2**64, 10**30, -(10**30)])
def test_integers_beyond_64_bits_read_as_floats(number: int) -> None:
    decoding = decode_ndjson(f"[{number}]\n".encode())
    assert decoding.problems == ()
    assert decoding.items[0].value == [float(number)]


@given(st.binary(max_size=300))
def test_any_bytes_decode_without_raising(body: bytes) -> None:
    for decoding in (decode_ndjson(body), decode_json_array(body)):
        assert all(0 <= problem.byte_offset <= len(body) for problem in decoding.problems)
