"""What git holds: the cassette versions commits added, and their blobs, read straight from git.

Two git processes do all the reading, whatever the number of commits:

- ``git rev-list --reverse --topo-order RANGE`` piped into ``git diff-tree --stdin -r --root
  -m --no-renames -z --diff-filter=AMT``: for each commit, oldest first, the files it added or
  changed (against each parent for a merge), with the blob id of the new version;
- ``git cat-file --batch``: the content of each distinct blob, asked for once.

A cassette version that several commits share (a file copied, a revert, a merge) is one blob:
it is read and scanned once, and attributed to the first commit that wrote it.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Iterator
from typing import IO, NamedTuple

from toolkit.read.walk import CASSETTE_SUFFIXES

__all__ = ["BlobReader", "Change", "GitError", "list_changes", "list_tree"]

_TIMEOUT_S = 600
# Variables a git hook sets that would point git elsewhere than the working folder's repository.
_REPOSITORY_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX")
_NULL_BLOB = "0" * 40


class GitError(Exception):
    """git is missing, the folder is not in a repository, or a revision is unknown."""


class Change(NamedTuple):
    """Commit ``commit`` wrote ``path`` (relative to the repository's top) as blob ``blob``."""

    commit: str
    path: str
    blob: str


def _environment() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name not in _REPOSITORY_VARIABLES}


def _git(cwd: str, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=_TIMEOUT_S,
            env=_environment(),
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise GitError(f"cannot run git: {e}") from e
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def is_cassette_path(path: str) -> bool:
    name = path.rpartition("/")[2]
    return name.endswith(CASSETTE_SUFFIXES) and not name.startswith(".")


def list_changes(cwd: str, revisions: str, pathspecs: Iterable[str] = ()) -> list[Change]:
    """The cassette versions that the commits of ``revisions`` wrote, oldest commit first."""
    commits = _git(cwd, "rev-list", "--reverse", "--topo-order", *revisions.split(), "--")
    if not commits.strip():
        return []
    output = _git(
        cwd,
        "diff-tree",
        "--stdin",
        "-r",
        "--root",
        "-m",
        "--no-renames",
        "-z",
        "--diff-filter=AMT",
        "--",
        *pathspecs,
        stdin=commits,
    )
    return [change for change in _parse_diff_tree(output) if is_cassette_path(change.path)]


def _parse_diff_tree(output: bytes) -> Iterator[Change]:
    """``diff-tree --stdin -z``: the commit id (``ID (from PARENT)`` for each parent of a merge)
    and NUL, then ``:mode mode old new status`` NUL ``path`` NUL per file."""
    fields = output.split(b"\0")
    commit = ""
    index = 0
    while index < len(fields):
        field = fields[index].strip(b"\n")
        index += 1
        if field.startswith(b":"):
            parts = field[1:].split()
            path = fields[index].decode("utf-8", "surrogateescape") if index < len(fields) else ""
            index += 1
            if len(parts) >= 4 and parts[3].decode() != _NULL_BLOB and parts[1] != b"160000":
                yield Change(commit, path, parts[3].decode())
        elif field:
            commit = field.split()[0].decode()


def list_tree(cwd: str, revision: str) -> dict[str, str]:
    """The cassette files of ``revision``'s tree: path to blob id."""
    output = _git(cwd, "ls-tree", "-r", "-z", "--full-tree", revision)
    tree: dict[str, str] = {}
    for entry in output.split(b"\0"):
        head, _, path = entry.partition(b"\t")
        parts = head.split()
        if len(parts) == 3 and parts[1] == b"blob":
            name = path.decode("utf-8", "surrogateescape")
            if is_cassette_path(name):
                tree[name] = parts[2].decode()
    return tree


class BlobReader:
    """One ``git cat-file --batch`` process: each ``read`` asks for a blob and reads it back.

    ``reads`` counts the blobs asked for, so that a caller can show that none was read twice.
    """

    def __init__(self, cwd: str) -> None:
        try:
            self._process = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=cwd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=_environment(),
            )
        except OSError as e:
            raise GitError(f"cannot run git: {e}") from e
        self.reads = 0

    def _pipes(self) -> tuple[IO[bytes], IO[bytes]]:
        stdin, stdout = self._process.stdin, self._process.stdout
        if stdin is None or stdout is None:  # pragma: no cover - both are pipes
            raise GitError("git cat-file has no pipes")
        return stdin, stdout

    def read(self, blob: str) -> bytes:
        """The content of ``blob``."""
        stdin, stdout = self._pipes()
        self.reads += 1
        stdin.write(blob.encode("ascii") + b"\n")
        stdin.flush()
        header = stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob":
            raise GitError(f"git cat-file cannot read blob {blob}")
        size = int(header[2])
        data = stdout.read(size)
        stdout.read(1)  # the line feed after the content
        return data

    def close(self) -> None:
        stdin, _ = self._pipes()
        stdin.close()
        self._process.wait(timeout=_TIMEOUT_S)

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
