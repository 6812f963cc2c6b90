"""The shared corpus is sanitized: layers 1 and 2 must find nothing blocking in it.

Every header value, URL (query parameters, userinfo, path), JSON string (at any depth,
JSON inside JSON included), form field and non-JSON body of every cassette is scanned.
Account identifiers (organization/project headers, Vertex project paths, ARNs) may remain
as warnings.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest
from secrets_corpus import CORPUS, Item, corpus_items

from toolkit.credentials import Location, SecretMatch, scan_text, scan_value

pytestmark = pytest.mark.corpus

ACCOUNT_KINDS = {"account-id", "gcp-project-id", "aws-account-id"}


@pytest.fixture(scope="module")
def items() -> list[Item]:
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is absent")
    return list(corpus_items())


def _scan(location: Location, value: str) -> list[SecretMatch]:
    return scan_text(value) if location.kind == "text" else scan_value(location, value)


def _findings(items: list[Item]) -> list[tuple[str, Location, SecretMatch]]:
    return [
        (str(path.relative_to(CORPUS)), location, match)
        for path, location, value in items
        for match in _scan(location, value)
    ]


def test_corpus_has_no_blocking_findings(items: list[Item]) -> None:
    blocking = [
        (path, location, match.kind, match.display)  # the display never holds the secret
        for path, location, match in _findings(items)
        if match.severity == "error"
    ]
    assert blocking == []


def test_corpus_warnings_are_account_identifiers(items: list[Item]) -> None:
    warnings = Counter(match.kind for _, _, match in _findings(items) if match.severity != "error")
    assert set(warnings) <= ACCOUNT_KINDS
    assert warnings["account-id"] > 0  # the corpus keeps OpenAI organization headers


def test_scanning_a_corpus_folder_is_fast(items: list[Item]) -> None:
    """The lint hook scans every string of a 350-cassette folder well under a second."""
    folder = [(p, loc, v) for p, loc, v in items if p.is_relative_to(CORPUS / "fantasy")]
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        for _path, location, value in folder:
            _scan(location, value)
        timings.append(time.perf_counter() - start)
    assert min(timings) < 1.0
