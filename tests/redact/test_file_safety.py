"""Redact never loses data: a file changed meanwhile is left alone, hard links, owner, group and
mode are kept, a killed run leaves nothing git would commit and the next run cleans up, and the
time taken grows with the file, not with secrets times the file."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from toolkit.commands import redact as command
from toolkit.commands.redact import RedactRequest, execute
from toolkit.credentials.templates import expand
from toolkit.lint.rules.example_cassettes import vcrpy_cassette
from toolkit.plumbing.rewrite import TEMPORARY_FOLDER

KEY = expand("sk-ant-api03-{b64url:93}AA", "redact file safety")
HEADERS = "      Content-Type:\n      - application/json\n"
LEAKY = vcrpy_cassette(response_headers=HEADERS + f"      x-api-key:\n      - {KEY}\n")


@pytest.fixture
def leaky(tmp_path: Path) -> Path:
    path = tmp_path / "leaky.yaml"
    path.write_text(LEAKY, encoding="utf-8")
    return path


def redact(path: Path) -> tuple[int, str]:
    outcome = execute(RedactRequest(paths=(str(path),), cwd=str(path.parent), isolated=True))
    return outcome.exit_code, outcome.output


def test_a_file_changed_while_redact_runs_is_left_as_changed(
    leaky: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    redact_text = command.redact_text
    edited = LEAKY + "# saved by an editor meanwhile\n"

    def racing(data: bytes, path: str, choose: object) -> object:
        result = redact_text(data, path, None)
        leaky.write_text(edited, encoding="utf-8")
        return result

    monkeypatch.setattr(command, "redact_text", racing)
    code, output = redact(leaky)
    assert code == 1
    assert "changed while it was redacted" in output
    assert leaky.read_text(encoding="utf-8") == edited


def test_hard_links_see_the_redaction(leaky: Path) -> None:
    other = leaky.with_name("other-name.yaml")
    os.link(leaky, other)
    inode = leaky.stat().st_ino
    code, _ = redact(leaky)
    assert code == 0
    assert KEY not in other.read_text(encoding="utf-8")
    assert leaky.stat().st_ino == other.stat().st_ino == inode
    assert leaky.stat().st_nlink == 2


def test_mode_is_kept(leaky: Path) -> None:
    leaky.chmod(0o640)
    assert redact(leaky)[0] == 0
    assert stat.S_IMODE(leaky.stat().st_mode) == 0o640


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root gives files away")
def test_owner_and_group_are_kept(leaky: Path) -> None:
    os.chown(leaky, 12345, 23456)
    assert redact(leaky)[0] == 0
    status = leaky.stat()
    assert (status.st_uid, status.st_gid) == (12345, 23456)
    assert KEY not in leaky.read_text(encoding="utf-8")


#: Runs redact in a fresh process that is killed (SIGKILL) while it writes the temporary file.
KILLED = """
import os, signal, sys
from toolkit.cli import main
fsync = os.fsync
def die(handle):
    os.kill(os.getpid(), signal.SIGKILL)
os.fsync = die
main(["redact", "--isolated", sys.argv[1]])
"""


@pytest.mark.skipif(not hasattr(os, "fork") or shutil.which("git") is None, reason="POSIX signals and git")
def test_a_killed_run_leaves_the_file_whole_and_nothing_to_commit(leaky: Path) -> None:
    folder = leaky.parent
    subprocess.run(["git", "init", "-q", "."], cwd=folder, check=True)
    killed = subprocess.run([sys.executable, "-c", KILLED, str(leaky)], cwd=ROOT, check=False)
    assert killed.returncode == -9
    assert leaky.read_text(encoding="utf-8") == LEAKY
    left = list((folder / TEMPORARY_FOLDER).glob("*.tmp"))
    assert len(left) == 1  # the killed run's, ignored by git
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout.splitlines() == ["?? leaky.yaml"]
    assert redact(leaky)[0] == 0  # the next run cleans up after it
    assert KEY not in leaky.read_text(encoding="utf-8")
    assert not (folder / TEMPORARY_FOLDER).exists()


def test_time_grows_with_the_file_not_with_secrets_times_the_file(tmp_path: Path) -> None:
    """400 secrets in a 4 MB file: each edit used to copy the whole text (and look its node up
    among all of them); built once, the run takes a few seconds."""
    keys = [expand("sk-ant-api03-{b64url:93}AA", f"redact many {n}") for n in range(400)]
    padding = "x" * 10_000
    interactions = "".join(
        vcrpy_cassette(
            request_body=f'\'{{"pad": "{padding}"}}\'',
            response_headers=HEADERS + f"      x-api-key:\n      - {key}\n",
        )
        .split("interactions:\n", 1)[1]
        .rsplit("version: 1", 1)[0]
        for key in keys
    )
    path = tmp_path / "many.yaml"
    path.write_text(f"interactions:\n{interactions}version: 1\n", encoding="utf-8")
    start = time.process_time()
    code, output = redact(path)
    elapsed = time.process_time() - start
    assert code == 0, output
    assert output.count("replaced anthropic-api-key") == 400
    assert elapsed < 30


def test_a_folder_that_takes_no_new_file_is_written_in_place(
    leaky: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:  # a folder one may not write to
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "makedirs", refuse)
    inode = leaky.stat().st_ino
    assert redact(leaky)[0] == 0
    assert KEY not in leaky.read_text(encoding="utf-8")
    assert leaky.stat().st_ino == inode
