"""How each API ends a stream, and whether a recorded stream got there.

A streamed response is read as one of:

- ``complete``: its last events carry the end its API defines;
- ``failed``: the provider reported an error inside the stream (an error event, an
  error object where a chunk was due, an exception message of the AWS event stream);
  the recording replays that failure faithfully, it was not cut;
- ``cut``: neither, the recording stopped before the provider finished;
- ``unchecked``: the API defines no end that can be seen in the stream, or the
  stream has no events at all.

Ends are taken from each API's definition, not from one marker: ``data: [DONE]``
ends OpenAI's Chat Completions, but many OpenAI-compatible providers never send
it (Perplexity, Writer, Cerebras, Hugging Face's router, GPUStack): there the
chunk that carries a ``finish_reason`` (and, usually, the usage) is the end, as
it is in OpenAI's own streams.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, NamedTuple

from toolkit.analyze.llm.stream_errors import error_event
from toolkit.analyze.streams import StreamDecoding, StreamEvent
from toolkit.read.jsonparse import loads_object

__all__ = ["CONVENTIONS", "Convention", "StreamEnd", "StreamState", "stream_end"]

StreamState = Literal["complete", "failed", "cut", "unchecked"]

Events = tuple[StreamEvent, ...]


class StreamEnd(NamedTuple):
    """How a stream ended. ``expected`` is its API's end in words; for a failed stream,
    ``error`` names the error (its type or code, never its message) and ``event`` its index."""

    state: StreamState
    expected: str = ""
    error: str = ""
    event: int | None = None


def _any_events(_events: Events) -> bool:
    return True


class Convention(NamedTuple):
    """An API's end of stream: in words, and the test of a stream's events. ``speaks`` tells a
    stream in the API's format from one that only came from its path (a server of its own
    behind an OpenAI-compatible path): only the former is judged."""

    expected: str
    ended: Callable[[Events], bool]
    speaks: Callable[[Events], bool] = _any_events


def stream_end(stream: StreamDecoding | None, api: str | None) -> StreamEnd:
    """Whether ``stream``, a response of ``api``, ended as its API defines."""
    if stream is None or api is None or not stream.events:
        return StreamEnd("unchecked")
    convention = CONVENTIONS.get(api)
    expected = convention.expected if convention is not None else ""
    error = error_event(stream)
    if error is not None:
        return StreamEnd("failed", expected, error[1], error[0])
    if convention is None:
        return StreamEnd("unchecked")
    if not convention.speaks(stream.events):
        return StreamEnd("unchecked", expected)
    return StreamEnd("complete" if convention.ended(stream.events) else "cut", expected)


# -- the end of each API -----------------------------------------------------------------------


def _last_documents(events: Events, count: int) -> list[dict[str, Any]]:
    """The JSON objects among the last ``count`` events, last first."""
    found = []
    for event in reversed(events[-count:]):
        document = loads_object(event.data)
        if isinstance(document, dict):
            found.append(document)
    return found


def _done(events: Events) -> bool:
    return any(event.data.strip() == "[DONE]" for event in events[-3:])


def _kind(event: StreamEvent, document: Any) -> str:
    """An event's type: the SSE or event-stream name, else the JSON ``type`` / ``event_type``."""
    if event.event and event.event != "message":
        return event.event
    if isinstance(document, dict):
        kind = document.get("type") or document.get("event_type")
        return kind if isinstance(kind, str) else ""
    return ""


def _named(*names: str) -> Callable[[Events], bool]:
    wanted = frozenset(names)

    def ended(events: Events) -> bool:
        return any(_kind(event, loads_object(event.data)) in wanted for event in events[-4:])

    return ended


def _any_of(*tests: Callable[[Events], bool]) -> Callable[[Events], bool]:
    def ended(events: Events) -> bool:
        return any(test(events) for test in tests)

    return ended


def _finished_choice(events: Events) -> bool:
    """A chunk with a choice whose ``finish_reason`` is set (searched from the end)."""
    for event in reversed(events):
        if "finish_reason" not in event.data:
            continue
        choices = (loads_object(event.data) or {}).get("choices")
        for choice in choices if isinstance(choices, list) else ():
            if (
                isinstance(choice, dict)
                and isinstance(choice.get("finish_reason"), str)
                and choice["finish_reason"]
            ):
                return True
    return False


def _usage_last(events: Events) -> bool:
    """The last chunk reports the usage and adds nothing to the answer: the ``include_usage``
    chunk (some providers keep an empty choice in it), or Workers AI's final
    ``{"response": "", "usage": ...}``. Providers that put usage in every chunk (Perplexity)
    add content beside it until their last chunk."""
    documents = _last_documents(events, 1)
    if not documents:
        return False
    last = documents[0]
    usage = last.get("usage")
    if not isinstance(usage, dict) or not usage or last.get("response"):
        return False
    choices = last.get("choices")
    return not choices or (isinstance(choices, list) and all(_adds_nothing(c) for c in choices))


def _adds_nothing(choice: Any) -> bool:
    if not isinstance(choice, dict) or choice.get("text"):
        return False
    delta = choice.get("delta")
    return not isinstance(delta, dict) or not any(value for key, value in delta.items() if key != "role")


def _messages_ended(events: Events) -> bool:
    """``message_stop``, or the ``message_delta`` that carries the stop reason (and final usage)."""
    for event in events[-4:]:
        document = loads_object(event.data)
        kind = _kind(event, document)
        if kind == "message_stop":
            return True
        if kind == "message_delta" and isinstance(document, dict):
            delta = document.get("delta")
            if isinstance(delta, dict) and delta.get("stop_reason"):
                return True
    return False


