"""OpenAI audio: transcriptions, translations and speech.

A transcription reports ``usage`` in its body (tokens for the ``gpt-4o-*-transcribe``
models, ``{"type": "duration", "seconds"}`` for ``whisper-1``), or in the
``transcript.text.done`` event of a stream. Speech streamed as server-sent events
(``stream_format: "sse"``) ends with ``speech.audio.done`` and its ``usage``; speech
returned as audio bytes reports nothing. Translations report no usage.
"""

from __future__ import annotations

from typing import Any

from toolkit.analyze.llm.exchange import ChunkInfo, Reading, dig
from toolkit.analyze.llm.usage import transcription_usage

__all__ = ["audio_body", "audio_event"]

_DONE = ("transcript.text.done", "speech.audio.done")


def audio_body(reading: Reading, doc: Any) -> None:
    """A transcription or translation: ``text`` and, for transcriptions, ``usage``."""
    reading.add_text(dig(doc, "text"))
    reading.set_usage(transcription_usage(dig(doc, "usage")))


def audio_event(reading: Reading, name: str, doc: Any) -> ChunkInfo:
    """``transcript.text.delta`` adds text; the ``*.done`` events carry the usage."""
    kind = dig(doc, "type") if isinstance(dig(doc, "type"), str) else name
    if kind in _DONE:
        reading.set_usage(transcription_usage(dig(doc, "usage")))
        return ChunkInfo(kind, "usage")
    if kind == "transcript.text.delta":
        added = reading.add_text(dig(doc, "delta"))
        if added is not None:
            return ChunkInfo(kind, added.delta_kind, added.delta_text)
    return ChunkInfo(kind or None)
