"""Redact an httprr trace: edit bytes of its raw messages, then write each record's lengths again.

An httprr trace is not YAML: each record is ``<request bytes> <response bytes>`` and the raw
messages, and replay refuses the whole file when one length is wrong. So secrets are
replaced in the message bytes (a header value gets ``<REDACTED:kind>``, the URL and bodies
same-length letters, as in YAML cassettes), a body whose length changes (re-compressed)
updates its ``Content-Length``, a chunked body keeps its chunk sizes when its length is
kept (else it is framed again as one chunk), and the length line of every record that
changed is written anew. Everything else stays byte for byte.

Replay matches a request byte for byte: a request redacted here matches only a live request
that the test's own scrubber rewrites the same way, just as vcrpy needs the same filter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from toolkit.analyze.secrets import Leak
from toolkit.model import Interaction
from toolkit.read.dialects.httprr import Record, split_records
from toolkit.read.dialects.httpwire import ByteLines, Message, dechunk, encode_chunked, read_message
from toolkit.redact.body import BodyEdit, RedactionError, redact_body

__all__ = ["Edit", "redact_trace"]

Side = str
#: Replaces the secrets of ``leaks`` in one text (a header value, the URL).
TextEdit = Callable[[str, Sequence[Leak]], str]
#: What to remove from one body, given its leaks and the side it is on.
BodyEditOf = Callable[[Interaction, Side, Sequence[Leak]], BodyEdit]


class Edit(NamedTuple):
    """Bytes ``start:end`` of the file become ``data``."""

    start: int
    end: int
    data: bytes
    is_length: bool = False


def redact_trace(
    data: bytes,
    interactions: Sequence[Interaction],
    leaks: Sequence[Leak],
    edit_text: TextEdit,
    edit_of: BodyEditOf,
) -> tuple[bytes, int]:
    """The trace with every leak replaced and the changed records' lengths written again,
    and how many ``Content-Length`` values were updated."""
    framing = split_records(data)
    if framing.problem is not None:
        raise RedactionError("the trace's record framing is broken; it cannot be rewritten safely")
    lines = ByteLines(data)
    by_place: dict[tuple[int, Side], list[Leak]] = {}
    for leak in leaks:
        by_place.setdefault((leak.interaction, leak.site.side), []).append(leak)
    edits: list[Edit] = []
    for (index, side), place_leaks in sorted(by_place.items()):
        record = framing.records[index]
        span = record.request if side == "request" else record.response
        message = read_message(data, *span)
        edits += _message_edits(data, lines, message, place_leaks, edit_text)
        edits += _body_edits(data, message, interactions[index], side, leaks=place_leaks, edit_of=edit_of)
    lengths = sum(edit.is_length for edit in edits)
    return _apply(data, framing.records, edits), lengths


def _message_edits(
    data: bytes, lines: ByteLines, message: Message, leaks: list[Leak], edit_text: TextEdit
) -> list[Edit]:
    edits: list[Edit] = []
    headers = [leak for leak in leaks if leak.site.field == "header"]
    for header in message.headers:
        mine = [leak for leak in headers if leak.site.position == lines.position(header.value_offset)]
        if mine:
            end = header.value_offset + len(header.value.encode("utf-8", "surrogateescape"))
            if data[header.value_offset : end].decode("utf-8", "surrogateescape") != header.value:
                raise RedactionError("a header holding a secret is folded over several lines")
            new = edit_text(header.value, mine).encode("utf-8", "surrogateescape")
            edits.append(Edit(header.value_offset, end, new))
    urls = [leak for leak in leaks if leak.site.field == "url"]
    if urls:
        method, _, rest = message.start_line.partition(" ")
        target = rest.rpartition(" ")[0] if " " in rest else rest
        start = message.start_offset + len(method.encode("utf-8", "surrogateescape")) + 1
        new = edit_text(target, urls).encode("utf-8", "surrogateescape")
        edits.append(Edit(start, start + len(target.encode("utf-8", "surrogateescape")), new))
    return edits


def _body_edits(
    data: bytes,
    message: Message,
    interaction: Interaction,
    side: Side,
    *,
    leaks: list[Leak],
    edit_of: BodyEditOf,
) -> list[Edit]:
    mine = [leak for leak in leaks if leak.site.field == "body"]
    if not mine:
        return []
    body = (interaction.request if side == "request" else interaction.response).body
    if message.body_offset is None:
        raise RedactionError(f"the {side} of interaction {interaction.index} has no body to redact")
    stored = redact_body(body.stored, body.content, body.encoding, edit_of(interaction, side, mine))
    if stored == body.stored:
        raise RedactionError(f"a secret of the {side} body of interaction {interaction.index} was not found")
    framed = data[message.body_offset : message.end]
    if "chunked" in ",".join(
        h.value.lower() for h in message.headers if h.name.lower() == "transfer-encoding"
    ):
        return [Edit(message.body_offset, message.end, _rechunked(framed, stored))]
    edits = [Edit(message.body_offset, message.end, stored)]
    if len(stored) != len(framed):
        edits += _length_edits(message, len(framed), len(stored))
    return edits


def _rechunked(framed: bytes, stored: bytes) -> bytes:
    """``stored`` in the old chunks when it kept its length, else as one chunk."""
    old = dechunk(framed)
    if old.problem is not None or len(old.content) != len(stored):
        return encode_chunked([stored])
    out = bytearray(framed)
    at = 0
    for start, end in old.spans:
        out[start:end] = stored[at : at + end - start]
        at += end - start
    return bytes(out)


def _length_edits(message: Message, old: int, new: int) -> list[Edit]:
    return [
        Edit(header.value_offset, header.value_offset + len(header.value), str(new).encode(), True)
        for header in message.headers
        if header.name.lower() == "content-length" and header.value.strip() == str(old)
    ]


def _apply(data: bytes, records: Sequence[Record], edits: list[Edit]) -> bytes:
    """The file with ``edits`` made and each record's length line matching its messages."""
    out = bytearray()
    at = 0
    ordered = sorted(edits, key=lambda edit: edit.start)
    for record in records:
        request = _edited(data, record.request, ordered)
        response = _edited(data, record.response, ordered)
        if request != data[slice(*record.request)] or response != data[slice(*record.response)]:
            line_end = data.index(b"\n", record.line_offset)
            ending = b"\r\n" if data[line_end - 1 : line_end] == b"\r" else b"\n"
            out += data[at : record.line_offset] + b"%d %d" % (len(request), len(response)) + ending
            out += request + response
        else:
            out += data[at : record.response[1]]
        at = record.response[1]
    return bytes(out + data[at:])


def _edited(data: bytes, span: tuple[int, int], edits: list[Edit]) -> bytes:
    start, end = span
    out = bytearray()
    at = start
    for edit in edits:
        if edit.start < start or edit.end > end:
            continue
        if edit.start < at:
            raise RedactionError("two edits of the trace overlap")
        out += data[at : edit.start] + edit.data
        at = edit.end
    return bytes(out + data[at:end])