def _gemini_ended(events: Events) -> bool:
    """A candidate with a ``finishReason``, or a prompt blocked (``promptFeedback.blockReason``)."""
    for event in reversed(events):
        if "finishReason" not in event.data and "blockReason" not in event.data:
            continue
        document = loads_object(event.data)
        if not isinstance(document, dict):
            continue
        feedback = document.get("promptFeedback")
        if isinstance(feedback, dict) and feedback.get("blockReason"):
            return True
        candidates = document.get("candidates")
        if isinstance(candidates, list) and any(
            isinstance(c, dict) and c.get("finishReason") for c in candidates
        ):
            return True
    return False


#: Fields in which the model families behind Bedrock InvokeModel put their stop reason.
_STOP_FIELDS = ("stop_reason", "completionReason", "finish_reason")


def _invoke_ended(events: Events) -> bool:
    """Bedrock adds its invocation metrics to the last chunk of every model's stream; the
    chunk also carries the model family's own stop reason (Anthropic's stream is Messages)."""
    if any("amazon-bedrock-invocationMetrics" in event.data for event in events[-3:]):
        return True
    if _messages_ended(events):
        return True
    for document in _last_documents(events, 2):
        if document.get("is_finished") is True or any(document.get(field) for field in _STOP_FIELDS):
            return True
        outputs = document.get("outputs")  # Mistral
        if isinstance(outputs, list) and any(isinstance(o, dict) and o.get("stop_reason") for o in outputs):
            return True
    return False


def _last_is(key: str, value: object) -> Callable[[Events], bool]:
    def ended(events: Events) -> bool:
        documents = _last_documents(events, 1)
        return bool(documents) and documents[0].get(key) == value

    return ended


def _watsonx_ended(events: Events) -> bool:
    """The last result's ``stop_reason`` is set and is not ``not_finished``."""
    for document in _last_documents(events, 2):
        results = document.get("results")
        result = results[0] if isinstance(results, list) and results else None
        reason = result.get("stop_reason") if isinstance(result, dict) else None
        if isinstance(reason, str) and reason and reason != "not_finished":
            return True
    return False


def _cody_ended(events: Events) -> bool:
    """Cody's ``done`` event, or a completion that carries its ``stopReason``."""
    if _named("done")(events):
        return True
    documents = _last_documents(events, 2)
    return any(document.get("stopReason") for document in documents)


def _first_documents(events: Events, count: int = 5) -> list[dict[str, Any]]:
    """The JSON objects among the first ``count`` events."""
    found = []
    for event in events[:count]:
        document = loads_object(event.data)
        if isinstance(document, dict):
            found.append(document)
    return found


def _has_choices(events: Events) -> bool:
    """Chat Completions chunks carry ``choices`` (the ``include_usage`` chunk an empty one)."""
    return any(isinstance(d.get("choices"), list) for d in _first_documents(events)) or _done(events)


def _typed(prefixes: tuple[str, ...]) -> Callable[[Events], bool]:
    """Events named (or typed) with one of the API's prefixes."""

    def speaks(events: Events) -> bool:
        return any(_kind(event, loads_object(event.data)).startswith(prefixes) for event in events[:5])

    return speaks


_CHAT_END = "data: [DONE] or a chunk with a finish_reason"
_chat_ended = _any_of(_done, _finished_choice, _usage_last)

#: The end of a stream, per API (``toolkit.analyze.llm.routes`` names the APIs). APIs not listed
#: here define no end that shows in the stream, or do not stream.
CONVENTIONS: dict[str, Convention] = {
    "chat.completions": Convention(_CHAT_END, _chat_ended, _has_choices),
    "completions": Convention(_CHAT_END, _chat_ended, _has_choices),
    "responses": Convention(
        "response.completed (or response.incomplete)",
        _named("response.completed", "response.incomplete"),
        _typed(("response.",)),
    ),
    "assistants.runs": Convention(
        "a done event",
        _any_of(
            _done,
            _named(
                "done",
                "thread.run.completed",
                "thread.run.incomplete",
                "thread.run.requires_action",
                "thread.run.cancelled",
                "thread.run.expired",
            ),
        ),
    ),
    "messages": Convention(
        "a message_stop event", _messages_ended, _typed(("message_", "content_block_", "ping"))
    ),
    "generate_content": Convention("a candidate with a finishReason", _gemini_ended),
    "converse": Convention("a messageStop event", _named("messageStop", "metadata")),
    "invoke": Convention("the final chunk's invocation metrics", _invoke_ended),
    "cohere.chat": Convention(
        "a message-end (v2) or stream-end (v1) event",
        _any_of(_named("message-end", "stream-end"), _last_is("is_finished", True)),
    ),
    "cohere.generate": Convention('a chunk with "is_finished": true', _last_is("is_finished", True)),
    "ollama.chat": Convention('a chunk with "done": true', _last_is("done", True)),
    "ollama.generate": Convention('a chunk with "done": true', _last_is("done", True)),
    "workers-ai.run": Convention("data: [DONE] or a final chunk with the usage", _chat_ended),
    "watsonx.generation": Convention("a result with a stop_reason", _watsonx_ended),
    "cody.completions": Convention("a done event", _cody_ended),
    "replicate.stream": Convention("a done event", _named("done")),
}
