"""Atomic writes: the new bytes or the old file, permissions kept, no temporary file left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from toolkit.plumbing.atomic import write_atomically


def test_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    write_atomically(target, b"hello\n")
    assert target.read_bytes() == b"hello\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_replacing_keeps_the_mode_and_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_atomically(str(target), b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["report.md"]


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "folder"
    target.mkdir()
    with pytest.raises(OSError):
        write_atomically(target, b"new")  # a folder cannot be replaced by a file
    assert target.is_dir() and os.listdir(tmp_path) == ["folder"]
