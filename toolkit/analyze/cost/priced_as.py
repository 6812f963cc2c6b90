"""Which model an interaction is priced as: decided here, once, for frames, lint and ``show``.

The requested model (request body, else URL path) is priced when the price table knows
it. When it does not, and the response names a model the table knows, that model is
priced instead, and the reason says so: an Azure deployment name, ``openrouter/auto``,
a Bedrock application inference profile or a fine-tune alias is a name for a model,
and the response says which. When neither is known the requested model is reported as
unknown (the response's when nothing was requested).
"""

from __future__ import annotations

from typing import NamedTuple

from toolkit.analyze.cost.lookup import UNPRICED, price_url
from toolkit.analyze.cost.price_index import PricedModel, find_priced_model, index_version
from toolkit.analyze.llm.route import Route
from toolkit.model import Url

__all__ = ["PricedAs", "priced_as"]

#: Model ids are short; a huge one is hostile input, not worth looking up.
_MAX_MODEL_ID = 256


class PricedAs(NamedTuple):
    """The model priced (or the one found unknown), its table entry, and why.

    ``reason`` is empty when the requested model is priced; otherwise it says why another
    model is priced, or why there is no price ("model 'x' is not in genai-prices 0.2.3").
    ``unknown``: there is no price because the table does not know the model (not because
    the model is not recorded or the server is a local one).
    """

    model: str | None
    entry: PricedModel | None
    reason: str
    unknown: bool = False


def priced_as(route: Route, response_model: str | None, url: Url) -> PricedAs:
    """The model ``route`` (with the response's ``response_model``) is priced as."""
    requested, served = _plausible(route.model), _plausible(response_model)
    model = requested or served
    if model is None:
        recorded = route.model or response_model
        return PricedAs(recorded, None, "the model is not recorded" if not recorded else "not a model id")
    if route.provider in UNPRICED:
        return PricedAs(model, None, UNPRICED[route.provider])
    where = price_url(url)
    entry = find_priced_model(model, route.provider, where)
    if entry is not None:
        return PricedAs(model, entry, "" if requested else "the model the response names (none requested)")
    if requested and served and served != requested:
        entry = find_priced_model(served, route.provider, where)
        if entry is not None:
            reason = f"priced as the model the response names: {requested[:80]!r} is not in the table"
            return PricedAs(served, entry, reason)
        neither = f"neither {requested[:80]!r} nor {served[:80]!r} is in genai-prices {index_version()}"
        return PricedAs(model, None, neither, unknown=True)
    return PricedAs(
        model, None, f"model {model[:80]!r} is not in genai-prices {index_version()}", unknown=True
    )


def _plausible(model: str | None) -> str | None:
    return model if model and len(model) <= _MAX_MODEL_ID else None
