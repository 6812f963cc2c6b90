"""Write the sample and hostile cassettes whose bytes cannot be typed by hand.

Covers the AWS event-stream bodies (Bedrock), gzip-compressed bodies, the gzip-compressed
YAML cassette, Ruby VCR base64 bodies, and the binary hostile files. Everything is fixed
(ids, timestamps, gzip mtime=0), so running it again reproduces the same bytes for a given
zlib build:

    python tests/data/generate_samples.py            # rewrite the committed files
    python tests/data/generate_samples.py --check    # fail if a committed file differs

``big_body_cassette`` and ``many_interactions_cassette`` build the large inputs that are
too big to commit; tests call them into a temporary directory.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import io
import json
import struct
import sys
import zlib
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_cassettes"
HOSTILE = ROOT / "tests" / "data" / "hostile"

PADDING = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


# --- helpers


def compact(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def eventstream_frame(headers: list[tuple[str, str]], payload: bytes) -> bytes:
    """One AWS event-stream message; every header is a string (type 7)."""
    hdr = b"".join(
        bytes([len(n.encode())]) + n.encode() + b"\x07" + struct.pack(">H", len(v.encode())) + v.encode()
        for n, v in headers
    )
    total = 4 + 4 + 4 + len(hdr) + len(payload) + 4
    prelude = struct.pack(">II", total, len(hdr))
    head = prelude + struct.pack(">I", zlib.crc32(prelude)) + hdr + payload
    return head + struct.pack(">I", zlib.crc32(head))


def event_headers(event_type: str) -> list[tuple[str, str]]:
    return [
        (":event-type", event_type),
        (":content-type", "application/json"),
        (":message-type", "event"),
    ]


def invoke_chunk(inner: dict[str, Any], pad: int) -> bytes:
    """An invoke-with-response-stream ``chunk`` frame wrapping one Anthropic event."""
    b64 = base64.b64encode(compact(inner).encode()).decode()
    payload = compact({"bytes": b64, "p": PADDING[:pad]}).encode()
    return eventstream_frame(event_headers("chunk"), payload)


def converse_event(event_type: str, body: dict[str, Any], pad: int) -> bytes:
    payload = json.dumps({**body, "p": PADDING[:pad]}, separators=(",", ":"), sort_keys=True).encode()
    return eventstream_frame(event_headers(event_type), payload)


def gzip_http(data: bytes) -> bytes:
    """gzip as an HTTP server writes it: mtime 0, OS byte 3 (zlib's own header)."""
    co = zlib.compressobj(6, zlib.DEFLATED, 31)
    return co.compress(data) + co.flush()


class VcrpyDumper(yaml.SafeDumper):
    """Dumps like vcrpy: sorted keys, bytes as ``!!binary``, default width."""

    def ignore_aliases(self, data: Any) -> bool:  # recorders never write anchors
        return True


VcrpyDumper.add_representer(bytes, lambda d, b: d.represent_binary(b))


def vcrpy_yaml(cassette: dict[str, Any]) -> str:
    return yaml.dump(cassette, Dumper=VcrpyDumper)


class RubyBinary(bytes):
    """A Ruby ASCII-8BIT string that Psych writes as ``!binary |-`` (one base64 line)."""


class PsychDumper(yaml.SafeDumper):
    """Approximates Ruby Psych's layout: insertion order, ``---`` header, width 80."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


PsychDumper.add_representer(
    str,
    lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style="|" if "\n" in s else None),
)
PsychDumper.add_representer(
    RubyBinary, lambda d, b: d.represent_scalar("!binary", base64.b64encode(b).decode(), style="|")
)


def ruby_yaml(cassette: dict[str, Any]) -> str:
    text = yaml.dump(cassette, Dumper=PsychDumper, sort_keys=False, explicit_start=True, allow_unicode=True)
    return text.replace("- '*/*'", '- "*/*"')  # Psych double-quotes this one


def encode64(data: bytes) -> str:
    """Ruby's Base64.encode64: 60 characters a line, each ending in a newline."""
    flat = base64.b64encode(data).decode()
    return "".join(flat[i : i + 60] + "\n" for i in range(0, len(flat), 60))


# --- Bedrock (vcrpy)

BOTO_UA = (
    "Boto3/1.40.55 md/Botocore#1.40.55 ua/2.1 os/linux#6.8.0-87-generic md/arch#x86_64 "
    "lang/python#3.12.7 md/pyimpl#CPython m/Z,b,D cfg/retry-mode#legacy Botocore/1.40.55"
)

INVOKE_USAGE_START = {
    "input_tokens": 38,
    "cache_creation_input_tokens": 0,
    "cache_read_input_tokens": 0,
    "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
    "output_tokens": 1,
}
INVOKE_USAGE_DELTA = {"output_tokens": 46}
INVOKE_METRICS = {
    "inputTokenCount": 38,
    "outputTokenCount": 46,
    "invocationLatency": 1187,
    "firstByteLatency": 402,
}
CONVERSE_USAGE = {"inputTokens": 45, "outputTokens": 37, "totalTokens": 82}
CONVERSE_METRICS = {"latencyMs": 612}


def invoke_stream_body() -> bytes:
    model = "claude-haiku-4-5-20251001"
    texts = [
        "A lighthouse keeper",
        " in 1890 tended the lamp, wound the clockwork lens every four hours",
        " and logged each passing ship",
        " by hand, often alone for weeks at a time.",
    ]
    events: list[dict[str, Any]] = [
        {
            "type": "message_start",
            "message": {
                "model": model,
                "id": "msg_bdrk_01Vq7xKf3RmT9wLpNc2YhD8a",
                "type": "message",
                "role": "assistant",
                "content": [],
                "stop_reason": None,
                "stop_sequence": None,
                "usage": INVOKE_USAGE_START,
            },
        },
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        *(
            {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": t}}
            for t in texts
        ),
        {"type": "content_block_stop", "index": 0},
        {
            "type": "message_delta",
            "delta": {"stop_reason": "end_turn", "stop_sequence": None},
            "usage": INVOKE_USAGE_DELTA,
        },
        {"type": "message_stop", "amazon-bedrock-invocationMetrics": INVOKE_METRICS},
    ]
    pads = [31, 52, 7, 23, 44, 12, 38, 19, 5]
    return b"".join(invoke_chunk(e, p) for e, p in zip(events, pads, strict=True))


def converse_stream_body() -> bytes:
    texts = [
        "Tides are caused",
        " mainly by the Moon's gravity",
        " pulling on the oceans,",
        " with the Sun",
        " adding a smaller pull.",
    ]
    frames = [converse_event("messageStart", {"role": "assistant"}, 9)]
    pads = [14, 3, 27, 18, 6]
    frames += [
        converse_event("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": t}}, p)
        for t, p in zip(texts, pads, strict=True)
    ]
    frames += [
        converse_event("contentBlockStop", {"contentBlockIndex": 0}, 21),
        converse_event("messageStop", {"stopReason": "end_turn"}, 16),
        converse_event("metadata", {"metrics": CONVERSE_METRICS, "usage": CONVERSE_USAGE}, 11),
    ]
    return b"".join(frames)


