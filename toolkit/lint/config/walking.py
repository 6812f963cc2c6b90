"""How folders are walked, from the configuration file and the flags (``toolkit.read.walk.WalkOptions``).

Apart from the lint settings so that a command that only walks (or ``redact`` without a
configuration) does not import the rule registry.
"""

from __future__ import annotations

from typing import NamedTuple

from toolkit.lint.config.file import FileConfig
from toolkit.read.walk import DEFAULT_EXCLUDE, WalkOptions

__all__ = ["WalkFlags", "build_walk_flags", "build_walk_options"]


class WalkFlags(NamedTuple):
    """The flags that say how folders are walked (every command that takes paths has them)."""

    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool | None = None
    force_exclude: bool | None = None


def build_walk_options(config: FileConfig, flags: WalkFlags) -> WalkOptions:
    """How to walk folders: flags over the file, ``exclude`` replacing the defaults as in ruff."""
    exclude = flags.exclude if flags.exclude is not None else config.exclude
    return WalkOptions(
        exclude=DEFAULT_EXCLUDE if exclude is None else exclude,
        extend_exclude=(*config.extend_exclude, *flags.extend_exclude),
        root=config.root,
        respect_gitignore=_first(flags.respect_gitignore, config.respect_gitignore, True),
        force_exclude=_first(flags.force_exclude, config.force_exclude, False),
    )


def _first(*values: bool | None) -> bool:
    return next(value for value in values if value is not None)


def build_walk_flags(
    *,
    exclude: tuple[str, ...] = (),
    extend_exclude: tuple[str, ...] = (),
    respect_gitignore: bool | None = None,
    force_exclude: bool | None = None,
) -> WalkFlags:
    """``--exclude a,b --exclude c`` and the other walk flags; an empty ``--exclude`` keeps the file's."""
    return WalkFlags(
        exclude=_split_globs(exclude) if exclude else None,
        extend_exclude=_split_globs(extend_exclude),
        respect_gitignore=respect_gitignore,
        force_exclude=force_exclude,
    )


def _split_globs(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())
