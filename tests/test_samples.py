"""sample_cassettes/: every file loads with the facts recorded in tests/data/samples_expected.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import toolkit
from tests.conftest import DATA, SAMPLES

FACTS: list[dict[str, Any]] = json.loads((DATA / "samples_expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def frames() -> toolkit.Frames:
    return toolkit.load(SAMPLES)


def by_file(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(file=frame["cassette"].map(lambda p: Path(p).name)).set_index(["file", "interaction"])


@pytest.mark.parametrize(
    "fact", [f for f in FACTS if f["kind"] == "http"], ids=lambda f: f"{f['file']}#{f['index']}"
)
def test_interaction_facts(frames: toolkit.Frames, fact: dict[str, Any]) -> None:
    row = by_file(frames.interactions).loc[(fact["file"], fact["index"])]
    assert row["format"] == fact["dialect"]
    assert (row["method"], row["url"], row["status_code"]) == (fact["method"], fact["url"], fact["status"])
    assert bool(row["is_stream"]) == fact["is_stream"]
    assert (0 if pd.isna(row["n_chunks"]) else row["n_chunks"]) == fact["n_events"]
    if fact["duration_s"] is None:
        assert pd.isna(row["duration_s"])
    else:
        assert row["duration_s"] == fact["duration_s"]
    if fact["recorded_at"] is None:
        assert pd.isna(row["recorded_at"])
    else:
        assert row["recorded_at"] == pd.Timestamp(fact["recorded_at"])
    assert (fact["usage"] != {}) == ((fact["file"], fact["index"]) in by_file(frames.usage).index)


def test_websocket_session_is_reported_not_loaded(frames: toolkit.Frames) -> None:
    (fact,) = [f for f in FACTS if f["kind"] == "websocket"]
    problems = frames.problems.assign(file=frames.problems["cassette"].map(lambda p: Path(p).name))
    assert list(problems["file"]) == [fact["file"]]
    assert list(problems["code"]) == ["CT005"]


# Normalised usage (input includes cache, output includes reasoning), worked out by hand from the
# raw objects in samples_expected.json.
USAGE = {
    ("seed_xai_simple_object_streaming.yaml", 0): (429, 417, 373, 192, None, 846, 6767400),
    ("govcr2_xai_chat_completion.yaml", 0): (27, 195, 164, 0, None, 222, 1029000),
    ("pydantic_ai_anthropic_cache_parsed_body.yaml", 0): (21 + 1113, 96, None, 0, 1113, None, None),
    ("pydantic_ai_anthropic_cache_parsed_body.yaml", 1): (134 + 1113, 88, None, 1113, 0, None, None),
    # Gemini omits zero counts: no cachedContentTokenCount means nothing was read from the cache.
    ("vcrpy_gemini_stream_sse_crlf.yaml", 0): (17, 44 + 412, 412, 0, None, 473, None),
    ("vcrpy_bedrock_eventstream.yaml", 1): (45, 37, None, 0, 0, 82, None),  # Bedrock omits zero cache counts
    ("ruby_vcr_cohere_chat.yml", 0): (587, 60, None, 0, None, None, None),
    ("govcr2_openai_responses_reasoning_stream.yaml", 0): (22, 212, 192, 0, None, 234, None),
}
COLUMNS = [
    "input_tokens",
    "output_tokens",
    "reasoning_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "total_tokens",
    "cost_ticks",
]


@pytest.mark.parametrize(("key", "expected"), USAGE.items(), ids=str)
def test_normalised_usage(
    frames: toolkit.Frames, key: tuple[str, int], expected: tuple[int | None, ...]
) -> None:
    row = by_file(frames.usage).loc[key]
    got = tuple(None if pd.isna(row[c]) else int(row[c]) for c in COLUMNS)
    assert got == expected


def test_reported_and_estimated_costs_agree_where_both_exist(frames: toolkit.Frames) -> None:
    usage = frames.usage.dropna(subset=["reported_cost_usd", "estimated_cost_usd"])
    assert len(usage) >= 3
    assert (
        (usage["estimated_cost_usd"] - usage["reported_cost_usd"]).abs() <= 0.02 * usage["reported_cost_usd"]
    ).all()
