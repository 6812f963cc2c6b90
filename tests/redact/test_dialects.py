"""``redact`` on R vcr, HAR (YAML) and httprr traces: secrets replaced, the file still reads the same."""

from __future__ import annotations

import base64
import gzip
import json
import re
from pathlib import Path

from tests.conftest import DATA
from tests.read.dialects.test_httprr import REQUEST, trace
from toolkit.commands.redact import RedactRequest, execute
from toolkit.credentials.templates import expand
from toolkit.lint.engine import lint_data
from toolkit.lint.settings import LintSettings
from toolkit.read.dialects.httprr import split_records
from toolkit.read.parse import parse_cassette, read_document
from toolkit.redact import redact_text

KEY = expand("sk-ant-api03-{b64url:93}AA", "redact dialects")
FORMATS = DATA / "formats"


def secrets_in(data: bytes, name: str) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in lint_data(data, name, LintSettings(select=("CT201",)))]


def test_r_vcr_header_and_body(tmp_path: Path) -> None:
    text = (FORMATS / "rvcr" / "anthropic-basic.yml").read_text(encoding="utf-8")
    text = text.replace(
        "      content-type: application/json\n",
        f"      x-api-key: {KEY}\n      content-type: application/json\n",
        1,
    )
    text = text.replace('{"model":', f'{{"api_key":"{KEY}","model":', 1)
    leaky = text.encode()
    assert len(secrets_in(leaky, "c.yml")) == 2
    result = redact_text(leaky, "c.yml")
    assert result.problem is None and len(result.redacted) == 2 and result.remaining == ()
    after = result.after.decode()
    assert KEY not in after and "x-api-key: <REDACTED:anthropic-api-key>" in after
    assert parse_cassette(result.after, "c.yml").cassette.format == "r-vcr"


def _gzip_chunks(payload: bytes) -> str:
    packed = gzip.compress(payload, mtime=0)
    return json.dumps([base64.b64encode(packed[:10]).decode(), base64.b64encode(packed[10:]).decode()])


def test_har_header_text_json_and_gzip_chunk_array() -> None:
    text = (FORMATS / "har" / "enterpriseMainBranchClient.har.yaml").read_text(encoding="utf-8")
    text = text.replace("value: gzip;q=0", f"value: {KEY}", 1)
    text = re.sub(r"(textJSON:\n(\s+))", rf"\1note: {KEY}\n\2", text, count=1)
    body = json.dumps({"data": {"token": KEY}}).encode()
    chunks = _gzip_chunks(body)
    old = re.search(r'text: "\[\\"H4sI[^\]]*\]"', text)
    assert old is not None
    text = text[: old.start()] + "text: " + json.dumps(chunks) + text[old.end() :]
    leaky = text.encode()
    assert len(secrets_in(leaky, "r.har.yaml")) == 3
    result = redact_text(leaky, "r.har.yaml")
    assert result.problem is None and len(result.redacted) == 3 and result.remaining == ()
    assert KEY not in result.after.decode()
    cassette = parse_cassette(result.after, "r.har.yaml").cassette
    (interaction,) = [i for i in cassette.interactions if b'"token"' in i.response.body.content]
    redacted = interaction.response.body
    assert (redacted.storage, redacted.encoding) == ("base64", "gzip")
    assert json.loads(redacted.content)["data"]["token"].startswith("REDACTED")
    # still Polly's shape: a JSON array of base64 chunks, now one chunk
    entries = read_document(result.after).root["log"]["entries"]
    (entry,) = [e for n, e in enumerate(entries) if entries.position_of(n) == interaction.position]
    chunks = json.loads(entry["response"]["content"]["text"])
    assert len(chunks) == 1 and gzip.decompress(base64.b64decode(chunks[0])) == redacted.content


def _records(data: bytes) -> list[tuple[bytes, bytes]]:
    framing = split_records(data)
    assert framing.problem is None
    return [(data[slice(*r.request)], data[slice(*r.response)]) for r in framing.records]


def test_httprr_header_url_and_body() -> None:
    request = REQUEST.replace(b"Bearer test-api-key", b"Bearer " + KEY.encode())
    request = request.replace(b"/v1/chat/completions", b"/v1/chat/completions?key=" + KEY.encode())
    body = json.dumps({"echo": KEY}).encode()
    response = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    )
    leaky = trace((request, response), (REQUEST, response.replace(KEY.encode(), b"x" * len(KEY))))
    assert len(secrets_in(leaky, "t.httprr")) >= 3
    result = redact_text(leaky, "t.httprr")
    assert result.problem is None and result.remaining == ()
    assert KEY.encode() not in result.after
    (first, second) = _records(result.after)
    assert second == _records(leaky)[1]  # untouched records stay byte for byte
    assert b"Authorization: Bearer <REDACTED:anthropic-api-key>\r\n" in first[0]
    assert b"?key=REDACTED" in first[0]
    cassette = parse_cassette(result.after, "t.httprr").cassette
    assert cassette.problems == () and len(cassette.interactions) == 2
    assert json.loads(cassette.interactions[0].response.body.content)["echo"].startswith("REDACTED")


def test_httprr_chunked_body_keeps_its_chunks() -> None:
    content = b'{"echo":"' + KEY.encode() + b'"}\n'
    framed = (
        b"".join(b"%x\r\n" % len(part) + part + b"\r\n" for part in (content[:20], content[20:]))
        + b"0\r\n\r\n"
    )
    response = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + framed
    result = redact_text(trace((REQUEST, response)), "t.httprr")
    assert result.problem is None and result.remaining == ()
    (_, new_response) = _records(result.after)[0]
    assert new_response.startswith(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n14\r\n")
    assert len(new_response) == len(response)


def test_httprr_gzip_body_updates_content_length() -> None:
    packed = gzip.compress(json.dumps({"echo": KEY}).encode(), mtime=0)
    response = (
        b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(packed) + packed
    )
    result = redact_text(trace((REQUEST, response)), "t.httprr")
    assert result.problem is None and result.remaining == ()
    cassette = parse_cassette(result.after, "t.httprr").cassette
    body = cassette.interactions[0].response.body
    assert body.encoding == "gzip" and b"REDACTED" in body.content
    assert cassette.interactions[0].response.headers.get("content-length") == str(len(body.stored))
    assert lint_data(result.after, "t.httprr", LintSettings(select=("CT3",))) == ()


def test_httprr_with_broken_framing_is_refused() -> None:
    leaky = (
        trace((REQUEST.replace(b"test-api-key", KEY.encode()), b"HTTP/1.1 200 OK\r\n\r\n")) + b"9 9\nshort"
    )
    result = redact_text(leaky, "t.httprr")
    assert not result.changed and result.problem is not None and "framing" in result.problem


def test_command_on_a_gzip_trace(tmp_path: Path) -> None:
    path = tmp_path / "TestChat.httprr.gz"
    path.write_bytes(
        gzip.compress(
            trace((REQUEST.replace(b"test-api-key", KEY.encode()), b"HTTP/1.1 204 No Content\r\n\r\n"))
        )
    )
    outcome = execute(RedactRequest((str(tmp_path),)))
    assert outcome.exit_code == 0, outcome.output
    after = gzip.decompress(path.read_bytes())
    assert KEY.encode() not in after and parse_cassette(after, "t.httprr").cassette.problems == ()
