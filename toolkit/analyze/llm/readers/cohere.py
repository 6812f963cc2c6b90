"""Cohere chat (v1 and v2) and embed."""

from __future__ import annotations

from typing import Any

from toolkit.analyze.llm.exchange import ChunkInfo, Reading, dig
from toolkit.analyze.llm.usage import cohere_usage


def chat_body(reading: Reading, doc: Any) -> None:
    """A v2 (``message.content[]``) or v1 (``text``) chat response, or an embed response."""
    reading.set_usage(cohere_usage(doc))
    reading.set_finish(dig(doc, "finish_reason"))
    for part in dig(doc, "message", "content") or ():
        reading.add_text(dig(part, "text"))
    reading.add_text(dig(doc, "text"))
    for index, call in enumerate(dig(doc, "message", "tool_calls") or ()):
        reading.add_call(
            index, dig(call, "id"), dig(call, "function", "name"), dig(call, "function", "arguments")
        )


def chat_event(reading: Reading, name: str, doc: Any) -> ChunkInfo:
    """A v2 streaming event (``content-delta`` ... ``message-end`` with the usage), or a v1
    NDJSON event (``text-generation`` ... ``stream-end`` with the whole response)."""
    kind = dig(doc, "type") or dig(doc, "event_type")
    kind = kind if isinstance(kind, str) else name
    if kind == "message-end":
        reading.set_usage(cohere_usage(dig(doc, "delta")))
        reading.set_finish(dig(doc, "delta", "finish_reason"))
        return ChunkInfo(kind, "usage")
    if kind == "stream-end":
        reading.set_usage(cohere_usage(dig(doc, "response")))
        reading.set_finish(dig(doc, "finish_reason"))
        return ChunkInfo(kind, "usage")
    added = None
    if kind == "content-delta":
        added = reading.add_text(dig(doc, "delta", "message", "content", "text"))
    elif kind == "text-generation":
        added = reading.add_text(dig(doc, "text"))
    if added is not None:
        return ChunkInfo(kind, added.delta_kind, added.delta_text)
    return ChunkInfo(kind or None)


def generate_body(reading: Reading, doc: Any) -> None:
    """A v1 generate response: ``generations[]`` and ``meta``."""
    reading.set_usage(cohere_usage(doc))
    reading.add_text(dig(doc, "generations", 0, "text"))
    reading.set_finish(dig(doc, "generations", 0, "finish_reason"))


def generate_event(reading: Reading, _name: str, doc: Any) -> ChunkInfo:
    """A v1 generate NDJSON chunk; the last (``is_finished``) carries the whole response."""
    if dig(doc, "is_finished") is True:
        response = dig(doc, "response")
        reading.set_usage(cohere_usage(response))
        reading.set_finish(dig(doc, "finish_reason"))
        return ChunkInfo(None, "usage")
    added = reading.add_text(dig(doc, "text"))
    return ChunkInfo(None, added.delta_kind, added.delta_text) if added is not None else ChunkInfo()
