"""Build the labelled secret test set: cassettes with planted secrets, look-alikes, clean carriers.

    python tests/data/secrets/generate.py OUT_DIR

writes ``OUT_DIR/cassettes/*.yaml`` (and ``*.yml``) and ``OUT_DIR/manifest.json``. The output is the same
on every run. The secrets are synthesized here from the catalog's own example templates
(``toolkit.credentials.templates.expand``): structurally valid, never real. They are generated
into a temporary folder by the tests rather than committed, because hosting services that
check pushes for credentials would refuse checksum-valid tokens. ``manifest.json`` beside
this script is a committed copy of the labels (kinds, locations, expected codes and lines,
never a secret); a test checks that this script still produces it.

Labels come from construction only, never from the scanner under test: a planted value is
a catalog format (CT201, or CT204 for test-mode keys), a prefix-less value in a credential
position (CT202) or an account identifier (CT203); the expected line is the line where the
YAML node holding it starts (for a decoded body, the body's node). Look-alike and clean
files expect no finding at all.
"""

from __future__ import annotations

import base64
import gzip
import json
import random
import struct
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import brotli
import zstandard

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from toolkit.credentials.catalog import CATALOG
from toolkit.credentials.templates import ALPHABETS, expand

SEED = "cassette-toolkit labelled secrets v1"
Expected = list[tuple[str, int]]


# ---------------------------------------------------------------------------------------------
# What is planted


@dataclass(frozen=True)
class Planted:
    """A value to plant and the code it must be reported under."""

    kind: str
    family: str  # "token", "position", "account"
    value: str
    code: str


def token_kinds() -> list[Planted]:
    """One carrier per catalog token format: its first must-match example, expanded."""
    found = []
    for pattern in CATALOG:
        if pattern.layer != "token":
            continue
        carrier = expand(pattern.must_match[0], f"{SEED}:{pattern.id}")
        code = "CT201" if pattern.severity == "error" else "CT204"
        found.append(Planted(pattern.id, "token", carrier, code))
    return found


def _draw(rng: random.Random, alphabet: str, count: int) -> str:
    return "".join(rng.choice(ALPHABETS[alphabet]) for _ in range(count))


def position_kinds() -> list[Planted]:
    """Prefix-less credentials: only the name they sit under makes them secrets."""
    rng = random.Random(f"{SEED}:positions")
    return [
        Planted("azure-style-hex32", "position", _draw(rng, "hex", 32), "CT202"),
        Planted("mistral-style-b62", "position", _draw(rng, "b62", 32), "CT202"),
        Planted("proxy-key-b64url", "position", _draw(rng, "b64url", 40), "CT202"),
        Planted("password", "position", _draw(rng, "b62", 12) + "!" + _draw(rng, "b62", 5), "CT202"),
    ]


ACCOUNT_HEADERS = (
    "openai-organization",
    "openai-project",
    "anthropic-organization-id",
    "x-goog-user-project",
)


def account_values() -> dict[str, str]:
    rng = random.Random(f"{SEED}:accounts")
    return {
        "openai-organization": "org-" + _draw(rng, "b62", 24),
        "openai-project": "proj_" + _draw(rng, "b62", 24),
        "anthropic-organization-id": _uuid(rng),
        "x-goog-user-project": "acme-research-" + _draw(rng, "digits", 6),
        "gcp-project-id": "acme-llm-" + _draw(rng, "lowalnum", 8),
        "aws-account-id": "4" + _draw(rng, "digits", 11),
    }


def _uuid(rng: random.Random) -> str:
    text = _draw(rng, "hex", 32)
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


# ---------------------------------------------------------------------------------------------
# YAML writing with line numbers


def scalar(value: str) -> str:
    """A one-line YAML scalar: single-quoted when printable ASCII, else JSON-style double-quoted."""
    if value and all(" " <= char <= "~" for char in value) and value == value.strip():
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value)


def binary_block(data: bytes, indent: int) -> list[str]:
    """``!!binary |`` content lines, 76 base64 characters each, as PyYAML writes them."""
    text = base64.b64encode(data).decode()
    return [" " * indent + text[i : i + 76] for i in range(0, len(text), 76)]


