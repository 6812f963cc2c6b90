"""Reading named paths: only regular files are opened; what is not read is a CT001 problem."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import run_toolkit
from toolkit.lint.rules.example_cassettes import GOOD
from toolkit.read.files import discover, read_file
from toolkit.read.walk import WalkOptions

COMMANDS = (("lint",), ("show",), ("report",), ("redact", "--check"), ("redact",))


def problems(path: Path) -> list[tuple[str, int, int, str]]:
    cassette = read_file(str(path)).cassette
    return [(str(p.code), p.line, p.column, p.message) for p in cassette.problems]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    [(code, line, column, message)] = problems(fifo)
    assert (code, line, column) == ("CT001", 1, 1)
    assert "named pipe" in message


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_link_to_a_device_is_not_read(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    [(code, _, _, message)] = problems(link)
    assert code == "CT001"
    assert "character device" in message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_refuses_a_pipe_and_a_device(tmp_path: Path, command: tuple[str, ...]) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    done = run_toolkit(*command, "--isolated", "pipe.yaml", "zero.yaml", "good.yaml", cwd=tmp_path)
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 1)
    if command[0] != "report":
        assert "named pipe" in done.stdout and "character device" in done.stdout


def test_an_unreadable_folder_in_a_walk_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("open/a.yaml", "locked/b.yaml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    scandir = os.scandir

    def refuse(path: str) -> object:  # what a folder of another user without read access does
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    found = list(discover([tmp_path], WalkOptions(respect_gitignore=False)))
    assert sorted(Path(p).relative_to(tmp_path).as_posix() for p in found) == ["locked", "open/a.yaml"]
    [(code, line, column, message)] = problems(tmp_path / "locked")
    assert (code, line, column) == ("CT001", 1, 1)
    assert message == "cannot read the folder: Permission denied"
