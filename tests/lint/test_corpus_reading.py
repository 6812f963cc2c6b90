"""No reading or schema error (CT0xx, CT1xx) on the real cassettes of both shared corpora.

An error there would be a false one: every file of the corpora comes from a project whose
tests replay it. Skipped when a corpus is absent.
"""

from __future__ import annotations

import pytest

from tests.conftest import SHARED
from toolkit.lint.engine import lint_paths
from toolkit.lint.settings import LintSettings

pytestmark = pytest.mark.corpus


@pytest.mark.parametrize("name", ["corpus", "corpus-extra"])
def test_no_reading_or_schema_error(name: str) -> None:
    root = SHARED / name
    if not root.is_dir():
        pytest.skip(f"the shared {name} is not present")
    result = lint_paths([str(root)], LintSettings(select=("CT0", "CT1")), jobs=2)
    errors = [(f.path, f.line, f.code, f.message) for f in result.findings if f.severity == "error"]
    assert errors == []


def test_agent_sdk_transcripts_are_recognised() -> None:
    folder = SHARED / "corpus-extra" / "logfire"
    if not folder.is_dir():
        pytest.skip("the shared corpus-extra is not present")
    # Named, since a folder walk passes over files whose start shows no recorder wrote them.
    named = sorted(str(path) for path in folder.rglob("test_claude_agent_sdk/*.json"))
    result = lint_paths(named, LintSettings(select=("CT0", "CT1")), jobs=1)
    assert {(f.path.rsplit("/", 1)[-1], f.code) for f in result.findings} == {
        ("basic_conversation.json", "CT005"),
        ("tool_use_conversation.json", "CT005"),
    }
