"""The data dictionary: every column of every frame, declared once.

Each column has a name, a pandas dtype, a meaning and, where one exists, the
OpenTelemetry attribute (GenAI or HTTP semantic conventions) it corresponds to.
``docs/data-dictionary.md`` is generated from this module and a test checks
that it is current; the frame builders take their column order and dtypes from
here. ``cassette`` + ``interaction`` is the join key of every frame.

This module imports nothing heavy, so the lint path may read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import get_args

from toolkit.analyze.timing import SERVER_TIMING_HEADERS
from toolkit.model import HTTP_FORMATS
from toolkit.problems import Severity

__all__ = ["CHUNKS", "FRAMES", "INTERACTIONS", "PROBLEMS", "USAGE", "Column", "column", "one_of"]


@dataclass(frozen=True, slots=True)
class Column:
    """One declared column."""

    name: str
    dtype: str
    description: str
    otel: str | None = None


def one_of(names: Sequence[str]) -> str:
    """``a, b or c``: the values a column may take, from the sequence that defines them."""
    return f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else "".join(names)


_KEY = (
    Column("cassette", "string", "Path of the cassette file, as given to `load` (join key, part 1)."),
    Column("interaction", "Int64", "0-based position of the interaction in its cassette (join key, part 2)."),
)

INTERACTIONS: tuple[Column, ...] = (
    *_KEY,
    Column("format", "string", f"Cassette dialect: {one_of(HTTP_FORMATS)}."),
    Column("line", "Int64", "1-based line where the interaction starts in the file."),
    Column("column", "Int64", "1-based column where the interaction starts in the file."),
    Column("method", "string", "HTTP request method, upper-case.", "http.request.method"),
    Column("url", "string", "Full request URL as recorded.", "url.full"),
    Column("scheme", "string", "URL scheme (https, http, wss ...).", "url.scheme"),
    Column("host", "string", "Request host, with `:port` when the URL names a port.", "server.address"),
    Column("path", "string", "URL path.", "url.path"),
    Column("query", "string", "URL query string, without the `?`.", "url.query"),
    Column(
        "status_code",
        "Int64",
        "HTTP response status code; NA when not recorded.",
        "http.response.status_code",
    ),
    Column("reason", "string", "HTTP reason phrase, when recorded."),
    Column(
        "is_stream",
        "boolean",
        "The response is an event stream (server-sent events or AWS event stream), known from the "
        "Content-Type or, when it is missing, redacted or generic, from the bytes.",
    ),
    Column(
        "stream_kind",
        "string",
        "How the response body was decoded into chunks: sse, aws-eventstream, ndjson (JSON Lines) or "
        "json-array (Gemini streamGenerateContent without alt=sse); NA when it is one document.",
    ),
    Column("request_content_type", "string", "Media type of the request body, without parameters."),
    Column("response_content_type", "string", "Media type of the response body, without parameters."),
    Column("request_bytes", "Int64", "Size of the decoded request body in bytes.", "http.request.body.size"),
    Column(
        "response_bytes",
        "Int64",
        "Size of the decoded response body in bytes (after Content-Encoding is removed).",
        "http.response.body.size",
    ),
    Column("stored_response_bytes", "Int64", "Size of the response body as stored in the cassette."),
    Column(
        "request_storage",
        "string",
        "How the request body is stored: string, binary (a YAML !!binary / !binary value), base64, "
        "parsed_body (JSON written as YAML data), content, raw (httprr), file (a file named in its "
        "place, R vcr) or absent.",
    ),
    Column("response_storage", "string", "How the response body is stored (as for request_storage)."),
    Column(
        "content_encoding",
        "string",
        "Content-Encoding removed from the stored response body "
        "(gzip, deflate, br, zstd); NA when it was stored decoded.",
    ),
    Column(
        "duration_s",
        "Float64",
        "Recorded response duration in seconds (go-vcr `duration`, HAR `time`); NaN where the "
        "recorder stores none.",
        "http.client.request.duration",
    ),
    Column(
        "server_processing_ms",
        "Float64",
        "Processing time the server reported in a response header, in milliseconds: not the recorded "
        "duration (see server_timing_header); NaN when no header reports one.",
    ),
    Column(
        "server_timing_header",
        "string",
        f"Header server_processing_ms was read from: {one_of(SERVER_TIMING_HEADERS)} (server-timing: "
        "the longest `dur`), the first present in that order; NA when none.",
    ),
    Column(
        "recorded_at",
        "datetime64[ns, UTC]",
        "When the interaction was recorded (Ruby and R VCR `recorded_at`, HAR `startedDateTime`); NaT "
        "where the recorder stores none.",
    ),
    Column(
        "provider",
        "string",
        "Provider serving the request, from the host (openai, anthropic, google, vertex, bedrock, azure, "
        "xai, openrouter ...); NA for traffic that is not an LLM provider's.",
        "gen_ai.provider.name",
    ),
    Column(
        "api",
        "string",
        "API family from the URL path (chat.completions, completions, responses, messages, generate_content, "
        "converse, invoke, embeddings ...); NA when not a model call.",
        "gen_ai.operation.name",
    ),
    Column(
        "model",
        "string",
        "Model requested: the request body's `model`, else the URL path (Gemini / Vertex `models/{model}`, "
        "Bedrock `/model/{id}`, Azure deployment name).",
        "gen_ai.request.model",
    ),
    Column("response_model", "string", "Model named by the response itself.", "gen_ai.response.model"),
    Column(
        "finish_reason",
        "string",
        "Why generation stopped, in the provider's words (stop, length, tool_calls, end_turn, STOP ...).",
        "gen_ai.response.finish_reasons",
    ),
    Column(
        "n_chunks",
        "Int64",
        "Chunks the response was decoded into (SSE events dispatched including `[DONE]`, event-stream "
        "messages, NDJSON lines or JSON-array items); NA when stream_kind is NA.",
    ),
)

CHUNKS: tuple[Column, ...] = (
    *_KEY,
    Column("chunk", "Int64", "0-based position of the event in the response stream."),
    Column("event", "string", "SSE event type (`message` when unnamed) or event-stream `:event-type`."),
    Column("data", "string", "Decoded payload text of the event (for Bedrock chunks, the inner JSON)."),
    Column("type", "string", "The payload's own `type` or `object` field, when it has one."),
    Column(
        "delta_kind",
        "string",
        "What the event adds to the message: text, reasoning, tool_call, "
        "usage, other; NA when it adds nothing.",
    ),
    Column("delta_text", "string", "The text (or tool-call argument piece) the event adds."),
    Column("byte_offset", "Int64", "Offset of the event in the decoded response body."),
)

USAGE: tuple[Column, ...] = (
    *_KEY,
    Column(
        "provider",
        "string",
        "Provider serving the request (openai, anthropic, xai ...).",
        "gen_ai.provider.name",
    ),
    Column(
        "api",
        "string",
        "API family (chat.completions, responses, messages, generate_content, converse, embeddings ...).",
        "gen_ai.operation.name",
    ),
    Column(
        "model",
        "string",
        "Model priced: the one requested (request body, else URL path) when the price table knows it, "
        "else the one the response names when the table knows that (`price_source` says so).",
        "gen_ai.request.model",
    ),
    Column(
        "input_tokens", "Int64", "Input tokens including cache reads and writes.", "gen_ai.usage.input_tokens"
    ),
    Column(
        "output_tokens", "Int64", "Output tokens including reasoning tokens.", "gen_ai.usage.output_tokens"
    ),
    Column("reasoning_tokens", "Int64", "Reasoning (thinking) tokens, part of output_tokens."),
    Column("cache_read_tokens", "Int64", "Input tokens read from the prompt cache, part of input_tokens."),
    Column("cache_write_tokens", "Int64", "Input tokens written to the prompt cache, part of input_tokens."),
    Column("total_tokens", "Int64", "Total tokens as the provider reported them; NA when not reported."),
    Column(
        "cost_ticks",
        "Int64",
        "Cost reported by the provider in ticks (xAI `cost_in_usd_ticks`; 1 tick = 1e-10 USD).",
    ),
    Column(
        "reported_cost_usd",
        "Float64",
        "Cost reported by the provider in USD (xAI ticks, OpenRouter / Vercel `usage.cost`, Perplexity "
        "`usage.cost.total_cost`); NaN when none.",
    ),
    Column(
        "estimated_cost_usd",
        "Float64",
        "Cost estimated from the price table (batch results at the batch rate, server-side tool calls "
        "included where priced); NaN when the model has no known price.",
    ),
    Column(
        "price_source",
        "string",
        "Price table, version and entry used for the estimate, then (after `; `) another model priced "
        "than requested, the batch rate, published charges added, parts left unpriced; or why there "
        "is no estimate.",
    ),
    Column(
        "usage_source",
        "string",
        "Where the usage came from: body, final stream event, headers, or batch results (summed).",
    ),
    Column(
        "server_tool_calls",
        "Int64",
        "Server-side tool calls billed per call (web, X, file searches, code executions); NA when none.",
    ),
    Column("audio_seconds", "Float64", "Seconds of audio billed by duration (whisper-1 transcriptions)."),
)

PROBLEMS: tuple[Column, ...] = (
    Column("cassette", "string", "Path of the file the problem is in."),
    Column("line", "Int64", "1-based line of the problem."),
    Column("column", "Int64", "1-based column of the problem."),
    Column("code", "string", "Problem code (`CT0xx`: file and parse)."),
    Column("severity", "string", f"{one_of(get_args(Severity))}."),
    Column("message", "string", "What is wrong, in plain words."),
    Column("interaction", "Int64", "0-based interaction the problem concerns; NA for the whole file."),
)

FRAMES: dict[str, tuple[Column, ...]] = {
    "interactions": INTERACTIONS,
    "chunks": CHUNKS,
    "usage": USAGE,
    "problems": PROBLEMS,
}


def column(reference: str) -> Column:
    """The column ``frame.column`` (``usage.input_tokens``) as declared."""
    frame, _, name = reference.partition(".")
    found = [c for c in FRAMES[frame] if c.name == name]
    if not found:
        raise KeyError(reference)
    return found[0]


def render_data_dictionary() -> str:
    """The data dictionary as Markdown (``docs/data-dictionary.md`` is this text)."""
    lines = [
        "# Data dictionary",
        "",
        "Generated from `toolkit/frames/columns.py` by `nox -s docs`; a test fails when it is stale.",
        "Every frame joins on `cassette` + `interaction`. Dtypes are pandas nullable dtypes.",
    ]
    for frame, columns in FRAMES.items():
        lines += [
            "",
            f"## `{frame}`",
            "",
            "| column | dtype | meaning | OpenTelemetry |",
            "|---|---|---|---|",
        ]
        for c in columns:
            otel = f"`{c.otel}`" if c.otel else ""
            lines.append(f"| `{c.name}` | `{c.dtype}` | {c.description} | {otel} |")
    return "\n".join(lines) + "\n"
