"""Any input gives matches or nothing, never a traceback; matches stay inside the value.

Also: the matcher's fast form of each regex finds exactly what the regex finds.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.secrets import CATALOG, Location, SecretMatch, TokenPattern, scan_text, scan_value
from toolkit.secrets.examples import expand_all
from toolkit.secrets.matcher import _Finder
from toolkit.secrets.model import LocationKind
from toolkit.secrets.pattern import START_BOUNDARIES

KINDS: list[LocationKind] = ["header", "query", "userinfo", "json_key", "form", "url", "text"]
NAMES = st.sampled_from(
    ["authorization", "x-api-key", "cookie", "api_key", "token", "X-Amz-Credential", "", "key"]
) | st.text(max_size=30)
# Text biased towards the characters and prefixes the catalog cares about.
ALPHABET = st.characters(codec="utf-8") | st.sampled_from(list("sk-_AKIAeyJ.=/+ :;\"'"))
VALUES = st.text(alphabet=ALPHABET, max_size=300) | st.sampled_from(
    ["Bearer ", "Basic ", "Basic =", "AWS4-HMAC-SHA256 Credential=", "sk-proj-", "\ud800"]
).flatmap(lambda prefix: st.text(alphabet=ALPHABET, max_size=200).map(prefix.__add__))


def _check(matches: list[SecretMatch], value: str) -> None:
    for match in matches:
        assert 0 <= match.start < match.end <= len(value)
        assert match.severity in ("error", "warning", "info")
        assert len(match.fingerprint) == 16


@settings(max_examples=400, deadline=None)
@given(kind=st.sampled_from(KINDS), name=NAMES, value=VALUES)
def test_scan_value_never_raises(kind: LocationKind, name: str, value: str) -> None:
    _check(scan_value(Location(kind, name), value), value)


@settings(max_examples=200, deadline=None)
@given(value=VALUES)
def test_scan_text_never_raises(value: str) -> None:
    _check(scan_text(value, accounts=True), value)


# The matcher cuts a leading start boundary off each regex and checks it itself (for speed);
# it must find exactly what the whole regex finds.

BOUNDARY_TEXT = st.text(alphabet=st.sampled_from([*"ab_-+/=.: \n0", "\u00e9"]), max_size=8)


@pytest.mark.parametrize("boundary", sorted(START_BOUNDARIES))
def test_start_boundary_characters_are_those_of_the_look_behind(boundary: str) -> None:
    after = re.compile(boundary + "x")
    forbidden = {chr(c) for c in range(0x2000) if after.match(chr(c) + "x", 1) is None}
    assert forbidden == START_BOUNDARIES[boundary]


def _pieces_for(pattern: TokenPattern) -> st.SearchStrategy[str]:
    examples = expand_all(pattern.must_match, pattern.id)
    return st.sampled_from(examples) if examples else st.just("")


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_the_finder_finds_what_the_whole_regex_finds(data: st.DataObject) -> None:
    pattern = data.draw(st.sampled_from(CATALOG))
    pieces = data.draw(st.lists(_pieces_for(pattern) | BOUNDARY_TEXT, max_size=6))
    text = "".join(pieces)
    whole = pattern.compile()
    group = "secret" if "secret" in whole.groupindex else 0
    assert list(_Finder(pattern.regex).spans(text)) == [m.span(group) for m in whole.finditer(text)]
