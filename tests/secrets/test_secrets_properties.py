"""Any input gives matches or nothing, never a traceback; matches stay inside the value."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.secrets import Location, SecretMatch, scan_text, scan_value
from toolkit.secrets.model import LocationKind

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
