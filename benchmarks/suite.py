"""Every benchmark, each figure beside its floor measured in the same run; writes reports/benchmarks.md.

    python benchmarks/suite.py [--only reader,load,lint,secrets,process,workers,report,memory,dask]
                               [--write FILE]

Machines here are noisy, so nothing is a timed test: each figure is the best
of several runs and is read as a ratio to a floor measured a moment before on
the same files, in the same process. Floors:

* parse floor: read the files (gunzip ``*.gz``) and ``yaml.CSafeLoader`` them,
  any tag built as plain data: what any tool reading YAML must at least do;
* parse + JSON floor: the parse floor plus ``json.loads`` of every body that
  looks like JSON (lint reads bodies too);
* import floor: a fresh ``python -c "import yaml, click, jsonschema"``.

Targets (from the project's issues) are printed beside each figure. The
corpus is ``../shared/corpus`` beside the repository. ``--write`` with some
sections keeps the other sections of the file as they were (each says when
it was measured).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_memory import build_corpus, peak_rss_mb  # noqa: E402
from benchmarks.floors import (  # noqa: E402
    best_of,
    interleaved,
    interleaved_runs,
    parse_events_floor,
    parse_floor,
    parse_json_floor,
    read_bytes,
)
from toolkit.lint.engine import lint_file, lint_paths  # noqa: E402
from toolkit.lint.rules import RULES  # noqa: E402
from toolkit.lint.settings import LintSettings  # noqa: E402
from toolkit.read.files import discover  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SEED = ROOT.parent / "shared" / "seed" / "simple_object_streaming.yaml"
SECTIONS = ("reader", "load", "lint", "secrets", "process", "workers", "report", "memory", "dask")


@dataclass(frozen=True)
class Figure:
    """One measurement: ``value`` against ``floor`` (same unit), and the target ratio if any."""

    section: str
    name: str
    value: float
    unit: str
    floor: float | None = None
    floor_name: str = ""
    target: float | None = None
    target_text: str = ""
    #: The median of the runs, when the figure's runs were kept (its best is ``value``).
    median: float | None = None

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None

    @property
    def ratio_text(self) -> str:
        """``2.62x``; for a "this many times faster" target (below 1), ``1/20.9``."""
        if self.ratio is None:
            return ""
        if self.target is not None and self.target < 1 and self.ratio > 0:
            return f"1/{1 / self.ratio:.1f}"
        return f"{self.ratio:.2f}x"

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        return self.ratio is not None and self.ratio <= self.target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(SECTIONS), help="sections, comma-separated")
    parser.add_argument("--write", type=Path, help="write the Markdown report here")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    _compile_package()
    figures: list[Figure] = []
    for section in args.only.split(","):
        for figure in MEASURES[section](args.corpus):
            figures.append(figure)
            print(_line(figure), flush=True)
    if args.write:
        previous = args.write.read_text(encoding="utf-8") if args.write.is_file() else ""
        args.write.write_text(render_markdown(figures, args.corpus, previous), encoding="utf-8")
        print(f"wrote {args.write}")
    return 0


def _line(figure: Figure) -> str:
    text = f"[{figure.section}] {figure.name}: {figure.value:.3f} {figure.unit}"
    if figure.ratio is not None:
        text += f" = {figure.ratio_text} {figure.floor_name}"
    if figure.target_text:
        text += f" (target {figure.target_text}: {'met' if figure.met else 'NOT met'})"
    return text


def measure_reader(corpus: Path) -> list[Figure]:
    """The YAML reader: the subset reader against libyaml alone (the reference), in the same run.

    Reading, lint and ``toolkit.load`` with usage and cost, in process and with one job, each
    with the subset reader on and off (``toolkit.read.parse.FAST_READER``), beside the
    floors; and a third floor: parse + JSON plus every stream event's JSON, the part of lint's
    reading that the parse + JSON floor leaves out. CPU time of this process (all of it runs
    here), so that other processes on a shared machine disturb the ratios least.
    """
    import toolkit
    from toolkit.read.parse import read_document

    settings = LintSettings()
    out: list[Figure] = []
    for folder, repeat in ((corpus / "fantasy", 11), (corpus, 5)):
        files = list(discover([folder]))
        name = f"{folder.name} ({len(files)} files, {_mb(files)})"
        variants: list[tuple[str, Callable[[], object], str]] = [
            ("read_document", lambda fs=files: [read_document(read_bytes(f)) for f in fs], "load floor"),
            (
                "lint every rule, jobs=1",
                lambda f=folder: lint_paths([str(f)], settings, jobs=1),
                "parse + JSON floor",
            ),
            (
                "toolkit.load with usage and cost, jobs=1",
                lambda f=folder: toolkit.load(f, jobs=1),
                "load floor",
            ),
        ]
        works: list[Callable[[], object]] = [
            lambda fs=files: [parse_floor(f) for f in fs],
            lambda fs=files: [parse_json_floor(f) for f in fs],
            lambda fs=files: [parse_events_floor(f) for f in fs],
            lambda fs=files: [_unskippable_reading(f) for f in fs],
        ]
        for _, work, _ in variants:
            works += [_with_reader(False, work), _with_reader(True, work)]
        for work in works:
            work()  # warm caches and imports outside the timings
        runs = interleaved_runs(repeat, *works, clock=time.process_time)
        floors = {"load floor": runs[0], "parse + JSON floor": runs[1]}
        out.append(_figure("reader", f"load floor (CSafeLoader), {name}", runs[0]))
        out.append(_figure("reader", f"parse + JSON floor, {name}", runs[1]))
        out.append(
            _figure(
                "reader",
                f"parse + JSON + stream events floor, {name}",
                runs[2],
                floor_runs=runs[1],
                floor_name="parse + JSON floor",
            )
        )
        out.append(
            _figure(
                "reader",
                f"what lint cannot skip (subset reader, model, stream events), {folder.name}",
                runs[3],
                floor_runs=runs[1],
                floor_name="parse + JSON floor",
            )
        )
        for index, (what, _, floor) in enumerate(variants):
            for offset, reader in ((0, "libyaml alone"), (1, "subset reader")):
                goal = reader == "subset reader" and what != "read_document"
                out.append(
                    _figure(
                        "reader",
                        f"{what}, {reader}, {folder.name}",
                        runs[4 + 2 * index + offset],
                        floor_runs=floors[floor],
                        floor_name=floor,
                        target=1.0 if goal else None,
                        target_text="<= 1x" if goal else "",
                    )
                )
        lint_fast = runs[4 + 2 + 1]
        out.append(
            _figure(
                "reader",
                f"lint every rule, jobs=1, subset reader, {folder.name}",
                lint_fast,
                floor_runs=runs[2],
                floor_name="parse + JSON + stream events floor",
            )
        )
    return out


def _unskippable_reading(path: str) -> int:
    """The reading every lint and ``toolkit.load`` does, and nothing else: the positioned document
    (subset reader), the cassette model, every response stream decoded and each event's JSON
    parsed. Bodies are not parsed and no rule runs: a lower bound of lint's cost."""
    from toolkit.analyze.streams import decode_stream
    from toolkit.read.files import read_file
    from toolkit.read.jsonparse import loads

    events = 0
    for interaction in read_file(path).cassette.interactions:
        response = interaction.response
        stream = decode_stream(response.body.content, response.headers.get("content-type"))
        for event in stream.events:
            if event.data[:1] in ("{", "["):
                with contextlib.suppress(ValueError):
                    loads(event.data)
                    events += 1
    return events


