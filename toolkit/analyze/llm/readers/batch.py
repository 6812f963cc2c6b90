"""Batch results: many responses in one body, their usage added up.

Each family returns the responses of a batch in its own envelope:

* OpenAI (and the OpenAI-compatible batch APIs: Azure, Mistral, Groq ...): the output file
  (``GET /v1/files/{id}/content``) is JSON Lines of ``{"custom_id", "response":
  {"status_code", "body"}, "error"}``, the body a Chat Completions, Responses or
  embeddings response;
* Anthropic: ``GET /v1/messages/batches/{id}/results`` is JSON Lines of ``{"custom_id",
  "result": {"type": "succeeded", "message": {...}}}``;
* Gemini: the batch operation (``GET /v1beta/batches/{id}``, or the ``batchGenerateContent``
  reply) holds ``inlinedResponses`` of ``{"response": GenerateContentResponse}``; a responses
  file is JSON Lines of ``{"key", "response"}``;
* xAI: ``GET /v1/batches/{id}/results`` is ``{"results": [{"batch_request_id",
  "batch_result": {"response": {"chat_get_completion": {...}}}}]}``.

A multi-line body is decoded as an NDJSON stream, one event per line; a single line is a
body: both read the same. The batch object itself (``GET /v1/batches/{id}``) is not read:
its ``usage`` is a running total that every poll repeats. Batch traffic is priced at the
batch rate (``toolkit.analyze.cost.estimate``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from toolkit.analyze.llm.exchange import ChunkInfo, Reading, Usage, dig
from toolkit.analyze.llm.usage import (
    REASONING_APART,
    anthropic_usage,
    gemini_usage,
    openai_usage,
    responses_usage,
)

__all__ = ["batch_body", "batch_event"]


def batch_body(reading: Reading, doc: Any) -> None:
    """A whole body: one result line, a Gemini operation or an xAI results page."""
    reading.source = "batch results"
    for usage, model in _results(reading, doc):
        reading.add_usage(usage)
        reading.add_model(model)


def batch_event(reading: Reading, _name: str, doc: Any) -> ChunkInfo:
    """One line of a JSON Lines results file."""
    before = reading.usage
    batch_body(reading, doc)
    return ChunkInfo(None, "usage" if reading.usage is not before else None)


def _results(reading: Reading, doc: Any) -> Iterator[tuple[Usage | None, Any]]:
    if not isinstance(doc, dict):
        return
    if isinstance(doc.get("result"), dict):  # Anthropic
        message = dig(doc, "result", "message")
        yield anthropic_usage(dig(message, "usage")), dig(message, "model")
    elif isinstance(dig(doc, "response", "body"), dict):  # OpenAI-shaped output file
        yield _openai_body(reading, dig(doc, "response", "body"))
    elif isinstance(doc.get("response"), dict) and "usageMetadata" in doc["response"]:  # Gemini line
        yield _gemini(doc["response"])
    elif isinstance(doc.get("results"), list):  # xAI
        for result in doc["results"]:
            completion = _only_value(dig(result, "batch_result", "response"))
            if completion is not None:
                yield _openai_body(reading, completion)
    else:
        yield from _gemini_operation(doc)


def _openai_body(reading: Reading, body: Any) -> tuple[Usage | None, Any]:
    usage = dig(body, "usage")
    if isinstance(usage, dict) and "prompt_tokens" in usage:  # chat, completions, embeddings
        return openai_usage(usage, reading.provider in REASONING_APART), dig(body, "model")
    return responses_usage(usage), dig(body, "model")


def _gemini(response: Any) -> tuple[Usage | None, Any]:
    return gemini_usage(dig(response, "usageMetadata")), dig(response, "modelVersion")


def _gemini_operation(doc: dict[str, Any]) -> Iterator[tuple[Usage | None, Any]]:
    """An operation's responses: in ``response`` once done, else in the batch (``metadata``)."""
    holder = dig(doc, "response", "inlinedResponses") or dig(doc, "metadata", "output", "inlinedResponses")
    for item in dig(holder, "inlinedResponses") or ():
        if isinstance(dig(item, "response"), dict):
            yield _gemini(item["response"])


def _only_value(value: Any) -> Any:
    """xAI's ``response`` holds one entry named for the API (``chat_get_completion``)."""
    if isinstance(value, dict) and len(value) == 1:
        return next(iter(value.values()))
    return None
