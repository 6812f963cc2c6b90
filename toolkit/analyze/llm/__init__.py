"""LLM semantics of an interaction: provider, API, model, usage, finish reason, the message.

``read_llm_call(interaction)`` routes the interaction (``route``), decodes its
response stream if it is one (``toolkit.analyze.streams``), and lets the API's reader
(``readers``) walk the body or the events. Nothing here raises for bad input:
what cannot be read is simply not reported.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from toolkit.analyze.llm.exchange import ChunkInfo, Exchange, Message, Reading, ToolCall, Usage
from toolkit.analyze.llm.readers import READERS, ApiReader
from toolkit.analyze.llm.route import Route, parse_json, route_of
from toolkit.analyze.llm.routes import DOWNLOADS
from toolkit.analyze.llm.usage import bedrock_header_usage
from toolkit.analyze.streams import StreamDecoding, decode_stream
from toolkit.model import Interaction
from toolkit.read.jsonparse import loads

__all__ = ["ChunkInfo", "Exchange", "LlmCall", "Message", "Route", "ToolCall", "Usage", "read_llm_call"]

_NOTHING = ChunkInfo()
_NOT_READ = (TypeError, ValueError, AttributeError, KeyError, IndexError, RecursionError)


class LlmCall(NamedTuple):
    """One interaction read as an LLM call. ``chunks`` pairs with ``stream.events``."""

    route: Route
    exchange: Exchange
    stream: StreamDecoding | None = None
    chunks: tuple[ChunkInfo, ...] = ()

    @property
    def usage(self) -> Usage | None:
        return self.exchange.usage


def read_llm_call(interaction: Interaction) -> LlmCall:
    """Route the interaction and read its response with the API's reader."""
    request = interaction.request
    route = route_of(interaction, parse_json(request.body.content) if request.body.content else None)
    response = interaction.response
    stream = _decode_stream(interaction, route)
    reader = READERS.get(route.api or "")
    reading = Reading(provider=route.provider)
    chunks: tuple[ChunkInfo, ...] = ()
    if stream is not None:
        chunks = tuple(_read_event(reader, reading, event.event, event.data) for event in stream.events)
        source = "final stream event"
    else:
        if reader is not None:
            document = parse_json(response.body.content)
            if document is not None:
                _safely(reader.body, reading, document)
        source = "body"
    exchange = reading.result(source)  # type: ignore[arg-type]
    if exchange.usage is None and route.provider == "bedrock":
        headers = bedrock_header_usage(response.headers.get)
        if headers is not None:
            exchange = Exchange(headers, exchange.response_model, exchange.finish_reason, exchange.message)
    return LlmCall(route, exchange, stream, chunks)


def _decode_stream(interaction: Interaction, route: Route) -> StreamDecoding | None:
    response = interaction.response
    content_type = response.headers.get("content-type")
    content = response.body.content
    url = interaction.request.url
    gemini_array = url.path.endswith(":streamGenerateContent") and "alt=sse" not in url.raw
    if route.api == "generate_content" and gemini_array and content.lstrip()[:1] == b"[":
        return decode_stream(content, content_type, kind="json-array")
    if route.api in DOWNLOADS and b"\n" in content.strip() and parse_json(content) is None:
        # JSON Lines of results, whatever the content type says (Anthropic: application/binary).
        return decode_stream(content, content_type, kind="ndjson")
    decoded = decode_stream(content, content_type)
    return decoded if decoded.kind is not None else None


def _read_event(reader: ApiReader | None, reading: Reading, name: str, data: str) -> ChunkInfo:
    if reader is None or not data or data == "[DONE]":
        return _NOTHING
    try:  # as in ``_safely``, inlined: this runs for every event of every stream
        info = reader.event(reading, name, loads(data))
    except _NOT_READ:  # ValueError includes invalid JSON
        return _NOTHING
    return info if isinstance(info, ChunkInfo) else _NOTHING


def _safely(function: Any, *args: Any) -> Any:
    """Readers walk untrusted JSON defensively; a shape they do not expect is skipped, not raised."""
    try:
        return function(*args)
    except _NOT_READ:
        return None
