"""CT301, CT305, CT306, CT309, CT310, CT311: JSON bodies, undecodable bodies, Content-Length."""

from __future__ import annotations

import gzip
import json

from tests.lint.helpers import lint_text, where
from toolkit.lint.rules.example_cassettes import vcrpy_cassette

JSON_HEADERS = "      Content-Type:\n      - application/json\n"


def _with(headers: str = JSON_HEADERS, body: str = "'{}'", **kwargs: object) -> str:
    return vcrpy_cassette(response_headers=headers, response_body=body, **kwargs)  # type: ignore[arg-type]


def test_cut_json_response_is_reported_at_the_body() -> None:
    assert where(lint_text(_with(body="""'{"id": "x", "choices": ['""")), "CT3") == [("CT301", 17, 15)]


def test_problem_json_and_plus_json_types_are_json() -> None:
    headers = "      Content-Type:\n      - application/problem+json; charset=utf-8\n"
    assert where(lint_text(_with(headers, "'{oops'")), "CT3") == [("CT301", 17, 15)]


def test_non_json_types_and_empty_bodies_are_not_parsed() -> None:
    text_plain = "      Content-Type:\n      - text/plain\n"
    assert where(lint_text(_with(text_plain, "'{oops'")), "CT3") == []
    assert where(lint_text(_with(body="''")), "CT3") == []


def test_sse_labelled_json_is_left_to_the_stream_rules() -> None:
    body = '|\n        data: {"a": 1}\n\n        data: [DONE]\n'
    assert where(lint_text(_with(body=body)), "CT301") == []


def test_deeply_nested_json_is_a_finding_not_a_crash() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    findings = lint_text(_with(body=f"'{deep}'"))
    assert where(findings, "CT3") == [("CT301", 17, 15)]
    assert "CT099" not in {f.code for f in findings}


def test_request_body_is_a_warning_of_its_own() -> None:
    text = vcrpy_cassette(request_body="'{\"model\": '")
    findings = lint_text(text)
    assert where(findings, "CT3") == [("CT309", 5, 11)]
    assert findings[0].severity == "warning"


def test_file_bytes_sent_under_a_json_type_are_not_json_at_all() -> None:
    # Gemini resumable uploads send the file (here a PDF) with Content-Type: application/json.
    pdf = "!!binary |\n      JVBERi0xLjMKJcTl8uXrp/Og0MTGCg=="
    assert where(lint_text(vcrpy_cassette(request_body=pdf)), "CT3") == []


def test_error_pages_and_binary_bodies_under_a_json_type_are_what_the_server_sent() -> None:
    html = _with(body="'<html><body>502 Bad Gateway</body></html>'", status=502, reason="Bad Gateway")
    assert where(lint_text(html), "CT3") == []
    assert where(lint_text(_with(body=_binary(b"\x89PNG\r\n\x1a\n\x00\x00"))), "CT3") == []
    # Text in place of a 2xx JSON body is an edit; a cut JSON error body is one too.
    assert where(lint_text(_with(body="'REDACTED'")), "CT3") == [("CT301", 17, 15)]
    cut_error = _with(body="""'{"error": {"code": "invalid_api_key"'""", status=401, reason="Unauthorized")
    assert where(lint_text(cut_error), "CT3") == [("CT301", 17, 15)]


def test_json_error_message_does_not_echo_the_body() -> None:
    secret = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789"
    (finding,) = lint_text(_with(body=f"""'{{"key": "{secret}", '"""))
    assert secret not in finding.message


GZIP_HEADERS = JSON_HEADERS + "      Content-Encoding:\n      - gzip\n"


def _binary(data: bytes) -> str:
    import base64

    return "!!binary |\n        " + base64.b64encode(data).decode()


def test_truncated_gzip_body() -> None:
    full = gzip.compress(json.dumps({"id": "x" * 200}).encode())
    data = full[: len(full) // 2]
    assert where(lint_text(_with(GZIP_HEADERS, _binary(data))), "CT3") == [("CT305", 19, 15)]


def test_valid_gzip_body_is_decoded_and_parsed() -> None:
    data = gzip.compress(b'{"id": "x"}')
    assert where(lint_text(_with(GZIP_HEADERS, _binary(data))), "CT3") == []


def test_unknown_content_coding_is_passed_through() -> None:
    headers = JSON_HEADERS + "      Content-Encoding:\n      - compress\n"
    findings = lint_text(_with(headers, _binary(b"\x1f\x9d\x90abc")))
    assert where(findings, "CT3") == [("CT311", 19, 15)]
    assert findings[0].severity == "info"


def test_empty_gzip_body_is_valid() -> None:
    assert where(lint_text(_with(GZIP_HEADERS, _binary(gzip.compress(b"")))), "CT3") == []


def test_corrupt_request_body_does_not_break_replay() -> None:
    headers = (
        "      Content-Type:\n      - application/json\n      Content-Encoding:\n      - gzip\n  response:"
    )
    data = gzip.compress(b'{"events": []}')
    text = vcrpy_cassette(request_body=_binary(data[: len(data) // 2]).replace("        ", "      "))
    text = text.replace("      Content-Type:\n      - application/json\n  response:", headers)
    assert where(lint_text(text), "CT3") == [("CT311", 5, 11)]


def _length(n: int, extra: str = "") -> str:
    return JSON_HEADERS + f"      Content-Length:\n      - '{n}'\n" + extra


def test_content_length_mismatch_at_the_header_value() -> None:
    assert where(lint_text(_with(_length(10), "'{\"a\": 1}'")), "CT3") == [("CT306", 17, 9)]
    assert where(lint_text(_with(_length(8), "'{\"a\": 1}'")), "CT3") == []


def test_content_length_is_not_compared_under_chunked_or_for_head() -> None:
    chunked = _length(10, "      Transfer-Encoding:\n      - chunked\n")
    assert where(lint_text(_with(chunked, "'{\"a\": 1}'")), "CT3") == []
    assert where(lint_text(_with(_length(10), "'{\"a\": 1}'", method="HEAD")), "CT3") == []


def test_content_length_of_a_gzip_body_counts_the_stored_bytes() -> None:
    data = gzip.compress(b'{"id": "x"}')
    headers = GZIP_HEADERS + f"      Content-Length:\n      - '{len(data)}'\n"
    assert where(lint_text(_with(headers, _binary(data))), "CT3") == []


GOVCR = """\
version: 2
interactions:
- id: 0
  request:
    content_length: 20
    body: '{"model": "m"}'
    url: https://api.x.ai/v1/chat/completions
    method: POST
  response:
    content_length: -1
    body: '{}'
    headers:
      Content-Type:
      - application/json
    status: 200 OK
    code: 200
"""


def test_govcr_content_length_field() -> None:
    assert where(lint_text(GOVCR), "CT3") == [("CT310", 5, 21)]
    response = GOVCR.replace("content_length: -1", "content_length: 9")
    assert where(lint_text(response.replace("content_length: 20", "content_length: 14")), "CT3") == [
        ("CT306", 10, 21)
    ]
    assert where(lint_text(GOVCR.replace("content_length: 20", "content_length: 14")), "CT3") == []
