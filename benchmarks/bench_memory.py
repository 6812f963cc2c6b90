"""Lint's peak memory is per file, not per corpus: peak RSS on growing copies of the shared corpus.

    python benchmarks/bench_memory.py [SOURCE] [--sizes 50,100,200]

Builds corpora of about 50, 100 and 200 MB by replicating the files under SOURCE
(default: ../shared/corpus) into a temporary folder, lints each with a fresh
``cassette-toolkit lint`` process (default jobs: one worker per CPU), and prints
the peak resident set size of the largest process (the lint process or one of
its workers), from ``getrusage(RUSAGE_CHILDREN)`` of a fresh measuring process
per run. The target: under 300 MB at 200 MB, and flat as the corpus grows.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit.read.files import discover

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "corpus"

# Runs one command and prints the largest peak RSS of it and its descendants, in kB.
_MEASURE = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def build_corpus(source: Path, target: Path, megabytes: int) -> tuple[int, int]:
    """Copy SOURCE's cassette files into TARGET until about ``megabytes`` MB; (files, bytes)."""
    files = [Path(f) for f in discover([source])]
    copied = size = 0
    round_ = 0
    while size < megabytes * 1_000_000:
        for path in files:
            relative = path.relative_to(source)
            destination = target / f"copy{round_:03d}" / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
            copied += 1
            size += path.stat().st_size
            if size >= megabytes * 1_000_000:
                break
        round_ += 1
    return copied, size


def peak_rss_mb(folder: Path) -> tuple[float, float]:
    """(peak RSS in MB of the lint run's largest process, wall seconds)."""
    command = [sys.executable, "-m", "toolkit", "lint", "--isolated", "--format", "json", str(folder)]
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return int(out.stdout.strip()) / 1024, time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--sizes", default="50,100,200", help="corpus sizes in MB, comma-separated")
    args = parser.parse_args(argv)
    print(f"lint peak RSS on replicated copies of {args.source.name}, {os.cpu_count()} CPUs")
    for megabytes in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="cassette-memory-") as folder:
            files, size = build_corpus(args.source, Path(folder), megabytes)
            rss, seconds = peak_rss_mb(Path(folder))
            print(f"{size / 1e6:6.0f} MB, {files:5d} files: peak RSS {rss:6.0f} MB, {seconds:5.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