def bedrock_request_headers(length: int, date: str, invocation: str) -> dict[str, list[Any]]:
    return {
        "Content-Length": [str(length)],
        "Content-Type": [b"application/json"],
        "User-Agent": [BOTO_UA.encode()],
        "X-Amz-Date": [date.encode()],
        "amz-sdk-invocation-id": [invocation.encode()],
        "amz-sdk-request": [b"attempt=1"],
    }


INVOKE_MODEL_ID = "eu.anthropic.claude-haiku-4-5-20251001-v1%3A0"


def bedrock_sample() -> str:
    region_host = "https://bedrock-runtime.eu-central-1.amazonaws.com"
    invoke_req = json.dumps(
        {
            "anthropic_version": "bedrock-2023-05-31",
            "max_tokens": 512,
            "messages": [
                {
                    "role": "user",
                    "content": "Describe a lighthouse keeper's day in 1890 in one sentence.",
                }
            ],
        }
    )
    converse_req = json.dumps(
        {
            "messages": [{"role": "user", "content": [{"text": "What causes ocean tides? One sentence."}]}],
            "inferenceConfig": {"maxTokens": 300, "temperature": 0.5},
        }
    )
    interactions = [
        {
            "request": {
                "body": invoke_req,
                "headers": {
                    **bedrock_request_headers(
                        len(invoke_req.encode()),
                        "20251118T103358Z",
                        "2f1c9a4e-7b3d-4e8a-9c61-5d0b8e2a7f13",
                    ),
                    "X-Amzn-Bedrock-Accept": [b"application/json"],
                },
                "method": "POST",
                "uri": f"{region_host}/model/{INVOKE_MODEL_ID}/invoke-with-response-stream",
            },
            "response": {
                "body": {"string": invoke_stream_body()},
                "headers": {
                    "Connection": ["keep-alive"],
                    "Content-Type": ["application/vnd.amazon.eventstream"],
                    "Date": ["Tue, 18 Nov 2025 10:33:59 GMT"],
                    "Transfer-Encoding": ["chunked"],
                    "X-Amzn-Bedrock-Content-Type": ["application/json"],
                    "x-amzn-RequestId": ["8d3e6b1a-42f0-4c7e-a9d5-1b7f0c3e9a26"],
                },
                "status": {"code": 200, "message": "OK"},
            },
        },
        {
            "request": {
                "body": converse_req,
                "headers": bedrock_request_headers(
                    len(converse_req.encode()),
                    "20251118T103402Z",
                    "b7e40d19-6a2c-4f35-8e07-c9a1d3f5b682",
                ),
                "method": "POST",
                "uri": f"{region_host}/model/eu.amazon.nova-lite-v1%3A0/converse-stream",
            },
            "response": {
                "body": {"string": converse_stream_body()},
                "headers": {
                    "Connection": ["keep-alive"],
                    "Content-Type": ["application/vnd.amazon.eventstream"],
                    "Date": ["Tue, 18 Nov 2025 10:34:02 GMT"],
                    "Transfer-Encoding": ["chunked"],
                    "x-amzn-RequestId": ["e51a0c7d-93b4-4d2f-b6e8-2a9f17c04d5b"],
                },
                "status": {"code": 200, "message": "OK"},
            },
        },
    ]
    return vcrpy_yaml({"interactions": interactions, "version": 1})


