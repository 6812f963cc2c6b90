"""Ask git which files of a folder it does not ignore: one ``git ls-files`` per walked folder.

``git ls-files --cached --others --exclude-standard`` lists the tracked files and the
untracked files that no ignore rule covers: ``.gitignore`` at every level,
``.git/info/exclude``, the user's global excludes file, and tracked files are listed even
when a pattern matches them, exactly as git sees them. Nested repositories and submodules
are listed as folders; the walk asks git again inside them. A folder that is itself ignored
lists nothing; it was named on the command line, so it is walked with the ignore files'
patterns instead (``toolkit.read.walk.gitignore``), as when git is missing or the folder is not
in a work tree.
"""

from __future__ import annotations

import os
import re
import subprocess
from typing import NamedTuple

__all__ = ["GitListing", "list_unignored"]

#: Variables that point git at another repository or index than the folder's own (git hooks set
#: them); removed so that git finds the repository from the folder, as a user's shell would.
_REPOSITORY_VARIABLES = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
)
_TIMEOUT_S = 120
#: ``--stage`` lines of tracked entries: mode, object name, stage, a tab, the path.
_STAGED = re.compile(r"\d{6} [0-9a-f]+ \d\t(.*)", re.DOTALL)
#: The mode of a submodule's entry.
_GITLINK = b"160000 "


#: What git says of a folder it cannot enter (with ``LC_ALL=C``); the listing goes on without it.
_UNREADABLE = re.compile(rb"could not open directory '(.*)': ")


class GitListing(NamedTuple):
    """What git lists under a folder, relative to it with ``/``: files, repositories inside; and
    the folders git could not enter, relative to the repository's top."""

    files: tuple[str, ...]
    repositories: tuple[str, ...]
    unreadable: tuple[str, ...] = ()


def list_unignored(folder: str, suffixes: tuple[str, ...]) -> GitListing | None:
    """The files with ``suffixes`` that git does not ignore under ``folder``, and the repositories in it.

    None when git cannot say (then the walk reads the ignore files itself).
    """
    done = _git(folder, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--stage")
    if done is None:
        return None
    output, warnings = done
    if not output and _git(folder, "check-ignore", "-q", ".") is not None:
        return None  # the folder itself is ignored: git lists nothing under it
    listing = _parse(output, tuple(os.fsencode(suffix) for suffix in suffixes))
    unreadable = tuple(os.fsdecode(m.group(1)).rstrip("/") for m in _UNREADABLE.finditer(warnings))
    return listing._replace(unreadable=unreadable)


def _parse(output: bytes, suffixes: tuple[bytes, ...]) -> GitListing:
    """The entries, most of them other files in a large repository, sorted out on bytes first."""
    files: dict[str, None] = {}
    repositories: list[str] = []
    for entry in output.split(b"\0"):
        if entry.startswith(_GITLINK):
            repositories.append(_path(entry))
        elif entry.endswith(b"/"):  # an untracked repository inside this one
            repositories.append(_path(entry).rstrip("/"))
        elif entry.endswith(suffixes):
            files[_path(entry)] = None  # a conflicted file is listed once per stage
    return GitListing(tuple(files), tuple(repositories))


def _path(entry: bytes) -> str:
    text = os.fsdecode(entry)
    staged = _STAGED.fullmatch(text)
    return staged.group(1) if staged is not None else text


def _git(folder: str, *args: str) -> tuple[bytes, bytes] | None:
    """``git -C folder ARGS``'s output and warnings; None when git is missing or fails (not a
    work tree ...)."""
    env = {key: value for key, value in os.environ.items() if key not in _REPOSITORY_VARIABLES}
    env["LC_ALL"] = "C"  # warnings in English, to be read
    try:
        done = subprocess.run(
            ["git", "-C", folder, *args],
            capture_output=True,
            env=env,
            check=False,
            timeout=_TIMEOUT_S,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return (done.stdout, done.stderr) if done.returncode == 0 else None
