"""The command line: show, --help, python -m toolkit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import DATA, ROOT, SAMPLES, run_toolkit
from toolkit.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_show_the_seed(seed_path: Path) -> None:
    code, out = run("show", str(seed_path), "--max-body", "80")
    assert code == 0
    assert "> POST https://api.x.ai/v1/chat/completions" in out
    assert "< 200 OK  [1.629 s]" in out
    assert "sse stream, 48 events" in out
    assert "[47] message: [DONE]" in out
    assert "usage (final stream event): input 429, output 417, reasoning 373, cache read 192" in out
    assert "-- xai chat.completions, model grok-code-fast-1, finish tool_calls --" in out
    assert "   price table entry: x-ai/grok-code-fast-1\n" in out  # as the usage frame prices it
    assert 'tool call Person (call_89395763): {"age":30,"city":"Paris","name":"Alice"}' in out


def test_show_decodes_gzip_and_event_streams() -> None:
    code, out = run("show", str(SAMPLES / "vcrpy_openai_responses_gzip.yaml"))
    assert code == 0 and "gzip decoded" in out and '"object": "response"' in out
    code, out = run("show", str(SAMPLES / "vcrpy_bedrock_eventstream.yaml"), "-i", "1")
    assert code == 0 and "aws-eventstream stream, 9 events" in out and "interaction 0" not in out


def test_show_a_folder_and_bad_files(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("interactions: !!python/object/apply:os.system ['true']\n")
    code, out = run("show", str(tmp_path))
    assert code == 1
    assert "bad.yaml:1:15: CT003" in out
    code, out = run("show", str(DATA / "formats"), "--max-body", "50")
    assert code == 0  # not_a_cassette.json is skipped: the walk sees that no recorder wrote it
    assert "langchain-split" in out and "go-vcr-v1" in out and "not_a_cassette" not in out
    code, out = run("show", str(DATA / "formats" / "not_a_cassette.json"))
    assert code == 1 and "CT004" in out


def test_show_reports_a_missing_interaction(seed_path: Path) -> None:
    code, out = run("show", str(seed_path), "--interaction", "3")
    assert code == 2 and "has no interaction 3" in out


def test_python_dash_m(seed_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "toolkit", "--help"], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert "show" in out.stdout


def test_the_process_ends_quickly_without_losing_output_or_exit_codes(tmp_path: Path) -> None:
    # The console entry point ends with os._exit: buffered output must be flushed first,
    # the exit status kept, and files written before it.
    listed = run_toolkit("show", str(SAMPLES), "--full")
    assert listed.returncode == 0
    assert listed.stdout == run("show", str(SAMPLES), "--full")[1]
    assert len(listed.stdout) > 65_536  # more than a pipe buffer, many stdio buffers
    assert run_toolkit("lint", "--isolated", str(SAMPLES)).returncode == 0
    usage = run_toolkit("lint", "--select", "CT999", str(SAMPLES))
    assert usage.returncode == 2 and "CT999" in usage.stderr
    report = tmp_path / "audit.md"
    written = run_toolkit("report", str(SAMPLES), "--format", "markdown", "--output", str(report))
    assert written.returncode == 0, written.stderr
    assert report.read_text(encoding="utf-8").startswith("# ")


def test_output_to_a_closed_pipe_is_not_an_error() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "toolkit", "rules"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(10)
        process.stdout.close()  # like ``| head -c 10``
        assert b"Traceback" not in process.stderr.read()
