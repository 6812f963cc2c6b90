"""CT0xx: the reader's problems as findings, at the parser's position."""

from __future__ import annotations

import pytest

from tests.lint.helpers import lint_text, where
from toolkit.lint.rules.example_cassettes import GOOD


def test_syntax_error_at_the_parsers_position() -> None:
    text = "interactions:\n- request:\n    method: GET\n  uri: [\n"
    assert where(lint_text(text)) == [("CT002", 5, 1)]


def test_tab_indentation_is_a_syntax_error() -> None:
    text = "interactions:\n- request:\n\tmethod: GET\n"
    assert where(lint_text(text)) == [("CT002", 3, 1)]


def test_invalid_utf8_points_at_the_byte() -> None:
    assert where(lint_text(b"interactions:\n- x: \xff\n")) == [("CT001", 2, 6)]


def test_python_object_tag_is_refused_not_run() -> None:
    text = "interactions:\n- !!python/object/apply:os.system ['touch /tmp/pwned']\n"
    assert where(lint_text(text)) == [("CT003", 2, 3)]


def test_empty_file_and_empty_list() -> None:
    assert where(lint_text(b"")) == [("CT006", 1, 1)]
    assert where(lint_text("interactions: []\nversion: 1\n")) == [("CT006", 1, 15)]


def test_not_a_cassette() -> None:
    assert where(lint_text("- 1\n- 2\n")) == [("CT004", 1, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "- 1\n- 2\n",  # other data
        '[{"method": "POST", "url": "https://x.test/", "status": 200}]',  # a recorder we do not read
    ],
)
def test_an_unknown_dialect_is_a_warning_not_an_error(text: str) -> None:
    # It may replay in the tool that wrote it: nothing says it will not.
    (finding,) = lint_text(text, "fixture.json")
    assert (finding.code, finding.severity) == ("CT004", "warning")


def test_a_non_http_recording_is_info() -> None:
    text = '{"metadata": {}, "messages": [{"direction": "send", "message": {"type": "user"}}]}'
    (finding,) = lint_text(text, "transcript.json")
    assert (finding.code, finding.severity, finding.line, finding.column) == ("CT005", "info", 1, 30)


def test_duplicate_key_at_the_second_key() -> None:
    text = GOOD.replace("    method: POST\n", "    method: POST\n    method: GET\n", 1)
    assert where(lint_text(text)) == [("CT008", 4, 5)]
    assert lint_text(text)[0].severity == "warning"  # PyYAML keeps the later value


def test_duplicate_key_in_go_vcr_format_2_is_a_syntax_error() -> None:
    # go-vcr v3/v4 read format 2 with yaml.v3, which refuses a mapping key defined twice.
    text = (
        "version: 2\ninteractions:\n- id: 0\n  request: {url: 'https://x.test/', method: GET}\n"
        "  response:\n    code: 200\n    status: 200 OK\n    code: 201\n"
    )
    (finding,) = lint_text(text)
    assert (finding.code, finding.line, finding.column, finding.severity) == ("CT002", 8, 5, "error")
    assert "yaml.v3" in finding.message


def test_malformed_interaction_at_its_item() -> None:
    text = GOOD.replace("version: 1\n", "- just a string\nversion: 1\n")
    assert where(lint_text(text)) == [("CT009", 18, 3)]


def test_gzip_cassette_that_is_not_gzip() -> None:
    assert where(lint_text(b"interactions: []", "cassette.yaml.gz")) == [("CT001", 1, 1)]