# --- gzip body (vcrpy)

RESPONSES_GZIP_USAGE = {
    "input_tokens": 19,
    "input_tokens_details": {"cached_tokens": 0},
    "output_tokens": 91,
    "output_tokens_details": {"reasoning_tokens": 64},
    "total_tokens": 110,
}


def responses_json() -> bytes:
    rid = "resp_0c5e1f2a9b7d4e3c006924a1b83f4c8190a6d2e5f7b9c1d3e5"
    text = "Store flour in an airtight container in a cool, dark cupboard and use it within six months."
    body = {
        "id": rid,
        "object": "response",
        "created_at": 1763997361,
        "status": "completed",
        "background": False,
        "billing": {"payer": "developer"},
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "max_output_tokens": None,
        "max_tool_calls": None,
        "model": "gpt-5-nano-2025-08-07",
        "output": [
            {
                "id": "rs_0c5e1f2a9b7d4e3c006924a1b8d2e08190b4a6c8e0f2a4b6c8",
                "type": "reasoning",
                "summary": [],
            },
            {
                "id": "msg_0c5e1f2a9b7d4e3c006924a1b9a7c48190c2e4f6a8b0d2f4a6",
                "type": "message",
                "status": "completed",
                "content": [{"type": "output_text", "annotations": [], "logprobs": [], "text": text}],
                "role": "assistant",
            },
        ],
        "parallel_tool_calls": True,
        "previous_response_id": None,
        "prompt_cache_key": None,
        "reasoning": {"effort": "low", "summary": None},
        "safety_identifier": None,
        "service_tier": "default",
        "store": True,
        "temperature": 1.0,
        "text": {"format": {"type": "text"}, "verbosity": "medium"},
        "tool_choice": "auto",
        "tools": [],
        "top_logprobs": 0,
        "top_p": 1.0,
        "truncation": "disabled",
        "usage": RESPONSES_GZIP_USAGE,
        "user": None,
        "metadata": {},
    }
    return (json.dumps(body, indent=2) + "\n").encode()


def openai_request_headers(length: int) -> dict[str, list[str]]:
    return {
        "accept": ["application/json"],
        "accept-encoding": ["gzip, deflate"],
        "connection": ["keep-alive"],
        "content-length": [str(length)],
        "content-type": ["application/json"],
        "host": ["api.openai.com"],
        "user-agent": ["OpenAI/Python 2.8.1"],
        "x-stainless-arch": ["x64"],
        "x-stainless-async": ["false"],
        "x-stainless-lang": ["python"],
        "x-stainless-os": ["Linux"],
        "x-stainless-package-version": ["2.8.1"],
        "x-stainless-read-timeout": ["600"],
        "x-stainless-retry-count": ["0"],
        "x-stainless-runtime": ["CPython"],
        "x-stainless-runtime-version": ["3.12.7"],
    }


