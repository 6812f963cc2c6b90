"""CT4xx hygiene rules."""

from __future__ import annotations

from tests.lint.helpers import lint_text, where
from toolkit.lint.rules.example_cassettes import GOOD, vcrpy_cassette

TWICE = GOOD.replace("version: 1\n", "") + GOOD.split("\n", 1)[1]


def test_exact_duplicate_is_reported_at_the_later_interaction() -> None:
    assert where(lint_text(TWICE), "CT4") == [("CT401", 18, 3)]


def test_same_request_with_a_different_response_is_not_a_duplicate() -> None:
    second = GOOD.split("\n", 1)[1].replace('"choices": []', '"choices": [1]')
    assert where(lint_text(GOOD.replace("version: 1\n", "") + second), "CT4") == []


def test_status_codes() -> None:
    assert where(lint_text(vcrpy_cassette(status=429, reason="Too Many")), "CT4") == [("CT402", 11, 7)]
    assert where(lint_text(vcrpy_cassette(status=503, reason="Unavailable")), "CT4") == [("CT402", 11, 7)]
    assert where(lint_text(vcrpy_cassette(status=422, reason="Unprocessable")), "CT4") == [("CT406", 11, 7)]
    assert where(lint_text(vcrpy_cassette(status=201, reason="Created")), "CT4") == []


def test_oversized_cassette_uses_the_configured_threshold() -> None:
    assert where(lint_text(GOOD, options={"CT403": {"max-bytes": 100}}), "CT4") == [("CT403", 1, 1)]
    assert where(lint_text(GOOD), "CT4") == []


def test_inline_base64_media_names_the_type() -> None:
    body = '\'{"data": "data:image/jpeg;base64,/9j/' + "Q" * 300 + "\"}'"
    (finding,) = lint_text(vcrpy_cassette(response_body=body), options={"CT404": {"max-bytes": 100}})
    assert (finding.code, finding.line, finding.column) == ("CT404", 17, 15)
    assert "JPEG" in finding.message


def test_base64_scan_is_linear_on_many_short_runs() -> None:
    import time

    body = "'" + ("A" * 999 + " ") * 40_000 + "'"
    start = time.perf_counter()
    findings = lint_text(
        vcrpy_cassette(response_body=body), select=("CT404",), options={"CT404": {"max-bytes": 1000}}
    )
    assert where(findings) == []
    assert time.perf_counter() - start < 20  # quadratic scanning would take minutes


def test_volatile_headers_once_per_cassette_at_the_first() -> None:
    headers = (
        "      Content-Type:\n      - application/json\n"
        "      x-ratelimit-remaining-tokens:\n      - '149'\n"
        "      Date:\n      - Tue, 04 Mar 2025 10:00:00 GMT\n"
    )
    (finding,) = lint_text(vcrpy_cassette(response_headers=headers))
    assert (finding.code, finding.line, finding.column) == ("CT405", 17, 9)
    assert "date" in finding.message and "x-ratelimit-remaining-tokens" in finding.message


def test_volatile_header_list_is_configurable() -> None:
    headers = "      Content-Type:\n      - application/json\n      X-Trace:\n      - abc\n"
    options = {"CT405": {"extend-headers": ("x-trace",)}}
    assert where(lint_text(vcrpy_cassette(response_headers=headers), options=options)) == [("CT405", 17, 9)]
    assert where(lint_text(vcrpy_cassette(response_headers=headers))) == []
