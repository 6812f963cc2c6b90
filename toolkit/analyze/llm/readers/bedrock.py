"""Amazon Bedrock: Converse / ConverseStream, and InvokeModel (with response stream).

InvokeModel bodies are the model family's own format: Anthropic Messages for
Claude, otherwise Titan, Llama, Cohere or Mistral shapes. Streamed invoke
chunks end with ``amazon-bedrock-invocationMetrics`` carrying the token counts.
"""

from __future__ import annotations

from typing import Any

from toolkit.analyze.llm.exchange import ChunkInfo, Reading, Usage, add_counts, as_count, dig
from toolkit.analyze.llm.readers.anthropic import messages_body, messages_event
from toolkit.analyze.llm.usage import bedrock_metrics_usage, converse_usage


def converse_body(reading: Reading, doc: Any) -> None:
    """A Converse response."""
    reading.set_usage(converse_usage(dig(doc, "usage")))
    reading.set_finish(dig(doc, "stopReason"))
    for index, block in enumerate(dig(doc, "output", "message", "content") or ()):
        reading.add_text(dig(block, "text"))
        reading.add_reasoning(dig(block, "reasoningContent", "reasoningText", "text"))
        tool = dig(block, "toolUse")
        if tool is not None:
            reading.add_call(index, dig(tool, "toolUseId"), dig(tool, "name"), dig(tool, "input"))


def converse_event(reading: Reading, name: str, doc: Any) -> ChunkInfo:
    """One ConverseStream event; its type is the event-stream ``:event-type`` header."""
    if name == "metadata":
        reading.set_usage(converse_usage(dig(doc, "usage")))
        return ChunkInfo(name, "usage")
    if name == "messageStop":
        reading.set_finish(dig(doc, "stopReason"))
    elif name == "contentBlockStart":
        tool = dig(doc, "start", "toolUse")
        if tool is not None:
            start = reading.add_call(dig(doc, "contentBlockIndex"), dig(tool, "toolUseId"), dig(tool, "name"))
            return ChunkInfo(name, start.delta_kind, start.delta_text)
    elif name == "contentBlockDelta":
        delta = dig(doc, "delta")
        added = reading.add_text(dig(delta, "text")) or reading.add_reasoning(
            dig(delta, "reasoningContent", "text")
        )
        if added is None and dig(delta, "toolUse") is not None:
            added = reading.add_call(dig(doc, "contentBlockIndex"), arguments=dig(delta, "toolUse", "input"))
        if added is not None:
            return ChunkInfo(name, added.delta_kind, added.delta_text)
    return ChunkInfo(name or None)


def invoke_body(reading: Reading, doc: Any) -> None:
    """An InvokeModel response in the model family's own format."""
    if dig(doc, "type") == "message" or isinstance(dig(doc, "content"), list):
        messages_body(reading, doc)
        return
    reading.set_usage(_family_usage(doc))
    reading.add_text(
        dig(doc, "results", 0, "outputText")
        or dig(doc, "generation")
        or dig(doc, "generations", 0, "text")
        or dig(doc, "outputs", 0, "text")
        or dig(doc, "completion")
    )
    reading.set_finish(
        dig(doc, "results", 0, "completionReason")
        or dig(doc, "stop_reason")
        or dig(doc, "generations", 0, "finish_reason")
        or dig(doc, "outputs", 0, "stop_reason")
    )


def invoke_event(reading: Reading, name: str, doc: Any) -> ChunkInfo:
    """One chunk of InvokeModelWithResponseStream (the inner JSON of a ``chunk`` event)."""
    metrics = dig(doc, "amazon-bedrock-invocationMetrics")
    info = ChunkInfo(dig(doc, "type") if isinstance(dig(doc, "type"), str) else name or None)
    if isinstance(dig(doc, "type"), str):
        info = messages_event(reading, name, doc)
    else:
        added = reading.add_text(
            dig(doc, "outputText") or dig(doc, "generation") or dig(doc, "text") or dig(doc, "completion")
        )
        reading.set_finish(
            dig(doc, "completionReason") or dig(doc, "stop_reason") or dig(doc, "finish_reason")
        )
        if added is not None:
            info = ChunkInfo(info.type, added.delta_kind, added.delta_text)
    if metrics is not None:
        reading.set_usage(bedrock_metrics_usage(metrics))
        return ChunkInfo(info.type, "usage")
    return info


def _family_usage(doc: Any) -> Usage | None:
    """Usage fields of the non-Anthropic InvokeModel families (Titan, Llama)."""
    prompt = as_count(dig(doc, "inputTextTokenCount")) or as_count(dig(doc, "prompt_token_count"))
    output = add_counts(*(as_count(dig(r, "tokenCount")) for r in dig(doc, "results") or ()))
    if output is None:
        output = as_count(dig(doc, "generation_token_count"))
    if prompt is None and output is None:
        return None
    return Usage(input_tokens=prompt, output_tokens=output)
