"""What each recorder really writes or still replays validates; what it cannot replay does not.

Each valid variant is checked against the recorder's own reading of the file (vcrpy's
Request and stubs, go-vcr's structs through yaml.v2 / yaml.v3 and its default matcher,
Ruby VCR's from_hash), and beside it the nearest shape that recorder refuses.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import Finding

Findings = Callable[[str, str], list[Finding]]

_VCRPY_RESPONSE = "{headers: {}, status: {code: 200, message: OK}, body: {string: ''}}"


@pytest.mark.parametrize(
    "text",
    [
        # pydantic-ai: a request body written as JSON data (vcrpy's Request keeps any body).
        "interactions:\n- request: {body: {model: m, stream: false}, headers: {}, method: POST,"
        " uri: 'https://x.test/'}\n  response: " + _VCRPY_RESPONSE + "\n",
        # Keys vcrpy never reads: at the top, beside request and response, in status and body.
        "recorded_with: a custom persister\nversion: 2\ninteractions:\n"
        "- request: {body: null, headers: {}, method: GET, uri: 'https://x.test/'}\n"
        "  recorded_at: '2026-01-01'\n"
        "  response: {headers: {}, status: {code: 200, message: OK, http_version: 1.1},"
        " body: {string: '', encoding: utf-8}}\n",
        # A response header recorded without a value: the stubs add none.
        "interactions:\n- request: {body: '', headers: {}, method: GET, uri: 'https://x.test/'}\n"
        "  response: {headers: {X-Empty: []}, status: {code: 204, message: No Content},"
        " body: {string: ''}}\n",
        # The legacy httpx shape without http_version, which its stub never read.
        "interactions:\n- request: {body: '', headers: {}, method: GET, uri: 'https://x.test/'}\n"
        "  response: {headers: {}, status_code: 200, content: ok}\n",
    ],
    ids=["mapping-request-body", "unread-keys", "empty-response-header", "legacy-without-version"],
)
def test_vcrpy_variants(findings: Findings, text: str) -> None:
    assert findings(text, "vcrpy") == []


def test_vcrpy_still_refuses_what_it_cannot_replay(findings: Findings) -> None:
    text = """\
        interactions:
        - request: {body: '', headers: {Accept: []}, method: GET, uri: 'https://x.test/', timeout: 5}
          response: {headers: {}, status: {code: 200, message: OK}, body: ok}
        """
    assert findings(text, "vcrpy") == [
        (2, 41, "interactions[0].request.headers.Accept", "minItems"),  # HeadersDict: IndexError
        (2, 92, "interactions[0].request.timeout", "additionalProperties"),  # Request(**): TypeError
        (3, 67, "interactions[0].response.body", "type"),  # body["string"]: TypeError
    ]


_GOVCR2_REDIRECT = """\
    version: 2
    interactions:
    - id: 0
      request:
        proto: HTTP/1.1
        proto_major: 1
        proto_minor: 1
        content_length: 0
        host: api.example.com
        url: https://api.example.com/v1/files/1/content
        method: GET
      response:
        proto: HTTP/2.0
        proto_major: 2
        proto_minor: 0
        content_length: 0
        body: ""
        headers:
          Location: [https://cdn.example.com/f/1]
        status: 302 Found
        code: 302
        duration: 80ms
    - id: 1
      request:
        proto: ""
        proto_major: 0
        proto_minor: 0
        content_length: 0
        host: ""
        url: https://cdn.example.com/f/1
        method: GET
      response:
        proto: HTTP/2.0
        proto_major: 2
        proto_minor: 0
        content_length: 2
        body: ok
        headers: {}
        status: 200 OK
        code: 200
        duration: 21ms
    """


def test_go_vcr_v2_redirect_request_without_protocol(findings: Findings) -> None:
    # net/http's client builds the request that follows a redirect without Proto (and
    # without Host when it is the URL's): go-vcr records proto "" and replays it.
    assert findings(_GOVCR2_REDIRECT, "go-vcr-v2") == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("request.method", '""'),  # an empty method means GET in net/http and is recorded so
        ("response.status", '""'),  # a response built in-process without a status line
        ("response.proto", '""'),
        ("response.duration", None),  # a missing field replays as its zero value
        ("response.headers", None),
        ("request.host", None),  # compared by go-vcr v4's default matcher only, not v3's
        ("request.proto_major", None),
        ("response.body", None),
        ("id", None),
    ],
)
def test_go_vcr_v2_variants(findings: Findings, field: str, value: str | None) -> None:
    text = _edit(_GOVCR2_REDIRECT, 1, field, value)
    assert findings(text, "go-vcr-v2") == []


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("request.proto", "HTTP 1.1", (25, 12, "interactions[1].request.proto", "pattern")),
        ("request.url", None, (25, 5, "interactions[1].request.url", "required")),
        ("request.method", None, (25, 5, "interactions[1].request.method", "required")),
        ("response.code", None, (33, 5, "interactions[1].response.code", "required")),
        ("response.duration", "21", (41, 15, "interactions[1].response.duration", "type")),
    ],
)
def test_go_vcr_v2_still_refuses_what_it_cannot_replay(
    findings: Findings, field: str, value: str | None, expected: Finding
) -> None:
    # Every default matcher compares the method and the URL with the live request's (a
    # missing one never matches); yaml.v3 refuses an integer for a time.Duration.
    assert findings(_edit(_GOVCR2_REDIRECT, 1, field, value), "go-vcr-v2") == [expected]


def test_go_vcr_v1_hand_written_cassette(findings: Findings) -> None:
    # go-vcr v1/v2 match on method and URL only; yaml.v2 reads the rest as empty when it is
    # missing, a duration given in nanoseconds, and drops keys it does not know.
    text = """\
        version: 1
        recorded_by: hand
        interactions:
        - request:
            url: https://api.example.com/v1/models
            method: GET
          response:
            body: '{"data": []}'
            code: 200
            duration: 1500000
        """
    assert findings(text, "go-vcr-v1") == []


def test_go_vcr_v1_still_refuses_what_it_cannot_replay(findings: Findings) -> None:
    text = """\
        version: 1
        interactions:
        - request: {method: GET}
          response: {code: "200", duration: 1.5 seconds}
        """
    assert findings(text, "go-vcr-v1") == [
        (3, 12, "interactions[0].request.url", "required"),
        (4, 20, "interactions[0].response.code", "type"),
        (4, 37, "interactions[0].response.duration", "pattern"),
    ]


@pytest.mark.parametrize(
    "recorded_request",
    [
        "{method: get, uri: 'https://x.test/', body: plain text, headers: {Accept: '*/*'}}",
        "{method: get, uri: 'https://x.test/'}",
        "{method: get, uri: 'https://x.test/', body: {string: hi}, headers: {Accept: ~}}",
        "{method: get, uri: 'https://x.test/', body: {encoding: UTF-8, base64_string: aGk=, string: hi}}",
        "{method: get, uri: 'https://x.test/', body: null, headers: null, note: kept by hand}",
    ],
    ids=["string-body-scalar-header", "no-body-no-headers", "no-encoding-nil-header", "both-texts", "nulls"],
)
def test_ruby_vcr_variants(findings: Findings, recorded_request: str) -> None:
    # Ruby VCR's from_hash reads a plain string body, a body without encoding, a single or
    # nil header value, and no body or headers at all; it ignores keys it does not know.
    text = f"""\
        http_interactions:
        - request: {recorded_request}
          response: {{status: {{code: 200}}, headers: {{}}, body: {{string: ok}}}}
          recorded_at: Sun, 06 Nov 1994 08:49:37 GMT
          recorded_by: hand
        recorded_with: VCR 6.3.1
        """
    assert findings(text, "ruby-vcr") == []


def test_ruby_vcr_still_refuses_what_it_cannot_replay(findings: Findings) -> None:
    text = """\
        http_interactions:
        - request: {method: get, uri: 'https://x.test/', body: {encoding: UTF-8}}
          response: {headers: {}, body: {encoding: UTF-8, string: 5}}
        """
    assert findings(text, "ruby-vcr") == [
        (2, 3, "http_interactions[0].recorded_at", "required"),  # hash.fetch: KeyError
        (2, 56, "http_interactions[0].request.body.string", "required"),  # nil.encoding
        (3, 13, "http_interactions[0].response.status", "required"),
        (3, 59, "http_interactions[0].response.body.string", "type"),
    ]


def test_langchain_split_ignores_other_top_level_keys(findings: Findings) -> None:
    text = """\
        requests:
        - {body: null, headers: {}, method: GET, uri: 'https://x.test/'}
        responses:
        - {headers: {}, status: {code: 200, message: OK}, body: {string: ok}}
        version: 1
        """
    assert findings(text, "langchain-split") == []


def _edit(text: str, index: int, field: str, value: str | None) -> str:
    """``text`` with ``field`` (``request.proto``, ``id``) of interaction ``index`` set to
    ``value``, or removed when it is None."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("    - id:")]
    if field == "id":
        lines[starts[index]] = "    -\n" if value is None else f"    - id: {value}\n"
        return "".join(lines)
    section, _, name = field.rpartition(".")
    indent = "      " if not section else "        "
    inside = not section
    for i in range(starts[index], len(lines)):
        if section and lines[i].strip() == f"{section}:":
            inside = True
        elif inside and lines[i].startswith(f"{indent}{name}:"):
            lines[i] = "" if value is None else f"{indent}{name}: {value}\n"
            return "".join(lines)
    raise AssertionError(f"{field} not found")
