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

from toolkit.analyze.cost.price_index import UNPRICED, lookups
from toolkit.analyze.llm.exchange import Usage

__all__ = ["Estimate", "estimate_cost", "price_table"]


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
    if provider in UNPRICED:
        return Estimate(None, f"no price: {UNPRICED[provider]}")
    counts = PriceUsage(
        input_tokens=usage.input_tokens or 0,
        output_tokens=usage.output_tokens or 0,
        cache_read_tokens=usage.cache_read_tokens or None,
        cache_write_tokens=usage.cache_write_tokens or None,
    )
    for model_ref, where in lookups(model, provider, url):
        try:
            price = calc_price(counts, model_ref, genai_request_timestamp=when, **where)  # type: ignore[call-overload]
        except (LookupError, ValueError):
            continue
        source = f"{price_table()}: {price.provider.id}/{price.model.id}"
        return Estimate(float(price.total_price), source)
    return Estimate(None, f"no price: model {model!r} is not in {price_table()}")
