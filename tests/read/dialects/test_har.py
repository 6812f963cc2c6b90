"""HAR 1.2 as Polly.js records it: Cody's YAML recording, and each way Polly stores a body."""

from __future__ import annotations

import base64
import gzip
import json
import textwrap
from datetime import UTC, datetime

import pytest

from tests.conftest import DATA
from toolkit.lint.engine import lint_data
from toolkit.lint.settings import LintSettings
from toolkit.model import Cassette
from toolkit.problems import ProblemCode
from toolkit.read.document import Position
from toolkit.read.files import CASSETTE_SUFFIXES, read_file
from toolkit.read.parse import parse_cassette

CODY = DATA / "formats" / "har" / "enterpriseMainBranchClient.har.yaml"


def read(text: str, name: str = "recording.har.yaml") -> Cassette:
    return parse_cassette(textwrap.dedent(text).encode(), name).cassette


def har(*entries: str, creator: str = "Polly.JS") -> str:
    """A HAR document in YAML with ``entries`` (each an indented YAML mapping body)."""
    items = "".join("    - " + textwrap.indent(textwrap.dedent(e), "      ").lstrip() for e in entries)
    return (
        f"log:\n  _recordingName: test\n  creator:\n    comment: persister:fs\n    name: {creator}\n"
        f"    version: 6.0.6\n  entries:\n{items}  pages: []\n  version: '1.2'\n"
    )


def entry(
    *, url: str = "https://example.com/a", started: str = "2025-03-17T15:56:45.742Z", content: str = ""
) -> str:
    body = content or "mimeType: text/plain\nsize: 2\ntext: ok\n"
    return (
        "_id: 0123456789abcdef0123456789abcdef\n_order: 0\ncache: {}\n"
        f"request:\n  method: post\n  url: {url}\n  headers: []\n"
        "response:\n  status: 200\n  statusText: OK\n"
        "  headers:\n    - name: content-encoding\n      value: gzip\n"
        f"  content:\n{textwrap.indent(body, '    ')}"
        f"startedDateTime: {started}\ntime: 310\ntimings:\n  blocked: -1\n  connect: -1\n  wait: 310\n"
    )


def test_discovery_picks_up_json_har_files() -> None:
    assert ".har" in CASSETTE_SUFFIXES


def test_cody_recording_in_call_order() -> None:
    cassette = read_file(str(CODY)).cassette
    assert (cassette.format, cassette.version, cassette.problems) == ("har", "Polly.JS 6.0.6", ())
    interactions = cassette.interactions
    assert len(interactions) == 11
    times = [i.recorded_at for i in interactions]
    assert times == sorted(times)  # entries are sorted by URL in the file, by time here
    assert [i.index for i in interactions] == list(range(11))
    first = interactions[0]
    assert first.request.url.raw.endswith("/.api/graphql?CurrentUser")
    assert first.position == Position(788, 7)  # still where the entry is written
    assert first.recorded_at == datetime(2024, 12, 9, 14, 47, 33, 148000, tzinfo=UTC)
    assert first.response.duration_s == pytest.approx(0.347)


def test_cody_request_json_and_gzip_chunks() -> None:
    interaction = read_file(str(CODY)).cassette.interactions[0]
    request, response = interaction.request, interaction.response
    # textJSON is written back as JSON.stringify writes it: no spaces
    assert request.body.storage == "parsed_body"
    assert request.body.content.startswith(b'{"query":') and b'", "' not in request.body.content
    assert json.loads(request.body.content) == json.loads(json.dumps(request.body.tree))
    # a JSON array of base64 gzip chunks, with a decoded copy beside it for review
    assert (response.body.storage, response.body.encoding, response.body.problem) == ("base64", "gzip", None)
    assert json.loads(response.body.content)["data"]["currentUser"] is not None


def test_cody_stream_body_keeps_its_trailing_newlines() -> None:
    stream = next(
        i for i in read_file(str(CODY)).cassette.interactions if "completions/code" in i.request.url.raw
    )
    assert stream.response.body.storage == "string"
    assert stream.response.body.content.startswith(b"event: completion\ndata: ")
    assert stream.response.body.content.endswith(b"event: done\ndata: {}\n\n")


def test_chunks_are_concatenated_before_decoding() -> None:
    packed = gzip.compress(b'{"answer":42}')
    chunks = json.dumps([base64.b64encode(packed[:7]).decode(), base64.b64encode(packed[7:]).decode()])
    content = f"encoding: base64\nmimeType: application/json\ntext: '{chunks}'\n"
    response = read(har(entry(content=content))).interactions[0].response
    assert (response.body.content, response.body.encoding) == (b'{"answer":42}', "gzip")
    assert response.body.stored == packed


def test_polly_2_to_4_hex_chunks() -> None:
    packed = gzip.compress(b"plain text")
    content = f"mimeType: text/plain\ntext: '{json.dumps([packed.hex()])}'\n"
    body = read(har(entry(content=content))).interactions[0].response.body
    assert (body.content, body.encoding) == (b"plain text", "gzip")


def test_a_json_array_body_under_a_coding_header_that_is_not_chunks_stays_text() -> None:
    content = "mimeType: application/json\ntext: '[\"not hex\"]'\n"
    body = read(har(entry(content=content))).interactions[0].response.body
    assert (body.storage, body.content, body.problem) == ("string", b'["not hex"]', None)


