"""Go httprr traces: framing by length prefixes, raw HTTP/1 messages, positions from byte offsets."""

from __future__ import annotations

import gzip

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import DATA
from toolkit.lint.engine import lint_data
from toolkit.lint.settings import LintSettings
from toolkit.model import Cassette
from toolkit.problems import ProblemCode
from toolkit.read.dialects.httprr import split_records
from toolkit.read.dialects.httpwire import ByteLines, dechunk, encode_chunked, read_message
from toolkit.read.document import Position
from toolkit.read.files import CASSETTE_SUFFIXES, read_file
from toolkit.read.parse import parse_cassette

HTTPRR = DATA / "formats" / "httprr"

REQUEST = (
    b"POST https://api.openai.com/v1/chat/completions HTTP/1.1\r\n"
    b"Host: api.openai.com\r\n"
    b"User-Agent: langchaingo-httprr\n"
    b"Content-Length: 17\r\n"
    b"Authorization: Bearer test-api-key\r\n"
    b"Content-Type: application/json\r\n"
    b"\r\n"
    b'{"model":"gpt-4"}'
)
RESPONSE = b'HTTP/2.0 200 OK\r\nContent-Length: 11\r\nContent-Type: application/json\r\n\r\n{"ok":true}'


def trace(*records: tuple[bytes, bytes]) -> bytes:
    """An httprr trace of ``records`` (request, response), as Go's recorder writes it."""
    out = b"httprr trace v1\n"
    for request, response in records:
        out += b"%d %d\n" % (len(request), len(response)) + request + response
    return out


def read(data: bytes, name: str = "t.httprr") -> Cassette:
    return parse_cassette(data, name).cassette


def findings(data: bytes, select: str, name: str = "t.httprr") -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in lint_data(data, name, LintSettings(select=(select,)))]


def test_discovery_picks_up_traces() -> None:
    assert ".httprr" in CASSETTE_SUFFIXES and ".httprr.gz" in CASSETTE_SUFFIXES


def test_ollama_stream_is_dechunked_and_placed_by_byte_offset() -> None:
    cassette = read_file(str(HTTPRR / "TestClient_GenerateStream.httprr")).cassette
    assert (cassette.format, cassette.version, cassette.problems) == ("httprr", "v1", ())
    (interaction,) = cassette.interactions
    request, response = interaction.request, interaction.response
    assert interaction.position == Position(2, 1)
    assert (request.method, request.url.raw) == ("POST", "http://localhost:11434/api/generate")
    assert request.positions["url"] == Position(3, 6)
    # the User-Agent line ends in a bare \n among \r\n lines
    assert request.headers.get("user-agent") == "langchaingo-httprr"
    assert [h.position for h in request.headers][:2] == [Position(4, 7), Position(5, 13)]
    assert request.body.content.startswith(b'{"model":"gemma3:1b"') and len(request.body.content) == 135
    # the response starts right after the request body, on the same line
    assert response.positions["status"] == Position(10, 145)
    assert (response.status_code, response.reason) == (200, "OK")
    assert response.body.problem is None and response.body.storage == "raw"
    assert b"990\r\n" not in response.body.content
    lines = response.body.content.splitlines()
    assert len(lines) == 22 and all(line.startswith(b'{"model":"gemma3:1b"') for line in lines)


def test_bare_newline_header_and_a_404() -> None:
    cassette = read_file(str(HTTPRR / "TestClient_RunInference.httprr")).cassette
    (interaction,) = cassette.interactions
    assert interaction.response.status_code == 404
    assert interaction.response.body.content == b"Not Found"
    assert interaction.request.headers.get("authorization") == "Bearer test-api-key"


def test_gzip_trace() -> None:
    cassette = read_file(str(HTTPRR / "TestMetadataSearch.httprr.gz")).cassette
    assert cassette.format == "httprr" and cassette.problems == ()
    (interaction,) = cassette.interactions
    assert interaction.request.url.path == "/v1/embeddings"
    assert interaction.response.body.content.lstrip().startswith(b"{")


