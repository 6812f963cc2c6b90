"""Compress a redacted body again the way it was stored: gzip, deflate, br, zstd.

The redacted content has the length of the original (placeholders keep lengths), but its
compressed form has not. A gzip member is padded back to its old size with the optional
comment field of its header (RFC 1952, FLG.FCOMMENT) whenever it came out shorter, which
is nearly always, since a placeholder compresses better than the random secret it
replaced; then a recorded ``Content-Length`` still holds. Otherwise the caller updates the
lengths the cassette records.
"""

from __future__ import annotations

import struct
import zlib

import brotli
import zstandard

from toolkit.read.content_coding import parse_codings

__all__ = ["encode_content"]

_GZIP_MAGIC = b"\x1f\x8b"
_FCOMMENT = 0x10
_COMMENT = b"redacted by cassette-toolkit"
# XFL says how hard the original was compressed (RFC 1952 2.3.1): 2 slowest, 4 fastest.
_LEVEL_BY_XFL = {2: 9, 4: 1}


def encode_content(content: bytes, codings: str | None, original: bytes) -> bytes:
    """``content`` with the codings of ``codings`` applied again, in order."""
    data = content
    for coding in parse_codings(codings):
        if coding in ("gzip", "x-gzip"):
            data = _gzip(data, original)
        elif coding == "deflate":
            data = _deflate(data, original)
        elif coding == "br":
            data = brotli.compress(data)
        elif coding == "zstd":
            data = zstandard.ZstdCompressor().compress(data)
        else:
            raise ValueError(f"cannot encode {coding!r}")
    return data


def _gzip(data: bytes, original: bytes) -> bytes:
    """One gzip member keeping the original's time, XFL and OS; padded to its size if shorter."""
    mtime, xfl, system = b"\x00\x00\x00\x00", 0, 255
    if original.startswith(_GZIP_MAGIC) and len(original) >= 10:
        mtime, xfl, system = original[4:8], original[8], original[9]
    compressor = zlib.compressobj(_LEVEL_BY_XFL.get(xfl, 6), zlib.DEFLATED, -15)
    deflated = compressor.compress(data) + compressor.flush()
    trailer = struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
    plain = _GZIP_MAGIC + bytes([8, 0]) + mtime + bytes([xfl, system]) + deflated + trailer
    room = len(original) - len(plain)
    if room < 1:
        return plain
    comment = (_COMMENT + b" " * room)[: room - 1] + b"\x00"
    return _GZIP_MAGIC + bytes([8, _FCOMMENT]) + mtime + bytes([xfl, system]) + comment + deflated + trailer


def _deflate(data: bytes, original: bytes) -> bytes:
    """zlib-wrapped when the original was (RFC 1950 header check), raw deflate otherwise."""
    wrapped = len(original) >= 2 and original[0] & 0x0F == 8 and (original[0] << 8 | original[1]) % 31 == 0
    compressor = zlib.compressobj(6, zlib.DEFLATED, 15 if wrapped else -15)
    return compressor.compress(data) + compressor.flush()