def test_binary_body_as_one_base64_string() -> None:
    png = base64.b64encode(b"\x89PNG\r\n").decode()
    content = f"encoding: base64\nmimeType: image/png\ntext: {png}\n"
    text = har(entry(content=content)).replace("value: gzip", "value: identity")
    body = read(text).interactions[0].response.body
    assert (body.storage, body.content) == ("base64", b"\x89PNG\r\n")


def test_bad_base64_chunk_is_ct305() -> None:
    content = "encoding: base64\nmimeType: application/json\ntext: '[\"H4sI!!!\"]'\n"
    text = har(entry(content=content))
    found = lint_data(text.encode(), "r.har.yaml", LintSettings(select=("CT305",)))
    assert [(f.code, f.interaction) for f in found] == [("CT305", 0)]


@pytest.mark.parametrize(("time", "expected"), [("310", 0.31), ("0", None), ("-1", None)])
def test_time_is_the_recorded_duration(time: str, expected: float | None) -> None:
    response = read(har(entry().replace("time: 310", f"time: {time}"))).interactions[0].response
    assert response.duration_s == (pytest.approx(expected) if expected is not None else None)


def test_without_start_times_the_file_order_is_kept() -> None:
    late = entry(url="https://example.com/a").replace("startedDateTime: 2025-03-17T15:56:45.742Z\n", "")
    early = entry(url="https://example.com/b", started="2020-01-01T00:00:00Z")
    cassette = read(har(late, early))
    assert [i.request.url.path for i in cassette.interactions] == ["/a", "/b"]


def test_method_is_upper_case_and_headers_sit_at_their_values() -> None:
    interaction = read(har(entry())).interactions[0]
    assert interaction.request.method == "POST"
    (header,) = interaction.response.headers
    assert (header.name, header.value, header.position) == ("content-encoding", "gzip", Position(20, 20))


def polly_har(url: str, content: dict[str, str], **timing: object) -> dict[str, object]:
    """A Polly.JS HAR document of one entry, as JSON data."""
    entry = {
        "_id": "x",
        "_order": 0,
        **timing,
        "request": {"method": "GET", "url": url, "headers": []},
        "response": {"status": 200, "headers": [], "content": content},
    }
    creator = {"name": "Polly.JS", "version": "6.0.6"}
    return {"log": {"version": "1.2", "creator": creator, "entries": [entry]}}


def test_json_har_file() -> None:
    content = {"mimeType": "application/json", "text": "{}"}
    timing = {"startedDateTime": "2025-01-01T00:00:00.000Z", "time": 5}
    document = polly_har("https://api.openai.com/v1/models", content, **timing)
    cassette = parse_cassette(json.dumps(document, indent=2).encode(), "recording.har").cassette
    assert (cassette.format, len(cassette.interactions), cassette.problems) == ("har", 1, ())
    assert lint_data(json.dumps(document).encode(), "recording.har", LintSettings(select=("CT1",))) == ()


def test_malformed_and_empty() -> None:
    cassette = read(har("note: no request\n", entry()))
    assert [(p.code, p.interaction) for p in cassette.problems] == [(ProblemCode.MALFORMED_INTERACTION, None)]
    assert [i.index for i in cassette.interactions] == [0]
    empty = read("log:\n  version: '1.2'\n  creator: {name: Polly.JS, version: 6.0.6}\n  entries: []\n")
    assert [(p.code, p.line) for p in empty.problems] == [(ProblemCode.EMPTY, 4)]


def test_schema_findings_point_at_the_entry_and_its_interaction_in_call_order() -> None:
    late = entry(url="https://example.com/a", started="2025-03-17T15:56:45.742Z").replace(
        "status: 200", "status: 2000"
    )
    early = entry(url="https://example.com/b", started="2020-01-01T00:00:00Z").replace("_order: 0\n", "")
    text = har(late, early)
    found = lint_data(text.encode(), "r.har.yaml", LintSettings(select=("CT101",)))
    lines = text.splitlines()
    status_line = next(n for n, line in enumerate(lines, 1) if "status: 2000" in line)
    second_entry = next(n for n, line in enumerate(lines, 1) if "example.com/b" in line) - 4
    assert [(f.line, f.interaction) for f in found] == [(status_line, 1), (second_entry, 0)]
    assert "_order" in found[1].message


def test_hex_looking_json_without_a_coding_inside_is_text() -> None:
    content = 'mimeType: application/json\ntext: \'["abcd", "ef01"]\'\n'
    body = read(har(entry(content=content))).interactions[0].response.body
    assert (body.storage, body.content, body.encoding, body.problem) == (
        "string",
        b'["abcd", "ef01"]',
        None,
        None,
    )


def test_cody_text_wins_over_text_json() -> None:
    post = "  headers: []\n  postData:\n    text: '{\"a\": 1}'\n    textJSON: {b: 2}\nresponse:"
    text = har(entry().replace("  headers: []\nresponse:", post, 1))
    body = read(text).interactions[0].request.body
    assert (body.storage, body.content) == ("string", b'{"a": 1}')


def test_json_har_that_yaml_refuses_is_read_as_json() -> None:
    # libyaml refuses the surrogate-pair escapes JSON writers use for characters beyond the BMP
    document = polly_har("https://example.com/a", {"text": "ok \U0001f600"})
    data = json.dumps(document).encode()
    assert b"\\ud83d" in data
    cassette = parse_cassette(data, "recording.har").cassette
    assert cassette.problems == ()
    assert cassette.interactions[0].response.body.content == "ok \U0001f600".encode()
