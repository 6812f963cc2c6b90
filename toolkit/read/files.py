"""Finding cassette files (``toolkit.read.walk``) and reading their bytes: the only file I/O of loading.

A path with a scheme (``s3://bucket/key.yaml``) is read through fsspec (``toolkit.read.remote``).
"""

from __future__ import annotations

import os
import stat

from toolkit.model import Cassette
from toolkit.problems import Problem, ProblemCode
from toolkit.read.limits import MAX_FILE_BYTES
from toolkit.read.parse import Parsed, parse_cassette
from toolkit.read.remote import is_url, read_url
from toolkit.read.walk import CASSETTE_SUFFIXES, WalkOptions, discover

__all__ = [
    "CASSETTE_SUFFIXES",
    "MAX_FILE_BYTES",
    "UnreadableFileError",
    "WalkOptions",
    "discover",
    "read_file",
    "read_regular_file",
    "read_sized_file",
]


class UnreadableFileError(Exception):
    """A path that is not read: not a regular file, too large, or refused by the system."""


def read_file(path: str) -> Parsed:
    """Read and parse one file; an unreadable file is a cassette with a ``CT001`` problem."""
    return read_sized_file(path)[0]


def read_sized_file(path: str) -> tuple[Parsed, int]:
    """``read_file``, and the file's size in bytes (0 when it could not be read)."""
    if is_url(path):
        return _read_url(path)
    try:
        data = read_regular_file(path, MAX_FILE_BYTES)
    except UnreadableFileError as e:
        return _unreadable(path, str(e)), 0
    return parse_cassette(data, path), len(data)


def _read_url(url: str) -> tuple[Parsed, int]:
    try:
        data = read_url(url, MAX_FILE_BYTES)
    except OSError as e:
        return _unreadable(url, f"cannot read the file: {e}"), 0
    if len(data) > MAX_FILE_BYTES:
        return _unreadable(url, f"file is over the {MAX_FILE_BYTES:,} byte limit"), len(data)
    return parse_cassette(data, url), len(data)


def _unreadable(path: str, message: str) -> Parsed:
    problem = Problem(path, 1, 1, ProblemCode.UNREADABLE, message)
    return Parsed(Cassette(path, "unknown", problems=(problem,)), None)


def read_regular_file(path: str, limit: int) -> bytes:
    """The bytes of ``path``, when it is a regular file of at most ``limit`` bytes.

    A named pipe would block until something writes to it, and a device such as ``/dev/zero``
    never ends (its size reads as 0): neither is opened for reading, whatever the path says
    (a symbolic link is followed to what it names). Raises ``UnreadableFileError``.
    """
    try:
        _check_regular(os.stat(path), limit, path)
        # O_NONBLOCK: a pipe put in the file's place after the check does not block the open
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as e:
        raise UnreadableFileError(f"cannot read the file: {e.strerror or e}") from e
    with os.fdopen(handle, "rb") as stream:
        try:
            _check_regular(os.fstat(handle), limit, path)
            data = stream.read(limit + 1)
        except OSError as e:
            raise UnreadableFileError(f"cannot read the file: {e.strerror or e}") from e
    if len(data) > limit:
        raise UnreadableFileError(f"file grew past the {limit:,} byte limit while it was read")
    return data


def _check_regular(info: os.stat_result, limit: int, path: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        # a folder reaches here when a walk could not enter it (``toolkit.read.walk.tree``)
        raise UnreadableFileError(f"cannot read the folder: {_folder_error(path)}")
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFileError(f"not a regular file but {_kind(info.st_mode)}: only files are read")
    if info.st_size > limit:
        raise UnreadableFileError(f"file is {info.st_size:,} bytes, over the {limit:,} byte limit")


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "a special file")


def _folder_error(path: str) -> str:
    try:
        with os.scandir(path) as entries:
            next(entries, None)
    except OSError as e:
        return e.strerror or str(e)
    return "it is a folder, not a file"
