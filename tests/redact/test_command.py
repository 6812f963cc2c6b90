"""``cassette-toolkit redact``: modes, exit statuses, atomic writes, gzip files, lengths."""

from __future__ import annotations

import base64
import gzip
import json
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import zstandard

import toolkit.redact.files
from tests.conftest import DATA, ROOT, LabelledSet, run_toolkit
from toolkit.commands.redact import RedactRequest, execute
from toolkit.credentials.templates import expand
from toolkit.lint.engine import lint_file
from toolkit.lint.rules.example_cassettes import GOOD, vcrpy_cassette
from toolkit.lint.settings import LintSettings
from toolkit.redact import redact_text

KEY = expand("sk-ant-api03-{b64url:93}AA", "redact command")
HEADERS = "      Content-Type:\n      - application/json\n"
LEAKY = vcrpy_cassette(response_headers=HEADERS + f"      x-api-key:\n      - {KEY}\n")


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return run_toolkit("redact", *args, cwd=cwd)


def codes(path: Path, prefix: str = "CT2") -> list[str]:
    return [f.code for f in lint_file(str(path), LintSettings(select=(prefix,)))]


@pytest.fixture
def leaky(tmp_path: Path) -> Path:
    path = tmp_path / "leaky.yaml"
    path.write_text(LEAKY, encoding="utf-8")
    return path


def test_check_exits_1_and_writes_nothing(leaky: Path) -> None:
    result = run("--check", str(leaky))
    assert result.returncode == 1
    assert "would replace anthropic-api-key" in result.stdout and KEY[4:] not in result.stdout
    assert leaky.read_text(encoding="utf-8") == LEAKY


def test_check_exits_0_on_a_clean_file(tmp_path: Path) -> None:
    clean = tmp_path / "clean.yaml"
    clean.write_text(GOOD, encoding="utf-8")
    result = run("--check", str(clean))
    assert result.returncode == 0 and "0 secrets would be replaced" in result.stdout


def test_diff_shows_the_change_with_the_secret_masked(leaky: Path) -> None:
    result = run("--diff", str(leaky))
    assert result.returncode == 1
    assert "-      - [secret anthropic-api-key sk-a… (108 chars)]" in result.stdout
    assert (
        "+      - '<REDACTED:anthropic-api-key>'" in result.stdout or "+      - <REDACTED:" in result.stdout
    )
    assert KEY[4:] not in result.stdout
    assert leaky.read_text(encoding="utf-8") == LEAKY


def test_write_replaces_in_place_keeping_the_mode(leaky: Path) -> None:
    leaky.chmod(0o640)
    result = run(str(leaky))
    assert result.returncode == 0, result.stdout
    assert "Replaced 1 secret in 1 of 1 file." in result.stdout
    text = leaky.read_text(encoding="utf-8")
    assert KEY not in text and "<REDACTED:anthropic-api-key>" in text
    assert stat.S_IMODE(leaky.stat().st_mode) == 0o640
    assert sorted(p.name for p in leaky.parent.iterdir()) == ["leaky.yaml"]  # no temporary file left
    changed = [a for a, b in zip(LEAKY.splitlines(), text.splitlines(), strict=True) if a != b]
    assert len(changed) == 1
    again = run(str(leaky))
    assert again.returncode == 0 and "Replaced 0 secrets" in again.stdout
    assert leaky.read_text(encoding="utf-8") == text


def test_a_symlinked_cassette_is_redacted_in_its_target(tmp_path: Path, leaky: Path) -> None:
    link = tmp_path / "cassettes" / "linked.yaml"
    link.parent.mkdir()
    link.symlink_to(leaky)
    outcome = execute(RedactRequest(paths=(str(link),), cwd=str(tmp_path)))
    assert outcome.exit_code == 0 and "Replaced 1 secret" in outcome.output, outcome.output
    assert link.is_symlink() and link.resolve() == leaky.resolve()  # the link stays a link
    assert KEY not in leaky.read_text(encoding="utf-8") and codes(leaky) == []
    assert sorted(p.name for p in leaky.parent.iterdir()) == ["cassettes", "leaky.yaml"]


def test_a_hard_linked_cassette_is_redacted_under_every_name(tmp_path: Path, leaky: Path) -> None:
    other = tmp_path / "other.yaml"
    other.hardlink_to(leaky)
    outcome = execute(RedactRequest(paths=(str(leaky),), cwd=str(tmp_path)))
    assert outcome.exit_code == 0 and "Replaced 1 secret" in outcome.output, outcome.output
    assert KEY not in other.read_text(encoding="utf-8") and other.stat().st_ino == leaky.stat().st_ino


