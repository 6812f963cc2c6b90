"""Recordings that are not HTTP, told apart from HTTP cassettes by their structure.

Projects keep other recordings beside their cassettes: websocket sessions (OpenAI
Realtime, Gemini Live), gRPC calls (xAI's SDK), agent-SDK control-protocol transcripts,
JSON-RPC logs. Each tool lays them out its own way, so they are recognised by what every
such layout shares, not by one tool's field names:

- an HTTP cassette records *exchanges*: a request with an HTTP method or an http(s)
  URL, a response with a status code from 100 to 599 (RFC 9110 section 15);
- a websocket session records *frames* (RFC 6455): an opcode, text / binary / ping /
  pong / close frames, a ``ws://`` or ``wss://`` URL, or messages of a kind with data;
- a gRPC recording names its calls ``/package.Service/Method`` (the ``:path`` of the
  gRPC over HTTP/2 protocol) or its service ``package.Service``, carries gRPC's trailers
  and status names (``OK``, ``UNAVAILABLE`` ...), request / response *samples*, or
  protobuf messages: a ``type.googleapis.com/`` type URL (protobuf's JSON form of
  ``Any``), or the wire bytes beside their decoded form;
- a transcript records *messages* with a direction (send / recv, in / out, client /
  server), JSON-RPC 2.0 messages, or typed protocol messages (``control_request``,
  ``session.update``).

One HTTP exchange anywhere makes the file HTTP: a real cassette with a broken
interaction stays an HTTP cassette (its reader reports the broken item), and a file
of HTTP exchanges in an unknown layout stays an unknown dialect. Only a file with no
HTTP exchange and with signs of another protocol is a non-HTTP recording.
"""

from __future__ import annotations

import re
from typing import Any, Literal, NamedTuple

from toolkit.read.document import Position, YamlMap, YamlSeq

__all__ = ["Recording", "RecordingKind", "find_recording", "holds_http_exchange", "is_http_exchange"]

RecordingKind = Literal["grpc", "websocket", "transcript"]

#: When signs of several protocols show, the most specific names the recording.
_PRECEDENCE: tuple[RecordingKind, ...] = ("grpc", "websocket", "transcript")

