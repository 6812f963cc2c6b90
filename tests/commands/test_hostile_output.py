"""What cassettes and file names hold never escapes into a sink: no escape sequence reaches the
terminal, no file name starts a line a CI runner reads as a command, no CSV cell is a formula,
no Markdown row is broken, and a name that is not UTF-8 is shown, not a crash."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from tests.conftest import run_toolkit

#: A vcrpy cassette whose model names, header, reason and URL carry escape sequences, a formula
#: and a newline, under a file name that holds a newline, a workflow command and an escape.
EVIL = r"""interactions:
- request:
    method: POST
    uri: "https://api.openai.com/v1/chat/completions?x=\e]0;pwned\a"
    body: '{"model": "=HYPERLINK(\"http://x\")\u001b[2J\nrow|break", "messages": []}'
    headers:
      Content-Type:
      - application/json
      X-Evil:
      - "\e[2Jclear"
  response:
    status:
      code: 200
      message: "OK\e[31m"
    headers:
      Content-Type:
      - application/json
    body:
      string: '{"id": "c-1", "model": "@evil\u001b]0;title\u0007", "usage": {"prompt_tokens": 3,
        "completion_tokens": 2, "total_tokens": 5}, "choices": []}'
version: 1
"""
EVIL_NAME = "evil\n::error file=x.yaml::pwned\x1b[2J.yaml"

TERMINAL = (
    ("lint",),
    ("lint", "--format", "github"),
    ("lint", "--format", "junit"),
    ("show",),
    ("report", "--detail"),
    ("report", "-f", "markdown"),
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-output")
    (folder / EVIL_NAME).write_text(EVIL, encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", TERMINAL, ids=" ".join)
def test_no_escape_sequence_or_command_reaches_the_output(folder: Path, command: tuple[str, ...]) -> None:
    done = run_toolkit(*command, "--isolated", ".", cwd=folder)
    assert "Traceback" not in done.stderr
    assert "pwned" in done.stdout  # the file was read and named
    assert not {"\x1b", "\x07", "\x9b"} & set(done.stdout)
    assert not [line for line in done.stdout.splitlines() if line.startswith("::error file=x")]


def test_the_one_screen_summary_is_escaped_too(folder: Path) -> None:
    done = run_toolkit("report", "--isolated", ".", cwd=folder)
    assert "Traceback" not in done.stderr and "Cassette audit" in done.stdout
    assert not {"\x1b", "\x07", "\x9b"} & set(done.stdout)
    assert not [line for line in done.stdout.splitlines() if line.startswith("::error file=x")]


def test_markdown_rows_keep_their_cells(folder: Path) -> None:
    done = run_toolkit("report", "-f", "markdown", "--isolated", ".", cwd=folder)
    rows = [line for line in done.stdout.splitlines() if "HYPERLINK" in line]
    assert rows and all(line.startswith("| ") and line.endswith(" |") for line in rows)
    assert all("\\|break" in line for line in rows)


@pytest.mark.parametrize("table", ["by_model", "by_cassette"])
def test_csv_cells_are_never_formulas(folder: Path, table: str) -> None:
    done = run_toolkit("report", "-f", "csv", "--table", table, "--isolated", ".", cwd=folder)
    cells = [cell for row in csv.reader(io.StringIO(done.stdout)) for cell in row]
    assert any("HYPERLINK" in cell or "pwned" in cell for cell in cells)
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@", "\t", "\r"))]
    assert not [cell for cell in cells if cell.startswith("-") and not _is_number(cell)]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


NOT_UTF8 = os.fsdecode(b"bad\xff.yaml")
EVERY_SINK = (
    ("lint",),
    ("lint", "--format", "sarif"),
    ("lint", "--format", "json"),
    ("lint", "--format", "junit"),
    ("lint", "--format", "github"),
    ("show",),
    ("redact", "--check"),
    *(("report", "-f", name) for name in ("text", "json", "markdown", "html", "csv")),
)


@pytest.mark.skipif(os.name == "nt", reason="file names are Unicode on Windows")
@pytest.mark.parametrize("command", EVERY_SINK, ids=" ".join)
def test_a_file_name_that_is_not_utf8_is_shown(tmp_path: Path, command: tuple[str, ...]) -> None:
    try:
        (tmp_path / NOT_UTF8).write_text(EVIL, encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")
    done = run_toolkit(*command, "--isolated", NOT_UTF8, cwd=tmp_path)
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 1)
    if command[0] in ("lint", "show") or command[-1] in ("text", "markdown"):
        assert any(f"bad{byte}.yaml" in done.stdout for byte in ("\\xff", "%FF", "\\udcff"))


@pytest.mark.skipif(os.name == "nt", reason="file names are Unicode on Windows")
def test_export_takes_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    try:
        (tmp_path / NOT_UTF8).write_text(EVIL, encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")
    done = run_toolkit("export", "--isolated", "-o", "out", NOT_UTF8, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    import pandas as pd

    frame = pd.read_parquet(tmp_path / "out" / "interactions")
    assert list(frame["cassette"]) == ["bad\\xff.yaml"]
