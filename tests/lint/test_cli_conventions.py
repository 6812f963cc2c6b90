"""What users of ruff and pre-commit expect of ``lint`` on day one, run as they run it: a process.

``--statistics``, ``--exit-zero`` / ``--fail-on never``, ``--quiet``, standard input with
``--stdin-filename`` (for editors), and ``--show-source``.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT
from toolkit.credentials.templates import expand
from toolkit.lint.rules.example_cassettes import GOOD, vcrpy_cassette

REPORT = DATA / "lint" / "report"


def lint(*args: str, cwd: Path = ROOT, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """``cassette-toolkit lint ARGS`` in a fresh process (``python -m toolkit``)."""
    done = subprocess.run(
        [sys.executable, "-m", "toolkit", "lint", *args],
        cwd=cwd,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        check=False,
        env={**_environment(), "PYTHONPATH": str(ROOT)},
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    )


def _environment() -> dict[str, str]:
    import os

    return {key: value for key, value in os.environ.items() if key != "NO_COLOR"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with a clean cassette, one with a warning (CT402) and a broken one (CT002)."""
    cassettes = tmp_path / "cassettes"
    cassettes.mkdir()
    (cassettes / "good.yaml").write_text(GOOD, encoding="utf-8")
    (cassettes / "warn.yaml").write_text(vcrpy_cassette(status=401, reason="Unauthorized"), encoding="utf-8")
    (cassettes / "broken.yaml").write_bytes((REPORT / "broken.yaml").read_bytes())
    return tmp_path


def test_statistics_counts_each_code_most_frequent_first(project: Path) -> None:
    (project / "cassettes" / "warn2.yaml").write_text(
        vcrpy_cassette(status=429, reason="Too Many Requests"), encoding="utf-8"
    )
    done = lint("cassettes", "--statistics", cwd=project)
    assert done.returncode == 1, done.stderr  # the same exit status as without it
    lines = done.stdout.splitlines()
    assert lines[0].split()[:3] == ["2", "CT402", "warning"] and lines[0].endswith("(2 files)")
    assert lines[1].split()[:3] == ["1", "CT002", "error"]
    assert lines[-1].startswith("Found 3 findings")
    assert "warn.yaml" not in done.stdout  # counts, not findings
    as_json = json.loads(lint("cassettes", "--statistics", "--format", "json", cwd=project).stdout)
    assert [(row["code"], row["count"], row["files"]) for row in as_json["statistics"]] == [
        ("CT402", 2, 2),
        ("CT002", 1, 1),
    ]
    assert "findings" not in as_json and as_json["summary"]["findings"] == 3


def test_statistics_is_refused_where_it_means_nothing(project: Path) -> None:
    done = lint("cassettes", "--statistics", "--format", "sarif", cwd=project)
    assert done.returncode == 2 and "--statistics" in done.stderr and done.stdout == ""


@pytest.mark.parametrize("flags", [("--exit-zero",), ("--fail-on", "never")])
def test_exit_zero_reports_and_never_fails(project: Path, flags: tuple[str, ...]) -> None:
    done = lint("cassettes", *flags, cwd=project)
    assert done.returncode == 0, done.stderr
    assert "CT002" in done.stdout and "Found 2 findings" in done.stdout
    summary = json.loads(lint("cassettes", *flags, "--format", "json", cwd=project).stdout)["summary"]
    assert summary["fail_on"] == "never" and summary["failed"] is False


def test_exit_zero_still_exits_2_on_usage_errors(project: Path) -> None:
    assert lint("cassettes", "--exit-zero", "--select", "CT999", cwd=project).returncode == 2


def test_exit_zero_overrides_a_failing_stale_baseline(project: Path) -> None:
    baseline = project / "baseline.json"
    assert lint("cassettes", "--write-baseline", str(baseline), cwd=project).returncode == 0
    (project / "cassettes" / "warn.yaml").write_text(GOOD, encoding="utf-8")
    stale = ("cassettes", "--baseline", str(baseline), "--fail-on-stale-baseline")
    assert lint(*stale, cwd=project).returncode == 1
    assert lint(*stale, "--exit-zero", cwd=project).returncode == 0


def test_quiet_prints_the_findings_only(project: Path) -> None:
    loud = lint("cassettes", cwd=project)
    quiet = lint("cassettes", "--quiet", cwd=project)
    assert quiet.returncode == loud.returncode == 1
    assert quiet.stdout.splitlines() == loud.stdout.splitlines()[:-1]
    assert loud.stdout.splitlines()[-1].startswith("Found ")
    baseline = project / "baseline.json"
    lint("cassettes", "--write-baseline", str(baseline), cwd=project)
    (project / "cassettes" / "warn.yaml").write_text(GOOD, encoding="utf-8")
    noted = lint("cassettes", "--baseline", str(baseline), cwd=project)
    assert "no longer found" in noted.stderr
    silent = lint("cassettes", "--baseline", str(baseline), "-q", cwd=project)
    assert silent.stderr == "" and silent.stdout == ""