#: Request methods of the HTTP method registry that clients send (RFC 9110, 5789, WebDAV).
_HTTP_METHODS = frozenset(
    {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "QUERY"}
    | {"PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "SEARCH", "REPORT", "PURGE"}
)
_URL_KEYS = ("uri", "url", "href", "endpoint", "address", "target")
_STATUS_KEYS = ("status", "code", "status_code", "statusCode")
_HTTP_URL = re.compile(r"^https?://", re.IGNORECASE)
_WS_URL = re.compile(r"^wss?://", re.IGNORECASE)
_STATUS_LINE = re.compile(r"^[1-5][0-9]{2}(?: |$)")

#: A gRPC method's HTTP/2 ``:path``: ``/`` package-qualified service ``/`` method.
_GRPC_PATH = re.compile(r"^/?[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+/[A-Za-z_]\w*$")
_GRPC_SERVICE = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$")
#: A fully qualified service name: a lower-case package, then the service in upper camel case.
_GRPC_QUALIFIED_SERVICE = re.compile(r"^[a-z_][a-z0-9_]*(?:\.[A-Za-z_]\w*)*\.[A-Z]\w*$")
_PROTO_TYPE_URL = "type.googleapis.com/"
#: A protobuf message kept both ways: its wire bytes and a decoded view of them.
_WIRE_KEYS = ("raw", "wire", "bytes", "proto", "protobuf", "serialized")
_DECODED_KEYS = ("json", "decoded", "message", "text", "value")
_GRPC_METHOD_KEYS = ("method", "rpc", "full_method", "fullMethod", "grpc_method", "method_name")
_GRPC_KEYS = frozenset(
    {"request_sample", "response_sample", "trailers", "trailing_metadata", "initial_metadata"}
    | {"grpc_status", "grpc-status", "grpc_code", "grpc_method", "grpc_service"}
)
#: gRPC status codes by name (grpc/doc/statuscodes.md), also as ``StatusCode.NAME``.
_GRPC_STATUSES = frozenset(
    {"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND"}
    | {"ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED"}
    | {"OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"}
)

_FRAME_KEYS = frozenset({"opcode", "frame", "frames", "ws_frames", "websocket_messages"})
#: Frame and message kinds of websocket recorders, with the payload key beside them.
_FRAME_KINDS = frozenset(
    {"text", "binary", "ping", "pong", "close", "open", "message", "frame", "send", "sent"}
    | {"receive", "received", "recv", "connect", "connected", "disconnect"}
)
_PAYLOAD_KEYS = ("data", "payload", "frame", "body")
_KIND_KEYS = ("type", "kind", "event", "op")

_DIRECTION_KEYS = ("direction", "dir", "sender", "side", "origin", "flow", "from")
_DIRECTIONS = frozenset(
    {"send", "sent", "recv", "receive", "received", "in", "out", "inbound", "outbound"}
    | {"incoming", "outgoing", "client", "server", "up", "down", "upstream", "downstream"}
    | {"client_to_server", "server_to_client", "c2s", "s2c", "tx", "rx", "request", "response"}
)
#: Keys that name the direction of what they hold (``sent: {...}``, ``received: {...}``).
_DIRECTED_KEYS = frozenset(
    {"send", "sent", "recv", "received", "incoming", "outgoing", "inbound", "outbound"}
)
#: Typed protocol messages: ``control_request``, ``session.update``, ``response.audio.delta``.
_MESSAGE_TYPE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*_(?:request|response|notification|event)$")
_EVENT_NAME = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$")


class Recording(NamedTuple):
    """A non-HTTP recording: what it is, where its list of messages starts, and how many items
    the list has (None when the document itself is the one record)."""

    kind: RecordingKind
    position: Position
    items: int | None


def find_recording(root: Any) -> Recording | None:
    """The non-HTTP recording ``root`` holds, or None for an HTTP cassette or other data.

    A document with an ``interactions`` list (vcrpy's and go-vcr's key) is judged by that
    list alone; any other document by itself, its lists, and the lists one mapping down
    (``{"metadata": ..., "messages": [...]}``, ``{"session": {"frames": [...]}}``).
    """
    if isinstance(root, YamlMap) and "http_interactions" in root:
        return None
    if isinstance(root, YamlMap) and "interactions" in root:
        items = root.get("interactions")
        if not isinstance(items, list):
            return None
        return _judge([_Candidate(items, root.position_of("interactions"))])
    return _judge(_candidates(root))


class _Candidate(NamedTuple):
    """A list that may hold the records, where it starts, and whether it is the document itself."""

    items: list[Any]
    position: Position
    is_root: bool = False


def holds_http_exchange(root: Any) -> bool:
    """Whether a document of no known layout records HTTP exchanges (where ``find_recording``
    looks for messages)."""
    return any(
        isinstance(item, dict) and is_http_exchange(item, whole=not candidate.is_root)
        for candidate in _candidates(root)
        for item in candidate.items
    )


def _candidates(root: Any) -> list[_Candidate]:
    if isinstance(root, YamlSeq):
        return [_Candidate(root, root.position)]
    if not isinstance(root, YamlMap):
        return []
    found: list[_Candidate] = []
    for key, value in root.items():
        if isinstance(value, list):
            found.append(_Candidate(value, root.position_of(key)))
        elif isinstance(value, YamlMap):
            found.extend(_Candidate(v, value.position_of(k)) for k, v in value.items() if isinstance(v, list))
    return [*found, _Candidate([root], root.position, is_root=True)]


def _judge(candidates: list[_Candidate]) -> Recording | None:
    """No HTTP exchange in any candidate, and signs of another protocol in one of them.

    The most specific protocol seen anywhere names the recording (a gRPC stream's document
    names its service, its frame list only shows directions); it is placed at the first
    list that shows any sign.
    """
    kinds: set[RecordingKind] = set()
    first: _Candidate | None = None
    for candidate in candidates:
        for item in candidate.items:
            if not isinstance(item, dict):
                continue
            if is_http_exchange(item, whole=not candidate.is_root):
                return None
            signs = _signs(item)
            if signs and first is None:
                first = candidate
            kinds |= signs
    if first is None:
        return None
    kind = next(k for k in _PRECEDENCE if k in kinds)
    return Recording(kind, first.position, None if first.is_root else len(first.items))


def is_http_exchange(item: dict[Any, Any], whole: bool = True) -> bool:
    """Whether a record holds (part of) an HTTP exchange: a request or a response.

    ``whole``: the record may itself be the request or the response (a list item); a
    document's own top-level fields count only as an HTTP method, since a session's
    document may well name the URL it connected to or the 101 status that upgraded it.
    """
    request, response = item.get("request"), item.get("response")
    return (
        _is_http_request(item, by_url=whole)
        or (whole and _is_http_response(item))
        or _is_http_request(request)
        or _is_http_response(response)
    )


def _is_http_request(value: Any, by_url: bool = True) -> bool:
    if not isinstance(value, dict):
        return False
    method = value.get("method")
    if isinstance(method, str) and method.upper() in _HTTP_METHODS:
        return True
    return by_url and any(_is_text(value.get(key), _HTTP_URL) for key in _URL_KEYS)


def _is_http_response(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    for key in _STATUS_KEYS:
        status = value.get(key)
        if isinstance(status, dict):
            status = status.get("code")
        if isinstance(status, int) and not isinstance(status, bool) and 100 <= status <= 599:
            return True
        if _is_text(status, _STATUS_LINE):
            return True
    return False


def _signs(item: dict[Any, Any]) -> set[RecordingKind]:
    """The protocols a record that is not an HTTP exchange shows signs of."""
    kinds: set[RecordingKind] = set()
    parts = [item] + [v for v in (item.get("request"), item.get("response")) if isinstance(v, dict)]
    for part in parts:
        if _is_grpc(part):
            kinds.add("grpc")
        if _is_frame(part):
            kinds.add("websocket")
        if _is_message(part):
            kinds.add("transcript")
    return kinds


def _is_grpc(part: dict[Any, Any]) -> bool:
    if any(str(key) in _GRPC_KEYS for key in part):
        return True
    if any(_is_text(part.get(key), _GRPC_PATH) for key in _GRPC_METHOD_KEYS):
        return True
    service = part.get("service")
    if _is_text(service, _GRPC_QUALIFIED_SERVICE):
        return True
    if _is_text(service, _GRPC_SERVICE) and ("rpc" in part or "method" in part):
        return True
    if _is_protobuf(part) or any(isinstance(v, dict) and _is_protobuf(v) for v in part.values()):
        return True
    for key in _STATUS_KEYS:
        status = part.get(key)
        if isinstance(status, dict):
            status = status.get("code")
        if isinstance(status, str) and status.removeprefix("StatusCode.") in _GRPC_STATUSES:
            return True
    return False


def _is_protobuf(part: dict[Any, Any]) -> bool:
    type_url = part.get("@type")
    if isinstance(type_url, str) and type_url.startswith(_PROTO_TYPE_URL):
        return True
    wire = any(isinstance(part.get(key), bytes) for key in _WIRE_KEYS)
    return wire and any(key in part for key in _DECODED_KEYS)


def _is_frame(part: dict[Any, Any]) -> bool:
    if any(str(key) in _FRAME_KEYS for key in part):
        return True
    if any(_is_text(part.get(key), _WS_URL) for key in _URL_KEYS):
        return True
    kind = next((part[key] for key in _KIND_KEYS if key in part), None)
    return (
        isinstance(kind, str) and kind.lower() in _FRAME_KINDS and any(key in part for key in _PAYLOAD_KEYS)
    )


def _is_message(part: dict[Any, Any]) -> bool:
    if "jsonrpc" in part or any(str(key) in _DIRECTED_KEYS for key in part):
        return True
    for key in _DIRECTION_KEYS:
        value = part.get(key)
        if isinstance(value, str) and value.lower().replace("-", "_") in _DIRECTIONS:
            return True
    kind = next((part[key] for key in _KIND_KEYS if key in part), None)
    return isinstance(kind, str) and bool(_MESSAGE_TYPE.match(kind) or _EVENT_NAME.match(kind))


def _is_text(value: Any, pattern: re.Pattern[str]) -> bool:
    return isinstance(value, str) and pattern.match(value) is not None
