"""Format readers: recognise a cassette dialect from its document and read it into the model.

The registry is explicit: ``detect_format`` inspects the root and the first
interaction; ``read_cassette`` dispatches to the reader of that dialect. httprr traces
are not YAML documents: ``toolkit.read.parse`` sends their bytes to ``toolkit.read.dialects.httprr``.
Recordings that are not HTTP (websocket sessions, gRPC calls, message transcripts)
are recognised by their structure (``toolkit.read.dialects.recordings``) and returned
with an ``unsupported recording`` problem, never silently dropped.
"""

from __future__ import annotations

from typing import Any

from toolkit.model import Cassette, FormatName
from toolkit.problems import Problem, ProblemCode
from toolkit.read.dialects.govcr import read_govcr
from toolkit.read.dialects.har import is_har, read_har
from toolkit.read.dialects.langchain import read_langchain
from toolkit.read.dialects.parts import as_text
from toolkit.read.dialects.recordings import Recording, find_recording, holds_http_exchange
from toolkit.read.dialects.ruby import read_ruby
from toolkit.read.dialects.rvcr import is_rvcr, read_rvcr
from toolkit.read.dialects.vcrpy import read_vcrpy
from toolkit.read.document import START, YamlMap, YamlSeq, position_of

__all__ = ["detect_format", "read_cassette"]


def detect_format(root: Any) -> FormatName:
    """The dialect of a parsed document, or ``unknown``."""
    recording = find_recording(root)
    return recording.kind if recording is not None else _http_dialect(root)


def _http_dialect(root: Any) -> FormatName:
    """The HTTP cassette dialect of a document that holds no other recording."""
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
    recording = find_recording(root)
    if recording is not None:
        return _unsupported(root, path, recording)
    fmt = _http_dialect(root)
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


_RECORDING_NAMES = {
    "websocket": "a websocket session",
    "grpc": "a gRPC recording",
    "transcript": "a message transcript",
}


def _unsupported(root: Any, path: str, recording: Recording) -> Cassette:
    what = _RECORDING_NAMES[recording.kind]
    if recording.items is not None:
        what += f" ({recording.items} item{'s' * (recording.items != 1)})"
    where = recording.position
    problem = Problem(
        path,
        where.line,
        where.column,
        ProblemCode.UNSUPPORTED_RECORDING,
        f"unsupported recording: {what}, not HTTP interactions",
    )
    version = root.get("version") if isinstance(root, YamlMap) else None
    return Cassette(path, recording.kind, (), (problem,), as_text(version) or None)


def _unknown(root: Any, path: str) -> Cassette:
    where = root.position if isinstance(root, YamlMap | YamlSeq) else START
    if root is None:
        code, message = ProblemCode.EMPTY, "the file is empty"
    elif holds_http_exchange(root):
        code, message = ProblemCode.UNKNOWN_DIALECT, "HTTP exchanges in a layout no supported recorder writes"
    else:
        code, message = ProblemCode.UNKNOWN_DIALECT, f"not a cassette: {_describe(root)}"
    return Cassette(path, "unknown", (), (Problem(path, where.line, where.column, code, message),))


def _describe(root: Any) -> str:
    if isinstance(root, dict):
        return "a mapping without interactions, not a known recorder's layout"
    if isinstance(root, list):
        return "a list, not a known recorder's layout"
    return f"a single {type(root).__name__} value"