@dataclass
class Writer:
    lines: list[str] = field(default_factory=list)

    def add(self, text: str) -> int:
        """Append lines; the 1-based number of the last one (where the value is written)."""
        self.lines.extend(text.split("\n"))
        return len(self.lines)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


@dataclass
class Body:
    """A body: text, bytes stored as ``!!binary`` (with its Content-Encoding), or a parsed_body."""

    text: str | None = None
    data: bytes | None = None
    parsed: Any = None
    parsed_value: str | None = None  # the scalar whose line to report inside parsed_body


@dataclass
class Exchange:
    uri: str = "https://api.example.com/v1/chat/completions"
    method: str = "POST"
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    request_body: Body | None = None
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    response_body: Body | None = None
    form: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Marks:
    """Lines of the nodes of one interaction, by place."""

    headers: dict[str, int] = field(default_factory=dict)
    uri: int = 0
    form: dict[str, int] = field(default_factory=dict)
    request_body: int = 0
    response_body: int = 0


def _headers(writer: Writer, headers: list[tuple[str, str]], indent: int, marks: dict[str, int]) -> None:
    """Headers as ``name: [values]``; a name given twice gets both values in its list."""
    pad = " " * indent
    writer.add(f"{pad}headers:")
    grouped: dict[str, list[str]] = {}
    for name, value in headers:
        grouped.setdefault(name, []).append(value)
    for name, values in grouped.items():
        writer.add(f"{pad}  {name}:")
        for value in values:
            marks[name.lower()] = writer.add(f"{pad}  - {scalar(value)}")


def _vcrpy_body(writer: Writer, body: Body | None, indent: int, *, request: bool) -> int:
    pad = " " * indent
    if body is None:
        return writer.add(f"{pad}body: null" if request else f"{pad}body:\n{pad}  string: ''")
    if body.parsed is not None:
        writer.add(f"{pad}parsed_body:")
        return _parsed(writer, body.parsed, indent + 2, body.parsed_value)
    key = f"{pad}body:" if request else f"{pad}body:\n{pad}  string:"
    if body.data is not None:
        line = writer.add(f"{key} !!binary |")
        for row in binary_block(body.data, indent + (4 if request else 6)):
            writer.add(row)
        return line
    assert body.text is not None
    return writer.add(f"{key} {scalar(body.text)}")


def _parsed(writer: Writer, value: Any, indent: int, wanted: str | None) -> int:
    """A JSON document as block YAML; the line of the scalar equal to ``wanted`` (0 if none)."""
    found = 0
    pad = " " * indent
    for key, item in value.items():
        if isinstance(item, dict):
            writer.add(f"{pad}{key}:")
            found = _parsed(writer, item, indent + 2, wanted) or found
        elif isinstance(item, list):
            writer.add(f"{pad}{key}:")
            for element in item:
                first = True
                for inner_key, inner in element.items():
                    lead = f"{pad}- " if first else f"{pad}  "
                    line = writer.add(f"{lead}{inner_key}: {scalar(str(inner))}")
                    found = line if inner == wanted else found
                    first = False
        else:
            line = writer.add(f"{pad}{key}: {scalar(str(item))}")
            found = line if item == wanted else found
    return found


def vcrpy_cassette(exchanges: list[Exchange]) -> tuple[str, list[Marks]]:
    writer = Writer()
    writer.add("interactions:")
    all_marks = []
    for exchange in exchanges:
        marks = Marks()
        writer.add("- request:")
        marks.request_body = _vcrpy_body(writer, exchange.request_body, 4, request=True)
        _headers(writer, exchange.request_headers or [("Content-Type", "application/json")], 4, marks.headers)
        writer.add(f"    method: {exchange.method}")
        marks.uri = writer.add(f"    uri: {scalar(exchange.uri)}")
        writer.add("  response:")
        marks.response_body = _vcrpy_body(writer, exchange.response_body, 4, request=False)
        _headers(
            writer, exchange.response_headers or [("Content-Type", "application/json")], 4, marks.headers
        )
        writer.add("    status:\n      code: 200\n      message: OK")
        all_marks.append(marks)
    writer.add("version: 1")
    return writer.text(), all_marks


