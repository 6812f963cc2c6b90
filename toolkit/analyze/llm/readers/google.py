"""Gemini ``generateContent`` / ``streamGenerateContent`` (Gemini API and Vertex AI).

Streamed chunks each carry the cumulative ``usageMetadata``: the last one wins.
"""

from __future__ import annotations

from typing import Any

from toolkit.analyze.llm.exchange import ChunkInfo, Reading, dig
from toolkit.analyze.llm.usage import gemini_usage


def generate_body(reading: Reading, doc: Any) -> None:
    """A whole response, or one streamed chunk (same shape)."""
    generate_event(reading, "", doc)


def generate_event(reading: Reading, _name: str, doc: Any) -> ChunkInfo:
    reading.set_model(dig(doc, "modelVersion"))
    usage = gemini_usage(dig(doc, "usageMetadata"))
    reading.set_usage(usage)
    candidate = dig(doc, "candidates", 0)
    reading.set_finish(dig(candidate, "finishReason"))
    added: ChunkInfo | None = None
    for part in dig(candidate, "content", "parts") or ():
        if dig(part, "functionCall") is not None:
            call = dig(part, "functionCall")
            key = dig(call, "id") or f"{dig(call, 'name')}#{len(reading.calls)}"
            added = reading.add_call(key, dig(call, "id"), dig(call, "name"), dig(call, "args") or {})
        elif dig(part, "thought") is True:
            added = reading.add_reasoning(dig(part, "text")) or added
        else:
            added = reading.add_text(dig(part, "text")) or added
    if added is not None:
        return ChunkInfo(None, added.delta_kind, added.delta_text)
    return ChunkInfo(None, "usage" if usage is not None else None)
