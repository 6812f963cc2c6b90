"""Frames: declared columns and dtypes, the data dictionary, and loading files and folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

import toolkit
from tests.conftest import DATA, ROOT, SAMPLES
from toolkit.frames.columns import FRAMES


def assert_declared(frames: toolkit.Frames) -> None:
    for name, columns in FRAMES.items():
        frame = getattr(frames, name)
        assert list(frame.columns) == [c.name for c in columns], name
        for column in columns:
            assert str(frame[column.name].dtype) == column.dtype, (name, column.name)


def test_every_frame_has_its_declared_columns_and_dtypes(seed_path: Path) -> None:
    assert_declared(toolkit.load(seed_path))
    assert_declared(toolkit.load(DATA / "formats"))


def test_empty_input_gives_typed_empty_frames(tmp_path: Path) -> None:
    frames = toolkit.load(tmp_path)
    assert_declared(frames)
    assert all(len(getattr(frames, name)) == 0 for name in FRAMES)


def test_every_column_is_described() -> None:
    for columns in FRAMES.values():
        names = [c.name for c in columns]
        assert len(names) == len(set(names))
        for column in columns:
            assert column.description.strip() and column.name == column.name.lower()


def test_seed_row(seed_path: Path) -> None:
    row = toolkit.load(seed_path).interactions.iloc[0]
    assert row["format"] == "go-vcr-v2"
    assert (row["line"], row["column"]) == (4, 3)
    assert (row["method"], row["host"], row["path"]) == ("POST", "api.x.ai", "/v1/chat/completions")
    assert row["status_code"] == 200
    assert bool(row["is_stream"]) and row["stream_kind"] == "sse"
    assert row["duration_s"] == 1.629281625
    assert pd.isna(row["recorded_at"])
    assert row["request_bytes"] == 685
    assert pd.isna(row["content_encoding"])


def test_directories_are_walked_for_cassette_suffixes(tmp_path: Path, seed_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(seed_path, tmp_path / "a" / "b" / "one.yml")
    shutil.copy(DATA / "formats" / "langchain_split.yaml.gz", tmp_path / "a" / "two.yaml.gz")
    (tmp_path / "notes.txt").write_text("not a cassette")
    (tmp_path / ".hidden").mkdir()
    shutil.copy(seed_path, tmp_path / ".hidden" / "three.yaml")
    frames = toolkit.load(tmp_path)
    assert sorted(Path(p).name for p in frames.interactions["cassette"]) == ["one.yml", "two.yaml.gz"]


def test_bad_files_become_problems_and_loading_goes_on(tmp_path: Path, seed_path: Path) -> None:
    (tmp_path / "bad.yaml").write_bytes(b"interactions:\n\t- oops\n")
    (tmp_path / "evil.yaml").write_text("interactions: !!python/object/apply:os.system ['true']\n")
    shutil.copy(seed_path, tmp_path / "good.yaml")
    frames = toolkit.load(tmp_path)
    assert len(frames.interactions) == 1
    problems = frames.problems.sort_values("cassette")
    assert list(problems["code"]) == ["CT002", "CT003"]
    assert list(zip(problems["line"], problems["column"], strict=True)) == [(2, 1), (1, 15)]


def test_jobs_do_not_change_the_result() -> None:
    paths = [DATA / "formats"] * 3
    one = toolkit.load(*paths, jobs=1)
    two = toolkit.load(*paths, jobs=2)
    pd.testing.assert_frame_equal(one.interactions, two.interactions)
    pd.testing.assert_frame_equal(one.problems, two.problems)


def test_importing_toolkit_does_not_import_pandas() -> None:
    import subprocess
    import sys

    code = "import sys, toolkit, toolkit.read.files, toolkit.cli; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_load_without_usage_skips_the_llm_columns(seed_path: Path) -> None:
    frames = toolkit.load(seed_path, DATA / "formats", usage=False)
    assert_declared(frames)
    assert len(frames.chunks) == 0 and len(frames.usage) == 0
    assert frames.interactions["provider"].isna().all()
    full = toolkit.load(seed_path, DATA / "formats")
    same = [
        c
        for c in frames.interactions.columns
        if c not in ("provider", "api", "model", "response_model", "finish_reason", "n_chunks")
    ]
    pd.testing.assert_frame_equal(frames.interactions[same], full.interactions[same])


def test_parallel_load_from_a_threaded_process_does_not_fork(tmp_path: Path, seed_path: Path) -> None:
    import threading

    from toolkit.plumbing.parallel import start_method

    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert start_method() in ("forkserver", "spawn")
        paths = [DATA / "formats"] * 2
        expected = toolkit.load(*paths, jobs=1).interactions
        pd.testing.assert_frame_equal(toolkit.load(*paths, jobs=2).interactions, expected)  # fork server
        for i in range(60):  # enough files for the default to want workers
            shutil.copy(seed_path, tmp_path / f"seed{i}.yaml")
        pd.testing.assert_frame_equal(
            toolkit.load(tmp_path).interactions, toolkit.load(tmp_path, jobs=1).interactions
        )  # the default stays in this process rather than fork a threaded one
    finally:
        stop.set()
        worker.join()


def test_a_file_named_twice_is_loaded_once(seed_path: Path) -> None:
    frames = toolkit.load(seed_path, seed_path.parent, seed_path)
    assert not frames.interactions.duplicated(["cassette", "interaction"]).any()
    assert (frames.interactions["cassette"] == str(seed_path)).sum() == 1


def test_for_provider_keeps_each_frame_consistent(seed_path: Path) -> None:
    frames = toolkit.load(SAMPLES)
    anthropic = frames.for_provider("anthropic")
    assert set(anthropic.interactions["provider"]) == {"anthropic"}
    assert len(anthropic.interactions) == 4
    keys = set(zip(anthropic.interactions["cassette"], anthropic.interactions["interaction"], strict=True))
    for name in ("chunks", "usage"):
        frame = getattr(anthropic, name)
        assert set(zip(frame["cassette"], frame["interaction"], strict=True)) <= keys, name
    assert len(anthropic.usage) == 4 and len(anthropic.chunks) == 26
    assert anthropic.problems.empty
    assert_declared(anthropic)
    both = frames.for_provider("anthropic", "x*")
    assert set(both.interactions["provider"]) == {"anthropic", "xai"}
    assert frames.for_provider("nobody").interactions.empty


def test_for_model_matches_the_requested_or_responded_model() -> None:
    frames = toolkit.load(SAMPLES)
    gpt5 = frames.for_model("gpt-5*")
    assert set(gpt5.usage["model"]) == {"gpt-5-nano", "gpt-5-mini"}
    assert len(frames.for_model("claude-haiku-4-5").interactions) == 2


def test_for_cassette_and_problems_follow_their_file(tmp_path: Path, seed_path: Path) -> None:
    shutil.copy(DATA / "hostile" / "duplicate_keys.yaml", tmp_path / "dup.yaml")
    shutil.copy(seed_path, tmp_path / "seed.yaml")
    frames = toolkit.load(tmp_path)
    assert not frames.problems.empty
    dup = frames.for_cassette("*dup.yaml")
    assert set(dup.problems["cassette"]) == {str(tmp_path / "dup.yaml")}
    assert frames.for_cassette("*seed.yaml").problems.empty


def test_joins_on_the_key() -> None:
    frames = toolkit.load(SAMPLES)
    everything = frames.interactions_with_usage()
    assert len(everything) == len(frames.interactions)
    assert list(everything.columns[: len(frames.interactions.columns)]) == list(frames.interactions.columns)
    assert everything["input_tokens"].notna().sum() == frames.usage["input_tokens"].notna().sum()
    assert str(everything["input_tokens"].dtype) == "Int64"
    usage = frames.usage_with_interactions()
    assert len(usage) == len(frames.usage)
    assert list(usage.columns[: len(frames.usage.columns)]) == list(frames.usage.columns)
    assert {"host", "status_code", "duration_s", "server_processing_ms"} <= set(usage.columns)


def test_summary_is_the_report_tables() -> None:
    summary = toolkit.load(SAMPLES).summary(top=5)
    assert len(summary.tables["largest_cassettes"]) == 5
    assert summary.tables["totals"]["interactions"].iloc[0] == 22
