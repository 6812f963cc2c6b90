"""JSON parsing for the hot paths (every stream event, every body): orjson, with json's leniency.

orjson parses the small documents of a stream several times faster than the
standard library. Where it refuses what ``json.loads`` accepts (``NaN`` and
``Infinity`` literals), the standard parser decides. One difference remains,
on purpose: an integer beyond 64 bits is read as a float (checking every text
for such numbers would cost more than the parse). Cassettes hold token counts,
ids and text; no value the toolkit reads comes near that range.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

__all__ = ["loads"]


def loads(text: str | bytes) -> Any:
    """Parse JSON text; raises ``ValueError`` (or ``RecursionError``) like ``json.loads``."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)
