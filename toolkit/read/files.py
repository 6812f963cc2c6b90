"""Finding cassette files (``toolkit.read.walk``) and reading their bytes: the only file I/O of loading.

A path with a scheme (``s3://bucket/key.yaml``) is read through fsspec (``toolkit.read.remote``).
"""

from __future__ import annotations

import os

from toolkit.model import Cassette
from toolkit.problems import Problem, ProblemCode
from toolkit.read.parse import Parsed, parse_cassette
from toolkit.read.remote import is_url, read_url
from toolkit.read.walk import CASSETTE_SUFFIXES, WalkOptions, discover

__all__ = ["CASSETTE_SUFFIXES", "WalkOptions", "discover", "read_file", "read_sized_file"]

#: Files larger than this are refused before reading (a cassette of hundreds of MB is a mistake).
MAX_FILE_BYTES = 512 * 1024 * 1024


def read_file(path: str) -> Parsed:
    """Read and parse one file; an unreadable file is a cassette with a ``CT001`` problem."""
    return read_sized_file(path)[0]


def read_sized_file(path: str) -> tuple[Parsed, int]:
    """``read_file``, and the file's size in bytes (0 when it could not be read)."""
    if is_url(path):
        return _read_url(path)
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            return _unreadable(path, f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,} byte limit"), size
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as e:
        return _unreadable(path, f"cannot read the file: {e.strerror or e}"), 0
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