def gzip_sample() -> str:
    req = json.dumps(
        {
            "input": "How should I store flour? One sentence.",
            "model": "gpt-5-nano",
            "reasoning": {"effort": "low"},
        },
        separators=(",", ":"),
    )
    interaction = {
        "request": {
            "body": req,
            "headers": openai_request_headers(len(req)),
            "method": "POST",
            "uri": "https://api.openai.com/v1/responses",
        },
        "response": {
            "body": {"string": gzip_http(responses_json())},
            "headers": {
                "alt-svc": ['h3=":443"; ma=86400'],
                "cf-cache-status": ["DYNAMIC"],
                "cf-ray": ["9a3f6c2e1d8b4a70-DUB"],
                "connection": ["keep-alive"],
                "content-encoding": ["gzip"],
                "content-type": ["application/json"],
                "date": ["Mon, 24 Nov 2025 15:16:03 GMT"],
                "openai-organization": ["acme-ml"],
                "openai-processing-ms": ["1822"],
                "openai-project": ["proj_Qm3xT8vLw2Rk9Zp4Nc7Yh1Ds"],
                "openai-version": ["2020-10-01"],
                "server": ["cloudflare"],
                "strict-transport-security": ["max-age=31536000; includeSubDomains; preload"],
                "transfer-encoding": ["chunked"],
                "vary": ["Accept-Encoding"],
                "x-content-type-options": ["nosniff"],
                "x-envoy-upstream-service-time": ["1836"],
                "x-ratelimit-limit-requests": ["5000"],
                "x-ratelimit-limit-tokens": ["4000000"],
                "x-ratelimit-remaining-requests": ["4999"],
                "x-ratelimit-remaining-tokens": ["3999980"],
                "x-ratelimit-reset-requests": ["12ms"],
                "x-ratelimit-reset-tokens": ["0s"],
                "x-request-id": ["req_5b0e7d2c9a4f41e38d6c2b1a0f9e8d7c"],
            },
            "status": {"code": 200, "message": "OK"},
        },
    }
    return vcrpy_yaml({"interactions": [interaction], "version": 1})


# --- Ruby VCR

EMBED_USAGE = {"prompt_tokens": 10, "total_tokens": 10}
COHERE_USAGE = {
    "billed_units": {"input_tokens": 21, "output_tokens": 58},
    "tokens": {"input_tokens": 587, "output_tokens": 60},
    "cached_tokens": 0,
}


def ruby_request(uri: str, body: str, auth: str) -> dict[str, Any]:
    return {
        "method": "post",
        "uri": uri,
        "body": {"encoding": "UTF-8", "string": body},
        "headers": {
            "Content-Type": ["application/json"],
            "Authorization": [auth],
            "Accept-Encoding": ["gzip;q=1.0,deflate;q=0.6,identity;q=0.3"],
            "Accept": ["*/*"],
            "User-Agent": ["Ruby"],
        },
    }


def ruby_embeddings_sample() -> str:
    vectors = [
        [0.412871, -0.318244, 0.094317, 0.551902, -0.201466, 0.337015, -0.468223, 0.154870],
        [-0.129054, 0.602391, -0.277816, 0.048263, 0.419530, -0.356102, 0.211748, -0.389617],
    ]
    body = {
        "object": "list",
        "data": [{"object": "embedding", "index": i, "embedding": v} for i, v in enumerate(vectors)],
        "model": "text-embedding-3-small",
        "usage": EMBED_USAGE,
    }
    raw = (json.dumps(body, indent=2) + "\n").encode()
    req = compact(
        {
            "model": "text-embedding-3-small",
            "input": ["The quick brown fox", "jumps over the lazy dog"],
            "dimensions": 8,
        }
    )
    cassette = {
        "http_interactions": [
            {
                "request": ruby_request(
                    "https://api.openai.com/v1/embeddings", req, "Bearer <OPENAI_ACCESS_TOKEN>"
                ),
                "response": {
                    "status": {"code": 200, "message": "OK"},
                    "headers": {
                        "Date": ["Thu, 09 Oct 2025 08:14:27 GMT"],
                        "Content-Type": ["application/json"],
                        "Transfer-Encoding": ["chunked"],
                        "Connection": ["keep-alive"],
                        "Access-Control-Allow-Origin": ["*"],
                        "Access-Control-Expose-Headers": ["X-Request-ID"],
                        "Openai-Model": ["text-embedding-3-small"],
                        "Openai-Organization": ["acme-ml"],
                        "Openai-Processing-Ms": ["61"],
                        "Openai-Project": ["proj_Hs4kW9nQ2xT7Lm1Vb8Rc3Pz6"],
                        "Openai-Version": ["2020-10-01"],
                        "Strict-Transport-Security": ["max-age=31536000; includeSubDomains; preload"],
                        "X-Ratelimit-Limit-Requests": ["3000"],
                        "X-Ratelimit-Limit-Tokens": ["1000000"],
                        "X-Ratelimit-Remaining-Requests": ["2999"],
                        "X-Ratelimit-Remaining-Tokens": ["999990"],
                        "X-Ratelimit-Reset-Requests": ["20ms"],
                        "X-Ratelimit-Reset-Tokens": ["0s"],
                        "X-Request-Id": ["req_7c2d9e4b1a6f40e58b3c7d2e9f1a4b6c"],
                        "Cf-Cache-Status": ["DYNAMIC"],
                        "Server": ["cloudflare"],
                        "Cf-Ray": ["98c41e7a5b2d6f03-FRA"],
                        "Alt-Svc": ['h3=":443"; ma=86400'],
                    },
                    "body": {"encoding": "ASCII-8BIT", "base64_string": encode64(raw)},
                },
                "recorded_at": "Thu, 09 Oct 2025 08:14:27 GMT",
            }
        ],
        "recorded_with": "VCR 6.3.1",
    }
    return ruby_yaml(cassette)


