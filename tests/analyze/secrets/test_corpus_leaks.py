"""The shared corpus is sanitized: no blocking secret finding, and ``redact`` changes nothing.

Account identifiers (OpenAI organization headers, Vertex AI project ids in URLs, AWS
account ids in ARNs) remain, as CT203 warnings.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from toolkit.lint.engine import LintResult, lint_paths
from toolkit.lint.settings import LintSettings
from toolkit.read.files import discover
from toolkit.redact import redact_text
from toolkit.redact.files import read_text

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def result(corpus: Path) -> LintResult:
    return lint_paths([str(corpus)], LintSettings(select=("CT2",)), jobs=4)


def test_no_blocking_secret_in_the_corpus(result: LintResult) -> None:
    blocking = [(f.path, f.line, f.code, f.message) for f in result.findings if f.severity == "error"]
    assert blocking == []


def test_only_account_identifiers_are_reported(result: LintResult) -> None:
    by_code = Counter(f.code for f in result.findings)
    assert set(by_code) == {"CT203"}
    messages = Counter(f.message.split(" holds ")[1].split(" (")[0] for f in result.findings)
    assert set(messages) <= {
        "an account identifier account-id",
        "an account identifier gcp-project-id",
        "an account identifier aws-account-id",
    }


def test_redact_changes_no_corpus_file(corpus: Path) -> None:
    for path in discover([corpus]):
        data = read_text(path)
        outcome = redact_text(data, path)
        assert not outcome.changed and outcome.problem is None and not outcome.redacted, path
