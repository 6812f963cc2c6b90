"""Content-Encoding decoding: every coding, lying headers, corrupt data, bombs."""

from __future__ import annotations

import gzip
import zlib

import brotli
import pytest
import zstandard
from hypothesis import given
from hypothesis import strategies as st

from toolkit.read.content_coding import decode_content, parse_codings

TEXT = b'{"object":"chat.completion","choices":[{"index":0}]}' * 3

ENCODERS = {
    "gzip": lambda b: gzip.compress(b, mtime=0),
    "deflate": zlib.compress,
    "br": brotli.compress,
    "zstd": lambda b: zstandard.ZstdCompressor().compress(b),
}


@pytest.mark.parametrize("coding", sorted(ENCODERS))
def test_each_coding_is_removed(coding: str) -> None:
    decoded = decode_content(ENCODERS[coding](TEXT), coding)
    assert decoded.content == TEXT
    assert decoded.encoding == coding
    assert decoded.problem is None


def test_raw_deflate_is_accepted() -> None:
    compressor = zlib.compressobj(wbits=-15)
    raw = compressor.compress(TEXT) + compressor.flush()
    assert decode_content(raw, "deflate").content == TEXT


def test_gzip_magic_wins_when_the_header_is_missing() -> None:
    decoded = decode_content(gzip.compress(TEXT), None)
    assert (decoded.content, decoded.encoding) == (TEXT, "gzip")


@pytest.mark.parametrize("coding", ["gzip", "br", "zstd", "deflate"])
def test_header_naming_a_coding_of_plain_text_means_already_decoded(coding: str) -> None:
    decoded = decode_content(TEXT, coding)
    assert (decoded.content, decoded.encoding, decoded.problem) == (TEXT, None, None)


def test_stacked_codings_are_removed_in_reverse_order() -> None:
    stored = brotli.compress(gzip.compress(TEXT))
    decoded = decode_content(stored, "gzip, br")
    assert (decoded.content, decoded.encoding) == (TEXT, "gzip, br")


def test_concatenated_gzip_members() -> None:
    assert decode_content(gzip.compress(b"ab") + gzip.compress(b"cd"), "gzip").content == b"abcd"


def test_corrupt_gzip_keeps_the_stored_bytes_and_says_why() -> None:
    stored = gzip.compress(TEXT)[:30]
    decoded = decode_content(stored, "gzip")
    assert decoded.content == stored
    assert decoded.problem is not None and "gzip" in decoded.problem


@pytest.mark.parametrize("coding", sorted(ENCODERS))
def test_bombs_are_capped(coding: str) -> None:
    bomb = ENCODERS[coding](b"\x00" * 2_000_000)
    decoded = decode_content(bomb, coding, limit=100_000)
    assert decoded.content == bomb
    assert decoded.problem is not None and "more than" in decoded.problem


def test_unknown_coding_is_reported() -> None:
    assert decode_content(b"\x00\x01", "compress").problem == "unsupported Content-Encoding 'compress'"


def test_parse_codings() -> None:
    assert parse_codings("gzip, identity , BR") == ["gzip", "br"]
    assert parse_codings(None) == []


@given(st.binary(max_size=2000), st.sampled_from(sorted(ENCODERS)))
def test_round_trip(data: bytes, coding: str) -> None:
    decoded = decode_content(ENCODERS[coding](data), coding)
    assert decoded.content == data or decoded.encoding is None


@given(st.binary(max_size=500), st.sampled_from(["gzip", "deflate", "br", "zstd", "gzip, br", None]))
def test_any_bytes_never_raise(data: bytes, coding: str | None) -> None:
    decode_content(data, coding)


def test_one_file_of_many_bombs_stays_within_its_budget() -> None:
    from toolkit.read.content_coding import decoding_budget

    bomb = gzip.compress(b"\x00" * 3_000_000)
    with decoding_budget(5_000_000):
        first = decode_content(bomb, "gzip")
        second = decode_content(bomb, "gzip")
    assert first.problem is None and len(first.content) == 3_000_000
    assert second.content == bomb and second.problem is not None and "more than 2,000,000" in second.problem
    assert decode_content(bomb, "gzip").problem is None  # outside the budget only the per-body cap applies


def _sync_flushed_empty_gzip() -> bytes:
    """What Go's gzip writer closes an empty body with: an empty stored block, then the end."""
    compressor = zlib.compressobj(wbits=31)
    return compressor.compress(b"") + compressor.flush(zlib.Z_SYNC_FLUSH) + compressor.flush()


@pytest.mark.parametrize(
    "stored",
    [
        gzip.compress(b""),
        gzip.compress(b"", mtime=0) * 2,
        _sync_flushed_empty_gzip(),
        gzip.compress(b"") + b"\x00" * 4,
    ],
    ids=["one member", "two members", "sync flushed", "padded"],
)
def test_a_valid_gzip_body_of_empty_content_is_empty(stored: bytes) -> None:
    assert decode_content(stored, "gzip") == (b"", "gzip", None)


def test_gzip_bodies_of_many_members_are_refused_quickly() -> None:
    from toolkit.read.limits import MAX_GZIP_MEMBERS

    decoded = decode_content(gzip.compress(b"x") * (MAX_GZIP_MEMBERS + 1), "gzip")
    assert decoded.problem == f"gzip body holds more than {MAX_GZIP_MEMBERS:,} members"
    assert decode_content(gzip.compress(b"x") * MAX_GZIP_MEMBERS, "gzip").content == b"x" * MAX_GZIP_MEMBERS