def ruby_cohere_sample() -> str:
    text = (
        "A classic crème brûlée needs only cream, egg yolks, sugar and vanilla. "
        "Bake the custard gently in a water bath at 150 °C until just set, chill it, "
        "then caramelise a thin layer of sugar on top."
    )
    body = compact(
        {
            "id": "5c81e0f2-3b7a-4d96-a4e1-7f2c09d8b3a5",
            "message": {"role": "assistant", "content": [{"type": "text", "text": text}]},
            "finish_reason": "COMPLETE",
            "usage": COHERE_USAGE,
        }
    ).encode()
    req = compact(
        {
            "model": "command-a-03-2025",
            "messages": [{"role": "user", "content": "How do I make crème brûlée? Two sentences."}],
            "temperature": 0.3,
        }
    )
    cassette = {
        "http_interactions": [
            {
                "request": ruby_request("https://api.cohere.com/v2/chat", req, "Bearer <COHERE_API_KEY>"),
                "response": {
                    "status": {"code": 200, "message": "OK"},
                    "headers": {
                        "Access-Control-Expose-Headers": ["X-Debug-Trace-ID"],
                        "Cache-Control": [
                            "no-cache, no-store, no-transform, must-revalidate, private, max-age=0"
                        ],
                        "Content-Type": ["application/json"],
                        "Expires": ["Thu, 01 Jan 1970 00:00:00 UTC"],
                        "Pragma": ["no-cache"],
                        "Vary": ["Origin"],
                        "X-Accel-Expires": ["0"],
                        "X-Debug-Trace-Id": ["3e9b7c1d5a2f48e6b0c4d8a2f6e1b9c3"],
                        "X-Endpoint-Monthly-Call-Limit": ["1000"],
                        "X-Trial-Endpoint-Call-Limit": ["20"],
                        "X-Trial-Endpoint-Call-Remaining": ["19"],
                        "Num_chars": ["231"],
                        "Num_tokens": ["79"],
                        "Date": ["Wed, 05 Nov 2025 19:42:10 GMT"],
                        "Content-Length": [str(len(body))],
                        "X-Envoy-Upstream-Service-Time": ["1874"],
                        "Server": ["envoy"],
                        "Via": ["1.1 google"],
                        "Alt-Svc": ['h3=":443"; ma=2592000,h3-29=":443"; ma=2592000'],
                    },
                    "body": {"encoding": "ASCII-8BIT", "string": RubyBinary(body)},
                },
                "recorded_at": "Wed, 05 Nov 2025 19:42:10 GMT",
            }
        ],
        "recorded_with": "VCR 6.3.1",
    }
    return ruby_yaml(cassette)


# --- langchain-style .yaml.gz

CONVERSE_USAGE_1 = {
    "cacheReadInputTokenCount": 0,
    "cacheReadInputTokens": 0,
    "cacheWriteInputTokenCount": 0,
    "cacheWriteInputTokens": 0,
    "inputTokens": 402,
    "outputTokens": 71,
    "totalTokens": 473,
}
CONVERSE_USAGE_2 = {**CONVERSE_USAGE_1, "inputTokens": 497, "outputTokens": 48, "totalTokens": 545}