def _with_reader(fast: bool, work: Callable[[], object]) -> Callable[[], object]:
    """``work`` with the subset reader on or off (libyaml alone), restored afterwards."""
    from toolkit.read import parse

    def run() -> object:
        saved, parse.FAST_READER = parse.FAST_READER, fast
        try:
            return work()
        finally:
            parse.FAST_READER = saved

    return run


def _figure(
    section: str,
    name: str,
    runs: list[float],
    *,
    floor_runs: list[float] | None = None,
    floor_name: str = "",
    target: float | None = None,
    target_text: str = "",
) -> Figure:
    """A figure from every run of it (its best, with the median beside) and of its floor (the best)."""
    floor = min(floor_runs) if floor_runs else None
    return Figure(
        section, name, min(runs), "s", floor, floor_name, target, target_text, median=statistics.median(runs)
    )


def reader_name() -> str:
    """The YAML readers of this run, with their versions."""
    import yaml

    libyaml = yaml._yaml.get_version_string() if yaml.__with_libyaml__ else "absent"  # type: ignore[attr-defined]
    return (
        f"YAML readers: toolkit.read.subset (pure Python, cassette-toolkit {_version()}) first, "
        f"then PyYAML {yaml.__version__} CSafeLoader compose on libyaml {libyaml} (the reference)"
    )


