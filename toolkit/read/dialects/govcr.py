"""go-vcr cassettes: format version 2 (go-vcr v3/v4) and version 1 (go-vcr v1/v2).

Both store ``interactions[]`` of ``request`` {body, form, headers, url, method}
and ``response`` {body, headers, status ("200 OK"), code, duration}; version 2
adds the ``proto*``, ``content_length``, ``host`` and ``uncompressed`` fields.
Durations are Go duration strings.
"""

from __future__ import annotations

from typing import Any

from toolkit.model import Cassette, FormatName, Interaction, Request, Response, Url
from toolkit.read.dialects.interactions import InteractionReader, read_interactions
from toolkit.read.dialects.parts import (
    as_int,
    as_text,
    build_body,
    field_positions,
    parse_go_duration,
    read_headers,
    split_status,
    stored_bytes,
    url_key,
)
from toolkit.read.document import Position, YamlMap, position_of

_REQUEST_FIELDS = {"method": "method", "url": "url", "headers": "headers", "body": "body", "form": "form"}
_RESPONSE_FIELDS = {
    "status": "code",
    "reason": "status",
    "headers": "headers",
    "body": "body",
    "duration": "duration",
}


def read_govcr(root: YamlMap, path: str, format_name: FormatName) -> Cassette:
    """Read a go-vcr cassette of either format version."""
    reader: InteractionReader = _read_interaction
    interactions, problems = read_interactions(root.get("interactions"), path, reader, root)
    return Cassette(path, format_name, interactions, problems, as_text(root.get("version")) or None)


def _read_interaction(
    index: int, position: Position, _item: YamlMap, request: YamlMap, response: YamlMap
) -> Interaction:
    return Interaction(index, position, _read_request(request), _read_response(response))


def _read_request(request: YamlMap) -> Request:
    headers = read_headers(request.get("headers"))
    stored, storage = stored_bytes(request.get("body") or None)
    pairs, where = _read_form(request.get("form"))
    return Request(
        method=as_text(request.get("method")).upper(),
        url=Url.parse(as_text(request.get(url_key(request)))),
        headers=headers,
        body=build_body(stored, storage, request.position_of("body"), headers),
        form=pairs,
        positions=field_positions(request, _REQUEST_FIELDS),
        form_positions=where,
    )


def _read_form(form: Any) -> tuple[tuple[tuple[str, str], ...], tuple[Position, ...]]:
    """``name: [values]`` pairs, one per value, and where each value is written."""
    pairs: list[tuple[str, str]] = []
    where: list[Position] = []
    for name, values in form.items() if isinstance(form, dict) else ():
        items = values if isinstance(values, list) else [values]
        for index, value in enumerate(items):
            pairs.append((as_text(name), as_text(value)))
            where.append(position_of(values, index) if items is values else position_of(form, name))
    return tuple(pairs), tuple(where)


def _read_response(response: YamlMap) -> Response:
    headers = read_headers(response.get("headers"))
    stored, storage = stored_bytes(response.get("body") or None)
    code, reason = split_status(response.get("status"))
    return Response(
        status_code=as_int(response.get("code")) or code,
        reason=reason,
        headers=headers,
        body=build_body(stored, storage, response.position_of("body"), headers),
        duration_s=parse_go_duration(response.get("duration")),
        positions=field_positions(response, _RESPONSE_FIELDS),
    )
