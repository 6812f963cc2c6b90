"""CT3xx without stream decoding: JSON bodies that do not parse, undecodable bodies, Content-Length.

Each check reads the bodies the model already decoded (``Body.content`` is the
body once ``Content-Encoding`` is undone; ``Body.problem`` says why that failed).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from toolkit.document import YamlMap, YamlSeq
from toolkit.jsonparse import loads, parse_body
from toolkit.lint.finding import Hit
from toolkit.lint.locate import Side, at_body, at_header, message_of
from toolkit.lint.rule import Example, LintContext, Option, Rule, RuleDocs
from toolkit.lint.rules.examples import GOOD, vcrpy_cassette
from toolkit.model import Interaction
from toolkit.streams.detect import media_type, sniff_stream_kind

__all__ = ["RULES"]

SIDES: tuple[Side, ...] = ("request", "response")
_STREAM_TYPES = frozenset(
    {"application/x-ndjson", "application/ndjson", "application/jsonl", "application/json-seq"}
)


def is_json_type(content_type: str | None) -> bool:
    """``application/json``, ``text/json`` and any ``+json`` type (not JSON streams)."""
    media = media_type(content_type)
    if media in _STREAM_TYPES:
        return False
    return media in ("application/json", "text/json") or media.endswith("+json")


def check_json_bodies(context: LintContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    limit = int(options["max-bytes"])
    for interaction in context.cassette.interactions:
        for side in SIDES:
            error = _json_error(interaction, side, limit)
            if error is not None:
                yield at_body(
                    interaction, side, f"{side} body is not valid JSON under a JSON content type: {error}"
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
    parsed = parse_body(content)  # shared with the LLM analysis: each body is parsed once
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


def _describe(error: Exception, size: int) -> str:
    if isinstance(error, RecursionError):
        return "it is nested too deeply to parse"
    if isinstance(error, UnicodeDecodeError):
        return "it is not valid UTF-8"
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at line {error.lineno} column {error.colno} of the body ({size:,} bytes)"
    return type(error).__name__


def check_undecodable(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    for interaction in context.cassette.interactions:
        for side in SIDES:
            problem = message_of(interaction, side).body.problem
            if problem:
                yield at_body(interaction, side, f"{side} body cannot be decoded: {problem}")


_NO_BODY_STATUSES = frozenset({204, 304})


def check_content_length(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    for interaction in context.cassette.interactions:
        for side in SIDES:
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
    return (
        f"{side} {field} says {declared:,} bytes but the recorded body has {len(stored):,}; "
        "the body was edited (redacted?) after recording"
    )


_CUT_JSON = vcrpy_cassette(
    response_body="""'{"id": "chatcmpl-1", "choices": [{"message": {"role": "assista'"""
)
_GZIP_HEADERS = "      Content-Type:\n      - application/json\n      Content-Encoding:\n      - gzip\n"
_BAD_GZIP = vcrpy_cassette(
    response_headers=_GZIP_HEADERS,
    response_body="!!binary |\n        H4sIAAAAAAAAA6tWKkktLlGyUlAqS8wpTtVVqgUAAAD//w==",
)
_LENGTH_HEADERS = "      Content-Type:\n      - application/json\n      Content-Length:\n      - '{n}'\n"
_REDACTED = (
    """'{"error": {"message": "Incorrect API key provided: sk-...XXXX", "code": "invalid_api_key"}}'"""
)

RULES: tuple[Rule, ...] = (
    Rule(
        "CT301",
        "invalid-json-body",
        "error",
        "A body under a JSON content type does not parse as JSON.",
        RuleDocs(
            what="A request or response whose Content-Type is `application/json` (or `text/json`, "
            "or any `+json` type) holds a body that is not valid JSON once its content coding is "
            "undone. Streams labelled `application/json` (server-sent events, AWS event streams) "
            "are left to the stream rules. The message gives the parser's line and column within "
            "the body, never the body itself.",
            why="The client under test parses the body on replay; a cut or hand-edited body makes "
            "the test fail with a JSON error, or worse, pass through an error branch.",
            seen="Hand redaction that drops a quote or a brace; responses cut short when a "
            "recording was interrupted. In the corpus, dd-trace-py's OpenAI streams are labelled "
            "`application/json` while holding server-sent events, which is why streams are excluded.",
            failing=Example(_CUT_JSON),
            passing=Example(GOOD),
        ),
        check_json_bodies,
        {"max-bytes": Option(64 * 1024 * 1024, "bodies larger than this are not parsed")},
    ),
    Rule(
        "CT305",
        "undecodable-body",
        "error",
        "A compressed body is corrupt, truncated, in an unknown coding, or a decompression bomb.",
        RuleDocs(
            what="The body's `Content-Encoding` (gzip, deflate, br, zstd; gzip's magic bytes are "
            "trusted over the header) cannot be undone: the data is corrupt or truncated, the "
            "coding is unknown, or it decompresses beyond the size cap.",
            why="The replaying client fails to decompress the body, with an error that says "
            "nothing about the cassette.",
            seen="vcrpy keeps gzip responses as `!!binary` unless `decode_compressed_response` is "
            "set; hand edits and text-mode copies of such bodies corrupt them (the 'Error -3 while "
            "decompressing data' reports).",
            failing=Example(_BAD_GZIP),
            passing=Example(GOOD),
        ),
        check_undecodable,
    ),
    Rule(
        "CT306",
        "content-length-mismatch",
        "warning",
        "A Content-Length (or go-vcr content_length) differs from the recorded body's length.",
        RuleDocs(
            what="The `Content-Length` header, or go-vcr's `content_length` field, differs from the "
            "length of the body as stored (or as decoded). Bodies under `Transfer-Encoding: "
            "chunked`, HEAD responses, 1xx/204/304 responses, pydantic-ai's re-serialised "
            "`parsed_body` and bodies stored decoded under a coding header are not compared.",
            why="A body edited after recording (a redacted key, a filtered field) keeps its old "
            "length; clients that check it (botocore, urllib3 with length enforcement) fail on "
            "replay with an incomplete-read error.",
            seen="ruby-openai's `conversations_delete.yml` and three sibling cassettes: the 401 "
            "body's redacted API key left Content-Length 240 on a 250-byte body; simonw-llm's "
            "`test_tools_streaming` request bodies; fantasy's Vertex `tool.yaml` requests whose "
            "thought signatures were shortened (go-vcr `content_length`); betamaxpy/betamax#211 "
            "reports the replay failure.",
            failing=Example(
                vcrpy_cassette(response_headers=_LENGTH_HEADERS.format(n=120), response_body=_REDACTED)
            ),
            passing=Example(
                vcrpy_cassette(response_headers=_LENGTH_HEADERS.format(n=91), response_body=_REDACTED)
            ),
        ),
        check_content_length,
    ),
)
