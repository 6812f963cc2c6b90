"""Globs on paths as the configuration writes them: on the path relative to a folder, or on a name.

One meaning for every glob of the configuration (``exclude``, ``extend-exclude``,
``per-file-ignores``): ``fnmatch`` rules (``*`` also crosses ``/``), matched against the
path relative to the configuration's folder, with ``/``, and against the last component
alone; so ``node_modules`` skips every folder of that name and ``tests/legacy/*`` one
folder's files. A trailing ``/`` and a leading ``./`` are ignored.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Iterable

__all__ = ["compile_globs", "matches_glob", "normalize_glob"]


def normalize_glob(glob: str) -> str:
    """``glob`` without a leading ``./`` or trailing ``/``."""
    return glob.removeprefix("./").rstrip("/") or glob


@functools.lru_cache(maxsize=256)
def compile_globs(globs: tuple[str, ...]) -> re.Pattern[str] | None:
    """One expression for any of ``globs`` (None for none), for paths and names alike."""
    if not globs:
        return None
    return re.compile("|".join(fnmatch.translate(normalize_glob(glob)) for glob in globs))


def matches_glob(relative: str, globs: Iterable[str]) -> bool:
    """Whether ``relative`` (with ``/``), or its last component, matches one of ``globs``."""
    pattern = compile_globs(tuple(globs))
    if pattern is None:
        return False
    return pattern.match(relative) is not None or pattern.match(relative.rpartition("/")[2]) is not None
