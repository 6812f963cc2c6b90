"""No reading or schema error (CT0xx, CT1xx) on real cassettes: those kept in the repository,
and both shared corpora (skipped when absent).

An error there would be a false one: every file of the corpora comes from a project whose
tests replay it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BUNDLED_CORPUS, BUNDLED_EXTRA, CORPUS, CORPUS_EXTRA, corpora
from toolkit.lint.engine import lint_paths
from toolkit.lint.settings import LintSettings


@pytest.mark.parametrize("root", [*corpora(CORPUS, BUNDLED_CORPUS), *corpora(CORPUS_EXTRA, BUNDLED_EXTRA)])
def test_no_reading_or_schema_error(root: Path) -> None:
    result = lint_paths([str(root)], LintSettings(select=("CT0", "CT1")), jobs=2)
    errors = [(f.path, f.line, f.code, f.message) for f in result.findings if f.severity == "error"]
    assert errors == []


@pytest.mark.corpus
def test_agent_sdk_transcripts_are_recognised() -> None:
    folder = CORPUS_EXTRA / "logfire"
    if not folder.is_dir():
        pytest.skip("the shared corpus-extra is not present")
    # Named, since a folder walk passes over files whose start shows no recorder wrote them.
    named = sorted(str(path) for path in folder.rglob("test_claude_agent_sdk/*.json"))
    result = lint_paths(named, LintSettings(select=("CT0", "CT1")), jobs=1)
    assert {(f.path.rsplit("/", 1)[-1], f.code) for f in result.findings} == {
        ("basic_conversation.json", "CT005"),
        ("tool_use_conversation.json", "CT005"),
    }