def govcr_cassette(exchanges: list[Exchange]) -> tuple[str, list[Marks]]:
    writer = Writer()
    writer.add("---")
    writer.add("version: 2")
    writer.add("interactions:")
    all_marks = []
    for index, exchange in enumerate(exchanges):
        marks = Marks()
        writer.add(f"- id: {index}")
        writer.add("  request:")
        for line in ("proto: HTTP/1.1", "proto_major: 1", "proto_minor: 1", "content_length: 0", 'host: ""'):
            writer.add(f"    {line}")
        body = exchange.request_body.text if exchange.request_body and exchange.request_body.text else ""
        marks.request_body = writer.add(f"    body: {scalar(body) if body else chr(34) * 2}")
        if exchange.form:
            writer.add("    form:")
            for name, value in exchange.form:
                writer.add(f"      {name}:")
                marks.form[name] = writer.add(f"      - {scalar(value)}")
        _headers(writer, exchange.request_headers or [("Content-Type", "application/json")], 4, marks.headers)
        marks.uri = writer.add(f"    url: {scalar(exchange.uri)}")
        writer.add(f"    method: {exchange.method}")
        writer.add("  response:")
        for line in ("proto: HTTP/2.0", "proto_major: 2", "proto_minor: 0", "content_length: -1"):
            writer.add(f"    {line}")
        writer.add("    uncompressed: true")
        response = (
            exchange.response_body.text if exchange.response_body and exchange.response_body.text else "{}"
        )
        marks.response_body = writer.add(f"    body: {scalar(response)}")
        _headers(
            writer, exchange.response_headers or [("Content-Type", "application/json")], 4, marks.headers
        )
        writer.add("    status: 200 OK")
        writer.add("    code: 200")
        writer.add("    duration: 1.5s")
        all_marks.append(marks)
    return writer.text(), all_marks


def ruby_cassette(exchanges: list[Exchange]) -> tuple[str, list[Marks]]:
    """Ruby VCR: response bodies as ``base64_string`` (60-character lines, as Base64.encode64)."""
    writer = Writer()
    writer.add("---")
    writer.add("http_interactions:")
    all_marks = []
    for exchange in exchanges:
        marks = Marks()
        writer.add("- request:")
        writer.add(f"    method: {exchange.method.lower()}")
        marks.uri = writer.add(f"    uri: {scalar(exchange.uri)}")
        writer.add("    body:")
        writer.add("      encoding: UTF-8")
        marks.request_body = writer.add("      string: ''")
        _headers(writer, exchange.request_headers or [("Content-Type", "application/json")], 4, marks.headers)
        writer.add("  response:")
        writer.add("    status:\n      code: 200\n      message: OK")
        _headers(
            writer, exchange.response_headers or [("Content-Type", "application/json")], 4, marks.headers
        )
        writer.add("    body:")
        writer.add("      encoding: ASCII-8BIT")
        data = (exchange.response_body.text or "").encode() if exchange.response_body else b"{}"
        encoded = base64.encodebytes(data).decode()
        marks.response_body = writer.add("      base64_string: |")
        for row in encoded.rstrip("\n").split("\n"):
            writer.add(f"        {row}")
        writer.add("  recorded_at: Tue, 04 Mar 2025 10:00:00 GMT")
        all_marks.append(marks)
    writer.add("recorded_with: VCR 6.2.0")
    return writer.text(), all_marks


# ---------------------------------------------------------------------------------------------
# Bodies in every layer


def json_body(value: str, key: str, shape: str) -> str:
    if shape == "top":
        return json.dumps({"model": "gpt-4o-mini", key: value})
    if shape == "nested":
        return json.dumps({"model": "m", "tools": [{"config": {"env": {key: value}}}]})
    return json.dumps({"model": "m", "metadata": json.dumps({"client": {key: value}})})  # JSON in JSON


