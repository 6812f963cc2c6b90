"""The ``lint`` and ``rules`` commands as users run them: output, exit statuses, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import DATA
from toolkit.cli import main
from toolkit.lint.rules import RULES
from toolkit.lint.rules.example_cassettes import GOOD, vcrpy_cassette

REPORT = DATA / "lint" / "report"


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    if cwd is None:
        result = runner.invoke(main, list(args))
    else:
        with runner.isolated_filesystem(temp_dir=cwd):
            result = runner.invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "cassettes").mkdir()
    (tmp_path / "cassettes" / "good.yaml").write_text(GOOD)
    (tmp_path / "cassettes" / "warn.yaml").write_text(vcrpy_cassette(status=401, reason="Unauthorized"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_clean_files_print_nothing_and_exit_0(project: Path) -> None:
    assert run("lint", "cassettes/good.yaml") == (0, "", "")


def test_warnings_do_not_fail_by_default(project: Path) -> None:
    code, out, _ = run("lint", "cassettes")
    assert code == 0
    assert out.splitlines()[0].startswith("cassettes/warn.yaml:11:7: CT402 ")
    assert run("lint", "cassettes", "--fail-on", "warning")[0] == 1


def test_errors_fail() -> None:
    code, out, _ = run("lint", str(REPORT / "broken.yaml"))
    assert code == 1 and "CT002" in out


def test_select_and_severity_flags(project: Path) -> None:
    assert run("lint", "cassettes", "--select", "CT3") == (0, "", "")
    assert run("lint", "cassettes", "--severity", "CT402=error")[0] == 1
    assert run("lint", "cassettes", "--ignore", "CT402", "--fail-on", "info") == (0, "", "")


def test_pyproject_configuration_is_used(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.cassette-toolkit]\nfail-on = 'warning'\n")
    assert run("lint", "cassettes")[0] == 1
    assert run("lint", "cassettes", "--isolated")[0] == 0
    assert run("lint", "cassettes", "--fail-on", "error")[0] == 0


def test_configuration_errors_exit_2_with_file_and_line(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.cassette-toolkit]\nselect = ['CT3']\nbogus = 1\n")
    code, out, err = run("lint", "cassettes")
    assert (code, out) == (2, "")
    assert "pyproject.toml:3:1: unknown key 'bogus'" in err


@pytest.mark.parametrize(
    "args",
    [
        ("lint", "cassettes", "--select", "CT999"),
        ("lint", "cassettes", "--severity", "CT402"),
        ("lint", "cassettes", "--format", "xml"),
        ("lint", "missing.yaml"),
        ("lint",),
        ("lint", "cassettes", "--baseline", "missing.json"),
    ],
)
def test_usage_errors_exit_2(project: Path, args: tuple[str, ...]) -> None:
    assert run(*args)[0] == 2


def test_baseline_round_trip(project: Path) -> None:
    code, _, err = run("lint", "cassettes", "--write-baseline", "baseline.json")
    assert code == 0 and "wrote 1 findings" in err
    assert run("lint", "cassettes", "--baseline", "baseline.json", "--fail-on", "info") == (0, "", "")
    (project / "pyproject.toml").write_text("[tool.cassette-toolkit]\nbaseline = 'baseline.json'\n")
    assert run("lint", "cassettes", "--fail-on", "info") == (0, "", "")
    (project / "cassettes" / "new.yaml").write_text(vcrpy_cassette(status=500, reason="Oops"))
    code, out, _ = run("lint", "cassettes", "--fail-on", "info")
    assert code == 1 and "new.yaml" in out and "warn.yaml" not in out and "1 accepted by the baseline" in out


def test_json_output_to_a_file(project: Path) -> None:
    assert run("lint", "cassettes", "--format", "json", "-o", "report.json") == (0, "", "")
    document = json.loads((project / "report.json").read_text())
    assert [f["code"] for f in document["findings"]] == ["CT402"]


def test_jobs_flag(project: Path) -> None:
    assert run("lint", "cassettes", "--jobs", "2") == run("lint", "cassettes")


def test_rules_lists_every_rule() -> None:
    code, out, _ = run("rules")
    assert code == 0
    for rule in RULES:
        assert any(line.split()[:3] == [rule.code, rule.name, rule.severity] for line in out.splitlines())


@pytest.mark.parametrize("selector", ["CT301", "ct301", "invalid-json-body"])
def test_rules_prints_one_rule(selector: str) -> None:
    code, out, _ = run("rules", selector)
    assert code == 0
    assert out.startswith("CT301 invalid-json-body")
    for title in ("What it finds", "Why it matters", "Seen in", "Failing example", "Passing example"):
        assert title in out


def test_rules_family_and_unknown() -> None:
    code, out, _ = run("rules", "CT4")
    assert code == 0 and "CT401" in out and "CT301" not in out
    assert run("rules", "CT999")[0] == 2
