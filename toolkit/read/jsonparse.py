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
from functools import lru_cache
from typing import Any, NamedTuple

import orjson

__all__ = ["ParsedBody", "loads", "loads_object", "parse_body"]


def loads(text: str | bytes) -> Any:
    """Parse JSON text; raises ``ValueError`` (or ``RecursionError``) like ``json.loads``."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def loads_object(text: str) -> Any:
    """The JSON object ``text`` holds (a stream event's data), or None when it holds no object."""
    if not text.lstrip().startswith("{"):
        return None
    try:
        return loads(text)
    except (ValueError, RecursionError):
        return None


class ParsedBody(NamedTuple):
    """A body read as JSON: its value, or the error that stopped the parse (never both)."""

    value: Any = None
    error: Exception | None = None


#: Bodies up to this size are memoised (several readers parse the same body; a huge one is
#: parsed where needed rather than kept alive).
_MEMO_BYTES = 1 << 20


def parse_body(content: bytes) -> ParsedBody:
    """``content`` parsed as JSON, once: the LLM reading and the lint rules share the result.

    Callers must not modify the value. Content that does not start like JSON (after the
    whitespace some servers send first) is not parsed: its error is ``None`` and value ``None``.
    """
    if len(content) > _MEMO_BYTES:
        return _parse_body(content)
    return _memo(content)


def _parse_body(content: bytes) -> ParsedBody:
    if content.lstrip()[:1] not in (b"{", b"["):
        return ParsedBody()
    try:
        return ParsedBody(loads(content))
    except (ValueError, RecursionError) as error:
        return ParsedBody(error=error)


_memo = lru_cache(maxsize=128)(_parse_body)
