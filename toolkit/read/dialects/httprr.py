"""Go ``httprr`` traces (golang.org/x/oscar's httprr, rsc.io/httprr, langchaingo's copy).

Not YAML. The file is the line ``httprr trace v1`` and then records, each a line
``<request bytes> <response bytes>`` followed by that many bytes of a raw HTTP/1.1 request
(as Go's ``Request.WriteProxy`` writes it: absolute URL on the request line) and of a raw
response (as ``Response.Write`` writes it). Replay reads every record's lengths first and
refuses the whole file when one is wrong, then matches requests byte for byte and parses
the chosen response with ``http.ReadResponse``. ``*.httprr.gz`` is the same, gzip-wrapped.

Reading builds two things from the bytes: the ``Cassette``, and a positioned document (the
trace line, and per record its lengths, start lines, header lines and bodies) that the
``httprr`` JSON Schema checks; every position is a line and column computed from a byte
offset, so each finding points into the file as an editor shows it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from toolkit.model import Body, Cassette, Header, Headers, Interaction, Request, Response, Url
from toolkit.problems import Problem, ProblemCode
from toolkit.read.dialects.httpwire import ByteLines, Message, dechunk, read_message
from toolkit.read.dialects.parts import build_body
from toolkit.read.document import START, Document, Position, YamlMap, YamlSeq

__all__ = ["TRACE_LINE", "Record", "is_httprr", "read_httprr", "split_records"]

#: The first line of every trace this module reads.
TRACE_LINE = b"httprr trace v1"


def is_httprr(data: bytes) -> bool:
    """Whether ``data`` starts like an httprr trace (of any version)."""
    return data.startswith(b"httprr trace ")


class Record(NamedTuple):
    """One record's byte offsets: its length line, request and response."""

    line_offset: int
    lengths: str
    request: tuple[int, int]
    response: tuple[int, int]


class _Framing(NamedTuple):
    records: tuple[Record, ...]
    problem: tuple[int, str] | None


def split_records(data: bytes) -> _Framing:
    """The records of a trace by their length prefixes, and where the framing breaks, if it does."""
    newline = data.find(b"\n")
    header = data[: newline if newline >= 0 else len(data)].rstrip(b"\r")
    if header != TRACE_LINE:
        what = header[:40].decode("utf-8", "replace")
        return _Framing((), (0, f"not an httprr trace: the first line is {what!r}, not 'httprr trace v1'"))
    records: list[Record] = []
    at = newline + 1
    while at < len(data):
        newline = data.find(b"\n", at)
        if newline < 0:
            return _Framing(tuple(records), (at, "corrupt httprr trace: a record's length line has no end"))
        line = data[at:newline].rstrip(b"\r").decode("utf-8", "replace")
        first, _, second = line.partition(" ")
        if not (_is_length(first) and _is_length(second)):
            return _Framing(
                tuple(records),
                (at, "corrupt httprr trace: a record must start with '<request bytes> <response bytes>'"),
            )
        request_end = newline + 1 + int(first)
        response_end = request_end + int(second)
        if response_end > len(data):
            remaining = len(data) - newline - 1
            message = f"corrupt httprr trace: the record declares {response_end - newline - 1:,} bytes"
            return _Framing(tuple(records), (at, f"{message}, {remaining:,} remain in the file"))
        records.append(Record(at, line, (newline + 1, request_end), (request_end, response_end)))
        at = response_end
    return _Framing(tuple(records), None)


def _is_length(text: str) -> bool:
    """A byte count as Go's ``strconv.Atoi`` reads one (18 digits is already beyond any file)."""
    return text.isascii() and text.isdigit() and len(text) <= 18


def read_httprr(data: bytes, path: str) -> tuple[Document, Cassette]:
    """The positioned document and the cassette of a trace; a broken framing is a problem."""
    lines = ByteLines(data)
    framing = split_records(data)
    records = YamlSeq(lines.position(data.find(b"\n") + 1))
    root = YamlMap(START)
    root["trace"] = data[: max(data.find(b"\n"), 0)].rstrip(b"\r").decode("utf-8", "replace")
    root.value_positions["trace"] = START
    root["records"] = records
    root.value_positions["records"] = records.position
    interactions: list[Interaction] = []
    for index, record in enumerate(framing.records):
        request = read_message(data, *record.request)
        response = read_message(data, *record.response)
        where = lines.position(record.line_offset)
        records.append(_record_node(data, lines, record, request, response))
        records.item_positions.append(where)
        interactions.append(
            Interaction(index, where, _request(data, lines, request), _response(data, lines, response))
        )
    problems: tuple[Problem, ...] = ()
    if framing.problem is not None:
        offset, message = framing.problem
        at = lines.position(offset)
        problems = (Problem(path, at.line, at.column, ProblemCode.SYNTAX, message),)
    elif not interactions:
        at = records.position
        problems = (
            Problem(path, at.line, at.column, ProblemCode.EMPTY, "the trace records no interactions"),
        )
    version = root["trace"].removeprefix("httprr trace ") or None
    return Document(root), Cassette(path, "httprr", tuple(interactions), problems, version)


