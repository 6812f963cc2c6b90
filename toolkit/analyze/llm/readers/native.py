"""Providers' own APIs that are neither OpenAI- nor Anthropic-shaped: Ollama's ``/api/chat`` and
``/api/generate``, Cloudflare Workers AI's ``/ai/run``, IBM watsonx text generation, and Cody's
completions on a Sourcegraph instance."""

from __future__ import annotations

from typing import Any

from toolkit.analyze.llm.exchange import ChunkInfo, Reading, dig
from toolkit.analyze.llm.usage import openai_usage


def _delta(before: int, reading: Reading) -> ChunkInfo:
    text = "".join(reading.text[before:])
    return ChunkInfo(None, "text", text) if text else ChunkInfo(None)


def ollama_body(reading: Reading, doc: Any) -> None:
    """A whole response or one NDJSON chunk: ``message.content`` (chat) or ``response`` (generate)."""
    reading.set_model(dig(doc, "model"))
    reading.add_text(dig(doc, "message", "content"))
    reading.add_text(dig(doc, "response"))
    reading.set_finish(dig(doc, "done_reason"))
    usage = openai_usage(
        {"prompt_tokens": dig(doc, "prompt_eval_count"), "completion_tokens": dig(doc, "eval_count")}
    )
    reading.set_usage(usage)


def ollama_event(reading: Reading, _name: str, doc: Any) -> ChunkInfo:
    before = len(reading.text)
    ollama_body(reading, doc)
    return _delta(before, reading)


def workers_ai_body(reading: Reading, doc: Any) -> None:
    """``{"result": {"response": ..., "usage": ...}}`` (the API envelope), or one stream event."""
    result = dig(doc, "result")
    workers_ai_event(reading, "", result if isinstance(result, dict) else doc)


def workers_ai_event(reading: Reading, _name: str, doc: Any) -> ChunkInfo:
    before = len(reading.text)
    reading.add_text(dig(doc, "response"))
    usage = openai_usage(dig(doc, "usage"))
    if usage is not None and usage.has_tokens:
        reading.set_usage(usage)
        return ChunkInfo(None, "usage")
    return _delta(before, reading)


def watsonx_body(reading: Reading, doc: Any) -> None:
    """Text generation: ``results[0]`` with the text, both token counts and the stop reason."""
    watsonx_event(reading, "", doc)


def watsonx_event(reading: Reading, _name: str, doc: Any) -> ChunkInfo:
    before = len(reading.text)
    reading.set_model(dig(doc, "model_id"))
    result = dig(doc, "results", 0)
    reading.add_text(dig(result, "generated_text"))
    reason = dig(result, "stop_reason")
    if reason != "not_finished":
        reading.set_finish(reason)
    usage = openai_usage(
        {
            "prompt_tokens": dig(result, "input_token_count") or None,
            "completion_tokens": dig(result, "generated_token_count"),
        }
    )
    if usage is not None and usage.input_tokens is not None:  # the counts are complete at the end
        reading.set_usage(usage)
    return _delta(before, reading)


def cody_body(reading: Reading, doc: Any) -> None:
    """A non-streamed Cody completion: ``completion`` and ``stopReason``."""
    reading.add_text(dig(doc, "completion"))
    reading.set_finish(dig(doc, "stopReason"))


def cody_event(reading: Reading, name: str, doc: Any) -> ChunkInfo:
    """``event: completion`` with ``deltaText`` (API version 1 and later) and the ``stopReason``."""
    reading.set_finish(dig(doc, "stopReason"))
    added = reading.add_text(dig(doc, "deltaText"))
    if added is not None:
        return ChunkInfo(name or None, added.delta_kind, added.delta_text)
    return ChunkInfo(name or None)
