"""CT3xx that decode streams: malformed streams, how streams end, event-stream CRCs, tool calls.

Streams are decoded by ``toolkit.analyze.streams`` (WHATWG server-sent events, the AWS
event stream encoding, NDJSON) through ``toolkit.analyze.llm.read_llm_call``, which also
says which API the interaction used; the file's ``AnalyzedCassette`` reads each once. How
each API ends a stream is ``toolkit.analyze.llm.ending``; what an error inside a stream
looks like, ``toolkit.analyze.llm.stream_errors``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from toolkit.analyze.llm.ending import StreamEnd
from toolkit.analyze.llm.routes import DOWNLOADS
from toolkit.analyze.streams.detect import is_stream_content_type
from toolkit.lint.finding import Hit
from toolkit.lint.locate import at_body
from toolkit.lint.rule import Example, LintContext, Rule, RuleDocs
from toolkit.lint.rules.example_cassettes import GOOD, vcrpy_cassette
from toolkit.model import Interaction
from toolkit.read.jsonparse import loads, loads_object, parse_body

if TYPE_CHECKING:
    from toolkit.analyze.llm import LlmCall

__all__ = ["RULES", "stream_is_complete"]

_CRC = frozenset({"bad-crc"})
_UNCHECKED = StreamEnd("unchecked")


def _sse(*events: str) -> str:
    """A YAML block scalar holding server-sent events."""
    return "|+\n" + "".join(f"        data: {event}\n\n" for event in events)


_SSE_HEADERS = "      Content-Type:\n      - text/event-stream\n"
_CHUNK = '{"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini-2024-07-18","choices":[%s]}'
_TEXT = _CHUNK % '{"index":0,"delta":{"content":"Hi"},"finish_reason":null}'
_STOP = _CHUNK % '{"index":0,"delta":{},"finish_reason":"stop"}'

_USAGE = _CHUNK.replace(
    '"choices":[%s]', '"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}'
)
_STREAM_REQUEST = (
    """'{"model": "gpt-4o-mini", "stream": true, "messages": [{"role": "user", "content": "Hi"}]}'"""
)


def _stream_cassette(*events: str) -> str:
    return vcrpy_cassette(
        request_body=_STREAM_REQUEST, response_headers=_SSE_HEADERS, response_body=_sse(*events)
    )


_CUT_MID_EVENT = _stream_cassette(_TEXT).replace("      string: |+\n", "      string: |-\n")  # no blank line


def check_malformed(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    yield from _problems(context, lambda kind: kind not in _CRC, "malformed", parsed_only=True)


MALFORMED_STREAM = Rule(
    "CT302",
    "malformed-stream",
    "error",
    "A streamed response body cannot be decoded cleanly (cut mid-event, bad framing, invalid JSON line).",
    RuleDocs(
        what="The decoder of the response's stream format reports a problem: server-sent events "
        "that end inside an event (no blank line dispatches the last one) or are not UTF-8; an "
        "AWS event stream frame that is truncated or has impossible lengths or headers; an "
        "NDJSON line that is not JSON. CRC mismatches have their own code (CT304). Only bodies "
        "that the client reads as a stream are checked: the content type names a stream format, "
        "or the request went to a model API; a body that merely looks like one (a JSONL file "
        "download) reaches the application as bytes and is left alone. A last event that no "
        "blank line ends is not reported when the events before it already hold the end its "
        "API defines (a bare `data: [DONE]` at the very end).",
        why="Clients replaying the stream lose the last event (the WHATWG rules discard an event "
        "no blank line ends, and the SDKs follow them) or fail to parse it; a stream cut "
        "mid-event is the usual trace of a recording interrupted before the response ended. "
        "Severity error: the replay differs from what the client read when it was recorded.",
        seen="Recordings interrupted mid-stream; the OpenAI stream in the sample set's "
        "`truncated_sse_stream.yaml` stops inside a `data:` line.",
        failing=Example(_CUT_MID_EVENT),
        passing=Example(_stream_cassette(_TEXT, _STOP, _USAGE, "[DONE]")),
    ),
    check_malformed,
)

_EVENTSTREAM = (
    "!!binary |\n        AAAAXwAAAEsCXeGqCzpldmVudC10eXBlBwAMbWVzc2FnZVN0YXJ0DTpjb250ZW50LXR5cGUHABBh"
    "\n        cHBsaWNhdGlvbi9qc29uDTptZXNzYWdlLXR5cGUHAAVldmVudHsicm9sZSI6ImFzc2lzdGFudCJ9AAAAAA=="
)


def check_crc(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    yield from _problems(context, lambda kind: kind in _CRC, "crc", parsed_only=False)


EVENT_STREAM_CRC = Rule(
    "CT304",
    "event-stream-crc",
    "error",
    "An AWS event-stream frame fails its prelude or message CRC32 check.",
    RuleDocs(
        what="A frame of a `vnd.amazon.eventstream` body (Bedrock streaming) whose CRC32 of the "
        "prelude or of the whole message does not match the bytes, per the AWS event stream "
        "encoding. The message gives the byte offset of the frame.",
        why="AWS SDKs verify both checksums and abort the stream on a mismatch, so the replay "
        "fails; a bad CRC means the binary body was edited (a redaction applied to bytes) or "
        "corrupted in storage. Severity error: the replay fails.",
        seen="Redaction tools that rewrite text inside binary Bedrock bodies without re-encoding "
        "frames; the sample set's `bedrock_bad_crc.yaml`.",
        failing=Example(
            vcrpy_cassette(
                uri="https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse-stream",
                response_headers="      Content-Type:\n      - application/vnd.amazon.eventstream\n",
                response_body=_EVENTSTREAM,
            )
        ),
        passing=Example(GOOD),
    ),
    check_crc,
)


def _problems(
    context: LintContext, wanted: Callable[[str], bool], key: str, *, parsed_only: bool
) -> Iterator[Hit]:
    for interaction in context.cassette.interactions:
        call = context.analyzed.llm_call(interaction)
        stream = call.stream
        if stream is None or (parsed_only and not _read_as_stream(interaction, call)):
            continue
        problems = [p for p in stream.problems if wanted(p.kind)]
        if problems and _only_tail_after_the_end(context, interaction, problems):
            continue
        if problems:
            first = problems[0]
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            message = f"{stream.kind} response stream: {first.message} at byte {first.byte_offset:,}{more}"
            yield at_body(interaction, "response", message, f"response.stream.{key}")


def _only_tail_after_the_end(context: LintContext, interaction: Interaction, problems: list[Any]) -> bool:
    """The one problem is a last event that no blank line ends, and the events before it already
    hold the end the API defines: what is lost on replay came after the end (a ``[DONE]``), and a
    server that ends its stream so makes the live client lose it too."""
    if any(problem.kind != "no-final-newline" for problem in problems):
        return False
    return end_of(context, interaction).state == "complete"


def _read_as_stream(interaction: Interaction, call: LlmCall) -> bool:
    """Whether the client reads the body event by event: its content type names a stream
    format, or it answers a model API. A body only sniffed as one (a JSONL file download,
    batch results) is handed to the application as bytes, so a bad line in it changes
    nothing on replay."""
    content_type = interaction.response.headers.get("content-type")
    api = call.route.api
    return (api is not None and api not in DOWNLOADS) or is_stream_content_type(content_type)


def end_of(context: LintContext, interaction: Interaction) -> StreamEnd:
    """How the interaction's response stream ended (read once: several rules ask)."""
    status = interaction.response.status_code
    if status is not None and status >= 400:
        return _UNCHECKED  # an error response: CT402 / CT406 say so
    return context.analyzed.stream_end(interaction)


