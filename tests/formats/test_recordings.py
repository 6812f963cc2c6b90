"""Recordings that are not HTTP, in layouts of their own, are recognised; HTTP cassettes are not.

The files under ``tests/data/formats/recordings`` are written for these tests after the
definitions of each protocol: websocket frames (RFC 6455 opcodes, text / binary / close
frames), gRPC calls (the ``/package.Service/Method`` path, trailers, status names),
JSON-RPC 2.0 messages and an agent SDK's control protocol.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import toolkit
from tests.conftest import DATA, SHARED
from toolkit.cli import main
from toolkit.document import Position
from toolkit.formats import detect_format
from toolkit.problems import ProblemCode
from toolkit.reader import parse_cassette
from toolkit.source import read_file

RECORDINGS = DATA / "formats" / "recordings"
EXTRA = SHARED / "corpus-extra"


@pytest.mark.parametrize(
    ("name", "kind", "position", "items"),
    [
        ("grpc_calls.yaml", "grpc", Position(4, 1), "2 items"),
        ("grpc_http2.json", "grpc", Position(2, 12), "1 item"),
        ("grpc_stream.yaml", "grpc", Position(6, 1), "3 items"),
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
    assert detect_format(parse_cassette(text.encode(), "x.json").document.root) == "unknown"  # type: ignore[union-attr]


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
