"""Anthropic Messages: direct, on Vertex (rawPredict) and on Bedrock (invoke)."""

from __future__ import annotations

from typing import Any

from toolkit.analyze.llm.exchange import ChunkInfo, Reading, dig
from toolkit.analyze.llm.usage import anthropic_usage


def messages_body(reading: Reading, doc: Any) -> None:
    """A Messages response: content blocks, ``stop_reason`` and ``usage``."""
    reading.set_model(dig(doc, "model"))
    reading.set_usage(anthropic_usage(dig(doc, "usage")))
    reading.set_finish(dig(doc, "stop_reason"))
    for index, block in enumerate(dig(doc, "content") or ()):
        kind = dig(block, "type")
        if kind == "text":
            reading.add_text(dig(block, "text"))
        elif kind == "thinking":
            reading.add_reasoning(dig(block, "thinking"))
        elif kind in ("tool_use", "server_tool_use"):
            reading.add_call(index, dig(block, "id"), dig(block, "name"), dig(block, "input"))


def messages_event(reading: Reading, name: str, doc: Any) -> ChunkInfo:
    """One streaming event. Usage: ``message_start`` gives the input side, each
    ``message_delta`` the cumulative output (and, lately, the input again): merge, never add."""
    kind = dig(doc, "type") if isinstance(dig(doc, "type"), str) else name
    if kind == "message_start":
        message = dig(doc, "message")
        reading.set_model(dig(message, "model"))
        _merge_usage(reading, dig(message, "usage"))
        return ChunkInfo(kind, "usage")
    if kind == "message_delta":
        reading.set_finish(dig(doc, "delta", "stop_reason"))
        _merge_usage(reading, dig(doc, "usage"))
        return ChunkInfo(kind, "usage")
    if kind == "content_block_start":
        block = dig(doc, "content_block")
        if dig(block, "type") in ("tool_use", "server_tool_use"):
            added = reading.add_call(dig(doc, "index"), dig(block, "id"), dig(block, "name"))
            return ChunkInfo(kind, added.delta_kind, added.delta_text)
        return ChunkInfo(kind)
    if kind == "content_block_delta":
        return _delta(reading, kind, doc)
    return ChunkInfo(kind or None)


def _delta(reading: Reading, kind: str, doc: Any) -> ChunkInfo:
    delta = dig(doc, "delta")
    delta_type = dig(delta, "type")
    added: ChunkInfo | None = None
    if delta_type == "text_delta":
        added = reading.add_text(dig(delta, "text"))
    elif delta_type == "thinking_delta":
        added = reading.add_reasoning(dig(delta, "thinking"))
    elif delta_type == "input_json_delta":
        added = reading.add_call(dig(doc, "index"), arguments=dig(delta, "partial_json") or "")
    if added is None:
        return ChunkInfo(kind)
    return ChunkInfo(kind, added.delta_kind, added.delta_text)


def _merge_usage(reading: Reading, usage: Any) -> None:
    """Fields of a later report replace the same fields of earlier ones; the rest stay."""
    if isinstance(usage, dict):
        reading.raw_usage.update({k: v for k, v in usage.items() if v is not None})
        reading.set_usage(anthropic_usage(reading.raw_usage))