def sse_body(value: str, key: str) -> str:
    first = json.dumps({"id": "chatcmpl-1", "choices": [{"delta": {"role": "assistant"}}]})
    second = json.dumps({"id": "chatcmpl-1", key: value, "choices": []})
    return f"data: {first}\n\ndata: {second}\n\ndata: [DONE]\n\n"


def split_stream_body(text: str) -> str:
    """OpenAI chat completion chunks whose content deltas spell ``text`` over three events."""
    cut1, cut2 = len(text) // 3, 2 * len(text) // 3
    events = []
    for piece in ("Here it is: ", text[:cut1], text[cut1:cut2], text[cut2:], " (done)"):
        chunk = {"id": "chatcmpl-9", "object": "chat.completion.chunk", "model": "gpt-4o-mini"}
        chunk["choices"] = [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]
        events.append(f"data: {json.dumps(chunk)}\n\n")
    final = {"id": "chatcmpl-9", "object": "chat.completion.chunk", "model": "gpt-4o-mini"}
    final["choices"] = [{"index": 0, "delta": {}, "finish_reason": "stop"}]
    return "".join(events) + f"data: {json.dumps(final)}\n\ndata: [DONE]\n\n"


def _es_header(name: str, value: str) -> bytes:
    raw = value.encode()
    return bytes([len(name)]) + name.encode() + b"\x07" + struct.pack(">H", len(raw)) + raw


def es_message(event_type: str, payload: bytes) -> bytes:
    """One AWS event-stream message (prelude, CRC-32s) with the usual three headers."""
    headers = (
        _es_header(":event-type", event_type)
        + _es_header(":content-type", "application/json")
        + _es_header(":message-type", "event")
    )
    total = 16 + len(headers) + len(payload)
    prelude = struct.pack(">II", total, len(headers))
    head = prelude + struct.pack(">I", zlib.crc32(prelude)) + headers + payload
    return head + struct.pack(">I", zlib.crc32(head))


_USAGE = {"inputTokens": 12, "outputTokens": 7, "totalTokens": 19}
_METRICS = {"inputTokenCount": 12, "outputTokenCount": 7, "invocationLatency": 420, "firstByteLatency": 180}


def converse_stream(value: str, key: str) -> bytes:
    """Bedrock ConverseStream: JSON payloads as they are."""
    return (
        es_message("messageStart", json.dumps({"role": "assistant"}).encode())
        + es_message("contentBlockDelta", json.dumps({"contentBlockIndex": 0, key: value}).encode())
        + es_message("messageStop", json.dumps({"stopReason": "end_turn"}).encode())
        + es_message("metadata", json.dumps({"usage": _USAGE, "metrics": {"latencyMs": 420}}).encode())
    )


