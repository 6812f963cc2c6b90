"""Build the price index from the installed genai-prices (the only module here that imports it).

``toolkit.analyze.cost.index_cache`` calls ``build_index`` in a process that has already
imported genai-prices, and otherwise runs ``python -m toolkit.analyze.cost.index_build`` in
a child process, which prints the index as JSON.
"""

from __future__ import annotations

import json
import sys
from typing import Any

__all__ = ["Clause", "build_index"]

#: A genai-prices match clause as plain data (``{"starts_with": "gpt-4o"}``, ``{"or": [...]}``).
Clause = dict[str, Any]


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


if __name__ == "__main__":
    sys.stdout.write(json.dumps(build_index(), separators=(",", ":")))
