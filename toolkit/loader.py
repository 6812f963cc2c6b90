"""``toolkit.load``: files and directories to frames, in parallel across files.

Each file is read, parsed and turned into rows independently (in a worker
process when ``jobs`` > 1); results come back in input order, so the frames
are the same whatever ``jobs`` is.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from toolkit.frames import Frames, frames_from_rows
from toolkit.frames.rows import FileRows, build_rows
from toolkit.source import discover, read_file

__all__ = ["load", "load_rows"]

#: Below this many files a single process is faster than starting workers.
PARALLEL_MIN_FILES = 48

Progress = Callable[[int, int], None]


def load(
    *paths: str | os.PathLike[str],
    jobs: int | None = None,
    usage: bool = True,
    progress: Progress | None = None,
) -> Frames:
    """Load cassette files and directories (recursively) into ``Frames``.

    ``jobs``: worker processes; None picks the CPU count for large inputs.
    ``usage``: False skips stream decoding, provider routing, usage and cost (faster; the
    ``chunks`` and ``usage`` frames are then empty and the LLM columns NA).
    ``progress``: called as ``progress(done, total)`` after each file.
    A file that cannot be read is a row in ``.problems``; nothing is raised for bad input.
    A file named twice (as a file and inside a folder, say) is loaded once, so that
    ``cassette`` + ``interaction`` stays a key.
    """
    files = list(dict.fromkeys(discover(paths)))
    return frames_from_rows(list(load_rows(files, jobs=jobs, usage=usage, progress=progress)))


def load_rows(
    files: list[str], jobs: int | None = None, usage: bool = True, progress: Progress | None = None
) -> Iterator[FileRows]:
    """Rows of each file, in input order."""
    workers = resolve_jobs(jobs, len(files))
    work = partial(rows_of_file, usage=usage)
    if workers <= 1:
        yield from _counted(map(work, files), len(files), progress)
        return
    context = multiprocessing.get_context(_start_method())
    chunksize = max(1, min(16, len(files) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from _counted(pool.map(work, files, chunksize=chunksize), len(files), progress)


def _start_method() -> str:
    """``fork`` when it is safe (this process runs one OS thread), else ``forkserver`` / ``spawn``.

    Forking a process that runs other threads (a Dask client, DuckDB, a notebook kernel's
    helpers) can deadlock or crash the child, so fork is used only from a single-threaded
    process, where it is by far the cheapest.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and _os_threads() == 1:
        return "fork"
    if "forkserver" in methods:
        multiprocessing.set_forkserver_preload(["toolkit.loader"])
        return "forkserver"
    return "spawn"


def _os_threads() -> int:
    """Threads of this process as the OS sees them (C extensions' threads included); 0 if unknown."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 0


def resolve_jobs(jobs: int | None, n_files: int) -> int:
    """The number of worker processes to use: explicit, or the CPU count for large inputs."""
    if jobs is not None:
        return max(1, jobs)
    if n_files < PARALLEL_MIN_FILES:
        return 1
    return max(1, min(os.cpu_count() or 1, n_files // (PARALLEL_MIN_FILES // 2)))


def rows_of_file(path: str, usage: bool = True) -> FileRows:
    """Read one file and build its rows (runs in a worker)."""
    return build_rows(read_file(path).cassette, usage=usage)


def _counted(results: Iterable[FileRows], total: int, progress: Progress | None) -> Iterator[FileRows]:
    for done, rows in enumerate(results, 1):
        if progress is not None:
            progress(done, total)
        yield rows
