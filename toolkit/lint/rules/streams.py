"""CT3xx that decode streams: malformed streams, missing terminal events, event-stream CRCs, tool calls.

Streams are decoded by ``toolkit.streams`` (WHATWG server-sent events, the AWS
event stream encoding, NDJSON) through ``toolkit.llm.analyze``, which also
says which API the interaction used; the terminal event each API sends is
checked per API, and APIs not listed here are not checked.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from toolkit.jsonparse import loads
from toolkit.lint.analysis import analysis_of, request_json
from toolkit.lint.finding import Hit
from toolkit.lint.locate import at_body
from toolkit.lint.rule import Example, LintContext, Rule, RuleDocs
from toolkit.lint.rules.examples import GOOD, vcrpy_cassette
from toolkit.model import Interaction

if TYPE_CHECKING:
    from toolkit.llm import Analysis

__all__ = ["RULES", "stream_is_complete"]

_CRC = frozenset({"bad-crc"})


def check_malformed(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    yield from _problems(context, lambda kind: kind not in _CRC, "malformed")


def check_crc(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    yield from _problems(context, lambda kind: kind in _CRC, "crc")


def _problems(context: LintContext, wanted: Callable[[str], bool], key: str) -> Iterator[Hit]:
    for interaction in context.cassette.interactions:
        stream = analysis_of(context, interaction).stream
        if stream is None:
            continue
        problems = [p for p in stream.problems if wanted(p.kind)]
        if problems:
            first = problems[0]
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            message = f"{stream.kind} response stream: {first.message} at byte {first.byte_offset:,}{more}"
            yield at_body(interaction, "response", message, f"response.stream.{key}")


def stream_is_complete(analysis: Analysis) -> bool:
    """False only for a stream of a known API that lacks its terminal event (and no error event)."""
    stream, api = analysis.stream, analysis.route.api
    if stream is None or api is None or not stream.events:
        return True
    expected = _TERMINALS.get((stream.kind or "", api))
    return expected is None or _any_error(stream.events) or expected[1](stream.events)


def check_terminal(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    for interaction in context.cassette.interactions:
        analysis = analysis_of(context, interaction)
        stream, api = analysis.stream, analysis.route.api
        if stream is None or api is None or stream_is_complete(analysis):
            continue
        expected = _TERMINALS[(stream.kind or "", api)]
        yield at_body(
            interaction,
            "response",
            f"{api} stream ends without {expected[0]} after {len(stream.events):,} events: it was cut short",
            "response.stream.terminal",
        )


Events = tuple[Any, ...]


def _data_json(data: str) -> Any:
    if not data.lstrip().startswith("{"):
        return None
    try:
        return loads(data)
    except (ValueError, RecursionError):
        return None


def _any_error(events: Events) -> bool:
    """A stream that reports an error ends there: that is not a truncation."""
    return any(e.event in ("error", "exception") or e.event.endswith("Exception") for e in events[-2:])


def _done(events: Events) -> bool:
    return any(e.data.strip() == "[DONE]" for e in events[-3:])


def _named(*names: str) -> Callable[[Events], bool]:
    def check(events: Events) -> bool:
        for event in events[-4:]:
            kind = event.event
            if kind == "message" or not kind:
                document = _data_json(event.data)
                kind = document.get("type", "") if isinstance(document, dict) else ""
            if kind in names:
                return True
        return False

    return check


def _gemini_finished(events: Events) -> bool:
    for event in events[-3:]:
        document = _data_json(event.data)
        candidates = document.get("candidates") if isinstance(document, dict) else None
        if isinstance(candidates, list) and any(
            isinstance(c, dict) and c.get("finishReason") for c in candidates
        ):
            return True
    return False


def _bedrock_invoke_finished(events: Events) -> bool:
    # Bedrock adds its invocation metrics to the last chunk of every model's stream.
    return any("amazon-bedrock-invocationMetrics" in e.data for e in events[-3:])


def _ollama_finished(events: Events) -> bool:
    document = _data_json(events[-1].data)
    return isinstance(document, dict) and document.get("done") is True


#: (stream kind, API) -> (what the last events must contain, its test).
_TERMINALS: dict[tuple[str, str], tuple[str, Callable[[Events], bool]]] = {
    ("sse", "chat.completions"): ("data: [DONE]", _done),
    ("sse", "completions"): ("data: [DONE]", _done),
    ("sse", "messages"): ("a message_stop event", _named("message_stop")),
    ("sse", "responses"): (
        "response.completed (or .incomplete / .failed)",
        _named("response.completed", "response.incomplete", "response.failed"),
    ),
    ("sse", "generate_content"): ("a candidate with a finishReason", _gemini_finished),
    ("json-array", "generate_content"): ("a candidate with a finishReason", _gemini_finished),
    ("aws-eventstream", "converse"): ("a messageStop event", _named("messageStop", "metadata")),
    ("aws-eventstream", "invoke"): ("the final chunk's invocation metrics", _bedrock_invoke_finished),
    ("sse", "assistants.runs"): ("a done event", _named("done", "thread.run.completed")),
    ("ndjson", "ollama.chat"): ('a chunk with "done": true', _ollama_finished),
    ("sse", "cohere.chat"): ("a message-end or stream-end event", _named("message-end", "stream-end")),
}


def check_tool_arguments(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    for interaction in context.cassette.interactions:
        for name, arguments in _tool_calls(context, interaction):
            problem = _json_problem(arguments)
            if problem is not None:
                yield at_body(
                    interaction,
                    "response",
                    f"tool call {name or '(unnamed)'!r}: its arguments ({len(arguments):,} characters, "
                    f"reassembled) are not valid JSON: {problem}",
                    f"response.tool:{name}",
                )


def _tool_calls(context: LintContext, interaction: Interaction) -> list[tuple[str | None, str]]:
    analysis = analysis_of(context, interaction)
    if (
        analysis.stream is not None
        and analysis.route.api == "chat.completions"
        and _choices(context, interaction) > 1
    ):
        return _chat_stream_calls(analysis.stream.events)
    return [(call.name, call.arguments) for call in analysis.exchange.message.tool_calls]


def _choices(context: LintContext, interaction: Interaction) -> int:
    """The ``n`` a Chat Completions request asked for (1 when absent)."""
    body = request_json(context, interaction)
    n = body.get("n") if isinstance(body, dict) else None
    return n if isinstance(n, int) and not isinstance(n, bool) else 1


def _chat_stream_calls(events: Events) -> list[tuple[str | None, str]]:
    """Chat Completions deltas, reassembled per choice and tool index (``n`` > 1 interleaves choices)."""
    names: dict[tuple[Any, Any], str | None] = {}
    parts: dict[tuple[Any, Any], list[str]] = {}
    for event in events:
        for choice, delta in _tool_deltas(_data_json(event.data)):
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


def _sse(*events: str) -> str:
    """A YAML block scalar holding server-sent events."""
    return "|+\n" + "".join(f"        data: {event}\n\n" for event in events)


_SSE_HEADERS = "      Content-Type:\n      - text/event-stream\n"
_CHUNK = '{"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini-2024-07-18","choices":[%s]}'
_TEXT = _CHUNK % '{"index":0,"delta":{"content":"Hi"},"finish_reason":null}'
_STOP = _CHUNK % '{"index":0,"delta":{},"finish_reason":"stop"}'
_CALL = _CHUNK % (
    '{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function",'
    '"function":{"name":"get_weather","arguments":"{\\"city\\": \\"Ly"}}]},"finish_reason":null}'
)
_CALL_END = _CHUNK % (
    '{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"on\\"}"}}]},"finish_reason":null}'
)
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
_EVENTSTREAM = (
    "!!binary |\n        AAAAXwAAAEsCXeGqCzpldmVudC10eXBlBwAMbWVzc2FnZVN0YXJ0DTpjb250ZW50LXR5cGUHABBh"
    "\n        cHBsaWNhdGlvbi9qc29uDTptZXNzYWdlLXR5cGUHAAVldmVudHsicm9sZSI6ImFzc2lzdGFudCJ9AAAAAA=="
)

RULES: tuple[Rule, ...] = (
    Rule(
        "CT302",
        "malformed-stream",
        "error",
        "A streamed response body cannot be decoded cleanly (cut mid-event, bad framing, invalid JSON line).",
        RuleDocs(
            what="The decoder of the response's stream format reports a problem: server-sent events "
            "that end inside an event (no blank line dispatches the last one) or are not UTF-8; an "
            "AWS event stream frame that is truncated or has impossible lengths or headers; an "
            "NDJSON line that is not JSON. CRC mismatches have their own code (CT304).",
            why="Clients replaying the stream lose the last event or fail to parse it; a stream "
            "cut mid-event is the usual trace of a recording interrupted before the response ended.",
            seen="Recordings interrupted mid-stream; the OpenAI stream in the sample set's "
            "`truncated_sse_stream.yaml` stops inside a `data:` line.",
            failing=Example(_CUT_MID_EVENT),
            passing=Example(_stream_cassette(_TEXT, _STOP, _USAGE, "[DONE]")),
        ),
        check_malformed,
    ),
    Rule(
        "CT303",
        "unterminated-stream",
        "error",
        "A stream ends without its API's terminal event ([DONE], message_stop, response.completed ...).",
        RuleDocs(
            what="A streamed LLM response whose last events lack the terminal event of its API: "
            "`data: [DONE]` (OpenAI-compatible chat and completions), `message_stop` (Anthropic "
            "Messages), `response.completed` / `.incomplete` / `.failed` (OpenAI Responses), a "
            "candidate with a `finishReason` (Gemini), `messageStop` (Bedrock Converse), the "
            "invocation metrics of the last chunk (Bedrock InvokeModel streams), `done` (OpenAI "
            "Assistants runs, Ollama), `message-end` (Cohere). Streams that end with an error "
            "event are not reported.",
            why="The recording stopped before the provider finished: the replayed answer is "
            "incomplete, usage (sent last) is missing, and SDKs may raise or wait for more.",
            seen="Recordings interrupted mid-stream (the sample set's `truncated_sse_stream.yaml` "
            "has an OpenAI stream without `[DONE]` and an Anthropic stream without "
            "`message_stop`); every complete stream in the corpus ends with its terminal event.",
            failing=Example(_stream_cassette(_TEXT, _STOP)),
            passing=Example(_stream_cassette(_TEXT, _STOP, _USAGE, "[DONE]")),
        ),
        check_terminal,
    ),
    Rule(
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
            "corrupted in storage.",
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
    ),
    Rule(
        "CT307",
        "invalid-tool-arguments",
        "error",
        "A tool call's arguments, reassembled from the response, are not valid JSON.",
        RuleDocs(
            what="The arguments of a tool call (OpenAI `function.arguments`, Anthropic "
            "`input_json_delta`, Responses `function_call_arguments.delta`, Bedrock `toolUse`) "
            "concatenated over the stream (or read from the body) do not parse as JSON. Chat "
            "Completions streams of requests with `n` > 1 are reassembled per choice and tool index.",
            why="The application parses the arguments to call its tool: the replayed test fails, "
            "or tests a recovery path by accident; in a stream it usually means events were lost.",
            seen="The sample set's `invalid_tool_call_arguments.yaml` (closing brace never sent); "
            "dd-trace-py's `completion_stream_multiple_choices_with_tools.yaml` interleaves two "
            "choices, which naive reassembly turns into invalid JSON (handled, not reported).",
            failing=Example(_stream_cassette(_CALL, _STOP, "[DONE]")),
            passing=Example(_stream_cassette(_CALL, _CALL_END, _STOP, _USAGE, "[DONE]")),
        ),
        check_tool_arguments,
    ),
)