def test_a_trace_is_recognised_by_its_first_line_whatever_its_name() -> None:
    assert read(trace((REQUEST, RESPONSE)), "recording.txt").format == "httprr"


def test_empty_trace_is_ct006() -> None:
    cassette = read(b"httprr trace v1\n")
    assert [(p.code, p.line, p.column) for p in cassette.problems] == [(ProblemCode.EMPTY, 2, 1)]


def test_a_wrong_first_line_is_ct002() -> None:
    assert findings(b"httprr trace v2\n", "CT0") == [("CT002", 1, 1)]
    assert findings(b"interactions: []\n", "CT0") == [("CT002", 1, 1)]


def test_broken_lengths_keep_the_records_before_and_point_at_the_bad_one() -> None:
    good = trace((REQUEST, RESPONSE))
    data = good + b"10 99999\n" + REQUEST
    cassette = read(data)
    assert len(cassette.interactions) == 1
    at = ByteLines(data).position(len(good))  # right after the last response's body
    assert [(p.code, p.line, p.column) for p in cassette.problems] == [(ProblemCode.SYNTAX, *at)]
    assert read(good + b"ten twenty\n").problems[0].code == ProblemCode.SYNTAX
    assert read(good + b"5 5").problems[0].code == ProblemCode.SYNTAX  # no end of line


def test_broken_chunked_framing_is_ct305_at_the_body() -> None:
    response = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"
    data = trace((REQUEST, response))
    body_line = data.count(b"\n", 0, data.index(b"zz")) + 1
    assert findings(data, "CT305") == [("CT305", body_line, 1)]


def test_schema_checks_what_http_read_response_refuses() -> None:
    bad_status = b"HTTP/2 200 OK\r\n\r\n"  # ReadResponse wants HTTP/x.y
    bad_header = b"HTTP/1.1 200 OK\r\nContent Type: text/plain\r\n\r\nhi"
    no_blank_line = b"HTTP/1.1 204 No Content\r\nDate: x"
    data = trace((REQUEST, bad_status), (REQUEST, bad_header), (REQUEST, no_blank_line))
    starts = [data.index(b"HTTP/2 200"), data.index(b"Content Type"), data.index(b"HTTP/1.1 204")]
    where = [ByteLines(data).position(offset) for offset in starts]
    got = [
        (f.line, f.column, f.interaction)
        for f in lint_data(data, "t.httprr", LintSettings(select=("CT101",)))
    ]
    assert got == [
        (where[0].line, where[0].column, 0),
        (where[1].line, 1, 1),
        (where[2].line, where[2].column, 2),
    ]


def test_columns_count_characters_not_bytes() -> None:
    request = REQUEST.replace(b"User-Agent: langchaingo-httprr", "User-Agent: é".encode())
    data = trace((request, "HTTP/1.1 200 OK\r\nX-Note: ü\r\nBad Line\r\n\r\n".encode()))
    bad = ByteLines(data).position(data.index(b"Bad Line"))
    assert bad.column == 1
    head = "é".encode() + b"\r\nX"
    assert ByteLines(head).position(len(head) - 1) == Position(2, 1)
    assert ByteLines("aé b".encode()).position(4) == Position(1, 4)


def test_usage_reaches_the_llm_readers() -> None:
    usage_response = (
        b"HTTP/2.0 200 OK\r\nContent-Type: application/json\r\n\r\n"
        b'{"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4-0613","choices":[],'
        b'"usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}'
    )
    from toolkit.analyze.llm import read_llm_call

    interaction = read(trace((REQUEST, usage_response))).interactions[0]
    usage = read_llm_call(interaction).usage
    assert usage is not None and (usage.input_tokens, usage.output_tokens) == (9, 3)


# --- property tests: the decoders, whatever the bytes ---


