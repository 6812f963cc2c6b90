"""vcrpy cassettes (also pytest-recording), YAML or JSON serializer, version 1.

The request and response readers here also serve Ruby VCR (same shapes, plus
``base64_string`` bodies) and langchain's split cassettes.

``interactions[]`` of ``request`` {body, headers, method, uri} and ``response``
{status {code, message}, headers, body {string}}. Variants seen in real suites:
the legacy httpx shape ``content`` / ``status_code`` / ``http_version``;
pydantic-ai's ``parsed_body`` (a JSON body stored as YAML) in place of ``body``,
and a request ``body`` written as JSON data the same way (vcrpy keeps any body);
``!!binary`` bodies and header values; multidict ``istr`` header keys (already
turned into plain names by ``toolkit.read.document``). langchain's split format
reuses the request and response readers here.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from toolkit.model import Body, BodyStorage, Cassette, Headers, Interaction, Request, Response, Url
from toolkit.read.dialects.interactions import read_interactions
from toolkit.read.dialects.parts import (
    as_int,
    as_text,
    build_body,
    field_positions,
    parsed_body_bytes,
    read_headers,
    read_status,
    stored_bytes,
    url_key,
)
from toolkit.read.document import Position, YamlMap

_REQUEST_FIELDS = {"method": "method", "url": "uri", "headers": "headers", "body": "body"}
_RESPONSE_FIELDS = {"status": "status", "headers": "headers", "body": "body"}
_LEGACY_FIELDS = {"status": "status_code", "headers": "headers", "body": "content"}


def read_vcrpy(root: YamlMap, path: str) -> Cassette:
    """Read a vcrpy cassette."""
    interactions, problems = read_interactions(root.get("interactions"), path, _read_interaction, root)
    return Cassette(path, "vcrpy", interactions, problems, as_text(root.get("version")) or None)


def _read_interaction(
    index: int, position: Position, _item: YamlMap, request: YamlMap, response: YamlMap
) -> Interaction:
    return Interaction(index, position, read_request(request), read_response(response))


def read_request(request: YamlMap) -> Request:
    """A vcrpy request mapping."""
    headers = read_headers(request.get("headers"))
    url = url_key(request)
    return Request(
        method=as_text(request.get("method")).upper(),
        url=Url.parse(as_text(request.get(url))),
        headers=headers,
        body=_read_body(request, headers),
        positions=_positions(request, {**_REQUEST_FIELDS, "url": url}),
    )


def read_response(response: YamlMap) -> Response:
    """A vcrpy response mapping, current or legacy shape."""
    headers = read_headers(response.get("headers"))
    if "status" in response:
        code, reason = read_status(response.get("status"))
    else:
        code, reason = as_int(response.get("status_code")), None
    fields = _LEGACY_FIELDS if "status_code" in response else _RESPONSE_FIELDS
    return Response(
        status_code=code,
        reason=reason,
        headers=headers,
        body=_read_body(response, headers),
        positions=_positions(response, fields),
    )


def _positions(mapping: YamlMap, fields: dict[str, str]) -> dict[str, Position]:
    positions = field_positions(mapping, fields)
    if "parsed_body" in mapping:
        positions["body"] = mapping.position_of("parsed_body")
    return positions


#: A body stored in a wrapper: vcrpy's response {string}, Ruby's {encoding, string | base64_string}.
_TEXT_KEYS = frozenset({"string", "base64_string"})


def _read_body(mapping: YamlMap, headers: Headers) -> Body:
    """The body under ``parsed_body``, ``body`` ({string}, Ruby's {base64_string}, JSON data, or
    bare) or ``content``."""
    if "parsed_body" in mapping:
        tree = mapping["parsed_body"]
        return build_body(
            parsed_body_bytes(tree), "parsed_body", mapping.position_of("parsed_body"), headers, tree
        )
    body = mapping.get("body")
    if _is_json_data(body):
        return build_body(parsed_body_bytes(body), "parsed_body", mapping.position_of("body"), headers, body)
    if "content" in mapping and "body" not in mapping:
        stored, _ = stored_bytes(mapping["content"])
        return build_body(stored, "content" if stored else "absent", mapping.position_of("content"), headers)
    where = mapping.position_of("body")
    if isinstance(body, YamlMap) and "base64_string" in body:
        return build_body(*_base64_body(body["base64_string"]), body.position_of("base64_string"), headers)
    if isinstance(body, YamlMap):
        where = body.position_of("string")
        body = body.get("string")
    stored, storage = stored_bytes(body)
    return build_body(stored, storage if stored else "absent", where, headers)


def _is_json_data(body: Any) -> bool:
    """A body written as YAML data (a list, or a mapping that is no text wrapper), not as text."""
    if isinstance(body, list):
        return True
    return isinstance(body, YamlMap) and not (body.keys() & _TEXT_KEYS) and not body.keys() <= {"encoding"}


def _base64_body(value: Any) -> tuple[bytes, BodyStorage]:
    """Ruby VCR's ``base64_string`` (written when a body must keep its exact bytes)."""
    text = "".join(as_text(value).split())
    try:
        stored = base64.b64decode(text)
    except (binascii.Error, ValueError):
        stored = text.encode()
    return stored, "base64" if stored else "absent"
