"""What secret scanning costs, beside its floors measured in the same run.

    python benchmarks/bench_secrets.py [FOLDER]

FOLDER (default: ../shared/corpus/fantasy):

1. lint with every rule against lint without the CT2 family, in this process, one job,
   interleaved runs, best of each: the CT2 rules may add at most 30%;
2. the full lint (every rule, one job, in this process, as ``bench_lint.py`` times a folder)
   against ``detect-secrets scan --all-files`` over a temporary copy of the same files (it
   scans only files below its working directory), both best of two: the lint must be at
   least 20x faster. ``cassette-toolkit lint FOLDER`` in a fresh process (Python start-up
   and imports included) is reported beside it. Skipped with a note when detect-secrets is
   not installed (``pip install detect-secrets``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit.lint.engine import lint_paths
from toolkit.lint.settings import LintSettings
from toolkit.source import discover

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT.parent / "shared" / "corpus" / "fantasy"
MAX_OVERHEAD = 0.30
MIN_SPEEDUP = 20.0


def _timed(work: object) -> float:
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - start


def bench_overhead(folder: Path, rounds: int = 7) -> tuple[float, float]:
    """Best seconds of a lint with every rule and of one without CT2xx, runs interleaved."""
    full, without = LintSettings(), LintSettings(ignore=("CT2",))
    lint_paths([str(folder)], full)  # imports, compiled patterns and caches outside the timings
    with_times, without_times = [], []
    for _ in range(rounds):
        with_times.append(_timed(lambda: lint_paths([str(folder)], full)))
        without_times.append(_timed(lambda: lint_paths([str(folder)], without)))
    return min(with_times), min(without_times)


def _run_cli(folder: Path) -> float:
    command = [sys.executable, "-m", "toolkit", "lint", "--isolated", str(folder)]
    return _timed(lambda: subprocess.run(command, cwd=ROOT, capture_output=True, check=False))


def bench_detect_secrets(folder: Path, rounds: int = 2) -> tuple[float, int] | None:
    """Best seconds of detect-secrets over a copy of ``folder``, and how many findings it has."""
    executable = shutil.which("detect-secrets")
    if executable is None:
        return None
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / folder.name
        shutil.copytree(folder, copy)
        command = [executable, "scan", "--all-files", "."]
        times, output = [], ""
        for _ in range(rounds):
            start = time.perf_counter()
            output = subprocess.run(command, cwd=copy, capture_output=True, text=True, check=False).stdout
            times.append(time.perf_counter() - start)
    found = sum(len(items) for items in json.loads(output or "{}").get("results", {}).values())
    return min(times), found


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT_FOLDER
    files = list(discover([folder]))
    size = sum(os.path.getsize(path) for path in files)
    print(f"{folder.name}: {len(files)} files, {size / 1e6:.1f} MB")
    full, without = bench_overhead(folder)
    overhead = full / without - 1
    verdict = "ok" if overhead <= MAX_OVERHEAD else "OVER"
    print(f"lint without CT2xx (in process)  {without:7.3f} s")
    target = f"(target <= {MAX_OVERHEAD:.0%}) {verdict}"
    print(f"lint with CT2xx (in process)     {full:7.3f} s  +{overhead:.0%} {target}")
    compared = bench_detect_secrets(folder)
    if compared is None:
        print("detect-secrets is not installed: speed comparison skipped (pip install detect-secrets)")
        return 0 if overhead <= MAX_OVERHEAD else 1
    scan, found = compared
    cli = min(_run_cli(folder) for _ in range(3))
    speedup = scan / full
    verdict = "ok" if speedup >= MIN_SPEEDUP else "UNDER"
    print(f"detect-secrets scan --all-files  {scan:7.3f} s  ({found} findings)")
    print(f"full lint vs detect-secrets      {speedup:7.1f}x faster (target >= {MIN_SPEEDUP:.0f}x) {verdict}")
    note = "fresh process, start-up included"
    print(f"cassette-toolkit lint FOLDER     {cli:7.3f} s  {scan / cli:.1f}x faster ({note})")
    return 0 if overhead <= MAX_OVERHEAD and speedup >= MIN_SPEEDUP else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
