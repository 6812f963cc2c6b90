"""Read a cassette file for redaction and write the redacted text back, atomically.

``*.gz`` files (langchain's split cassettes) are decompressed to redact and compressed again,
keeping the original's gzip file name and time. A write goes through
``toolkit.plumbing.atomic.write_atomically``: a temporary file in the same folder, with the original's
permission bits, flushed to disk and renamed over the original, so a reader never sees half a
cassette and an interrupted run leaves the old file whole. A symbolic link is written through
to its target, and a file with several hard links in place: the secret must leave the disk,
not just the name that was given.
"""

from __future__ import annotations

import gzip
import io
import os
import struct
import zlib

from toolkit.plumbing.atomic import write_atomically
from toolkit.read.content_coding import MAX_DECODED_BYTES

__all__ = ["FileError", "read_text", "write_text"]


class FileError(Exception):
    """A file that cannot be read or written; the message says why."""


def read_text(path: str) -> bytes:
    """The cassette's text: the file's bytes, decompressed when the name ends in ``.gz``."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as e:
        raise FileError(f"cannot read the file: {e.strerror or e}") from e
    if not path.endswith(".gz"):
        return data
    inflater = zlib.decompressobj(wbits=31)
    try:
        text = inflater.decompress(data, MAX_DECODED_BYTES + 1)
    except zlib.error as e:
        raise FileError(f"not a gzip file: {e}") from e
    if len(text) > MAX_DECODED_BYTES or not inflater.eof:
        raise FileError("the gzip file is truncated or too large to redact")
    return text


def _gzip_header(original: bytes) -> tuple[str, int]:
    """The file name and time stored in a gzip header (RFC 1952), if any."""
    if len(original) < 10 or original[:2] != b"\x1f\x8b":
        return "", 0
    flags, mtime = original[3], struct.unpack("<I", original[4:8])[0]
    at = 10
    if flags & 0x04:  # FEXTRA
        at += 2 + struct.unpack("<H", original[at : at + 2])[0]
    name = ""
    if flags & 0x08:  # FNAME
        end = original.find(b"\x00", at)
        name = original[at:end].decode("latin-1") if end > 0 else ""
    return name, mtime


def _compress(text: bytes, original: bytes) -> bytes:
    name, mtime = _gzip_header(original)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=buffer, mtime=mtime) as handle:
        handle.write(text)
    return buffer.getvalue()


def write_text(path: str, text: bytes) -> None:
    """Replace the file's content with ``text`` (compressed again for ``.gz``), atomically.

    A symbolic link is written through: its target gets the new content and the link stays
    (renaming over the link would leave the secret in the target). A file with other hard
    links is rewritten in place, so that every name of it reads the new content. The file is
    read back after the write; a content other than the one written is an error.
    """
    target = os.path.realpath(path)
    try:
        with open(target, "rb") as handle:
            original = handle.read()
        data = _compress(text, original) if path.endswith(".gz") else text
        if os.stat(target).st_nlink > 1:
            _write_in_place(target, data)
        else:
            write_atomically(target, data)
        with open(path, "rb") as handle:
            written = handle.read()
    except OSError as e:
        raise FileError(f"cannot write the file: {e.strerror or e}") from e
    if written != data:
        raise FileError("the file does not read back as written; its secrets may still be on disk")


def _write_in_place(path: str, data: bytes) -> None:
    with open(path, "r+b") as handle:
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())
