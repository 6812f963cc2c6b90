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
position (CT202), a prefix-less key after a credential keyword in free text (CT205) or an
account identifier (CT203). Every kind is planted in every location where it can be: headers
(whole values, free text, cookies as written and percent-encoded), the URL (query encoded and
as written, userinfo), go-vcr forms, JSON bodies (at any depth, in JSON strings, escaped by
PHP and .NET writers, pretty-printed in go-vcr's literal blocks, as URLs in text), form
bodies, server-sent events (one line, a literal block, vcrpy's own folded quoting), text
spelled over the deltas of OpenAI, Anthropic, Responses, Gemini and both Bedrock streams,
compressed, base64 and event-stream bodies, and pydantic-ai's parsed_body. The expected line
is the line the secret is written on where the file's text shows it, else the line where the
body's node starts (``node`` is always that line). Look-alike and clean files expect no
finding at all.
"""

from __future__ import annotations

import base64
import gzip
import json
import random
import re
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
    family: str  # "token", "position", "keyword", "account"
    value: str
    code: str
    #: Where, in ``value``, the secret reported begins (a carrier may name it first).
    anchor: int = 0


def token_kinds() -> list[Planted]:
    """One carrier per catalog token format: its first must-match example, expanded."""
    found = []
    for pattern in CATALOG:
        if pattern.layer != "token":
            continue
        carrier = expand(pattern.must_match[0], f"{SEED}:{pattern.id}")
        code = "CT201" if pattern.severity == "error" else "CT204"
        found.append(Planted(pattern.id, "token", carrier, code, _secret_start(carrier)))
    return found


# Carriers that name their secret before it: ``NAME=secret``, a SigV4 header, a pre-signed
# URL (the signature is the secret), a service-account key file (the PEM block is).
_LEADS = (
    re.compile(r"^[A-Za-z_]+\s*[=:]\s*"),
    re.compile(r"^AWS4-HMAC-SHA256 Credential="),
    re.compile(r"^.*X-Amz-Signature="),
    re.compile(r'^.*"private_key": "'),
)


def _secret_start(carrier: str) -> int:
    for lead in _LEADS:
        found = lead.match(carrier)
        if found is not None:
            return found.end()
    return 0


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


#: Keys with no prefix written in free text after a credential keyword: (kind, phrase
#: before the key, alphabet, length, text after the key).
KEYWORD_PHRASES = (
    ("env-assignment", "config: API_KEY=", "b62", 32, ""),
    ("token-assignment", "token=", "b64url", 40, ""),
    ("your-key-is", "your key is ", "hex", 32, ""),
    ("export-secret", "export SERVICE_SECRET=", "b62", 40, ""),
    ("password-colon", "password: ", "b62", 24, ""),
    ("access-token-is", "The access token is ", "b64url", 43, "."),
    ("quoted-auth-token", 'auth_token="', "hex", 40, '"'),
    ("client-secret-yaml", "client_secret: '", "b64url", 32, "'"),
    ("bearer-in-text", "Authorization: Bearer ", "b62", 36, ""),
    ("api-key-is", "Your API key is: ", "b62", 48, ""),
    ("cli-flag", "llm --api-key ", "b64url", 40, " --model gpt-4o"),
    ("bare-bearer", "send it as Bearer ", "b62", 40, " in the header"),
    ("python-kwarg", 'OpenAI(api_key="', "b62", 32, '")'),
)


def keyword_kinds() -> list[Planted]:
    """Keyword-in-context keys: a credential keyword, an assignment or "is", then the key."""
    rng = random.Random(f"{SEED}:keywords")
    return [
        Planted(kind, "keyword", lead + _draw(rng, alphabet, count) + tail, "CT205", len(lead))
        for kind, lead, alphabet, count, tail in KEYWORD_PHRASES
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
    block: bool = False  # go-vcr: written as a literal block scalar, as yaml.v3 writes long text


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


def _literal_block(writer: Writer, key: str, text: str, indent: int) -> int:
    """``key |`` and the text's lines: ``|-`` without a final line break, ``|+`` to keep several."""
    chomp = "-" if not text.endswith("\n") else ("+" if text.endswith("\n\n") else "")
    line = writer.add(f"{key} |{chomp}")
    body = text[:-1] if text.endswith("\n") else text
    for row in body.split("\n"):
        writer.add(" " * indent + row if row else "")
    return line


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
        if exchange.response_body is not None and exchange.response_body.block:
            marks.response_body = _literal_block(writer, "    body:", response, 6)
        else:
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
    line: int  # where the node holding the value starts
    suffix: str = ".yaml"
    vcrpy: bool = True  # loadable by vcrpy's own deserializer
    #: The value is written in the file's text (not gzip'd, base64'd or split over events):
    #: its own line is expected rather than the node's.
    visible: bool = True


def _vcrpy(exchange: Exchange, where: Callable[[Marks], int], *, visible: bool = True) -> Built:
    text, marks = vcrpy_cassette([exchange])
    return Built(text, where(marks[0]), visible=visible)


def prose(value: str) -> str:
    """Free text around a value, as a model or a log line writes it."""
    return f"Sure, here you go: {value} (anything else?)"


def at_header(value: str, name: str) -> Built:
    return _vcrpy(
        Exchange(request_headers=[("Content-Type", "application/json"), (name, value)]),
        lambda m: m.headers[name.lower()],
    )


def at_header_text(value: str, _name: str) -> Built:
    return at_header(prose(value), "X-Debug-Note")


def _set_cookie(encode: bool) -> Callable[[str, str], Built]:
    def build(value: str, name: str) -> Built:
        written = quote(value, safe="") if encode else value
        headers = [
            ("Content-Type", "application/json"),
            ("Set-Cookie", f"{name}={written}; Path=/; HttpOnly"),
        ]
        return _vcrpy(Exchange(response_headers=headers), lambda m: m.headers["set-cookie"])

    return build


def at_query(value: str, name: str) -> Built:
    uri = f"https://api.example.com/v1/search?q=cats&{name}={quote(value, safe='')}&limit=5"
    return _vcrpy(Exchange(uri=uri, method="GET"), lambda m: m.uri)


def at_query_raw(value: str, name: str) -> Built:
    """A query written as some clients write it: ``+`` ``/`` ``=`` left as they are."""
    uri = f"https://api.example.com/v1/search?q=cats&{name}={value.replace(' ', '+')}&limit=5"
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


def at_request_prompt(value: str, _name: str) -> Built:
    document = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": prose(value)}]}
    return _vcrpy(Exchange(request_body=Body(text=json.dumps(document))), lambda m: m.request_body)


def at_json_escaped(value: str, _name: str) -> Built:
    """JSON whose writer escapes ``/`` (PHP, some Java) and ``+`` (.NET's ``\\u002B``)."""
    text = json.dumps({"id": "resp_1", "message": prose(value)})
    text = text.replace("/", "\\/").replace("+", "\\u002B")
    return _vcrpy(Exchange(response_body=Body(text=text)), lambda m: m.response_body)


def at_url_in_text(value: str, _name: str) -> Built:
    link = f"https://app.example.com/share?ref={quote(value, safe='')}&utm=mail"
    text = json.dumps({"id": "resp_1", "message": f"Open {link} to continue"})
    return _vcrpy(Exchange(response_body=Body(text=text)), lambda m: m.response_body)


def at_form_body(value: str, name: str) -> Built:
    body = Body(text=f"grant_type=client_credentials&{name}={quote_plus(value)}&scope=read")
    headers = [("Content-Type", "application/x-www-form-urlencoded")]
    return _vcrpy(
        Exchange(uri="https://auth.example.com/oauth/token", request_headers=headers, request_body=body),
        lambda m: m.request_body,
    )


_SSE = [("Content-Type", "text/event-stream")]


def at_sse(value: str, name: str) -> Built:
    exchange = Exchange(response_headers=_SSE, response_body=Body(text=sse_body(value, name)))
    return _vcrpy(exchange, lambda m: m.response_body)


def chat_stream_body(pieces: list[str]) -> str:
    """OpenAI chat completion chunks, one content delta per piece."""
    events = []
    for piece in pieces:
        chunk = {"id": "chatcmpl-9", "object": "chat.completion.chunk", "model": "gpt-4o-mini"}
        chunk["choices"] = [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]
        events.append(f"data: {json.dumps(chunk)}\n\n")
    final = {"id": "chatcmpl-9", "object": "chat.completion.chunk", "model": "gpt-4o-mini"}
    final["choices"] = [{"index": 0, "delta": {}, "finish_reason": "stop"}]
    return "".join(events) + f"data: {json.dumps(final)}\n\ndata: [DONE]\n\n"


def split_pieces(text: str) -> list[str]:
    """``text`` cut in three, between an opening and a closing delta."""
    cut1, cut2 = len(text) // 3, 2 * len(text) // 3
    return ["Voilà, ", "here it is: « " + text[:cut1], text[cut1:cut2], text[cut2:] + " »", " (terminé)"]


def split_stream_body(text: str) -> str:
    """OpenAI chat completion chunks whose content deltas spell ``text`` over three events."""
    return chat_stream_body(split_pieces(text))


def at_sse_text(value: str, _name: str) -> Built:
    body = Body(text=chat_stream_body(["Hi! ", prose(value)]))
    return _vcrpy(Exchange(response_headers=_SSE, response_body=body), lambda m: m.response_body)


def _named_events(events: list[dict[str, Any]]) -> str:
    """Server-sent events as Anthropic and OpenAI's Responses API write them: UTF-8 as is."""
    return "".join(
        f"event: {event['type']}\ndata: {json.dumps(event, ensure_ascii=False)}\n\n" for event in events
    )


def anthropic_stream_body(pieces: list[str]) -> str:
    usage = {"input_tokens": 12, "output_tokens": 1}
    message = {
        "id": "msg_01",
        "type": "message",
        "role": "assistant",
        "model": "claude-3-5-haiku",
        "usage": usage,
    }
    events: list[dict[str, Any]] = [
        {"type": "message_start", "message": message},
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
    ]
    events += [
        {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": piece}}
        for piece in pieces
    ]
    events += [
        {"type": "content_block_stop", "index": 0},
        {"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": 9}},
        {"type": "message_stop"},
    ]
    return _named_events(events)


def responses_stream_body(pieces: list[str]) -> str:
    response = {"id": "resp_1", "object": "response", "model": "gpt-4o-mini", "status": "in_progress"}
    events: list[dict[str, Any]] = [{"type": "response.created", "response": response}]
    events += [
        {
            "type": "response.output_text.delta",
            "item_id": "msg_1",
            "output_index": 0,
            "content_index": 0,
            "delta": p,
        }
        for p in pieces
    ]
    usage = {"input_tokens": 12, "output_tokens": 9, "total_tokens": 21}
    events.append(
        {"type": "response.completed", "response": {**response, "status": "completed", "usage": usage}}
    )
    return _named_events(events)


def gemini_stream_body(pieces: list[str]) -> str:
    events = []
    for index, piece in enumerate(pieces):
        candidate: dict[str, Any] = {"content": {"parts": [{"text": piece}], "role": "model"}, "index": 0}
        if index == len(pieces) - 1:
            candidate["finishReason"] = "STOP"
        events.append({"candidates": [candidate], "modelVersion": "gemini-2.0-flash"})
    usage = {"promptTokenCount": 12, "candidatesTokenCount": 9, "totalTokenCount": 21}
    events[-1]["usageMetadata"] = usage
    return "".join(f"data: {json.dumps(event, ensure_ascii=False)}\r\n\r\n" for event in events)


_BEDROCK = "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku"
_STREAM_URIS = {
    "openai": "https://api.openai.com/v1/chat/completions",
    "anthropic": "https://api.anthropic.com/v1/messages",
    "responses": "https://api.openai.com/v1/responses",
    "gemini": "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse",
}
_STREAM_BODIES: dict[str, Callable[[list[str]], str]] = {
    "openai": chat_stream_body,
    "anthropic": anthropic_stream_body,
    "responses": responses_stream_body,
    "gemini": gemini_stream_body,
}


def _split_at(provider: str) -> Callable[[str, str], Built]:
    """A stream whose text deltas spell the value over three events."""

    def build(value: str, _name: str) -> Built:
        body = Body(text=_STREAM_BODIES[provider](split_pieces(value)))
        exchange = Exchange(uri=_STREAM_URIS[provider], response_headers=_SSE, response_body=body)
        return _vcrpy(exchange, lambda m: m.response_body, visible=False)

    return build


def converse_text_stream(pieces: list[str]) -> bytes:
    """Bedrock ConverseStream with one text delta per piece."""
    deltas = b"".join(
        es_message("contentBlockDelta", json.dumps({"contentBlockIndex": 0, "delta": {"text": p}}).encode())
        for p in pieces
    )
    return (
        es_message("messageStart", json.dumps({"role": "assistant"}).encode())
        + deltas
        + es_message("messageStop", json.dumps({"stopReason": "end_turn"}).encode())
        + es_message("metadata", json.dumps({"usage": _USAGE, "metrics": {"latencyMs": 420}}).encode())
    )


def invoke_text_stream(pieces: list[str]) -> bytes:
    """Bedrock InvokeModelWithResponseStream (Anthropic events in base64 ``chunk`` payloads)."""

    def chunk(document: dict[str, Any]) -> bytes:
        inner = base64.b64encode(json.dumps(document).encode()).decode()
        return es_message("chunk", json.dumps({"bytes": inner, "p": "abcdefgh"}).encode())

    deltas = b"".join(
        chunk({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": p}})
        for p in pieces
    )
    return (
        chunk({"type": "message_start", "message": {"id": "msg_bdrk_01", "role": "assistant"}})
        + deltas
        + chunk({"type": "message_stop", "amazon-bedrock-invocationMetrics": _METRICS})
    )


def _bedrock_at(
    stream: Callable[[list[str]], bytes], action: str, *, split: bool
) -> Callable[[str, str], Built]:
    def build(value: str, _name: str) -> Built:
        pieces = split_pieces(value) if split else ["Hi! ", prose(value)]
        headers = [("Content-Type", "application/vnd.amazon.eventstream")]
        body = Body(data=stream(pieces))
        exchange = Exchange(uri=f"{_BEDROCK}/{action}", response_headers=headers, response_body=body)
        return _vcrpy(exchange, lambda m: m.response_body, visible=False)

    return build


def at_stream_text(value: str, _name: str) -> Built:
    body = Body(text=split_stream_body(value))
    exchange = Exchange(response_headers=_SSE, response_body=body)
    return _vcrpy(exchange, lambda m: m.response_body, visible=False)


def _coded_at(coding: str) -> Callable[[str, str], Built]:
    def build(value: str, name: str) -> Built:
        data = CODERS[coding](json.dumps({"id": "resp_1", "echo": {name: value}}).encode())
        headers = [("Content-Encoding", coding), ("Content-Type", "application/json")]
        return _vcrpy(
            Exchange(response_headers=headers, response_body=Body(data=data)),
            lambda m: m.response_body,
            visible=False,
        )

    return build


def at_gzip_text(value: str, _name: str) -> Built:
    data = CODERS["gzip"](f"log line 1\n{prose(value)}\nlog line 3\n".encode())
    headers = [("Content-Encoding", "gzip"), ("Content-Type", "text/plain; charset=utf-8")]
    exchange = Exchange(response_headers=headers, response_body=Body(data=data))
    return _vcrpy(exchange, lambda m: m.response_body, visible=False)


def at_base64_text(value: str, _name: str) -> Built:
    """A body stored as ``!!binary`` without a content coding (vcrpy keeps bytes that way)."""
    headers = [("Content-Type", "text/plain; charset=utf-8")]
    exchange = Exchange(response_headers=headers, response_body=Body(data=f"{prose(value)}\n".encode()))
    return _vcrpy(exchange, lambda m: m.response_body, visible=False)


def at_ruby_base64(value: str, name: str) -> Built:
    exchange = Exchange(response_body=Body(text=json.dumps({"object": "list", name: value})))
    text, marks = ruby_cassette([exchange])
    return Built(text, marks[0].response_body, suffix=".yml", vcrpy=False, visible=False)


def _eventstream_at(build_stream: Callable[[str, str], bytes], action: str) -> Callable[[str, str], Built]:
    def build(value: str, name: str) -> Built:
        headers = [("Content-Type", "application/vnd.amazon.eventstream")]
        body = Body(data=build_stream(value, name))
        exchange = Exchange(uri=f"{_BEDROCK}/{action}", response_headers=headers, response_body=body)
        return _vcrpy(exchange, lambda m: m.response_body, visible=False)

    return build


def at_parsed_body(value: str, name: str) -> Built:
    document = {"model": "gpt-4o", "messages": [{"content": value, "role": "user"}]}
    if name != "content":
        document = {"model": "gpt-4o", "auth": {name: value}}
    body = Body(parsed=document, parsed_value=value)
    text, marks = vcrpy_cassette([Exchange(request_body=body)])
    return Built(text, marks[0].request_body, vcrpy=False)


def at_json_block(value: str, _name: str) -> Built:
    """go-vcr writes a long body as a literal block: pretty-printed JSON over many lines."""
    content = [{"type": "output_text", "text": prose(value), "annotations": []}]
    document = {
        "id": "resp_1",
        "object": "response",
        "output": [{"type": "message", "role": "assistant", "content": content}],
        "usage": {"input_tokens": 12, "output_tokens": 9},
    }
    body = Body(text=json.dumps(document, indent=2), block=True)
    text, marks = govcr_cassette([Exchange(response_body=body)])
    return Built(text, marks[0].response_body, vcrpy=False)


def at_sse_block(value: str, _name: str) -> Built:
    """An SSE stream as go-vcr writes it: a literal block, one line per event field."""
    body = Body(text=chat_stream_body(["Hi! ", prose(value)]), block=True)
    text, marks = govcr_cassette([Exchange(response_headers=_SSE, response_body=body)])
    return Built(text, marks[0].response_body, vcrpy=False)


def at_vcrpy_dumped(value: str, _name: str) -> Built:
    """A cassette as vcrpy writes it (PyYAML's emitter): a stream body in a multi-line
    single-quoted scalar, folded at spaces."""
    import yaml

    stream = chat_stream_body(["Hi! ", prose(value)])
    interaction = {
        "request": {
            "body": '{"model": "gpt-4o-mini", "stream": true}',
            "headers": {"Content-Type": ["application/json"]},
            "method": "POST",
            "uri": "https://api.openai.com/v1/chat/completions",
        },
        "response": {
            "body": {"string": stream},
            "headers": {"Content-Type": ["text/event-stream"]},
            "status": {"code": 200, "message": "OK"},
        },
    }
    text = yaml.dump({"interactions": [interaction], "version": 1}, Dumper=yaml.Dumper)
    line = next(i for i, row in enumerate(text.split("\n"), 1) if row.strip().startswith("string:"))
    return Built(text, line)


#: Every location: (name for token carriers, name for prefix-less credentials, builder). Free-text
#: locations have no name for prefix-less credentials: only formats and keywords tell there.
LOCATIONS: dict[str, tuple[str, str | None, Callable[[str, str], Built]]] = {
    "header": ("X-Debug-Note", "x-api-key", at_header),
    "header-text": ("X-Debug-Note", None, at_header_text),
    "set-cookie": ("note", "session_token", _set_cookie(encode=False)),
    "set-cookie-encoded": ("note", "session_token", _set_cookie(encode=True)),
    "query": ("note", "api_key", at_query),
    "query-raw": ("note", "api_key", at_query_raw),
    "userinfo": ("user", "user", at_userinfo),
    "form-field": ("note", "client_secret", at_form_field),
    "json-top": ("note", "api_key", _json_at("top")),
    "json-nested": ("note", "client_secret", _json_at("nested")),
    "json-in-json": ("note", "password", _json_at("json-in-json")),
    "json-escaped": ("note", None, at_json_escaped),
    "json-block": ("note", None, at_json_block),
    "request-prompt": ("content", None, at_request_prompt),
    "url-in-text": ("note", None, at_url_in_text),
    "form-body": ("note", "client_secret", at_form_body),
    "sse-data": ("note", "api_key", at_sse),
    "sse-text": ("content", None, at_sse_text),
    "sse-block": ("content", None, at_sse_block),
    "vcrpy-dumped": ("content", None, at_vcrpy_dumped),
    "stream-text": ("content", None, at_stream_text),
    "stream-split-anthropic": ("text", None, _split_at("anthropic")),
    "stream-split-responses": ("delta", None, _split_at("responses")),
    "stream-split-gemini": ("text", None, _split_at("gemini")),
    "stream-split-converse": ("text", None, _bedrock_at(converse_text_stream, "converse-stream", split=True)),
    "stream-split-invoke": (
        "text",
        None,
        _bedrock_at(invoke_text_stream, "invoke-with-response-stream", split=True),
    ),
    "gzip-binary": ("note", "access_token", _coded_at("gzip")),
    "deflate-binary": ("note", "access_token", _coded_at("deflate")),
    "br-binary": ("note", "access_token", _coded_at("br")),
    "zstd-binary": ("note", "access_token", _coded_at("zstd")),
    "gzip-text": ("note", None, at_gzip_text),
    "base64-text": ("note", None, at_base64_text),
    "ruby-base64": ("note", "api_key", at_ruby_base64),
    "eventstream-payload": ("note", "api_key", _eventstream_at(converse_stream, "converse-stream")),
    "eventstream-chunk": ("text", "api_key", _eventstream_at(invoke_stream, "invoke-with-response-stream")),
    "eventstream-text": ("text", None, _bedrock_at(converse_text_stream, "converse-stream", split=False)),
    "parsed-body": ("content", "api_key", at_parsed_body),
}
HEADER_LOCATIONS = ("header", "header-text", "set-cookie", "set-cookie-encoded")


#: Where a value cannot be, or cannot be told from its name.
def _not_applicable(location: str, planted: Planted, name: str | None) -> str | None:
    if location in HEADER_LOCATIONS and "\n" in planted.value:
        return "a header value cannot hold a line break"
    if location == "query-raw" and re.search(r"[\s&#%]", planted.value.replace(" ", "")):
        return "a query written as is cannot hold a line break, & # or %"
    if location == "query-raw" and " " in planted.value and "+" in planted.value:
        return "a query written as is cannot tell a space (written +) from a +"
    if name is None:
        return "free text has no names: only token formats and keywords can be recognised there"
    if planted.family == "keyword" and location == "userinfo":
        return "the userinfo password is one credential, not free text"
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
        # Stripe's ephemeral keys share OpenAI's ``ek_`` prefix, not its shape.
        "stripe-ephemeral-key": "ek_test_" + _draw(rng, "b64url", 60),
        "session-key-placeholder": "Paste your sessionKey (sk-ant-sid01-...) here",
        "presigned-signature-alone": "X-Amz-Expires=900&X-Amz-Signature=" + _draw(rng, "hex", 64),
    }


def keyword_lookalikes() -> list[str]:
    """Free text with a keyword before a random-looking value that is not a credential."""
    rng = random.Random(f"{SEED}:keyword-lookalikes")
    return [
        f"cache key is {_draw(rng, 'hex', 64)}",
        f"page_token={_draw(rng, 'b64url', 40)}",
        f"next_page_token: {_draw(rng, 'b62', 32)}",
        f"The signature is {_b64(rng, 88)}",
        f"idempotency key: {_uuid(rng)}",
        f"max_tokens=4096 and the request id is req_{_draw(rng, 'b62', 24)}",
        "api_key=${OPENAI_API_KEY}",
        "password: changeme123",
        f"token=REDACTED_{_draw(rng, 'hex', 32)}",
        "apiKey: process.env.OPENAI_API_KEY",
        "secret: <REDACTED>",
        "Set your key with export OPENAI_API_KEY=your-api-key-here",
        f"the public key is {_b64(rng, 60)}",
        f"sort key: {_draw(rng, 'hex', 40)}",
        f"token id is msg_01{_draw(rng, 'b62', 22)}",
        f"X-Amz-Signature={_draw(rng, 'hex', 64)}",
    ]


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
    yield (
        "lookalikes-sse",
        _vcrpy(
            Exchange(
                uri="https://api.anthropic.com/v1/messages",
                response_headers=_SSE,
                response_body=Body(text=_named_events(thinking)),
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
    texts = keyword_lookalikes()
    prompt = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "\n".join(texts)}]}
    yield (
        "lookalikes-keywords-json",
        _vcrpy(Exchange(request_body=Body(text=json.dumps(prompt))), lambda m: m.request_body),
    )
    yield "lookalikes-keywords-sse", at_sse_text(" / ".join(texts), "content")
    yield "lookalikes-keywords-split", at_stream_text(" ".join(texts), "content")
    yield "lookalikes-keywords-gzip", at_gzip_text("\n".join(texts), "note")


def clean_files() -> Iterator[tuple[str, Built]]:
    hello = "Hello! How can I help you today?"
    for location, (name, _, build) in LOCATIONS.items():
        yield f"clean-{location}", build(hello, name)


# ---------------------------------------------------------------------------------------------
# The set


def _needle(planted: Planted) -> str:
    """Letters and digits of the secret, from where it begins: found in any spelling of it."""
    found = re.search(r"[A-Za-z0-9]{4,12}", planted.value[planted.anchor :])
    assert found is not None, planted.kind
    return found.group()


def _expected_line(built: Built, planted: Planted) -> int:
    """The line the value is written on when it is visible in the text, else the node's."""
    if not built.visible:
        return built.line
    lines = built.text.split("\n")
    needle = _needle(planted)
    for number in range(built.line, len(lines) + 1):
        if needle in lines[number - 1]:
            return number
    raise AssertionError(f"{planted.kind}: the value is not written after line {built.line}")


def planted_kinds() -> list[Planted]:
    return token_kinds() + position_kinds() + keyword_kinds()


def build_set() -> tuple[dict[str, Built], list[dict[str, Any]]]:
    """Every file (by name) and the manifest entries."""
    files: dict[str, Built] = {}
    manifest: list[dict[str, Any]] = []
    for location, (token_name, position_name, build) in LOCATIONS.items():
        for planted in planted_kinds():
            name = position_name if planted.family == "position" else token_name
            reason = _not_applicable(location, planted, name)
            entry: dict[str, Any] = {"kind": planted.kind, "family": planted.family, "location": location}
            if reason or name is None:
                manifest.append({**entry, "file": None, "expected": [], "not_applicable": reason})
                continue
            built = build(planted.value, name)
            file_name = f"planted-{location}-{planted.kind}{built.suffix}"
            files[file_name] = built
            expected = [[planted.code, _expected_line(built, planted)]]
            manifest.append(
                {**entry, "file": file_name, "expected": expected, "node": built.line, "vcrpy": built.vcrpy}
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
