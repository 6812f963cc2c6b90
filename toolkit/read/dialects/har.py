"""HAR 1.2 archives, as Polly.js records them (JSON ``recording.har``, or YAML as Cody writes it).

``log: {version, creator, entries[]}``; each entry has ``request`` {method, url, headers
[{name, value}], postData {mimeType, text}}, ``response`` {status, statusText, headers,
content {mimeType, size, text, encoding}}, ``startedDateTime`` and ``time`` (milliseconds;
``timings`` use -1 for "does not apply"). Polly adds ``_id`` (the request's hash) and
``_order`` (its occurrence), which replay matches on.

How Polly stores a response body (``@pollyjs/adapter-node-http``): text as it is; a body that
is not UTF-8 as base64 with ``encoding: base64``; a body under ``Content-Encoding`` as a JSON
array of base64 chunks (``'["H4sI..."]'``), each chunk as received, so the concatenation is
the compressed body. Polly 2-4 wrote hex where later versions write base64, without the
``encoding`` marker. Cody's persister also writes a JSON request body as YAML data under
``postData.textJSON`` (replayed as ``JSON.stringify`` of it), adds a decoded copy of the
first chunk as ``content.textDecoded`` for review (ignored here: the chunks are decoded), and
sorts entries by URL. Interactions are put back in the order the calls were made
(``startedDateTime``, then the file's order); each keeps its line in the file.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime
from typing import Any

from toolkit.model import Body, Cassette, Header, Headers, Interaction, Request, Response, Url
from toolkit.problems import Problem, ProblemCode
from toolkit.read.dialects.parts import as_int, as_text, build_body, field_positions, seconds, stored_bytes
from toolkit.read.document import Position, YamlMap, YamlSeq, position_of

__all__ = ["is_har", "read_har"]

_REQUEST_FIELDS = {"method": "method", "url": "url", "headers": "headers", "body": "postData"}
_RESPONSE_FIELDS = {
    "status": "status",
    "reason": "statusText",
    "headers": "headers",
    "body": "content",
}


def is_har(root: YamlMap) -> bool:
    """A ``log`` mapping with ``entries``: the HAR 1.2 root."""
    log = root.get("log")
    return isinstance(log, dict) and "entries" in log


def read_har(root: YamlMap, path: str) -> Cassette:
    """Read a HAR archive; entries without a request and response mapping are problems."""
    log = root["log"]
    entries = log.get("entries")
    version = _version(log)
    if not isinstance(entries, YamlSeq):
        where = position_of(log, "entries")
        problem = Problem(
            path, where.line, where.column, ProblemCode.MALFORMED_INTERACTION, "log.entries is not a list"
        )
        return Cassette(path, "har", (), (problem,), version)
    problems: list[Problem] = []
    read: list[tuple[datetime | None, int, Interaction]] = []
    for number, entry in enumerate(entries):
        where = entries.position_of(number)
        request = entry.get("request") if isinstance(entry, YamlMap) else None
        response = entry.get("response") if isinstance(entry, YamlMap) else None
        if not isinstance(request, YamlMap) or not isinstance(response, YamlMap):
            message = f"log.entries[{number}] has no request or response mapping"
            problems.append(
                Problem(path, where.line, where.column, ProblemCode.MALFORMED_INTERACTION, message)
            )
            continue
        started = parse_started(entry.get("startedDateTime"))
        interaction = Interaction(0, where, _read_request(request), _read_response(response, entry), started)
        read.append((started, number, interaction))
    return Cassette(path, "har", _in_call_order(read), tuple(problems), version)


def _version(log: Any) -> str | None:
    creator = log.get("creator")
    if isinstance(creator, dict) and creator.get("name"):
        return f"{as_text(creator.get('name'))} {as_text(creator.get('version'))}".strip()
    return as_text(log.get("version")) or None


def _in_call_order(read: list[tuple[datetime | None, int, Interaction]]) -> tuple[Interaction, ...]:
    """Interactions by ``startedDateTime`` (file order among equal times, or when one has none)."""
    if all(started is not None for started, _, _ in read):
        read = sorted(read, key=lambda item: (item[0], item[1]))
    interactions: list[Interaction] = []
    for index, (_, _, interaction) in enumerate(read):
        interactions.append(
            Interaction(
                index,
                interaction.position,
                interaction.request,
                interaction.response,
                interaction.recorded_at,
            )
        )
    return tuple(interactions)


def parse_started(value: Any) -> datetime | None:
    """``startedDateTime`` (ISO 8601 with a zone) as an aware UTC datetime."""
    text = as_text(value).strip()
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)


def read_har_headers(value: Any) -> Headers:
    """``[{name, value}]``; each header is placed at its value (or its item when it has none)."""
    if not isinstance(value, YamlSeq):
        return Headers()
    items: list[Header] = []
    for index, item in enumerate(value):
        if isinstance(item, YamlMap) and "name" in item:
            where = item.position_of("value") if "value" in item else value.position_of(index)
            items.append(Header(as_text(item.get("name")), as_text(item.get("value")), where))
    return Headers(items)


def _read_request(request: YamlMap) -> Request:
    headers = read_har_headers(request.get("headers"))
    return Request(
        method=as_text(request.get("method")).upper(),
        url=Url.parse(as_text(request.get("url"))),
        headers=headers,
        body=_request_body(request.get("postData"), request.position_of("postData"), headers),
        positions=field_positions(request, _REQUEST_FIELDS),
    )


def _request_body(post: Any, where: Position, headers: Headers) -> Body:
    if not isinstance(post, YamlMap):
        return Body(position=where)
    if "textJSON" in post and post.get("text") is None:  # Cody: replayed as JSON.stringify of it
        tree = post["textJSON"]
        stored = json.dumps(_as_js(tree), separators=(",", ":"), ensure_ascii=False).encode()
        return build_body(stored, "parsed_body", post.position_of("textJSON"), headers, tree)
    return _text_body(post, headers)


def _as_js(value: Any) -> Any:
    """YAML data as ``JSON.stringify`` writes it: whole floats without ``.0``, bytes as text."""
    if isinstance(value, dict):
        return {as_text(key): _as_js(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_js(item) for item in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return int(value)
    if isinstance(value, bytes):
        return as_text(value)
    return value


def _read_response(response: YamlMap, entry: YamlMap) -> Response:
    headers = read_har_headers(response.get("headers"))
    positions = field_positions(response, _RESPONSE_FIELDS)
    duration = _duration(entry.get("time"))
    if duration is not None:
        positions["duration"] = entry.position_of("time")
    return Response(
        status_code=as_int(response.get("status")),
        reason=as_text(response.get("statusText")) or None,
        headers=headers,
        body=_response_body(response.get("content"), response.position_of("content"), headers),
        duration_s=duration,
        positions=positions,
    )


def _duration(value: Any) -> float | None:
    """``time`` in seconds; 0 or less is unknown (-1 is HAR's "not available", and recorders
    that scrub timings write 0)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        return None
    return seconds(value, 1000)


