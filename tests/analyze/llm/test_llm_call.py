"""read_llm_call(): routing, streamed usage taken from the final report (never summed), messages
reassembled."""

from __future__ import annotations

import base64
import json
import struct
import zlib
from pathlib import Path
from typing import Any

from toolkit.analyze.llm import read_llm_call
from toolkit.analyze.llm.route import route_of
from toolkit.model import Body, Header, Headers, Interaction, Position, Request, Response, Url
from toolkit.read.files import read_file


def exchange(
    url: str,
    request: Any,
    body: bytes,
    content_type: str = "application/json",
    headers: dict[str, str] | None = None,
) -> Interaction:
    req = json.dumps(request).encode() if request is not None else b""
    response_headers = Headers(
        [Header("Content-Type", content_type)] + [Header(k, v) for k, v in (headers or {}).items()]
    )
    return Interaction(
        index=0,
        position=Position(1, 1),
        request=Request("POST", Url.parse(url), Headers(), Body(req, "string", Position(1, 1), req)),
        response=Response(200, "OK", response_headers, Body(body, "string", Position(1, 1), body)),
    )


def sse(*events: Any, done: bool = False, name: bool = False) -> bytes:
    out = []
    for event in events:
        prefix = f"event: {event['type']}\n" if name else ""
        out.append(f"{prefix}data: {json.dumps(event)}\n\n")
    if done:
        out.append("data: [DONE]\n\n")
    return "".join(out).encode()


def test_seed(seed_path: Path) -> None:
    (interaction,) = read_file(str(seed_path)).cassette.interactions
    llm_call = read_llm_call(interaction)
    assert (llm_call.route.provider, llm_call.route.api, llm_call.route.model) == (
        "xai",
        "chat.completions",
        "grok-code-fast-1",
    )
    usage = llm_call.usage
    assert usage is not None
    assert (usage.input_tokens, usage.cache_read_tokens, usage.output_tokens, usage.reasoning_tokens) == (
        429,
        192,
        417,
        373,
    )
    assert (usage.total_tokens, usage.cost_ticks, usage.source) == (846, 6767400, "final stream event")
    assert llm_call.stream is not None and len(llm_call.stream.events) == 48
    assert llm_call.exchange.finish_reason == "tool_calls"
    (call,) = llm_call.exchange.message.tool_calls
    assert (call.name, json.loads(call.arguments)) == (
        "Person",
        {"age": 30, "city": "Paris", "name": "Alice"},
    )
    assert llm_call.exchange.message.reasoning.startswith("The user asks")


def test_openai_stream_takes_the_final_usage_chunk() -> None:
    chunk = {"object": "chat.completion.chunk", "model": "gpt-4.1-mini-2025-04-14"}
    body = sse(
        {**chunk, "choices": [{"index": 0, "delta": {"role": "assistant", "content": "Hel"}}]},
        {**chunk, "choices": [{"index": 0, "delta": {"content": "lo"}, "finish_reason": "stop"}]},
        {**chunk, "choices": [], "usage": {"prompt_tokens": 9, "completion_tokens": 2, "total_tokens": 11}},
        done=True,
    )
    llm_call = read_llm_call(
        exchange(
            "https://api.openai.com/v1/chat/completions",
            {"model": "gpt-4.1-mini", "stream": True},
            body,
            "text/event-stream",
        )
    )
    assert llm_call.usage is not None and (llm_call.usage.input_tokens, llm_call.usage.output_tokens) == (
        9,
        2,
    )
    assert llm_call.exchange.message.text == "Hello"
    assert [c.delta_kind for c in llm_call.chunks] == ["text", "text", "usage", None]
    assert llm_call.exchange.response_model == "gpt-4.1-mini-2025-04-14"


def test_anthropic_stream_merges_message_start_and_delta() -> None:
    body = sse(
        {
            "type": "message_start",
            "message": {
                "model": "claude-sonnet-4-5-20250929",
                "usage": {
                    "input_tokens": 10,
                    "cache_creation_input_tokens": 0,
                    "cache_read_input_tokens": 4000,
                    "output_tokens": 1,
                },
            },
        },
        {
            "type": "content_block_start",
            "index": 0,
            "content_block": {"type": "tool_use", "id": "toolu_01", "name": "weather", "input": {}},
        },
        {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "input_json_delta", "partial_json": '{"city": '},
        },
        {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "input_json_delta", "partial_json": '"Paris"}'},
        },
        {"type": "content_block_stop", "index": 0},
        {"type": "message_delta", "delta": {"stop_reason": "tool_use"}, "usage": {"output_tokens": 25}},
        {"type": "message_delta", "delta": {}, "usage": {"output_tokens": 31}},
        {"type": "message_stop"},
        name=True,
    )
    llm_call = read_llm_call(
        exchange(
            "https://api.anthropic.com/v1/messages",
            {"model": "claude-sonnet-4-5", "stream": True},
            body,
            "text/event-stream",
        )
    )
    usage = llm_call.usage
    assert usage is not None
    assert (usage.input_tokens, usage.cache_read_tokens, usage.output_tokens) == (4010, 4000, 31)
    assert llm_call.exchange.finish_reason == "tool_use"
    (call,) = llm_call.exchange.message.tool_calls
    assert (call.id, call.name, json.loads(call.arguments)) == ("toolu_01", "weather", {"city": "Paris"})


