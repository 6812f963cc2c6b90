"""Estimated cost from the genai-prices price table (maintained, offline data).

The model comes from the request (or URL path), the provider from the request
URL, and the price from the table as it stood at the recording time when the
cassette has one. No guessing: an unknown model has no estimate, and
``price_source`` says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import genai_prices
from genai_prices import Usage as PriceUsage
from genai_prices import calc_price

from toolkit.llm.exchange import Usage

__all__ = ["Estimate", "estimate_cost", "price_table"]

#: Our provider names where genai-prices uses another id (used when the URL does not match).
_PROVIDER_IDS = {
    "xai": "x-ai",
    "bedrock": "aws",
    "vertex": "google",
    "anthropic-vertex": "anthropic",
    "voyage": "voyageai",
}


#: Gateways whose model ids are ``upstream/model``.
_GATEWAYS = frozenset({"vercel", "openai-compatible"})

#: Providers whose traffic has no list price.
_UNPRICED = {
    "local": "a local model server",
    "ollama": "a local Ollama server",
}


@dataclass(frozen=True, slots=True)
class Estimate:
    """An estimated cost in USD (None when there is no price) and where it came from."""

    cost_usd: float | None
    source: str


def price_table() -> str:
    """Name and version of the price table."""
    return f"genai-prices {genai_prices.__version__}"


def estimate_cost(
    usage: Usage, model: str | None, provider: str | None, url: str, when: datetime | None
) -> Estimate:
    """The cost of ``usage`` for ``model``, priced as at ``when`` (now when unknown)."""
    if not model:
        return Estimate(None, "no price: the model is not recorded")
    if usage.input_tokens is None and usage.output_tokens is None:
        return Estimate(None, "no price: no token counts")
    if provider in _UNPRICED:
        return Estimate(None, f"no price: {_UNPRICED[provider]}")
    counts = PriceUsage(
        input_tokens=usage.input_tokens or 0,
        output_tokens=usage.output_tokens or 0,
        cache_read_tokens=usage.cache_read_tokens or None,
        cache_write_tokens=usage.cache_write_tokens or None,
    )
    for model_ref, where in _lookups(model, provider, url):
        try:
            price = calc_price(counts, model_ref, genai_request_timestamp=when, **where)  # type: ignore[call-overload]
        except (LookupError, ValueError):
            continue
        source = f"{price_table()}: {price.provider.id}/{price.model.id}"
        return Estimate(float(price.total_price), source)
    return Estimate(None, f"no price: model {model!r} is not in {price_table()}")


def _lookups(model: str, provider: str | None, url: str) -> list[tuple[str, dict[str, str]]]:
    """Where to look the model up, in order: the request URL, our provider, a gateway's upstream."""
    lookups: list[tuple[str, dict[str, str]]] = []
    if url.startswith("http"):
        lookups.append((model, {"provider_api_url": url}))
    if provider:
        lookups.append((model, {"provider_id": _PROVIDER_IDS.get(provider, provider)}))
    upstream, _, upstream_model = model.partition("/")
    if provider in _GATEWAYS and upstream_model:
        # Gateway model ids name the upstream provider: "anthropic/claude-sonnet-4".
        lookups.append((upstream_model, {"provider_id": _PROVIDER_IDS.get(upstream, upstream)}))
    return lookups
