"""The hand-written example cassettes validate, and only against their own dialect."""

from __future__ import annotations

import pytest
from conftest import DATA, VALID_FIXTURES

from toolkit.lint.schemas import SCHEMA_FORMATS, check_schema
from toolkit.read.parse import read_document


@pytest.mark.parametrize(("name", "format"), VALID_FIXTURES.items())
def test_fixture_validates(name: str, format: str) -> None:
    root = read_document((DATA / name).read_bytes()).root
    assert check_schema(root, format) == []


@pytest.mark.parametrize(("name", "format"), VALID_FIXTURES.items())
def test_fixture_fails_every_other_dialect(name: str, format: str) -> None:
    root = read_document((DATA / name).read_bytes()).root
    for other in SCHEMA_FORMATS:
        if other != format:
            assert check_schema(root, other), other


def test_go_vcr_v1_accepts_fields_it_does_not_know() -> None:
    # yaml.v2 (not strict) drops a key it does not know, so a format-2 field under
    # version 1 still loads and replays in go-vcr v1/v2.
    root = read_document((DATA / "go-vcr-v1.yaml").read_bytes()).root
    root["interactions"][0]["request"]["proto"] = "HTTP/1.1"
    assert check_schema(root, "go-vcr-v1") == []
