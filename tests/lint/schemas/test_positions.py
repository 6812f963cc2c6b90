"""Defective documents: each violation at the exact line and column of its node.

Findings are ``(line, column, path, keyword)`` tuples. A wrong value is
reported where the value starts, a missing key where the mapping lacking it
starts, an unexpected key where its value starts.
"""

from __future__ import annotations

from collections.abc import Callable

from conftest import Finding

Findings = Callable[[str, str], list[Finding]]


def test_go_vcr_v2_defects(findings: Findings) -> None:
    text = """\
        version: 2
        interactions:
        - id: 0
          request:
            proto: HTTP/1.1
            proto_major: 1
            proto_minor: 1
            content_length: 0
            host: api.example.com
            url: https://api.example.com/v1/models
            method: [GET]
          response:
            proto: HTTP/2.0
            proto_major: 2
            proto_minor: 0
            content_length: -1
            body: ok
            headers:
              Content-Type: application/json
            status: 200 OK
            code: 700
        """
    # The missing duration is not one: go-vcr replays a zero duration.
    assert findings(text, "go-vcr-v2") == [
        (11, 13, "interactions[0].request.method", "type"),
        (19, 21, "interactions[0].response.headers.Content-Type", "type"),
        (21, 11, "interactions[0].response.code", "maximum"),
    ]


def test_go_vcr_v2_values_in_range(findings: Findings) -> None:
    text = """\
        version: 3
        interactions:
        - id: -1
          request: {proto: HTTP/1.1, proto_major: 1, proto_minor: 1, content_length: -2,
                    host: h, url: '', method: GET}
          response: {proto: HTTP/1.1, proto_major: 1, proto_minor: 1, content_length: 0,
                     body: '', headers: {}, status: OK, code: 99, duration: 5}
        """
    assert findings(text, "go-vcr-v2") == [
        (1, 10, "version", "const"),
        (3, 7, "interactions[0].id", "minimum"),
        (4, 78, "interactions[0].request.content_length", "minimum"),
        (5, 27, "interactions[0].request.url", "minLength"),
        (7, 45, "interactions[0].response.status", "pattern"),
        (7, 55, "interactions[0].response.code", "minimum"),
        (7, 69, "interactions[0].response.duration", "type"),
    ]


def test_go_vcr_v2_accepts_unknown_fields(findings: Findings) -> None:
    text = """\
        version: 2
        interactions:
        - id: 0
          discard_on_save: false
          future_field: 1
          request: {proto: HTTP/1.1, proto_major: 1, proto_minor: 1, content_length: 0,
                    host: h, url: 'https://h/', method: GET, tls: {}}
          response: {proto: HTTP/1.1, proto_major: 1, proto_minor: 1, content_length: 0,
                     body: '', headers: {}, status: 200 OK, code: 200, duration: 0}
        """
    assert findings(text, "go-vcr-v2") == [(9, 74, "interactions[0].response.duration", "type")]


def test_go_vcr_v1_defects(findings: Findings) -> None:
    text = """\
        version: 2
        interactions:
        - request:
            body: ""
            headers: {}
            url: https://x.test/
            method: GET
            proto: HTTP/1.1
          response:
            body: ""
            headers: {}
            status: OK
            code: 200
            duration: 10 seconds
        """
    # Not defects: the missing form (yaml.v2 reads it as empty) and the format-2 proto
    # (yaml.v2 drops a key it does not know).
    assert findings(text, "go-vcr-v1") == [
        (1, 10, "version", "const"),
        (12, 13, "interactions[0].response.status", "pattern"),
        (14, 15, "interactions[0].response.duration", "pattern"),
    ]


def test_vcrpy_defects(findings: Findings) -> None:
    text = """\
        interactions:
        - request:
            body: '{}'
            headers:
              Content-Type:
              - application/json
              X-Empty: []
            method: POST
            uri: https://api.openai.com/v1/chat/completions
            verify: true
          response:
            body:
              string: '{}'
              strng: x
            headers: {}
            status:
              code: '200'
        version: 1
        """
    # strng is not a defect: the stubs read body["string"] and nothing else.
    assert findings(text, "vcrpy") == [
        (7, 16, "interactions[0].request.headers.X-Empty", "minItems"),
        (10, 13, "interactions[0].request.verify", "additionalProperties"),
        (17, 7, "interactions[0].response.status.message", "required"),
        (17, 13, "interactions[0].response.status.code", "type"),
    ]


def test_vcrpy_needs_a_body_or_parsed_body(findings: Findings) -> None:
    # body beside parsed_body is not a defect: pydantic-ai's deserializer writes the body
    # from parsed_body over it; nor is status beside the legacy status_code, which the
    # httpx stub reads instead.
    text = """\
        interactions:
        - request:
            body: '{"a": 1}'
            parsed_body:
              a: 1
            headers: {}
            method: POST
            uri: https://x.test/
          response:
            status_code: 200
            http_version: HTTP/1.1
            status:
              code: 200
              message: OK
            content: ''
            headers: {}
        - request:
            headers: {}
            method: GET
            uri: https://x.test/
          response:
            headers: {}
            status: {code: 200, message: OK}
        """
    assert findings(text, "vcrpy") == [
        (18, 5, "interactions[1].request.body", "required"),
        (22, 5, "interactions[1].response.body", "required"),
    ]


