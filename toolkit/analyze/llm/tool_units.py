"""Server-side tool calls a provider bills per call, as priced units (``exchange.PricedUnits``).

Token counts do not cover them: xAI bills each web, X, code and collections search
(``server_side_tool_usage``, and sources of its older Live Search, ``num_sources_used``),
Anthropic each web search (``server_tool_use.web_search_requests``; web fetches are free),
OpenAI each ``web_search_call`` and ``file_search_call`` of a Responses output. The unit
names are genai-prices' where it has one (``web_searches``, ``social_searches``,
``code_executions``, ``storage_searches``); the others are priced from the provider's
published prices, or reported as unpriced (``toolkit.analyze.cost.published``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from toolkit.analyze.llm.exchange import PricedUnits, add_units, dig, units

__all__ = ["SERVER_TOOL_UNITS", "anthropic_tool_units", "responses_tool_units", "xai_tool_units"]

#: Tool names as providers report them, to the unit each call is billed in.
_TOOL_UNIT = {
    "web_search": "web_searches",
    "x_search": "social_searches",
    "code_execution": "code_executions",
    "code_interpreter": "code_executions",
    "file_search": "storage_searches",
    "collections_search": "storage_searches",
    "document_search": "storage_searches",
    "attachment_search": "attachment_searches",
    "mcp": "mcp_calls",
}

#: Units that count server-side tool calls (the usage frame's ``server_tool_calls``).
SERVER_TOOL_UNITS = frozenset(_TOOL_UNIT.values())

#: Responses API output items that are billed server-side tool calls.
_RESPONSES_ITEMS = {"web_search_call": "web_searches", "file_search_call": "storage_searches"}


def xai_tool_units(usage: dict[str, Any]) -> PricedUnits:
    """xAI ``server_side_tool_usage`` (a map of tool to count, or a list of tool names),
    ``server_side_tool_usage_details`` (``web_search_calls`` ...) and ``num_sources_used``."""
    found = _named_counts(usage.get("server_side_tool_usage"))
    if not found:
        details = usage.get("server_side_tool_usage_details")
        if isinstance(details, dict):
            found = _named_counts({k.removesuffix("_calls"): v for k, v in details.items()})
    return add_units(found, units(("sources", usage.get("num_sources_used"))))


def anthropic_tool_units(usage: dict[str, Any]) -> PricedUnits:
    """Anthropic ``server_tool_use.web_search_requests``."""
    return units(("web_searches", dig(usage, "server_tool_use", "web_search_requests")))


def responses_tool_units(output: Any) -> PricedUnits:
    """Billed tool calls among a Responses output's items."""
    names = (_RESPONSES_ITEMS.get(dig(item, "type") or "") for item in output or ())
    return add_units(*[((name, 1),) for name in names if name is not None])


def _named_counts(value: Any) -> PricedUnits:
    if isinstance(value, list):
        value = Counter(name for name in value if isinstance(name, str))
    if not isinstance(value, dict):
        return ()
    pairs = []
    for name, count in value.items():
        tool = str(name).lower().removeprefix("server_side_tool_")
        pairs.append((_TOOL_UNIT.get(tool, f"{tool}_calls"), count))
    return add_units(units(*pairs))
