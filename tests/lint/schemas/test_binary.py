"""Values read from ``!!binary`` (bytes) count as strings wherever a string is allowed."""

from __future__ import annotations

import base64
import gzip
from collections.abc import Callable

from conftest import Finding

Findings = Callable[[str, str], list[Finding]]

GZIP_BODY = base64.b64encode(gzip.compress(b'{"id": "chatcmpl-1"}')).decode()


def test_go_vcr_binary_body_validates(findings: Findings) -> None:
    text = f"""\
        version: 2
        interactions:
        - id: 0
          request: {{proto: HTTP/1.1, proto_major: 1, proto_minor: 1, content_length: 0,
                    host: h, url: 'https://h/', method: GET}}
          response:
            proto: HTTP/1.1
            proto_major: 1
            proto_minor: 1
            content_length: 20
            body: !!binary {GZIP_BODY}
            headers:
              Content-Encoding: [!!binary Z3ppcA==]
            status: !!binary MjAwIE9L
            code: 200
            duration: 10ms
        """
    assert findings(text, "go-vcr-v2") == []


def test_vcrpy_binary_bodies_and_header_values_validate(findings: Findings) -> None:
    text = f"""\
        interactions:
        - request:
            body: !!binary {GZIP_BODY}
            headers:
              Content-Length:
              - !!binary MjA=
              X-Single: !!binary eA==
            method: POST
            uri: https://x.test/
          response:
            body:
              string: !!binary {GZIP_BODY}
            headers: {{}}
            status: {{code: 200, message: OK}}
        """
    assert findings(text, "vcrpy") == []


def test_ruby_binary_string_validates(findings: Findings) -> None:
    text = f"""\
        http_interactions:
        - request:
            method: get
            uri: https://x.test/
            body: {{encoding: US-ASCII, string: ''}}
            headers: {{}}
          response:
            status: {{code: 200, message: OK}}
            headers:
              Content-Encoding:
              - !binary |-
                Z3ppcA==
            body:
              encoding: !binary |-
                QVNDSUktOEJJVA==
              string: !binary |-
                {GZIP_BODY}
          recorded_at: Mon, 01 Apr 2024 12:00:00 GMT
        """
    assert findings(text, "ruby-vcr") == []


def test_binary_text_still_has_to_match_its_pattern(findings: Findings) -> None:
    # "T0s=" is "OK": a binary status line is checked like a text one.
    text = """\
        version: 2
        interactions:
        - id: 0
          request: {proto: HTTP/1.1, proto_major: 1, proto_minor: 1, content_length: 0,
                    host: h, url: 'https://h/', method: !!binary R0VU}
          response: {proto: HTTP/1.1, proto_major: 1, proto_minor: 1, content_length: 0,
                     body: '', headers: {}, status: !!binary T0s=, code: 200, duration: 1s}
        """
    assert findings(text, "go-vcr-v2") == [(7, 45, "interactions[0].response.status", "pattern")]


def test_binary_is_not_an_integer(findings: Findings) -> None:
    text = """\
        interactions:
        - request: {body: '', headers: {}, method: GET, uri: 'https://x.test/'}
          response:
            body: {string: ''}
            headers: {}
            status: {code: !!binary MjAw, message: OK}
        """
    assert findings(text, "vcrpy") == [(6, 20, "interactions[0].response.status.code", "type")]