def _refuse(path: object, data: bytes, original: object) -> None:
    raise PermissionError(13, "Permission denied")


def _lose(path: object, data: bytes, original: object) -> None:
    """A write that reports nothing and changes nothing (a full disk behind a cache, a race)."""


@pytest.mark.parametrize("write", [_refuse, _lose], ids=["refused", "lost"])
def test_a_write_that_did_not_happen_is_an_error_not_a_success(
    tmp_path: Path, leaky: Path, monkeypatch: pytest.MonkeyPatch, write: Any
) -> None:
    monkeypatch.setattr(toolkit.redact.files, "rewrite_file", write)
    outcome = execute(RedactRequest(paths=(str(leaky),), cwd=str(tmp_path)))
    assert outcome.exit_code == 1 and "leaky.yaml: error: " in outcome.output, outcome.output
    assert "Replaced 0 secrets" in outcome.output and KEY in leaky.read_text(encoding="utf-8")


def test_folders_are_walked_and_clean_files_untouched(tmp_path: Path, leaky: Path) -> None:
    clean = tmp_path / "sub" / "clean.yaml"
    clean.parent.mkdir()
    clean.write_text(GOOD, encoding="utf-8")
    before = clean.stat().st_mtime_ns
    outcome = execute(RedactRequest(paths=(str(tmp_path),), cwd=str(tmp_path)))
    assert outcome.exit_code == 0 and "in 1 of 2 files" in outcome.output
    assert clean.stat().st_mtime_ns == before and codes(leaky) == []


def test_an_unreadable_cassette_is_reported_and_left_alone(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    shutil.copy(DATA / "hostile" / "truncated.yaml", broken)
    data = broken.read_bytes()
    result = run(str(broken))
    assert result.returncode == 1 and "error" in result.stdout
    assert broken.read_bytes() == data


def test_gzip_cassette_is_decompressed_redacted_and_compressed(tmp_path: Path) -> None:
    path = tmp_path / "split.yaml.gz"
    requests = [
        {"method": "POST", "uri": "https://api.example.com/v1", "body": None, "headers": {"x-api-key": [KEY]}}
    ]
    responses = [{"status": {"code": 200, "message": "OK"}, "headers": {}, "body": {"string": "{}"}}]
    text = json.dumps({"requests": requests, "responses": responses})
    with gzip.GzipFile(path, "wb", mtime=1700000000) as handle:
        handle.write(text.encode())
    assert codes(path) == ["CT201"]
    assert run(str(path)).returncode == 0
    assert codes(path) == [] and gzip.decompress(path.read_bytes()).count(b"<REDACTED:") == 1
    assert path.read_bytes()[4:8] == (1700000000).to_bytes(4, "little")


def test_a_recompressed_body_updates_its_content_length(tmp_path: Path) -> None:
    content = json.dumps({"echo": KEY, "pad": "a" * 200}).encode()
    stored = zstandard.ZstdCompressor().compress(content)
    lines = base64.encodebytes(stored).decode().strip().split("\n")
    body = "!!binary |\n" + "\n".join("        " + line for line in lines)
    headers = (
        HEADERS + f"      Content-Encoding:\n      - zstd\n      Content-Length:\n      - '{len(stored)}'\n"
    )
    path = tmp_path / "zstd.yaml"
    path.write_text(vcrpy_cassette(response_headers=headers, response_body=body), encoding="utf-8")
    result = redact_text(path.read_bytes(), str(path))
    assert result.changed and result.lengths_updated == 1 and result.problem is None
    path.write_bytes(result.after)
    assert codes(path, "CT3") == [] and codes(path) == []


def test_redacting_the_labelled_set_through_the_command(labelled_set: LabelledSet, tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(labelled_set.folder, folder)
    assert run("--check", str(folder)).returncode == 1
    first = run(str(folder))
    assert first.returncode == 0, first.stdout[-2000:]
    second = run("--check", str(folder))
    assert second.returncode == 0 and "0 secrets would be replaced" in second.stdout
    assert not [p for p in folder.iterdir() if p.name.startswith(".redact-")]


def test_redact_is_in_the_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "--help"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "redact" in result.stdout
