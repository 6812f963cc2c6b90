"""Finding the cassette files that paths name: one ``discover`` for every command and ``toolkit.load``.

A file named on the command line is read whatever it is (``force_exclude`` aside); a folder is
walked: files git ignores, hidden files and folders, virtual environments, the folders of
``DEFAULT_EXCLUDE`` and the exclude globs are skipped, and so are files whose start shows that
no recorder wrote them. A folder the walk cannot enter (no permission) is yielded itself, so that
reading it reports why (``CT001``) rather than the walk skipping it silently. Modules:
``options`` (``WalkOptions``, suffixes, default excludes),
``tree`` (the walk), ``git`` and ``gitignore`` (what is ignored, with git or from the files),
``sniff`` (the look at a file's start), ``globs`` (the configuration's glob meaning), ``remote``
(a folder named by an fsspec URL: one listing, the same filters where they make sense). Only
``options`` is imported until a folder is walked, so linting named files stays cheap.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from toolkit.read.remote import is_url
from toolkit.read.walk.options import CASSETTE_SUFFIXES, DEFAULT_EXCLUDE, WalkOptions, is_excluded

__all__ = ["CASSETTE_SUFFIXES", "DEFAULT_EXCLUDE", "WalkOptions", "discover"]


def discover(paths: Iterable[str | os.PathLike[str]], options: WalkOptions | None = None) -> Iterator[str]:
    """Files named by ``paths``: files as given, folders walked recursively (each in sorted order).

    A URL (``s3://bucket/folder``) is listed through fsspec (``toolkit.read.walk.remote``).
    """
    options = options or WalkOptions()
    for raw in paths:
        if isinstance(raw, str) and is_url(raw):
            from toolkit.read.walk.remote import walk_url

            yield from walk_url(raw, options)
            continue
        path = str(Path(raw))
        if options.force_exclude and is_excluded(path, options):
            continue
        if os.path.isdir(path):
            from toolkit.read.walk.tree import walk_folder

            yield from sorted(walk_folder(path, options))
        else:
            yield path
