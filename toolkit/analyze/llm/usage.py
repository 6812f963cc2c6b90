"""Each provider's usage object, normalised to ``Usage``.

The convention (OpenTelemetry GenAI, genai-prices): ``input_tokens`` includes
cache reads and cache writes; ``output_tokens`` includes reasoning tokens.
Providers differ in what they count where:

* OpenAI-compatible ``prompt_tokens`` already include cached tokens;
  ``completion_tokens`` include reasoning, except where reasoning is reported
  beside them: xAI (its ``total = prompt + completion + reasoning`` shows it)
  and Vercel's AI Gateway (whose total leaves reasoning out as well; its
  reported ``cost`` is what proves it: it bills completion + reasoning).
* Anthropic and Bedrock Converse report ``input_tokens`` *without* cache reads
  and writes: they are added.
* Gemini reports ``thoughtsTokenCount`` beside ``candidatesTokenCount`` and
  tool-use prompt tokens beside ``promptTokenCount``: they are added. Gemini (proto3
  JSON) omits counts that are zero, so a missing cache or thoughts count is zero.
* Perplexity reports reasoning and citation tokens beside ``completion_tokens``.

What is billed beside the tokens (audio and image tokens at their own prices, 1-hour
cache writes, server-side tool calls, seconds of audio, Cohere's billed units) goes in
``Usage.priced_units`` for the estimate.
"""

from __future__ import annotations

from typing import Any

from toolkit.analyze.llm.exchange import (
    PricedUnits,
    Usage,
    add_counts,
    add_units,
    as_cost,
    as_count,
    dig,
    units,
)
from toolkit.analyze.llm.tool_units import anthropic_tool_units, xai_tool_units

__all__ = [
    "anthropic_usage",
    "bedrock_header_usage",
    "bedrock_metrics_usage",
    "cohere_usage",
    "converse_usage",
    "gemini_usage",
    "interactions_usage",
    "openai_usage",
    "responses_usage",
    "transcription_usage",
]


#: Providers whose OpenAI-compatible ``completion_tokens`` never include the reasoning tokens.
REASONING_APART = frozenset({"xai", "vercel", "perplexity"})


def openai_usage(usage: Any, reasoning_apart: bool = False) -> Usage | None:
    """Chat Completions (and every OpenAI-compatible API) ``usage``.

    ``reasoning_apart``: the provider is known to report reasoning beside ``completion_tokens``;
    otherwise that is inferred from a total that counts them beside.
    """
    if not isinstance(usage, dict):
        return None
    prompt = as_count(usage.get("prompt_tokens"))
    completion = as_count(usage.get("completion_tokens"))
    total = as_count(usage.get("total_tokens"))
    reasoning = as_count(dig(usage, "completion_tokens_details", "reasoning_tokens"))
    apart = as_count(usage.get("reasoning_tokens"))  # Perplexity: priced apart from the output
    if reasoning is None:
        reasoning = apart
    output = completion
    if (
        completion is not None
        and reasoning
        and (reasoning_apart or _reported_beside(prompt, completion, reasoning, total))
    ):
        output = completion + reasoning
    citations = as_count(usage.get("citation_tokens"))  # Perplexity, beside completion_tokens
    if output is not None and citations:
        output += citations
    return Usage(
        input_tokens=prompt,
        output_tokens=output,
        reasoning_tokens=reasoning,
        cache_read_tokens=_first_count(
            dig(usage, "prompt_tokens_details", "cached_tokens"),
            usage.get("prompt_cache_hit_tokens"),  # DeepSeek
            usage.get("num_cached_tokens"),  # Mistral
            usage.get("cached_tokens"),
        ),
        cache_write_tokens=as_count(dig(usage, "prompt_tokens_details", "cache_write_tokens")),
        total_tokens=total,
        cost_ticks=as_count(usage.get("cost_in_usd_ticks")),
        reported_cost_usd=_reported_cost(usage),
        priced_units=_openai_units(usage, apart, citations),
    )


def _openai_units(usage: dict[str, Any], reasoning: int | None, citations: int | None) -> PricedUnits:
    return add_units(
        units(
            ("input_audio_tokens", dig(usage, "prompt_tokens_details", "audio_tokens")),
            ("output_audio_tokens", dig(usage, "completion_tokens_details", "audio_tokens")),
            ("output_reasoning_tokens", reasoning),
            ("output_citation_tokens", citations),
            ("web_searches", usage.get("num_search_queries")),  # Perplexity
        ),
        xai_tool_units(usage),
    )


def _reported_beside(prompt: int | None, completion: int, reasoning: int, total: int | None) -> bool:
    """Whether the total shows reasoning counted outside completion_tokens."""
    if prompt is None or total is None:
        return False
    return prompt + completion + reasoning == total and prompt + completion != total


def _reported_cost(usage: dict[str, Any]) -> float | None:
    """USD cost as reported: xAI ticks (1e-10 USD), else OpenRouter / Vercel ``cost``, else
    Perplexity's ``cost.total_cost``."""
    ticks = as_count(usage.get("cost_in_usd_ticks"))
    if ticks is not None:
        return ticks / 1e10
    return as_cost(usage.get("cost")) or as_cost(dig(usage, "cost", "total_cost"))


