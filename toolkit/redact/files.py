"""Read a cassette file for redaction and write the redacted text back, atomically.

``*.gz`` files (langchain's split cassettes) are decompressed to redact and compressed again,
keeping the original's gzip file name and time. A write goes through
``toolkit.plumbing.rewrite``: refused when the file changed since it was read; otherwise a
temporary file (in a folder git ignores) with the original's mode, owner and group, flushed
to disk and renamed over the original, so a reader never sees half a cassette and an
interrupted run leaves the old file whole; a file with other hard links (or another user's)
is written in place, so that every name sees the redaction. A symbolic link is written
through to its target: the secret must leave the disk, not just the name that was given.
"""

from __future__ import annotations

import gzip
import io
import os
import struct
import zlib

from toolkit.plumbing.rewrite import FileChangedError, Snapshot, rewrite_file
from toolkit.read.content_coding import MAX_DECODED_BYTES
from toolkit.read.files import MAX_FILE_BYTES, UnreadableFileError, read_regular_file

__all__ = ["FileError", "Snapshot", "read_original", "read_text", "write_text"]


class FileError(Exception):
    """A file that cannot be read or written; the message says why."""


def read_original(path: str) -> Snapshot:
    """The file's bytes and status, as ``write_text`` needs them to know it is unchanged."""
    try:
        status = os.stat(path)
        data = read_regular_file(path, MAX_FILE_BYTES)
    except UnreadableFileError as e:
        raise FileError(str(e)) from e
    except OSError as e:
        raise FileError(f"cannot read the file: {e.strerror or e}") from e
    return Snapshot(data, status)


def read_text(path: str, original: Snapshot | None = None) -> bytes:
    """The cassette's text: the file's bytes (``original``'s, or read now), decompressed when
    the name ends in ``.gz``."""
    data = (original or read_original(path)).data
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


def write_text(path: str, text: bytes, original: Snapshot) -> None:
    """Replace the file's content with ``text`` (compressed again for ``.gz``), unless the file
    changed since ``original`` was read (``toolkit.plumbing.rewrite``).

    A symbolic link is written through: its target gets the new content and the link stays
    (renaming over the link would leave the secret in the target). The file is read back
    after the write; a content other than the one written is an error.
    """
    target = os.path.realpath(path)
    try:
        data = _compress(text, original.data) if path.endswith(".gz") else text
        rewrite_file(target, data, original)
        with open(path, "rb") as handle:
            written = handle.read()
    except FileChangedError as e:
        raise FileError(str(e)) from e
    except OSError as e:
        raise FileError(f"cannot write the file: {e.strerror or e}") from e
    if written != data:
        raise FileError("the file does not read back as written; its secrets may still be on disk")

