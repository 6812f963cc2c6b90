"""Errors a provider reports inside a stream it already started with a success status.

An SSE ``event: error`` (Anthropic, OpenAI Responses and Assistants, Cody, Replicate),
``response.failed`` / ``thread.run.failed``, an ``error`` object where a chunk was due
(OpenAI-compatible providers, Gemini, Ollama), an ``errors`` list (watsonx), a finish reason
``error`` (OpenRouter) or ``ERROR`` (Cohere), or an AWS event stream message of type
``exception`` or ``error``. The label names the error by its type or code, never by its
message, which may quote what the request sent.
"""

from __future__ import annotations

import re
from typing import Any

from toolkit.analyze.streams import StreamDecoding
from toolkit.analyze.streams.eventstream import EventStreamDecoding
from toolkit.read.jsonparse import loads_object

__all__ = ["error_event"]

#: Event names that report an error: SSE ``event:`` fields, event-stream ``:event-type``.
_ERROR_NAMES = frozenset({"error", "exception", "response.failed", "thread.run.failed"})
#: JSON ``type`` values of an error event (Anthropic, OpenAI Responses and Assistants).
_ERROR_TYPES = frozenset({"error", "response.failed", "thread.run.failed"})
_LABEL = re.compile(r"[\w.:-]{1,48}")


def error_event(stream: StreamDecoding) -> tuple[int, str] | None:
    """The first event that reports a provider error, and a label for it (a type or code)."""
    exceptions = _exception_messages(stream)
    for event in stream.events:
        named = event.event in _ERROR_NAMES or event.event.endswith("Exception")
        if named or event.index in exceptions:
            return event.index, _label(_error_of(loads_object(event.data))) or exceptions.get(
                event.index, event.event
            )
        data = event.data
        if "rror" in data or "RROR" in data or "failed" in data:  # cheap: most events are not parsed
            label = _label(_error_of(loads_object(data)))
            if label:
                return event.index, label
    return None


def _exception_messages(stream: StreamDecoding) -> dict[int, str]:
    """AWS event stream messages of type ``exception`` or ``error``, by event index."""
    detail = stream.detail
    if not isinstance(detail, EventStreamDecoding):
        return {}
    found: dict[int, str] = {}
    for index, message in enumerate(detail.messages):
        if message.message_type in ("exception", "error"):
            code = message.event_type or message.headers.get(":error-code")
            found[index] = code if isinstance(code, str) else message.message_type
    return found


def _error_of(document: Any) -> Any:
    """What in a parsed event says "error", or None: an ``error`` object, an error ``type``,
    an ``errors`` list (watsonx), a finish reason of ``error`` (OpenRouter) or ``ERROR*`` (Cohere)."""
    if not isinstance(document, dict):
        return None
    error = document.get("error")
    if error:
        return error
    kind = document.get("type")
    if isinstance(kind, str) and kind in _ERROR_TYPES:
        response = document.get("response")
        inner = response.get("error") if kind == "response.failed" and isinstance(response, dict) else None
        return inner or document
    errors = document.get("errors")
    if isinstance(errors, list) and errors:
        return errors[0]
    return _error_finish(document)


def _error_finish(document: dict[str, Any]) -> str | None:
    delta = document.get("delta")
    reasons = [document.get("finish_reason"), delta.get("finish_reason") if isinstance(delta, dict) else None]
    choices = document.get("choices")
    if isinstance(choices, list):
        reasons += [choice.get("finish_reason") for choice in choices if isinstance(choice, dict)]
    for reason in reasons:
        if isinstance(reason, str) and reason.upper().startswith("ERROR"):
            return reason
    return None


def _label(error: Any) -> str:
    """A short name for an error: its type, code or status; "error" when it has none we can show."""
    if error is None:
        return ""
    if isinstance(error, dict):
        for key in ("type", "code", "status", "error_type"):
            value = error.get(key)
            if isinstance(value, str | int) and not isinstance(value, bool) and value != "error":
                text = str(value)
                if _LABEL.fullmatch(text):
                    return text
        inner = error.get("error")
        if isinstance(inner, dict):
            return _label(inner)
        return "error"
    if isinstance(error, str) and error.upper().startswith("ERROR") and _LABEL.fullmatch(error):
        return error  # a finish reason; provider messages are never echoed
    return "error"