def stream_is_complete(context: LintContext, interaction: Interaction) -> bool:
    """False for a stream of a known API that was cut short or reported an error."""
    return context.analyzed.stream_end(interaction).state in ("complete", "unchecked")


def _ended(context: LintContext, state: str) -> Iterator[tuple[Interaction, StreamEnd, LlmCall, int]]:
    """The interactions whose stream ended in ``state``: each with that end, its LLM call and
    how many events its stream has."""
    for interaction in context.cassette.interactions:
        end = end_of(context, interaction)
        if end.state == state:
            call = context.analyzed.llm_call(interaction)
            yield interaction, end, call, len(call.stream.events) if call.stream is not None else 0


def check_terminal(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    for interaction, end, call, events in _ended(context, "cut"):
        yield at_body(
            interaction,
            "response",
            f"{call.route.api} stream ends without {end.expected} after {events:,} events: it was cut short",
            "response.stream.terminal",
        )


UNTERMINATED_STREAM = Rule(
    "CT303",
    "unterminated-stream",
    "error",
    "A stream ends before the end its API defines (a finish reason or [DONE], message_stop ...).",
    RuleDocs(
        what="A streamed LLM response whose last events lack the end its API defines: `data: "
        "[DONE]` or a chunk with a `finish_reason` (or the final usage chunk) for OpenAI-compatible "
        "chat and completions, since many providers never send `[DONE]` (Perplexity, Writer, "
        "Cerebras, Hugging Face's router, GPUStack); `message_stop` or the `message_delta` with "
        "the stop reason (Anthropic Messages); `response.completed` / `.incomplete` (OpenAI "
        "Responses); a candidate with a `finishReason`, or a blocked prompt (Gemini); "
        "`messageStop` (Bedrock Converse); the last chunk's invocation metrics or stop reason "
        "(Bedrock InvokeModel); `done` (OpenAI Assistants runs, Cody, Replicate); "
        '`"done": true` (Ollama); `message-end` / `stream-end` (Cohere); a result with a stop '
        "reason (watsonx). APIs whose streams define no visible end (Writer completions, "
        "SageMaker endpoints) and responses with an error status are not checked; a stream that "
        "reports an error is CT308, not this.",
        why="The recording stopped before the provider finished: the replayed answer is "
        "incomplete, usage (sent last) is missing, and SDK helpers that wait for the end "
        "(`get_final_response()`, `finalChatCompletion()`) raise. Severity error: the test "
        "replays something the provider never sent.",
        seen="Recordings interrupted mid-stream (the sample set's `truncated_sse_stream.yaml` "
        "has an OpenAI stream without `[DONE]` and an Anthropic stream without "
        "`message_stop`). chatlas's Hugging Face router streams end with a `finish_reason` "
        "chunk and no `[DONE]`: complete, not reported.",
        failing=Example(_stream_cassette(_TEXT)),
        passing=Example(_stream_cassette(_TEXT, _STOP, _USAGE, "[DONE]")),
    ),
    check_terminal,
)

_ERROR = '{"error":{"message":"The server had an error processing your request.","type":"server_error"}}'


def check_error_events(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    for interaction, end, call, events in _ended(context, "failed"):
        if end.event is not None:
            yield at_body(
                interaction,
                "response",
                f"{call.route.api} stream reports a provider error ({end.error}) in event "
                f"{end.event + 1:,} of {events:,}: the recording replays that failure",
                "response.stream.error",
            )


STREAM_ERROR_EVENT = Rule(
    "CT308",
    "stream-error-event",
    "warning",
    "A successful (2xx) response stream reports a provider error inside it.",
    RuleDocs(
        what="A stream of a model API, under a 2xx status, that carries an error: an SSE "
        "`event: error` (Anthropic, OpenAI Responses and Assistants, Cody, Replicate), "
        "`response.failed` or `thread.run.failed`, a `data:` chunk holding an `error` object "
        "where a chunk was due (OpenAI-compatible providers, Gemini, Ollama), an `errors` list "
        "(watsonx), a finish reason `error` (OpenRouter) or `ERROR` (Cohere), or an AWS event "
        "stream exception message (`throttlingException`, `modelStreamErrorException`). The "
        "message names the error's type or code, never its text.",
        why="The provider failed after the stream started, and the recording keeps that "
        "failure: every replay of the test exercises the error path, which is rarely what the "
        "test meant to record. Severity warning: the recording replays exactly what the "
        "provider sent; record it again.",
        seen="Cody recordings (`event: error` then `done`: message content cannot be empty); "
        "a Groq stream that ends with `event: error` (tool choice required, none called).",
        failing=Example(_stream_cassette(_TEXT, _ERROR)),
        passing=Example(_stream_cassette(_TEXT, _STOP, _USAGE, "[DONE]")),
    ),
    check_error_events,
)

Events = tuple[Any, ...]

_CALL = _CHUNK % (
    '{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function",'
    '"function":{"name":"get_weather","arguments":"{\\"city\\": \\"Ly"}}]},"finish_reason":null}'
)
_CALL_END = _CHUNK % (
    '{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"on\\"}"}}]},"finish_reason":null}'
)


def check_tool_arguments(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    for interaction in context.cassette.interactions:
        calls = _tool_calls(context, interaction)
        if not calls:
            continue
        cut = end_of(context, interaction).state == "cut"
        for name, arguments in calls:
            problem = _json_problem(arguments)
            if problem is not None:
                why = "the stream was cut short (CT303)" if cut else "as the model wrote them"
                yield at_body(
                    interaction,
                    "response",
                    f"tool call {name or '(unnamed)'!r}: its arguments ({len(arguments):,} characters, "
                    f"reassembled) are not valid JSON ({why}): {problem}",
                    f"response.tool:{name}",
                )


INVALID_TOOL_ARGUMENTS = Rule(
    "CT307",
    "invalid-tool-arguments",
    "warning",
    "A tool call's arguments, reassembled from the response, are not valid JSON.",
    RuleDocs(
        what="The arguments of a tool call (OpenAI `function.arguments`, Anthropic "
        "`input_json_delta`, Responses `function_call_arguments.delta`, Bedrock `toolUse`) "
        "concatenated over the stream (or read from the body) do not parse as JSON. Chat "
        "Completions streams of requests with `n` > 1 are reassembled per choice and tool index. "
        "The message says whether the stream was cut short (then CT303 reports it too).",
        why="The application parses the arguments to call its tool: the replayed test exercises "
        "a recovery path, perhaps by accident. Severity warning: arguments the model itself "
        "wrote replay exactly as the provider sent them; when the stream was cut, the error is "
        "CT303's.",
        seen="The sample set's `invalid_tool_call_arguments.yaml` (closing brace never sent); "
        "dd-trace-py's `completion_stream_multiple_choices_with_tools.yaml` interleaves two "
        "choices, which naive reassembly turns into invalid JSON (handled, not reported).",
        failing=Example(_stream_cassette(_CALL, _STOP, "[DONE]")),
        passing=Example(_stream_cassette(_CALL, _CALL_END, _STOP, _USAGE, "[DONE]")),
    ),
    check_tool_arguments,
)


def _tool_calls(context: LintContext, interaction: Interaction) -> list[tuple[str | None, str]]:
    llm_call = context.analyzed.llm_call(interaction)
    if llm_call.stream is not None and llm_call.route.api == "chat.completions" and _choices(interaction) > 1:
        return _chat_stream_calls(llm_call.stream.events)
    return [(call.name, call.arguments) for call in llm_call.exchange.message.tool_calls]


def _choices(interaction: Interaction) -> int:
    """The ``n`` a Chat Completions request asked for (1 when absent)."""
    body = parse_body(interaction.request.body.content).value
    n = body.get("n") if isinstance(body, dict) else None
    return n if isinstance(n, int) and not isinstance(n, bool) else 1


def _chat_stream_calls(events: Events) -> list[tuple[str | None, str]]:
    """Chat Completions deltas, reassembled per choice and tool index (``n`` > 1 interleaves choices)."""
    names: dict[tuple[Any, Any], str | None] = {}
    parts: dict[tuple[Any, Any], list[str]] = {}
    for event in events:
        for choice, delta in _tool_deltas(loads_object(event.data)):
            key = (choice, delta.get("index"))
            function = delta.get("function")
            function = function if isinstance(function, dict) else {}
            names.setdefault(key, None)
            if isinstance(function.get("name"), str):
                names[key] = function["name"]
            if isinstance(function.get("arguments"), str):
                parts.setdefault(key, []).append(function["arguments"])
    return [(name, "".join(parts.get(key, []))) for key, name in names.items()]


def _tool_deltas(document: Any) -> Iterator[tuple[Any, dict[str, Any]]]:
    choices = document.get("choices") if isinstance(document, dict) else None
    for choice in choices if isinstance(choices, list) else ():
        delta = choice.get("delta") if isinstance(choice, dict) else None
        calls = delta.get("tool_calls") if isinstance(delta, dict) else None
        for call in calls if isinstance(calls, list) else ():
            if isinstance(call, dict):
                yield choice.get("index"), call


def _json_problem(arguments: str) -> str | None:
    if not arguments.strip():
        return None  # a call without arguments
    try:
        loads(arguments)
    except RecursionError:
        return "nested too deeply"
    except json.JSONDecodeError as e:
        return f"{e.msg} at character {e.pos:,}"
    return None


RULES: tuple[Rule, ...] = (
    MALFORMED_STREAM,
    UNTERMINATED_STREAM,
    EVENT_STREAM_CRC,
    INVALID_TOOL_ARGUMENTS,
    STREAM_ERROR_EVENT,
)