def _first_count(*values: Any) -> int | None:
    for value in values:
        count = as_count(value)
        if count is not None:
            return count
    return None


def responses_usage(usage: Any) -> Usage | None:
    """OpenAI Responses ``usage`` (input includes cached; output includes reasoning)."""
    if not isinstance(usage, dict):
        return None
    return Usage(
        input_tokens=as_count(usage.get("input_tokens")),
        output_tokens=as_count(usage.get("output_tokens")),
        reasoning_tokens=as_count(dig(usage, "output_tokens_details", "reasoning_tokens")),
        cache_read_tokens=as_count(dig(usage, "input_tokens_details", "cached_tokens")),
        cache_write_tokens=as_count(dig(usage, "input_tokens_details", "cache_write_tokens")),
        total_tokens=as_count(usage.get("total_tokens")),
        cost_ticks=as_count(usage.get("cost_in_usd_ticks")),
        reported_cost_usd=_reported_cost(usage),
        priced_units=add_units(
            units(
                ("input_image_tokens", dig(usage, "input_tokens_details", "image_tokens")),
                ("input_audio_tokens", dig(usage, "input_tokens_details", "audio_tokens")),
                ("output_image_tokens", dig(usage, "output_tokens_details", "image_tokens")),
            ),
            xai_tool_units(usage),
        ),
    )


def transcription_usage(usage: Any) -> Usage | None:
    """OpenAI audio ``usage``: ``{"type": "tokens", input_tokens, input_token_details ...}`` or
    ``{"type": "duration", "seconds": ...}`` (whisper-1, billed by the second)."""
    if not isinstance(usage, dict):
        return None
    if usage.get("type") == "duration" or ("seconds" in usage and "input_tokens" not in usage):
        return Usage(priced_units=units(("audio_seconds", usage.get("seconds"))))
    return Usage(
        input_tokens=as_count(usage.get("input_tokens")),
        output_tokens=as_count(usage.get("output_tokens")),
        total_tokens=as_count(usage.get("total_tokens")),
        priced_units=units(("input_audio_tokens", dig(usage, "input_token_details", "audio_tokens"))),
    )


def anthropic_usage(usage: Any) -> Usage | None:
    """Anthropic Messages ``usage``: cache reads and writes are added to the input."""
    if not isinstance(usage, dict):
        return None
    fresh = as_count(usage.get("input_tokens"))
    cache_read = as_count(usage.get("cache_read_input_tokens"))
    cache_write = as_count(usage.get("cache_creation_input_tokens"))
    return Usage(
        input_tokens=add_counts(fresh, cache_read, cache_write),
        output_tokens=as_count(usage.get("output_tokens")),
        reasoning_tokens=as_count(dig(usage, "output_tokens_details", "thinking_tokens")) or None,
        cache_read_tokens=cache_read,
        cache_write_tokens=cache_write,
        priced_units=add_units(
            units(
                # 1-hour cache writes cost 2x the input price, 5-minute ones 1.25x.
                ("cache_write_5m_tokens", dig(usage, "cache_creation", "ephemeral_5m_input_tokens")),
                ("cache_write_1h_tokens", dig(usage, "cache_creation", "ephemeral_1h_input_tokens")),
            ),
            anthropic_tool_units(usage),
        ),
    )


def gemini_usage(metadata: Any) -> Usage | None:
    """Gemini ``usageMetadata``: thoughts are added to the output, tool-use prompt to the input.

    Gemini omits a count that is zero (proto3 JSON), so with a prompt count reported, a
    missing candidates, cache or thoughts count is 0, not unknown.
    """
    if not isinstance(metadata, dict):
        return None
    prompt = as_count(metadata.get("promptTokenCount"))
    candidates = as_count(metadata.get("candidatesTokenCount"))
    thoughts = as_count(metadata.get("thoughtsTokenCount"))
    tool_prompt = as_count(metadata.get("toolUsePromptTokenCount"))
    cached = as_count(metadata.get("cachedContentTokenCount"))
    output = add_counts(candidates, thoughts)
    if prompt is not None:
        output, thoughts, cached = output or 0, thoughts or 0, cached or 0
    return Usage(
        input_tokens=add_counts(prompt, tool_prompt),
        output_tokens=output,
        reasoning_tokens=thoughts,
        cache_read_tokens=cached,
        total_tokens=as_count(metadata.get("totalTokenCount")),
        priced_units=add_units(
            _modalities("input", metadata.get("promptTokensDetails")),
            _modalities("output", metadata.get("candidatesTokensDetails")),
        ),
    )


