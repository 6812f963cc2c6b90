"""Shared helpers for the schema tests: fixtures on disk and findings as tuples."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest

from tests.conftest import DATA as TEST_DATA
from toolkit.lint.schemas import check_schema
from toolkit.read.parse import read_document

DATA = TEST_DATA / "schemas"

#: Valid example cassettes under tests/data/schemas, and the dialect of each.
VALID_FIXTURES: dict[str, str] = {
    "go-vcr-v2.yaml": "go-vcr-v2",
    "go-vcr-v1.yaml": "go-vcr-v1",
    "go-vcr-v1-no-duration.yaml": "go-vcr-v1",
    "vcrpy.yaml": "vcrpy",
    "ruby-vcr.yaml": "ruby-vcr",
    "langchain-split.yaml": "langchain-split",
    "r-vcr.yaml": "r-vcr",
    "har.yaml": "har",
}

Finding = tuple[int, int, str, str]


def findings_in(text: str | bytes, format: str) -> list[Finding]:
    """``(line, column, path, keyword)`` of each violation, for comparing as tuples."""
    data = text if isinstance(text, bytes) else textwrap.dedent(text).encode()
    root = read_document(data).root
    return [(v.line, v.column, v.path, v.keyword) for v in check_schema(root, format)]


@pytest.fixture
def findings() -> Callable[[str | bytes, str], list[Finding]]:
    return findings_in
