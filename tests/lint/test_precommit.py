"""The pre-commit hook, tested the way users run it: ``pre-commit try-repo`` in a throwaway repository.

pre-commit installs this repository into a fresh virtualenv with pip, so the test needs the
package index (or a pip cache). It is slow (about 20 s a run) and runs in CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA, ROOT
from toolkit.credentials.templates import expand
from toolkit.lint.rules.example_cassettes import GOOD

pytestmark = pytest.mark.slow

HOOKS = ROOT / ".pre-commit-hooks.yaml"


def test_the_hook_manifest() -> None:
    hook, redact = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "cassette-lint"
    assert hook["entry"] == "cassette-toolkit lint --force-exclude" and hook["language"] == "python"
    assert redact["id"] == "cassette-redact" and redact["entry"] == "cassette-toolkit redact --force-exclude"
    assert redact["files"] == hook["files"] and redact["language"] == "python"
    # One run for every staged file: one summary, the command spreading files over its workers.
    assert hook["require_serial"] is True and redact["require_serial"] is True
    files = re.compile(hook["files"])
    for path in (
        "tests/cassettes/test_chat.yaml",
        "tests/cassettes/sub/test_chat.json",
        "spec/fixtures/vcr_cassettes/chat.yml",
        "providertests/testdata/TestX/case.yaml",
        "libs/aws/tests/cassettes/test.yaml.gz",
        "anywhere/recording.yml.gz",
        "tests/testthat/_vcr/chat.yml",
        "llms/openai/testdata/TestChat.httprr",
        "llms/openai/testdata/TestChat.httprr.gz",
        "agent/recordings/chat_123/recording.har.yaml",
        "test/__recordings__/api_1/recording.har",
    ):
        assert files.search(path), path
    for path in ("src/app/settings.yaml", "testdata/golden.json", ".github/workflows/ci.yml", "README.md"):
        assert not files.search(path), path


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def user_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("user-repo")
    cassettes = repo / "tests" / "cassettes"
    cassettes.mkdir(parents=True)
    (cassettes / "test_good.yaml").write_text(GOOD, encoding="utf-8")
    (cassettes / "test_broken.yaml").write_bytes((DATA / "lint" / "report" / "broken.yaml").read_bytes())
    (repo / "settings.yaml").write_text("not: a cassette\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "dev@example.com")
    _git(repo, "config", "user.name", "dev")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "cassettes")
    return repo


def try_repo(
    repo: Path, home: Path, *args: str, hook: str = "cassette-lint"
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, *args]
    return subprocess.run(
        command, check=False, cwd=repo, env=env, capture_output=True, text=True, timeout=900
    )


def test_try_repo(user_repo: Path, tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    good = try_repo(user_repo, tmp_path, "--files", "tests/cassettes/test_good.yaml", "settings.yaml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    everything = try_repo(user_repo, tmp_path, "--all-files")
    assert everything.returncode == 1, everything.stdout + everything.stderr
    assert "tests/cassettes/test_broken.yaml:4:1: CT002" in everything.stdout
    assert "settings.yaml" not in everything.stdout.replace("test_broken.yaml", "")


def test_try_repo_redact(user_repo: Path, tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    key = expand("sk-proj-{b64url:74}T3BlbkFJ{b64url:74}", "pre-commit redact")
    leaky = user_repo / "tests" / "cassettes" / "test_leaky.yaml"
    leaky.write_text(GOOD.replace("- application/json\n  response:", f"- Bearer {key}\n  response:", 1))
    _git(user_repo, "add", "-A")
    first = try_repo(
        user_repo, tmp_path, "--files", str(leaky.relative_to(user_repo)), hook="cassette-redact"
    )
    assert first.returncode == 1, first.stdout + first.stderr  # pre-commit: files were modified
    assert key not in leaky.read_text(encoding="utf-8") and "<REDACTED:" in leaky.read_text(encoding="utf-8")
    second = try_repo(
        user_repo, tmp_path, "--files", str(leaky.relative_to(user_repo)), hook="cassette-redact"
    )
    assert second.returncode == 0, second.stdout + second.stderr


def test_both_hooks_honour_allow_values(user_repo: Path, tmp_path: Path) -> None:
    """A placeholder the project allows passes cassette-lint and is left alone by cassette-redact."""
    pytest.importorskip("pre_commit")
    placeholder = expand("{hex:32}", "pre-commit allowed proxy key")
    allowed = user_repo / "tests" / "cassettes" / "test_allowed.yaml"
    text = GOOD.replace(
        "- application/json\n  response:",
        f"- application/json\n      api-key:\n      - {placeholder}\n  response:",
        1,
    )
    allowed.write_text(text, encoding="utf-8")
    (user_repo / "cassette-toolkit.toml").write_text(f'allow-values = ["{placeholder}"]\n', encoding="utf-8")
    _git(user_repo, "add", "-A")
    files = ("--files", str(allowed.relative_to(user_repo)))
    lint = try_repo(user_repo, tmp_path, *files)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    redact = try_repo(user_repo, tmp_path, *files, hook="cassette-redact")
    assert redact.returncode == 0, redact.stdout + redact.stderr
    assert allowed.read_text(encoding="utf-8") == text


def test_many_staged_cassettes_give_one_summary(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "many"
    cassettes = repo / "tests" / "cassettes"
    cassettes.mkdir(parents=True)
    broken = (DATA / "lint" / "report" / "broken.yaml").read_bytes()
    for index in range(120):
        (cassettes / f"test_{index:03d}.yaml").write_bytes(broken)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    run = try_repo(repo, tmp_path / "home", "--all-files")
    assert run.returncode == 1, run.stdout + run.stderr
    summaries = [line for line in run.stdout.splitlines() if line.startswith("Found ")]
    assert summaries == ["Found 120 findings (120 errors) in 120 of 120 files."], run.stdout
