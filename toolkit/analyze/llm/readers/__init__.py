"""API readers, one per API family: how to read a response body and each stream event.

The registry is explicit; ``toolkit.analyze.llm.route`` decides which API an
interaction belongs to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from toolkit.analyze.llm.exchange import ChunkInfo, Reading, Usage, as_count, dig
from toolkit.analyze.llm.readers import anthropic, audio, batch, bedrock, cohere, google, native, openai
from toolkit.analyze.llm.usage import cohere_usage, gemini_usage, responses_usage

__all__ = ["READERS", "ApiReader"]


class ApiReader(NamedTuple):
    """``body`` reads a whole response; ``event`` one stream event (name, parsed payload)."""

    body: Callable[[Reading, Any], None]
    event: Callable[[Reading, str, Any], ChunkInfo]


def _embeddings_body(reading: Reading, doc: Any) -> None:
    """OpenAI-shaped ``usage``, else Cohere's ``meta``, Gemini's ``usageMetadata``
    (``batchEmbedContents``) or Ollama's ``prompt_eval_count`` (``/api/embed``)."""
    openai.embeddings_body(reading, doc)
    if reading.usage is None:
        reading.set_usage(cohere_usage(doc))
    if reading.usage is None:
        gemini = gemini_usage(dig(doc, "usageMetadata"))
        if gemini is not None:
            reading.set_usage(gemini._replace(output_tokens=None, reasoning_tokens=None))
    if reading.usage is None:
        reading.set_usage(Usage(input_tokens=as_count(dig(doc, "prompt_eval_count"))))


def _images_body(reading: Reading, doc: Any) -> None:
    """OpenAI's ``usage`` (gpt-image models: text and image tokens), xAI's ``cost_in_usd_ticks``."""
    reading.set_usage(responses_usage(dig(doc, "usage")))


def _images_event(reading: Reading, name: str, doc: Any) -> ChunkInfo:
    """Streamed image generation: the ``*.completed`` event carries the usage."""
    kind = dig(doc, "type") if isinstance(dig(doc, "type"), str) else name
    if kind in ("image_generation.completed", "image_edit.completed"):
        reading.set_usage(responses_usage(dig(doc, "usage")))
        return ChunkInfo(kind, "usage")
    return ChunkInfo(kind or None)


def _no_events(reading: Reading, name: str, doc: Any) -> ChunkInfo:
    return ChunkInfo(name or None)


_CHAT = ApiReader(openai.chat_body, openai.chat_event)

READERS: dict[str, ApiReader] = {
    "chat.completions": _CHAT,
    "completions": _CHAT,
    "responses": ApiReader(openai.responses_body, openai.responses_event),
    "embeddings": ApiReader(_embeddings_body, _no_events),
    "assistants.runs": ApiReader(openai.run_body, openai.run_event),
    "images": ApiReader(_images_body, _images_event),
    "audio": ApiReader(audio.audio_body, audio.audio_event),
    "batch.results": ApiReader(batch.batch_body, batch.batch_event),
    "files.content": ApiReader(batch.batch_body, batch.batch_event),
    "gemini.interactions": ApiReader(google.interactions_body, google.interactions_event),
    "messages": ApiReader(anthropic.messages_body, anthropic.messages_event),
    "generate_content": ApiReader(google.generate_body, google.generate_event),
    "converse": ApiReader(bedrock.converse_body, bedrock.converse_event),
    "invoke": ApiReader(bedrock.invoke_body, bedrock.invoke_event),
    "cohere.chat": ApiReader(cohere.chat_body, cohere.chat_event),
    "cohere.generate": ApiReader(cohere.generate_body, cohere.generate_event),
    "ollama.chat": ApiReader(native.ollama_body, native.ollama_event),
    "ollama.generate": ApiReader(native.ollama_body, native.ollama_event),
    "workers-ai.run": ApiReader(native.workers_ai_body, native.workers_ai_event),
    "watsonx.generation": ApiReader(native.watsonx_body, native.watsonx_event),
    "cody.completions": ApiReader(native.cody_body, native.cody_event),
}
