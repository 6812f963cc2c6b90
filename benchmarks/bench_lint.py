"""Lint speed beside its floors, both measured in this run (ratios, not seconds, are what to compare).

    python benchmarks/bench_lint.py [FOLDER] [ONE_FILE]

FOLDER (default: ../shared/corpus/fantasy): a full lint in this process, every rule, one job,
against the bare YAML + JSON parse of the same files (``floors.parse_json_floor``); the target
is 3x. ONE_FILE (default: the seed cassette): ``cassette-toolkit lint ONE_FILE`` in a fresh
process against ``python -c "import yaml, click, jsonschema"``; the target is 2x.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.floors import best_of, parse_json_floor
from toolkit.lint.engine import lint_paths
from toolkit.lint.settings import LintSettings
from toolkit.source import discover

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_FOLDER = SHARED / "corpus" / "fantasy"
DEFAULT_FILE = SHARED / "seed" / "simple_object_streaming.yaml"
FLOOR_IMPORTS = "import yaml, click, jsonschema"


def bench_folder(folder: Path) -> list[tuple[str, float, float]]:
    files = list(discover([folder]))
    size = sum(os.path.getsize(f) for f in files)
    print(f"{folder.name}: {len(files)} files, {size / 1e6:.1f} MB")
    settings = LintSettings()
    lint_paths([str(folder)], settings)  # imports and caches outside the timings
    floor = best_of(5, lambda: [parse_json_floor(f) for f in files])
    lint = best_of(5, lambda: lint_paths([str(folder)], settings))
    cli = best_of(3, lambda: _run("-m", "toolkit", "lint", "--isolated", str(folder)))
    return [
        ("floor: read + yaml.CSafeLoader + json.loads of bodies", floor, floor),
        ("lint, every rule, 1 job (in process)", lint, floor),
        ("cassette-toolkit lint FOLDER (fresh process)", cli, floor),
    ]


def bench_one_file(path: Path) -> list[tuple[str, float, float]]:
    floor = best_of(15, lambda: _run("-c", FLOOR_IMPORTS))
    one = best_of(15, lambda: _run("-m", "toolkit", "lint", "--isolated", str(path)))
    return [
        (f'floor: python -c "{FLOOR_IMPORTS}"', floor, floor),
        (f"cassette-toolkit lint {path.name} (fresh process)", one, floor),
    ]


def _run(*args: str) -> None:
    subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, check=False)


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT_FOLDER
    one = Path(argv[1]) if len(argv) > 1 else DEFAULT_FILE
    rows = bench_folder(folder) + bench_one_file(one)
    width = max(len(name) for name, _, _ in rows)
    for name, seconds, floor in rows:
        print(f"{name:<{width}}  {seconds:7.3f} s  {seconds / floor:5.2f}x floor")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
