"""Finding cassette files (``toolkit.read.walk``) and reading their bytes: the only file I/O of loading."""

from __future__ import annotations

import os

from toolkit.model import Cassette
from toolkit.problems import Problem, ProblemCode
from toolkit.read.parse import Parsed, parse_cassette
from toolkit.read.walk import CASSETTE_SUFFIXES, WalkOptions, discover

__all__ = ["CASSETTE_SUFFIXES", "WalkOptions", "discover", "read_file"]

#: Files larger than this are refused before reading (a cassette of hundreds of MB is a mistake).
MAX_FILE_BYTES = 512 * 1024 * 1024


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
