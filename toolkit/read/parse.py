"""Bytes of one file to a ``Cassette``: unwrap gzip, parse, detect the dialect, read.

Pure (no I/O): ``toolkit.read.files`` reads the bytes. httprr traces are not YAML: their reader
builds the positioned document itself (``toolkit.read.dialects.httprr``). Never raises for bad input;
whatever goes wrong is a ``Problem`` on the returned cassette.
"""

from __future__ import annotations

import json
import os
import zlib
from typing import Any, NamedTuple

from toolkit.model import Cassette
from toolkit.problems import Problem, ProblemCode
from toolkit.read.content_coding import decoding_budget
from toolkit.read.dialects import read_cassette
from toolkit.read.dialects.httprr import is_httprr, read_httprr
from toolkit.read.document import (
    START,
    Document,
    DocumentError,
    DuplicateKey,
    Position,
    YamlMap,
    YamlSeq,
    read_libyaml_document,
)
from toolkit.read.limits import MAX_GZIP_FILE_BYTES, MAX_INTERACTIONS
from toolkit.read.subset import read_subset

__all__ = ["FAST_READER", "MAX_GZIP_FILE_BYTES", "Parsed", "parse_cassette", "read_document"]

#: Whether ``read_document`` tries the subset reader (``toolkit.read.subset``) before libyaml;
#: ``CASSETTE_TOOLKIT_YAML=libyaml`` in the environment reads every file with libyaml.
FAST_READER = os.environ.get("CASSETTE_TOOLKIT_YAML", "").lower() != "libyaml"


def read_document(data: bytes) -> Document:
    """Parse YAML (or JSON) bytes into a positioned plain-data document.

    The subset reader reads what recorders write; anything else is composed by libyaml
    (``read_libyaml_document``, the reference). Both give the same document: a differential
    test over real cassettes checks it.
    """
    if FAST_READER:
        document = read_subset(data)
        if document is not None:
            return document
    return read_libyaml_document(data)


class Parsed(NamedTuple):
    """A file read into the model, with the document it came from (None when unreadable)."""

    cassette: Cassette
    document: Document | None


def parse_cassette(data: bytes, path: str) -> Parsed:
    """Read the bytes of ``path`` (a ``*.gz`` name means gzip-wrapped; an httprr trace is
    recognised by its first line or its ``*.httprr`` name, anything else is read as YAML).

    Never raises: a file that needs more memory than there is becomes a ``CT007`` problem, and
    a reader that raises (a bug) a ``CT099`` one.
    """
    try:
        return _parse(data, path)
    except MemoryError:
        return _failed(
            path, ProblemCode.RESOURCE_LIMIT, "reading the file needs more memory than is available"
        )
    except Exception as e:  # a reader's bug must be a problem of this file, never a crash of the run
        return _failed(
            path,
            ProblemCode.INTERNAL_ERROR,
            f"reading the file failed with {type(e).__name__}; please report it",
        )


def _failed(path: str, code: ProblemCode, message: str) -> Parsed:
    return Parsed(Cassette(path, "unknown", problems=(Problem(path, 1, 1, code, message),)), None)


def _parse(data: bytes, path: str) -> Parsed:
    try:
        text = _gunzip_file(data) if path.endswith(".gz") else data
        if is_httprr(text) or path.removesuffix(".gz").endswith(".httprr"):
            with decoding_budget():
                document, cassette = read_httprr(text, path)
            return Parsed(_bounded(cassette), document)
        document = _read(text, path)
    except DocumentError as e:
        problem = Problem(path, e.position.line, e.position.column, e.code, e.message)
        return Parsed(Cassette(path, "unknown", problems=(problem,)), None)
    with decoding_budget():
        cassette = _bounded(read_cassette(document.root, path))
    if document.duplicate_keys:
        duplicates = tuple(_duplicate(path, d, cassette.format) for d in document.duplicate_keys)
        cassette = Cassette(
            cassette.path,
            cassette.format,
            cassette.interactions,
            cassette.problems + duplicates,
            cassette.version,
        )
    return Parsed(cassette, document)


def _bounded(cassette: Cassette) -> Cassette:
    """The cassette's first ``MAX_INTERACTIONS`` interactions; a ``CT007`` problem at the first
    one left out says so (every later stage holds what it derives from each interaction)."""
    if len(cassette.interactions) <= MAX_INTERACTIONS:
        return cassette
    first = cassette.interactions[MAX_INTERACTIONS].position
    problem = Problem(
        cassette.path,
        first.line,
        first.column,
        ProblemCode.RESOURCE_LIMIT,
        f"the file records more than {MAX_INTERACTIONS:,} interactions; those from here on are not read",
    )
    return Cassette(
        cassette.path,
        cassette.format,
        cassette.interactions[:MAX_INTERACTIONS],
        (*cassette.problems, problem),
        cassette.version,
    )


def _duplicate(path: str, duplicate: DuplicateKey, format: str) -> Problem:
    """A key written twice: PyYAML, Psych and yaml.v2 keep the later value, but go-vcr's format 2
    is read with yaml.v3, which refuses the whole file ("mapping key already defined")."""
    key, where = duplicate.key[:40], duplicate.position
    if format == "go-vcr-v2":
        message = f"key {key!r} is written twice; go-vcr reads format 2 with yaml.v3, which refuses that"
        return Problem(path, where.line, where.column, ProblemCode.SYNTAX, message)
    message = f"key {key!r} is written twice; the later value is used"
    return Problem(path, where.line, where.column, ProblemCode.DUPLICATE_KEY, message)


def _gunzip_file(data: bytes) -> bytes:
    inflater = zlib.decompressobj(wbits=31)
    try:
        text = inflater.decompress(data, MAX_GZIP_FILE_BYTES + 1)
    except zlib.error as e:
        raise DocumentError(ProblemCode.UNREADABLE, f"not a gzip file: {e}") from e
    if len(text) > MAX_GZIP_FILE_BYTES or inflater.unconsumed_tail:
        raise DocumentError(
            ProblemCode.RESOURCE_LIMIT, f"gzip file decompresses to more than {MAX_GZIP_FILE_BYTES:,} bytes"
        )
    if not inflater.eof:
        raise DocumentError(ProblemCode.UNREADABLE, "gzip file is truncated")
    return text


def _read(text: bytes, path: str) -> Document:
    try:
        return read_document(text)
    except DocumentError as e:
        if not path.endswith((".json", ".har")) or e.code != ProblemCode.SYNTAX:
            raise
        # JSON that YAML 1.1 will not take (e.g. tabs or "\/" escapes): read it as JSON,
        # without node positions.
        try:
            return Document(root=_positioned(json.loads(text)))
        except (ValueError, RecursionError):
            raise e from None


def _positioned(value: Any, where: Position = START) -> Any:
    if isinstance(value, dict):
        mapping = YamlMap(where)
        for key, item in value.items():
            mapping[key] = _positioned(item)
            mapping.value_positions[key] = where
        return mapping
    if isinstance(value, list):
        sequence = YamlSeq(where)
        sequence.extend(_positioned(item) for item in value)
        sequence.item_positions.extend(where for _ in value)
        return sequence
    return value
