"""Real cassettes against the facts in index.csv and interactions.csv: the files kept in the
repository (tests/data/real/corpus), and the whole shared corpus when it is present.

Those tables were measured independently of this code.
"""

from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from tests.conftest import BUNDLED_CORPUS, BUNDLED_EXTRA, CORPUS, CORPUS_FORMATS, corpora, read_csv

STREAM_KINDS = {"sse", "aws-eventstream"}


@pytest.fixture(scope="module", params=corpora(CORPUS, BUNDLED_CORPUS))
def corpus(request: pytest.FixtureRequest) -> Path:
    root: Path = request.param
    return root


@pytest.fixture(scope="module")
def frames(corpus: Path) -> toolkit.Frames:
    return toolkit.load(corpus)


@pytest.fixture(scope="module")
def expected(corpus: Path) -> dict[tuple[str, int], dict[str, str]]:
    return {(str(corpus / r["path"]), int(r["idx"])): r for r in read_csv(corpus / "interactions.csv")}


def test_every_http_interaction_is_loaded_with_its_facts(
    frames: toolkit.Frames, expected: dict[tuple[str, int], dict[str, str]]
) -> None:
    got = frames.interactions.set_index(["cassette", "interaction"])
    http = {key: row for key, row in expected.items() if row["kind"] == "http"}
    assert set(got.index) == set(http)
    mismatches: list[str] = []
    for key, row in http.items():
        mine = got.loc[key]
        status = int(float(row["status"])) if row["status"] else None
        duration = float(row["duration_s"]) if row["duration_s"] else math.nan
        facts = {
            "status": (None if pd.isna(mine["status_code"]) else int(mine["status_code"]), status),
            "is_stream": (bool(mine["is_stream"]), row["resp_kind"] in STREAM_KINDS),
            "method": (mine["method"], row["method"].upper()),
            "host": (mine["host"], row["host"]),
        }
        for name, (ours, theirs) in facts.items():
            if ours != theirs:
                mismatches.append(f"{key}: {name} {ours!r} != {theirs!r}")
        ours_d = mine["duration_s"]
        if math.isnan(duration) != pd.isna(ours_d) or (
            not math.isnan(duration) and ours_d != pytest.approx(duration)
        ):
            mismatches.append(f"{key}: duration {ours_d!r} != {duration!r}")
    assert mismatches == []


def test_recorded_at_matches(frames: toolkit.Frames, expected: dict[tuple[str, int], dict[str, str]]) -> None:
    got = frames.interactions.set_index(["cassette", "interaction"])["recorded_at"]
    for key, row in expected.items():
        if row["kind"] != "http":
            continue
        if row["recorded_at"]:
            assert got.loc[key] == pd.Timestamp(row["recorded_at"]).tz_convert("UTC"), key
        else:
            assert pd.isna(got.loc[key]), key


def test_every_file_has_its_format_and_interaction_count(frames: toolkit.Frames, corpus: Path) -> None:
    counts = frames.interactions.groupby("cassette").size().to_dict()
    formats = frames.interactions.groupby("cassette")["format"].first().to_dict()
    problems = defaultdict(set)
    for row in frames.problems.itertuples():
        problems[row.cassette].add(row.code)
    for row in read_csv(corpus / "index.csv"):
        path = str(corpus / row["path"])
        fmt = CORPUS_FORMATS[row["format"]]
        if fmt in ("websocket", "grpc"):
            assert "CT005" in problems[path], path
            assert path not in counts
        elif int(row["n_interactions"]) == 0:
            assert problems[path] == {"CT006"}, path
        else:
            assert counts.get(path) == int(row["n_interactions"]), path
            assert formats[path] == fmt, path


def test_no_unexpected_problems(frames: toolkit.Frames) -> None:
    assert set(frames.problems["code"]) <= {"CT005", "CT006"}
    assert frames.problems["line"].min() >= 1


def test_loading_in_parallel_gives_the_same_frames(corpus: Path, frames: toolkit.Frames) -> None:
    sequential = toolkit.load(corpus, jobs=1)
    pd.testing.assert_frame_equal(sequential.interactions, frames.interactions)
    pd.testing.assert_frame_equal(sequential.problems, frames.problems)


def test_bundled_extra_files_have_their_dialect_and_interaction_count() -> None:
    """The files kept from the extra corpus (tests/data/real/corpus-extra): every dialect it holds,
    each file as its index.csv says (counted without the toolkit, see the README there)."""
    rows = list(read_csv(BUNDLED_EXTRA / "index.csv"))
    named = [str(BUNDLED_EXTRA / row["path"]) for row in rows]
    frames = toolkit.load(*named)
    counts = frames.interactions.groupby("cassette").size().to_dict()
    formats = frames.interactions.groupby("cassette")["format"].first().to_dict()
    problems = defaultdict(set)
    for row in frames.problems.itertuples():
        problems[row.cassette].add(row.code)
    for row, path in zip(rows, named, strict=True):
        if row["n_interactions"] == "0":
            assert problems[path] == {"CT006"}, path
        else:
            assert (formats[path], counts[path]) == (row["format"], int(row["n_interactions"])), path
            assert path not in problems, path
    assert {row["format"] for row in rows} == {"vcrpy", "ruby-vcr", "r-vcr", "httprr", "har"}
