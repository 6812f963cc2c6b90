"""Recordings that are not HTTP, in layouts of their own, are recognised; HTTP cassettes are not.

The files under ``tests/data/formats/recordings`` are written for these tests after the
definitions of each protocol: websocket frames (RFC 6455 opcodes, text / binary / close
frames), gRPC calls (the ``/package.Service/Method`` path, trailers, status names),
JSON-RPC 2.0 messages and an agent SDK's control protocol.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import toolkit
from tests.conftest import DATA, SHARED
from toolkit.cli import main
from toolkit.problems import ProblemCode
from toolkit.read.dialects import detect_format
from toolkit.read.document import Position
from toolkit.read.files import read_file
from toolkit.read.parse import parse_cassette

RECORDINGS = DATA / "formats" / "recordings"
EXTRA = SHARED / "corpus-extra"


@pytest.mark.parametrize(
    ("name", "kind", "position", "items"),
    [
        ("grpc_calls.yaml", "grpc", Position(4, 1), "2 items"),
        ("grpc_http2.json", "grpc", Position(2, 12), "1 item"),
        ("grpc_stream.yaml", "grpc", Position(6, 1), "3 items"),
        ("grpc_wire_samples.yaml", "grpc", Position(4, 1), "1 item"),
        ("websocket_frames.json", "websocket", Position(1, 1), "5 items"),
        ("websocket_session.yaml", "websocket", Position(4, 1), "3 items"),
        ("websocket_interactions.yaml", "websocket", Position(4, 1), "4 items"),
        ("transcript_jsonrpc.json", "transcript", Position(3, 17), "5 items"),
        ("transcript_agent_sdk.yaml", "transcript", Position(4, 1), "4 items"),
        ("transcript_events.json", "transcript", Position(1, 12), "4 items"),
    ],
)
def test_non_http_recordings_are_unsupported_not_broken(
    name: str, kind: str, position: Position, items: str
) -> None:
    cassette = read_file(str(RECORDINGS / name)).cassette
    assert (cassette.format, cassette.interactions) == (kind, ())
    (problem,) = cassette.problems
    assert (problem.code, Position(problem.line, problem.column)) == (
        ProblemCode.UNSUPPORTED_RECORDING,
        position,
    )
    assert f"({items})" in problem.message
    assert problem.severity == "info"


@pytest.mark.parametrize(
    "text",
    [
        # A real HTTP cassette with a broken interaction: the reader reports the item.
        "interactions:\n- request: {method: GET, uri: 'https://x.test/'}\nversion: 1\n",
        "interactions:\n- response: {status: {code: 200, message: OK}, headers: {}, body: {string: ''}}\n",
        "interactions:\n- just a string\n",
        "interactions:\n- {id: 0}\n",
        "version: 2\ninteractions:\n- id: 0\n  request: {url: 'https://x.test/', method: GET}\n"
        "- id: 1\n  direction: send\n  data: hi\n",
        "interactions:\n- request: {method: POST, uri: '<URL>'}\n  response: 'HTTP/1.1 200 OK'\n",
    ],
)
def test_broken_http_interactions_stay_malformed(text: str) -> None:
    cassette = parse_cassette(text.encode(), "cassette.yaml").cassette
    assert cassette.format in ("vcrpy", "go-vcr-v1", "go-vcr-v2")
    assert ProblemCode.MALFORMED_INTERACTION in {p.code for p in cassette.problems}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("http_unknown_layout.json", "HTTP exchanges in a layout no supported recorder writes"),
        ("chat_fixture.json", "not a cassette: a mapping without interactions"),
    ],
)
def test_other_data_stays_an_unknown_dialect(name: str, message: str) -> None:
    (problem,) = read_file(str(RECORDINGS / name)).cassette.problems
    assert problem.code == ProblemCode.UNKNOWN_DIALECT
    assert problem.message.startswith(message)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # One sign of the protocol is enough, and the layout around it does not matter.
        ('[{"dir": "tx", "bytes": "AAEC"}]', "transcript"),
        ('{"log": [{"from": "server", "text": "hi"}]}', "transcript"),
        ('{"session": {"frames": [{"opcode": 1, "payload": "hi"}]}}', "websocket"),
        ('{"url": "wss://h.example/ws", "sent": ["a"], "received": ["b"]}', "websocket"),
        ('{"service": "helloworld.Greeter", "method": "SayHello", "request": {"name": "w"}}', "grpc"),
        ('{"calls": [{"rpc": "/a.B/C", "status": "StatusCode.DEADLINE_EXCEEDED"}]}', "grpc"),
        ('{"method": "/a.B/Chat", "requests": [{"text": "hi"}], "responses": [{"text": "yo"}]}', "grpc"),
        ('{"service": "helloworld.Greeter", "calls": [{"name": "SayHello", "input": {}}]}', "grpc"),
        ('{"calls": [{"response": {"@type": "type.googleapis.com/helloworld.HelloReply"}}]}', "grpc"),
        (
            '{"url": "https://h.example/ws/", "status": 101, "frames": [{"type": "text", "data": "2"}]}',
            "websocket",
        ),
    ],
)
def test_signs_in_any_layout(text: str, kind: str) -> None:
    assert parse_cassette(text.encode(), "recording.json").cassette.format == kind


@pytest.mark.parametrize(
    "text",
    [
        # An HTTP exchange anywhere makes the whole file HTTP, whatever else it holds.
        '[{"direction": "send", "data": "x"}, {"method": "GET", "url": "https://x.test/"}]',
        '{"log": {"entries": [{"request": {"method": "GET", "url": "https://x.test/"}, '
        '"response": {"status": 200}, "_webSocketMessages": [{"type": "send", "opcode": 1}]}]}}',
        '{"frames": [{"opcode": 1}], "exchanges": [{"response": {"status": {"code": 204}}}]}',
    ],
)
def test_http_anywhere_is_not_a_non_http_recording(text: str) -> None:
    fmt = detect_format(parse_cassette(text.encode(), "x.json").document.root)  # type: ignore[union-attr]
    assert fmt not in ("websocket", "grpc", "transcript")


LOGFIRE = EXTRA / "logfire" / "tests" / "otel_integrations" / "cassettes" / "test_claude_agent_sdk"


@pytest.mark.corpus
def test_agent_sdk_transcripts_of_the_extra_corpus() -> None:
    files = sorted(LOGFIRE.glob("*.json"))
    if not files:
        pytest.skip("the extra corpus is not present")
    for path in files:
        cassette = read_file(str(path)).cassette
        assert cassette.format == "transcript", path
        assert [(p.code, p.line, p.column) for p in cassette.problems] == [
            (ProblemCode.UNSUPPORTED_RECORDING, 5, 15)
        ]


def test_show_report_and_load_accept_unsupported_recordings(tmp_path: Path) -> None:
    name = str(RECORDINGS / "websocket_session.yaml")
    shown = CliRunner().invoke(main, ["show", name])
    assert shown.exit_code == 0, shown.output
    assert "CT005 unsupported recording: a websocket session" in shown.output
    reported = CliRunner().invoke(main, ["report", name, "--format", "json", "--jobs", "1"])
    assert reported.exit_code == 0, reported.output
    frames = toolkit.load(name, jobs=1)
    assert frames.interactions.empty
    assert frames.problems[["code", "severity"]].values.tolist() == [["CT005", "info"]]
    linted = CliRunner().invoke(main, ["lint", "--isolated", name])
    assert linted.exit_code == 0, linted.output


_KEYS = [
    "direction", "type", "kind", "data", "payload", "message", "messages", "frames", "opcode", "method",
    "rpc", "service", "url", "uri", "status", "code", "request", "response", "metadata", "jsonrpc", "sent",
]  # fmt: skip
_VALUES = [
    "send", "recv", "GET", "post", "/a.B/C", "wss://h.example/", "https://h.example/", "OK", "text",
    "session.update", "control_request", 200, 0, 101, 1000, None, True,
]  # fmt: skip
_RECORDS = st.recursive(
    st.sampled_from(_VALUES),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(_KEYS), inner, max_size=4),
    max_leaves=12,
)
_HTTP_ITEM = {
    "request": {"method": "GET", "uri": "https://x.test/", "body": None, "headers": {}},
    "response": {"status": {"code": 200, "message": "OK"}, "headers": {}, "body": {"string": ""}},
}


@settings(max_examples=150, deadline=None)
@given(st.lists(_RECORDS, max_size=5), st.integers(0, 5))
def test_one_http_interaction_keeps_any_list_a_cassette(items: list[Any], at: int) -> None:
    items.insert(min(at, len(items)), _HTTP_ITEM)
    data = json.dumps({"interactions": items}).encode()
    cassette = parse_cassette(data, "cassette.json").cassette
    assert cassette.format == "vcrpy"
    assert ProblemCode.UNSUPPORTED_RECORDING not in {p.code for p in cassette.problems}


_NOT_HTTP_KEYS = [
    k for k in _KEYS if k not in ("method", "url", "uri", "status", "code", "request", "response")
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.dictionaries(st.sampled_from(_NOT_HTTP_KEYS), _RECORDS, max_size=4), max_size=5),
    st.sampled_from(["interactions", "messages", "frames", "log"]),
)
def test_messages_with_a_direction_and_no_exchange_are_a_recording(items: list[Any], key: str) -> None:
    items.append({"direction": "send", "data": "hi"})
    data = json.dumps({key: items}).encode()
    cassette = parse_cassette(data, "recording.json").cassette
    assert cassette.format in ("grpc", "websocket", "transcript")
    assert [p.code for p in cassette.problems] == [ProblemCode.UNSUPPORTED_RECORDING]