def test_gemini_stream_usage_is_cumulative_not_summed() -> None:
    def chunk(text: str, candidates: int, finish: str | None = None) -> dict[str, Any]:
        candidate: dict[str, Any] = {"content": {"parts": [{"text": text}], "role": "model"}}
        if finish:
            candidate["finishReason"] = finish
        return {
            "candidates": [candidate],
            "modelVersion": "gemini-2.5-flash",
            "usageMetadata": {
                "promptTokenCount": 20,
                "candidatesTokenCount": candidates,
                "thoughtsTokenCount": 30,
                "totalTokenCount": 50 + candidates,
            },
        }

    body = sse(chunk("Bon", 3), chunk("jour", 5, "STOP")).replace(b"\n", b"\r\n")
    url = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"
    llm_call = read_llm_call(exchange(url, {"contents": []}, body, "text/event-stream"))
    assert llm_call.route.model == "gemini-2.5-flash"
    usage = llm_call.usage
    assert usage is not None and (usage.input_tokens, usage.output_tokens, usage.reasoning_tokens) == (
        20,
        35,
        30,
    )
    assert (llm_call.exchange.message.text, llm_call.exchange.finish_reason) == ("Bonjour", "STOP")


def test_gemini_json_array_stream() -> None:
    body = json.dumps(
        [
            {
                "candidates": [{"content": {"parts": [{"text": "a"}]}}],
                "usageMetadata": {"promptTokenCount": 4, "candidatesTokenCount": 1},
            },
            {
                "candidates": [{"content": {"parts": [{"text": "b"}]}, "finishReason": "STOP"}],
                "usageMetadata": {"promptTokenCount": 4, "candidatesTokenCount": 2},
            },
        ]
    ).encode()
    url = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent"
    llm_call = read_llm_call(exchange(url, {}, body))
    assert llm_call.stream is not None and llm_call.stream.kind == "json-array"
    assert llm_call.usage is not None and llm_call.usage.output_tokens == 2


def test_responses_stream_reads_response_completed() -> None:
    body = sse(
        {"type": "response.created", "response": {"model": "gpt-5-2025-08-07", "usage": None}},
        {"type": "response.output_text.delta", "delta": "Hi"},
        {
            "type": "response.completed",
            "response": {
                "model": "gpt-5-2025-08-07",
                "status": "completed",
                "usage": {
                    "input_tokens": 30,
                    "output_tokens": 200,
                    "output_tokens_details": {"reasoning_tokens": 192},
                    "total_tokens": 230,
                },
            },
        },
        name=True,
    )
    llm_call = read_llm_call(
        exchange(
            "https://api.openai.com/v1/responses",
            {"model": "gpt-5", "stream": True},
            body,
            "text/event-stream; charset=utf-8",
        )
    )
    assert llm_call.usage is not None and (llm_call.usage.output_tokens, llm_call.usage.reasoning_tokens) == (
        200,
        192,
    )
    assert llm_call.exchange.finish_reason == "completed"


def frame(headers: dict[str, str], payload: bytes) -> bytes:
    encoded = b"".join(
        bytes([len(k)]) + k.encode() + b"\x07" + struct.pack(">H", len(v)) + v.encode()
        for k, v in headers.items()
    )
    total = 16 + len(encoded) + len(payload)
    prelude = struct.pack(">II", total, len(encoded))
    message = prelude + struct.pack(">I", zlib.crc32(prelude)) + encoded + payload
    return message + struct.pack(">I", zlib.crc32(message))


