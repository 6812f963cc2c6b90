"""Estimated cost from the genai-prices price table (maintained, offline data).

``toolkit.analyze.cost.priced_as`` decides which table entry prices an interaction; this
module asks genai-prices for that entry's price of the usage, as it stood at the
recording time when the cassette has one. Beside the tokens it prices what the usage
reports in ``priced_units``: audio and image tokens at their own prices, 1-hour cache
writes, seconds of audio, server-side tool calls (from the provider's published prices,
``toolkit.analyze.cost.published``, where genai-prices has none), and Cohere's billed
units instead of its token counts. Batch results are priced at the batch rate.

``price_source`` names the table and entry, and then, separated by ``; ``, whatever the
reader should know: another model than the requested one was priced, the batch rate,
charges added from a published price, and the parts left unpriced. No guessing: an
unknown model has no estimate, and ``price_source`` says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import genai_prices
from genai_prices import Usage as PriceUsage
from genai_prices import calc_price
from genai_prices.data_units import unit_data

from toolkit.analyze.cost.price_index import PricedModel
from toolkit.analyze.cost.priced_as import PricedAs
from toolkit.analyze.cost.published import BATCH_DISCOUNT, UNIT_PRICES, UNIT_WORDS
from toolkit.analyze.llm.exchange import Usage
from toolkit.analyze.llm.tool_units import SERVER_TOOL_UNITS

__all__ = ["BATCH_APIS", "Estimate", "estimate_cost", "price_table"]

#: APIs whose responses are billed at the batch rate.
BATCH_APIS = frozenset({"batch.results", "files.content"})

#: Units billed per use, beside the tokens: reported as unpriced when no price covers them.
_CHARGES = SERVER_TOOL_UNITS | {"sources", "audio_seconds"}

#: Priced units that replace a token count (Cohere bills ``billed_units``).
_OVERRIDES = ("input_tokens", "output_tokens")


@dataclass(frozen=True, slots=True)
class Estimate:
    """An estimated cost in USD (None when there is no price) and where it came from."""

    cost_usd: float | None
    source: str


def price_table() -> str:
    """Name and version of the price table."""
    return f"genai-prices {genai_prices.__version__}"


def estimate_cost(usage: Usage, priced: PricedAs, api: str | None, when: datetime | None) -> Estimate:
    """The cost of ``usage`` for the model it is ``priced`` as, at ``when`` (now when unknown)."""
    entry = priced.entry
    if entry is None:
        return Estimate(None, f"no price: {priced.reason}")
    if not usage.has_tokens and not any(unit in _CHARGES for unit, _ in usage.priced_units):
        return Estimate(None, "no price: no token counts")
    batch = api in BATCH_APIS
    price = _calculate(usage, entry, when, batch)
    if price is None:
        return Estimate(None, f"no price: {price_table()} cannot price {entry.provider}/{entry.model}")
    notes = [priced.reason] if priced.reason else []
    batch_at = (when or datetime.now(UTC)) if batch else None
    total = float(price.total_price) * _batch_share(price, entry, batch_at, notes)
    total += _charges(usage, entry.provider, price.model_price, notes)
    source = "; ".join([f"{price_table()}: {entry.provider}/{price.model.id}", *notes])
    return Estimate(total, source)


def _calculate(usage: Usage, entry: PricedModel, when: datetime | None, batch: bool) -> Any:
    """genai-prices' price of the entry: with every priced unit, else with the tokens alone
    (a provider's details that do not add up must not cost the whole estimate)."""
    context = {"processing": "batch"} if batch else None
    for details in (True, False):
        try:
            return calc_price(
                _counts(usage, details),
                entry.ref,
                provider_id=entry.provider,
                genai_request_timestamp=when,
                price_context=context,
            )
        except (LookupError, ValueError):
            continue
    return None


def _counts(usage: Usage, details: bool) -> PriceUsage:
    counts: dict[str, float] = {
        "input_tokens": usage.input_tokens or 0,
        "output_tokens": usage.output_tokens or 0,
    }
    if usage.cache_read_tokens:
        counts["cache_read_tokens"] = usage.cache_read_tokens
    if usage.cache_write_tokens:
        counts["cache_write_tokens"] = usage.cache_write_tokens
    for unit, count in usage.priced_units:
        if unit in _OVERRIDES or (details and unit in unit_data):
            counts[unit] = count
    return PriceUsage(**counts)


def _batch_share(price: Any, entry: PricedModel, batch_at: datetime | None, notes: list[str]) -> float:
    """The share of genai-prices' total a batch at ``batch_at`` pays (1 when it is no batch, or
    when genai-prices priced the batch itself)."""
    if batch_at is None:
        return 1.0
    own = any(price.model is model for model in price.provider.models)
    if own and any(_is_batch_price(v, batch_at) for v in price.model.price_variants or ()):
        notes.append("batch price")
        return 1.0
    share = BATCH_DISCOUNT.get(entry.provider)
    if share is None:
        notes.append("standard price: no batch price known")
        return 1.0
    notes.append(f"batch: {share:.0%} of the standard price, as {entry.provider} publishes")
    return share


def _is_batch_price(variant: Any, when: datetime) -> bool:
    active = variant.constraint is None or variant.constraint.active(when)
    return bool(variant.when.get("processing") == "batch" and active)


def _charges(usage: Usage, provider: str, model_price: Any, notes: list[str]) -> float:
    """Per-use charges genai-prices did not price: added from a published price, else noted."""
    added, unpriced = 0.0, []
    for unit, count in usage.priced_units:
        if unit not in _CHARGES or _table_prices(unit, model_price):
            continue
        words = f"{count:g} {UNIT_WORDS.get(unit, unit)}"
        published = UNIT_PRICES.get((provider, unit))
        if published is None:
            unpriced.append(words)
            continue
        added += count * published
        notes.append(f"+{words} at {provider}'s published ${published * 1000:g}/1k")
    if unpriced:
        notes.append(f"unpriced: {', '.join(unpriced)}")
    return added


def _table_prices(unit: str, model_price: Any) -> bool:
    key = unit_data.get(unit, {}).get("price_key")
    return key is not None and getattr(model_price, key, None) is not None
