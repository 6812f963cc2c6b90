"""Physical floors the benchmarks compare against, measured on the same files in the same run."""

from __future__ import annotations

import contextlib
import gzip
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import yaml


class _AnyTagLoader(yaml.CSafeLoader):
    """libyaml's safe loader that builds any tag as plain data (floor only, never for real use)."""


def _plain(loader: yaml.CSafeLoader, _suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return tuple(loader.construct_sequence(node))
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_AnyTagLoader.add_multi_constructor("!", _plain)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


def read_bytes(path: str) -> bytes:
    data = Path(path).read_bytes()
    return gzip.decompress(data) if path.endswith(".gz") else data


def parse_floor(path: str) -> Any:
    """Read + (gunzip) + ``yaml.CSafeLoader`` load: what any YAML tool must at least do."""
    return yaml.load(read_bytes(path), Loader=_AnyTagLoader)


def parse_json_floor(path: str) -> Any:
    """The parse floor plus ``json.loads`` of every JSON-looking string body (lint reads bodies)."""
    document = parse_floor(path)
    _parse_json_strings(document)
    return document


def parse_events_floor(path: str) -> Any:
    """The parse + JSON floor plus ``json.loads`` of every ``data:`` line of every body that
    looks like a server-sent event stream: the events lint and ``toolkit.load`` must read too."""
    document = parse_json_floor(path)
    _parse_stream_events(document)
    return document


def _parse_stream_events(value: Any) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _parse_stream_events(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _parse_stream_events(item)
    elif isinstance(value, str) and "data:" in value:
        for line in value.split("\n"):
            if line.startswith("data:"):
                with contextlib.suppress(ValueError):
                    orjson.loads(line[5:])  # the fastest parser at hand: a floor, not lint's cost


def _parse_json_strings(value: Any) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _parse_json_strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _parse_json_strings(item)
    elif isinstance(value, str) and value[:1] in "{[":
        with contextlib.suppress(ValueError):
            json.loads(value)


def best_of(repeat: int, work: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs, in seconds (the least disturbed by a noisy machine)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def interleaved_runs(
    repeat: int, *works: Callable[[], object], clock: Callable[[], float] = time.perf_counter
) -> list[list[float]]:
    """Every run's seconds of each of ``works``, run in turn ``repeat`` times (see ``interleaved``).

    ``clock=time.process_time`` counts this process's CPU time only: for work in one process,
    it is what other processes' bursts on a shared machine disturb least.
    """
    runs: list[list[float]] = [[] for _ in works]
    for _ in range(repeat):
        for i, work in enumerate(works):
            start = clock()
            work()
            runs[i].append(clock() - start)
    return runs


def interleaved(repeat: int, *works: Callable[[], object]) -> list[float]:
    """The fastest run of each of ``works``, run in turn ``repeat`` times.

    Running a figure and its floor alternately, rather than one batch after the other,
    exposes both to the same bursts of load from a noisy machine.
    """
    best = [float("inf")] * len(works)
    for _ in range(repeat):
        for i, work in enumerate(works):
            start = time.perf_counter()
            work()
            best[i] = min(best[i], time.perf_counter() - start)
    return best
