"""``cassette-toolkit report``: formats, --output, --table, --top, --lint, errors."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, SAMPLES
from toolkit.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_text_to_stdout_by_default() -> None:
    code, out = run("report", str(SAMPLES))
    assert code == 0
    assert out.startswith("Cassette audit\n==============\n")
    for title in ("Totals", "By provider", "By model", "By API", "Latency", "Largest cassettes"):
        assert f"\n{title}\n" in out, title


def test_output_is_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / "audit.json"
    target.write_text("old")
    target.chmod(0o640)
    code, out = run("report", str(SAMPLES), "--format", "json", "--output", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["totals"]["interactions"] == 22
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["audit.json"]


def test_unwritable_output_is_a_usage_error(tmp_path: Path) -> None:
    code, out = run("report", str(SAMPLES), "--output", str(tmp_path / "missing" / "audit.txt"))
    assert code == 2 and "cannot write" in out


def test_table_is_for_csv_only() -> None:
    code, out = run("report", str(SAMPLES), "--table", "latency")
    assert code == 2 and "--table applies to --format csv only" in out
    code, out = run("report", str(SAMPLES), "-f", "csv", "--table", "by_provider")
    assert code == 0 and out.splitlines()[0].startswith("provider,cassettes,interactions,")


def test_top(tmp_path: Path) -> None:
    code, out = run("report", str(SAMPLES), "-f", "json", "--top", "2")
    document = json.loads(out)
    assert code == 0 and document["top"] == 2
    assert len(document["largest_cassettes"]) == len(document["most_expensive_cassettes"]) == 2


def test_missing_path_is_a_usage_error() -> None:
    code, out = run("report", "does/not/exist")
    assert code == 2 and "does not exist" in out


def test_paths_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out = run("report", "sample_cassettes/", "-f", "json")
    assert code == 0
    document = json.loads(out)
    assert document["inputs"] == ["sample_cassettes/"]
    assert all(row["cassette"].startswith("sample_cassettes/") for row in document["by_cassette"])
    assert str(ROOT) not in out


def test_no_progress_bar_without_a_terminal(tmp_path: Path) -> None:
    for i in range(60):
        (tmp_path / f"c{i}.yaml").write_bytes((SAMPLES / "govcr2_xai_chat_completion.yaml").read_bytes())
    result = CliRunner().invoke(main, ["report", str(tmp_path), "-f", "csv", "--table", "totals"])
    assert result.exit_code == 0
    assert "reading cassettes" not in result.output
    assert result.output.splitlines()[1].split(",")[:4] == ["60", "0", "60", "60"]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_for_long_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit import cli

    terminal = FakeTerminal()
    monkeypatch.setattr(cli.sys, "stderr", terminal)
    short = cli._ProgressBar()
    for done in range(1, 4):
        short(done, 3)
    short.close()
    assert terminal.getvalue() == ""
    long = cli._ProgressBar()
    for done in range(1, 61):
        long(done, 60)
    long.close()
    assert "reading cassettes" in terminal.getvalue()
