"""R ``vcr`` cassettes (rOpenSci; ellmer and other httr2 / crul suites).

``http_interactions`` and ``recorded_with`` as in Ruby VCR, but the shapes differ, and
across R vcr's own versions:

* ``recorded_with: VCR-vcr/2.1.0`` (vcr 2), ``vcr/1.7.0, webmockr/2.0.0`` (vcr 1 and 0.x);
* ``response.status`` is a bare integer (``status: 200``); vcr 0.x wrote
  ``{status_code: '200', message, explanation}``;
* header values are scalars, a list only for a repeated header; vcr 2 records request
  headers only when the cassette matches on them, so a request is often ``method``, ``uri``
  and ``body``; ``Authorization`` is dropped (vcr 2) or replaced by ``<redacted>``;
* a body is ``{string}`` (vcr 0.x/1 add ``encoding`` and ``file``), ``{base64_string}``
  (vcr 0.x/1 under ``preserve_exact_body_bytes``), ``{raw_gzip}`` (vcr 2: gzip, then base64),
  ``{fields}`` (form or multipart fields as data), ``{on_disk: path}`` (vcr 2) or
  ``{file: yes, string: path}`` (vcr 1) for a body written to a file; ``body`` may be absent;
* bodies are stored as the client saw them: httr2 and crul hand vcr decompressed bodies, so
  a ``content-encoding`` header describes the wire, not the stored bytes, and is never undone;
* ``recorded_at: 2026-08-02 17:43:57`` is UTC with no zone (vcr 2), or ends in ``GMT``.
"""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime
from typing import Any

from toolkit.model import Body, BodyStorage, Cassette, Interaction, Request, Response, Url
from toolkit.read.content_coding import decode_content
from toolkit.read.dialects.interactions import read_interactions
from toolkit.read.dialects.parts import (
    as_int,
    as_text,
    field_positions,
    parsed_body_bytes,
    read_headers,
    read_status,
    stored_bytes,
)
from toolkit.read.document import Position, YamlMap

__all__ = ["is_rvcr", "read_rvcr"]

_REQUEST_FIELDS = {"method": "method", "url": "uri", "headers": "headers", "body": "body"}
_RESPONSE_FIELDS = {"status": "status", "headers": "headers", "body": "body"}


def is_rvcr(root: YamlMap) -> bool:
    """Whether an ``http_interactions`` document was written by R vcr rather than Ruby VCR.

    ``recorded_with`` says so (``VCR-vcr/...``, ``vcr/...``); without it, a status written as
    a bare number or with R's ``status_code`` key does.
    """
    written = as_text(root.get("recorded_with")).strip()
    if written:
        return written.startswith(("VCR-vcr/", "vcr/"))
    items = root.get("http_interactions")
    first = items[0] if isinstance(items, list) and items else None
    response = first.get("response") if isinstance(first, dict) else None
    status = response.get("status") if isinstance(response, dict) else None
    return isinstance(status, int) or (isinstance(status, dict) and "status_code" in status)


def read_rvcr(root: YamlMap, path: str) -> Cassette:
    """Read an R vcr cassette."""
    items = root.get("http_interactions")
    interactions, problems = read_interactions(items, path, _read_interaction, root)
    return Cassette(path, "r-vcr", interactions, problems, as_text(root.get("recorded_with")) or None)


def _read_interaction(
    index: int, position: Position, item: YamlMap, request: YamlMap, response: YamlMap
) -> Interaction:
    recorded_at = parse_r_time(item.get("recorded_at"))
    return Interaction(index, position, _read_request(request), _read_response(response), recorded_at)


def _read_request(request: YamlMap) -> Request:
    headers = read_headers(request.get("headers"))
    return Request(
        method=as_text(request.get("method")).upper(),
        url=Url.parse(as_text(request.get("uri"))),
        headers=headers,
        body=read_r_body(request),
        positions=field_positions(request, _REQUEST_FIELDS),
    )


def _read_response(response: YamlMap) -> Response:
    status = response.get("status")
    if isinstance(status, dict) and "status_code" in status:  # vcr 0.x
        code, reason = as_int(status.get("status_code")), as_text(status.get("message")) or None
    else:
        code, reason = read_status(status)
    return Response(
        status_code=code,
        reason=reason,
        headers=read_headers(response.get("headers")),
        body=read_r_body(response),
        positions=field_positions(response, _RESPONSE_FIELDS),
    )


def read_r_body(mapping: YamlMap) -> Body:
    """The body under ``body`` in any of R vcr's storages; its content is the stored bytes."""
    body = mapping.get("body")
    where = mapping.position_of("body")
    if not isinstance(body, YamlMap):
        stored, storage = stored_bytes(body)
        return _body(stored, storage if stored else "absent", where)
    if "on_disk" in body or _is_yes(body.get("file")):
        key = "on_disk" if "on_disk" in body else "string"
        return Body(storage="file", position=body.position_of(key), tree=body.get(key))
    if "fields" in body:
        tree = body["fields"]
        return _body(parsed_body_bytes(tree), "parsed_body", body.position_of("fields"), tree)
    for key in ("raw_gzip", "base64_string"):
        if key in body:
            return _base64_body(body[key], body.position_of(key), gzipped=key == "raw_gzip")
    stored, storage = stored_bytes(body.get("string"))
    return _body(stored, storage if stored else "absent", body.position_of("string"))


def _body(stored: bytes, storage: BodyStorage, where: Position, tree: Any = None) -> Body:
    return Body(stored=stored, storage=storage, position=where, content=stored, tree=tree)


def _base64_body(value: Any, where: Position, *, gzipped: bool) -> Body:
    """``base64_string``, or ``raw_gzip``: R vcr's own gzip (not a Content-Encoding), undone here."""
    text = "".join(as_text(value).split())
    try:
        stored = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return Body(storage="base64", position=where, problem="the body is not valid base64")
    if not gzipped or not stored:
        return _body(stored, "base64" if stored else "absent", where)
    decoded = decode_content(stored, "gzip")
    if decoded.problem is None and decoded.encoding is None:
        return Body(stored, "base64", where, stored, problem="raw_gzip does not hold gzip data")
    return Body(stored, "base64", where, decoded.content, decoded.encoding, decoded.problem)


def _is_yes(value: Any) -> bool:
    """R's YAML writes TRUE as ``yes``, which YAML 1.1 reads as true."""
    return value is True or as_text(value).strip().lower() in ("yes", "true")


def parse_r_time(value: Any) -> datetime | None:
    """``recorded_at`` as R vcr writes it (``2026-08-02 17:43:57``, maybe ``... GMT``), as UTC."""
    text = as_text(value).strip().removesuffix(" GMT").removesuffix(" UTC").replace("Z", "+00:00")
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
