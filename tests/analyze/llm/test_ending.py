"""How streams end, per API: each convention on small synthetic streams, the providers that never
send ``[DONE]``, the error events of each API, real streams of the corpora, and hostile input."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.analyze.llm.ending import CONVENTIONS, StreamEnd, stream_end
from toolkit.analyze.streams import StreamDecoding, StreamEvent, decode_stream, encode_message

Event = dict[str, Any] | str | tuple[str, Any]


def sse(*events: Event) -> StreamDecoding:
    """Server-sent events: a JSON object or raw text as ``data``, or ``(event name, data)``."""
    out = []
    for event in events:
        name, data = event if isinstance(event, tuple) else (None, event)
        text = data if isinstance(data, str) else json.dumps(data)
        out.append((f"event: {name}\n" if name else "") + f"data: {text}\n\n")
    return decode_stream("".join(out).encode(), "text/event-stream")


def ndjson(*documents: dict[str, Any]) -> StreamDecoding:
    body = "".join(json.dumps(document) + "\n" for document in documents).encode()
    return decode_stream(body, "application/x-ndjson")


def eventstream(*messages: tuple[str, dict[str, Any]], chunks: bool = False) -> StreamDecoding:
    """AWS event stream messages; ``chunks`` wraps each payload as a Bedrock ``chunk`` event."""
    body = b""
    for name, payload in messages:
        if name.endswith("Exception"):
            headers = {
                ":exception-type": name,
                ":content-type": "application/json",
                ":message-type": "exception",
            }
            body += encode_message(headers, json.dumps(payload).encode())
            continue
        data = json.dumps(payload).encode()
        if chunks:
            data = json.dumps({"bytes": base64.b64encode(data).decode()}).encode()
        headers = {":event-type": name, ":content-type": "application/json", ":message-type": "event"}
        body += encode_message(headers, data)
    return decode_stream(body, "application/vnd.amazon.eventstream")


def chunk(delta: dict[str, Any] | None = None, finish: str | None = None, **extra: Any) -> dict[str, Any]:
    choice = {"index": 0, "delta": delta or {}, "finish_reason": finish}
    return {"id": "c1", "object": "chat.completion.chunk", "model": "m", "choices": [choice], **extra}


TEXT = chunk({"content": "Hi"})
STOP = chunk({}, "stop")
USAGE = {"id": "c1", "object": "chat.completion.chunk", "choices": [], "usage": {"prompt_tokens": 3}}


def state(stream: StreamDecoding, api: str) -> str:
    return stream_end(stream, api).state


# -- one complete and one cut stream for every API that defines an end -------------------------

GEMINI_TEXT = {"candidates": [{"content": {"parts": [{"text": "Bon"}]}}]}
GEMINI_STOP = {"candidates": [{"content": {"parts": [{"text": "jour"}]}, "finishReason": "STOP"}]}

#: API -> (a complete stream, the same stream cut short).
STREAMS: dict[str, tuple[StreamDecoding, StreamDecoding]] = {
    "chat.completions": (sse(TEXT, STOP, USAGE, "[DONE]"), sse(TEXT, TEXT)),
    "completions": (
        sse(
            {"choices": [{"text": "a", "finish_reason": None}]},
            {"choices": [{"text": "", "finish_reason": "length"}]},
        ),
        sse({"choices": [{"text": "a", "finish_reason": None}]}),
    ),
    "responses": (
        sse(
            ("response.created", {"type": "response.created"}),
            ("response.completed", {"type": "response.completed"}),
        ),
        sse(
            ("response.created", {"type": "response.created"}),
            ("response.output_text.delta", {"delta": "Hi"}),
        ),
    ),
    "assistants.runs": (
        sse(("thread.message.delta", {}), ("thread.run.completed", {}), ("done", "[DONE]")),
        sse(("thread.run.created", {}), ("thread.message.delta", {})),
    ),
    "messages": (
        sse(("message_start", {"type": "message_start"}), ("message_stop", {"type": "message_stop"})),
        sse(
            ("message_start", {"type": "message_start"}),
            ("content_block_delta", {"type": "content_block_delta"}),
        ),
    ),
    "generate_content": (sse(GEMINI_TEXT, GEMINI_STOP), sse(GEMINI_TEXT, GEMINI_TEXT)),
    "converse": (
        eventstream(
            ("contentBlockDelta", {"delta": {"text": "Hi"}}), ("messageStop", {"stopReason": "end_turn"})
        ),
        eventstream(
            ("messageStart", {"role": "assistant"}), ("contentBlockDelta", {"delta": {"text": "Hi"}})
        ),
    ),
    "invoke": (
        eventstream(
            ("chunk", {"outputText": "Hi"}),
            ("chunk", {"outputText": "", "amazon-bedrock-invocationMetrics": {"inputTokenCount": 3}}),
            chunks=True,
        ),
        eventstream(("chunk", {"outputText": "Hi"}), ("chunk", {"outputText": " there"}), chunks=True),
    ),
    "cohere.chat": (
        sse(("content-delta", {"type": "content-delta"}), ("message-end", {"type": "message-end"})),
        sse(("message-start", {"type": "message-start"}), ("content-delta", {"type": "content-delta"})),
    ),
    "cohere.generate": (
        ndjson({"text": "Hi", "is_finished": False}, {"is_finished": True, "finish_reason": "COMPLETE"}),
        ndjson({"text": "Hi", "is_finished": False}, {"text": "!", "is_finished": False}),
    ),
    "ollama.chat": (
        ndjson({"message": {"content": "Hi"}, "done": False}, {"message": {"content": ""}, "done": True}),
        ndjson({"message": {"content": "Hi"}, "done": False}, {"message": {"content": "!"}, "done": False}),
    ),
    "ollama.generate": (
        ndjson({"response": "Hi", "done": False}, {"response": "", "done": True, "eval_count": 2}),
        ndjson({"response": "Hi", "done": False}),
    ),
    "workers-ai.run": (
        sse({"response": "Hi"}, {"response": "", "usage": {"prompt_tokens": 4}}, "[DONE]"),
        sse({"response": "Hi"}, {"response": " there"}),
    ),
    "watsonx.generation": (
        sse(
            {"results": [{"generated_text": "Hi", "stop_reason": "not_finished"}]},
            {"results": [{"generated_text": "", "stop_reason": "eos_token"}]},
        ),
        sse({"results": [{"generated_text": "Hi", "stop_reason": "not_finished"}]}),
    ),
    "cody.completions": (
        sse(("completion", {"deltaText": "Hi"}), ("done", {})),
        sse(("completion", {"deltaText": "Hi"}), ("completion", {"deltaText": " there"})),
    ),
    "replicate.stream": (sse(("output", "Hi"), ("done", {})), sse(("output", "Hi"), ("output", " there"))),
}


def test_every_convention_has_streams() -> None:
    assert set(STREAMS) == set(CONVENTIONS)


@pytest.mark.parametrize("api", sorted(STREAMS))
def test_complete_stream(api: str) -> None:
    assert state(STREAMS[api][0], api) == "complete"


@pytest.mark.parametrize("api", sorted(STREAMS))
def test_cut_stream(api: str) -> None:
    end = stream_end(STREAMS[api][1], api)
    assert (end.state, end.expected) == ("cut", CONVENTIONS[api].expected)


def test_apis_without_an_end_and_streams_without_events_are_unchecked() -> None:
    assert state(sse({"value": "Hi"}, {"value": "!"}), "writer.completions") == "unchecked"
    assert state(sse(TEXT), "sagemaker.invoke") == "unchecked"
    assert state(decode_stream(b"", "text/event-stream"), "chat.completions") == "unchecked"
    assert stream_end(sse(TEXT), None) == StreamEnd("unchecked")
    assert stream_end(None, "chat.completions") == StreamEnd("unchecked")


# -- ends other than [DONE] ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "last",
    [
        # Perplexity: usage in every chunk, the last one with the finish reason, no [DONE].
        chunk({"content": "."}, "stop", usage={"prompt_tokens": 7, "completion_tokens": 5}),
        # Writer /v1/chat: OpenAI-shaped chunks, no [DONE].
        chunk({"content": ""}, "stop"),
        # Cerebras and Hugging Face's router: finish reason and usage together, no [DONE].
        chunk(
            {}, "stop", usage={"prompt_tokens": 51, "completion_tokens": 2}, time_info={"total_time": 0.005}
        ),
        # GPUStack, vLLM-style servers: the finish chunk, then the usage chunk, no [DONE].
        USAGE,
        # A usage chunk that keeps an empty choice (OpenRouter through some upstreams).
        chunk({"role": "assistant", "content": ""}, None, usage={"prompt_tokens": 57}),
        # A tool call's finish reason.
        chunk({}, "tool_calls"),
    ],
    ids=[
        "perplexity",
        "writer",
        "cerebras-hf-router",
        "usage-chunk",
        "usage-with-empty-choice",
        "tool-calls",
    ],
)
def test_openai_compatible_stream_without_done_is_complete(last: dict[str, Any]) -> None:
    assert (
        state(sse(TEXT, STOP, last) if last is USAGE else sse(TEXT, last), "chat.completions") == "complete"
    )


def test_usage_beside_content_does_not_end_a_stream() -> None:
    # Providers that report usage in every chunk: a cut stream's last chunk still adds text.
    cut = sse(TEXT, chunk({"content": "more"}, None, usage={"prompt_tokens": 7, "completion_tokens": 2}))
    assert state(cut, "chat.completions") == "cut"


def test_empty_finish_reason_is_not_an_end() -> None:
    # Ollama's OpenAI-compatible server once sent "finish_reason": "" in every chunk.
    assert state(sse(chunk({"content": "a"}, ""), chunk({"content": "b"}, "")), "chat.completions") == "cut"


def test_anthropic_stream_ends_at_the_stop_reason() -> None:
    delta = ("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {}})
    assert state(sse(("message_start", {"type": "message_start"}), delta), "messages") == "complete"


def test_gemini_blocked_prompt_is_an_end() -> None:
    blocked = {"promptFeedback": {"blockReason": "SAFETY"}, "usageMetadata": {"promptTokenCount": 4}}
    assert state(sse(blocked), "generate_content") == "complete"
    array = decode_stream(json.dumps([GEMINI_TEXT, GEMINI_STOP]).encode(), None, kind="json-array")
    assert state(array, "generate_content") == "complete"


def test_bedrock_invoke_ends_with_the_model_familys_stop_reason() -> None:
    llama = eventstream(
        ("chunk", {"generation": "Hi", "stop_reason": None}), ("chunk", {"stop_reason": "stop"}), chunks=True
    )
    assert state(llama, "invoke") == "complete"


def test_cohere_v1_stream_end() -> None:
    stream = ndjson(
        {"event_type": "text-generation", "text": "Hi"}, {"event_type": "stream-end", "is_finished": True}
    )
    assert state(stream, "cohere.chat") == "complete"


# -- errors inside a stream -----------------------------------------------------------------------

ERRORS: dict[str, tuple[str, StreamDecoding, str]] = {
    "openai-compatible error chunk": (
        "chat.completions",
        sse(TEXT, {"error": {"message": "Internal error", "type": "server_error", "code": None}}),
        "server_error",
    ),
    "openrouter finish_reason error": (
        "chat.completions",
        sse(TEXT, chunk({}, "error", error={"code": 502, "message": "upstream"})),
        "502",
    ),
    "groq event: error": (
        "chat.completions",
        sse(
            TEXT,
            ("error", {"error": {"message": "Tool choice is required", "type": "invalid_request_error"}}),
        ),
        "invalid_request_error",
    ),
    "anthropic event: error": (
        "messages",
        sse(
            ("message_start", {"type": "message_start"}),
            ("error", {"type": "error", "error": {"type": "overloaded_error"}}),
        ),
        "overloaded_error",
    ),
    "responses response.failed": (
        "responses",
        sse(
            ("response.failed", {"type": "response.failed", "response": {"error": {"code": "server_error"}}})
        ),
        "server_error",
    ),
    "responses error event": (
        "responses",
        sse(("error", {"type": "error", "code": "rate_limit_exceeded", "message": "..."})),
        "rate_limit_exceeded",
    ),
    "assistants thread.run.failed": (
        "assistants.runs",
        sse(("thread.run.failed", {"id": "run_1"})),
        "thread.run.failed",
    ),
    "cody event: error then done": (
        "cody.completions",
        sse(("error", {"error": "message content cannot be empty"}), ("done", {})),
        "error",
    ),
    "gemini error object": (
        "generate_content",
        sse(GEMINI_TEXT, {"error": {"code": 503, "message": "overloaded", "status": "UNAVAILABLE"}}),
        "503",
    ),
    "ollama error line": (
        "ollama.chat",
        ndjson({"message": {"content": "Hi"}, "done": False}, {"error": "model crashed"}),
        "error",
    ),
    "cohere ERROR finish": (
        "cohere.chat",
        sse(("message-end", {"type": "message-end", "delta": {"finish_reason": "ERROR"}})),
        "ERROR",
    ),
    "watsonx errors list": (
        "watsonx.generation",
        sse({"errors": [{"code": "model_not_supported", "message": "..."}], "status_code": 404}),
        "model_not_supported",
    ),
    "replicate event: error": (
        "replicate.stream",
        sse(("output", "Hi"), ("error", {"detail": "..."})),
        "error",
    ),
    "bedrock exception message": (
        "converse",
        eventstream(
            ("messageStart", {"role": "assistant"}), ("throttlingException", {"message": "Too many requests"})
        ),
        "throttlingException",
    ),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_error_event_is_a_failure_not_a_cut(name: str) -> None:
    api, stream, label = ERRORS[name]
    end = stream_end(stream, api)
    assert (end.state, end.error) == ("failed", label)
    assert end.event is not None and 0 <= end.event < len(stream.events)


def test_error_label_never_echoes_the_message() -> None:
    stream = sse(
        {"error": {"message": "Incorrect API key provided: sk-abc123", "type": "bad key: sk-abc123"}}
    )
    assert stream_end(stream, "chat.completions").error == "error"


def test_words_about_errors_in_the_answer_are_not_errors() -> None:
    stream = sse(chunk({"content": 'The "error" failed, ERROR'}), STOP, "[DONE]")
    assert state(stream, "chat.completions") == "complete"


# -- hostile input ----------------------------------------------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "error",
                    "errors",
                    "type",
                    "choices",
                    "delta",
                    "finish_reason",
                    "usage",
                    "response",
                    "candidates",
                    "finishReason",
                    "promptFeedback",
                    "results",
                    "stop_reason",
                    "done",
                    "is_finished",
                    "message",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@given(
    st.lists(st.tuples(st.sampled_from(["", "message", "error", "done", "message_stop"]), _JSON), max_size=6),
    st.sampled_from([*sorted(CONVENTIONS), "writer.completions"]),
)
def test_any_events_give_an_end_never_an_exception(events: list[tuple[str, Any]], api: str) -> None:
    stream = StreamDecoding(
        "sse", tuple(StreamEvent(i, name, json.dumps(data), 0) for i, (name, data) in enumerate(events))
    )
    assert stream_end(stream, api).state in ("complete", "failed", "cut", "unchecked")


def test_a_stream_in_another_format_is_not_judged_by_the_paths_api() -> None:
    # A server of its own behind an OpenAI-compatible path, streaming its own events.
    own = sse({"token": "Hi"}, {"token": " there"})
    assert stream_end(own, "chat.completions") == StreamEnd(
        "unchecked", CONVENTIONS["chat.completions"].expected
    )
    assert state(sse({"token": "Hi"}), "messages") == "unchecked"
    assert state(sse({"token": "Hi"}), "responses") == "unchecked"
