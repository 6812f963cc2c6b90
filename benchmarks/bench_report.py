"""Report time on a folder of cassettes, beside the load time and the bare YAML parse floor.

    python benchmarks/bench_report.py [PATH]   (default: ../shared/corpus)

The report is load + summarize + render; each part is timed (best of 3) and
shown as a multiple of the parse floor measured in the same run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import toolkit
from benchmarks.floors import best_of, parse_floor
from toolkit.report import RENDERER_BY_NAME, RenderOptions
from toolkit.report.command import ReportRequest, build_report
from toolkit.report.summary import summarize
from toolkit.source import discover

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else DEFAULT
    files = list(discover([root]))
    size = sum(os.path.getsize(f) for f in files)
    cpus = os.cpu_count() or 1
    print(f"{len(files)} files, {size / 1e6:.1f} MB, {cpus} CPUs")
    frames = toolkit.load(root)  # imports pandas and warms caches outside the timings
    summary = summarize(frames, [str(root)])
    floor = best_of(3, lambda: [parse_floor(f) for f in files])
    rows = [
        ("parse floor: read + yaml.CSafeLoader (1 process)", floor),
        (f"toolkit.load, jobs={cpus}", best_of(3, lambda: toolkit.load(root))),
        ("summarize (every table)", best_of(3, lambda: summarize(frames, [str(root)]))),
    ]
    for name, render in RENDERER_BY_NAME.items():
        rows.append((f"render {name}", best_of(3, lambda render=render: render(summary, RenderOptions()))))
    for name in ("text", "html"):
        request = ReportRequest((str(root),), format=name)
        rows.append((f"report --format {name} (end to end)", best_of(3, lambda r=request: build_report(r))))
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:7.3f} s  {seconds / floor:5.2f}x floor")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
