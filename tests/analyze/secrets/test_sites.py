"""The walker: where values are found, and the cheap credential-key test that gates JSON parsing."""

from __future__ import annotations

import json

import pytest

from toolkit.analyze.secrets.sites import _CREDENTIAL_ENDINGS, may_hold_credential_key
from toolkit.credentials import Location
from toolkit.credentials.positions import (
    _CREDENTIAL_KEYS,
    _CREDENTIAL_SUFFIXES,
    _PASSWORD_ENDINGS,
    _SHARED_KEYS,
    classify_position,
)

JSON_CREDENTIAL_KEYS = (
    _CREDENTIAL_KEYS | set(_CREDENTIAL_SUFFIXES) | set(_PASSWORD_ENDINGS) | _SHARED_KEYS["json_key"]
)


def _spelled(word: str) -> list[str]:
    """A normalised key as people write it: snake, kebab, camel and upper case."""
    return [
        word,
        word.upper(),
        f"my_{word}",
        f"x-{word}",
        word[:3] + "_" + word[3:],
        word[:3] + word[3:].title(),
    ]


@pytest.mark.parametrize("key", sorted(JSON_CREDENTIAL_KEYS))
def test_every_json_credential_key_passes_the_prefilter(key: str) -> None:
    for spelled in _spelled(key):
        if classify_position(Location("json_key", spelled)) is None:
            continue
        document = json.dumps({spelled: "v"})
        assert may_hold_credential_key(document), spelled
        assert may_hold_credential_key(json.dumps({"outer": document})), spelled  # JSON in JSON
        assert may_hold_credential_key(json.dumps({spelled: "v"}, indent=2)), spelled


@pytest.mark.parametrize(
    "key", ["max_tokens", "prompt_cache_key", "input_tokens", "signature", "idempotency"]
)
def test_ordinary_llm_keys_do_not_pass(key: str) -> None:
    assert not may_hold_credential_key(json.dumps({key: "x", "type": "token"}))


def test_endings_cover_every_strong_suffix() -> None:
    for key in JSON_CREDENTIAL_KEYS:
        assert key.endswith(_CREDENTIAL_ENDINGS), key
