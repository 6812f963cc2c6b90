"""Ruby VCR cassettes: ``http_interactions`` and ``recorded_with``.

Each interaction has ``request`` {method, uri, body {encoding, string |
base64_string}, headers}, ``response`` {status {code, message}, headers, body,
http_version} and ``recorded_at`` in RFC 2822 form. ASCII-8BIT strings that are
not valid UTF-8 are written with Ruby's local ``!binary`` tag (base64).
"""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from toolkit.document import Position, YamlMap
from toolkit.formats.common import (
    as_map,
    as_text,
    build_body,
    field_positions,
    item_position,
    read_headers,
    read_status,
    stored_bytes,
    url_key,
)
from toolkit.formats.reading import read_interactions
from toolkit.model import Body, BodyStorage, Cassette, Headers, Interaction, Request, Response, Url

_REQUEST_FIELDS = {"method": "method", "url": "uri", "headers": "headers", "body": "body"}
_RESPONSE_FIELDS = {"status": "status", "headers": "headers", "body": "body"}


def read_ruby(root: YamlMap, path: str) -> Cassette:
    """Read a Ruby VCR cassette."""
    interactions, problems = read_interactions(root.get("http_interactions"), path, _read_interaction, root)
    return Cassette(path, "ruby-vcr", interactions, problems, as_text(root.get("recorded_with")) or None)


def _read_interaction(index: int, item: YamlMap, items: Any) -> Interaction | str:
    request, response = as_map(item.get("request")), as_map(item.get("response"))
    if request is None or response is None:
        return "interaction has no request or response mapping"
    return Interaction(
        index=index,
        position=item_position(items, index),
        request=_read_request(request),
        response=_read_response(response),
        recorded_at=parse_recorded_at(item.get("recorded_at")),
    )


def _read_request(request: YamlMap) -> Request:
    headers = read_headers(request.get("headers"))
    url = url_key(request)
    return Request(
        method=as_text(request.get("method")).upper(),
        url=Url.parse(as_text(request.get(url))),
        headers=headers,
        body=_read_body(request, headers),
        positions=field_positions(request, {**_REQUEST_FIELDS, "url": url}),
    )


def _read_response(response: YamlMap) -> Response:
    headers = read_headers(response.get("headers"))
    code, reason = read_status(response.get("status"))
    return Response(
        status_code=code,
        reason=reason,
        headers=headers,
        body=_read_body(response, headers),
        positions=field_positions(response, _RESPONSE_FIELDS),
    )


def _read_body(mapping: YamlMap, headers: Headers) -> Body:
    body = mapping.get("body")
    where: Position = mapping.position_of("body")
    stored: bytes
    storage: BodyStorage
    if isinstance(body, YamlMap) and "base64_string" in body:
        where = body.position_of("base64_string")
        try:
            stored = base64.b64decode("".join(as_text(body["base64_string"]).split()))
        except (binascii.Error, ValueError):
            stored = as_text(body["base64_string"]).encode()
        storage = "base64" if stored else "absent"
    else:
        if isinstance(body, YamlMap):
            where = body.position_of("string")
            body = body.get("string")
        stored, storage = stored_bytes(body)
        if not stored:
            storage = "absent"
    return build_body(stored, storage, where, headers)


def parse_recorded_at(value: Any) -> datetime | None:
    """``recorded_at`` (RFC 2822, or ISO 8601 as some writers use) as an aware UTC datetime."""
    text = as_text(value).strip()
    if not text:
        return None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
