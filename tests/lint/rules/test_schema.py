"""CT101: schema violations at the YAML node, once per node, not on top of CT009."""

from __future__ import annotations

from tests.conftest import DATA
from tests.lint.helpers import lint_text, where
from toolkit.lint.rules.example_cassettes import GOOD


def test_wrong_types_at_each_node() -> None:
    data = (DATA / "hostile" / "wrong_types.yaml").read_bytes()
    assert where(lint_text(data)) == [("CT101", 4, 14), ("CT101", 10, 14), ("CT101", 13, 7)]


def test_binary_bodies_validate() -> None:
    text = GOOD.replace(
        '      string: \'{"id"', '      string: !!binary |\n        eyJpZCI6ICJ4In0=\n      x: \'{"id"'
    )
    text = text.replace(
        '      x: \'{"id": "chatcmpl-1", "model": "gpt-4o-mini-2024-07-18", "choices": []}\'\n', ""
    )
    assert where(lint_text(text), "CT1") == []


def test_a_malformed_interaction_is_reported_once() -> None:
    text = (
        "interactions:\n- request:\n    method: GET\n    uri: https://api.openai.com/v1/models\nversion: 1\n"
    )
    assert where(lint_text(text)) == [("CT009", 2, 3)]


def test_unreadable_files_have_no_schema_findings() -> None:
    assert where(lint_text("interactions: [\n")) == [("CT002", 2, 1)]
