"""R vcr cassettes: the real ellmer fixtures, and each shape R vcr has written since 0.x."""

from __future__ import annotations

import base64
import gzip
import textwrap
from datetime import UTC, datetime

import pytest

from tests.conftest import DATA
from toolkit.lint.engine import lint_data
from toolkit.lint.settings import LintSettings
from toolkit.model import Cassette
from toolkit.problems import ProblemCode
from toolkit.read.dialects.rvcr import parse_r_time
from toolkit.read.document import Position
from toolkit.read.files import read_file
from toolkit.read.parse import parse_cassette

RVCR = DATA / "formats" / "rvcr"


def read_text(text: str, name: str = "cassette.yml") -> Cassette:
    return parse_cassette(textwrap.dedent(text).encode(), name).cassette


def cassette_of(request: str, response: str, *, recorded_at: str = "2026-08-02 17:43:57") -> str:
    return (
        "http_interactions:\n- request:\n"
        + textwrap.indent(textwrap.dedent(request), "    ")
        + "  response:\n"
        + textwrap.indent(textwrap.dedent(response), "    ")
        + f"  recorded_at: {recorded_at}\nrecorded_with: VCR-vcr/2.1.0\n"
    )


def test_ellmer_cassette_reads_as_r_vcr() -> None:
    cassette = read_file(str(RVCR / "anthropic-basic.yml")).cassette
    assert (cassette.format, cassette.version, cassette.problems) == ("r-vcr", "VCR-vcr/2.1.0", ())
    (interaction,) = cassette.interactions
    request, response = interaction.request, interaction.response
    assert (request.method, request.url.host, len(request.headers)) == ("POST", "api.anthropic.com", 0)
    assert response.status_code == 200 and response.reason is None
    assert response.positions["status"] == Position(10, 13)
    assert interaction.recorded_at == datetime(2026, 8, 2, 17, 43, 57, tzinfo=UTC)
    # content-encoding: gzip over a body vcr stored decoded: the bytes are trusted, nothing undone
    assert response.headers.get("content-encoding") == "gzip"
    assert response.body.encoding is None and response.body.problem is None
    assert response.body.content.startswith(b'{"model":"claude')


def test_repeated_headers_are_lists_and_single_ones_scalars() -> None:
    cassette = read_file(str(RVCR / "google-upload.yml")).cassette
    first = cassette.interactions[0].response
    assert first.headers.get_all("x-goog-upload-header-vary") == ["Origin", "X-Origin", "Referer"]
    assert first.headers.get("x-goog-upload-status") == "active"
    # the resumable-upload start has no body key at all
    assert first.body.storage == "absent" and first.body.content == b""


def test_multipart_fields_are_data_and_methods_are_kept() -> None:
    cassette = read_file(str(RVCR / "anthropic-upload-file.yml")).cassette
    upload = cassette.interactions[0].request
    assert upload.body.storage == "parsed_body"
    assert upload.body.tree["file"]["path"] == "apples.pdf"
    assert upload.body.position == Position(7, 9)
    assert [i.request.method for i in cassette.interactions[4:]] == ["GET", "GET", "DELETE"]
    assert cassette.interactions[4].response.status_code == 400


def test_ruby_vcr_stays_ruby() -> None:
    cassette = read_file(str(DATA / "formats" / "ruby.yml")).cassette
    assert cassette.format == "ruby-vcr"


def test_without_recorded_with_the_status_tells() -> None:
    text = cassette_of("method: get\nuri: https://example.com/\n", "status: 204\n").replace(
        "recorded_with: VCR-vcr/2.1.0\n", ""
    )
    assert read_text(text).format == "r-vcr"


def test_vcr_0x_shape_status_mapping_and_lower_case_method() -> None:
    cassette = read_text(
        """\
        http_interactions:
        - request:
            method: get
            uri: https://hb.opencpu.org/get?apples=56
            body:
              encoding: ''
              string: ''
            headers:
              User-Agent: libcurl/7.64.1 r-curl/4.3 crul/0.9.0
          response:
            status:
              status_code: '200'
              message: OK
              explanation: Request fulfilled, document follows
            headers:
              status: 'HTTP/2 200 '
              content-type: application/json
            body:
              encoding: UTF-8
              string: '{"args": {}}'
          recorded_at: 2020-03-23 16:03:15 GMT
        recorded_with: vcr/0.5.0.92, webmockr/0.6.0.92
        """
    )
    assert cassette.format == "r-vcr"
    (interaction,) = cassette.interactions
    assert interaction.request.method == "GET"
    assert interaction.request.body.storage == "absent"
    assert (interaction.response.status_code, interaction.response.reason) == (200, "OK")
    assert interaction.response.body.content == b'{"args": {}}'
    assert interaction.recorded_at == datetime(2020, 3, 23, 16, 3, 15, tzinfo=UTC)


