"""Gemini ``generateContent`` / ``streamGenerateContent`` (Gemini API and Vertex AI), and the
Interactions API (``/v1beta/interactions``).

Streamed chunks each carry the cumulative ``usageMetadata``: the last one wins. An
interaction reports its ``usage`` (``total_input_tokens`` ...) in the body, or in the
``interaction.complete(d)`` event of a stream.
"""

from __future__ import annotations

from typing import Any

from toolkit.analyze.llm.exchange import ChunkInfo, Reading, dig
from toolkit.analyze.llm.usage import gemini_usage, interactions_usage


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


def interactions_body(reading: Reading, doc: Any) -> None:
    """An Interactions API ``Interaction``: ``model``, ``status``, ``usage`` and the text of its
    ``outputs`` (or, with steps, of its ``model_output`` steps)."""
    reading.set_model(dig(doc, "model"))
    reading.set_usage(interactions_usage(dig(doc, "usage")))
    reading.set_finish(dig(doc, "status"))
    for output in dig(doc, "outputs") or ():
        if dig(output, "type") == "text":
            reading.add_text(dig(output, "text"))
    for step in dig(doc, "steps") or ():
        for content in dig(step, "content") or ():
            if dig(step, "type") == "model_output" and dig(content, "type") == "text":
                reading.add_text(dig(content, "text"))


_INTERACTION_EVENTS = (
    "interaction.start",
    "interaction.created",
    "interaction.complete",
    "interaction.completed",
)


def interactions_event(reading: Reading, name: str, doc: Any) -> ChunkInfo:
    """One streamed event: the interaction at its start and end (with the usage at the end),
    text in ``content.delta`` (or, with steps, ``step.delta``) events."""
    kind = dig(doc, "event_type") if isinstance(dig(doc, "event_type"), str) else name
    if kind in _INTERACTION_EVENTS:
        interaction = dig(doc, "interaction")
        reading.set_model(dig(interaction, "model"))
        usage = interactions_usage(dig(interaction, "usage"))
        reading.set_usage(usage)
        if kind.startswith("interaction.complete"):
            reading.set_finish(dig(interaction, "status"))
        return ChunkInfo(kind, "usage" if usage is not None else None)
    if kind in ("content.delta", "step.delta") and dig(doc, "delta", "type") == "text":
        added = reading.add_text(dig(doc, "delta", "text"))
        if added is not None:
            return ChunkInfo(kind, added.delta_kind, added.delta_text)
    return ChunkInfo(kind or None)
