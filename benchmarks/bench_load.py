"""Load throughput on a folder of cassettes beside the bare YAML parse floor of the same files.

    python benchmarks/bench_load.py [PATH]   (default: ../shared/corpus)

Prints each figure with its floor and the ratio; both are measured in this run
(machines are noisy, so ratios, not seconds, are what to compare).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import toolkit
from benchmarks.floors import best_of, parse_floor
from toolkit.source import discover

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else DEFAULT
    files = list(discover([root]))
    size = sum(os.path.getsize(f) for f in files)
    print(f"{len(files)} files, {size / 1e6:.1f} MB, {os.cpu_count()} CPUs")
    toolkit.load(files[0])  # imports pandas and warms caches outside the timings
    floor = best_of(3, lambda: [parse_floor(f) for f in files])
    rows = [("parse floor: read + yaml.CSafeLoader (1 process)", floor)]
    cpus = os.cpu_count()
    for usage in (False, True):
        what = "load with usage" if usage else "load"
        for jobs in (1, cpus):
            seconds = best_of(3, lambda: toolkit.load(root, jobs=jobs, usage=usage))  # noqa: B023
            rows.append((f"toolkit.{what}, jobs={jobs}", seconds))
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        rate = size / 1e6 / seconds
        print(f"{name:<{width}}  {seconds:7.3f} s  {rate:6.1f} MB/s  {seconds / floor:5.2f}x floor")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