def _version() -> str:
    from toolkit import __version__

    return __version__


def measure_load(corpus: Path) -> list[Figure]:
    import toolkit

    files = list(discover([corpus]))
    toolkit.load(files[0])  # imports pandas and warms caches outside the timings
    cpus = os.cpu_count() or 1
    variants = [(usage, jobs) for usage in (False, True) for jobs in (1, None)]
    floor, *times = interleaved(
        3,
        lambda: [parse_floor(f) for f in files],
        *(lambda u=usage, j=jobs: toolkit.load(corpus, jobs=j, usage=u) for usage, jobs in variants),
    )
    out = [Figure("load", f"parse floor ({len(files)} files, {_mb(files)})", floor, "s")]
    for (usage, jobs), seconds in zip(variants, times, strict=True):
        what = "toolkit.load" + (" with usage and cost" if usage else "")
        target, text = (None, "") if usage else (2.0, "<= 2x")
        out.append(
            Figure("load", f"{what}, jobs={jobs or cpus}", seconds, "s", floor, "parse floor", target, text)
        )
    return out


def measure_lint(corpus: Path) -> list[Figure]:
    settings = LintSettings()
    cpus = os.cpu_count() or 1
    out: list[Figure] = []
    for folder, targets in ((corpus / "fantasy", (3.0, 2.5)), (corpus, (None, 2.5))):
        files = list(discover([folder]))
        lint_paths([str(folder)], settings, jobs=1)
        floor, one, auto = interleaved(
            5,
            lambda fs=files: [parse_json_floor(f) for f in fs],
            lambda f=folder: lint_paths([str(f)], settings, jobs=1),
            lambda f=folder: lint_paths([str(f)], settings),
        )
        name = f"{folder.name} ({len(files)} files, {_mb(files)})"
        out.append(Figure("lint", f"parse + JSON floor, {name}", floor, "s"))
        for jobs, seconds, target in ((1, one, targets[0]), (cpus, auto, targets[1])):
            text = f"<= {target:g}x" if target else ""
            out.append(
                Figure(
                    "lint",
                    f"lint every rule, {folder.name}, jobs={jobs}",
                    seconds,
                    "s",
                    floor,
                    "parse + JSON floor",
                    target,
                    text,
                )
            )
    return out


