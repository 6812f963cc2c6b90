"""Summary tables: every group adds up to the totals, the totals to the frames, ratios as defined."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import toolkit
from tests.conftest import DATA, SAMPLES
from toolkit.frames.summary import Summary, build_calls, by_model, summarize
from toolkit.frames.tables import GROUP_TABLES, TABLES

SUMMED = (
    "interactions",
    "streamed",
    "errors",
    "with_usage",
    "input_tokens",
    "output_tokens",
    "reasoning_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "cost_ticks",
    "with_reported_cost",
    "with_estimate",
    "with_both_costs",
    "body_bytes",
)
USD = ("reported_cost_usd", "estimated_cost_usd", "cost_usd")


@pytest.fixture(scope="module")
def frames() -> toolkit.Frames:
    return toolkit.load(SAMPLES)


@pytest.fixture(scope="module")
def summary(frames: toolkit.Frames) -> Summary:
    return summarize(frames, ["sample_cassettes/"])


def total(summary: Summary, name: str) -> object:
    return summary.tables["totals"][name].iloc[0]


def test_every_table_has_its_declared_columns(summary: Summary) -> None:
    for name, spec in TABLES.items():
        table = summary.table(name)
        if name == "lint":
            assert table is None
            continue
        assert table is not None and list(table.columns) == list(spec.columns), name
    assert len(summary.tables["totals"]) == 1


def test_totals_equal_the_frames_sums(frames: toolkit.Frames, summary: Summary) -> None:
    assert_totals_match(frames, summary)


def same(a: object, b: object) -> bool:
    """Equal, or both missing (a sum of nothing reported is NA, not 0)."""
    return bool(pd.isna(a) and pd.isna(b)) if pd.isna(a) or pd.isna(b) else bool(a == b)


def assert_totals_match(frames: toolkit.Frames, summary: Summary) -> None:
    usage, interactions = frames.usage, frames.interactions
    assert total(summary, "interactions") == len(interactions)
    assert total(summary, "with_usage") == len(usage)
    assert total(summary, "streamed") == interactions["is_stream"].sum()
    assert total(summary, "errors") == (interactions["status_code"] >= 400).sum()
    assert total(summary, "cassettes") == interactions["cassette"].nunique()
    files = set(interactions["cassette"]) | set(frames.problems["cassette"])
    assert total(summary, "files") == len(files)
    for column in ("input_tokens", "output_tokens", "reasoning_tokens", "cache_read_tokens", "cost_ticks"):
        assert same(total(summary, column), usage[column].sum(min_count=1)), column
    for column in ("reported_cost_usd", "estimated_cost_usd"):
        expected = usage[column].sum(min_count=1)
        assert same(total(summary, column), expected) or total(summary, column) == pytest.approx(expected), (
            column
        )
    assert total(summary, "duration_known") == interactions["duration_s"].notna().sum()
    assert total(summary, "server_timing_known") == interactions["server_processing_ms"].notna().sum()


@pytest.mark.parametrize("name", GROUP_TABLES)
def test_groups_add_up_to_the_totals(summary: Summary, name: str) -> None:
    table = summary.table(name)
    assert table is not None
    for column in SUMMED:
        assert table[column].sum() == total(summary, column), (name, column)
    for column in USD:
        assert table[column].sum() == pytest.approx(total(summary, column), rel=1e-12), (name, column)


def test_groups_are_unique_and_ordered(summary: Summary) -> None:
    for name in ("by_provider", "by_model", "by_api"):
        table = summary.table(name)
        assert table is not None
        keys = list(TABLES[name].keys)
        assert not table.duplicated(keys).any(), name
        assert table["interactions"].is_monotonic_decreasing, name
    assert list(summary.tables["by_cassette"]["cassette"]) == sorted(
        summary.tables["by_cassette"]["cassette"]
    )


def test_ratios_are_computed_from_the_parts(frames: toolkit.Frames, summary: Summary) -> None:
    usage = frames.usage
    cached = usage[usage["cache_read_tokens"].notna()]
    expected = cached["cache_read_tokens"].sum() / cached["input_tokens"].sum()
    assert total(summary, "cache_hit_ratio") == pytest.approx(expected)
    reasoned = usage[usage["reasoning_tokens"].notna()]
    expected = reasoned["reasoning_tokens"].sum() / reasoned["output_tokens"].sum()
    assert total(summary, "reasoning_share") == pytest.approx(expected)
    assert total(summary, "streamed_share") == pytest.approx(9 / 22)


def test_cost_difference_compares_only_interactions_with_both(
    frames: toolkit.Frames, summary: Summary
) -> None:
    both = frames.usage.dropna(subset=["reported_cost_usd", "estimated_cost_usd"])
    assert total(summary, "with_both_costs") == len(both) == 4
    difference = (both["estimated_cost_usd"] - both["reported_cost_usd"]).sum()
    assert total(summary, "cost_difference_usd") == pytest.approx(difference, abs=1e-15)
    best = frames.usage["reported_cost_usd"].fillna(frames.usage["estimated_cost_usd"]).sum()
    assert total(summary, "cost_usd") == pytest.approx(best)


def test_sample_facts(summary: Summary) -> None:
    """Worked out by hand from sample_cassettes/README.md."""
    xai = summary.tables["by_provider"].set_index("provider").loc["xai"]
    assert (xai["interactions"], xai["cost_ticks"]) == (2, 1029000 + 6767400)
    assert xai["reported_cost_usd"] == pytest.approx((1029000 + 6767400) / 1e10)
    anthropic = summary.tables["by_provider"].set_index("provider").loc["anthropic"]
    assert anthropic["cache_write_tokens"] == 1113 and anthropic["cache_read_tokens"] == 1113
    groq = (
        summary.tables["by_model"].set_index(["provider", "model"]).loc[("groq", "llama-3.3-70b-versatile")]
    )
    assert (groq["interactions"], groq["errors"], groq["with_usage"]) == (2, 1, 1)
    assert pd.isna(groq["reasoning_share"])  # Groq reports no reasoning count: unknown, not 0 %


def test_largest_and_most_expensive(summary: Summary) -> None:
    largest = summary.tables["largest_cassettes"]
    assert len(largest) == 10 and largest["body_bytes"].is_monotonic_decreasing
    assert largest["cassette"].iloc[0].endswith("seed_xai_simple_object_streaming.yaml")
    expensive = summary.tables["most_expensive_cassettes"]
    assert expensive["cost_usd"].is_monotonic_decreasing and expensive["cost_usd"].notna().all()
    assert expensive["cassette"].iloc[0].endswith("pydantic_ai_anthropic_cache_parsed_body.yaml")
    assert len(summarize(toolkit.load(SAMPLES), top=3).tables["largest_cassettes"]) == 3


def test_latency_keeps_sources_apart_with_coverage(frames: toolkit.Frames, summary: Summary) -> None:
    latency = summary.tables["latency"]
    overall = latency[latency["provider"].isna()].set_index("source")
    assert overall.loc["go-vcr duration", "measure"] == "recorded duration"
    assert overall.loc["go-vcr duration", "known"] == frames.interactions["duration_s"].notna().sum() == 9
    assert set(overall.index) == {
        "go-vcr duration",
        "openai-processing-ms",
        "x-envoy-upstream-service-time",
        "server-timing",
    }
    assert (overall["interactions"] == 22).all()
    durations = frames.interactions["duration_s"].dropna()
    assert overall.loc["go-vcr duration", "p50_s"] == pytest.approx(durations.median())
    assert overall.loc["go-vcr duration", "max_s"] == pytest.approx(durations.max())
    groq = latency[(latency["provider"] == "groq") & (latency["measure"] == "recorded duration")].iloc[0]
    assert (groq["known"], groq["interactions"]) == (2, 2)
    server = latency[latency["measure"] == "server processing"]
    assert server[server["provider"].isna()]["known"].sum() == 8


def test_problems_by_code(summary: Summary) -> None:
    assert summary.tables["problems"].to_dict("records") == [
        {
            "code": "CT005",
            "name": "unsupported recording",
            "severity": "info",
            "count": 1,
            "files": 1,
            "first": str(SAMPLES / "pydantic_ai_websocket_realtime.yaml") + ":3:1",
        }
    ]


def test_nothing_read_gives_a_typed_summary(tmp_path: Path) -> None:
    summary = summarize(toolkit.load(tmp_path))
    assert total(summary, "interactions") == 0 and total(summary, "files") == 0
    assert pd.isna(total(summary, "input_tokens"))
    assert summary.tables["by_model"].empty and list(summary.tables["by_model"].columns) == list(
        TABLES["by_model"].columns
    )
    assert summary.tables["latency"]["known"].tolist() == [0, 0]


def test_only_broken_files(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("interactions: !!python/object/apply:os.system ['true']\n")
    summary = summarize(toolkit.load(tmp_path, DATA / "hostile" / "empty.yaml"))
    assert total(summary, "files") == 2 and total(summary, "problem_files") == 2
    assert total(summary, "cassettes") == 0
    assert set(summary.tables["problems"]["code"]) == {"CT003", "CT006"}


def test_model_falls_back_to_the_response_model(frames: toolkit.Frames) -> None:
    calls = build_calls(frames)
    assert calls["model"].notna().sum() >= frames.interactions["model"].notna().sum()
    assert set(by_model(frames)["model"].dropna()) == set(frames.usage["model"].dropna())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_subset_adds_up(frames: toolkit.Frames, data: st.DataObject) -> None:
    """Whatever interactions are kept, the totals are the frames' sums and the groups add up."""
    mask = data.draw(
        st.lists(st.booleans(), min_size=len(frames.interactions), max_size=len(frames.interactions))
    )
    subset = frames.subset(pd.Series(mask, index=frames.interactions.index))
    summary = summarize(subset)
    assert_totals_match(subset, summary)
    for name in GROUP_TABLES:
        table = summary.table(name)
        assert table is not None
        for column in SUMMED:
            assert same(table[column].sum(min_count=1), total(summary, column)) or (
                table.empty and total(summary, column) == 0
            ), (name, column)
