"""JSON parsing for the hot paths (every stream event, every body): orjson, with json's results.

orjson parses the small documents of a stream several times faster than the
standard library. Where the two could differ, the standard parser decides:
when orjson refuses the text (``NaN`` and ``Infinity`` literals, which
``json.loads`` accepts) and when the text holds a run of 19 or more digits
(orjson reads integers beyond 64 bits as floats). So results are exactly
those of ``json.loads``.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

__all__ = ["loads"]

_LONG_DIGITS = re.compile(r"\d{19}")
_LONG_DIGITS_BYTES = re.compile(rb"\d{19}")


def loads(text: str | bytes) -> Any:
    """Parse JSON text; raises ``ValueError`` (or ``RecursionError``) like ``json.loads``."""
    pattern = _LONG_DIGITS_BYTES if isinstance(text, bytes) else _LONG_DIGITS
    if pattern.search(text) is not None:  # type: ignore[arg-type]
        return json.loads(text)
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)
