"""What ``cassette-toolkit report`` does once click has parsed its options: load, summarise, render.

Never prints and never exits: the command writes the text it returns. With
``--lint`` the files are linted as ``cassette-toolkit lint`` would lint them,
with the same configuration file, and the report counts the findings.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from toolkit.frames import frames_from_rows
from toolkit.frames.load import load_rows
from toolkit.frames.summary import Summary, summarize
from toolkit.frames.tables import DEFAULT_TOP
from toolkit.plumbing.atomic import write_atomically
from toolkit.plumbing.parallel import resolve_jobs
from toolkit.read.files import WalkOptions, discover
from toolkit.report import RENDERER_BY_NAME, RenderOptions
from toolkit.report.findings import LintFinding, LintRunner, lint_table
from toolkit.report.options import DEFAULT_CSV_TABLE

__all__ = ["ReportRequest", "build_report", "build_report_files", "lint_findings", "write_files"]

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
    #: Text: every table after the one-screen summary.
    detail: bool = False


def build_report(
    request: ReportRequest, progress: Progress | None = None, lint_runner: LintRunner | None = None
) -> str:
    """The report's text; ``lint_runner`` replaces the lint engine (for tests)."""
    summary = _summary(request, progress, lint_runner)
    options = RenderOptions(table=request.table, detail=request.detail)
    return RENDERER_BY_NAME[request.format](summary, options)


def build_report_files(
    request: ReportRequest, progress: Progress | None = None, lint_runner: LintRunner | None = None
) -> dict[str, str]:
    """Every table as CSV, by file name, from one read of the files (``--table all``)."""
    from toolkit.report.render_csv import render_csv_tables

    return render_csv_tables(_summary(request, progress, lint_runner))


def _summary(request: ReportRequest, progress: Progress | None, lint_runner: LintRunner | None) -> Summary:
    default = functools.partial(lint_findings, config=request.config, isolated=request.isolated)
    runner = (lint_runner or default) if request.lint else None
    # One walk for the frames and the lint table: both see the same files.
    files = list(dict.fromkeys(discover(request.paths, request.walk)))
    frames = frames_from_rows(list(load_rows(files, jobs=request.jobs, progress=progress)))
    lint = None
    if runner is not None:
        lint = lint_table(runner(files, resolve_jobs(request.jobs, len(files))))
    return summarize(frames, request.paths, top=request.top, lint=lint)


#: A fixed time for the members of a zip of tables: a report does not depend on when it was made.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def write_files(files: dict[str, str], output: str) -> str:
    """Write ``files`` into the folder ``output`` (created; each file atomically), or into one zip
    file when ``output`` ends with ``.zip`` (atomically). Returns what was written."""
    if output.lower().endswith(".zip"):
        import io
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                archive.writestr(zipfile.ZipInfo(name, _ZIP_TIME), text.encode("utf-8"))
        write_atomically(output, buffer.getvalue())
        return output
    os.makedirs(output, exist_ok=True)
    for name, text in files.items():
        write_atomically(os.path.join(output, name), text.encode("utf-8"))
    return output


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
