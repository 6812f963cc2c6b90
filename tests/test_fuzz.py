"""Mutated real cassettes through every command: no traceback, only documented exit statuses,
and every file that cannot be read gets a finding with its path and line.

The mutants are drawn from deterministic seeds (``FUZZ_SEED``, default 0), so a failure is
reproduced by its seed and case number. The suite runs ``FUZZ_CASES`` (default 48) cases in
batches; ``nox -s fuzz`` runs thousands.
"""

from __future__ import annotations

import gzip
import json
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import DATA, SAMPLES
from toolkit.cli import main
from toolkit.read.files import read_file

CASES = int(os.environ.get("FUZZ_CASES", "48"))
SEED = int(os.environ.get("FUZZ_SEED", "0"))
BATCH = 12
#: Larger sources (the gzip bomb) would only make the run slow.
_MAX_SOURCE_BYTES = 100_000
_SUFFIXES = (".yaml", ".yml", ".json", ".har", ".httprr", ".yaml.gz")

#: The exit statuses each command documents for a run over files (2 is a usage error only).
EXIT_STATUSES = {"lint": {0, 1}, "show": {0, 1}, "report": {0}, "redact": {0, 1}}


def _sources() -> list[Path]:
    found = [*SAMPLES.iterdir(), *DATA.rglob("*")]
    return sorted(
        p
        for p in found
        if p.is_file() and p.name.endswith(_SUFFIXES) and p.stat().st_size <= _MAX_SOURCE_BYTES
    )


SOURCES = _sources()

#: Text that YAML, JSON, the readers and the decoders treat specially.
TOKENS = [
    b"&a ", b"*a", b"*zz", b"!!binary ", b"!!python/object/apply:os.system ", b"!!bool maybe", b"!!int x",
    b"!!float nan", b"!!timestamp 2024-13-45", b"<<: *a", b"? ", b"- ", b": ", b"{", b"}", b"[", b"]",
    b'"', b"'", b"|", b">", b"\t", b"\x00", b"\x1b[2J", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\n---\n",
    b"\n...\n", b"%YAML 1.1\n", b"9" * 5000, b"1e400", b".inf", b"-.inf", b"18446744073709551616",
    b"\\u0000", b"\\ud800", b"\x1f\x8b\x08\x00", b"data: {\"x\": [1,\n", b"content-encoding: gzip",
    b"status: {code: 99999999999999999999}", b"duration: 1e400s", b"\\x", b"%ZZ", b"?key=sk-",
]  # fmt: skip


def _flip(data: bytearray, rng: random.Random) -> None:
    if data:
        at = rng.randrange(len(data))
        data[at] ^= 1 << rng.randrange(8)


def _insert(data: bytearray, rng: random.Random) -> None:
    at = rng.randrange(len(data) + 1)
    data[at:at] = rng.choice(TOKENS)


def _delete(data: bytearray, rng: random.Random) -> None:
    if data:
        at = rng.randrange(len(data))
        del data[at : at + rng.randrange(1, 64)]


def _duplicate(data: bytearray, rng: random.Random) -> None:
    if data:
        at = rng.randrange(len(data))
        piece = data[at : at + rng.randrange(1, 256)]
        where = rng.randrange(len(data) + 1)
        data[where:where] = piece * rng.randrange(1, 4)


def _truncate(data: bytearray, rng: random.Random) -> None:
    if data:
        del data[rng.randrange(len(data)) :]


def _swap_lines(data: bytearray, rng: random.Random) -> None:
    lines = bytes(data).split(b"\n")
    if len(lines) > 2:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        data[:] = b"\n".join(lines)


def _indent(data: bytearray, rng: random.Random) -> None:
    lines = bytes(data).split(b"\n")
    if lines:
        i = rng.randrange(len(lines))
        lines[i] = (
            (b" " * rng.randrange(0, 5) + lines[i].lstrip()) if rng.random() < 0.5 else b"  " + lines[i]
        )
        data[:] = b"\n".join(lines)


MUTATIONS: list[Callable[[bytearray, random.Random], None]] = [
    _flip,
    _insert,
    _insert,
    _delete,
    _duplicate,
    _truncate,
    _swap_lines,
    _indent,
]


def mutant(case: int) -> tuple[str, bytes]:
    """Case ``case`` of seed ``SEED``: a source file with one to four mutations."""
    rng = random.Random(f"{SEED}:{case}")
    source = rng.choice(SOURCES)
    raw = source.read_bytes()
    gz = source.name.endswith(".gz")
    data = bytearray(gzip.decompress(raw) if gz else raw)
    for _ in range(rng.randrange(1, 5)):
        rng.choice(MUTATIONS)(data, rng)
    name = f"case{case:05d}-{source.name}"
    return name, gzip.compress(bytes(data), mtime=0) if gz else bytes(data)


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args[0]} raised {result.exception!r}") from result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("batch", range(max(1, CASES // BATCH)))
def test_mutated_cassettes(batch: int, tmp_path: Path) -> None:
    files = []
    for case in range(batch * BATCH, (batch + 1) * BATCH):
        name, data = mutant(case)
        (tmp_path / name).write_bytes(data)
        files.append(str(tmp_path / name))
    where = f"seed {SEED}, cases {batch * BATCH} to {(batch + 1) * BATCH - 1}"
    report = tmp_path / "lint.json"
    code, _ = invoke("lint", "--isolated", "-j", "1", "--format", "json", "-o", str(report), *files)
    assert code in EXIT_STATUSES["lint"], where
    findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    assert all(f["line"] >= 1 and f["column"] >= 1 and f["path"] in files for f in findings), where
    flagged = {f["path"] for f in findings}
    for path in files:
        problems = read_file(path).cassette.problems
        assert all(p.line >= 1 and p.column >= 1 for p in problems), where
        if any(p.severity == "error" for p in problems):
            assert path in flagged, f"{where}: {path} cannot be read, yet lint says nothing"
    for command in (("show",), ("report", "-j", "1"), ("redact", "--check")):
        code, _ = invoke(command[0], "--isolated", *command[1:], *files)
        assert code in EXIT_STATUSES[command[0]], f"{where}: {command[0]} exited {code}"


def test_load_never_raises(tmp_path: Path) -> None:
    import toolkit

    files = []
    for case in range(CASES, CASES + BATCH):
        name, data = mutant(case)
        (tmp_path / name).write_bytes(data)
        files.append(str(tmp_path / name))
    frames = toolkit.load(*files, jobs=1)
    assert (frames.problems["line"] >= 1).all()
