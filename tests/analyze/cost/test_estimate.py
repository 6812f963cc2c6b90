"""Cost estimates (genai-prices): each cost rule, priced as the one model choice decides."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from toolkit.analyze.cost.estimate import Estimate, estimate_cost, price_table
from toolkit.analyze.cost.priced_as import priced_as
from toolkit.analyze.llm.exchange import Usage
from toolkit.analyze.llm.route import Route
from toolkit.model import Url

WHEN = datetime(2025, 10, 1, tzinfo=UTC)


def estimate(
    usage: Usage,
    model: str | None,
    provider: str | None,
    url: str,
    *,
    api: str | None = "chat.completions",
    served: str | None = None,
    when: datetime | None = WHEN,
) -> Estimate:
    priced = priced_as(Route(provider, api, model), served, Url.parse(url))
    return estimate_cost(usage, priced, api, when)


def test_seed_estimate_is_exact() -> None:
    usage = Usage(input_tokens=429, output_tokens=417, reasoning_tokens=373, cache_read_tokens=192)
    found = estimate(usage, "grok-code-fast-1", "xai", "https://api.x.ai/v1/chat/completions")
    assert found.cost_usd == pytest.approx(0.00067674, abs=1e-12)
    assert found.source == f"{price_table()}: x-ai/grok-code-fast-1"


def test_no_guessing() -> None:
    usage = Usage(input_tokens=10, output_tokens=5)
    unknown = estimate(usage, "my-finetune-7b", "openai-compatible", "https://llm.internal/v1/chat")
    assert unknown.cost_usd is None
    assert unknown.source.startswith("no price: model 'my-finetune-7b' is not in genai-prices ")
    local = estimate(usage, "gpt-4o", "local", "http://localhost:8080/v1/chat/completions")
    assert (local.cost_usd, local.source) == (None, "no price: a local model server")
    assert estimate(usage, None, "openai", "https://api.openai.com/v1/chat/completions").source == (
        "no price: the model is not recorded"
    )


def test_gateway_model_ids_name_their_upstream() -> None:
    usage = Usage(input_tokens=1000, output_tokens=100)
    found = estimate(
        usage, "anthropic/claude-sonnet-4", "vercel", "https://ai-gateway.vercel.sh/v1/chat/completions"
    )
    assert found.cost_usd is not None and ": anthropic/" in found.source


@pytest.mark.parametrize(
    ("url", "provider", "upstream"),
    [
        ("https://gateway.pydantic.dev/proxy/openai/chat/completions", "pydantic-gateway", "openai"),
        ("https://gateway.pydantic.dev/proxy/anthropic/v1/messages", "pydantic-gateway", "anthropic"),
        (
            "https://gateway.ai.cloudflare.com/v1/acct/gw/openai/chat/completions",
            "cloudflare-ai-gateway",
            "openai",
        ),
        (
            "https://gateway.ai.cloudflare.com/v1/acct/gw/google-ai-studio/v1beta/models/gemini-2.5-flash:generateContent",
            "cloudflare-ai-gateway",
            "google",
        ),
    ],
)
def test_gateways_price_by_the_upstream_provider(url: str, provider: str, upstream: str) -> None:
    model = {"openai": "gpt-4o", "anthropic": "claude-sonnet-4-5", "google": "gemini-2.5-flash"}[upstream]
    found = estimate(Usage(input_tokens=1000, output_tokens=100), model, provider, url)
    assert found.source == f"{price_table()}: {upstream}/{model}"


def test_recording_time_is_used() -> None:
    usage = Usage(input_tokens=1_000_000, output_tokens=0)
    when = datetime(2025, 1, 1, tzinfo=UTC)
    found = estimate(usage, "gpt-4o", "openai", "https://api.openai.com/v1/chat/completions", when=when)
    assert found.cost_usd == pytest.approx(2.5)


def test_an_alias_is_priced_as_the_model_the_response_names() -> None:
    usage = Usage(input_tokens=1_000_000, output_tokens=0)
    url = "https://my-resource.openai.azure.com/openai/deployments/prod-chat/chat/completions"
    found = estimate(usage, "prod-chat", "azure", url, served="gpt-4o-2024-08-06")
    assert found.cost_usd == pytest.approx(2.5)
    assert found.source.startswith(f"{price_table()}: azure/gpt-4o")
    assert "priced as the model the response names: 'prod-chat' is not in the table" in found.source
    auto = estimate(
        usage,
        "openrouter/auto",
        "openrouter",
        "https://openrouter.ai/api/v1/chat/completions",
        served="openai/gpt-4o",
    )
    assert auto.cost_usd is not None and "'openrouter/auto' is not in the table" in auto.source


def test_a_known_requested_model_wins_over_the_response() -> None:
    usage = Usage(input_tokens=1000, output_tokens=100)
    found = estimate(
        usage, "gpt-4o", "openai", "https://api.openai.com/v1/chat/completions", served="gpt-4o-mini"
    )
    assert found.source == f"{price_table()}: openai/gpt-4o"


def test_cohere_is_priced_from_its_billed_units() -> None:
    tokens = Usage(input_tokens=1_000_000, output_tokens=0)
    billed = tokens._replace(priced_units=(("input_tokens", 500_000), ("output_tokens", 0)))
    url = "https://api.cohere.com/v2/chat"
    assert estimate(billed, "command-a-03-2025", "cohere", url).cost_usd == pytest.approx(
        estimate(tokens, "command-a-03-2025", "cohere", url).cost_usd / 2  # type: ignore[operator]
    )


def test_anthropic_web_searches_are_priced_by_the_table() -> None:
    url = "https://api.anthropic.com/v1/messages"
    plain = estimate(Usage(input_tokens=1000, output_tokens=100), "claude-sonnet-4-5", "anthropic", url)
    searched = estimate(
        Usage(input_tokens=1000, output_tokens=100, priced_units=(("web_searches", 2),)),
        "claude-sonnet-4-5",
        "anthropic",
        url,
    )
    # $10 per 1,000 searches, in genai-prices.
    assert searched.cost_usd == pytest.approx(plain.cost_usd + 0.02)  # type: ignore[operator]
    assert searched.source == plain.source


def test_xai_tool_calls_are_priced_from_xais_published_prices() -> None:
    url = "https://api.x.ai/v1/chat/completions"
    usage = Usage(input_tokens=1000, output_tokens=100)
    plain = estimate(usage, "grok-4-fast-reasoning", "xai", url)
    tools = usage._replace(priced_units=(("web_searches", 3), ("social_searches", 1), ("sources", 4)))
    found = estimate(tools, "grok-4-fast-reasoning", "xai", url)
    assert found.cost_usd == pytest.approx(plain.cost_usd + 4 * 0.005)  # type: ignore[operator]
    assert "+3 web searches at x-ai's published $5/1k" in found.source
    assert "+1 X searches at x-ai's published $5/1k" in found.source
    assert found.source.endswith("unpriced: 4 Live Search sources")


def test_openai_transcription_by_the_second() -> None:
    usage = Usage(priced_units=(("audio_seconds", 60),))
    found = estimate(
        usage, "whisper-1", "openai", "https://api.openai.com/v1/audio/transcriptions", api="audio"
    )
    assert found.cost_usd == pytest.approx(0.006)  # $0.006 a minute


def test_batch_results_are_priced_at_the_batch_rate() -> None:
    usage = Usage(input_tokens=1_000_000, output_tokens=0)
    url = "https://api.openai.com/v1/files/file-1/content"
    standard = estimate(usage, None, "openai", "https://api.openai.com/v1/chat/completions", served="gpt-4o")
    batch = estimate(usage, None, "openai", url, api="files.content", served="gpt-4o")
    assert batch.cost_usd == pytest.approx(standard.cost_usd / 2)  # type: ignore[operator]
    # genai-prices' batch prices for gpt-4o start on 2026-10-14; before, OpenAI's published 50%.
    assert batch.source.endswith("batch: 50% of the standard price, as openai publishes")
    later = estimate(
        usage,
        None,
        "openai",
        url,
        api="files.content",
        served="gpt-4o",
        when=datetime(2026, 11, 1, tzinfo=UTC),
    )
    assert later.cost_usd == pytest.approx(1.25) and later.source.endswith("; batch price")
    anthropic = estimate(
        Usage(input_tokens=100_000, output_tokens=0),
        None,
        "anthropic",
        "https://api.anthropic.com/v1/messages/batches/b/results",
        api="batch.results",
        served="claude-sonnet-4-5",
    )
    assert anthropic.cost_usd == pytest.approx(0.15)  # $3 per MTok, halved


def test_image_tokens_have_their_own_price() -> None:
    url = "https://api.openai.com/v1/images/generations"
    text = estimate(Usage(input_tokens=1000, output_tokens=0), "gpt-image-1", "openai", url, api="images")
    image = estimate(
        Usage(input_tokens=1000, output_tokens=0, priced_units=(("input_image_tokens", 1000),)),
        "gpt-image-1",
        "openai",
        url,
        api="images",
    )
    assert image.cost_usd == pytest.approx(2 * text.cost_usd)  # type: ignore[operator]


def test_details_that_do_not_add_up_fall_back_to_the_tokens() -> None:
    url = "https://api.openai.com/v1/chat/completions"
    plain = estimate(Usage(input_tokens=10, output_tokens=10), "gpt-4o", "openai", url)
    odd = estimate(
        Usage(input_tokens=10, output_tokens=10, priced_units=(("output_audio_tokens", 50),)),
        "gpt-4o",
        "openai",
        url,
    )
    assert odd.cost_usd == plain.cost_usd
