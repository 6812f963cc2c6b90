"""What ``cassette-toolkit report`` does once click has parsed its options: load, summarise, render.

Never prints and never exits: the command writes the text it returns. The
lint engine is looked up before anything is loaded, so ``--lint`` on an
installation without one fails at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from toolkit.frames.summary import summarize
from toolkit.plumbing.parallel import resolve_jobs
from toolkit.read.files import WalkOptions, discover
from toolkit.report import RENDERER_BY_NAME, RenderOptions
from toolkit.report.findings import LintRunner, find_lint_runner, lint_table
from toolkit.report.options import DEFAULT_CSV_TABLE

__all__ = ["ReportRequest", "build_report"]

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """The command line of one ``report`` run."""

    paths: tuple[str, ...]
    format: str = "text"
    table: str = DEFAULT_CSV_TABLE
    top: int = 10
    lint: bool = False
    jobs: int | None = None
    walk: WalkOptions = field(default_factory=WalkOptions)
    #: The configuration file for ``--lint`` (None: found from the working directory).
    config: str | None = None
    isolated: bool = False


def build_report(
    request: ReportRequest, progress: Progress | None = None, lint_runner: LintRunner | None = None
) -> str:
    """The report's text. ``--lint`` without an engine raises ``LintUnavailableError``."""
    import toolkit

    runner = (lint_runner or find_lint_runner(request.config, request.isolated)) if request.lint else None
    # One walk for the frames and the lint table: both see the same files.
    files = list(dict.fromkeys(discover(request.paths, request.walk)))
    frames = toolkit.load(*files, jobs=request.jobs, progress=progress)
    lint = None
    if runner is not None:
        lint = lint_table(runner(files, resolve_jobs(request.jobs, len(files))))
    summary = summarize(frames, request.paths, top=request.top, lint=lint)
    return RENDERER_BY_NAME[request.format](summary, RenderOptions(table=request.table))
