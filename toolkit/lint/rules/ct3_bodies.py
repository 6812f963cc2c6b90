"""CT3xx without stream decoding: JSON bodies that do not parse, undecodable bodies, Content-Length.

Each check reads the bodies the model already decoded (``Body.content`` is the
body once ``Content-Encoding`` is undone; ``Body.problem`` says why that failed).

Severities follow what replay does with each side: a recorder hands the
recorded *response* to the client, which parses and decodes it, so a broken
response body breaks the replay (error); the *request* is built live by the
code under test and the recorded one is only matched against it, so a
request body the toolkit cannot read changes nothing on replay (warning or
info, never error).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from toolkit.analyze.streams.detect import media_type, sniff_stream_kind
from toolkit.lint.finding import Hit
from toolkit.lint.locate import at_body, at_header, message_of
from toolkit.lint.rule import Example, LintContext, Option, Rule, RuleDocs
from toolkit.lint.rules.example_cassettes import GOOD, vcrpy_cassette
from toolkit.model import SIDES, Interaction, Side
from toolkit.read.content_coding import UNSUPPORTED_CODING
from toolkit.read.document import YamlMap, YamlSeq
from toolkit.read.jsonparse import loads, parse_body

__all__ = ["RULES"]

_STREAM_TYPES = frozenset(
    {
        "application/x-ndjson",
        "application/ndjson",
        "application/jsonl",
        "application/json-seq",
        "application/stream+json",
    }
)
_JSON_STARTS = (b"{", b"[")


def is_json_type(content_type: str | None) -> bool:
    """``application/json``, ``text/json`` and any ``+json`` type (not JSON streams)."""
    media = media_type(content_type)
    if media in _STREAM_TYPES:
        return False
    return media in ("application/json", "text/json") or media.endswith("+json")


_CUT_JSON = vcrpy_cassette(
    response_body="""'{"id": "chatcmpl-1", "choices": [{"message": {"role": "assista'"""
)


_MAX_BYTES = {"max-bytes": Option(64 * 1024 * 1024, "bodies larger than this are not parsed")}


def check_json_responses(context: LintContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    limit = int(options["max-bytes"])
    for interaction in context.cassette.interactions:
        error = _json_error(interaction, "response", limit)
        if error is not None:
            yield at_body(
                interaction, "response", f"response body is not valid JSON under a JSON content type: {error}"
            )


INVALID_JSON_BODY = Rule(
    "CT301",
    "invalid-json-body",
    "error",
    "A response body under a JSON content type does not parse as JSON.",
    RuleDocs(
        what="A response whose Content-Type is `application/json` (or `text/json`, or any "
        "`+json` type) holds a body that is not valid JSON once its content coding is undone. "
        "Streams labelled `application/json` (server-sent events, AWS event streams) are left to "
        "the stream rules. A body that does not even start like JSON is reported only when it is "
        'text under a success status ("REDACTED" put in place of the JSON): binary content, '
        "and error pages under an error status, are what the server sent, mislabelled, and the "
        "client got them too. Request bodies are CT309. The message gives the parser's line and "
        "column within the body, never the body itself.",
        why="The client under test parses the response on replay; a cut or hand-edited body "
        "makes the test fail with a JSON error, or worse, pass through an error branch. "
        "Severity error: the replay differs from what the provider sent.",
        seen="Hand redaction that drops a quote or a brace; responses cut short when a "
        "recording was interrupted. In the corpus, dd-trace-py's OpenAI streams are labelled "
        "`application/json` while holding server-sent events, which is why streams are excluded.",
        failing=Example(_CUT_JSON),
        passing=Example(GOOD),
    ),
    check_json_responses,
    _MAX_BYTES,
)


_CUT_REQUEST = vcrpy_cassette(request_body="""'{"model": "gpt-4o-mini", "messages": [{"role": "us'""")
_PDF_UPLOAD = vcrpy_cassette(
    uri="https://generativelanguage.googleapis.com/upload/v1beta/files?upload_id=u1",
    request_body="!!binary |\n      JVBERi0xLjMKJcTl8uXrp/Og0MTGCg==",
)


def check_json_requests(context: LintContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    limit = int(options["max-bytes"])
    for interaction in context.cassette.interactions:
        error = _json_error(interaction, "request", limit)
        if error is not None:
            yield at_body(
                interaction, "request", f"request body is not valid JSON under a JSON content type: {error}"
            )


INVALID_JSON_REQUEST_BODY = Rule(
    "CT309",
    "invalid-json-request-body",
    "warning",
    "A request body under a JSON content type starts like JSON but does not parse.",
    RuleDocs(
        what="A request whose Content-Type is a JSON type holds a body that starts like JSON "
        "(`{` or `[`) but does not parse. Bodies that do not start like JSON at all are file "
        "bytes the client sent under a JSON type (Gemini resumable uploads send a PDF so) and "
        "are not reported.",
        why="The request is built live by the code under test, so replay is unaffected unless "
        "requests are matched on their body; a broken JSON request body is the trace of a hand "
        "edit (a redaction that dropped a quote), which breaks body matching. Severity warning: "
        "replay works, the edit is worth fixing.",
        seen="chatlas's Gemini file uploads (`test_google_file_lifecycle.yaml`) send PDF bytes "
        "under `application/json`: not reported.",
        failing=Example(_CUT_REQUEST),
        passing=Example(_PDF_UPLOAD),
    ),
    check_json_requests,
    _MAX_BYTES,
)


def _json_error(interaction: Interaction, side: Side, limit: int) -> str | None:
    part = message_of(interaction, side)
    body = part.body
    if body.problem or body.storage == "parsed_body" or not is_json_type(part.headers.get("content-type")):
        return None
    content = body.content
    if not content.strip() or len(content) > limit:
        return None
    if sniff_stream_kind(content) is not None:
        return None  # a stream labelled application/json: the stream rules check it
    if not _starts_like_json(content) and not _edited_text(interaction, side, content):
        return None
    parsed = parse_body(content)  # shared with the LLM reading: each body is parsed once
    error = parsed.error
    if error is None:
        if parsed.value is not None:
            return None
        try:  # a scalar document, or text that does not even start like JSON
            loads(content)
        except (ValueError, RecursionError) as e:
            error = e
        else:
            return None
    return _describe(error, len(content))


def _edited_text(interaction: Interaction, side: Side, content: bytes) -> bool:
    """Whether a body that does not even start like JSON was most likely put there by an edit
    ("REDACTED" in place of a 2xx response) rather than sent so: a file the client sent under a
    JSON type (Gemini resumable uploads send a PDF), binary content or an error page that the
    server mislabelled (the client got those bytes too) are not edits."""
    if side == "request" or not _is_text(content):
        return False
    status = interaction.response.status_code
    return status is None or status < 400


def _starts_like_json(content: bytes) -> bool:
    head = content[:4096].lstrip()
    return (head or content.lstrip())[:1] in _JSON_STARTS


def _is_text(content: bytes) -> bool:
    try:
        content[:4096].decode("utf-8")
    except UnicodeDecodeError as e:
        return e.start >= 4093  # a character cut at the window's end
    return True


def _describe(error: Exception, size: int) -> str:
    if isinstance(error, RecursionError):
        return "it is nested too deeply to parse"
    if isinstance(error, UnicodeDecodeError):
        return "it is not valid UTF-8"
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at line {error.lineno} column {error.colno} of the body ({size:,} bytes)"
    return type(error).__name__


_GZIP_HEADERS = "      Content-Type:\n      - application/json\n      Content-Encoding:\n      - gzip\n"
_BAD_GZIP = vcrpy_cassette(
    response_headers=_GZIP_HEADERS,
    response_body="!!binary |\n        H4sIAAAAAAAAA6tWKkktLlGyUlAqS8wpTtVVqgUAAAD//w==",
)


def check_undecodable(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    for interaction in context.cassette.interactions:
        problem = interaction.response.body.problem
        if problem and not problem.startswith(UNSUPPORTED_CODING):
            yield at_body(interaction, "response", f"response body cannot be decoded: {problem}")


UNDECODABLE_BODY = Rule(
    "CT305",
    "undecodable-body",
    "error",
    "A compressed response body is corrupt, truncated, or a decompression bomb.",
    RuleDocs(
        what="The response body's `Content-Encoding` (gzip, deflate, br, zstd; gzip's magic bytes "
        "are trusted over the header) cannot be undone: the data is corrupt or truncated, or it "
        "decompresses beyond the size cap. A valid compressed body of empty content is not a "
        "finding. Codings HTTP clients do not know, and request bodies, are CT311.",
        why="The replaying client fails to decompress the body, with an error that says nothing "
        "about the cassette. Severity error: the replay fails.",
        seen="vcrpy keeps gzip responses as `!!binary` unless `decode_compressed_response` is "
        "set; hand edits and text-mode copies of such bodies corrupt them (the 'Error -3 while "
        "decompressing data' reports).",
        failing=Example(_BAD_GZIP),
        passing=Example(GOOD),
    ),
    check_undecodable,
)


_GZIP_REQUEST = vcrpy_cassette(request_body="!!binary |\n      H4sIAAAAAAAAA6tWKkktLlGy").replace(
    "      Content-Type:\n      - application/json\n  response:",
    "      Content-Type:\n      - application/json\n      Content-Encoding:\n      - gzip\n  response:",
)


def check_undecoded(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    for interaction in context.cassette.interactions:
        for side in SIDES:
            problem = message_of(interaction, side).body.problem
            if problem and (side == "request" or problem.startswith(UNSUPPORTED_CODING)):
                yield at_body(interaction, side, f"{side} body is not decoded, so not checked: {problem}")


UNDECODED_BODY = Rule(
    "CT311",
    "undecoded-body",
    "info",
    "A body is not decoded (a request body, or a coding HTTP clients pass through), so not checked.",
    RuleDocs(
        what="A request body whose `Content-Encoding` cannot be undone, or a body of either side "
        "in a coding the toolkit does not know (`compress`, a misused `utf-8`). Its content is "
        "not checked by the other rules, secrets included.",
        why="Nothing breaks on replay: requests are built live, and HTTP clients hand bodies in "
        "unknown codings to the application as they are, recorded or not. Severity info: the "
        "body is outside what the toolkit checked.",
        seen="Telemetry uploads recorded beside LLM calls (New Relic's gzip request bodies); "
        "servers that send `Content-Encoding: utf-8`.",
        failing=Example(_GZIP_REQUEST),
        passing=Example(GOOD),
    ),
    check_undecoded,
)


_NO_BODY_STATUSES = frozenset({204, 304})


_LENGTH_HEADERS = "      Content-Type:\n      - application/json\n      Content-Length:\n      - '{n}'\n"


_REDACTED = (
    """'{"error": {"message": "Incorrect API key provided: sk-...XXXX", "code": "invalid_api_key"}}'"""
)


def check_content_length(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    yield from _length_mismatches(context, "response")


CONTENT_LENGTH_MISMATCH = Rule(
    "CT306",
    "content-length-mismatch",
    "warning",
    "A response's Content-Length (or go-vcr content_length) differs from the recorded body's length.",
    RuleDocs(
        what="The response's `Content-Length` header, or go-vcr's `content_length` field, differs "
        "from the length of the body as stored (or as decoded). Bodies under `Transfer-Encoding: "
        "chunked`, HEAD responses, 1xx/204/304 responses, pydantic-ai's re-serialised "
        "`parsed_body` and bodies stored decoded under a coding header are not compared. "
        "Requests are CT310.",
        why="A body edited after recording (a redacted key, a filtered field) keeps its old "
        "length; clients that enforce it (botocore, urllib3 with length enforcement) fail on "
        "replay with an incomplete-read error. Severity warning: most clients replay it, some "
        "do not.",
        seen="ruby-openai's `conversations_delete.yml` and three sibling cassettes: the 401 "
        "body's redacted API key left Content-Length 240 on a 250-byte body; "
        "betamaxpy/betamax#211 reports the replay failure.",
        failing=Example(
            vcrpy_cassette(response_headers=_LENGTH_HEADERS.format(n=120), response_body=_REDACTED)
        ),
        passing=Example(
            vcrpy_cassette(response_headers=_LENGTH_HEADERS.format(n=91), response_body=_REDACTED)
        ),
    ),
    check_content_length,
)


_REQUEST_LENGTH = vcrpy_cassette(request_body="""'{"model": "gpt-4o-mini", "messages": []}'""").replace(
    "      Content-Type:\n      - application/json\n  response:",
    "      Content-Type:\n      - application/json\n      Content-Length:\n      - '{n}'\n  response:",
)


def check_request_content_length(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    yield from _length_mismatches(context, "request")


REQUEST_CONTENT_LENGTH_MISMATCH = Rule(
    "CT310",
    "request-content-length-mismatch",
    "info",
    "A request's Content-Length (or go-vcr content_length) differs from the recorded body's length.",
    RuleDocs(
        what="The request's `Content-Length` header, or go-vcr's `content_length` field, differs "
        "from the length of the recorded request body, under the same exceptions as CT306.",
        why="The request is built live on replay and its recorded length is never sent: nothing "
        "breaks. It says that the recorded body is not the one sent: a recorder that "
        "re-serialises JSON bodies (chatlas's pretty-printed requests), or an edit. Severity "
        "info: hygiene.",
        seen="chatlas (362 requests: compact JSON sent, spaced JSON recorded); simonw-llm's "
        "`test_tools_streaming` requests; fantasy's Vertex `tool.yaml` requests whose thought "
        "signatures were shortened (go-vcr `content_length`).",
        failing=Example(_REQUEST_LENGTH.replace("{n}", "10")),
        passing=Example(_REQUEST_LENGTH.replace("{n}", "40")),
    ),
    check_request_content_length,
)


def _length_mismatches(context: LintContext, side: Side) -> Iterator[Hit]:
    for interaction in context.cassette.interactions:
        if _length_applies(interaction, side):
            yield from _header_mismatches(interaction, side)
            yield from _field_mismatch(context, interaction, side)


def _length_applies(interaction: Interaction, side: Side) -> bool:
    part = message_of(interaction, side)
    if part.body.storage == "parsed_body":
        return False  # pydantic-ai re-serialises the JSON: its length was never the wire length
    if any("chunked" in value.lower() for value in part.headers.get_all("transfer-encoding")):
        return False  # RFC 9112 6.3: Transfer-Encoding overrides Content-Length
    if part.headers.get("content-encoding") and part.body.encoding is None and part.body.content:
        return False  # stored decoded under a coding header: the wire length is not in the file
    if side == "response":
        status = interaction.response.status_code
        if interaction.request.method == "HEAD" or status in _NO_BODY_STATUSES or (status or 200) < 200:
            return False
    return True


def _header_mismatches(interaction: Interaction, side: Side) -> Iterator[Hit]:
    part = message_of(interaction, side)
    for header in part.headers:
        if header.name.lower() != "content-length" or not header.value.strip().isdigit():
            continue
        declared = int(header.value.strip())
        if declared not in (len(part.body.stored), len(part.body.content)):
            yield at_header(
                interaction, side, header, _mismatch(side, "Content-Length", declared, part.body.stored)
            )


def _field_mismatch(context: LintContext, interaction: Interaction, side: Side) -> Iterator[Hit]:
    """go-vcr's own ``content_length`` field (-1, or 0 for requests, means unknown)."""
    if context.document is None or not context.cassette.format.startswith("go-vcr"):
        return
    mapping = _govcr_part(context.document.root, interaction.index, side)
    declared = mapping.get("content_length") if mapping is not None else None
    if mapping is None or isinstance(declared, bool) or not isinstance(declared, int) or declared <= 0:
        return
    stored = message_of(interaction, side).body.stored
    if declared != len(stored):
        where = mapping.position_of("content_length")
        message = _mismatch(side, "content_length", declared, stored)
        yield Hit(where, message, interaction.index, f"{side}.content_length")


def _govcr_part(root: Any, index: int, side: Side) -> YamlMap | None:
    items = root.get("interactions") if isinstance(root, YamlMap) else None
    if not isinstance(items, YamlSeq) or index >= len(items) or not isinstance(items[index], YamlMap):
        return None
    part = items[index].get(side)
    return part if isinstance(part, YamlMap) else None


def _mismatch(side: Side, field: str, declared: int, stored: bytes) -> str:
    cause = "re-serialised by the recorder or edited" if side == "request" else "edited (redacted?)"
    return (
        f"{side} {field} says {declared:,} bytes but the recorded body has {len(stored):,}; "
        f"the body was {cause} after recording"
    )


RULES: tuple[Rule, ...] = (
    INVALID_JSON_BODY,
    UNDECODABLE_BODY,
    CONTENT_LENGTH_MISMATCH,
    INVALID_JSON_REQUEST_BODY,
    REQUEST_CONTENT_LENGTH_MISMATCH,
    UNDECODED_BODY,
)
