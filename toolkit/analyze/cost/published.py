"""Prices the genai-prices table does not carry, from the providers' published price lists.

Only what a provider publishes as a flat rate is here, each with its source; anything
else billed beside tokens is reported as unpriced in ``price_source``, never guessed.
Keys are genai-prices provider ids and usage-unit names (``toolkit.analyze.llm.tool_units``).
"""

from __future__ import annotations

__all__ = ["BATCH_DISCOUNT", "UNIT_PRICES", "UNIT_WORDS"]

#: USD per call of a server-side tool, where genai-prices has no price for the provider.
#: xAI: https://docs.x.ai/developers/pricing ("Tool Invocation Costs", per 1k calls:
#: web search $5, X search $5, code execution $5, attachment search $10, collections
#: (file) search $2.50).
UNIT_PRICES: dict[tuple[str, str], float] = {
    ("x-ai", "web_searches"): 5 / 1000,
    ("x-ai", "social_searches"): 5 / 1000,
    ("x-ai", "code_executions"): 5 / 1000,
    ("x-ai", "attachment_searches"): 10 / 1000,
    ("x-ai", "storage_searches"): 2.5 / 1000,
}

#: The share of the standard price a batch request costs, for models genai-prices has no
#: batch price for: 50% at OpenAI (platform.openai.com/docs/guides/batch), Anthropic
#: (docs.anthropic.com batch processing pricing), Google (ai.google.dev/gemini-api/docs/
#: batch-api) and xAI (docs.x.ai/developers/advanced-api-usage/batch-api).
BATCH_DISCOUNT: dict[str, float] = {"openai": 0.5, "anthropic": 0.5, "google": 0.5, "x-ai": 0.5}

#: How ``price_source`` names a unit's count.
UNIT_WORDS = {
    "web_searches": "web searches",
    "social_searches": "X searches",
    "code_executions": "code executions",
    "storage_searches": "file searches",
    "attachment_searches": "attachment searches",
    "mcp_calls": "MCP calls",
    "sources": "Live Search sources",
    "audio_seconds": "s of audio",
}
