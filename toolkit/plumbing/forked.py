"""A map over forked processes: the parent works beside its children, results in input order.

``ordered_map`` uses this when forking is safe. It is smaller and starts faster than a
``ProcessPoolExecutor`` (no queues, feeder threads or management thread to import and set
up), which is most of what a short run such as a pre-commit hook would otherwise wait for.

The items are cut into chunks. Every chunk number is written to a *task pipe* before
forking; each process, the parent included, claims the next chunk by reading four bytes
from it, so a process that finishes early simply claims more. A child sends each chunk's
results back on its own pipe as one length-prefixed pickle. The parent reads what has
arrived after each chunk of its own, and yields results as soon as every earlier one is in.

An exception raised by the function travels back and is raised where the item falls in
order, as ``map`` would. A child that dies without reporting (killed, out of memory) makes
the map raise ``RuntimeError``. If the caller stops early or fails, the children are killed.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

__all__ = ["forked_map"]

Item = TypeVar("Item")
Result = TypeVar("Result")

#: A chunk's results and the error that stopped it, if any.
_Done = tuple[list[Any], Exception | None]

_INDEX_BYTES = 4
_LENGTH_BYTES = 8
#: Chunk numbers are all written before forking, so they must fit in one pipe buffer
#: (64 KiB on Linux, at least 4 KiB by POSIX): at most this many chunks.
_MAX_CHUNKS = 1024


def forked_map(function: Callable[[Item], Result], items: Sequence[Item], workers: int) -> Iterator[Result]:
    """``map(function, items)`` over this process and ``workers - 1`` forked ones."""
    chunks = _chunks(items, workers)
    tasks_read, tasks_write = os.pipe()
    os.write(tasks_write, b"".join(i.to_bytes(_INDEX_BYTES, "big") for i in range(len(chunks))))
    os.close(tasks_write)  # readers see the end once every chunk is claimed
    children: dict[int, int] = {}  # result pipe -> child pid
    finished = False
    try:
        for _ in range(workers - 1):
            read, write = os.pipe()
            _flush_standard_streams()
            pid = os.fork()
            if pid == 0:  # the child: work, report, never return
                os.close(read)
                _serve(function, chunks, tasks_read, write)
            os.close(write)
            children[read] = pid
        yield from _collect(function, chunks, tasks_read, children)
        finished = True
    finally:
        os.close(tasks_read)
        _end_children(children, kill=not finished)


def _chunks(items: Sequence[Item], workers: int) -> list[Sequence[Item]]:
    """Small chunks, many per process (for balance), and never more than ``_MAX_CHUNKS``."""
    size = max(1, min(16, len(items) // (workers * 32)), -(-len(items) // _MAX_CHUNKS))
    return [items[start : start + size] for start in range(0, len(items), size)]


def _claim(tasks: int) -> int | None:
    data = os.read(tasks, _INDEX_BYTES)  # pipe reads this small are never split
    return int.from_bytes(data, "big") if data else None


def _run_chunk(function: Callable[[Item], Result], chunk: Sequence[Item]) -> _Done:
    """The chunk's results, up to the first error, and that error (as ``map`` would stop)."""
    results: list[Result] = []
    try:
        for item in chunk:
            results.append(function(item))
    except Exception as error:
        return results, error
    return results, None


def _serve(function: Callable[[Item], Any], chunks: list[Sequence[Item]], tasks: int, out: int) -> None:
    """A child's whole life: claim chunks, send their results, exit without cleanup."""
    status = 1
    try:
        while (index := _claim(tasks)) is not None:
            results, error = _run_chunk(function, chunks[index])
            _send(out, index, (results, error))
            if error is not None:
                break
        _flush_standard_streams()
        status = 0
    finally:
        os._exit(status)  # never the parent's atexit handlers or buffered output


def _send(out: int, index: int, done: _Done) -> None:
    try:
        frame = pickle.dumps((index, done), pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # a result or an exception that cannot be pickled
        problem = RuntimeError(f"a worker could not send its result: {error!r}")
        frame = pickle.dumps((index, ([], problem)), pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(frame).to_bytes(_LENGTH_BYTES, "big") + frame)
    while view:
        view = view[os.write(out, view) :]


def _collect(
    function: Callable[[Item], Result], chunks: list[Sequence[Item]], tasks: int, children: dict[int, int]
) -> Iterator[Result]:
    """The parent: claim chunks too, gather the children's, yield everything in order."""
    done: dict[int, _Done] = {}
    buffers = {fd: bytearray() for fd in children}
    for fd in children:
        os.set_blocking(fd, False)
    next_out = 0

    def in_order() -> Iterator[Result]:
        """The results of the chunks from ``next_out`` on that are all in; then a chunk's error."""
        nonlocal next_out
        while next_out in done:
            results, error = done.pop(next_out)
            next_out += 1
            yield from results
            if error is not None:
                raise error

    while (index := _claim(tasks)) is not None:
        done[index] = _run_chunk(function, chunks[index])
        _receive(buffers, done, wait=False)
        yield from in_order()
    while buffers:  # nothing left to claim: wait for the children's last chunks
        _receive(buffers, done, wait=True)
        yield from in_order()
    if next_out < len(chunks):
        raise RuntimeError("a worker process died before sending its results")


def _receive(buffers: dict[int, bytearray], done: dict[int, _Done], *, wait: bool) -> None:
    """Read what the children have written; with ``wait``, block until one of them writes."""
    ready, _, _ = select.select(list(buffers), [], [], None if wait else 0)
    for fd in ready:
        data = _read_available(fd)
        if data is None:
            del buffers[fd]
            continue
        buffer = buffers[fd]
        buffer += data
        while len(buffer) >= _LENGTH_BYTES:
            length = int.from_bytes(buffer[:_LENGTH_BYTES], "big")
            if len(buffer) < _LENGTH_BYTES + length:
                break
            index, result = pickle.loads(buffer[_LENGTH_BYTES : _LENGTH_BYTES + length])
            del buffer[: _LENGTH_BYTES + length]
            done[index] = result


def _read_available(fd: int) -> bytes | None:
    """What the pipe holds now; None at its end (the child has exited and all is read)."""
    pieces: list[bytes] = []
    while True:
        try:
            piece = os.read(fd, 1 << 20)
        except BlockingIOError:
            return b"".join(pieces)
        if not piece:
            return b"".join(pieces) if pieces else None
        pieces.append(piece)


def _flush_standard_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


def _end_children(children: dict[int, int], *, kill: bool) -> None:
    for fd, pid in children.items():
        os.close(fd)
        if kill:
            with contextlib.suppress(ProcessLookupError):  # it has exited already
                os.kill(pid, signal.SIGKILL)
    for pid in children.values():
        os.waitpid(pid, 0)