def _headers(data: bytes, lines: ByteLines, message: Message) -> Headers:
    return Headers(Header(h.name, h.value, lines.position(h.value_offset)) for h in message.headers)


def _body(data: bytes, lines: ByteLines, message: Message, headers: Headers) -> Body:
    if message.body_offset is None or message.body_offset >= message.end:
        where = lines.position(message.body_offset if message.body_offset is not None else message.end)
        return Body(storage="absent", position=where)
    raw = data[message.body_offset : message.end]
    where = lines.position(message.body_offset)
    if not _is_chunked(headers):
        return build_body(raw, "raw", where, headers)
    unframed = dechunk(raw)
    body = build_body(unframed.content, "raw", where, headers)
    if unframed.problem is None:
        return body
    return Body(body.stored, "raw", where, body.content, body.encoding, unframed.problem)


def _is_chunked(headers: Headers) -> bool:
    codings = ",".join(headers.get_all("transfer-encoding")).lower()
    return "chunked" in (part.strip() for part in codings.split(","))


def _request(data: bytes, lines: ByteLines, message: Message) -> Request:
    method, _, rest = message.start_line.partition(" ")
    target = rest.rpartition(" ")[0] if rest.count(" ") else rest
    headers = _headers(data, lines, message)
    if target.startswith("/"):  # origin form (Request.Write): the host is in its header
        target = f"//{headers.get('host', '')}{target}"
    start = lines.position(message.start_offset)
    positions = {
        "method": start,
        "url": Position(start.line, start.column + len(method) + 1),
        "headers": _headers_at(lines, message),
        "body": lines.position(message.body_offset or message.end),
    }
    return Request(
        method=method.upper(),
        url=Url.parse(target),
        headers=headers,
        body=_body(data, lines, message, headers),
        positions=positions,
    )


def _response(data: bytes, lines: ByteLines, message: Message) -> Response:
    proto, _, status = message.start_line.partition(" ")
    code_text, _, reason = status.partition(" ")
    headers = _headers(data, lines, message)
    start = lines.position(message.start_offset)
    status_at = Position(start.line, start.column + len(proto) + 1)
    code = int(code_text) if code_text.isascii() and code_text.isdigit() else None
    return Response(
        status_code=code,
        reason=reason.strip() or None,
        headers=headers,
        body=_body(data, lines, message, headers),
        positions={
            "status": status_at,
            "reason": status_at,
            "headers": _headers_at(lines, message),
            "body": lines.position(message.body_offset or message.end),
        },
    )


def _headers_at(lines: ByteLines, message: Message) -> Position:
    """The first header line, or the start line of a message without headers."""
    offsets = [h.offset for h in message.headers] + [offset for offset, _ in message.malformed]
    return lines.position(min(offsets) if offsets else message.start_offset)


def _record_node(
    data: bytes, lines: ByteLines, record: Record, request: Message, response: Message
) -> YamlMap:
    node = YamlMap(lines.position(record.line_offset))
    node["lengths"] = record.lengths
    node.value_positions["lengths"] = node.position
    for name, message in (("request", request), ("response", response)):
        node[name] = _message_node(data, lines, message)
        node.value_positions[name] = node[name].position
    return node


def _message_node(data: bytes, lines: ByteLines, message: Message) -> YamlMap:
    """A message as the schema sees it: ``line``, ``headers`` (each line as written), ``body``."""
    node = YamlMap(lines.position(message.start_offset))
    node["line"] = message.start_line
    node.value_positions["line"] = node.position
    fields = sorted(
        [(h.offset, h.text) for h in message.headers] + list(message.malformed), key=lambda item: item[0]
    )
    headers = YamlSeq(lines.position(fields[0][0]) if fields else node.position)
    for offset, text in fields:
        headers.append(text)
        headers.item_positions.append(lines.position(offset))
    node["headers"] = headers
    node.value_positions["headers"] = headers.position
    if message.body_offset is not None:
        body: Any = data[message.body_offset : message.end]
        node["body"] = body
        node.value_positions["body"] = lines.position(message.body_offset)
    return node
