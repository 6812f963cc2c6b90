"""The bodies and streams rules (CT3xx) over the real cassettes kept in the repository and both
shared corpora (skipped without them): no error-severity finding that is not listed here with
its reason (the list is empty: every error would be a false one), and the severities each
corpus's quirks get."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_CORPUS, BUNDLED_EXTRA, CORPUS, SHARED
from toolkit.lint.engine import LintResult, lint_paths
from toolkit.lint.settings import LintSettings

EXTRA = SHARED / "corpus-extra"
#: Each pair of corpora: kept in the repository, or shared.
CORPORA = {"bundled": (BUNDLED_CORPUS, BUNDLED_EXTRA), "shared": (CORPUS, EXTRA)}

#: Error-severity CT3xx findings that are true, by (corpus-relative path, code): why.
TRUE_ERRORS: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="module", params=["bundled", pytest.param("shared", marks=pytest.mark.corpus)])
def result(request: pytest.FixtureRequest) -> LintResult:
    roots = [str(root) for root in CORPORA[request.param] if root.is_dir()]
    if not roots:
        pytest.skip("the shared corpora are not present")
    return lint_paths(roots, LintSettings(select=("CT3",)), jobs=2)


def _relative(path: str) -> str:
    for root in (CORPUS, EXTRA, BUNDLED_CORPUS, BUNDLED_EXTRA):
        if Path(path).is_relative_to(root):
            return str(Path(path).relative_to(root))
    return path


def test_no_false_error(result: LintResult) -> None:
    errors = {(_relative(f.path), f.code) for f in result.findings if f.severity == "error"}
    assert errors == set(TRUE_ERRORS)


@pytest.mark.corpus
@pytest.mark.parametrize("result", ["shared"], indirect=True)
def test_what_the_quirks_get(result: LintResult) -> None:
    if not (CORPUS.is_dir() and EXTRA.is_dir()):
        pytest.skip("needs both shared corpora")
    codes = Counter((_relative(f.path).split("/")[0], f.code) for f in result.findings)
    # chatlas records its requests' JSON re-serialised (longer than the Content-Length sent): info.
    assert codes[("chatlas", "CT310")] > 300 and codes[("chatlas", "CT306")] <= 2
    # chatlas's Gemini uploads send PDF bytes under application/json: not JSON at all, no finding.
    assert not [f for f in result.findings if "test_google_file_lifecycle" in f.path]
    # Hugging Face's router ends its streams without [DONE]: complete.
    assert not [f for f in result.findings if "test_provider_huggingface" in f.path and f.code != "CT310"]
    # A Groq stream that ends with `event: error`: a warning of its own, not a cut stream.
    assert codes[("pydantic-ai", "CT308")] == 1 and not codes[("pydantic-ai", "CT303")]
