"""Every command walks a real repository alike: what git ignores, tool folders, excludes, project files."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import toolkit
from tests.conftest import SAMPLES, run_toolkit
from toolkit.lint.rules.example_cassettes import GOOD

PACKAGE_JSON = '{\n  "name": "web",\n  "version": "1.0.0",\n  "devDependencies": {"jest": "^29"}\n}\n'
WORKFLOW = "name: CI\non:\n  push:\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: []\n"
KEPT = ["tests/cassettes/chat.yaml", "tests/cassettes/gz/bedrock.yaml.gz", "tests/cassettes/legacy/old.yaml"]


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository as users have them: cassettes beside package.json, CI, venv and node_modules."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "project"
    for relative in ("tests/cassettes/chat.yaml", "tests/cassettes/legacy/old.yaml"):
        write(root, relative, GOOD)
    gz = root / "tests" / "cassettes" / "gz" / "bedrock.yaml.gz"
    gz.parent.mkdir(parents=True)
    gz.write_bytes((SAMPLES / "langchain_bedrock_converse.yaml.gz").read_bytes())
    write(root, "package.json", PACKAGE_JSON)
    write(root, "ci/workflows/test.yml", WORKFLOW)  # outside .github, so only the look skips it
    write(root, "node_modules/pkg/test/cassettes/dep.yaml", GOOD)
    write(root, "venv/lib/python3.12/site-packages/pkg/cassette.yaml", GOOD)
    write(root, ".venv-other/pyvenv.cfg", "home = /usr/bin\n")
    write(root, "build/out/generated.yaml", GOOD)
    write(root, "scratch/tmp.yaml", GOOD)
    write(root, ".gitignore", "build/\n/scratch/\n")
    git(root, "init", "-q", ".")
    return root


def run(command: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_toolkit(command, *args, cwd=cwd)


def lint_files(repo: Path, *args: str) -> list[str]:
    """The files ``lint`` reads: the JUnit report names every clean file."""
    result = run("lint", ".", "--format", "junit", "--select", "CT0", *args, cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    names = [
        line.split('name="', 1)[1].split('"', 1)[0]
        for line in result.stdout.splitlines()
        if "<testcase" in line
    ]
    return sorted(names)


def test_lint_walks_what_git_does_not_ignore(repo: Path) -> None:
    assert lint_files(repo) == KEPT


def test_respect_gitignore_can_be_switched_off(repo: Path) -> None:
    found = lint_files(repo, "--no-respect-gitignore")
    assert found == sorted([*KEPT, "build/out/generated.yaml", "scratch/tmp.yaml"])


def test_exclude_globs_from_the_flags_and_the_configuration(repo: Path) -> None:
    assert lint_files(repo, "--extend-exclude", "legacy,*.gz") == ["tests/cassettes/chat.yaml"]
    write(repo, "cassette-toolkit.toml", 'extend-exclude = ["tests/cassettes/legacy"]\n')
    assert lint_files(repo) == ["tests/cassettes/chat.yaml", "tests/cassettes/gz/bedrock.yaml.gz"]
    # --exclude replaces the defaults: node_modules is walked again, legacy/ still excluded
    found = lint_files(repo, "--exclude", "venv")
    assert (
        "node_modules/pkg/test/cassettes/dep.yaml" in found and "tests/cassettes/legacy/old.yaml" not in found
    )


def test_project_files_are_reported_only_when_named(repo: Path) -> None:
    assert run("lint", ".", cwd=repo).returncode == 0
    named = run("lint", "package.json", "ci/workflows/test.yml", "--fail-on", "warning", cwd=repo)
    assert named.returncode == 1  # CT004 is a warning
    assert [line.split(" ")[:2] for line in named.stdout.splitlines()[:2]] == [
        ["ci/workflows/test.yml:1:1:", "CT004"],
        ["package.json:1:1:", "CT004"],
    ]


def test_force_exclude_applies_the_globs_to_named_files(repo: Path) -> None:
    write(repo, "cassette-toolkit.toml", 'extend-exclude = ["legacy"]\nforce-exclude = true\n')
    named = run("lint", "tests/cassettes/legacy/old.yaml", "--format", "json", cwd=repo)
    assert json.loads(named.stdout)["summary"]["files"] == 0
    kept = run("lint", "tests/cassettes/legacy/old.yaml", "--no-force-exclude", "--format", "json", cwd=repo)
    assert json.loads(kept.stdout)["summary"]["files"] == 1


def test_every_command_sees_the_same_files(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = json.loads(run("report", ".", "--format", "json", "--lint", cwd=repo).stdout)
    assert sorted(row["cassette"] for row in report["by_cassette"]) == KEPT
    redact = run("redact", "--check", ".", cwd=repo)
    assert redact.returncode == 0 and "of 3 files" in redact.stdout
    shown = run("show", ".", cwd=repo)
    assert shown.returncode == 0 and "package.json" not in shown.stdout and "dep.yaml" not in shown.stdout
    monkeypatch.chdir(repo)
    frames = toolkit.load(".")
    assert sorted(set(frames.interactions["cassette"])) == KEPT
    assert sorted(set(toolkit.load(".", extend_exclude=["legacy"]).interactions["cassette"])) == [
        "tests/cassettes/chat.yaml",
        "tests/cassettes/gz/bedrock.yaml.gz",
    ]
    assert "build/out/generated.yaml" in set(
        toolkit.load(".", respect_gitignore=False).interactions["cassette"]
    )


@pytest.mark.parametrize("command", ["show", "report", "export", "lint", "redact"])
def test_a_bad_configuration_stops_every_command(repo: Path, command: str) -> None:
    write(repo, "cassette-toolkit.toml", "extend-exclude = ['ok']\nexclude = 'vendor'\n")
    args = ["--output", str(repo / "out")] if command == "export" else []
    result = run(command, ".", *args, cwd=repo)
    assert result.returncode == 2
    assert "cassette-toolkit.toml:2:1: 'exclude' must be a list of strings" in result.stderr
    assert "Traceback" not in result.stderr