def measure_secrets(corpus: Path) -> list[Figure]:
    folder = corpus / "fantasy"
    families = {rule.code[:3] for rule in RULES}
    if "CT2" not in families:
        return [Figure("secrets", "secret rules (CT2xx) are not installed", 0.0, "s")]
    with_secrets = LintSettings()
    without = LintSettings(ignore=("CT2",))
    lint_paths([str(folder)], with_secrets, jobs=1)
    base, full = interleaved(
        7,
        lambda: lint_paths([str(folder)], without, jobs=1),
        lambda: lint_paths([str(folder)], with_secrets, jobs=1),
    )
    out = [
        Figure("secrets", "lint without CT2xx, fantasy, jobs=1", base, "s"),
        Figure(
            "secrets",
            "lint with CT2xx, fantasy, jobs=1",
            full,
            "s",
            base,
            "lint without CT2xx",
            1.3,
            "<= 1.3x",
        ),
    ]
    with tempfile.TemporaryDirectory(prefix="cassette-bench-") as copy:
        target = Path(copy) / "fantasy"
        shutil.copytree(folder, target)
        command = [sys.executable, "-m", "toolkit", "lint", "--isolated", str(target)]
        _run(command)
        lint_process = best_of(7, lambda: _run(command))
        out.append(
            Figure(
                "secrets", "cassette-toolkit lint, fantasy (fresh process, default jobs)", lint_process, "s"
            )
        )
        for tool, args in (("detect-secrets", ["scan", "--all-files"]), ("yamllint", ["-d", "relaxed", "."])):
            executable = shutil.which(tool) or _beside_python(tool)
            if executable is None:
                out.append(Figure("secrets", f"{tool} is not installed: not compared", 0.0, "s"))
                continue
            seconds = best_of(2, lambda e=executable, a=args: _run([e, *a], cwd=target))
            out.append(Figure("secrets", f"{tool} on the same files (fresh process)", seconds, "s"))
            if tool == "detect-secrets":
                out += [
                    Figure(
                        "secrets",
                        "full lint in process, jobs=1 / detect-secrets",
                        full,
                        "s",
                        seconds,
                        "detect-secrets time",
                        1 / 20,
                        "<= 1/20",
                    ),
                    Figure(
                        "secrets",
                        "cassette-toolkit lint (fresh process) / detect-secrets",
                        lint_process,
                        "s",
                        seconds,
                        "detect-secrets time",
                        1 / 20,
                        "<= 1/20",
                    ),
                ]
    return out


def measure_process(_corpus: Path) -> list[Figure]:
    floor, one = interleaved(
        15,
        lambda: _run([sys.executable, "-c", "import yaml, click, jsonschema"]),
        lambda: _run([sys.executable, "-m", "toolkit", "lint", "--isolated", str(SEED)]),
    )
    return [
        Figure("process", 'import floor: python -c "import yaml, click, jsonschema"', floor, "s"),
        Figure(
            "process",
            "cassette-toolkit lint ONE_FILE (fresh process)",
            one,
            "s",
            floor,
            "import floor",
            2.0,
            "<= 2x",
        ),
    ]


def measure_workers(corpus: Path) -> list[Figure]:
    """Lint over two workers: ``toolkit.plumbing.forked`` against a fork-context ``multiprocessing.Pool``.

    Both warm the caches on the first file in the parent and then fork (flake8's pre-fork
    approach); the pool's run includes importing ``multiprocessing.pool`` in a fresh process,
    which a one-shot command pays.
    """
    settings = LintSettings()
    work = partial(lint_file, settings=settings)
    out: list[Figure] = []
    for folder in (corpus / "fantasy", corpus):
        files = sorted(set(discover([folder])))
        lint_paths([str(folder)], settings, jobs=1)
        forked, pool = interleaved(
            5, lambda fs=files: _lint_forked(work, fs), lambda fs=files: _lint_pool(work, fs)
        )
        name = f"{folder.name} ({len(files)} files)"
        out.append(Figure("workers", f"lint, 2 workers, forked map, {name}", forked, "s"))
        out.append(
            Figure(
                "workers", f"lint, 2 workers, multiprocessing.Pool, {name}", pool, "s", forked, "forked map"
            )
        )
    start = best_of(7, lambda: _run([sys.executable, "-c", "import multiprocessing.pool"]))
    bare = best_of(7, lambda: _run([sys.executable, "-c", "pass"]))
    out.append(
        Figure(
            "workers", "importing multiprocessing.pool (fresh process, less a bare start)", start - bare, "s"
        )
    )
    return out


def _lint_forked(work: Callable[[str], tuple[object, ...]], files: list[str]) -> int:
    from toolkit.plumbing.forked import forked_map

    return len(work(files[0])) + sum(len(found) for found in forked_map(work, files[1:], 2))


