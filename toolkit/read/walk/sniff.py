"""A cheap look at a file's start: is it plainly not a cassette (package.json, a CI workflow)?

A walk through a repository meets YAML and JSON that no recorder wrote: package manifests,
compiler and CI settings, compose files, OpenAPI specs, Kubernetes manifests, translations.
Every recorder writes its structure key first (vcrpy, go-vcr: ``interactions``, after
``version`` for go-vcr; Ruby and R VCR: ``http_interactions``; langchain's split cassettes:
``requests`` / ``responses``; Polly's HAR: ``log``) and an httprr trace starts with its
header line. So the first 16 KiB decide: a document whose top-level keys there include a
structure key is a cassette; one that is a list, or that has a top-level key no recorder
writes (and no structure key), is plainly not one. Anything else (empty, binary, odd YAML,
a key whose value outlasts the window) is kept, and the reader says what it is.

Only walked files are looked at; a file named on the command line is always read.
"""

from __future__ import annotations

import os
import re
import zlib

__all__ = ["HEAD_BYTES", "is_plainly_not_a_cassette", "read_verdict"]

HEAD_BYTES = 16 * 1024

#: Top-level keys that make a document a cassette; ``log`` (HAR) only beside HAR's own keys.
STRUCTURE_KEYS = frozenset({"interactions", "http_interactions", "requests", "responses", "log"})
#: Other top-level keys recorders write, before or after the structure key.
OTHER_CASSETTE_KEYS = frozenset({"version", "recorded_with"})
_HAR_KEYS = (b"entries", b"creator")
_HTTPRR_HEADER = b"httprr trace v1"

_COLUMN_ZERO = re.compile(rb"^[^\s#].*", re.MULTILINE)
_YAML_KEY = re.compile(
    rb"""("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'"""  # a quoted key
    rb"""|[^\s'"\[\]{}#&*!|>%@`,?:-][^:]*?|-[^\s:][^:]*?)"""  # a plain one
    rb"""[ \t]*:(?:[ \t\r]|$)"""
)
_JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')
_JSON_COMMENT = re.compile(rb"\s*(?://[^\n]*|/\*.*?\*/)", re.DOTALL)

#: What the start of a file says.
CASSETTE, FOREIGN, UNDECIDED = "cassette", "foreign", "undecided"


def is_plainly_not_a_cassette(path: str) -> bool:
    """Whether the start of ``path`` shows a document that no recorder writes."""
    head = _read_head(path)
    return head is not None and read_verdict(head) == FOREIGN


def _read_head(path: str) -> bytes | None:
    try:  # os.open and os.read: a third of the cost of a file object, for every walked file
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            data = os.read(handle, HEAD_BYTES)
        finally:
            os.close(handle)
    except OSError:
        return None  # the reader reports it
    if not path.endswith(".gz"):
        return data
    try:
        return zlib.decompressobj(wbits=31).decompress(data, HEAD_BYTES)
    except zlib.error:
        return None


def read_verdict(head: bytes) -> str:
    """``cassette``, ``foreign`` or ``undecided`` for the first bytes of a file."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(_HTTPRR_HEADER):
        return CASSETTE
    while text.startswith((b"//", b"/*")):  # JSON with comments (tsconfig, devcontainer)
        comment = _JSON_COMMENT.match(text)
        if comment is None:
            return UNDECIDED
        text = text[comment.end() :].lstrip()
    if text.startswith((b"{", b"[")):
        return _json_verdict(text, head)
    return _yaml_verdict(text, head)


def _decide(keys: list[str], head: bytes) -> str:
    if any(_is_structure(key, head) for key in keys):
        return CASSETTE
    if any(key not in OTHER_CASSETTE_KEYS for key in keys):
        return FOREIGN
    return UNDECIDED


def _is_structure(key: str, head: bytes) -> bool:
    if key == "log":
        return any(name in head for name in _HAR_KEYS)
    return key in STRUCTURE_KEYS


def _yaml_verdict(text: bytes, head: bytes) -> str:
    keys: list[str] = []
    for line in _COLUMN_ZERO.finditer(text):
        content = line.group()
        if content.startswith((b"---", b"...", b"%")):
            continue  # document markers and directives
        if content == b"-" or content.startswith((b"- ", b"-\t")):
            if not keys:
                return FOREIGN  # the document is a list
            continue  # a list item under the previous key (PyYAML writes them at column 0)
        key = _YAML_KEY.match(content)
        if key is None:
            break  # flow style or a scalar document: not read here
        keys.append(_unquote(key.group(1)))
        if _is_structure(keys[-1], head):
            return CASSETTE
    return _decide(keys, head)


def _unquote(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace").strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def _json_verdict(text: bytes, head: bytes) -> str:
    if text.startswith(b"["):
        return FOREIGN  # no recorder writes a list
    keys: list[str] = []
    depth = 0
    last: bytes | None = None
    for token in _JSON_TOKEN.finditer(text):
        value = token.group()
        if value in (b"{", b"["):
            depth += 1
        elif value in (b"}", b"]"):
            depth -= 1
            if depth == 0:
                break
        elif value == b":" and depth == 1 and last is not None:
            keys.append(_unquote(last))
            if _is_structure(keys[-1], head):
                return CASSETTE
        last = value if depth == 1 and value.startswith(b'"') else None
    return _decide(keys, head)