def invoke_stream(value: str, key: str) -> bytes:
    """Bedrock InvokeModelWithResponseStream: ``chunk`` payloads carry base64 JSON."""

    def chunk(document: dict[str, Any]) -> bytes:
        inner = base64.b64encode(json.dumps(document).encode()).decode()
        return es_message("chunk", json.dumps({"bytes": inner, "p": "abcdefgh"}).encode())

    return (
        chunk({"type": "message_start", "message": {"id": "msg_bdrk_01", "role": "assistant"}})
        + chunk({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", key: value}})
        + chunk({"type": "message_stop", "amazon-bedrock-invocationMetrics": _METRICS})
    )


CODERS: dict[str, Callable[[bytes], bytes]] = {
    "gzip": lambda data: gzip.compress(data, mtime=0),
    "deflate": zlib.compress,
    "br": brotli.compress,
    "zstd": zstandard.ZstdCompressor().compress,
}


# ---------------------------------------------------------------------------------------------
# Locations: each takes a value and the name to put it under, gives a cassette and the line


@dataclass(frozen=True)
class Built:
    text: str
    line: int
    suffix: str = ".yaml"
    vcrpy: bool = True  # loadable by vcrpy's own deserializer


def _vcrpy(exchange: Exchange, where: Callable[[Marks], int]) -> Built:
    text, marks = vcrpy_cassette([exchange])
    return Built(text, where(marks[0]))


def at_header(value: str, name: str) -> Built:
    return _vcrpy(
        Exchange(request_headers=[("Content-Type", "application/json"), (name, value)]),
        lambda m: m.headers[name.lower()],
    )


def at_query(value: str, name: str) -> Built:
    uri = f"https://api.example.com/v1/search?q=cats&{name}={quote(value, safe='')}&limit=5"
    return _vcrpy(Exchange(uri=uri, method="GET"), lambda m: m.uri)


def at_userinfo(value: str, name: str) -> Built:
    uri = f"https://{name}:{quote(value, safe='')}@proxy.example.com/v1/chat/completions"
    return _vcrpy(Exchange(uri=uri), lambda m: m.uri)


def at_form_field(value: str, name: str) -> Built:
    text, marks = govcr_cassette([Exchange(form=[(name, value)], method="POST")])
    return Built(text, marks[0].form[name], vcrpy=False)


def _json_at(shape: str) -> Callable[[str, str], Built]:
    def build(value: str, name: str) -> Built:
        body = Body(text=json_body(value, name, shape))
        return _vcrpy(Exchange(request_body=body), lambda m: m.request_body)

    return build


def at_form_body(value: str, name: str) -> Built:
    body = Body(text=f"grant_type=client_credentials&{name}={quote_plus(value)}&scope=read")
    headers = [("Content-Type", "application/x-www-form-urlencoded")]
    return _vcrpy(
        Exchange(uri="https://auth.example.com/oauth/token", request_headers=headers, request_body=body),
        lambda m: m.request_body,
    )


def at_sse(value: str, name: str) -> Built:
    exchange = Exchange(
        response_headers=[("Content-Type", "text/event-stream")],
        response_body=Body(text=sse_body(value, name)),
    )
    return _vcrpy(exchange, lambda m: m.response_body)


def at_stream_text(value: str, _name: str) -> Built:
    body = Body(text=split_stream_body(value))
    exchange = Exchange(response_headers=[("Content-Type", "text/event-stream")], response_body=body)
    return _vcrpy(exchange, lambda m: m.response_body)


def _coded_at(coding: str) -> Callable[[str, str], Built]:
    def build(value: str, name: str) -> Built:
        data = CODERS[coding](json.dumps({"id": "resp_1", "echo": {name: value}}).encode())
        headers = [("Content-Encoding", coding), ("Content-Type", "application/json")]
        return _vcrpy(
            Exchange(response_headers=headers, response_body=Body(data=data)), lambda m: m.response_body
        )

    return build


def at_ruby_base64(value: str, name: str) -> Built:
    exchange = Exchange(response_body=Body(text=json.dumps({"object": "list", name: value})))
    text, marks = ruby_cassette([exchange])
    return Built(text, marks[0].response_body, suffix=".yml", vcrpy=False)


def _eventstream_at(build_stream: Callable[[str, str], bytes], action: str) -> Callable[[str, str], Built]:
    def build(value: str, name: str) -> Built:
        headers = [("Content-Type", "application/vnd.amazon.eventstream")]
        uri = f"https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku/{action}"
        body = Body(data=build_stream(value, name))
        return _vcrpy(
            Exchange(uri=uri, response_headers=headers, response_body=body), lambda m: m.response_body
        )

    return build


def at_parsed_body(value: str, name: str) -> Built:
    document = {"model": "gpt-4o", "messages": [{"content": value, "role": "user"}]}
    if name != "content":
        document = {"model": "gpt-4o", "auth": {name: value}}
    body = Body(parsed=document, parsed_value=value)
    text, marks = vcrpy_cassette([Exchange(request_body=body)])
    return Built(text, marks[0].request_body, vcrpy=False)


#: Every location: (name for token carriers, name for prefix-less credentials, builder).
LOCATIONS: dict[str, tuple[str, str | None, Callable[[str, str], Built]]] = {
    "header": ("X-Debug-Note", "x-api-key", at_header),
    "query": ("note", "api_key", at_query),
    "userinfo": ("user", "user", at_userinfo),
    "form-field": ("note", "client_secret", at_form_field),
    "json-top": ("note", "api_key", _json_at("top")),
    "json-nested": ("note", "client_secret", _json_at("nested")),
    "json-in-json": ("note", "password", _json_at("json-in-json")),
    "form-body": ("note", "client_secret", at_form_body),
    "sse-data": ("note", "api_key", at_sse),
    "stream-text": ("content", None, at_stream_text),
    "gzip-binary": ("note", "access_token", _coded_at("gzip")),
    "deflate-binary": ("note", "access_token", _coded_at("deflate")),
    "br-binary": ("note", "access_token", _coded_at("br")),
    "zstd-binary": ("note", "access_token", _coded_at("zstd")),
    "ruby-base64": ("note", "api_key", at_ruby_base64),
    "eventstream-payload": ("note", "api_key", _eventstream_at(converse_stream, "converse-stream")),
    "eventstream-chunk": ("text", "api_key", _eventstream_at(invoke_stream, "invoke-with-response-stream")),
    "parsed-body": ("content", "api_key", at_parsed_body),
}


#: Where a value cannot be: HTTP header values hold no line breaks.
def _not_applicable(location: str, planted: Planted) -> str | None:
    if location == "header" and "\n" in planted.value:
        return "a header value cannot hold a line break"
    if location == "stream-text" and planted.family != "token":
        return "stream text has no names: only token formats can be recognised there"
    return None


# ---------------------------------------------------------------------------------------------
# Account identifiers, look-alikes, clean carriers


def account_cases() -> Iterator[tuple[str, str, Built, Expected]]:
    values = account_values()
    for name in ACCOUNT_HEADERS:
        exchange = Exchange(response_headers=[("Content-Type", "application/json"), (name, values[name])])
        built = _vcrpy(exchange, lambda m, n=name: m.headers[n])
        yield name, "header", built, [("CT203", built.line)]
    vertex = (
        f"https://us-east5-aiplatform.googleapis.com/v1/projects/{values['gcp-project-id']}"
        "/locations/us-east5/publishers/anthropic/models/claude-3-7-sonnet:rawPredict"
    )
    built = _vcrpy(Exchange(uri=vertex), lambda m: m.uri)
    yield "gcp-project-id", "url-path", built, [("CT203", built.line)]
    arn = f"arn:aws:bedrock:us-east-1:{values['aws-account-id']}:application-inference-profile/abc123def456"
    bedrock = f"https://bedrock-runtime.us-east-1.amazonaws.com/model/{quote(arn, safe='')}/converse"
    built = _vcrpy(Exchange(uri=bedrock), lambda m: m.uri)
    yield "aws-account-id", "url-path", built, [("CT203", built.line)]
    built = _json_at("nested")(arn, "inferenceProfileArn")
    yield "aws-account-id", "json-nested", built, [("CT203", built.line)]


def _b64(rng: random.Random, count: int) -> str:
    return _draw(rng, "b64", count)


def lookalike_values() -> dict[str, str]:
    rng = random.Random(f"{SEED}:lookalikes")
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(3000))).decode()
    return {
        "anthropic-message-id": "msg_01" + _draw(rng, "b62", 22),
        "anthropic-tool-use-id": "toolu_01" + _draw(rng, "b62", 22),
        "openai-call-id": "call_" + _draw(rng, "b62", 24),
        "openai-chat-completion-id": "chatcmpl-" + _draw(rng, "b62", 29),
        "openai-response-id": "resp_" + _draw(rng, "hex", 48),
        "openrouter-generation-id": f"gen-{_draw(rng, 'digits', 10)}-{_draw(rng, 'b62', 20)}",
        "openai-file-id": "file-" + _draw(rng, "b62", 22),
        "request-id": "req_" + _draw(rng, "b62", 24),
        "thinking-signature": "EqQBCkYIBRABGAIiQ" + _b64(rng, 380),
        "gemini-thought-signature": "CiQB" + _b64(rng, 240),
        "encrypted-reasoning": "gAAAAAB" + _draw(rng, "b64url", 600),
        "base64-png": png,
        "data-uri-png": "data:image/png;base64," + png[:800],
        "sha256-digest": _draw(rng, "hex", 64),
        "uuid": _uuid(rng),
        # AWS documentation's example key pair.
        "aws-docs-key-pair": "aws_access_key_id=AKIAIOSFODNN7EXAMPLE "
        "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "docs-truncated-key": "Set OPENAI_API_KEY=sk-proj-... and ANTHROPIC_API_KEY=sk-ant-api03-... first",
        "masked-key-in-error": "Incorrect API key provided: sk-proj-" + "*" * 20 + _draw(rng, "b62", 4) + ".",
        "placeholder-xxx": "sk-" + "x" * 48,
        "cloudflare-cookie": "__cf_bm="
        + _draw(rng, "b64url", 43)
        + "-1700000000-1.0.1.1-"
        + _draw(rng, "b64url", 80),
    }


