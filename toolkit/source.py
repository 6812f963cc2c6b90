"""Finding cassette files and reading their bytes: the only file I/O of loading."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from toolkit.model import Cassette
from toolkit.problems import Problem, ProblemCode
from toolkit.reader import Parsed, parse_cassette

__all__ = ["CASSETTE_SUFFIXES", "discover", "read_file"]

#: File names a directory walk picks up (``*.har.yaml`` is a ``*.yaml``; ``*.har`` is JSON).
CASSETTE_SUFFIXES = (".yaml", ".yml", ".json", ".yaml.gz", ".yml.gz", ".httprr", ".httprr.gz", ".har")

#: Files larger than this are refused before reading (a cassette of hundreds of MB is a mistake).
MAX_FILE_BYTES = 512 * 1024 * 1024


def discover(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Files named by ``paths``: files as given, directories walked recursively in sorted order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(_walk(path))
        else:
            yield str(path)


def _walk(root: Path) -> Iterator[str]:
    """Cassette files under ``root``, hidden files and folders (``.git``, ``.venv``) skipped.

    ``os.walk`` (several times faster than ``Path.rglob``); like ``rglob`` it does not enter
    symbolic links to folders, and paths are spelled as pathlib spells them.
    """
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        where = Path(folder)
        for name in names:
            if name.endswith(CASSETTE_SUFFIXES) and not name.startswith("."):
                candidate = where / name
                if candidate.is_file():
                    yield str(candidate)


def read_file(path: str) -> Parsed:
    """Read and parse one file; an unreadable file is a cassette with a ``CT001`` problem."""
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            return _unreadable(path, f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,} byte limit")
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as e:
        return _unreadable(path, f"cannot read the file: {e.strerror or e}")
    return parse_cassette(data, path)


def _unreadable(path: str, message: str) -> Parsed:
    problem = Problem(path, 1, 1, ProblemCode.UNREADABLE, message)
    return Parsed(Cassette(path, "unknown", problems=(problem,)), None)
