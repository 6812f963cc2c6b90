"""A readable view of recorded interactions: what ``cassette-toolkit show`` prints.

JSON bodies are indented, compressed bodies are shown decoded, binary bodies
are summarised, and streams are shown event by event. Secrets are masked unless asked for
(``ShowOptions.show_secrets``): each one the secret scanner finds (lint's CT2xx) reads
``[secret KIND DISPLAY]``, and credential parameters of the URL read ``MASKED``. A response
stream is the one its LLM reading decoded (``AnalyzedCassette``): decoded once, and as its API is read (a
Gemini JSON array of chunks included).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from toolkit.analyze.cassette import AnalyzedCassette
from toolkit.analyze.cost.priced_as import priced_as
from toolkit.analyze.llm import LlmCall
from toolkit.analyze.secrets.masking import mask_secrets, mask_url, masks_of
from toolkit.analyze.streams import StreamDecoding, decode_stream
from toolkit.analyze.streams.detect import media_type
from toolkit.model import Body, Cassette, Headers, Interaction, Request, Url
from toolkit.plumbing.printable import printable, printable_block
from toolkit.problems import ProblemCode
from toolkit.read.files import discover, read_file
from toolkit.read.walk import WalkOptions

__all__ = ["ShowOptions", "ShowRequest", "ShowUsageError", "execute", "is_unreadable", "render_cassette"]


@dataclass(frozen=True, slots=True)
class ShowOptions:
    """``max_body``: characters of each body to print (0 = all); ``show_secrets``: print the
    secrets the scanner finds (and credential URL parameters) instead of masking them."""

    max_body: int = 4000
    interaction: int | None = None
    show_secrets: bool = False


@dataclass(frozen=True, slots=True)
class ShowRequest:
    """The command line of one ``show`` run."""

    paths: tuple[str, ...]
    options: ShowOptions = field(default_factory=ShowOptions)
    walk: WalkOptions = field(default_factory=WalkOptions)


class ShowUsageError(Exception):
    """The request asks for something the files do not have (an interaction number)."""


def execute(request: ShowRequest, write: Callable[[str], None]) -> bool:
    """Write the view of every file, line by line as it is read; True when a file could not be
    read as a cassette. Raises ``ShowUsageError`` for an interaction a file does not have.

    Every line is written with its control characters as escapes (newlines and tabs of
    multi-line text aside): model names, headers, URLs and bodies are anyone's, and an escape
    sequence among them would otherwise reach the terminal.
    """
    failed = False
    write = _escaped(write)
    for number, path in enumerate(discover(request.paths, request.walk)):
        try:
            failed = _show_file(path, number, request.options, write) or failed
        except ShowUsageError:
            raise
        except Exception as e:  # a bug: said for this file, never a traceback
            error = type(e).__name__
            write(f"{printable(path)}: error: showing the file failed with {error}; please report it")
            failed = True
    return failed


def _escaped(write: Callable[[str], None]) -> Callable[[str], None]:
    def escaped(line: str) -> None:
        write(printable_block(line))

    return escaped


def _show_file(path: str, number: int, options: ShowOptions, write: Callable[[str], None]) -> bool:
    analyzed = AnalyzedCassette.of(read_file(path))
    cassette = analyzed.cassette
    wanted = options.interaction
    if wanted is not None and all(i.index != wanted for i in cassette.interactions):
        count = len(cassette.interactions)
        raise ShowUsageError(f"{printable(path)} has no interaction {wanted} (it has {count})")
    if number:
        write("")
    masks = [] if options.show_secrets else masks_of(analyzed.leaks())
    for line in render_cassette(analyzed, options):
        write(mask_secrets(line, masks) if masks else line)
    return is_unreadable(cassette)


def is_unreadable(cassette: Cassette) -> bool:
    """Whether the file could not be read as a cassette (``show`` then exits 1): a problem of
    error severity, or data in no known layout (CT004). A recording of another protocol (CT005)
    is recognised, and an empty cassette (CT006) was read: neither is a failure."""
    return any(p.severity == "error" or p.code == ProblemCode.UNKNOWN_DIALECT for p in cassette.problems)


def render_cassette(analyzed: AnalyzedCassette, options: ShowOptions) -> Iterator[str]:
    """Lines describing the cassette, its problems and the selected interactions."""
    cassette = analyzed.cassette
    count = len(cassette.interactions)
    yield f"{printable(cassette.path)}: {cassette.format}, {count} interaction{'s' * (count != 1)}"
    for problem in cassette.problems:
        yield f"  {printable(problem.path)}:{problem.line}:{problem.column}: {problem.code} {problem.message}"
    for interaction in cassette.interactions:
        if options.interaction is None or interaction.index == options.interaction:
            yield ""
            yield from _render_interaction(analyzed, interaction, options)
    for problem in analyzed.failures:
        yield f"  {printable(problem.path)}:{problem.line}:{problem.column}: {problem.code} {problem.message}"


def _render_interaction(
    analyzed: AnalyzedCassette, interaction: Interaction, options: ShowOptions
) -> Iterator[str]:
    request, response = interaction.request, interaction.response
    where = f"{printable(analyzed.cassette.path)}:{interaction.position.line}"
    yield f"=== interaction {interaction.index} ({where}) ==="
    url = request.url.raw if options.show_secrets else mask_url(request.url.raw)
    yield f"> {request.method} {url}"
    yield from _render_headers(">", request.headers)
    yield from _render_body(">", request.body, request.headers, _request_stream(request), options)
    status = " ".join(str(part) for part in (response.status_code, response.reason) if part is not None)
    timing = [f"{response.duration_s:.3f} s"] if response.duration_s is not None else []
    if interaction.recorded_at is not None:
        timing.append(f"recorded {interaction.recorded_at.isoformat()}")
    yield f"< {status or '(no status)'}" + (f"  [{', '.join(timing)}]" if timing else "")
    yield from _render_headers("<", response.headers)
    call = analyzed.llm_call(interaction)
    yield from _render_body("<", response.body, response.headers, call.stream, options)
    yield from _render_call(call, options, interaction.request.url)


def _render_call(call: LlmCall, options: ShowOptions, url: Url) -> Iterator[str]:
    """Provider, model, usage and, for streams, the message reassembled from its events."""
    route, exchange = call.route, call.exchange
    if route.api is None:
        return
    priced = priced_as(route, exchange.response_model, url)
    yield (
        f"-- {route.provider} {route.api}, model {priced.model or '?'}, "
        f"finish {exchange.finish_reason or '?'} --"
    )
    if exchange.response_model and exchange.response_model != priced.model:
        yield f"   response model: {exchange.response_model}"
    entry = priced.entry
    price = f"{entry.provider}/{entry.model}" if entry is not None else "none"
    yield f"   price table entry: {price}" + (f" ({priced.reason})" if priced.reason else "")
    usage = exchange.usage
    if usage is not None:
        parts = [f"input {usage.input_tokens}", f"output {usage.output_tokens}"]
        parts += [
            f"{name} {value}"
            for name, value in (
                ("reasoning", usage.reasoning_tokens),
                ("cache read", usage.cache_read_tokens),
                ("cache write", usage.cache_write_tokens),
                ("total", usage.total_tokens),
                ("cost ticks", usage.cost_ticks),
                ("reported USD", usage.reported_cost_usd),
            )
            if value
        ]
        yield f"   usage ({usage.source}): {', '.join(parts)}"
    if call.stream is None:
        return
    message = exchange.message
    if message.reasoning:
        yield f"   reasoning: {_clip(message.reasoning, options.max_body)}"
    if message.text:
        yield f"   text: {_clip(message.text, options.max_body)}"
    for tool in message.tool_calls:
        yield f"   tool call {tool.name} ({tool.id}): {_clip(tool.arguments, options.max_body)}"


def _render_headers(mark: str, headers: Headers) -> Iterator[str]:
    for header in headers:
        yield f"{mark} {header.name}: {header.value}"


def _request_stream(request: Request) -> StreamDecoding | None:
    decoded = decode_stream(request.body.content, request.headers.get("content-type"))
    return decoded if decoded.kind is not None else None


def _render_body(
    mark: str, body: Body, headers: Headers, stream: StreamDecoding | None, options: ShowOptions
) -> Iterator[str]:
    if body.storage == "absent" and not body.content:
        return
    if body.storage == "file":
        yield f"{mark} -- body not in the cassette: stored in the file {body.tree!s} --"
        return
    notes = [f"{len(body.content):,} bytes", f"stored as {body.storage}"]
    if body.encoding:
        notes.append(f"{body.encoding} decoded")
    if body.problem:
        notes.append(body.problem)
    yield f"{mark} -- body ({'; '.join(notes)}) --"
    content_type = headers.get("content-type")
    if stream is not None:
        yield from _render_stream(stream, options)
        return
    for line in _clip(_pretty(body.content, content_type), options.max_body).splitlines():
        yield f"  {line}"


def _render_stream(decoded: StreamDecoding, options: ShowOptions) -> Iterator[str]:
    yield f"  {decoded.kind} stream, {len(decoded.events)} events"
    for event in decoded.events:
        data = _clip(_compact_json(event.data), options.max_body)
        yield f"  [{event.index}] {event.event}: {data}"
    for problem in decoded.problems:
        yield f"  ! {problem.kind} at byte {problem.byte_offset}: {problem.message}"


def _pretty(content: bytes, content_type: str | None) -> str:
    text = _as_text(content)
    if text is None:
        return f"<{len(content):,} bytes of {media_type(content_type) or 'binary data'}>"
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
        except (ValueError, RecursionError):
            return text
    return text


def _compact_json(data: str) -> str:
    try:
        return json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":"))
    except (ValueError, RecursionError):
        return data


def _as_text(content: bytes) -> str | None:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    sample = text[:2000]
    if sum(not (c.isprintable() or c in "\r\n\t") for c in sample) > len(sample) // 20:
        return None
    return text


def _clip(text: str, limit: int) -> str:
    if limit <= 0 or len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters; --full shows all)"
