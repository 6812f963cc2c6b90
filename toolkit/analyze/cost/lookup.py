"""Where a model is looked up in the price table: the one form every caller uses.

A lookup is a model reference and either the request URL (matched against each table
provider's API pattern) or a provider id. ``lookups`` lists them in the order they are
tried, for the cost estimate (``toolkit.analyze.cost.estimate``), the lint rule CT504 and
``cassette-toolkit show`` alike:

1. a gateway that names its upstream provider in the URL path prices by that provider
   (Pydantic AI Gateway ``/proxy/<provider>/``, Cloudflare AI Gateway
   ``/v1/<account>/<gateway>/<provider>/``);
2. the request URL, without its query (which may carry a key) or port;
3. our provider name, as the table's provider id;
4. a gateway's ``upstream/model`` id (Vercel, OpenRouter-style ids on unclaimed hosts).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from toolkit.model import Url

__all__ = ["GATEWAYS", "PROVIDER_IDS", "UNPRICED", "Lookup", "lookups", "price_url", "upstream_provider"]

#: Our provider names where genai-prices uses another id (used when the URL does not match).
PROVIDER_IDS = {
    "xai": "x-ai",
    "bedrock": "aws",
    "vertex": "google",
    "anthropic-vertex": "anthropic",
    "voyage": "voyageai",
}

#: Gateways whose model ids may be ``upstream/model``.
GATEWAYS = frozenset({"vercel", "openai-compatible", "pydantic-gateway", "cloudflare-ai-gateway"})

#: Providers whose traffic has no list price, and why.
UNPRICED = {
    "local": "a local model server",
    "ollama": "a local Ollama server",
}

#: Gateways that name the upstream provider in the URL path.
_UPSTREAM_IN_PATH = {
    "pydantic-gateway": re.compile(r"^/proxy/(?P<upstream>[^/]+)/"),
    "cloudflare-ai-gateway": re.compile(r"^/v1/[^/]+/[^/]+/(?P<upstream>[^/]+)/"),
}

#: Gateways' provider slugs where the price table uses another id.
_UPSTREAM_IDS = {
    "google-ai-studio": "google",
    "google-vertex-ai": "google",
    "google-vertex": "google",
    "gemini": "google",
    "aws-bedrock": "aws",
    "bedrock": "aws",
    "azure-openai": "azure",
    "perplexity-ai": "perplexity",
    "grok": "x-ai",
    "xai": "x-ai",
    "workers-ai": "cloudflare",
}


class Lookup(NamedTuple):
    """One place to look a model up: ``url`` (matched to API patterns) or ``provider_id``."""

    model: str
    provider_id: str | None = None
    url: str | None = None


def price_url(url: Url) -> str:
    """The request URL as the price table matches it: scheme, host and path (no query, no port)."""
    return f"{url.scheme}://{url.host}{url.path}"


def upstream_provider(provider: str | None, path: str) -> str | None:
    """The table's provider id of the upstream a gateway URL path names, or None."""
    pattern = _UPSTREAM_IN_PATH.get(provider or "")
    match = pattern.match(path) if pattern is not None else None
    if match is None:
        return None
    return _table_id(match.group("upstream").lower())


def lookups(model: str, provider: str | None, url: str) -> list[Lookup]:
    """Where to look ``model`` up, in order (see the module docstring); ``url`` as ``price_url``."""
    found: list[Lookup] = []
    upstream = upstream_provider(provider, _path_of(url))
    if upstream is not None:
        found.append(Lookup(model, provider_id=upstream))
    if url.startswith("http"):
        found.append(Lookup(model, url=url))
    if provider:
        found.append(Lookup(model, provider_id=PROVIDER_IDS.get(provider, provider)))
    prefix, _, upstream_model = model.partition("/")
    if provider in GATEWAYS and upstream_model:
        # Gateway model ids name the upstream provider: "anthropic/claude-sonnet-4".
        found.append(Lookup(upstream_model, provider_id=_table_id(prefix)))
    return found


def _table_id(slug: str) -> str:
    """The price table's id of a provider named by a gateway (or by us)."""
    return _UPSTREAM_IDS.get(slug, PROVIDER_IDS.get(slug, slug))


def _path_of(url: str) -> str:
    _, _, rest = url.partition("://")
    return "/" + rest.partition("/")[2] if rest else ""