def langchain_sample() -> bytes:
    model_uri = "https://bedrock-runtime.us-west-2.amazonaws.com/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse"
    tool = {
        "toolSpec": {
            "name": "get_weather",
            "description": "Get the current weather for a city.",
            "inputSchema": {
                "json": {
                    "type": "object",
                    "properties": {"city": {"type": "string", "description": "City name"}},
                    "required": ["city"],
                }
            },
        }
    }
    user = {"role": "user", "content": [{"text": "Should I take an umbrella in Porto today?"}]}
    tool_use = {
        "toolUseId": "tooluse_Xk4fR9TqW2mLp7vNc3sYbA",
        "name": "get_weather",
        "input": {"city": "Porto"},
    }
    assistant = {
        "role": "assistant",
        "content": [{"text": "Let me check the weather in Porto."}, {"toolUse": tool_use}],
    }
    result = {
        "role": "user",
        "content": [
            {
                "toolResult": {
                    "toolUseId": tool_use["toolUseId"],
                    "content": [{"text": "Light rain, 14 °C, 80% chance of showers until 18:00."}],
                    "status": "success",
                }
            }
        ],
    }
    final = (
        "Yes, take an umbrella: Porto has light rain and an 80% chance of showers "
        "until 18:00, at about 14 °C."
    )
    bodies = [
        {
            "messages": [user],
            "system": [],
            "inferenceConfig": {"maxTokens": 1024},
            "toolConfig": {"tools": [tool]},
        },
        {
            "messages": [user, assistant, result],
            "system": [],
            "inferenceConfig": {"maxTokens": 1024},
            "toolConfig": {"tools": [tool]},
        },
    ]
    responses = [
        {
            "metrics": {"latencyMs": 1873},
            "output": {"message": assistant},
            "stopReason": "tool_use",
            "usage": CONVERSE_USAGE_1,
        },
        {
            "metrics": {"latencyMs": 1320},
            "output": {"message": {"role": "assistant", "content": [{"text": final}]}},
            "stopReason": "end_turn",
            "usage": CONVERSE_USAGE_2,
        },
    ]
    redacted = ["**REDACTED**"]
    requests = [
        {
            "body": json.dumps(b).encode(),
            "headers": {
                "Content-Length": redacted,
                "Content-Type": redacted,
                "User-Agent": redacted,
                "amz-sdk-invocation-id": redacted,
                "amz-sdk-request": redacted,
                "authorization": redacted,
            },
            "method": "POST",
            "uri": model_uri,
        }
        for b in bodies
    ]
    resps = [
        {
            "body": {"string": compact(r).encode()},
            "headers": {
                "Connection": "**REDACTED**",
                "Content-Length": "**REDACTED**",
                "Content-Type": "**REDACTED**",
                "Date": "**REDACTED**",
                "x-amzn-RequestId": "**REDACTED**",
            },
            "status": {"code": 200, "message": "OK"},
        }
        for r in responses
    ]
    text = vcrpy_yaml({"requests": requests, "responses": resps})
    return gzip.compress(text.encode(), mtime=0)


# --- hostile files


def hostile_bad_crc() -> str:
    frames = []
    body = converse_stream_body()
    offset = 0
    while offset < len(body):
        (total,) = struct.unpack(">I", body[offset : offset + 4])
        frames.append(bytearray(body[offset : offset + total]))
        offset += total
    bad = frames[3]
    bad[-4:] = struct.pack(">I", (struct.unpack(">I", bytes(bad[-4:]))[0] ^ 0xDEADBEEF))
    req = json.dumps(
        {"messages": [{"role": "user", "content": [{"text": "What causes ocean tides? One sentence."}]}]}
    )
    return vcrpy_yaml(
        {
            "interactions": [
                {
                    "request": {
                        "body": req,
                        "headers": {
                            "Content-Length": [str(len(req))],
                            "Content-Type": [b"application/json"],
                        },
                        "method": "POST",
                        "uri": "https://bedrock-runtime.eu-central-1.amazonaws.com/model/eu.amazon.nova-lite-v1%3A0/converse-stream",
                    },
                    "response": {
                        "body": {"string": b"".join(bytes(f) for f in frames)},
                        "headers": {"Content-Type": ["application/vnd.amazon.eventstream"]},
                        "status": {"code": 200, "message": "OK"},
                    },
                }
            ],
            "version": 1,
        }
    )


def _chat_json() -> bytes:
    return compact(
        {
            "id": "chatcmpl-Cq8vN2kT5wXz1bRf7yLm3dHs9PaQe",
            "object": "chat.completion",
            "created": 1764085211,
            "model": "gpt-4.1-mini-2025-04-14",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": "Hello!"},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 9, "completion_tokens": 2, "total_tokens": 11},
        }
    ).encode()