def test_standard_input_is_linted_as_the_named_file(project: Path) -> None:
    data = (project / "cassettes" / "warn.yaml").read_bytes()
    done = lint("-", "--stdin-filename", "cassettes/from_editor.yaml", cwd=project, stdin=data)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("cassettes/from_editor.yaml:11:7: CT402 ")
    assert "in 1 of 1 file." in done.stdout
    # Without a name, '-' is the path shown; --stdin-filename alone reads standard input too.
    assert lint("-", cwd=project, stdin=data).stdout.startswith("-:11:7: CT402 ")
    named = lint("--stdin-filename", "a.yaml", cwd=project, stdin=data)
    assert named.stdout.startswith("a.yaml:11:7: CT402 ")


def test_standard_input_follows_the_configuration_of_its_name(project: Path) -> None:
    data = (project / "cassettes" / "warn.yaml").read_bytes()
    (project / "cassette-toolkit.toml").write_text(
        'extend-exclude = ["vendor"]\n[per-file-ignores]\n"errors/*" = ["CT402"]\n', encoding="utf-8"
    )
    ignored = lint("-", "--stdin-filename", "errors/warn.yaml", "--fail-on", "info", cwd=project, stdin=data)
    assert (ignored.returncode, ignored.stdout) == (0, "")
    kept = lint("-", "--stdin-filename", "cassettes/warn.yaml", "--fail-on", "info", cwd=project, stdin=data)
    assert kept.returncode == 1 and "CT402" in kept.stdout
    # As for a file pre-commit names: --force-exclude skips an excluded name altogether.
    excluded = ("-", "--stdin-filename", "vendor/warn.yaml", "--fail-on", "info")
    assert lint(*excluded, cwd=project, stdin=data).returncode == 1
    assert lint(*excluded, "--force-exclude", cwd=project, stdin=data).returncode == 0


def test_standard_input_is_read_by_the_name_s_kind(project: Path) -> None:
    broken = (REPORT / "broken.yaml").read_bytes()
    done = lint("-", "--stdin-filename", "c.yaml.gz", cwd=project, stdin=gzip.compress(broken))
    assert done.returncode == 1 and done.stdout.startswith("c.yaml.gz:4:1: CT002 ")


@pytest.mark.parametrize(
    "args",
    [("-", "cassettes"), ("cassettes", "--stdin-filename", "x.yaml"), ()],
    ids=["dash-and-a-path", "a-name-without-dash", "nothing"],
)
def test_standard_input_usage_errors(project: Path, args: tuple[str, ...]) -> None:
    done = lint(*args, cwd=project)
    assert done.returncode == 2 and "error:" in done.stderr and done.stdout == ""


def test_show_source_puts_the_line_and_a_caret_under_the_finding(project: Path) -> None:
    done = lint("cassettes/warn.yaml", "--show-source", cwd=project)
    lines = done.stdout.splitlines()
    first = lines[0]
    assert first.startswith("cassettes/warn.yaml:11:7: CT402 ")
    source_line = (project / "cassettes" / "warn.yaml").read_text(encoding="utf-8").splitlines()[10]
    assert lines[1] == "   |"
    assert lines[2] == f"11 | {source_line}".rstrip()
    assert lines[3] == "   | " + " " * 6 + "^"
    assert lint("cassettes", "--show-source", "--format", "json", cwd=project).returncode == 2


def test_show_source_never_prints_a_secret(project: Path) -> None:
    key = expand("sk-proj-{b64url:74}T3BlbkFJ{b64url:74}", "show-source secret")
    leaky = GOOD.replace("- application/json\n  response:", f"- Bearer {key}\n  response:", 1)
    (project / "cassettes" / "leaky.yaml").write_text(leaky, encoding="utf-8")
    done = lint("cassettes/leaky.yaml", "--show-source", cwd=project)
    assert done.returncode == 1 and "CT201" in done.stdout
    assert key not in done.stdout and key[:12] not in done.stdout
    assert "[secret not shown]" in done.stdout
    # Even when the secret rules are not run, a token format on a shown line is masked.
    body = GOOD.replace("- application/json\n  response:", f"- {key} x: [\n  response:", 1)
    (project / "cassettes" / "leaky.yaml").write_text(body, encoding="utf-8")
    quiet = lint("cassettes/leaky.yaml", "--show-source", "--ignore", "CT2", cwd=project)
    assert key not in quiet.stdout


def test_show_source_clips_long_lines_around_the_column(project: Path) -> None:
    from toolkit.lint.source import clip_line

    line = "x" * 300 + "HERE" + "y" * 300
    text, column = clip_line(line, 301)
    assert len(text) <= 102 and text[column - 1 : column + 3] == "HERE"
    assert text.startswith("…") and text.endswith("…")
    assert clip_line("short", 2) == ("short", 2)
