"""Cassettes to plain row tuples, one tuple per frame row, in the data dictionary's column order.

No pandas here: rows are built in worker processes and sent back cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from toolkit.model import Cassette, Interaction
from toolkit.sniff import content_type_of, stream_kind

__all__ = ["FileRows", "build_rows"]

Row = tuple[Any, ...]


@dataclass(slots=True)
class FileRows:
    """The rows one cassette contributes to each frame."""

    interactions: list[Row] = field(default_factory=list)
    chunks: list[Row] = field(default_factory=list)
    usage: list[Row] = field(default_factory=list)
    problems: list[Row] = field(default_factory=list)


def build_rows(cassette: Cassette) -> FileRows:
    """Every frame row of one cassette."""
    rows = FileRows()
    for interaction in cassette.interactions:
        rows.interactions.append(interaction_row(cassette, interaction))
    for p in cassette.problems:
        rows.problems.append((p.path, p.line, p.column, str(p.code), p.severity, p.message, p.interaction))
    return rows


def interaction_row(cassette: Cassette, interaction: Interaction) -> Row:
    """One row of the interactions frame (see ``columns.INTERACTIONS``)."""
    request, response = interaction.request, interaction.response
    url = request.url
    response_type = response.headers.get("content-type")
    kind = stream_kind(response_type, response.body.content)
    host = f"{url.host}:{url.port}" if url.port is not None else url.host
    return (
        cassette.path,
        interaction.index,
        cassette.format,
        interaction.position.line,
        interaction.position.column,
        request.method,
        url.raw,
        url.scheme,
        host,
        url.path,
        url.raw.partition("?")[2].partition("#")[0],
        response.status_code,
        response.reason,
        kind is not None,
        kind,
        content_type_of(request.headers.get("content-type")) or None,
        content_type_of(response_type) or None,
        len(request.body.content),
        len(response.body.content),
        len(response.body.stored),
        request.body.storage,
        response.body.storage,
        response.body.encoding,
        response.duration_s,
        interaction.recorded_at,
    )
