"""What a folder walk skips: ``WalkOptions``, the suffixes it picks up, the folders it never enters."""

from __future__ import annotations

from typing import NamedTuple

from toolkit.plumbing.paths import relative_path
from toolkit.read.walk.globs import matches_glob

__all__ = ["CASSETTE_SUFFIXES", "DEFAULT_EXCLUDE", "WalkOptions", "is_excluded"]

#: File names a walk picks up: YAML and JSON cassettes (gzip-compressed for langchain's split
#: cassettes), Polly's HAR recordings (``*.har``, ``*.har.yaml``) and Go httprr traces.
CASSETTE_SUFFIXES = (
    ".yaml",
    ".yml",
    ".json",
    ".yaml.gz",
    ".yml.gz",
    ".har",
    ".httprr",
    ".httprr.gz",
)

#: Folders that hold tools, dependencies and caches, never a project's cassettes. Hidden
#: folders are never entered anyway; the hidden names are listed so that the list says it all.
DEFAULT_EXCLUDE = (
    ".bzr",
    ".direnv",
    ".eggs",
    ".git",
    ".hg",
    ".mypy_cache",
    ".nox",
    ".pytest_cache",
    ".ruff_cache",
    ".svn",
    ".tox",
    ".venv",
    "__pycache__",
    "__pypackages__",
    "_build",
    "bower_components",
    "buck-out",
    "dist-packages",
    "node_modules",
    "site-packages",
    "venv",
)


class WalkOptions(NamedTuple):
    """How folders are walked.

    ``exclude`` (replacing the defaults) and ``extend_exclude`` are globs on paths relative
    to ``root`` (the configuration's folder) or on names. ``respect_gitignore`` skips what
    git ignores. ``force_exclude`` applies the globs to the paths named on the command line
    too (the pre-commit hooks name every file).
    """

    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    root: str = "."
    respect_gitignore: bool = True
    force_exclude: bool = False

    @property
    def globs(self) -> tuple[str, ...]:
        return (*self.exclude, *self.extend_exclude)


def is_excluded(path: str, options: WalkOptions) -> bool:
    """Whether a path named on the command line, or a folder above it, matches an exclude glob."""
    globs = options.globs
    relative = relative_path(path, options.root)
    if matches_glob(relative, globs):
        return True
    parent = relative.rpartition("/")[0]
    while parent and parent not in (".", "/"):
        if matches_glob(parent, globs):
            return True
        parent = parent.rpartition("/")[0]
    return False


def join(prefix: str, relative: str) -> str:
    """``relative`` below the folder that is ``prefix`` relative to the root (``.`` for the root)."""
    return relative if prefix == "." else f"{prefix}/{relative}"
