"""OpenAI APIs and every OpenAI-compatible host: Chat Completions, Completions, Responses, embeddings."""

from __future__ import annotations

from typing import Any

from toolkit.analyze.llm.exchange import ChunkInfo, Reading, Usage, add_units, dig
from toolkit.analyze.llm.tool_units import responses_tool_units
from toolkit.analyze.llm.usage import REASONING_APART, openai_usage, responses_usage


def chat_body(reading: Reading, doc: Any) -> None:
    """A Chat Completions (or Completions) response body."""
    reading.set_model(dig(doc, "model"))
    reading.set_usage(openai_usage(dig(doc, "usage"), _apart(reading)))
    choice = dig(doc, "choices", 0)
    reading.set_finish(dig(choice, "finish_reason"))
    message = dig(choice, "message")
    if isinstance(message, dict):
        reading.add_text(message.get("content"))
        reading.add_reasoning(message.get("reasoning_content") or message.get("reasoning"))
        for index, call in enumerate(message.get("tool_calls") or ()):
            reading.add_call(
                index, dig(call, "id"), dig(call, "function", "name"), dig(call, "function", "arguments")
            )
    else:
        reading.add_text(dig(choice, "text"))  # legacy Completions


def chat_event(reading: Reading, _name: str, doc: Any) -> ChunkInfo:
    """One ``chat.completion.chunk``; the final ``include_usage`` chunk carries the usage.

    The hottest reader (every chunk of every chat stream), so it reads the dict directly.
    """
    if not isinstance(doc, dict):
        return ChunkInfo()
    kind = doc.get("object") or doc.get("type")
    info = ChunkInfo(kind if isinstance(kind, str) else None)
    reading.set_model(doc.get("model"))
    if doc.get("usage") or doc.get("x_groq"):
        usage = openai_usage(doc.get("usage"), _apart(reading)) or openai_usage(dig(doc, "x_groq", "usage"))
        if usage is not None and usage.has_tokens:
            reading.set_usage(usage)
            info = ChunkInfo(info.type, "usage")
    choices = doc.get("choices")
    choice = choices[0] if isinstance(choices, list) and choices else None
    if not isinstance(choice, dict):
        return info
    reading.set_finish(choice.get("finish_reason"))
    delta = choice.get("delta")
    if not isinstance(delta, dict):
        return _typed(info, reading.add_text(choice.get("text")))
    added = reading.add_text(delta.get("content")) or reading.add_reasoning(
        delta.get("reasoning_content") or delta.get("reasoning")
    )
    for call in delta.get("tool_calls") or ():
        index = dig(call, "index")
        added = reading.add_call(
            index if index is not None else dig(call, "id"),
            dig(call, "id"),
            dig(call, "function", "name"),
            dig(call, "function", "arguments"),
        )
    return _typed(info, added)


def responses_body(reading: Reading, doc: Any) -> None:
    """A Responses API response object (or a compaction, ``/responses/compact``)."""
    reading.set_model(dig(doc, "model"))
    reading.set_usage(_responses_usage(doc))
    reading.set_finish(dig(doc, "incomplete_details", "reason") or dig(doc, "status"))
    for item in dig(doc, "output") or ():
        kind = dig(item, "type")
        if kind == "message":
            for part in dig(item, "content") or ():
                reading.add_text(dig(part, "text"))
        elif kind == "reasoning":
            for part in (dig(item, "summary") or []) + (dig(item, "content") or []):
                reading.add_reasoning(dig(part, "text"))
        elif kind == "function_call":
            reading.add_call(
                dig(item, "call_id") or dig(item, "id"),
                dig(item, "call_id"),
                dig(item, "name"),
                dig(item, "arguments"),
            )


_RESPONSE_DONE = ("response.completed", "response.incomplete", "response.failed")


def responses_event(reading: Reading, name: str, doc: Any) -> ChunkInfo:
    """One Responses streaming event; ``response.completed`` carries the final usage."""
    kind = dig(doc, "type") if isinstance(dig(doc, "type"), str) else name
    info = ChunkInfo(type=kind)
    if kind in _RESPONSE_DONE or kind in ("response.created", "response.in_progress"):
        response = dig(doc, "response")
        reading.set_model(dig(response, "model"))
        if kind in _RESPONSE_DONE:
            reading.set_usage(_responses_usage(response))
            reading.set_finish(dig(response, "incomplete_details", "reason") or dig(response, "status"))
            return ChunkInfo(kind, "usage")
        return info
    delta = dig(doc, "delta")
    if kind == "response.output_text.delta":
        return _typed(info, reading.add_text(delta))
    if kind in ("response.reasoning_summary_text.delta", "response.reasoning_text.delta"):
        return _typed(info, reading.add_reasoning(delta))
    if kind == "response.output_item.added" and dig(doc, "item", "type") == "function_call":
        item = dig(doc, "item")
        return _typed(info, reading.add_call(dig(item, "id"), dig(item, "call_id"), dig(item, "name")))
    if kind == "response.function_call_arguments.delta":
        return _typed(info, reading.add_call(dig(doc, "item_id"), arguments=delta))
    return info


def _responses_usage(response: Any) -> Usage | None:
    """The response's ``usage``, with the billed tool calls among its output items."""
    usage = responses_usage(dig(response, "usage"))
    tools = responses_tool_units(dig(response, "output"))
    if usage is None or not tools:
        return usage
    return usage._replace(priced_units=add_units(usage.priced_units, tools))


def embeddings_body(reading: Reading, doc: Any) -> None:
    """Embeddings: input tokens only (OpenAI ``usage``, Voyage ``total_tokens``)."""
    reading.set_model(dig(doc, "model"))
    usage = openai_usage(dig(doc, "usage"))
    if usage is not None and usage.input_tokens is None and usage.total_tokens is not None:
        usage = type(usage)(input_tokens=usage.total_tokens, total_tokens=usage.total_tokens)
    reading.set_usage(usage)


def run_body(reading: Reading, doc: Any) -> None:
    """An Assistants run object (its ``usage`` is set once the run ends)."""
    reading.set_model(dig(doc, "model"))
    reading.set_usage(openai_usage(dig(doc, "usage")))
    reading.set_finish(dig(doc, "status"))


def run_event(reading: Reading, name: str, doc: Any) -> ChunkInfo:
    """Assistants streaming: ``thread.run.*`` events carry the run; message deltas the text."""
    if name.startswith("thread.run.") and dig(doc, "object") == "thread.run":
        run_body(reading, doc)
        return ChunkInfo(name, "usage" if dig(doc, "usage") else None)
    if name == "thread.message.delta":
        for part in dig(doc, "delta", "content") or ():
            added = reading.add_text(dig(part, "text", "value"))
            if added:
                return ChunkInfo(name, added.delta_kind, added.delta_text)
    return ChunkInfo(name or None)


def _apart(reading: Reading) -> bool:
    return reading.provider in REASONING_APART


def _typed(info: ChunkInfo, added: ChunkInfo | None) -> ChunkInfo:
    if added is None:
        return info
    return ChunkInfo(info.type, added.delta_kind, added.delta_text)
