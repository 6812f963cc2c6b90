"""Cohere chat (v1 and v2) and embed."""

from __future__ import annotations

from typing import Any

from toolkit.llm.exchange import ChunkInfo, Reading, dig
from toolkit.llm.usage import cohere_usage


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
    """A v2 streaming event (``content-delta`` ... ``message-end`` with the usage)."""
    kind = dig(doc, "type") if isinstance(dig(doc, "type"), str) else name
    if kind == "message-end":
        reading.set_usage(cohere_usage(dig(doc, "delta")))
        reading.set_finish(dig(doc, "delta", "finish_reason"))
        return ChunkInfo(kind, "usage")
    if kind == "content-delta":
        added = reading.add_text(dig(doc, "delta", "message", "content", "text"))
        if added is not None:
            return ChunkInfo(kind, added.delta_kind, added.delta_text)
    return ChunkInfo(kind or None)
