"""``lint --history``: every cassette version of a git history, each read once, each leak at the
commit that added it."""

from __future__ import annotations

import os
import subprocess
from collections import Counter
from pathlib import Path

import pytest

import toolkit.history.git_objects
from tests.conftest import run_toolkit
from toolkit.commands.lint import LintRequest, execute
from toolkit.credentials.templates import expand
from toolkit.history import GitError, scan_history
from toolkit.lint.rules.example_cassettes import GOOD
from toolkit.lint.settings import LintSettings

KEY = expand("sk-proj-{b64url:74}T3BlbkFJ{b64url:74}", "history test")
LEAKY = GOOD.replace(
    "      - application/json\n  response:",
    f"      - application/json\n      Authorization:\n      - Bearer {KEY}\n  response:",
    1,
)
#: The line and column of the key in ``LEAKY``: after ``      - Bearer ``.
KEY_AT = (10, 16)


def git(repo: Path, *args: str) -> str:
    environment = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2025-01-01T00:00:00Z",
        "GIT_COMMITTER_DATE": "2025-01-01T00:00:00Z",
    }
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True, env=environment
    ).stdout.strip()


def commit(repo: Path, files: dict[str, str], message: str) -> str:
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    git(folder, "init", "-q")
    git(folder, "config", "user.email", "dev@example.com")
    git(folder, "config", "user.name", "Dev")
    git(folder, "config", "commit.gpgsign", "false")
    return folder


def test_a_leak_fixed_later_is_reported_at_the_commit_that_added_it(repo: Path) -> None:
    commit(repo, {"tests/cassettes/good.yaml": GOOD, "package.json": '{"name": "x"}'}, "start")
    added = commit(repo, {"tests/cassettes/chat.yaml": LEAKY}, "record chat")
    commit(repo, {"tests/cassettes/chat.yaml": LEAKY.replace(KEY, "<REDACTED>")}, "redact chat")
    scan = scan_history(str(repo), "HEAD", LintSettings())
    assert [(f.path, f.line, f.column, f.code) for f in scan.findings] == [
        (f"{added[:12]}:tests/cassettes/chat.yaml", *KEY_AT, "CT201")
    ]
    assert "removed by a later commit" in scan.findings[0].message and KEY[8:] not in scan.findings[0].message
    assert scan.commits == 3 and scan.blobs_read == scan.versions == 4


def test_a_leak_still_there_says_so_and_a_range_limits_the_scan(repo: Path) -> None:
    first = commit(repo, {"tests/cassettes/chat.yaml": LEAKY}, "record chat")
    commit(repo, {"tests/cassettes/other.yaml": GOOD}, "record other")
    [finding] = scan_history(str(repo), "HEAD", LintSettings()).findings
    assert finding.path.startswith(first[:12]) and "still in the last commit" in finding.message
    assert scan_history(str(repo), f"{first}..HEAD", LintSettings()).findings == ()


def test_each_blob_is_read_once_over_many_commits(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commits that write the same versions again (reverts, copies) read nothing twice."""
    commit(repo, {"tests/cassettes/chat.yaml": GOOD}, "start")
    leak = ""
    for number in range(40):
        files = {"tests/cassettes/chat.yaml": LEAKY if number % 2 == 0 else GOOD}
        files[f"tests/cassettes/copy{number % 3}.yaml"] = LEAKY if number % 5 == 0 else GOOD
        files["notes.txt"] = f"run {number}\n"
        sha = commit(repo, files, f"change {number}")
        leak = leak or sha
    asked: Counter[str] = Counter()
    read = toolkit.history.git_objects.BlobReader.read

    def counted(self: toolkit.history.git_objects.BlobReader, blob: str) -> bytes:
        asked[blob] += 1
        return read(self, blob)

    monkeypatch.setattr(toolkit.history.git_objects.BlobReader, "read", counted)
    scan = scan_history(str(repo), "HEAD", LintSettings())
    assert scan.commits == 41 and scan.versions > 50
    assert asked and max(asked.values()) == 1 and scan.blobs_read == len(asked) == 2
    # One version (blob) holds the key at four paths: read once, reported at each path's first
    # commit (copy0 and chat.yaml in the first change, copy1 in change 10, copy2 in change 20).
    paths = {f.path.split(":", 1)[1]: f.path.split(":", 1)[0] for f in scan.findings}
    assert sorted(paths) == [f"tests/cassettes/{name}.yaml" for name in ("chat", "copy0", "copy1", "copy2")]
    assert paths["tests/cassettes/chat.yaml"] == paths["tests/cassettes/copy0.yaml"] == leak[:12]
    assert len(set(paths.values())) == 3 and {f.code for f in scan.findings} == {"CT201"}


def test_the_selection_applies_and_only_secret_rules_run(repo: Path) -> None:
    commit(repo, {"tests/cassettes/chat.yaml": LEAKY.replace("code: 200", "code: 999")}, "record")
    assert {f.code for f in scan_history(str(repo), "HEAD", LintSettings()).findings} == {"CT201"}
    assert scan_history(str(repo), "HEAD", LintSettings(ignore=("CT201",))).findings == ()


def test_the_command_reports_the_commit_and_counts_the_reads(repo: Path) -> None:
    added = commit(repo, {"tests/cassettes/chat.yaml": LEAKY}, "record chat")
    commit(repo, {"tests/cassettes/chat.yaml": LEAKY.replace(KEY, "<REDACTED>")}, "redact chat")
    outcome = execute(LintRequest(paths=(), cwd=str(repo), history="HEAD"))
    assert outcome.exit_code == 1
    assert outcome.output.startswith(f"{added[:12]}:tests/cassettes/chat.yaml:10:16: CT201 ")
    assert outcome.notes == ("history HEAD: 2 commits wrote 2 cassette versions; 2 distinct blobs read",)
    limited = execute(LintRequest(paths=("docs",), cwd=str(repo), history="HEAD"))
    assert limited.exit_code == 0


def test_the_cli_takes_an_optional_range_and_refuses_a_bad_one(repo: Path) -> None:
    commit(repo, {"tests/cassettes/chat.yaml": LEAKY}, "record chat")
    assert run_toolkit("lint", "--history", cwd=repo).returncode == 1
    assert run_toolkit("lint", "--history", "HEAD~0..HEAD", cwd=repo).returncode == 0
    bad = run_toolkit("lint", "--history", "no-such-branch", cwd=repo)
    assert bad.returncode == 2 and "--history" in bad.stderr
    nothing = run_toolkit("lint", cwd=repo)
    assert nothing.returncode == 2 and "--history" in nothing.stderr


def test_outside_a_repository_is_a_git_error(tmp_path: Path) -> None:
    with pytest.raises(GitError):
        scan_history(str(tmp_path), "HEAD", LintSettings())
