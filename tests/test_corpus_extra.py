"""The extra shared corpus (865 files of five recorder dialects) against the counts in its README.

The corpus and its README were prepared independently of this code; the tests skip when it is
absent. The README's "Interactions per dialect" table is restated here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from tests.conftest import SHARED
from toolkit.lint.engine import lint_paths
from toolkit.lint.settings import LintSettings

pytestmark = pytest.mark.corpus

EXTRA = SHARED / "corpus-extra"

#: The README's table: dialect -> (files, interactions).
PER_DIALECT = {
    "vcrpy": (229, 524),
    "ruby-vcr": (358, 969),
    "r-vcr": (87, 208),
    "httprr": (145, 260),
    "har": (44, 483),
}
#: Claude Agent SDK control-protocol transcripts: JSON, not HTTP. A folder walk passes over them
#: (their start shows no recorder wrote them); named, they are recognised (CT005).
NOT_HTTP = {
    "logfire/tests/otel_integrations/cassettes/test_claude_agent_sdk/basic_conversation.json",
    "logfire/tests/otel_integrations/cassettes/test_claude_agent_sdk/tool_use_conversation.json",
}
#: The README: 18 httprr files hold the trace line only.
EMPTY_TRACES = 18
#: Model calls whose successful responses report usage (Gemini's embeddings report none).
USAGE_APIS = {"chat.completions", "messages", "responses", "generate_content", "converse", "ollama.chat"}


@pytest.fixture(scope="module")
def frames() -> toolkit.Frames:
    if not (EXTRA / "README.md").is_file():
        pytest.skip("the extra shared corpus is not present")
    return toolkit.load(EXTRA)


def _relative(path: str) -> str:
    return Path(path).relative_to(EXTRA).as_posix()


def test_every_file_is_found(frames: toolkit.Frames) -> None:
    cassettes = {_relative(path) for path in (*frames.interactions["cassette"], *frames.problems["cassette"])}
    assert len(cassettes) == 865 - len(NOT_HTTP) and not cassettes & NOT_HTTP


def test_the_transcripts_are_recognised_when_named() -> None:
    if not (EXTRA / "README.md").is_file():
        pytest.skip("the extra shared corpus is not present")
    problems = toolkit.load(*(EXTRA / name for name in sorted(NOT_HTTP))).problems
    assert list(problems["code"]) == ["CT005", "CT005"]


def test_interactions_per_dialect_match_the_readme(frames: toolkit.Frames) -> None:
    interactions = frames.interactions
    counts = interactions.groupby("format").size().to_dict()
    assert counts == {name: count for name, (_, count) in PER_DIALECT.items()}
    files = interactions.groupby("format")["cassette"].nunique().to_dict()
    files["httprr"] += EMPTY_TRACES
    assert files == {name: count for name, (count, _) in PER_DIALECT.items()}


def test_only_the_empty_traces_are_problems(frames: toolkit.Frames) -> None:
    problems = frames.problems
    assert Counter(problems["code"]) == {"CT006": EMPTY_TRACES}
    empty = problems[problems["code"] == "CT006"]
    assert all(path.endswith((".httprr", ".httprr.gz")) for path in empty["cassette"])


def test_no_schema_or_dialect_finding() -> None:
    if not (EXTRA / "README.md").is_file():
        pytest.skip("the extra shared corpus is not present")
    result = lint_paths([str(EXTRA)], LintSettings(select=("CT0", "CT1")))
    assert Counter(f.code for f in result.findings) == {"CT006": EMPTY_TRACES}


def test_model_calls_of_the_new_dialects_report_usage(frames: toolkit.Frames) -> None:
    calls = frames.interactions_with_usage()
    new = calls[calls["format"].isin(["r-vcr", "httprr"]) & calls["api"].isin(USAGE_APIS)]
    ok = new[new["status_code"] == 200]
    assert len(ok) > 300
    assert ok["input_tokens"].notna().all(), ok.loc[ok["input_tokens"].isna(), ["cassette", "interaction"]]


def test_bodies_arrive_decoded(frames: toolkit.Frames) -> None:
    interactions = frames.interactions
    har = interactions[interactions["format"] == "har"]
    assert (har["content_encoding"] == "gzip").sum() == 149  # the README's base64 gzip chunk arrays
    rvcr = interactions[interactions["format"] == "r-vcr"]
    assert rvcr["content_encoding"].isna().all()  # coding headers over bodies stored decoded
    assert (interactions["response_storage"] != "file").all()


def test_recording_times(frames: toolkit.Frames) -> None:
    interactions = frames.interactions
    known = interactions.groupby("format")["recorded_at"].count().to_dict()
    assert known["r-vcr"] == 208 and known["har"] == 483 and known["ruby-vcr"] == 969
    har = interactions[interactions["format"] == "har"]
    assert har["duration_s"].notna().sum() > 400


def _usage_of(frames: toolkit.Frames, name: str, index: int = 0) -> dict[str, object]:
    usage = frames.usage
    rows = usage[(usage["cassette"] == str(EXTRA / name)) & (usage["interaction"] == index)]
    assert len(rows) == 1, name
    return {k: (None if pd.isna(v) else v) for k, v in rows.iloc[0].items()}


def test_api_families_report_usage_and_cost(frames: toolkit.Frames) -> None:
    voice = _usage_of(
        frames, "logfire/tests/otel_integrations/cassettes/test_openai_agents/test_voice_pipeline.yaml"
    )
    assert (voice["model"], voice["input_tokens"], voice["output_tokens"]) == ("gpt-4o-transcribe", 1, 5)
    assert voice["estimated_cost_usd"] is not None  # the model is a field of the multipart request
    whisper = _usage_of(frames, "llm-rb/spec/fixtures/cassettes/openai/audio/successful_transcription.yml")
    assert (whisper["model"], whisper["audio_seconds"]) == ("whisper-1", 2.0)
    assert whisper["estimated_cost_usd"] == pytest.approx(0.0002)  # $0.006 a minute
    embed = _usage_of(frames, "langchaingo/llms/ollama/testdata/TestCreateEmbedding.httprr", 1)
    assert (embed["api"], embed["input_tokens"], embed["price_source"]) == (
        "embeddings",
        9,
        "no price: a local Ollama server",
    )
    sonar = _usage_of(frames, "langchaingo/tools/perplexity/testdata/TestPerplexityTool.httprr")
    assert sonar["reported_cost_usd"] == pytest.approx(0.005)  # usage.cost.total_cost
    gateway = _usage_of(
        frames, "logfire/tests/otel_integrations/cassettes/test_langchain/test_instrument_langchain.yaml"
    )
    assert (gateway["provider"], gateway["price_source"]) == (
        "pydantic-gateway",
        "genai-prices 0.2.3: openai/gpt-5",
    )
