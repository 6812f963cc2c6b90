"""Every benchmark, each figure beside its floor measured in the same run; writes reports/benchmarks.md.

    python benchmarks/suite.py [--only load,lint,secrets,process,report,memory] [--write FILE]

Machines here are noisy, so nothing is a timed test: each figure is the best
of several runs and is read as a ratio to a floor measured a moment before on
the same files, in the same process. Floors:

* parse floor: read the files (gunzip ``*.gz``) and ``yaml.CSafeLoader`` them,
  any tag built as plain data: what any tool reading YAML must at least do;
* parse + JSON floor: the parse floor plus ``json.loads`` of every body that
  looks like JSON (lint reads bodies too);
* import floor: a fresh ``python -c "import yaml, click, jsonschema"``.

Targets (from the project's issues) are printed beside each figure. The
corpus is ``../shared/corpus`` beside the repository.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
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
from benchmarks.floors import best_of, interleaved, parse_floor, parse_json_floor  # noqa: E402
from toolkit.lint.engine import lint_file, lint_paths  # noqa: E402
from toolkit.lint.rules import RULES  # noqa: E402
from toolkit.lint.settings import LintSettings  # noqa: E402
from toolkit.read.files import discover  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SEED = ROOT.parent / "shared" / "seed" / "simple_object_streaming.yaml"
SECTIONS = ("load", "lint", "secrets", "process", "workers", "report", "memory")


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
        args.write.write_text(render_markdown(figures, args.corpus), encoding="utf-8")
        print(f"wrote {args.write}")
    return 0


def _line(figure: Figure) -> str:
    text = f"[{figure.section}] {figure.name}: {figure.value:.3f} {figure.unit}"
    if figure.ratio is not None:
        text += f" = {figure.ratio_text} {figure.floor_name}"
    if figure.target_text:
        text += f" (target {figure.target_text}: {'met' if figure.met else 'NOT met'})"
    return text


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


MEASURES: dict[str, Callable[[Path], list[Figure]]] = {
    "load": measure_load,
    "lint": measure_lint,
    "secrets": measure_secrets,
    "process": measure_process,
    "workers": measure_workers,
    "report": measure_report,
    "memory": measure_memory,
}


def render_markdown(figures: list[Figure], corpus: Path) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Written by `nox -s bench` (`python benchmarks/suite.py --write reports/benchmarks.md`). Every",
        "figure is the best of several runs and is read as a ratio to a floor measured in the same run,",
        "on the same files: these machines are noisy, and a ratio survives that better than seconds.",
        "",
        "## Machine",
        "",
        *(f"- {item}" for item in _machine()),
        f"- corpus: `{corpus.name}` beside the repository",
    ]
    for section in SECTIONS:
        rows = [f for f in figures if f.section == section]
        if not rows:
            continue
        lines += [
            "",
            f"## {section}",
            "",
            "| figure | value | floor | ratio | target | met |",
            "|---|---:|---|---:|---|---|",
        ]
        for f in rows:
            ratio = f.ratio_text
            met = "" if f.met is None else ("yes" if f.met else "**no**")
            lines.append(
                f"| {f.name} | {f.value:.3f} {f.unit} | {f.floor_name} | {ratio} | {f.target_text} | {met} |"
            )
    return "\n".join(lines) + "\n"


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
        f"measured on {time.strftime('%Y-%m-%d')}",
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
