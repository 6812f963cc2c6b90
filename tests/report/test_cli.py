"""``cassette-toolkit report``: formats, --output, --table, --top, --lint, errors."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, SAMPLES, run_toolkit
from toolkit.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_text_to_stdout_by_default() -> None:
    code, out = run("report", str(SAMPLES))
    assert code == 0
    assert out.startswith("Cassette audit\n==============\n")
    for title in ("Summary", "Models that cost most", "Latency", "Problems"):
        assert f"\n{title}\n" in out, title
    assert "\nBy model\n" not in out and "--detail" in out


def test_text_is_one_screen_within_100_columns_and_detail_has_every_table() -> None:
    """As a user runs it: a separate process, stdout and stderr apart."""
    brief = run_toolkit("report", "sample_cassettes/", "--lint")
    lines = brief.stdout.splitlines()
    assert brief.returncode == 0 and brief.stderr == ""
    assert max(len(line) for line in lines) <= 100 and len(lines) <= 60
    assert "\nLint\n\n" in brief.stdout and "\nBy model\n" not in brief.stdout
    detail = run_toolkit("report", "sample_cassettes/", "--lint", "--detail")
    assert detail.returncode == 0 and detail.stderr == ""
    assert detail.stdout.startswith(brief.stdout.split("\nEvery table: ")[0])
    for title in ("Totals", "By provider", "By model", "By API", "Latency", "Largest cassettes", "Lint"):
        assert f"\n{title}\n{'-' * len(title)}\n" in detail.stdout, title
    assert "--detail" not in detail.stdout


TABLE_FILES = {
    "totals.csv", "by_provider.csv", "by_model.csv", "by_api.csv", "by_cassette.csv",
    "largest_cassettes.csv", "most_expensive_cassettes.csv", "latency.csv", "problems.csv", "lint.csv",
}  # fmt: skip


def test_every_table_as_csv_into_a_folder_in_one_run(tmp_path: Path) -> None:
    output = tmp_path / "tables"
    (output).mkdir()
    (output / "notes.txt").write_text("kept")
    done = run_toolkit("report", str(SAMPLES), "-f", "csv", "--table", "all", "--lint", "-o", str(output))
    assert done.returncode == 0 and done.stdout == ""
    assert done.stderr.startswith(f"wrote 10 tables to {output}: totals.csv, by_provider.csv,")
    files = {path.name: path.read_text() for path in output.iterdir()}
    assert set(files) == TABLE_FILES | {"notes.txt"} and files["notes.txt"] == "kept"
    for name in sorted(TABLE_FILES):  # each the same as the run for that one table
        code, one = run("report", str(SAMPLES), "-f", "csv", "--table", name.removesuffix(".csv"), "--lint")
        assert code == 0 and files[name] == one, name
    without_lint = tmp_path / "without-lint"
    assert run("report", str(SAMPLES), "-f", "csv", "--table", "all", "-o", str(without_lint))[0] == 0
    assert {path.name for path in without_lint.iterdir()} == TABLE_FILES - {"lint.csv"}


def test_every_table_as_csv_into_a_zip_is_the_same_bytes_each_run(tmp_path: Path) -> None:
    folder, archives = tmp_path / "tables", [tmp_path / "one.zip", tmp_path / "two.ZIP"]
    assert run("report", str(SAMPLES), "-f", "csv", "--table", "all", "--lint", "-o", str(folder))[0] == 0
    for archive in archives:
        done = run_toolkit(
            "report", str(SAMPLES), "-f", "csv", "--table", "all", "--lint", "-o", str(archive)
        )
        assert done.returncode == 0 and f"wrote 10 tables to {archive}" in done.stderr
    with zipfile.ZipFile(archives[0]) as opened:
        files = {name: opened.read(name).decode() for name in opened.namelist()}
        assert {info.date_time for info in opened.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert files == {path.name: path.read_text() for path in folder.iterdir()}
    assert archives[0].read_bytes() == archives[1].read_bytes()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["one.zip", "tables", "two.ZIP"]


def test_every_table_needs_an_output_and_one_table_no_folder(tmp_path: Path) -> None:
    done = run_toolkit("report", "sample_cassettes/", "-f", "csv", "--table", "all")
    assert done.returncode == 2 and done.stdout == ""
    assert "--table all writes one file per table: name a folder or a .zip" in done.stderr
    done = run_toolkit("report", "sample_cassettes/", "-f", "csv", "-o", str(tmp_path))
    assert done.returncode == 2 and f"{tmp_path} is a folder" in done.stderr
    done = run_toolkit("report", "sample_cassettes/", "--table", "all", "-o", str(tmp_path))
    assert done.returncode == 2 and "--table applies to --format csv only" in done.stderr
    blocked = tmp_path / "file"
    blocked.write_text("")
    code, out = run("report", str(SAMPLES), "-f", "csv", "--table", "all", "-o", str(blocked / "tables"))
    assert code == 2 and "cannot write" in out


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
