"""Undo ``Content-Encoding`` (gzip, deflate, br, zstd) with a cap on the output size.

Recorders disagree about whether a stored body is still compressed: vcrpy keeps
gzip bytes as ``!!binary`` unless ``decode_compressed_response`` is set, go-vcr
stores what Go's transport handed it (already decompressed when it says
``uncompressed: true``) while keeping the header. So the bytes decide: gzip's
magic number wins over the header, and a header naming a coding whose bytes are
plainly not in that coding means the body was already decoded.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, NamedTuple

import brotli
import zstandard

from toolkit.read.limits import MAX_DECODED_BYTES, MAX_FILE_DECODED_BYTES, MAX_GZIP_MEMBERS

__all__ = [
    "MAX_DECODED_BYTES",
    "MAX_FILE_DECODED_BYTES",
    "UNSUPPORTED_CODING",
    "Decoded",
    "decode_content",
    "decoding_budget",
    "parse_codings",
]

_remaining: ContextVar[list[int] | None] = ContextVar("decode_budget", default=None)


@contextmanager
def decoding_budget(total: int = MAX_FILE_DECODED_BYTES) -> Iterator[None]:
    """Bound what the bodies decoded inside the block may decompress to, together.

    The per-body cap alone would let a file of many bombs use many gigabytes; the
    reader opens one budget per file.
    """
    token = _remaining.set([total])
    try:
        yield
    finally:
        _remaining.reset(token)


#: How ``Decoded.problem`` starts for a coding this module does not know (HTTP clients pass
#: such bodies through undecoded, so to them it is not an error).
UNSUPPORTED_CODING = "unsupported Content-Encoding"

_GZIP_MAGIC = b"\x1f\x8b"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_KNOWN = frozenset({"gzip", "x-gzip", "deflate", "br", "zstd"})


class Decoded(NamedTuple):
    """The content once codings are removed; ``encoding`` names what was removed."""

    content: bytes
    encoding: str | None = None
    problem: str | None = None


class _TooLargeError(Exception):
    pass


class _TooManyMembersError(Exception):
    pass


def parse_codings(header: str | None) -> list[str]:
    """Codings named by a ``Content-Encoding`` value, in the order they were applied."""
    if not header:
        return []
    names = [part.strip().lower() for part in header.split(",")]
    return [name for name in names if name and name != "identity"]


def decode_content(stored: bytes, content_encoding: str | None, limit: int = MAX_DECODED_BYTES) -> Decoded:
    """Remove the codings of ``stored``, trusting gzip's magic bytes over the header."""
    codings = parse_codings(content_encoding)
    if stored.startswith(_GZIP_MAGIC) and "gzip" not in codings and "x-gzip" not in codings:
        codings = [*codings, "gzip"]  # header lost or lying: the bytes are gzip
    if not codings or not stored:
        return Decoded(stored)
    budget = _remaining.get()
    if budget is not None and budget[0] < limit:
        limit = budget[0]
    data = stored
    removed: list[str] = []
    for coding in reversed(codings):
        if coding not in _KNOWN:
            return Decoded(data, _joined(removed), f"{UNSUPPORTED_CODING} {coding!r}")
        if not _looks_encoded(data, coding):
            continue  # stored already decoded, as recorders often do
        try:
            data = _DECODERS[coding](data, limit)
        except _TooLargeError:
            return Decoded(stored, None, f"{coding} body decompresses to more than {limit:,} bytes")
        except _TooManyMembersError:
            return Decoded(stored, None, f"{coding} body holds more than {MAX_GZIP_MEMBERS:,} members")
        except (zlib.error, brotli.error, zstandard.ZstdError, EOFError, ValueError) as e:
            return Decoded(stored, None, f"corrupt {coding} body: {e}")
        removed.append("gzip" if coding == "x-gzip" else coding)
    if budget is not None:
        budget[0] -= len(data)
    return Decoded(data, _joined(removed))


def _joined(removed: list[str]) -> str | None:
    return ", ".join(reversed(removed)) or None


