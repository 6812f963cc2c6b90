"""Escaping text for its sink: one line, many lines, or any UTF-8 writer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from toolkit.plumbing.printable import encodable, printable, printable_block


def test_control_characters_are_shown_as_escapes() -> None:
    assert printable("a\x1b[2Jb\nc\x9bd\u202ee") == "a\\x1b[2Jb\\x0ac\\x9bd\\u202ee"
    assert printable_block("a\x1b]0;title\x07\nb\tc\r") == "a\\x1b]0;title\\x07\nb\tc\\x0d"


def test_a_file_name_that_is_not_utf8_shows_its_bytes() -> None:
    name = b"bad\xff.yaml".decode("utf-8", "surrogateescape")
    assert encodable(name) == printable(name) == "bad\\xff.yaml"
    assert encodable("\ud800") == "\\ud800"


def test_clean_text_is_the_same_object() -> None:
    text = "model gpt-4o · ünïcode"
    assert printable(text) is text and encodable(text) is text


@given(st.text())
def test_the_result_is_encodable_and_printable(text: str) -> None:
    line = printable(text)
    line.encode("utf-8")
    assert line.isprintable() or not any(c in line for c in "\x1b\n\r\x07\x9b")
    assert "\n" not in line and "\x1b" not in printable_block(text)
    encodable(text).encode("utf-8")
