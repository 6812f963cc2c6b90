"""CT301, CT305, CT306: JSON bodies, undecodable bodies, Content-Length."""

from __future__ import annotations

import gzip
import json

from tests.lint.helpers import lint_text, where
from toolkit.lint.rules.examples import vcrpy_cassette

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


def test_request_body_is_checked_too() -> None:
    text = vcrpy_cassette(request_body="'{\"model\": '")
    assert where(lint_text(text), "CT3") == [("CT301", 5, 11)]


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


def test_unknown_content_coding() -> None:
    headers = JSON_HEADERS + "      Content-Encoding:\n      - compress\n"
    assert where(lint_text(_with(headers, _binary(b"\x1f\x9d\x90abc"))), "CT3") == [("CT305", 19, 15)]


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
    assert where(lint_text(GOVCR), "CT3") == [("CT306", 5, 21)]
    assert where(lint_text(GOVCR.replace("content_length: 20", "content_length: 14")), "CT3") == []