#: Placeholders where credentials go: (header name, value) pairs that are not findings.
PLACEHOLDER_HEADERS = (
    ("Authorization", "Bearer REDACTED"),
    ("Authorization", "Bearer <OPENAI_API_KEY>"),
    ("x-api-key", "${ANTHROPIC_API_KEY}"),
    ("api-key", "***"),
    ("x-goog-api-key", "DUMMY"),
    ("Authorization", "Bearer fake-api-key-for-tests"),
    ("x-api-key", "**REDACTED**"),
    ("api-key", "[FILTERED]"),
    ("Authorization", "Bearer mock-key-1234567890"),
    ("x-api-key", "test"),
    ("Authorization", "Bearer sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    ("Authorization", "Bearer <REDACTED:openai-project-key>"),
    ("Cookie", "__cf_bm=abcdefghijklmnop1234; _cfuvid=qrstuvwxyz0987654321"),
)


def lookalike_files() -> Iterator[tuple[str, Built]]:
    values = lookalike_values()
    body = json.dumps(
        {"id": values["openai-response-id"], "items": [{"kind": k, "value": v} for k, v in values.items()]}
    )
    yield "lookalikes-json", _vcrpy(Exchange(response_body=Body(text=body)), lambda m: m.response_body)
    yield "lookalikes-gzip", _coded_at("gzip")(body, "all")
    headers = [("Content-Type", "application/json"), ("x-request-id", values["request-id"])]
    headers += [("Set-Cookie", values["cloudflare-cookie"] + "; path=/; HttpOnly")]
    headers += list(PLACEHOLDER_HEADERS)
    yield "placeholders-headers", _vcrpy(Exchange(request_headers=headers), lambda m: m.uri)
    uri = (
        "https://api.example.com/v1/items?key=REDACTED&access_token=%3CTOKEN%3E&page_token="
        + values["sha256-digest"]
    )
    yield "placeholders-query", _vcrpy(Exchange(uri=uri, method="GET"), lambda m: m.uri)
    placeholder_json = json.dumps(
        {
            "api_key": "your-api-key-here",
            "password": "changeme",
            "client_secret": "${CLIENT_SECRET}",
            "token": "null",
            "next_page_token": values["sha256-digest"],
            "max_tokens": 1024,
        }
    )
    yield (
        "placeholders-json",
        _vcrpy(Exchange(request_body=Body(text=placeholder_json)), lambda m: m.request_body),
    )
    thinking = [
        {"type": "content_block_start", "index": 0, "content_block": {"type": "thinking", "thinking": ""}},
        {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "signature_delta", "signature": values["thinking-signature"]},
        },
        {
            "type": "content_block_start",
            "index": 1,
            "content_block": {
                "type": "tool_use",
                "id": values["anthropic-tool-use-id"],
                "name": "f",
                "input": {},
            },
        },
        {"type": "message_delta", "delta": {"stop_reason": "end_turn"}},
        {"type": "message_stop"},
    ]
    stream = "".join(f"event: {event['type']}\ndata: {json.dumps(event)}\n\n" for event in thinking)
    headers = [("Content-Type", "text/event-stream")]
    yield (
        "lookalikes-sse",
        _vcrpy(
            Exchange(
                uri="https://api.anthropic.com/v1/messages",
                response_headers=headers,
                response_body=Body(text=stream),
            ),
            lambda m: m.response_body,
        ),
    )
    reasoning = {
        "id": values["openai-response-id"],
        "output": [
            {"type": "reasoning", "encrypted_content": values["encrypted-reasoning"]},
            {"type": "function_call", "call_id": values["openai-call-id"]},
        ],
    }
    yield (
        "lookalikes-parsed-body",
        _vcrpy(
            Exchange(
                response_body=Body(
                    parsed={
                        "id": reasoning["id"],
                        "reasoning": values["encrypted-reasoning"],
                        "call": values["openai-call-id"],
                    }
                )
            ),
            lambda m: m.response_body,
        ),
    )
    yield (
        "lookalikes-eventstream",
        _eventstream_at(invoke_stream, "invoke-with-response-stream")(
            values["gemini-thought-signature"], "signature"
        ),
    )


