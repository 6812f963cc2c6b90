"""Which models the price table knows, without importing it: the one lookup every caller uses.

The index is a compact copy of the installed genai-prices' matching data (provider URL
patterns, provider and model match clauses, fallback providers), built and cached by
``toolkit.analyze.cost.index_cache``. ``find_priced_model`` answers "which table entry
prices this model?" the way genai-prices' own lookup does; the estimate then asks
genai-prices for the price of exactly that entry, so lint (CT504), ``show`` and the
frames never disagree about whether, or as what, a model is priced."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from toolkit.analyze.cost.index_cache import cached_index
from toolkit.analyze.cost.lookup import UNPRICED, Lookup, lookups

__all__ = ["PricedModel", "find_priced_model", "index_version"]

Clause = dict[str, Any]


class PricedModel(NamedTuple):
    """The price table's provider and model for a model reference, and the reference that matched."""

    provider: str
    model: str
    ref: str


def index_version() -> str:
    """The genai-prices version the index was built from."""
    return str(cached_index()["genai_prices"])


@lru_cache(maxsize=4096)
def find_priced_model(model: str | None, provider: str | None, url: str) -> PricedModel | None:
    """The table entry that prices ``model`` (``url`` as ``lookup.price_url`` gives it), or None
    (memoised: a cassette repeats its model and URL, and the lookup walks every clause)."""
    if not model or provider in UNPRICED:
        return None
    index = cached_index()
    for lookup in lookups(model, provider, url):
        table_provider = _provider(index, lookup)
        if table_provider is not None:
            found = _find_model(index, table_provider, lookup.model.lower())
            if found is not None:
                return PricedModel(table_provider["id"], found, lookup.model)
    return None


def _provider(index: dict[str, Any], lookup: Lookup) -> dict[str, Any] | None:
    providers: list[dict[str, Any]] = index["providers"]
    if lookup.provider_id is not None:
        wanted = lookup.provider_id.lower().strip()
        by_id = (p for p in providers if p["id"] == wanted)
        by_match = (p for p in providers if p["provider_match"] and _matches(p["provider_match"], wanted))
        return next(by_id, None) or next(by_match, None)
    url = lookup.url or ""
    return next((p for p in providers if re.match(p["api_pattern"], url)), None)


def _find_model(index: dict[str, Any], provider: dict[str, Any], model_ref: str) -> str | None:
    found = _match_model(index, provider, model_ref, fallback=True)
    if found is None:
        normalised = _COMPACT_DATE.sub(_dashed_date, model_ref)
        if normalised != model_ref:
            found = _match_model(index, provider, normalised, fallback=True)
    return found


def _match_model(
    index: dict[str, Any], provider: dict[str, Any], model_ref: str, fallback: bool
) -> str | None:
    for model_id, clause in provider["models"]:
        if _matches(clause, model_ref):
            return str(model_id)
    if fallback:
        for fallback_id in provider["fallback_model_providers"] or ():
            other = next((p for p in index["providers"] if p["id"] == fallback_id), None)
            if other is not None:
                found = _match_model(index, other, model_ref, fallback=False)
                if found is not None:
                    return found
    return None


def _matches(clause: Clause, text: str) -> bool:
    """genai-prices' match clauses, evaluated the same way (case-insensitive except regexes)."""
    kind, value = next(iter(clause.items()))
    lowered = text.lower()
    if kind == "or":
        return any(_matches(c, text) for c in value)
    if kind == "and":
        return all(_matches(c, text) for c in value)
    if kind == "regex":
        return re.search(value, text) is not None
    needle = str(value).lower()
    return {
        "equals": lowered == needle,
        "starts_with": lowered.startswith(needle),
        "ends_with": lowered.endswith(needle),
        "contains": needle in lowered,
    }[kind]


_COMPACT_DATE = re.compile(r"(-)(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=-|:|$)")


def _dashed_date(match: re.Match[str]) -> str:
    """``-20251211`` → ``-2025-12-11``, as genai-prices retries compact dated references."""
    year, month, day = (int(match.group(i)) for i in range(2, 5))
    try:
        date(year, month, day)
    except ValueError:
        return match.group(0)
    return f"{match.group(1)}{year:04d}-{month:02d}-{day:02d}"