def test_vcrpy_request_body_may_be_any_value(findings: Findings) -> None:
    # vcrpy's Request keeps whatever body it is given and its default matchers never read
    # it: JSON data written as YAML (as pydantic-ai's cassettes hold) replays.
    text = """\
        interactions:
        - request:
            body:
              messages: [{role: user, content: hi}]
              model: m
            headers: {}
            method: POST
            uri: https://x.test/
          response: {headers: {}, status: {code: 200, message: OK}, body: {string: ''}}
        - request: {body: [1, 2], headers: {}, method: POST, uri: 'https://x.test/'}
          response: {headers: {}, status: {code: 200, message: OK}, body: {string: ''}}
        - request: {body: 5, parsed_body: {}, headers: {}, method: GET, uri: 'https://x.test/'}
          response: {headers: {}, status: {code: 200, message: OK}, body: {string: ''}}
        """
    assert findings(text, "vcrpy") == []


def test_header_name_and_value_are_separate_nodes(findings: Findings) -> None:
    text = """\
        interactions:
        - request:
            body: ''
            headers:
              Bad Name: 7
            method: GET
            uri: https://x.test/
          response: {headers: {}, status: {code: 200, message: OK}, body: {string: ''}}
        """
    assert findings(text, "vcrpy") == [
        (5, 17, 'interactions[0].request.headers["Bad Name"]', "pattern"),
        (5, 17, 'interactions[0].request.headers["Bad Name"]', "type"),
    ]


def test_ruby_vcr_defects(findings: Findings) -> None:
    text = """\
        http_interactions:
        - request:
            method: post
            uri: https://api.openai.com/v1/files
            body:
              encoding: UTF-8
              string: ''
              base64_string: aGk=
            headers:
              Authorization:
              - Bearer sk-test
          response:
            status:
              code: 200
              message: OK
            headers: {}
            body:
              encoding: UTF-8
          recorded_at: 2024-04-01 12:00:00
        recorded_with: VCR 6.2.0
        """
    # string beside base64_string is not a defect: VCR reads base64_string.
    assert findings(text, "ruby-vcr") == [
        (18, 7, "http_interactions[0].response.body.string", "required"),
        (19, 16, "http_interactions[0].recorded_at", "pattern"),
    ]


def test_ruby_vcr_status_and_headers(findings: Findings) -> None:
    text = """\
        http_interactions:
        - request:
            method: GET /x
            uri: https://x.test/
            body: {encoding: UTF-8, string: ''}
            headers:
              Accept: '*/*'
          response:
            status: {code: 200.5, message: OK}
            headers: {}
          recorded_at: Sun, 06 Nov 1994 08:49:37 GMT
        - {request: {}, recorded_at: 'Sun Nov  6 08:49:37 1994'}
        """
    # A header value written as one string and a request without body or headers are not
    # defects: VCR reads a single value as a list of one, a missing body or headers as none.
    assert findings(text, "ruby-vcr") == [
        (3, 13, "http_interactions[0].request.method", "pattern"),
        (9, 20, "http_interactions[0].response.status.code", "type"),
        (12, 3, "http_interactions[1].response", "required"),
        (12, 13, "http_interactions[1].request.method", "required"),
        (12, 13, "http_interactions[1].request.uri", "required"),
    ]


def test_langchain_split_defects(findings: Findings) -> None:
    text = """\
        requests:
        - body: null
          headers: {}
          method: 42
          uri: https://x.test/
        responses:
        - body:
            string: ok
          headers: {}
          status:
            code: 200
            message: OK
        interactions: []
        """
    # The extra interactions key is not a defect: the persister reads the two lists only.
    assert findings(text, "langchain-split") == [(4, 11, "requests[0].method", "type")]


def test_root_problems(findings: Findings) -> None:
    assert findings("- a\n- b\n", "vcrpy") == [(1, 1, "$", "type")]
    assert findings("", "ruby-vcr") == [(1, 1, "$", "type")]
    assert findings("version: 2\n", "go-vcr-v2") == [(1, 1, "interactions", "required")]
    assert findings("requests: []\nresponses: {}\n", "langchain-split") == [(2, 12, "responses", "type")]


def test_aliases_report_where_they_are_used(findings: Findings) -> None:
    text = """\
        interactions:
        - request: &req
            body: ''
            headers: {}
            method: GET
            uri: https://x.test/
          response: &resp {headers: {}, status: {code: 200, message: OK}, body: {string: ''}}
        - request: *req
          response: 12
        """
    assert findings(text, "vcrpy") == [(9, 13, "interactions[1].response", "type")]