@given(st.lists(st.binary(max_size=300), max_size=8))
def test_dechunk_undoes_any_chunking(pieces: list[bytes]) -> None:
    framed = encode_chunked(pieces)
    result = dechunk(framed)
    assert result.problem is None and result.content == b"".join(pieces)
    assert [framed[a:b] for a, b in result.spans] == [p for p in pieces if p]


@given(st.binary(max_size=200), st.lists(st.integers(1, 50), max_size=6))
def test_dechunk_reads_extensions_trailers_and_any_split(content: bytes, sizes: list[int]) -> None:
    pieces, at = [], 0
    for size in sizes:
        pieces.append(content[at : at + size])
        at += size
    pieces.append(content[at:])
    framed = b"".join(b"%X;ext=1\r\n" % len(p) + p + b"\r\n" for p in pieces if p) + b"0\r\nX-Sum: 1\r\n\r\n"
    assert dechunk(framed) == (content, dechunk(framed).spans, None)


@given(st.binary(max_size=400))
def test_dechunk_never_raises(framed: bytes) -> None:
    result = dechunk(framed)
    assert result.problem is None or isinstance(result.problem, str)


_TOKEN = st.text("abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12)


@st.composite
def messages(draw: st.DrawFn) -> tuple[bytes, list[tuple[str, str]], bytes]:
    fields = draw(st.lists(st.tuples(_TOKEN, st.text("abc xyz/=;0123", max_size=20)), max_size=5))
    body = draw(st.binary(max_size=200))
    endings = draw(
        st.lists(st.sampled_from([b"\r\n", b"\n"]), min_size=len(fields) + 2, max_size=len(fields) + 2)
    )
    head = b"HTTP/1.1 200 OK" + endings[0]
    for (name, value), ending in zip(fields, endings[1:], strict=False):
        head += f"{name}: {value}".encode() + ending
    return head + endings[-1] + body, [(n, v.strip(" \t")) for n, v in fields], body


@given(st.lists(messages(), min_size=1, max_size=4))
def test_any_trace_reads_back_its_messages(records: list[tuple[bytes, list[tuple[str, str]], bytes]]) -> None:
    data = trace(*[(REQUEST, message) for message, _, _ in records])
    cassette = read(data)
    assert cassette.problems == ()
    for interaction, (_, fields, body) in zip(cassette.interactions, records, strict=True):
        assert [(h.name, h.value) for h in interaction.response.headers] == fields
        assert interaction.response.body.stored == body
        assert interaction.request.body.content == REQUEST.split(b"\r\n\r\n", 1)[1]
    lines = ByteLines(data)
    for record, interaction in zip(split_records(data).records, cassette.interactions, strict=True):
        assert lines.position(record.line_offset) == interaction.position


@given(st.binary(max_size=600))
def test_any_bytes_give_a_cassette_or_a_problem(tail: bytes) -> None:
    for data in (b"httprr trace v1\n" + tail, tail):
        cassette = read(data)
        assert all(p.line >= 1 and p.column >= 1 for p in cassette.problems)
        findings(data, "CT")  # every rule runs without a CT099
        assert not [f for f in findings(data, "CT099")]
    gz = read(gzip.compress(b"httprr trace v1\n" + tail), "t.httprr.gz")
    assert gz.format == "httprr"


@given(st.binary(max_size=300), st.integers(0, 300), st.integers(0, 300))
def test_read_message_never_raises(data: bytes, start: int, end: int) -> None:
    message = read_message(data, min(start, len(data)), min(max(start, end), len(data)))
    assert message.body_offset is None or message.body_offset <= message.end


def test_an_absurd_length_is_corrupt_framing_not_an_error() -> None:
    cassette = read(b"httprr trace v1\n" + b"9" * 5000 + b" 1\nx")
    assert [p.code for p in cassette.problems] == [ProblemCode.SYNTAX]
