"""Usage normalisation per provider: the exact conventions, on small hand-written bodies."""

from __future__ import annotations

from toolkit.analyze.llm.exchange import Usage
from toolkit.analyze.llm.usage import (
    anthropic_usage,
    bedrock_header_usage,
    bedrock_metrics_usage,
    cohere_usage,
    converse_usage,
    gemini_usage,
    openai_usage,
    responses_usage,
)


def test_openai_prompt_includes_cache_and_completion_includes_reasoning() -> None:
    usage = openai_usage(
        {
            "prompt_tokens": 1200,
            "completion_tokens": 300,
            "total_tokens": 1500,
            "prompt_tokens_details": {"cached_tokens": 1024},
            "completion_tokens_details": {"reasoning_tokens": 256},
        }
    )
    assert usage == Usage(1200, 300, 256, 1024, None, 1500)


def test_xai_reports_reasoning_beside_completion_tokens() -> None:
    usage = openai_usage(
        {
            "prompt_tokens": 429,
            "completion_tokens": 44,
            "total_tokens": 846,
            "prompt_tokens_details": {"cached_tokens": 192},
            "completion_tokens_details": {"reasoning_tokens": 373},
            "cost_in_usd_ticks": 6767400,
        }
    )
    assert usage is not None
    assert (usage.input_tokens, usage.output_tokens, usage.reasoning_tokens) == (429, 417, 373)
    assert (usage.cost_ticks, usage.reported_cost_usd) == (6767400, 0.00067674)


def test_openrouter_cost_and_deepseek_cache_hits() -> None:
    openrouter = openai_usage(
        {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15, "cost": 0.00042}
    )
    assert openrouter is not None and openrouter.reported_cost_usd == 0.00042
    deepseek = openai_usage({"prompt_tokens": 100, "completion_tokens": 5, "prompt_cache_hit_tokens": 64})
    assert deepseek is not None and deepseek.cache_read_tokens == 64


def test_responses_usage() -> None:
    usage = responses_usage(
        {
            "input_tokens": 50,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": 700,
            "output_tokens_details": {"reasoning_tokens": 640},
            "total_tokens": 750,
        }
    )
    assert usage == Usage(50, 700, 640, 0, None, 750)


def test_anthropic_adds_cache_reads_and_writes_to_input() -> None:
    usage = anthropic_usage(
        {
            "input_tokens": 12,
            "cache_creation_input_tokens": 1500,
            "cache_read_input_tokens": 3000,
            "output_tokens": 90,
        }
    )
    assert usage == Usage(4512, 90, None, 3000, 1500, None)


def test_gemini_adds_thoughts_to_output() -> None:
    usage = gemini_usage(
        {"promptTokenCount": 65, "candidatesTokenCount": 16, "thoughtsTokenCount": 94, "totalTokenCount": 175}
    )
    assert usage == Usage(65, 110, 94, 0, None, 175)


def test_gemini_without_candidates_counts_zero_output() -> None:
    usage = gemini_usage({"promptTokenCount": 8, "totalTokenCount": 8})
    assert usage is not None and usage.output_tokens == 0


def test_gemini_omits_zero_counts_so_missing_ones_are_zero() -> None:
    # proto3 JSON leaves out zero fields: no cachedContentTokenCount means nothing was cached,
    # and a cache-hit ratio must count this call's input (the report once said 91.7% for 16.8%).
    uncached = gemini_usage({"promptTokenCount": 1000, "candidatesTokenCount": 10})
    assert uncached is not None and (uncached.cache_read_tokens, uncached.reasoning_tokens) == (0, 0)
    cached = gemini_usage(
        {"promptTokenCount": 1000, "candidatesTokenCount": 10, "cachedContentTokenCount": 900}
    )
    assert cached is not None and cached.cache_read_tokens == 900
    assert gemini_usage({}) == Usage()


def test_gemini_audio_and_image_tokens_are_priced_apart() -> None:
    usage = gemini_usage(
        {
            "promptTokenCount": 300,
            "candidatesTokenCount": 1290,
            "promptTokensDetails": [
                {"modality": "TEXT", "tokenCount": 100},
                {"modality": "AUDIO", "tokenCount": 200},
            ],
            "candidatesTokensDetails": [{"modality": "IMAGE", "tokenCount": 1290}],
        }
    )
    assert usage is not None
    assert usage.priced_units == (("input_audio_tokens", 200), ("output_image_tokens", 1290))


def test_bedrock_converse_adds_cache_to_input() -> None:
    usage = converse_usage(
        {
            "inputTokens": 20,
            "outputTokens": 7,
            "totalTokens": 2027,
            "cacheReadInputTokens": 2000,
            "cacheWriteInputTokens": 0,
        }
    )
    assert usage == Usage(2020, 7, None, 2000, 0, 2027)


def test_bedrock_invocation_metrics_and_headers() -> None:
    # Bedrock reports its cache counts only when the cache was used: missing ones are zeros.
    assert bedrock_metrics_usage({"inputTokenCount": 9, "outputTokenCount": 3}) == Usage(9, 3, None, 0, 0)
    headers = {"x-amzn-bedrock-input-token-count": "11", "x-amzn-bedrock-output-token-count": "4"}
    assert bedrock_header_usage(headers.get) == Usage(11, 4, None, 0, 0, source="headers")
    assert converse_usage({"inputTokens": 5, "outputTokens": 1}) == Usage(5, 1, None, 0, 0)
    assert converse_usage({"outputTokens": 1}) == Usage(None, 1)
    assert bedrock_header_usage({}.get) is None


def test_cohere_counts_tokens_and_bills_billed_units() -> None:
    # ``tokens`` count what the model read (its prompt template included); Cohere bills
    # ``billed_units``: the counts keep the tokens, the estimate prices the billed units.
    v2 = {"usage": {"tokens": {"input_tokens": 70, "output_tokens": 9}, "billed_units": {"input_tokens": 5}}}
    assert cohere_usage(v2) == Usage(70, 9, priced_units=(("input_tokens", 5),))
    v1 = {"meta": {"billed_units": {"input_tokens": 3, "output_tokens": 2}}}
    assert cohere_usage(v1) == Usage(3, 2)


def test_garbage_is_not_usage() -> None:
    assert openai_usage("nope") is None
    assert openai_usage({"prompt_tokens": -1, "completion_tokens": True}) == Usage()


def test_vercel_reports_reasoning_beside_completion_and_total() -> None:
    raw = {
        "prompt_tokens": 61,
        "completion_tokens": 10,
        "total_tokens": 71,
        "completion_tokens_details": {"reasoning_tokens": 96},
        "cost": 0.0002833,
    }
    assert openai_usage(raw) == Usage(61, 10, 96, None, None, 71, None, 0.0002833)  # nothing says so
    assert openai_usage(raw, reasoning_apart=True) == Usage(61, 106, 96, None, None, 71, None, 0.0002833)
