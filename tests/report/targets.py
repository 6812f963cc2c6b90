"""The committed report files and the command line that makes each: ``nox -s reports`` writes them,
and the tests make them again in a temporary folder and compare bytes.

    python -m tests.report.targets          (from the repository root)
"""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli import main as cli

ROOT = Path(__file__).resolve().parents[2]
#: The sample audit, exactly as the README's Quick start runs it.
SAMPLE_AUDIT = ("report", "sample_cassettes/")

#: Path (relative to the repository root) -> the command line that writes it.
TARGETS: dict[str, tuple[str, ...]] = {
    "reports/sample-audit.md": (*SAMPLE_AUDIT, "--format", "markdown"),
    "reports/sample-audit.html": (*SAMPLE_AUDIT, "--format", "html"),
    "reports/sample-audit.json": (*SAMPLE_AUDIT, "--format", "json"),
    "tests/data/golden/report/sample-audit.txt": (*SAMPLE_AUDIT, "--format", "text"),
    "tests/data/golden/report/sample-audit.detail.txt": (*SAMPLE_AUDIT, "--format", "text", "--detail"),
    "tests/data/golden/report/sample-audit.md": (*SAMPLE_AUDIT, "--format", "markdown"),
    "tests/data/golden/report/sample-audit.by_model.csv": (*SAMPLE_AUDIT, "--format", "csv"),
    "tests/data/golden/report/sample-audit.latency.csv": (
        *SAMPLE_AUDIT,
        "--format",
        "csv",
        "--table",
        "latency",
    ),
}


def write(target: str, output: Path) -> None:
    """Run the target's command line from the repository root, writing to ``output``."""
    result = CliRunner().invoke(cli, [*TARGETS[target], "--output", str(output)], catch_exceptions=False)
    if result.exit_code != 0:
        raise RuntimeError(f"{target}: exit {result.exit_code}: {result.output}")


def main() -> int:
    if Path.cwd().resolve() != ROOT:
        print("run from the repository root: the reports name paths relative to it", file=sys.stderr)
        return 2
    for target in TARGETS:
        write(target, ROOT / target)
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
