"""Paths as commands print, store and match them: relative to a folder, with forward slashes."""

from __future__ import annotations

import os
from pathlib import PurePath

__all__ = ["relative_path"]


def relative_path(path: str, base: str) -> str:
    """``path`` relative to ``base`` with ``/`` separators; absolute when it lies outside ``base``."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, os.path.abspath(base))
    except ValueError:  # another drive (Windows)
        return PurePath(absolute).as_posix()
    return PurePath(absolute if relative.startswith("..") else relative).as_posix()