def _response_body(content: Any, where: Position, headers: Headers) -> Body:
    if not isinstance(content, YamlMap) or content.get("text") is None:
        return Body(position=where)
    text = content["text"]
    at = content.position_of("text")
    encoding = as_text(content.get("encoding")).strip().lower()
    chunks = _chunk_list(text) if encoding == "base64" or "content-encoding" in headers else None
    if chunks is not None and encoding == "base64":
        stored, problem = _join_base64(chunks)
    elif chunks is not None and _is_hex(chunks):  # Polly 2-4: hex chunks, no marker
        body = build_body(b"".join(bytes.fromhex(chunk) for chunk in chunks), "string", at, headers)
        if body.encoding is not None and body.problem is None:
            return body
        return _text_body(content, headers)  # a JSON array of short hex-looking strings, as text
    elif encoding == "base64":
        stored, problem = _b64(as_text(text))
    else:
        return _text_body(content, headers)
    body = build_body(stored, "base64", at, headers)
    if problem is None:
        return body
    return Body(stored, "base64", at, body.content, body.encoding, problem)


def _text_body(mapping: YamlMap, headers: Headers) -> Body:
    stored, storage = stored_bytes(mapping.get("text"))
    return build_body(stored, storage if stored else "absent", mapping.position_of("text"), headers)


def _chunk_list(text: Any) -> list[str] | None:
    """A JSON array of strings (Polly's chunks of a content-encoded body), else None."""
    if not isinstance(text, str) or not text.lstrip().startswith("["):
        return None
    try:
        chunks = json.loads(text)
    except ValueError:
        return None
    if isinstance(chunks, list) and all(isinstance(chunk, str) for chunk in chunks):
        return chunks
    return None


def _is_hex(chunks: list[str]) -> bool:
    return bool(chunks) and all(len(c) % 2 == 0 and all(ch in _HEX for ch in c) for c in chunks)


_HEX = frozenset("0123456789abcdefABCDEF")


def _join_base64(chunks: list[str]) -> tuple[bytes, str | None]:
    parts: list[bytes] = []
    for number, chunk in enumerate(chunks):
        decoded, problem = _b64(chunk)
        if problem is not None:
            return b"".join(parts), f"chunk {number} of the body is not valid base64"
        parts.append(decoded)
    return b"".join(parts), None


def _b64(text: str) -> tuple[bytes, str | None]:
    try:
        return base64.b64decode("".join(text.split()), validate=True), None
    except (binascii.Error, ValueError):
        return b"", "the body is not valid base64"
