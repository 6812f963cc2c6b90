"""Format readers: recognise a cassette dialect from its document and read it into the model.

The registry is explicit: ``detect_format`` inspects the root and the first
interaction; ``read_cassette`` dispatches to the reader of that dialect. httprr traces
are not YAML documents: ``toolkit.reader`` sends their bytes to ``toolkit.formats.httprr``.
Recordings that are not HTTP (websocket sessions, gRPC samples) are recognised
and returned with an ``unsupported recording`` problem, never silently dropped.
"""

from __future__ import annotations

from typing import Any

from toolkit.document import START, YamlMap, YamlSeq, position_of
from toolkit.formats.govcr import read_govcr
from toolkit.formats.har import is_har, read_har
from toolkit.formats.langchain import read_langchain
from toolkit.formats.ruby import read_ruby
from toolkit.formats.rvcr import is_rvcr, read_rvcr
from toolkit.formats.vcrpy import read_vcrpy
from toolkit.model import Cassette, FormatName
from toolkit.problems import Problem, ProblemCode

__all__ = ["detect_format", "read_cassette"]


def detect_format(root: Any) -> FormatName:
    """The dialect of a parsed document, or ``unknown``."""
    if not isinstance(root, YamlMap):
        return "unknown"
    if "http_interactions" in root:
        return "r-vcr" if is_rvcr(root) else "ruby-vcr"
    if is_har(root):
        return "har"
    if "requests" in root and "responses" in root:
        return "langchain-split"
    if "interactions" not in root:
        return "unknown"
    first = _first_mapping(root.get("interactions"))
    if first is None:
        return "go-vcr-v2" if str(root.get("version")) == "2" else "vcrpy"
    if "request_sample" in first or "response_sample" in first:
        return "grpc"
    if "request" not in first and ("direction" in first or "kind" in first):
        return "websocket"
    request, response = first.get("request"), first.get("response")
    if _is_govcr(request, response):
        return "go-vcr-v2" if str(root.get("version")) == "2" or "proto" in (response or {}) else "go-vcr-v1"
    return "vcrpy"


def _first_mapping(items: Any) -> YamlMap | None:
    if isinstance(items, YamlSeq):
        for item in items:
            if isinstance(item, YamlMap):
                return item
    return None


def _is_govcr(request: Any, response: Any) -> bool:
    if isinstance(request, dict) and "url" in request and "uri" not in request:
        return True
    return isinstance(response, dict) and "code" in response and "status_code" not in response


def read_cassette(root: Any, path: str) -> Cassette:
    """Read a parsed document into a ``Cassette``; unknown or non-HTTP files carry a problem."""
    fmt = detect_format(root)
    if fmt in ("go-vcr-v2", "go-vcr-v1"):
        cassette = read_govcr(root, path, fmt)
    elif fmt == "vcrpy":
        cassette = read_vcrpy(root, path)
    elif fmt == "ruby-vcr":
        cassette = read_ruby(root, path)
    elif fmt == "langchain-split":
        cassette = read_langchain(root, path)
    elif fmt == "r-vcr":
        cassette = read_rvcr(root, path)
    elif fmt == "har":
        cassette = read_har(root, path)
    elif fmt in ("websocket", "grpc"):
        return _unsupported(root, path, fmt)
    else:
        return _unknown(root, path)
    if not cassette.interactions and not cassette.problems:
        where = root.position_of("interactions") if "interactions" in root else root.position
        if fmt == "har":
            where = position_of(root["log"], "entries")
        empty = Problem(
            path, where.line, where.column, ProblemCode.EMPTY, "the cassette records no interactions"
        )
        return Cassette(cassette.path, cassette.format, (), (empty,), cassette.version)
    return cassette


def _unsupported(root: YamlMap, path: str, fmt: FormatName) -> Cassette:
    items = root.get("interactions")
    count = len(items) if isinstance(items, list) else 0
    what = "a websocket session" if fmt == "websocket" else "a gRPC recording"
    where = root.position_of("interactions")
    problem = Problem(
        path,
        where.line,
        where.column,
        ProblemCode.UNSUPPORTED_RECORDING,
        f"unsupported recording: {what} ({count} items), not HTTP interactions",
    )
    return Cassette(path, fmt, (), (problem,), str(root.get("version", "")) or None)


def _unknown(root: Any, path: str) -> Cassette:
    where = root.position if isinstance(root, YamlMap | YamlSeq) else START
    kind = type(root).__name__ if not isinstance(root, dict) else "mapping without interactions"
    message = (
        "the file is empty" if root is None else f"not a cassette: a {kind}, not a known recorder's layout"
    )
    code = ProblemCode.EMPTY if root is None else ProblemCode.UNKNOWN_DIALECT
    return Cassette(path, "unknown", (), (Problem(path, where.line, where.column, code, message),))
