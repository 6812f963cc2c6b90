"""Ask git which files of a folder it does not ignore: one ``git ls-files`` per walked folder.

``git ls-files --cached --others --exclude-standard`` lists the tracked files and the
untracked files that no ignore rule covers: ``.gitignore`` at every level,
``.git/info/exclude``, the user's global excludes file, and tracked files are listed even
when a pattern matches them, exactly as git sees them. Nested repositories and submodules
are listed as folders; the walk asks git again inside them. A folder that is itself ignored
lists nothing; it was named on the command line, so it is walked with the ignore files'
patterns instead (``toolkit.walk.gitignore``), as when git is missing or the folder is not
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
_STAGED = re.compile(r"(\d{6}) [0-9a-f]+ \d\t(.*)", re.DOTALL)
_GITLINK = "160000"


class GitListing(NamedTuple):
    """What git lists under a folder, relative to it with ``/``: files, and repositories inside."""

    files: tuple[str, ...]
    repositories: tuple[str, ...]


def list_unignored(folder: str) -> GitListing | None:
    """The files git does not ignore under ``folder``; None when git cannot say (then read the patterns)."""
    output = _git(folder, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--stage")
    if output is None:
        return None
    if not output and _git(folder, "check-ignore", "-q", ".") is not None:
        return None  # the folder itself is ignored: git lists nothing under it
    return _parse(output)


def _parse(output: bytes) -> GitListing:
    files: dict[str, None] = {}
    repositories: list[str] = []
    for entry in output.split(b"\0"):
        if not entry:
            continue
        text = os.fsdecode(entry)
        staged = _STAGED.fullmatch(text)
        if staged is not None:
            mode, text = staged.groups()
            if mode == _GITLINK:
                repositories.append(text)
                continue
        if text.endswith("/"):  # an untracked repository inside this one
            repositories.append(text.rstrip("/"))
        else:
            files[text] = None  # a conflicted file is listed once per stage
    return GitListing(tuple(files), tuple(repositories))


def _git(folder: str, *args: str) -> bytes | None:
    """``git -C folder ARGS``'s output; None when git is missing or fails (not a work tree ...)."""
    env = {key: value for key, value in os.environ.items() if key not in _REPOSITORY_VARIABLES}
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
    return done.stdout if done.returncode == 0 else None
