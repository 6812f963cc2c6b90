"""Cost estimates (genai-prices) and the light price index the lint path uses instead."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

import toolkit
from tests.conftest import ROOT, SAMPLES
from toolkit.analyze.cost.estimate import estimate_cost, price_table
from toolkit.analyze.cost.price_index import PricedModel, find_priced_model, render_index
from toolkit.analyze.llm.exchange import Usage


def test_seed_estimate_is_exact() -> None:
    usage = Usage(input_tokens=429, output_tokens=417, reasoning_tokens=373, cache_read_tokens=192)
    estimate = estimate_cost(usage, "grok-code-fast-1", "xai", "https://api.x.ai/v1/chat/completions", None)
    assert estimate.cost_usd == pytest.approx(0.00067674, abs=1e-12)
    assert estimate.source == f"{price_table()}: x-ai/grok-code-fast-1"


def test_no_guessing() -> None:
    usage = Usage(input_tokens=10, output_tokens=5)
    unknown = estimate_cost(
        usage, "my-finetune-7b", "openai-compatible", "https://llm.internal/v1/chat", None
    )
    assert unknown.cost_usd is None and unknown.source.startswith(
        "no price: model 'my-finetune-7b' is not in"
    )
    local = estimate_cost(usage, "gpt-4o", "local", "http://localhost:8080/v1/chat/completions", None)
    assert (local.cost_usd, local.source) == (None, "no price: a local model server")
    assert estimate_cost(usage, None, "openai", "https://api.openai.com", None).source.startswith(
        "no price: the model"
    )


def test_gateway_model_ids_name_their_upstream() -> None:
    usage = Usage(input_tokens=1000, output_tokens=100)
    estimate = estimate_cost(
        usage, "anthropic/claude-sonnet-4", "vercel", "https://ai-gateway.vercel.sh/v1", None
    )
    assert estimate.cost_usd is not None and "anthropic/" in estimate.source


def test_recording_time_is_used() -> None:
    usage = Usage(input_tokens=1_000_000, output_tokens=0)
    when = datetime(2025, 1, 1, tzinfo=UTC)
    estimate = estimate_cost(usage, "gpt-4o", "openai", "https://api.openai.com/v1/chat/completions", when)
    assert estimate.cost_usd == pytest.approx(2.5)


def test_price_index_is_current() -> None:
    committed = (ROOT / "toolkit" / "analyze" / "cost" / "price_index.json").read_text(encoding="utf-8")
    hint = "run `python -m toolkit.analyze.cost.price_index` after upgrading genai-prices"
    assert committed == render_index(), hint


def test_price_index_agrees_with_genai_prices_on_every_lookup(corpus: Path) -> None:
    frames = toolkit.load(corpus, SAMPLES)
    usage = frames.usage.merge(
        frames.interactions[["cassette", "interaction", "url"]], on=["cassette", "interaction"]
    )
    for row in usage.itertuples():
        priced = find_priced_model(
            row.model if isinstance(row.model, str) else None,
            row.provider if isinstance(row.provider, str) else None,
            row.url,
        )
        has_estimate = row.price_source.startswith("genai-prices")
        assert (priced is not None) == has_estimate, (row.model, row.provider, row.url, row.price_source)
        if priced is not None:
            assert row.price_source.endswith(f": {priced.provider}/{priced.model}")


def test_price_index_on_unseen_model_names() -> None:
    assert find_priced_model(
        "gpt-4o-mini", "openai", "https://api.openai.com/v1/chat/completions"
    ) == PricedModel("openai", "gpt-4o-mini")
    assert find_priced_model(
        "claude-sonnet-4-5-20250929", "anthropic", "https://api.anthropic.com/v1/messages"
    )
    assert find_priced_model("not-a-model", "openai", "https://api.openai.com/v1/chat/completions") is None
    assert find_priced_model("gpt-4o", "local", "http://localhost:8080/v1") is None
