"""Each class of hostile file through every command, in a fresh process under a memory limit:
no traceback, a documented exit status, a finding with a line for the bad ones, and a time and
peak-memory budget per command (``toolkit.read.limits.peak_memory_budget_mb``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.hostile.shapes import SHAPES, many_interactions
from toolkit.read.limits import peak_memory_budget_mb

#: The address space each run may use: report's imports (pandas, pyarrow) reserve about 1.7 GB
#: of it before reading anything. Past it, an allocation fails (MemoryError), never the machine.
ADDRESS_SPACE_MB = 4096

#: Runs one command with the address space limited; prints its exit status, CPU time, peak memory.
PROBE = """
import json, resource, sys
limit = int(sys.argv[1]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from toolkit.cli import main
code = 0
try:
    main(sys.argv[2:])
except SystemExit as e:
    code = e.code
usage = resource.getrusage(resource.RUSAGE_SELF)
status = open("/proc/self/status").read()
peak_mb = int(status.split("VmHWM:")[1].split()[0]) / 1024
cpu_s = usage.ru_utime + usage.ru_stime
print(json.dumps({"code": code, "cpu_s": cpu_s, "peak_mb": peak_mb}), file=sys.stderr)
"""

COMMANDS = {
    "lint": ("lint", "--format", "json"),
    "show": ("show",),
    "report": ("report", "-j", "1"),
    "redact": ("redact", "--check"),
    "export": ("export", "-j", "1", "-o"),
}
EXIT_STATUSES = {"lint": {0, 1}, "show": {0, 1}, "report": {0}, "redact": {0, 1}, "export": {0}}
#: What lint says of each shape (code, line, column), first findings; None: not checked here.
FINDINGS: dict[str, list[tuple[str, int, int]] | None] = {
    "alias_amplification": [("CT007", 1, 1)],
    "many_interactions": None,
    "tag_value": [("CT002", 9, 13)],
    "long_integer": [("CT007", 9, 13)],
    "wide_status": [("CT101", 9, 13)],
    "long_cost": [],
    "endless_duration": [("CT101", 11, 15), ("CT401", 12, 3), ("CT101", 19, 15)],
    "recursive_alias": [("CT007", 1, 15)],
    "binary_key": [],
    "gzip_members": [("CT305", 17, 15)],
    "empty_gzip": [],
    "named_pipe": [("CT001", 1, 1)],
    "device_link": [("CT001", 1, 1)],
}
#: CPU seconds each run may take (a loaded 2-CPU machine; the big shapes take a few seconds).
CPU_BUDGET_S = {"alias_amplification": 60, "many_interactions": 90, "gzip_members": 60}
_SMALL_CPU_S = 30
_SKIP = {"named_pipe": not hasattr(os, "mkfifo"), "device_link": not os.path.exists("/dev/zero")}


def run(command: str, path: Path) -> tuple[dict[str, float], str, str]:
    arguments = [*COMMANDS[command], *([str(path.parent / "export")] if command == "export" else [])]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(ADDRESS_SPACE_MB), *arguments, "--isolated", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    return json.loads(done.stderr.strip().splitlines()[-1]), done.stdout, done.stderr


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile-resources")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="measures /proc/self/status under RLIMIT_AS")
@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_hostile_file_stays_within_budget(shape: str, command: str, folder: Path) -> None:
    if _SKIP.get(shape):
        pytest.skip("not on this system")
    path = folder / shape
    if not path.exists():
        path.mkdir()
        if shape == "many_interactions":
            many_interactions(path, 5000)  # the budget is per byte: a quarter of the 20,000
        else:
            SHAPES[shape](path)
    [target] = [p for p in path.iterdir() if p.name != "export"]
    stats, stdout, _ = run(command, target)
    assert stats["code"] in EXIT_STATUSES[command]
    size = target.stat().st_size if target.is_file() and not target.is_symlink() else 0
    assert stats["peak_mb"] <= peak_memory_budget_mb(command, size), stats
    assert stats["cpu_s"] <= CPU_BUDGET_S.get(shape, _SMALL_CPU_S), stats
    expected = FINDINGS[shape]
    if command == "lint" and expected is not None:
        findings = [(f["code"], f["line"], f["column"]) for f in json.loads(stdout)["findings"]]
        assert [f for f in findings if f[0] != "CT403"][: len(expected) or None] == expected
