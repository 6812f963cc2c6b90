"""What ``cassette-toolkit report`` does once click has parsed its options: load, summarise, render.

Never prints and never exits: the command writes the text it returns. With
``--lint`` the files are linted as ``cassette-toolkit lint`` would lint them,
with the same configuration file, and the report counts the findings.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from toolkit.frames import frames_from_rows
from toolkit.frames.load import load_rows
from toolkit.frames.summary import summarize
from toolkit.frames.tables import DEFAULT_TOP
from toolkit.plumbing.parallel import resolve_jobs
from toolkit.read.files import WalkOptions, discover
from toolkit.report import RENDERER_BY_NAME, RenderOptions
from toolkit.report.findings import LintFinding, LintRunner, lint_table
from toolkit.report.options import DEFAULT_CSV_TABLE

__all__ = ["ReportRequest", "build_report", "lint_findings"]

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """The command line of one ``report`` run."""

    paths: tuple[str, ...]
    format: str = "text"
    table: str = DEFAULT_CSV_TABLE
    top: int = DEFAULT_TOP
    lint: bool = False
    jobs: int | None = None
    walk: WalkOptions = field(default_factory=WalkOptions)
    #: The configuration file for ``--lint`` (None: found from the working directory).
    config: str | None = None
    isolated: bool = False


def build_report(
    request: ReportRequest, progress: Progress | None = None, lint_runner: LintRunner | None = None
) -> str:
    """The report's text; ``lint_runner`` replaces the lint engine (for tests)."""
    default = functools.partial(lint_findings, config=request.config, isolated=request.isolated)
    runner = (lint_runner or default) if request.lint else None
    # One walk for the frames and the lint table: both see the same files.
    files = list(dict.fromkeys(discover(request.paths, request.walk)))
    frames = frames_from_rows(list(load_rows(files, jobs=request.jobs, progress=progress)))
    lint = None
    if runner is not None:
        lint = lint_table(runner(files, resolve_jobs(request.jobs, len(files))))
    summary = summarize(frames, request.paths, top=request.top, lint=lint)
    return RENDERER_BY_NAME[request.format](summary, RenderOptions(table=request.table))


def lint_findings(
    paths: Sequence[str], jobs: int, *, config: str | None = None, isolated: bool = False
) -> Iterable[LintFinding]:
    """Lint ``paths`` as ``cassette-toolkit lint PATHS`` would, with its configuration file and no flags."""
    from toolkit.lint.config.file import load_config
    from toolkit.lint.config.walking import WalkFlags, build_walk_options
    from toolkit.lint.engine import lint_paths
    from toolkit.lint.settings import CommandLine, build_settings

    file_config = load_config(config, isolated=isolated)
    settings = build_settings(file_config, CommandLine())
    walk = build_walk_options(file_config, WalkFlags())
    return lint_paths(paths, settings, jobs=jobs, walk=walk).findings
