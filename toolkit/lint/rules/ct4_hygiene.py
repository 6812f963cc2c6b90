"""CT4xx hygiene: duplicate interactions, recorded failures, oversized files, inline media, volatile headers.

These are not broken cassettes; they make cassettes heavy, noisy to
re-record, or quietly test the wrong thing. Severities are warning or info.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import re
from collections.abc import Iterator, Mapping
from typing import Any

from toolkit.analyze.streams.detect import media_type
from toolkit.lint.finding import Hit
from toolkit.lint.locate import at_body, at_field, at_header, at_interaction, message_of
from toolkit.lint.rule import Example, LintContext, Option, Rule, RuleDocs
from toolkit.lint.rules.example_cassettes import GOOD, vcrpy_cassette
from toolkit.model import SIDES, Header, Interaction, Side
from toolkit.read.document import START

__all__ = ["RULES"]


_TWICE = GOOD.replace("version: 1\n", "") + GOOD.split("\n", 1)[1]


def check_duplicates(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    first: dict[bytes, Interaction] = {}
    for interaction in context.cassette.interactions:
        earlier = first.setdefault(_identity(interaction), interaction)
        if earlier is not interaction:
            request = interaction.request
            yield at_interaction(
                interaction,
                f"interaction {interaction.index} repeats interaction {earlier.index} exactly "
                f"({request.method} {request.url.path or '/'}, same request and response)",
                "duplicate",
            )


DUPLICATE_INTERACTION = Rule(
    "CT401",
    "duplicate-interaction",
    "info",
    "An interaction repeats an earlier one exactly (same request and same response).",
    RuleDocs(
        what="Two interactions with the same method, URL and request body that also got the "
        "same status and response body. Repeated requests with different responses (polling, "
        "prompt-cache tests) are not reported.",
        why="A recorder replays either copy: one is dead weight, typically appended by a "
        "re-recording in an append mode (`new_episodes`), unless the test really makes the "
        "call twice.",
        seen="pydantic-ai's `test_mcptoolset_in_temporal_workflow.yaml` records the MCP "
        "initialize exchange twice with identical responses.",
        failing=Example(_TWICE),
        passing=Example(GOOD),
    ),
    check_duplicates,
)


def _identity(interaction: Interaction) -> bytes:
    request, response = interaction.request, interaction.response
    digest = hashlib.sha256()
    for part in (request.method, request.url.raw, str(response.status_code)):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\x00")
    digest.update(hashlib.sha256(request.body.content).digest())
    digest.update(hashlib.sha256(response.body.content).digest())
    return digest.digest()


#: Statuses that mean the recording itself went wrong: credentials, proxy, rate limit, outage.
_FAILED = frozenset({401, 403, 407, 429})


_AUTH_FAILED = vcrpy_cassette(
    status=401,
    reason="Unauthorized",
    response_body="""'{"error": {"message": "Incorrect API key provided", "code": "invalid_api_key"}}'""",
)


def check_failed_calls(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    for interaction in context.cassette.interactions:
        status = interaction.response.status_code
        if status is not None and (status in _FAILED or 500 <= status <= 599):
            yield at_field(interaction, "response", "status", _status_message(interaction, status))


FAILED_CALL_RECORDED = Rule(
    "CT402",
    "failed-call-recorded",
    "warning",
    "A 401, 403, 407, 429 or 5xx response was recorded: the recording itself failed.",
    RuleDocs(
        what="A response whose status says the call failed for reasons outside the test: "
        "bad or missing credentials (401, 403, 407), a rate limit (429), a server error (5xx).",
        why="Tests then replay the failure forever; usually the cassette was recorded without "
        "a valid key or during an outage. Tests of error handling can accept it in the "
        "baseline or a per-file ignore.",
        seen="ruby-openai's `conversations_delete.yml`, `conversations_retrieve.yml` and two "
        "siblings recorded 401 'Incorrect API key provided'; dd-trace-py records Anthropic "
        "401s; ruby-openai records 500s.",
        failing=Example(_AUTH_FAILED),
        passing=Example(GOOD),
    ),
    check_failed_calls,
)


_NOT_FOUND = vcrpy_cassette(
    status=404, reason="Not Found", response_body="""'{"error": {"message": "model not found"}}'"""
)


def check_client_errors(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    for interaction in context.cassette.interactions:
        status = interaction.response.status_code
        if status is not None and 400 <= status <= 499 and status not in _FAILED:
            yield at_field(interaction, "response", "status", _status_message(interaction, status))


CLIENT_ERROR_RECORDED = Rule(
    "CT406",
    "client-error-recorded",
    "info",
    "A 4xx response other than 401/403/407/429 was recorded.",
    RuleDocs(
        what="A 400, 404, 422 or other client-error response.",
        why="Often deliberate (a test of error handling), sometimes a request the test built "
        "wrong and never noticed because the cassette replays the error.",
        seen="ai-gateway's `chat-bad-request.yaml` and `chat-unknown-model.yaml` (deliberate); "
        "ruby-openai records 34 responses with status 400.",
        failing=Example(_NOT_FOUND),
        passing=Example(GOOD),
    ),
    check_client_errors,
)


def _status_message(interaction: Interaction, status: int) -> str:
    request = interaction.request
    return f"recorded a {status} response to {request.method} {request.url.host}{request.url.path}"


def check_file_size(context: LintContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    limit = int(options["max-bytes"])
    if context.size > limit:
        yield Hit(
            START, f"the cassette is {context.size:,} bytes, over the {limit:,} byte limit", None, "file"
        )


OVERSIZED_CASSETTE = Rule(
    "CT403",
    "oversized-cassette",
    "warning",
    "The cassette file is larger than a threshold (1 MiB by default).",
    RuleDocs(
        what="The file on disk is larger than `max-bytes`.",
        why="Large cassettes slow every test run that loads them, bloat the repository "
        "forever, and are never reviewed.",
        seen="ruby-openai's `images_edit_multiple.yml` (1.09 MB, images uploaded inline); "
        "stac-utils/pystac-client#729 and praw-dev/praw#1309 report cassette bloat.",
        failing=Example(GOOD, options={"max-bytes": 200}),
        passing=Example(GOOD),
    ),
    check_file_size,
    {"max-bytes": Option(1024 * 1024, "largest acceptable file size in bytes")},
)


_BASE64_RUN = re.compile(rb"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{%d,}={0,2}")
_MEDIA_PREFIXES = (
    (b"iVBORw0KGgo", "PNG image"),
    (b"/9j/", "JPEG image"),
    (b"R0lGOD", "GIF image"),
    (b"UklGR", "WAV or WebP data"),
    (b"JVBERi0", "PDF document"),
    (b"SUQz", "MP3 audio"),
    (b"AAAA", "MP4 or video data"),
    (b"T2dnUw", "Ogg audio"),
    (b"GkXf", "WebM video"),
)
_MEDIA_TYPES = ("image/", "audio/", "video/", "application/pdf", "application/octet-stream")


_IMAGE = '\'{"data": [{"b64_json": "iVBORw0KGgo' + "A" * 400 + "\"}]}'"


def check_inline_media(context: LintContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    limit = int(options["max-bytes"])
    pattern = re.compile(_BASE64_RUN.pattern % limit)
    for interaction in context.cassette.interactions:
        for side in SIDES:
            found = _largest_base64(interaction, side, pattern) or _binary_media(interaction, side, limit)
            if found is not None:
                size, what = found
                yield at_body(
                    interaction,
                    side,
                    f"{side} body holds {size:,} characters of {what} inline (over {limit:,}); "
                    "record a smaller fixture or keep media out of cassettes",
                    f"{side}.body.media",
                )


INLINE_BASE64_MEDIA = Rule(
    "CT404",
    "inline-base64-media",
    "warning",
    "A body holds a large base64 blob (an image, audio, a PDF) inline.",
    RuleDocs(
        what="A run of base64 longer than `max-bytes` characters in a body (a `b64_json` "
        "image, a data URI, an uploaded file), or a binary media body of that size. The "
        "message names the media type when its magic bytes are recognisable.",
        why="Media makes cassettes huge, and user images or documents in a test fixture may be private.",
        seen="dd-trace-py's `image_create_b64_json.yaml` (262,812 base64 characters); "
        "pydantic-ai's multimodal cassettes repeat a 131,430-character image; ruby-openai's "
        "`images_edit_multiple.yml` (1 MB).",
        failing=Example(vcrpy_cassette(response_body=_IMAGE), options={"max-bytes": 200}),
        passing=Example(GOOD, options={"max-bytes": 200}),
    ),
    check_inline_media,
    {"max-bytes": Option(64 * 1024, "longest acceptable base64 run, in characters")},
)


def _largest_base64(
    interaction: Interaction, side: Side, pattern: re.Pattern[bytes]
) -> tuple[int, str] | None:
    content = message_of(interaction, side).body.content
    best: re.Match[bytes] | None = None
    for match in pattern.finditer(content):
        if best is None or match.end() - match.start() > best.end() - best.start():
            best = match
    if best is None:
        return None
    head = content[best.start() : best.start() + 16]
    what = next((name for prefix, name in _MEDIA_PREFIXES if head.startswith(prefix)), "data")
    return best.end() - best.start(), f"base64 {what}"


def _binary_media(interaction: Interaction, side: Side, limit: int) -> tuple[int, str] | None:
    part = message_of(interaction, side)
    media = media_type(part.headers.get("content-type"))
    if part.body.storage not in ("binary", "base64") or not media.startswith(_MEDIA_TYPES):
        return None
    size = (len(part.body.stored) + 2) // 3 * 4  # as base64 in the file
    return (size, f"base64-encoded {media}") if size > limit else None


#: Headers whose value changes on every recording (timing, ids, rate-limit counters, cookies).
VOLATILE_HEADER_NAMES: tuple[str, ...] = (
    "date",
    "age",
    "set-cookie",
    "cf-ray",
    "x-request-id",
    "request-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-amz-id-2",
    "x-amz-date",
    "amz-sdk-invocation-id",
    "apim-request-id",
    "mistral-correlation-id",
    "x-cloud-trace-context",
    "traceparent",
    "traceresponse",
    "x-litellm-call-id",
    "openai-processing-ms",
    "x-envoy-upstream-service-time",
    "server-timing",
    "x-amzn-bedrock-invocation-latency",
    "x-ratelimit-*",
    "anthropic-ratelimit-*",
)


_VOLATILE = (
    "      Content-Type:\n      - application/json\n"
    "      Date:\n      - Tue, 04 Mar 2025 10:00:00 GMT\n"
    "      Cf-Ray:\n      - 91a2b3c4d5e6f708-AMS\n"
)


def check_volatile_headers(context: LintContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    patterns = tuple(p.lower() for p in (*options["headers"], *options["extend-headers"]))
    first: tuple[Interaction, Side, Header] | None = None
    names: set[str] = set()
    decided: dict[str, bool] = {}
    for interaction in context.cassette.interactions:
        for side in SIDES:
            for header in message_of(interaction, side).headers:
                name = header.name.lower()
                volatile = decided.get(name)
                if volatile is None:
                    volatile = decided[name] = len(name) <= 128 and _volatile(name, patterns)
                if volatile:
                    names.add(name)
                    first = first or (interaction, side, header)
    if first is not None:
        listed = sorted(names)
        shown = ", ".join(listed[:8]) + (f" and {len(listed) - 8} more" if len(listed) > 8 else "")
        yield at_header(
            first[0],
            first[1],
            first[2],
            f"{len(listed)} volatile header{'s' * (len(listed) != 1)} recorded ({shown}); "
            "they change on every re-recording: filter them when recording",
            "volatile-headers",
        )


VOLATILE_HEADERS = Rule(
    "CT405",
    "volatile-headers",
    "info",
    "Headers that change on every recording (Date, request ids, rate-limit counters) are recorded.",
    RuleDocs(
        what="Headers such as `Date`, `cf-ray`, `x-request-id`, `openai-processing-ms`, "
        "`set-cookie` and `x-ratelimit-*` in a cassette. One finding per cassette lists them "
        "all, at the first one.",
        why="They change on every re-recording, so diffs of re-recorded cassettes are noise "
        "and reviewers stop reading them; filter them when recording (vcrpy "
        "`filter_headers`, go-vcr hooks, Ruby VCR `before_record`).",
        seen="dd-trace-py and ruby-openai cassettes carry `date`, `cf-ray`, `x-request-id` and "
        "`openai-processing-ms` in hundreds of responses; fantasy's sanitised cassettes drop "
        "them. nodejs/corepack#60 filters Date and CF-RAY for this reason.",
        failing=Example(vcrpy_cassette(response_headers=_VOLATILE)),
        passing=Example(GOOD),
    ),
    check_volatile_headers,
    {
        "headers": Option(
            VOLATILE_HEADER_NAMES, "header names (lower case, `*` wildcards) that are volatile"
        ),
        "extend-headers": Option((), "more volatile header names, added to `headers`"),
    },
)


@functools.lru_cache(maxsize=4096)
def _volatile(name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


RULES: tuple[Rule, ...] = (
    DUPLICATE_INTERACTION,
    FAILED_CALL_RECORDED,
    OVERSIZED_CASSETTE,
    INLINE_BASE64_MEDIA,
    VOLATILE_HEADERS,
    CLIENT_ERROR_RECORDED,
)