def _looks_encoded(data: bytes, coding: str) -> bool:
    """Whether ``data`` plausibly is in ``coding`` rather than already decoded text."""
    if coding in ("gzip", "x-gzip"):
        return data.startswith(_GZIP_MAGIC)
    if coding == "zstd":
        return data.startswith(_ZSTD_MAGIC)
    if coding == "deflate":
        return not _looks_textual(data)
    return not _looks_textual(data)  # br has no magic number


def _looks_textual(data: bytes) -> bool:
    head = data[:512]
    if not head:
        return True
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start < len(head) - 3:  # not just a character cut at the window's end
            return False
        text = head[: e.start].decode("utf-8")
    return all(ch.isprintable() or ch in "\r\n\t" for ch in text)


#: Output is produced in pieces of this size, so a bomb is stopped before it is allocated.
_PIECE = 1 << 20
#: Input is fed in pieces of this size: what follows a stream is never copied whole (the
#: decoder hands back the input it did not use), which made many small members quadratic.
_FEED = 1 << 16
_NOT_PADDING = re.compile(rb"[^\x00]")


def _drain(inflater: Any, data: memoryview, at: int, limit: int, out: bytearray) -> int:
    """Inflate the stream that starts at ``data[at:]`` into ``out``, piece by piece; return the
    offset just after the stream's end."""
    pending: bytes | memoryview = b""
    while not inflater.eof:
        if not pending:
            pending = data[at : at + _FEED]
            at += len(pending)
        piece = inflater.decompress(pending, _PIECE)
        out += piece
        if len(out) > limit:
            raise _TooLargeError
        pending = inflater.unconsumed_tail
        if not piece and not pending and at >= len(data) and not inflater.eof:
            raise EOFError("compressed stream is truncated")  # an empty member ends with no output
    return at - len(inflater.unused_data)


def _gunzip(data: bytes, limit: int) -> bytes:
    """Decode gzip, including concatenated members (at most ``MAX_GZIP_MEMBERS``), up to
    ``limit`` bytes, in time linear in the input."""
    out = bytearray()
    view, at, members = memoryview(data), 0, 0
    while at < len(data):
        members += 1
        if members > MAX_GZIP_MEMBERS:
            raise _TooManyMembersError
        at = _drain(zlib.decompressobj(wbits=31), view, at, limit, out)
        padding = _NOT_PADDING.search(data, at)
        at = padding.start() if padding else len(data)
        if at < len(data) and not data.startswith(_GZIP_MAGIC, at):
            break  # trailing garbage after the last member, as gzip(1) tolerates
    return bytes(out)


def _inflate(data: bytes, limit: int) -> bytes:
    """HTTP ``deflate`` is zlib-wrapped by the spec, raw deflate in practice; accept both."""
    for wbits in (15, -15):
        out = bytearray()
        try:
            _drain(zlib.decompressobj(wbits=wbits), memoryview(data), 0, limit, out)
        except zlib.error:
            continue
        return bytes(out)
    raise zlib.error("not a deflate stream")


def _unbrotli(data: bytes, limit: int) -> bytes:
    decompressor = brotli.Decompressor()
    out = bytearray(decompressor.process(data, output_buffer_limit=limit + 1))
    while len(out) <= limit and not decompressor.is_finished():
        more = decompressor.process(b"", output_buffer_limit=limit + 1 - len(out))
        if not more:
            break
        out += more
    if len(out) > limit:
        raise _TooLargeError
    if not decompressor.is_finished():
        raise EOFError("br stream is truncated")
    return bytes(out)


def _unzstd(data: bytes, limit: int) -> bytes:
    reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data), read_across_frames=True)
    out = reader.read(limit + 1)
    if len(out) > limit:
        raise _TooLargeError
    return bytes(out)


_DECODERS = {
    "gzip": _gunzip,
    "x-gzip": _gunzip,
    "deflate": _inflate,
    "br": _unbrotli,
    "zstd": _unzstd,
}
