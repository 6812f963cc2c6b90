"""Cassettes to plain row tuples, one tuple per frame row, in the data dictionary's column order.

No pandas here: rows are built in worker processes and sent back cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from toolkit.analyze.cassette import AnalyzedCassette
from toolkit.analyze.cost.estimate import estimate_cost
from toolkit.analyze.cost.priced_as import priced_as
from toolkit.analyze.llm import Exchange, LlmCall, Route
from toolkit.analyze.llm.tool_units import SERVER_TOOL_UNITS
from toolkit.analyze.secrets.masking import mask_url
from toolkit.analyze.streams import StreamKind
from toolkit.analyze.streams.detect import detect_stream_kind, media_type
from toolkit.analyze.timing import read_server_timing
from toolkit.model import Cassette, Interaction

__all__ = ["FileRows", "build_rows"]

Row = tuple[Any, ...]

#: What a load without usage knows of every call: nothing.
_NOT_READ = LlmCall(Route(None, None, None), Exchange())


@dataclass(slots=True)
class FileRows:
    """The rows one cassette contributes to each frame."""

    interactions: list[Row] = field(default_factory=list)
    chunks: list[Row] = field(default_factory=list)
    usage: list[Row] = field(default_factory=list)
    problems: list[Row] = field(default_factory=list)


def build_rows(analyzed: AnalyzedCassette, usage: bool = True, show_secrets: bool = False) -> FileRows:
    """Every frame row of one cassette; ``usage=False`` skips streams, usage and cost.

    The ``url`` and ``query`` columns show credential parameters (``key``, ``api_key``,
    ``X-Amz-Signature`` ...) and userinfo passwords as ``MASKED`` unless ``show_secrets``.
    """
    rows = FileRows()
    cassette = analyzed.cassette
    for interaction in cassette.interactions:
        try:
            built = _interaction_rows(analyzed, interaction, usage, show_secrets)
        except Exception as e:  # a bug: the interaction is left out, and a CT099 problem says so
            analyzed.fail(interaction, "building its frame rows", e)
            continue
        rows.interactions.append(built[0])
        rows.chunks.extend(built[1])
        if built[2] is not None:
            rows.usage.append(built[2])
    for p in (*cassette.problems, *analyzed.failures):
        rows.problems.append((p.path, p.line, p.column, str(p.code), p.severity, p.message, p.interaction))
    return rows


def _interaction_rows(
    analyzed: AnalyzedCassette, interaction: Interaction, usage: bool, show_secrets: bool
) -> tuple[Row, list[Row], Row | None]:
    cassette = analyzed.cassette
    call = analyzed.llm_call(interaction) if usage else _NOT_READ
    kind = call.stream.kind if call.stream is not None else None
    if not usage:
        response = interaction.response
        kind = detect_stream_kind(response.body.content, response.headers.get("content-type"))
    row = interaction_row(cassette, interaction, call, kind, show_secrets=show_secrets)
    return row, chunk_rows(cassette, interaction, call), usage_row(cassette, interaction, call)


def interaction_row(
    cassette: Cassette,
    interaction: Interaction,
    call: LlmCall,
    kind: StreamKind | None,
    *,
    show_secrets: bool = False,
) -> Row:
    """One row of the interactions frame (see ``columns.INTERACTIONS``)."""
    request, response = interaction.request, interaction.response
    url = request.url
    raw = url.raw if show_secrets else mask_url(url.raw)
    stream = call.stream
    host = f"{url.host}:{url.port}" if url.port is not None else url.host
    timing = read_server_timing(response.headers)
    return (
        cassette.path,
        interaction.index,
        cassette.format,
        interaction.position.line,
        interaction.position.column,
        request.method,
        raw,
        url.scheme,
        host,
        url.path,
        raw.partition("?")[2].partition("#")[0],
        response.status_code,
        response.reason,
        kind in ("sse", "aws-eventstream"),
        kind,
        media_type(request.headers.get("content-type")) or None,
        media_type(response.headers.get("content-type")) or None,
        len(request.body.content),
        len(response.body.content),
        len(response.body.stored),
        request.body.storage,
        response.body.storage,
        response.body.encoding,
        response.duration_s,
        timing.milliseconds if timing is not None else None,
        timing.header if timing is not None else None,
        interaction.recorded_at,
        call.route.provider,
        call.route.api,
        call.route.model,
        call.exchange.response_model,
        call.exchange.finish_reason,
        len(stream.events) if stream is not None else None,
    )


def chunk_rows(cassette: Cassette, interaction: Interaction, call: LlmCall) -> list[Row]:
    """One row per stream event (see ``columns.CHUNKS``)."""
    if call.stream is None:
        return []
    return [
        (
            cassette.path,
            interaction.index,
            event.index,
            event.event,
            event.data,
            info.type,
            info.delta_kind,
            info.delta_text,
            event.byte_offset,
        )
        for event, info in zip(call.stream.events, call.chunks, strict=True)
    ]


def usage_row(cassette: Cassette, interaction: Interaction, call: LlmCall) -> Row | None:
    """The usage row of an interaction that reports usage (see ``columns.USAGE``)."""
    usage = call.usage
    if usage is None:
        return None
    route = call.route
    priced = priced_as(route, call.exchange.response_model, interaction.request.url)
    estimate = estimate_cost(usage, priced, route.api, recorded_when(interaction))
    tool_calls = [count for unit, count in usage.priced_units if unit in SERVER_TOOL_UNITS]
    return (
        cassette.path,
        interaction.index,
        route.provider,
        route.api,
        priced.model,
        usage.input_tokens,
        usage.output_tokens,
        usage.reasoning_tokens,
        usage.cache_read_tokens,
        usage.cache_write_tokens,
        usage.total_tokens,
        usage.cost_ticks,
        usage.reported_cost_usd,
        estimate.cost_usd,
        estimate.source,
        usage.source,
        int(sum(tool_calls)) if tool_calls else None,
        usage.unit("audio_seconds"),
    )


def recorded_when(interaction: Interaction) -> datetime | None:
    """When the call was made: the recorder's time (``recorded_at``, ``startedDateTime``), else the
    response ``Date`` header."""
    if interaction.recorded_at is not None:
        return interaction.recorded_at
    date = interaction.response.headers.get("date")
    if not date:
        return None
    try:
        return parsedate_to_datetime(date)
    except (TypeError, ValueError):
        return None
