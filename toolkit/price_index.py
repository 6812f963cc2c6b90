"""Which models the price table knows, without importing it: for the lint path.

The lint hook must start fast, so it cannot import genai-prices (its data
module alone is 1.6 MB). ``toolkit/data/price_index.json`` is a compact copy of
genai-prices' matching data (provider URL patterns, provider and model match
clauses, fallback providers), written by ``python -m toolkit.price_index`` and
checked by a test to match the installed genai-prices, both in content and in
every lookup the corpus makes. ``find_priced_model`` answers "would
``toolkit.pricing`` find a price?" the way genai-prices' own lookup does.

The lookup order is shared with ``toolkit.pricing``: the request URL, then our
provider name, then a gateway's upstream provider.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

__all__ = ["GATEWAYS", "PROVIDER_IDS", "UNPRICED", "PricedModel", "find_priced_model", "lookups"]

#: Our provider names where genai-prices uses another id (used when the URL does not match).
PROVIDER_IDS = {
    "xai": "x-ai",
    "bedrock": "aws",
    "vertex": "google",
    "anthropic-vertex": "anthropic",
    "voyage": "voyageai",
}

#: Gateways whose model ids are ``upstream/model``.
GATEWAYS = frozenset({"vercel", "openai-compatible"})

#: Providers whose traffic has no list price, and why.
UNPRICED = {
    "local": "a local model server",
    "ollama": "a local Ollama server",
}

Clause = dict[str, Any]


class PricedModel(NamedTuple):
    """The price table's provider and model for a model reference."""

    provider: str
    model: str


def lookups(model: str, provider: str | None, url: str) -> list[tuple[str, dict[str, str]]]:
    """Where to look ``model`` up, in order: the request URL, our provider, a gateway's upstream."""
    found: list[tuple[str, dict[str, str]]] = []
    if url.startswith("http"):
        found.append((model, {"provider_api_url": url}))
    if provider:
        found.append((model, {"provider_id": PROVIDER_IDS.get(provider, provider)}))
    upstream, _, upstream_model = model.partition("/")
    if provider in GATEWAYS and upstream_model:
        # Gateway model ids name the upstream provider: "anthropic/claude-sonnet-4".
        found.append((upstream_model, {"provider_id": PROVIDER_IDS.get(upstream, upstream)}))
    return found


@lru_cache(maxsize=4096)
def find_priced_model(model: str | None, provider: str | None, url: str) -> PricedModel | None:
    """The table entry ``toolkit.pricing`` would price ``model`` with, or None (memoised: a
    cassette repeats its model and URL, and the lookup walks every clause of the table)."""
    if not model or provider in UNPRICED:
        return None
    index = _index()
    for model_ref, where in lookups(model, provider, url):
        table_provider = _provider(index, where)
        if table_provider is not None:
            found = _find_model(index, table_provider, model_ref.lower())
            if found is not None:
                return PricedModel(table_provider["id"], found)
    return None


@cache
def _index() -> dict[str, Any]:
    text = resources.files("toolkit").joinpath("data/price_index.json").read_text(encoding="utf-8")
    index: dict[str, Any] = json.loads(text)
    return index


def _provider(index: dict[str, Any], where: dict[str, str]) -> dict[str, Any] | None:
    providers: list[dict[str, Any]] = index["providers"]
    if "provider_id" in where:
        wanted = where["provider_id"].lower().strip()
        by_id = (p for p in providers if p["id"] == wanted)
        by_match = (p for p in providers if p["provider_match"] and _matches(p["provider_match"], wanted))
        return next(by_id, None) or next(by_match, None)
    url = where["provider_api_url"]
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


def build_index() -> dict[str, Any]:
    """The index, from the installed genai-prices (imported here only)."""
    import genai_prices
    from genai_prices import data_snapshot

    providers = [
        {
            "id": p.id,
            "api_pattern": p.api_pattern,
            "provider_match": _clause(p.provider_match),
            "fallback_model_providers": list(p.fallback_model_providers or []),
            "models": [[m.id, _clause(m.match)] for m in p.models],
        }
        for p in data_snapshot.get_snapshot().providers
    ]
    return {"genai_prices": genai_prices.__version__, "providers": providers}


def _clause(clause: Any) -> Clause | None:
    if clause is None:
        return None
    for name, key in (("or_", "or"), ("and_", "and")):
        if hasattr(clause, name):
            return {key: [_clause(c) for c in getattr(clause, name)]}
    for key in ("equals", "starts_with", "ends_with", "contains", "regex"):
        if hasattr(clause, key):
            return {key: getattr(clause, key)}
    raise ValueError(f"unknown genai-prices clause {type(clause).__name__}")


def render_index() -> str:
    """The index file's text: stable key order, one provider per line block, for readable diffs."""
    return json.dumps(build_index(), indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    target = Path(__file__).parent / "data" / "price_index.json"
    target.write_text(render_index(), encoding="utf-8")
    sys.stdout.write(f"wrote {target.name}\n")