def test_bedrock_converse_stream_metadata_usage() -> None:
    def event(name: str, payload: dict[str, Any]) -> bytes:
        return frame(
            {":event-type": name, ":content-type": "application/json", ":message-type": "event"},
            json.dumps(payload).encode(),
        )

    body = b"".join(
        [
            event("messageStart", {"role": "assistant"}),
            event("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": "Hello"}}),
            event("messageStop", {"stopReason": "end_turn"}),
            event(
                "metadata",
                {
                    "usage": {
                        "inputTokens": 12,
                        "outputTokens": 3,
                        "totalTokens": 15,
                        "cacheReadInputTokens": 100,
                    },
                    "metrics": {"latencyMs": 400},
                },
            ),
        ]
    )
    url = "https://bedrock-runtime.us-east-1.amazonaws.com/model/us.anthropic.claude-haiku-4-5-20251001-v1%3A0/converse-stream"
    llm_call = read_llm_call(exchange(url, {"messages": []}, body, "**REDACTED**"))
    assert (llm_call.route.provider, llm_call.route.api) == ("bedrock", "converse")
    assert llm_call.route.model == "us.anthropic.claude-haiku-4-5-20251001-v1:0"
    assert llm_call.usage is not None and (llm_call.usage.input_tokens, llm_call.usage.output_tokens) == (
        112,
        3,
    )
    assert (llm_call.exchange.message.text, llm_call.exchange.finish_reason) == ("Hello", "end_turn")


def test_bedrock_invoke_stream_uses_invocation_metrics() -> None:
    def chunk(inner: dict[str, Any]) -> bytes:
        payload = json.dumps({"bytes": base64.b64encode(json.dumps(inner).encode()).decode()}).encode()
        return frame(
            {":event-type": "chunk", ":content-type": "application/json", ":message-type": "event"}, payload
        )

    body = b"".join(
        [
            chunk(
                {
                    "type": "message_start",
                    "message": {"model": "claude-3-haiku", "usage": {"input_tokens": 14, "output_tokens": 1}},
                }
            ),
            chunk(
                {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Yes"}}
            ),
            chunk(
                {"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": 2}}
            ),
            chunk(
                {
                    "type": "message_stop",
                    "amazon-bedrock-invocationMetrics": {"inputTokenCount": 14, "outputTokenCount": 2},
                }
            ),
        ]
    )
    url = "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1:0/invoke-with-response-stream"
    llm_call = read_llm_call(exchange(url, {"messages": []}, body, "application/vnd.amazon.eventstream"))
    assert llm_call.usage is not None and (llm_call.usage.input_tokens, llm_call.usage.output_tokens) == (
        14,
        2,
    )
    assert llm_call.exchange.message.text == "Yes"


def test_bedrock_headers_when_the_body_has_no_usage() -> None:
    url = "https://bedrock-runtime.us-east-1.amazonaws.com/model/cohere.command-light-text-v14/invoke"
    llm_call = read_llm_call(
        exchange(
            url,
            {"prompt": "hi"},
            b'{"generations": [{"text": "hello"}]}',
            headers={"X-Amzn-Bedrock-Input-Token-Count": "5", "X-Amzn-Bedrock-Output-Token-Count": "2"},
        )
    )
    assert llm_call.usage is not None
    assert (llm_call.usage.input_tokens, llm_call.usage.output_tokens, llm_call.usage.source) == (
        5,
        2,
        "headers",
    )


def test_non_llm_traffic_has_no_api_and_no_usage() -> None:
    llm_call = read_llm_call(
        exchange("https://pdfobject.com/pdf/sample.pdf", None, b"%PDF-1.4", "application/pdf")
    )
    assert (llm_call.route.provider, llm_call.route.api, llm_call.usage) == (None, None, None)


def test_routes() -> None:
    def route(url: str, body: Any = None) -> tuple[str | None, str | None, str | None]:
        r = route_of(exchange(url, body, b""), body)
        return r.provider, r.api, r.model

    assert route(
        "https://x.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions?api-version=1"
    ) == ("azure", "chat.completions", "gpt-4o-mini")
    assert route(
        "https://us-east5-aiplatform.googleapis.com/v1/projects/p/locations/us-east5/publishers/anthropic/"
        "models/claude-sonnet-4@20250514:streamRawPredict"
    ) == ("anthropic-vertex", "messages", "claude-sonnet-4@20250514")
    assert route("http://localhost:11434/v1/chat/completions", {"model": "llama3.2"}) == (
        "ollama",
        "chat.completions",
        "llama3.2",
    )
    assert route("https://my-gateway.example/v1/chat/completions", {"model": "m"}) == (
        "openai-compatible",
        "chat.completions",
        "m",
    )
    assert route("https://api.anthropic.com/v1/messages/count_tokens", {"model": "claude"}) == (
        "anthropic",
        None,
        "claude",
    )
    assert route("https://api.openai.com/v1/files") == ("openai", None, None)