def _lint_pool(work: Callable[[str], tuple[object, ...]], files: list[str]) -> int:
    import multiprocessing

    found = len(work(files[0]))
    chunksize = max(1, min(16, len(files) // 16))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        return found + sum(len(result) for result in pool.imap(work, files[1:], chunksize=chunksize))


def measure_report(corpus: Path) -> list[Figure]:
    from toolkit.commands.report import ReportRequest, build_report

    files = list(discover([corpus]))
    request = ReportRequest((str(corpus),), format="text")
    build_report(request)
    floor, seconds = interleaved(3, lambda: [parse_floor(f) for f in files], lambda: build_report(request))
    return [Figure("report", "report --format text, corpus (end to end)", seconds, "s", floor, "parse floor")]


def measure_memory(corpus: Path) -> list[Figure]:
    out: list[Figure] = []
    for megabytes in (50, 200):
        with tempfile.TemporaryDirectory(prefix="cassette-memory-") as folder:
            files, size = build_corpus(corpus, Path(folder), megabytes)
            rss, seconds = peak_rss_mb(Path(folder))
            out.append(
                Figure(
                    "memory",
                    f"lint peak RSS, {size / 1e6:.0f} MB corpus ({files} files, {seconds:.1f} s)",
                    rss,
                    "MB",
                    300.0,
                    "300 MB",
                    1.0,
                    "< 300 MB",
                )
            )
    return out


#: The synthetic corpus of the ``dask`` section: copies of the corpus' files up to this size.
DASK_CORPUS_MB = 1000


def measure_dask(corpus: Path) -> list[Figure]:
    """``toolkit.dask.load`` over about 1 GB of cassettes on a local cluster of one, then two workers.

    The corpus is the shared corpus' files copied until it holds ``DASK_CORPUS_MB`` MB; each
    worker is a process with one thread. The four frames are computed into aggregates on the
    cluster (rows per frame, input tokens), so what is timed is the loading, not the transfer
    of the frames to the client. One run each, alternately, twice.
    """
    from distributed import Client, LocalCluster

    out: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="cassette-dask-") as folder:
        count, size = build_corpus(corpus, Path(folder), DASK_CORPUS_MB)
        name = f"{size / 1e9:.2f} GB, {count} files"
        times: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(2):
            for workers in (1, 2):
                with (
                    LocalCluster(
                        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                    ) as cluster,
                    Client(cluster),
                ):
                    start = time.perf_counter()
                    _dask_aggregates(folder)
                    times[workers].append(time.perf_counter() - start)
        one = min(times[1])
        out.append(_figure("dask", f"toolkit.dask.load, 1 worker, {name}", times[1]))
        out.append(
            _figure(
                "dask",
                f"toolkit.dask.load, 2 workers, {name}",
                times[2],
                floor_runs=times[1],
                floor_name="1 worker",
            )
        )
        out.append(Figure("dask", "speed-up from 1 to 2 workers", one / min(times[2]), "x"))
    return out


def _dask_aggregates(folder: str) -> tuple[object, ...]:
    from dask.base import compute

    import toolkit.dask

    frames = toolkit.dask.load(folder, files_per_partition=64)
    result: tuple[object, ...] = compute(
        frames.interactions.shape[0],
        frames.chunks.shape[0],
        frames.usage["input_tokens"].sum(),
        frames.problems.shape[0],
    )
    return result


MEASURES: dict[str, Callable[[Path], list[Figure]]] = {
    "reader": measure_reader,
    "load": measure_load,
    "lint": measure_lint,
    "secrets": measure_secrets,
    "process": measure_process,
    "workers": measure_workers,
    "report": measure_report,
    "memory": measure_memory,
    "dask": measure_dask,
}


#: What a section's figures mean, printed under its table.
SECTION_NOTES: dict[str, str] = {
    "reader": (
        "CPU seconds of the measuring process: each figure is the best of the runs, the median "
        "beside it; the variants ran in turn in every round. *libyaml alone* is `read_document` "
        "with `FAST_READER = False` (PyYAML's "
        "`CSafeLoader` compose and the positioned builder: the reference); *subset reader* "
        "reads what recorders write in pure Python and leaves other files to libyaml. The "
        "*parse + JSON + stream events floor* adds what lint must read and the parse + JSON "
        "floor leaves out: the JSON of every event of every stream. Why 1.0x is out of reach "
        "is in *reader: where the time goes* below."
    ),
    "dask": (
        "One worker is one process with one thread, on this machine; the cassettes are read "
        "from a local folder by the workers (an `s3://` or `gs://` URL is read the same way, "
        "by the workers, through fsspec). See *dask: beyond two workers* below."
    ),
}


def render_markdown(figures: list[Figure], corpus: Path, previous: str = "") -> str:
    """The report: the sections measured now, and those of ``previous`` that were not (kept as they were)."""
    kept = _sections(previous)
    lines = [
        "# Benchmarks",
        "",
        "Written by `nox -s bench` (`python benchmarks/suite.py --write reports/benchmarks.md`). Every",
        "figure is the best of several runs and is read as a ratio to a floor measured in the same run,",
        "on the same files: these machines are noisy, and a ratio survives that better than seconds.",
        "A run of some sections (`--only`) rewrites those and keeps the others as they were.",
        "",
        "## Machine",
        "",
        *(f"- {item}" for item in _machine()),
        f"- corpus: `{corpus.name}` beside the repository",
    ]
    for section in SECTIONS:
        rows = [f for f in figures if f.section == section]
        if rows:
            lines += ["", *_render_section(section, rows)]
        elif section in kept:
            lines += ["", *kept[section]]
    for title, body in kept.items():
        if title not in SECTIONS and title != "Machine":
            lines += ["", *body]
    return "\n".join(lines) + "\n"


def _render_section(section: str, rows: list[Figure]) -> list[str]:
    lines = [
        f"## {section}",
        "",
        f"Measured on {time.strftime('%Y-%m-%d')}.",
        "",
        "| figure | value | median | floor | ratio | target | met |",
        "|---|---:|---:|---|---:|---|---|",
    ]
    for f in rows:
        met = "" if f.met is None else ("yes" if f.met else "**no**")
        median = f"{f.median:.3f} {f.unit}" if f.median is not None else ""
        lines.append(
            f"| {f.name} | {f.value:.3f} {f.unit} | {median} | {f.floor_name} | {f.ratio_text} "
            f"| {f.target_text} | {met} |"
        )
    if section in SECTION_NOTES:
        lines += ["", SECTION_NOTES[section]]
    return lines


def _sections(text: str) -> dict[str, list[str]]:
    """The ``## title`` sections of a report, each with its lines (blank lines at its end dropped)."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = sections[line[3:].strip()] = [line]
        elif current is not None:
            current.append(line)
    for body in sections.values():
        while body and not body[-1].strip():
            body.pop()
    return sections


def _machine() -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    memory = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/meminfo").splitlines()
            if line.startswith("MemTotal")
        ),
        "unknown",
    )
    import genai_prices
    import pandas
    import yaml

    return [
        f"CPU: {cpu}, {os.cpu_count()} logical CPUs; memory: {memory}",
        f"OS: {platform.system()} {platform.release()}; Python {platform.python_version()}",
        f"PyYAML {yaml.__version__} (libyaml: {yaml.__with_libyaml__}), pandas {pandas.__version__}, "
        f"genai-prices {genai_prices.__version__}",
        reader_name(),
    ]


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return ""


def _run(command: list[str], cwd: Path = ROOT) -> None:
    subprocess.run(command, cwd=cwd, capture_output=True, check=False)


def _compile_package() -> None:
    """Byte-compile the package, as an installed package is: start-up then reads .pyc files."""
    import compileall

    compileall.compile_dir(str(ROOT / "toolkit"), quiet=1)


def _beside_python(tool: str) -> str | None:
    candidate = Path(sys.executable).with_name(tool)
    return str(candidate) if candidate.exists() else None


def _mb(files: list[str]) -> str:
    return f"{sum(os.path.getsize(f) for f in files) / 1e6:.1f} MB"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