def test_raw_gzip_and_base64_bodies() -> None:
    packed = base64.b64encode(gzip.compress(b'{"ok":true}')).decode()
    plain = base64.b64encode(b"\x00\x01binary").decode()
    cassette = read_text(
        cassette_of(
            f"method: POST\nuri: https://example.com/\nbody:\n  base64_string: {plain}\n",
            f"status: 200\nheaders:\n  content-type: application/json\nbody:\n  raw_gzip: {packed}\n",
        )
    )
    (interaction,) = cassette.interactions
    request, response = interaction.request.body, interaction.response.body
    assert (request.storage, request.content) == ("base64", b"\x00\x01binary")
    assert (response.storage, response.encoding, response.content) == ("base64", "gzip", b'{"ok":true}')
    assert response.stored.startswith(b"\x1f\x8b")


def test_raw_gzip_that_is_not_gzip_is_a_body_problem() -> None:
    junk = base64.b64encode(b"not gzip at all").decode()
    text = cassette_of(
        "method: GET\nuri: https://example.com/\n", f"status: 200\nbody:\n  raw_gzip: {junk}\n"
    )
    findings = lint_data(text.encode(), "c.yml", LintSettings(select=("CT305",)))
    assert [(f.code, f.line, f.column) for f in findings] == [("CT305", 8, 17)]


@pytest.mark.parametrize(
    "body", ["body:\n  on_disk: files/out.json\n", "body:\n  string: files/out.json\n  file: yes\n"]
)
def test_a_body_written_to_a_file_is_a_file_reference(body: str) -> None:
    text = cassette_of("method: GET\nuri: https://example.com/\n", f"status: 200\n{body}")
    response = read_text(text).interactions[0].response
    assert (response.body.storage, response.body.content, response.body.tree) == (
        "file",
        b"",
        "files/out.json",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-08-02 17:43:57", datetime(2026, 8, 2, 17, 43, 57, tzinfo=UTC)),
        ("2025-04-27 21:48:05 GMT", datetime(2025, 4, 27, 21, 48, 5, tzinfo=UTC)),
        ("2025-04-27T21:48:05+02:00", datetime(2025, 4, 27, 19, 48, 5, tzinfo=UTC)),
        ("yesterday", None),
        ("", None),
    ],
)
def test_recorded_at(text: str, expected: datetime | None) -> None:
    assert parse_r_time(text) == expected


def test_a_broken_interaction_is_ct009_not_a_traceback() -> None:
    text = "http_interactions:\n- request: {method: GET}\n- 3\nrecorded_with: VCR-vcr/2.1.0\n"
    cassette = read_text(text)
    assert [(p.code, p.line, p.interaction) for p in cassette.problems] == [
        (ProblemCode.MALFORMED_INTERACTION, 2, 0),
        (ProblemCode.MALFORMED_INTERACTION, 3, 1),
    ]


def test_schema_violations_are_reported_where_they_are() -> None:
    text = cassette_of(
        "method: POST\nuri: https://example.com/\nbody:\n  encoding: ''\n",
        "status: '200 OK'\nheaders:\n  x-note: {a: 1}\ncomment: vcr ignores unknown keys\n",
        recorded_at="last tuesday",
    )
    findings = lint_data(text.encode(), "c.yml", LintSettings(select=("CT101",)))
    assert [(f.code, f.line, f.column, f.interaction) for f in findings] == [
        ("CT101", 6, 7, 0),  # a body with no string, base64_string, raw_gzip, fields or on_disk
        ("CT101", 8, 13, 0),  # the status is text, not a number
        ("CT101", 10, 15, 0),  # a header value that is a mapping
        ("CT101", 12, 16, 0),  # recorded_at as.POSIXct cannot read
    ]


def test_a_coding_header_over_binary_bytes_is_not_undone() -> None:
    # httr2 hands vcr decompressed bodies: a PDF under content-encoding: br is a PDF, not br.
    pdf = base64.b64encode(b"%PDF-1.3\n\x00\xff\xfe binary").decode()
    text = cassette_of(
        "method: GET\nuri: https://example.com/a.pdf\n",
        f"status: 200\nheaders:\n  content-encoding: br\nbody:\n  base64_string: {pdf}\n",
    )
    body = read_text(text).interactions[0].response.body
    assert (body.encoding, body.problem, body.content[:8]) == (None, None, b"%PDF-1.3")
    assert lint_data(text.encode(), "c.yml", LintSettings(select=("CT305", "CT306"))) == ()
