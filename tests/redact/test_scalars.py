"""Scalar edits: in place when the source spells the change verbatim, else re-rendered right."""

from __future__ import annotations

import json

import yaml
from hypothesis import given
from hypothesis import strategies as st

from toolkit.read.document import Position, read_source_map
from toolkit.redact.scalars import render_double_quoted, rewrite_base64, rewrite_changed, split_prefix
from toolkit.redact.substitute import replace_all_bytes, spellings


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_double_quoted_rendering_reads_back_in_yaml_and_json(value: str) -> None:
    rendered = render_double_quoted(value)
    assert yaml.safe_load(f"k: {rendered}\n") == {"k": value}
    assert json.loads(rendered) == value


def test_source_map_spans_and_styles() -> None:
    text = "a: !!python/unicode 'x y'\nb: |\n  one\n  two\nc: [1, \"q\"]\n"
    source = read_source_map(text.encode())
    node = source.scalar_at(Position(1, 4))
    assert node is not None and node.style == "single" and node.value == "x y"
    assert source.text[node.start : node.end] == "!!python/unicode 'x y'"
    assert split_prefix("!!python/unicode 'x y'") == ("!!python/unicode ", "'x y'")
    block = source.scalar_at(Position(2, 4))
    assert block is not None and block.style == "literal" and block.value == "one\ntwo\n"
    flow = source.collection_at(Position(5, 4))
    assert flow is not None and [n.value for n in source.scalars_within(flow)] == ["1", "q"]


def test_change_in_a_folded_double_quoted_body_is_edited_in_place() -> None:
    secret = "sk-" + "a1B2c3D4" * 6
    value = f'{{"id": "x", "text": "{secret}", "more": "' + "word " * 30 + '"}'
    text = "body: " + yaml.dump(value, width=60, default_style='"').strip() + "\nnext: 1\n"
    source = read_source_map(text.encode())
    node = source.scalar_at(Position(1, 7))
    assert node is not None
    new_value = value.replace(secret, "R" * len(secret))
    rewritten = rewrite_changed(text[node.start : node.end], node, new_value)
    assert secret not in rewritten and rewritten.count("\n") == text[node.start : node.end].count("\n")
    assert yaml.safe_load(text[: node.start] + rewritten + text[node.end :])["body"] == new_value


def test_base64_of_the_same_length_overwrites_characters_only() -> None:
    text = "b: !!binary |\n  QUJD\n  REVG\n"
    source = read_source_map(text.encode())
    node = source.scalar_at(Position(1, 4))
    assert node is not None
    assert rewrite_base64(text[node.start : node.end], node, "WFla\nWlpa\n") == "!!binary |\n  WFla\n  Wlpa\n"


def test_spellings_and_same_length_placeholders() -> None:
    secret = "ab/c+d=e\nf"
    assert spellings(secret, ("url",))[0] == secret
    assert "ab%2Fc%2Bd%3De%0Af" in spellings(secret, ("url",))
    assert "ab\\/c+d=e\\nf" in spellings(secret, ("json",))
    data = b'{"k": "ab\\/c+d=e\\nf"}'
    redacted = replace_all_bytes(data, [secret], ("json",))
    assert len(redacted) == len(data) and b"ab" not in redacted
