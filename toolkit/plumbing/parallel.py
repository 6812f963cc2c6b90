"""Running per-file work in worker processes, with results in input order.

Files are independent, so loading and linting map a function over them. Small
inputs run in this process (starting workers costs more than it saves); large
ones use one worker per CPU.

Workers are forked (``toolkit.plumbing.forked``), the cheapest way, when this process
runs no other Python thread (the native helper threads of OpenBLAS and
jemalloc register fork handlers and are safe). Forking a process that runs other threads (a Dask
client, a notebook kernel, a web server) can deadlock or crash the child, so
then the default (``jobs=None``) stays in this process, and an explicit
``jobs`` uses a fork server, which starts workers from a clean process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

__all__ = ["ordered_map", "resolve_jobs", "start_method"]

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Below this many files one process is faster than starting workers.
PARALLEL_MIN_ITEMS = 48


def resolve_jobs(jobs: int | None, n_items: int) -> int:
    """Worker processes to use: ``jobs`` when given, else one per CPU for large inputs."""
    if jobs is not None:
        return max(1, jobs)
    if n_items < PARALLEL_MIN_ITEMS:
        return 1
    return max(1, min(os.cpu_count() or 1, n_items // (PARALLEL_MIN_ITEMS // 2)))


def ordered_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    jobs: int | None,
    preload: Iterable[str] = (),
) -> Iterator[Result]:
    """``map(function, items)``, in worker processes when worthwhile; results in input order.

    ``function`` must be picklable (a module-level function or a ``functools.partial`` of one);
    ``preload`` names modules a fork server imports once for all its workers.
    """
    workers = resolve_jobs(jobs, len(items))
    method = start_method() if workers > 1 and len(items) > 1 else "none"
    if method == "none" or (jobs is None and method != "fork"):
        yield from map(function, items)
        return
    if method == "fork":
        from toolkit.plumbing.forked import forked_map  # a one-file lint hook does not need it

        # The first item runs here, before forking: the workers then inherit every cache it
        # warmed (compiled schemas and patterns, the price index) instead of each building its own.
        yield function(items[0])
        yield from forked_map(function, items[1:], workers)
        return
    # Imported only for a fork server: a one-file lint hook should not pay for them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    multiprocessing.set_forkserver_preload(list(preload))
    context = multiprocessing.get_context(method)
    chunksize = max(1, min(16, len(items) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(function, items, chunksize=chunksize)


def start_method() -> str:
    """``fork`` when it is safe (no other Python thread runs), else ``forkserver`` / ``spawn``."""
    import threading

    if hasattr(os, "fork") and threading.active_count() == 1:
        return "fork"
    import multiprocessing

    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
