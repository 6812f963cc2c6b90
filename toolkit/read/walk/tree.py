"""Walk one folder for cassettes: what git does not ignore, less what the options and a look exclude.

Inside a git work tree, git lists the files it does not ignore (``toolkit.read.walk.git``);
elsewhere, or without git, ``os.walk`` reads the ``.gitignore`` files on the way
(``toolkit.read.walk.gitignore``). Either way the same filters follow: hidden files and folders,
Python virtual environments (a folder with ``pyvenv.cfg``), the exclude globs, the cassette
suffixes, and a look at each file's start (``toolkit.read.walk.sniff``). ``os.walk`` does not
enter symbolic links to folders, and paths are spelled as pathlib spells them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from toolkit.plumbing.paths import relative_path
from toolkit.read.walk.git import GitListing, list_unignored
from toolkit.read.walk.gitignore import IgnoreFile, is_ignored, parse_ignore_file
from toolkit.read.walk.globs import compile_globs
from toolkit.read.walk.options import CASSETTE_SUFFIXES, WalkOptions, join
from toolkit.read.walk.sniff import is_plainly_not_a_cassette

__all__ = ["walk_folder"]

_VENV_MARKER = "pyvenv.cfg"


def walk_folder(folder: str, options: WalkOptions) -> Iterator[str]:
    """The cassette files under ``folder``, in no particular order."""
    walk = _Walk(folder, options)
    top = _repository_top(folder) if options.respect_gitignore else None
    # git only inside a repository: elsewhere it would only say so, a process later
    listing = list_unignored(folder, CASSETTE_SUFFIXES) if top is not None else None
    if listing is not None:
        yield from walk.listed(listing, top or folder)
    else:
        yield from walk.tree(_ignore_files_above(folder, top) if options.respect_gitignore else None)


class _Walk:
    """The filters of one walk; paths are relative to ``folder`` with ``/`` unless said otherwise."""

    def __init__(self, folder: str, options: WalkOptions) -> None:
        self.folder = folder
        self.options = options
        self.prefix = relative_path(folder, options.root)
        self.globs = compile_globs(options.globs)
        self.folders_ok: dict[str, bool] = {"": True}

    def excluded(self, relative: str, name: str) -> bool:
        if self.globs is None:
            return False
        return self.globs.match(join(self.prefix, relative)) is not None or self.globs.match(name) is not None

    def folder_ok(self, relative: str) -> bool:
        """Whether the walk enters ``relative`` (its parents included), for git's listing."""
        known = self.folders_ok.get(relative)
        if known is None:
            parent, _, name = relative.rpartition("/")
            known = (
                self.folder_ok(parent)
                and not name.startswith(".")
                and not self.excluded(relative, name)
                and not os.path.isfile(os.path.join(self.folder, relative, _VENV_MARKER))
            )
            self.folders_ok[relative] = known
        return known

    def file_ok(self, relative: str, name: str, path: str) -> bool:
        return (
            name.endswith(CASSETTE_SUFFIXES)
            and not name.startswith(".")
            and not self.excluded(relative, name)
            and os.path.isfile(path)
            and not is_plainly_not_a_cassette(path)
        )

    def listed(self, listing: GitListing, top: str) -> Iterator[str]:
        for relative in listing.files:
            parent, _, name = relative.rpartition("/")
            if not name.endswith(CASSETTE_SUFFIXES) or not self.folder_ok(parent):
                continue
            path = str(Path(self.folder, relative))
            if self.file_ok(relative, name, path):
                yield path
        for repository in listing.repositories:
            if self.folder_ok(repository):
                yield from walk_folder(str(Path(self.folder, repository)), self.options)
        for unreadable in listing.unreadable:  # git names it from the top; reading it says why (CT001)
            path = os.path.join(top, unreadable)
            if self.folder_ok(relative_path(path, self.folder)):
                yield str(Path(path))

    def tree(self, above: tuple[IgnoreFile, ...] | None) -> Iterator[str]:
        """``os.walk``, reading ``.gitignore`` files on the way unless ``above`` is None."""
        rules: dict[str, tuple[IgnoreFile, ...] | None] = {}
        unreadable: list[str] = []
        for current, subfolders, names in os.walk(self.folder, onerror=_collect(unreadable)):
            # a folder the walk cannot enter is yielded as it is: reading it says why (CT001)
            yield from _drain(unreadable)
            relative = relative_path(current, self.folder)
            relative = "" if relative == "." else relative
            if relative and _VENV_MARKER in names:
                subfolders[:] = []
                continue
            inherited = above if not relative else rules[relative.rpartition("/")[0]]
            own = rules[relative] = _own_rules(current, subfolders, names, inherited)
            where = _posix(os.path.abspath(current))
            subfolders[:] = [
                name
                for name in subfolders
                if not name.startswith(".")
                and not self.excluded(join_relative(relative, name), name)
                and not (own and is_ignored(own, f"{where}/{name}", folder=True))
            ]
            for name in names:
                path = str(Path(current, name))
                if self.file_ok(join_relative(relative, name), name, path) and not (
                    own and is_ignored(own, f"{where}/{name}", folder=False)
                ):
                    yield path
        yield from _drain(unreadable)


def _collect(unreadable: list[str]) -> Callable[[OSError], None]:
    def collect(error: OSError) -> None:
        if error.filename is not None:
            unreadable.append(os.fsdecode(error.filename))

    return collect


def _drain(unreadable: list[str]) -> Iterator[str]:
    while unreadable:
        yield str(Path(unreadable.pop(0)))


def join_relative(relative: str, name: str) -> str:
    return f"{relative}/{name}" if relative else name


def _own_rules(
    current: str, subfolders: list[str], names: list[str], inherited: tuple[IgnoreFile, ...] | None
) -> tuple[IgnoreFile, ...] | None:
    """The ignore files that apply in ``current``: a repository inside starts afresh."""
    if inherited is None:
        return None
    rules = inherited
    if ".git" in subfolders or ".git" in names:
        rules = _read_ignore(os.path.join(current, ".git", "info", "exclude"), current)
    if ".gitignore" in names:
        rules += _read_ignore(os.path.join(current, ".gitignore"), current)
    return rules


def _repository_top(folder: str) -> str | None:
    """The nearest folder at or above ``folder`` that has a ``.git`` (a repository's top), if any."""
    current = os.path.abspath(folder)
    while not os.path.exists(os.path.join(current, ".git")):
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent
    return current


def _ignore_files_above(folder: str, top: str | None) -> tuple[IgnoreFile, ...]:
    """The ignore files of the repository around ``folder`` that sit above it (none outside one).

    ``folder``'s own, and those below it, are read by the walk.
    """
    current = os.path.abspath(folder)
    if top is None or top == current:
        return ()
    above: list[str] = []
    while current != top:
        current = os.path.dirname(current)
        above.append(current)
    rules = _read_ignore(os.path.join(top, ".git", "info", "exclude"), top)
    for directory in reversed(above):
        rules += _read_ignore(os.path.join(directory, ".gitignore"), directory)
    return rules


def _read_ignore(path: str, folder: str) -> tuple[IgnoreFile, ...]:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return ()
    return (parse_ignore_file(text, _posix(os.path.abspath(folder))),)


def _posix(path: str) -> str:
    return path.replace(os.sep, "/") if os.sep != "/" else path