def _gzip_interaction(body: bytes) -> dict[str, Any]:
    req = '{"messages":[{"role":"user","content":"Say hello."}],"model":"gpt-4.1-mini"}'
    return {
        "request": {
            "body": req,
            "headers": {"content-type": ["application/json"], "host": ["api.openai.com"]},
            "method": "POST",
            "uri": "https://api.openai.com/v1/chat/completions",
        },
        "response": {
            "body": {"string": body},
            "headers": {"content-encoding": ["gzip"], "content-type": ["application/json"]},
            "status": {"code": 200, "message": "OK"},
        },
    }


def hostile_corrupt_gzip() -> str:
    good = bytearray(gzip_http(_chat_json()))
    good[30:38] = b"\xff" * 8  # garbage in the middle of the deflate stream
    return vcrpy_yaml({"interactions": [_gzip_interaction(bytes(good))], "version": 1})


def hostile_deep_json(depth: int = 100_000) -> str:
    """A response body of ``depth`` nested ``[`` (never closed) under application/json."""
    interaction = _gzip_interaction(b"")
    interaction["response"]["body"] = {"string": "[" * depth}
    interaction["response"]["headers"] = {"content-type": ["application/json"]}
    return vcrpy_yaml({"interactions": [interaction], "version": 1})


def gzip_of_zeros(size: int) -> bytes:
    co = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(1 << 20)
    out = io.BytesIO()
    full, rest = divmod(size, len(chunk))
    for _ in range(full):
        out.write(co.compress(chunk))
    out.write(co.compress(chunk[:rest]))
    out.write(co.flush())
    return out.getvalue()


GZIP_BOMB_SIZE = 1_000_000_000  # 1 GB of zeros once decompressed


def hostile_gzip_bomb() -> str:
    return vcrpy_yaml({"interactions": [_gzip_interaction(gzip_of_zeros(GZIP_BOMB_SIZE))], "version": 1})


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    w = h = 16
    rows = b"".join(b"\x00" + b"".join(bytes((x * 16, y * 16, 128)) for x in range(w)) for y in range(h))
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def hostile_invalid_utf8() -> bytes:
    text = (
        "interactions:\n"
        "- request:\n"
        '    body: \'{"model":"gpt-4.1-mini","messages":'
        '[{"role":"user","content":"Translate caf\u00e9"}]}\'\n'
        "    headers:\n"
        "      content-type:\n"
        "      - application/json\n"
        "    method: POST\n"
        "    uri: https://api.openai.com/v1/chat/completions\n"
        "  response:\n"
        "    body:\n"
        '      string: \'{"choices":[{"index":0,"message":'
        '{"role":"assistant","content":"@@BAD@@"},"finish_reason":"stop"}]}\'\n'
        "    headers:\n"
        "      content-type:\n"
        "      - application/json\n"
        "    status:\n"
        "      code: 200\n"
        "      message: OK\n"
        "version: 1\n"
    ).encode()
    # Latin-1 "café", a lone continuation byte, a truncated 3-byte sequence and 0xFF.
    return text.replace(b"@@BAD@@", b"caf\xe9 \x80 \xe2\x82 \xff")