def clean_files() -> Iterator[tuple[str, Built]]:
    hello = "Hello! How can I help you today?"
    for location, (name, _, build) in LOCATIONS.items():
        yield f"clean-{location}", build(hello, name)


# ---------------------------------------------------------------------------------------------
# The set


def build_set() -> tuple[dict[str, Built], list[dict[str, Any]]]:
    """Every file (by name) and the manifest entries."""
    files: dict[str, Built] = {}
    manifest: list[dict[str, Any]] = []
    for location, (token_name, position_name, build) in LOCATIONS.items():
        for planted in token_kinds() + position_kinds():
            reason = _not_applicable(location, planted)
            name = position_name if planted.family == "position" else token_name
            entry: dict[str, Any] = {"kind": planted.kind, "family": planted.family, "location": location}
            if reason or name is None:
                manifest.append(
                    {**entry, "file": None, "expected": [], "not_applicable": reason or "no name"}
                )
                continue
            built = build(planted.value, name)
            file_name = f"planted-{location}-{planted.kind}{built.suffix}"
            files[file_name] = built
            manifest.append(
                {**entry, "file": file_name, "expected": [[planted.code, built.line]], "vcrpy": built.vcrpy}
            )
    for kind, location, built, expected in account_cases():
        file_name = f"account-{location}-{kind}{built.suffix}"
        files[file_name] = built
        manifest.append(
            {
                "kind": kind,
                "family": "account",
                "location": location,
                "file": file_name,
                "expected": expected,
                "vcrpy": built.vcrpy,
            }
        )
    for stem, built in [*lookalike_files(), *clean_files()]:
        file_name = stem + built.suffix
        files[file_name] = built
        family = "clean" if stem.startswith("clean-") else "lookalike"
        manifest.append(
            {
                "kind": stem,
                "family": family,
                "location": "mixed",
                "file": file_name,
                "expected": [],
                "vcrpy": built.vcrpy,
            }
        )
    return files, manifest


def render_manifest(manifest: list[dict[str, Any]]) -> str:
    """The manifest as JSON, one entry per line (small diffs when the set changes)."""
    return "[\n" + ",\n".join(json.dumps(entry, sort_keys=True) for entry in manifest) + "\n]\n"


def write_set(folder: Path) -> list[dict[str, Any]]:
    """Write the cassettes to ``folder/cassettes`` and the manifest to ``folder/manifest.json``."""
    files, manifest = build_set()
    (folder / "cassettes").mkdir(parents=True, exist_ok=True)
    for name, built in files.items():
        (folder / "cassettes" / name).write_text(built.text, encoding="utf-8")
    (folder / "manifest.json").write_text(render_manifest(manifest), encoding="utf-8")
    return manifest


if __name__ == "__main__":
    write_set(Path(sys.argv[1]))