def interactions_usage(usage: Any) -> Usage | None:
    """Gemini Interactions API ``usage``: ``total_*`` counts, read as ``usageMetadata``'s."""
    if not isinstance(usage, dict):
        return None
    return gemini_usage(
        {
            "promptTokenCount": usage.get("total_input_tokens"),
            "candidatesTokenCount": usage.get("total_output_tokens"),
            "thoughtsTokenCount": usage.get("total_thought_tokens"),
            "toolUsePromptTokenCount": usage.get("total_tool_use_tokens"),
            "cachedContentTokenCount": usage.get("total_cached_tokens"),
            "totalTokenCount": usage.get("total_tokens"),
        }
    )


_PRICED_MODALITIES = {"AUDIO": "audio", "IMAGE": "image", "VIDEO": "video"}


def _modalities(direction: str, details: Any) -> PricedUnits:
    """Gemini's ``[{modality, tokenCount}]``: audio, image and video tokens have prices of their own."""
    pairs = []
    for detail in details if isinstance(details, list) else ():
        kind = _PRICED_MODALITIES.get(str(dig(detail, "modality")))
        if kind is not None:
            pairs.append((f"{direction}_{kind}_tokens", dig(detail, "tokenCount")))
    return add_units(units(*pairs))


def converse_usage(usage: Any) -> Usage | None:
    """Bedrock Converse ``usage``: cache reads and writes are added to the input. Bedrock sends
    its cache counts only when the cache was used: with an input count, a missing one is 0."""
    if not isinstance(usage, dict):
        return None
    fresh = as_count(usage.get("inputTokens"))
    cache_read, cache_write = _zero_if_omitted(
        fresh, usage.get("cacheReadInputTokens"), usage.get("cacheWriteInputTokens")
    )
    return Usage(
        input_tokens=add_counts(fresh, cache_read, cache_write),
        output_tokens=as_count(usage.get("outputTokens")),
        cache_read_tokens=cache_read,
        cache_write_tokens=cache_write,
        total_tokens=as_count(usage.get("totalTokens")),
    )


def bedrock_metrics_usage(metrics: Any) -> Usage | None:
    """``amazon-bedrock-invocationMetrics`` of an invoke-with-response-stream final chunk."""
    if not isinstance(metrics, dict):
        return None
    fresh = as_count(metrics.get("inputTokenCount"))
    cache_read, cache_write = _zero_if_omitted(
        fresh, metrics.get("cacheReadInputTokenCount"), metrics.get("cacheWriteInputTokenCount")
    )
    return Usage(
        input_tokens=add_counts(fresh, cache_read, cache_write),
        output_tokens=as_count(metrics.get("outputTokenCount")),
        cache_read_tokens=cache_read,
        cache_write_tokens=cache_write,
    )


def _zero_if_omitted(reported: int | None, *counts: Any) -> tuple[int | None, ...]:
    """Counts a provider leaves out when they are zero: 0 when the call reports ``reported``."""
    return tuple(as_count(c) if c is not None or reported is None else 0 for c in counts)


_BEDROCK_HEADERS = {
    "input": "x-amzn-bedrock-input-token-count",
    "output": "x-amzn-bedrock-output-token-count",
    "cache_read": "x-amzn-bedrock-cache-read-input-token-count",
    "cache_write": "x-amzn-bedrock-cache-write-input-token-count",
}


def bedrock_header_usage(get_header: Any) -> Usage | None:
    """Bedrock's token-count response headers (used when the body reports none)."""
    counts = {name: as_count(get_header(header)) for name, header in _BEDROCK_HEADERS.items()}
    if counts["input"] is None and counts["output"] is None:
        return None
    counts["cache_read"], counts["cache_write"] = _zero_if_omitted(
        counts["input"], counts["cache_read"], counts["cache_write"]
    )
    return Usage(
        input_tokens=add_counts(counts["input"], counts["cache_read"], counts["cache_write"]),
        output_tokens=counts["output"],
        cache_read_tokens=counts["cache_read"],
        cache_write_tokens=counts["cache_write"],
        source="headers",
    )


def cohere_usage(document: Any) -> Usage | None:
    """Cohere v2 ``usage`` or v1 ``meta``: ``tokens`` if present, else ``billed_units``.

    Cohere bills ``billed_units``, not ``tokens`` (which count the prompt template it adds):
    the billed counts go to ``priced_units`` as ``input_tokens`` / ``output_tokens``.
    """
    holder = document.get("usage") or document.get("meta") if isinstance(document, dict) else None
    if not isinstance(holder, dict):
        return None
    tokens, billed = holder.get("tokens"), holder.get("billed_units")
    counts = tokens if isinstance(tokens, dict) else billed
    if not isinstance(counts, dict):
        return None
    return Usage(
        input_tokens=as_count(counts.get("input_tokens")),
        output_tokens=as_count(counts.get("output_tokens")),
        cache_read_tokens=as_count(holder.get("cached_tokens")),
        priced_units=_billed_tokens(billed) if isinstance(tokens, dict) else (),
    )


def _billed_tokens(billed: Any) -> PricedUnits:
    if not isinstance(billed, dict):
        return ()
    pairs = [
        ("input_tokens", as_count(billed.get("input_tokens"))),
        ("output_tokens", as_count(billed.get("output_tokens"))),
    ]
    return tuple((name, count) for name, count in pairs if count is not None)
