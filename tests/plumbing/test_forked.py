"""The forked map: input order, every process working, errors in order, dead children, cleanup."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from toolkit.plumbing.forked import _MAX_CHUNKS, _chunks, forked_map

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def _children() -> set[int]:
    """This process's children, running or zombie (Linux lists them under /proc)."""
    return {
        int(pid) for task in Path("/proc/self/task").glob("*/children") for pid in task.read_text().split()
    }


@pytest.fixture(autouse=True)
def _no_child_left_behind() -> Iterator[None]:
    """Every child a test forks must have been reaped when the map is over."""
    if not Path("/proc/self/task").is_dir():
        yield
        return
    before = _children()
    yield
    assert _children() <= before


def _square_and_pid(n: int) -> tuple[int, int]:
    time.sleep(0.0005)  # slow enough that the children start before the parent is done
    return n * n, os.getpid()


@pytest.mark.parametrize("workers", [2, 3])
def test_results_come_in_input_order_from_every_process(workers: int) -> None:
    results = list(forked_map(_square_and_pid, range(600), workers))
    assert [value for value, _ in results] == [n * n for n in range(600)]
    assert len({pid for _, pid in results}) == workers  # the parent works too
    assert os.getpid() in {pid for _, pid in results}


def test_short_inputs_and_one_worker() -> None:
    assert list(forked_map(lambda n: n + 1, [], 2)) == []
    assert list(forked_map(lambda n: n + 1, [1], 2)) == [2]
    assert list(forked_map(lambda n: n + 1, [1, 2, 3], 1)) == [2, 3, 4]


def test_results_larger_than_a_pipe_buffer() -> None:
    results = list(forked_map(lambda n: str(n) * 100_000, range(64), 2))
    assert results == [str(n) * 100_000 for n in range(64)]


def test_an_error_is_raised_where_its_item_falls() -> None:
    def fail_at_300(n: int) -> int:
        if n == 300:
            raise ValueError("item 300")
        return _square_and_pid(n)[0]

    seen: list[int] = []
    with pytest.raises(ValueError, match="item 300"):
        for value in forked_map(fail_at_300, range(600), 2):
            seen.append(value)
    assert seen == [n * n for n in range(300)]


def test_an_unpicklable_result_becomes_an_error() -> None:
    parent = os.getpid()
    with pytest.raises(RuntimeError, match="could not send its result"):
        list(forked_map(lambda n: (lambda: n) if _square_and_pid(n)[1] != parent else n, range(600), 2))


def test_a_child_that_dies_makes_the_map_fail() -> None:
    parent = os.getpid()

    def die_in_a_child(n: int) -> int:
        if _square_and_pid(n)[1] != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return n

    with pytest.raises(RuntimeError, match="died"):
        list(forked_map(die_in_a_child, range(600), 2))


def test_stopping_early_ends_the_children() -> None:
    results = forked_map(_square_and_pid, range(5_000), 3)
    assert next(results)[0] == 0
    results.close()


def test_output_written_before_forking_is_not_repeated(capfd: pytest.CaptureFixture[str]) -> None:
    sys.stdout.write("written once")  # buffered: a careless child would flush it again
    list(forked_map(lambda n: n, range(200), 2))
    assert capfd.readouterr().out.count("written once") == 1


def test_chunks_cover_the_items_and_stay_few() -> None:
    for n in (0, 1, 5, 349, 12_000, 200_000):
        chunks = _chunks(range(n), 2)
        assert [i for chunk in chunks for i in chunk] == list(range(n))
        assert len(chunks) <= _MAX_CHUNKS
