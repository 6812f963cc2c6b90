"""API readers, one per API family: how to read a response body and each stream event.

The registry is explicit; ``toolkit.analyze.llm.route`` decides which API an
interaction belongs to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from toolkit.analyze.llm.exchange import ChunkInfo, Reading, dig
from toolkit.analyze.llm.readers import anthropic, bedrock, cohere, google, native, openai
from toolkit.analyze.llm.usage import cohere_usage, responses_usage

__all__ = ["READERS", "ApiReader"]


class ApiReader(NamedTuple):
    """``body`` reads a whole response; ``event`` one stream event (name, parsed payload)."""

    body: Callable[[Reading, Any], None]
    event: Callable[[Reading, str, Any], ChunkInfo]


def _embeddings_body(reading: Reading, doc: Any) -> None:
    openai.embeddings_body(reading, doc)
    if reading.usage is None:
        reading.set_usage(cohere_usage(doc))


def _images_body(reading: Reading, doc: Any) -> None:
    reading.set_usage(responses_usage(dig(doc, "usage")))


def _no_events(reading: Reading, name: str, doc: Any) -> ChunkInfo:
    return ChunkInfo(name or None)


_CHAT = ApiReader(openai.chat_body, openai.chat_event)

READERS: dict[str, ApiReader] = {
    "chat.completions": _CHAT,
    "completions": _CHAT,
    "responses": ApiReader(openai.responses_body, openai.responses_event),
    "embeddings": ApiReader(_embeddings_body, _no_events),
    "assistants.runs": ApiReader(openai.run_body, openai.run_event),
    "images": ApiReader(_images_body, _no_events),
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
