"""Walk the shared cassette corpus into ``(file, Location, value)`` triples for the scanner.

A stand-in for the toolkit's real loader, permissive on purpose: it accepts the tags real
cassettes carry (``!binary``, ``!!binary``, ``!!python/*``), decodes gzip and base64
bodies, parses JSON bodies (and JSON strings inside JSON), form bodies and SSE ``data:``
lines, and yields header values, URL query parameters and userinfo, whole URLs, JSON string
values under their key, form fields, and the text of bodies that are not JSON.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import yaml

from tests.conftest import CORPUS
from toolkit.credentials import Location

_MAX_JSON_DEPTH = 4
_FORM = re.compile(r"[\w.%\[\]-]+=[^&\s]*(?:&[\w.%\[\]-]+=[^&\s]*)*")

Item = tuple[Path, Location, str]


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """SafeLoader (libyaml when present) that turns binary and python tags into plain values."""


def _binary(loader: yaml.SafeLoader, node: yaml.Node) -> bytes:
    text = loader.construct_scalar(node)  # type: ignore[arg-type]
    return base64.b64decode(str(text))


def _python(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node, deep=True)
        return str(items[0]) if len(items) == 1 else tuple(items)
    return loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]


_Loader.add_constructor("!binary", _binary)
_Loader.add_constructor("tag:yaml.org,2002:binary", _binary)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _python)
_Loader.add_multi_constructor("!", _python)


def load_cassette(path: Path) -> Any:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return yaml.load(data, Loader=_Loader)  # a SafeLoader subclass


def _text(raw: Any) -> str | None:
    """Text of a body: gzip is trusted by its magic bytes, not by Content-Encoding."""
    if not isinstance(raw, bytes):
        return raw if isinstance(raw, str) else None
    data: bytes = raw
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _json_items(path: Path, node: Any, key: str, depth: int = 0) -> Iterator[Item]:
    if isinstance(node, dict):
        for name, value in node.items():
            yield from _json_items(path, value, str(name), depth)
    elif isinstance(node, list):
        for value in node:
            yield from _json_items(path, value, key, depth)
    elif isinstance(node, str):
        yield path, Location("json_key", key), node
        inner = _parse_json(node) if depth < _MAX_JSON_DEPTH else None
        if inner is not None:
            yield from _json_items(path, inner, key, depth + 1)


def _parse_json(text: str) -> Any:
    stripped = text.strip()
    if not stripped.startswith(("{", "[")):
        return None
    try:
        return json.loads(stripped)
    except ValueError:
        return None


def _sse_items(path: Path, text: str) -> Iterator[Item]:
    for line in text.splitlines():
        if line.startswith("data:"):
            parsed = _parse_json(line[5:])
            if parsed is not None:
                yield from _json_items(path, parsed, "")


def _body_items(path: Path, body: Any) -> Iterator[Item]:
    if isinstance(body, dict):
        if "string" in body or "base64_string" in body:
            yield from _body_items(path, _decoded_string(body))
            return
        yield from _json_items(path, body, "")
        return
    text = _text(body)
    if not text:
        return
    parsed = _parse_json(text)
    if parsed is not None:
        yield from _json_items(path, parsed, "")
    elif _FORM.fullmatch(text.strip()):
        for name, value in parse_qsl(text.strip(), keep_blank_values=True):
            yield path, Location("form", name), value
    else:
        yield path, Location("text"), text
        yield from _sse_items(path, text)


def _decoded_string(body: dict[str, Any]) -> Any:
    if "base64_string" in body:
        try:
            return base64.b64decode(str(body["base64_string"]))
        except (binascii.Error, ValueError):
            return None
    return body["string"]


def _url_items(path: Path, url: str) -> Iterator[Item]:
    yield path, Location("url"), url
    parts = urlsplit(url)
    try:
        password = parts.password
    except ValueError:
        password = None
    if password:
        yield path, Location("userinfo", parts.username or ""), password
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        yield path, Location("query", name), value


def _header_items(path: Path, headers: dict[Any, Any]) -> Iterator[Item]:
    for name, values in headers.items():
        for value in values if isinstance(values, list) else [values]:
            if value is not None:
                yield path, Location("header", str(name)), str(value)


def walk(path: Path, node: Any) -> Iterator[Item]:
    """Every scannable value of a loaded cassette, with its location."""
    if isinstance(node, list):
        for value in node:
            yield from walk(path, value)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == "headers" and isinstance(value, dict):
            yield from _header_items(path, value)
        elif key in ("uri", "url") and isinstance(value, str):
            yield from _url_items(path, value)
        elif key in ("body", "parsed_body") or (key == "content" and "headers" in node):
            yield from _body_items(path, value)
        elif key == "form" and isinstance(value, dict):
            for name, values in value.items():
                for item in values if isinstance(values, list) else [values]:
                    yield path, Location("form", str(name)), str(item)
        else:
            yield from walk(path, value)


def cassette_paths(root: Path = CORPUS) -> list[Path]:
    suffixes = (".yaml", ".yml", ".gz")
    return sorted(p for p in root.rglob("*") if p.suffix in suffixes and p.is_file())


def corpus_items(root: Path = CORPUS) -> Iterator[Item]:
    for path in cassette_paths(root):
        yield from walk(path, load_cassette(path))
