"""Any input gives matches or nothing, never a traceback; matches stay inside the value.

Also: the matcher's fast form of each regex finds exactly what the regex finds, and random
keys (of every catalog format, or prefix-less) are found wherever they sit.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.credentials import CATALOG, Location, SecretMatch, TokenPattern, scan_text, scan_value
from toolkit.credentials.matcher import _Finder
from toolkit.credentials.pattern import START_BOUNDARIES
from toolkit.credentials.records import LocationKind
from toolkit.credentials.templates import ALPHABETS, expand_all

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


# Recall under random draws. The catalog's example templates expand to keys of every shape
# (``examples.expand``, as the labelled set does); a prefix-less key is random characters
# over an alphabet real keys use, drawn from a seeded ``random.Random`` (Hypothesis's
# shrinking random would draw runs such as ``0000...``, which are placeholders, not keys).
# Either must be found wherever it sits: by its format anywhere, and, without a format, in
# every credential position.

TOKEN_PATTERNS = [pattern for pattern in CATALOG if pattern.layer == "token"]
# Where a catalog key is planted: free text, and credential positions that hand the whole
# value (or the part after the scheme) to the judge.
CARRIERS: list[tuple[LocationKind, str, str]] = [
    ("text", "", "{}"),
    ("text", "", 'log line: "{}" (end)'),
    ("header", "Authorization", "Bearer {}"),
    ("header", "x-api-key", "{}"),
    ("query", "key", "{}"),
    ("json_key", "api_key", "{}"),
    ("json_key", "password", "{}"),
    ("form", "client_secret", "{}"),
]


@settings(max_examples=300, deadline=None)
@given(pattern=st.sampled_from(TOKEN_PATTERNS), seed=st.integers(), carrier=st.sampled_from(CARRIERS))
def test_catalog_keys_are_found_wherever_they_are(
    pattern: TokenPattern, seed: int, carrier: tuple[LocationKind, str, str]
) -> None:
    kind, name, template = carrier
    for example in expand_all(pattern.must_match, f"property:{seed}"):
        value = template.format(example)
        matches = scan_text(value) if kind == "text" else scan_value(Location(kind, name), value)
        assert pattern.id in [match.kind for match in matches], (pattern.id, kind, name)


PREFIXLESS_ALPHABETS = {
    "base62": ALPHABETS["b62"],
    "hex": ALPHABETS["hex"],
    "HEX": ALPHABETS["hex"].upper(),
    "base64": ALPHABETS["b64"],
    "base64url": ALPHABETS["b64url"],
    "lowercase alnum": ALPHABETS["lowalnum"],
}
# Every kind of credential position, with how the value is written there.
POSITIONS: list[tuple[LocationKind, str, str]] = [
    ("header", "Authorization", "Bearer {}"),
    ("header", "Authorization", "{}"),
    ("header", "Proxy-Authorization", "Token {}"),
    ("header", "x-api-key", "{}"),
    ("header", "api-key", "{}"),
    ("header", "x-goog-api-key", "{}"),
    ("header", "Ocp-Apim-Subscription-Key", "{}"),
    ("header", "x-acme-token", "{}"),
    ("header", "x-client-secret", "{}"),
    ("header", "llm_provider-x-api-key", "{}"),
    ("header", "Cookie", "theme=dark; session={}"),
    ("query", "key", "{}"),
    ("query", "api_key", "{}"),
    ("query", "access_token", "{}"),
    ("query", "token", "{}"),
    ("query", "sig", "{}"),
    ("query", "X-Amz-Signature", "{}"),
    ("form", "client_secret", "{}"),
    ("form", "password", "{}"),
    ("form", "refresh_token", "{}"),
    ("json_key", "api_key", "{}"),
    ("json_key", "apiKey", "{}"),
    ("json_key", "secret", "{}"),
    ("json_key", "token", "{}"),
    ("json_key", "private_key", "{}"),
    ("json_key", "db_password", "{}"),
    ("json_key", "authorization", "Bearer {}"),
    ("userinfo", "proxy-user", "{}"),
]


# Keys come from a seeded generator: Hypothesis draws (and, under the CI profile, fixes) the seed,
# while the characters stay as random as a real key's. Strategies over characters would shrink
# towards "0000...", which is a placeholder, not a key.
@settings(max_examples=300, deadline=None)
@given(
    seed=st.integers(0, 2**64 - 1),
    alphabet=st.sampled_from(sorted(PREFIXLESS_ALPHABETS)),
    length=st.integers(20, 64),
)
def test_random_prefixless_keys_are_found_in_every_credential_position(
    seed: int, alphabet: str, length: int
) -> None:
    characters = PREFIXLESS_ALPHABETS[alphabet]
    rng = random.Random(seed)
    key = "".join(rng.choice(characters) for _ in range(length))
    for kind, name, template in POSITIONS:
        value = template.format(key)
        errors = [match for match in scan_value(Location(kind, name), value) if match.severity == "error"]
        assert [value[match.start : match.end] for match in errors] == [key], (alphabet, kind, name)
