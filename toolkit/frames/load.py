"""``toolkit.load``: files and directories to frames, in parallel across files.

Each file is read, parsed and turned into rows independently (in a worker
process when ``jobs`` > 1); results come back in input order, so the frames
are the same whatever ``jobs`` is.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from toolkit.analyze.cassette import AnalyzedCassette
from toolkit.frames import Frames, frames_from_rows
from toolkit.frames.rows import FileRows, build_rows
from toolkit.plumbing.parallel import ordered_map
from toolkit.problems import Problem, ProblemCode
from toolkit.read.files import discover, read_file
from toolkit.read.walk import DEFAULT_EXCLUDE, WalkOptions

__all__ = ["load", "load_rows", "walk_options"]

Progress = Callable[[int, int], None]


def load(
    *paths: str | os.PathLike[str],
    jobs: int | None = None,
    usage: bool = True,
    progress: Progress | None = None,
    exclude: Iterable[str] | None = None,
    extend_exclude: Iterable[str] = (),
    respect_gitignore: bool = True,
    show_secrets: bool = False,
) -> Frames:
    """Load cassette files and directories (recursively) into ``Frames``.

    ``jobs``: worker processes; None picks the CPU count for large inputs.
    ``usage``: False skips stream decoding, provider routing, usage and cost (faster; the
    ``chunks`` and ``usage`` frames are then empty and the LLM columns NA).
    ``progress``: called as ``progress(done, total)`` after each file.
    ``exclude`` (replacing the default folders: node_modules, venv ...), ``extend_exclude``
    and ``respect_gitignore``: what walking a folder skips, as the commands' options of the
    same names (globs relative to the working directory, or names); files named in ``paths``
    are always loaded.
    ``show_secrets``: keep credential URL parameters (``key``, ``api_key``, ``X-Amz-Signature``
    ...) in the ``url`` and ``query`` columns; by default their values read ``MASKED``.
    A file that cannot be read is a row in ``.problems``; nothing is raised for bad input.
    A file named twice (as a file and inside a folder, say) is loaded once, so that
    ``cassette`` + ``interaction`` stays a key.
    """
    walk = walk_options(exclude, extend_exclude, respect_gitignore)
    files = list(dict.fromkeys(discover(paths, walk)))
    rows = load_rows(files, jobs=jobs, usage=usage, progress=progress, show_secrets=show_secrets)
    return frames_from_rows(list(rows))


def walk_options(
    exclude: Iterable[str] | None, extend_exclude: Iterable[str], respect_gitignore: bool
) -> WalkOptions:
    """The walk of ``load``'s keyword arguments."""
    return WalkOptions(
        exclude=DEFAULT_EXCLUDE if exclude is None else tuple(exclude),
        extend_exclude=tuple(extend_exclude),
        respect_gitignore=respect_gitignore,
    )


def load_rows(
    files: list[str],
    jobs: int | None = None,
    usage: bool = True,
    progress: Progress | None = None,
    show_secrets: bool = False,
) -> Iterator[FileRows]:
    """Rows of each file, in input order (in worker processes for large inputs)."""
    work = partial(rows_of_file, usage=usage, show_secrets=show_secrets)
    yield from _counted(ordered_map(work, files, jobs, preload=["toolkit.frames.load"]), len(files), progress)


def rows_of_file(path: str, usage: bool = True, show_secrets: bool = False) -> FileRows:
    """Read one file and build its rows (runs in a worker); never raises for a file."""
    try:
        return build_rows(AnalyzedCassette.of(read_file(path)), usage=usage, show_secrets=show_secrets)
    except MemoryError:
        return _failed(
            path, ProblemCode.RESOURCE_LIMIT, "reading the file needs more memory than is available"
        )
    except Exception as e:  # a bug: a CT099 problem of this file, never a crash of the run
        return _failed(
            path,
            ProblemCode.INTERNAL_ERROR,
            f"reading the file failed with {type(e).__name__}; please report it",
        )


def _failed(path: str, code: ProblemCode, message: str) -> FileRows:
    problem = Problem(path, 1, 1, code, message)
    return FileRows(problems=[(path, 1, 1, str(code), problem.severity, message, None)])


def _counted(results: Iterable[FileRows], total: int, progress: Progress | None) -> Iterator[FileRows]:
    for done, rows in enumerate(results, 1):
        if progress is not None:
            progress(done, total)
        yield rows