def hostile_bom_crlf() -> bytes:
    req = '{"messages":[{"content":"Say hi in Dutch","role":"user"}],"model":"gpt-4.1-nano"}'
    resp = compact(
        {
            "id": "chatcmpl-Cr2mT7bVx9LqW4nZk1yHs6dFp3JeR",
            "object": "chat.completion",
            "created": 1764171840,
            "model": "gpt-4.1-nano-2025-04-14",
            "choices": [
                {
                    "index": 0,
                    "message": {
                        "role": "assistant",
                        "content": "Hallo!",
                        "refusal": None,
                        "annotations": [],
                    },
                    "logprobs": None,
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 11, "completion_tokens": 3, "total_tokens": 14},
            "service_tier": "default",
            "system_fingerprint": "fp_7c233bf9d1",
        }
    )
    lines = [
        "---",
        "version: 2",
        "interactions:",
        "- id: 0",
        "  request:",
        "    proto: HTTP/1.1",
        "    proto_major: 1",
        "    proto_minor: 1",
        f"    content_length: {len(req)}",
        '    host: ""',
        "    body: '" + req + "'",
        "    headers:",
        "      Accept:",
        "      - application/json",
        "      Content-Type:",
        "      - application/json",
        "    url: https://api.openai.com/v1/chat/completions",
        "    method: POST",
        "  response:",
        "    proto: HTTP/2.0",
        "    proto_major: 2",
        "    proto_minor: 0",
        "    content_length: -1",
        "    uncompressed: true",
        "    body: '" + resp.replace("'", "''") + "'",
        "    headers:",
        "      Content-Type:",
        "      - application/json",
        "    status: 200 OK",
        "    code: 200",
        "    duration: 612.904125ms",
    ]
    return b"\xef\xbb\xbf" + "\r\n".join(lines).encode() + b"\r\n"


# --- big inputs (test time only)


def big_body_cassette(path: Path, size: int = 40 * 1024 * 1024) -> Path:
    """A vcrpy cassette whose one response body is ``size`` bytes of JSON (streamed to disk)."""
    filler = "lorem ipsum dolor sit amet " * 4
    with path.open("w", encoding="utf-8") as f:
        f.write('interactions:\n- request:\n    body: \'{"model":"gpt-4.1-mini"}\'\n    headers: {}\n')
        f.write("    method: POST\n    uri: https://api.openai.com/v1/chat/completions\n  response:\n")
        f.write('    body:\n      string: \'{"filler":"')
        written = len('{"filler":"') + len('"}')
        while written + len(filler) <= size:
            f.write(filler)
            written += len(filler)
        f.write("x" * (size - written))
        f.write("\"}'\n    headers:\n      Content-Type:\n      - application/json\n")
        f.write("    status:\n      code: 200\n      message: OK\nversion: 1\n")
    return path


def many_interactions_cassette(path: Path, n: int = 20_000) -> Path:
    """A go-vcr format 2 cassette with ``n`` small chat-completion interactions."""
    with path.open("w", encoding="utf-8") as f:
        f.write("---\nversion: 2\ninteractions:\n")
        for i in range(n):
            req = compact({"messages": [{"content": f"ping {i}", "role": "user"}], "model": "gpt-4.1-nano"})
            resp = compact(
                {
                    "id": f"chatcmpl-{i:08d}",
                    "object": "chat.completion",
                    "created": 1764000000,
                    "model": "gpt-4.1-nano-2025-04-14",
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": f"pong {i}"},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 9, "completion_tokens": 3, "total_tokens": 12},
                }
            )
            f.write(
                f"- id: {i}\n  request:\n    proto: HTTP/1.1\n"
                "    proto_major: 1\n    proto_minor: 1\n"
                f"    content_length: {len(req)}\n    host: \"\"\n    body: '{req}'\n"
                "    headers:\n      Content-Type:\n      - application/json\n"
                "    url: https://api.openai.com/v1/chat/completions\n    method: POST\n"
                "  response:\n    proto: HTTP/2.0\n    proto_major: 2\n    proto_minor: 0\n"
                f"    content_length: {len(resp)}\n    body: '{resp}'\n"
                "    headers:\n      Content-Type:\n      - application/json\n"
                "    status: 200 OK\n    code: 200\n    duration: 210.5ms\n"
            )
    return path


# --- main


def outputs() -> dict[Path, bytes]:
    def text(s: str) -> bytes:
        return s.encode("utf-8")

    return {
        SAMPLES / "vcrpy_bedrock_eventstream.yaml": text(bedrock_sample()),
        SAMPLES / "vcrpy_openai_responses_gzip.yaml": text(gzip_sample()),
        SAMPLES / "ruby_vcr_openai_embeddings.yml": text(ruby_embeddings_sample()),
        SAMPLES / "ruby_vcr_cohere_chat.yml": text(ruby_cohere_sample()),
        SAMPLES / "langchain_bedrock_converse.yaml.gz": langchain_sample(),
        HOSTILE / "bedrock_bad_crc.yaml": text(hostile_bad_crc()),
        HOSTILE / "corrupt_gzip_body.yaml": text(hostile_corrupt_gzip()),
        HOSTILE / "gzip_bomb.yaml": text(hostile_gzip_bomb()),
        HOSTILE / "deeply_nested_json_body.yaml": text(hostile_deep_json()),
        HOSTILE / "png_named.yaml": png_bytes(),
        HOSTILE / "invalid_utf8.yaml": hostile_invalid_utf8(),
        HOSTILE / "bom_crlf_govcr2.yaml": hostile_bom_crlf(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare with the committed files instead of writing"
    )
    args = parser.parse_args(argv)
    stale = []
    for path, data in outputs().items():
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(path.relative_to(ROOT))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)} ({len(data):,} bytes)")
    for p in stale:
        print(f"differs: {p}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
