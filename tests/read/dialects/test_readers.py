"""Each dialect read into the model, on small files written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import DATA
from toolkit.problems import ProblemCode
from toolkit.read.dialects.parts import parse_go_duration
from toolkit.read.document import Position
from toolkit.read.files import read_file

FORMATS = DATA / "formats"


def read(name: str):  # type: ignore[no-untyped-def]
    return read_file(str(FORMATS / name)).cassette


def test_seed(seed_path: Path) -> None:
    cassette = read_file(str(seed_path)).cassette
    assert cassette.format == "go-vcr-v2"
    assert cassette.problems == ()
    (interaction,) = cassette.interactions
    assert interaction.position == Position(4, 3)
    assert interaction.request.method == "POST"
    assert interaction.request.url.host == "api.x.ai"
    assert interaction.request.url.path == "/v1/chat/completions"
    assert interaction.response.status_code == 200
    assert interaction.response.reason == "OK"
    assert interaction.response.duration_s == 1.629281625
    assert interaction.response.headers.get("content-type") == "text/event-stream"
    assert interaction.response.body.content.endswith(b"data: [DONE]\n\n")
    assert interaction.response.positions["body"] == Position(26, 11)
    assert interaction.request.headers.get_all("USER-AGENT") == [
        "Charm-Fantasy/0.12.2 (https://charm.land/fantasy)"
    ]


def test_govcr_v1() -> None:
    cassette = read("govcr_v1.yaml")
    assert cassette.format == "go-vcr-v1"
    first, second = cassette.interactions
    assert first.response.duration_s == 62.5
    assert first.request.form == (("api-version", "2024-06-01"),)
    assert first.request.url.query == (("api-version", "2024-06-01"),)
    assert (second.response.status_code, second.response.reason) == (404, "Not Found")
    assert second.response.duration_s == pytest.approx(850e-6)
    assert second.request.body.storage == "absent"
    assert second.request.url.port == 8080


def test_vcrpy_tags_binary_gzip_and_legacy_content() -> None:
    cassette = read("vcrpy_istr.yaml")
    assert cassette.format == "vcrpy"
    first, second = cassette.interactions
    assert [h.name for h in first.request.headers] == ["Accept", "Content-Type", "User-Agent", "X-Title"]
    assert first.request.headers.get("x-title") == "unit test"
    body = first.response.body
    assert (body.storage, body.encoding) == ("binary", "gzip")
    assert body.content == b'{"object":"chat.completion","choices":[]}'
    assert body.stored.startswith(b"\x1f\x8b")
    assert second.response.status_code == 200
    assert second.response.body.storage == "content"
    assert second.response.body.content.count(b"\n") == 2


def test_vcrpy_parsed_body_replays_as_json() -> None:
    (interaction,) = read("vcrpy_parsed_body.yaml").interactions
    assert interaction.request.body.storage == "parsed_body"
    assert interaction.request.body.content.startswith(b'{"max_tokens": 1024, "messages": [')
    assert b'"cache_read_input_tokens": 2048' in interaction.response.body.content
    assert interaction.response.positions["body"] == Position(19, 7)


def test_vcrpy_pickled_request_bodies_are_read_from_their_data() -> None:
    first, second = read("vcrpy_pickled_bodies.yaml").interactions
    assert first.request.body.content == b'{"model": "gpt-4o-mini", "input": "hi"}'
    assert (first.request.body.storage, first.request.body.position) == ("binary", Position(5, 9))
    assert second.request.body.content == b'{"input": "hello"}'
    assert second.request.body.position == Position(24, 11)  # two chunks: no one scalar holds it


def test_vcrpy_request_body_written_as_json_data(tmp_path: Path) -> None:
    path = tmp_path / "cassette.yaml"
    path.write_text(
        "interactions:\n- request:\n    body:\n      model: m\n      input: [hi]\n    headers: {}\n"
        "    method: POST\n    uri: https://api.example.com/v1/responses\n"
        "  response: {headers: {}, status: {code: 200, message: OK}, body: {string: '{}'}}\n"
    )
    (interaction,) = read_file(str(path)).cassette.interactions
    body = interaction.request.body
    assert (body.storage, body.position, body.content) == (
        "parsed_body",
        Position(4, 7),
        b'{"model": "m", "input": ["hi"]}',
    )
    assert interaction.response.body.content == b"{}"


def test_vcrpy_json_serializer() -> None:
    cassette = read("vcrpy.json")
    assert cassette.format == "vcrpy"
    assert cassette.interactions[0].request.url.host == "api.mistral.ai"


def test_ruby_vcr() -> None:
    cassette = read("ruby.yml")
    assert (cassette.format, cassette.version) == ("ruby-vcr", "VCR 6.3.1")
    first, second = cassette.interactions
    assert first.request.method == "POST"
    assert first.recorded_at == datetime(2025, 10, 14, 9, 30, 12, tzinfo=UTC)
    assert first.response.body.storage == "binary"
    assert first.response.body.content.startswith(b'{"object":"list"')
    assert second.response.body.storage == "base64"
    assert second.response.body.content == b'{"data":[]}'
    assert second.request.body.storage == "absent"


def test_langchain_split_gzip() -> None:
    cassette = read("langchain_split.yaml.gz")
    assert cassette.format == "langchain-split"
    (interaction,) = cassette.interactions
    assert interaction.request.url.path.endswith("/converse")
    assert b'"outputTokens": 2' in interaction.response.body.content


@pytest.mark.parametrize(("name", "fmt"), [("websocket.yaml", "websocket"), ("grpc.xai.yaml", "grpc")])
def test_non_http_recordings_are_reported_as_unsupported(name: str, fmt: str) -> None:
    cassette = read(name)
    assert cassette.format == fmt
    assert cassette.interactions == ()
    assert [p.code for p in cassette.problems] == [ProblemCode.UNSUPPORTED_RECORDING]


@pytest.mark.parametrize(
    ("name", "code"),
    [("not_a_cassette.json", ProblemCode.UNKNOWN_DIALECT), ("empty_interactions.yaml", ProblemCode.EMPTY)],
)
def test_not_cassettes(name: str, code: ProblemCode) -> None:
    assert [p.code for p in read(name).problems] == [code]


def test_malformed_interactions_are_problems_and_the_rest_loads(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "version: 2\ninteractions:\n- just a string\n- request: {url: 'https://a.example/x', method: GET}\n"
        "  response: {code: 204, status: 204 No Content}\n"
    )
    cassette = read_file(str(path)).cassette
    assert [i.index for i in cassette.interactions] == [1]
    assert [(p.code, p.line, p.column, p.interaction) for p in cassette.problems] == [
        (ProblemCode.MALFORMED_INTERACTION, 3, 3, 0)
    ]


def test_unreadable_file(tmp_path: Path) -> None:
    cassette = read_file(str(tmp_path / "missing.yaml")).cassette
    assert [p.code for p in cassette.problems] == [ProblemCode.UNREADABLE]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1.629281625s", 1.629281625),
        ("312.0085ms", 0.3120085),
        ("850µs", 0.00085),
        ("850us", 0.00085),
        ("1m2.5s", 62.5),
        ("2h0m1s", 7201.0),
        ("0s", 0.0),
        ("15ns", 15e-9),
        (1500000000, 1.5),
        ("bogus", None),
        ("1.5", None),
        ("", None),
        (None, None),
    ],
)
def test_go_durations(text: object, seconds: float | None) -> None:
    result = parse_go_duration(text)
    if seconds is None:
        assert result is None
    else:
        assert result == pytest.approx(seconds, rel=1e-12)


def test_betamax_style_json_reads_as_ruby_vcr_shape(tmp_path: Path) -> None:
    path = tmp_path / "betamax.json"
    path.write_text(
        '{"http_interactions": [{"request": {"body": {"encoding": "utf-8", "string": "{}"}, '
        '"headers": {"Accept": ["*/*"]}, "method": "POST", "uri": "https://api.openai.com/v1/embeddings"}, '
        '"response": {"body": {"encoding": "utf-8", "string": "{}"}, "headers": {}, '
        '"status": {"code": 200, "message": "OK"}, "url": "https://api.openai.com/v1/embeddings"}, '
        '"recorded_at": "2024-05-01T12:00:00"}], "recorded_with": "betamax/0.9.0"}'
    )
    (interaction,) = read_file(str(path)).cassette.interactions
    assert interaction.recorded_at == datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    assert interaction.response.status_code == 200


def test_lenient_status_and_url_spellings(tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(
        "interactions:\n"
        "- request: {method: get, url: 'https://api.mistral.ai/v1/models', headers: {}, body: null}\n"
        "  response: {status: 201, headers: {}, body: {string: ''}}\n"
        "- request: {method: GET, uri: 'https://api.mistral.ai/v1/models', headers: {}, body: null}\n"
        "  response: {status: '404 Not Found', headers: {}, body: {string: ''}}\n"
    )
    first, second = read_file(str(path)).cassette.interactions
    assert (first.request.method, first.request.url.host, first.response.status_code) == (
        "GET",
        "api.mistral.ai",
        201,
    )
    assert (second.response.status_code, second.response.reason) == (404, "Not Found")
