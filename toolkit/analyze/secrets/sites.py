"""Every place of an interaction where a secret can hide, as decoded values with their site.

A *site* is the YAML node that holds a value (a header value, the URL, a go-vcr form value,
a body, a ``parsed_body`` scalar) and the layer decoded to see it (a query parameter, JSON
inside the body, an SSE event, an event-stream payload, the reassembled text of a stream).
Lint reports at the site's position; ``redact`` edits the node there.

Values come in two shapes. *Named* values (a header, a query parameter, a form field, a
JSON string under its key) are scanned with their name, so that credential positions count.
*Texts* (a whole decoded body, an event-stream chunk, the reassembled stream text) are
searched for token formats and account identifiers only: one pass over a body finds every
token inside its JSON strings, SSE events and escaped JSON-in-JSON at once. JSON is parsed
for its key names only where a credential-like key occurs at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal, NamedTuple
from urllib.parse import parse_qsl, unquote

import ahocorasick_rs

from toolkit.analyze.streams.detect import detect_stream_kind, media_type
from toolkit.credentials import Location
from toolkit.credentials.account_headers import account_header_provider
from toolkit.credentials.keyword_context import may_hold_keyword
from toolkit.credentials.matcher import MIN_TOKEN_LENGTH
from toolkit.credentials.positions import classify_position, normalize_key, signing_key_name
from toolkit.credentials.scan import may_hold_token, scan_value
from toolkit.model import Body, Interaction, Request, Response, Side
from toolkit.read.document import Position, YamlMap, YamlSeq
from toolkit.read.jsonparse import loads

if TYPE_CHECKING:
    from toolkit.analyze.llm import LlmCall

__all__ = ["Fragment", "Side", "Site", "SiteField", "Value", "is_streamed", "walk_interaction"]

SiteField = Literal["header", "url", "form", "body"]

#: JSON nested in JSON strings is parsed this deep (a JSON body is depth 0).
MAX_JSON_DEPTH = 4
#: Bodies larger than this are searched for tokens but not parsed for key names.
MAX_PARSED_BYTES = 32 * 1024 * 1024

# Every key name that ``classify_position`` takes for a JSON credential ends with one of
# these words once case and ``_ - .`` separators are dropped; a test keeps the two in step.
# JSON is parsed for its key names only where one of them ends a key (``word":``, or
# ``word\\":`` in JSON inside a JSON string). The folded text is searched backwards: a
# reversed pattern starts with the rare ``:"``, which the automaton's prefilter can skip to.
_CREDENTIAL_ENDINGS = (
    "apikey",
    "secretkey",
    "accesskey",
    "privatekey",
    "subscriptionkey",
    "licensekey",
    "applicationkey",
    "token",
    "secret",
    "password",
    "passwd",
    "passphrase",
    "credential",
    "auth",
    "authorization",
)
_CREDENTIAL_KEYS = ahocorasick_rs.BytesAhoCorasick(
    [f"{word}{quote}:".encode()[::-1] for word in _CREDENTIAL_ENDINGS for quote in ('"', '\\"')]
)
_FOLDED_AWAY = b"_-. \t\r\n"
_FORM = re.compile(r"[\w.%\[\]*~+-]+=[^&\s]*(?:&[\w.%\[\]*~+-]+=[^&\s]*)*")
_FORM_TYPE = "application/x-www-form-urlencoded"


class Site(NamedTuple):
    """The YAML node holding a value, and what was decoded to see the value.

    ``name`` is the header, parameter, form field or JSON key the value sits under ("" for
    a whole body); ``layer`` says what was decoded (``query``, ``userinfo``, ``path``,
    ``json``, ``form``, ``text``, ``event-stream``, ``stream-text``, ``parsed_body``).
    """

    side: Side
    field: SiteField
    position: Position
    layer: str
    name: str = ""


class Fragment(NamedTuple):
    """A piece of reassembled stream text: what event ``event`` added, from offset ``start``."""

    event: int
    start: int
    text: str


class Value(NamedTuple):
    """One decoded value to scan. ``location.kind == "text"`` means: token formats only.

    ``accounts`` asks for account identifiers in a text as well. ``fragments`` are set for
    reassembled stream text: they say which event wrote which part of it.
    """

    location: Location
    text: str
    site: Site
    accounts: bool = False
    fragments: tuple[Fragment, ...] = ()


def walk_interaction(interaction: Interaction, call: LlmCall | None = None) -> Iterator[Value]:
    """Every value of ``interaction`` worth scanning, request first, named values before texts.

    ``call`` is the LLM reading of a response that is a stream (``is_streamed``): its events
    and the text they spell out are scanned too. Without it a stream is scanned as a text.
    """
    request, response = interaction.request, interaction.response
    yield from _headers("request", request)
    yield from _url(request)
    yield from _form(request)
    yield from _body("request", request, None)
    yield from _headers("response", response)
    yield from _body("response", response, call)


def is_streamed(interaction: Interaction) -> bool:
    """Whether the response is a stream, whose LLM reading ``walk_interaction`` then wants."""
    response = interaction.response
    if response.body.storage == "absent":
        return False
    return detect_stream_kind(response.body.content, response.headers.get("content-type")) is not None


def _headers(side: Side, part: Request | Response) -> Iterator[Value]:
    for header in part.headers:
        if len(header.value) < MIN_TOKEN_LENGTH and not _named_header(header.name):
            continue  # too short for any token format, under a name that makes nothing a secret
        site = Site(side, "header", header.position, "header", header.name)
        yield Value(Location("header", header.name), header.value, site)


@lru_cache(maxsize=4096)
def _named_header(name: str) -> bool:
    """Whether a header's name makes its value a credential or an account identifier."""
    location = Location("header", name)
    return classify_position(location) is not None or account_header_provider(location) is not None


def _url(request: Request) -> Iterator[Value]:
    url = request.url
    where = request.positions.get("url", Position(1, 1))
    for name, value in url.query:
        site = Site("request", "url", where, "query", name)
        key_name = signing_key_name(name)
        if key_name is not None and not _holds_key_id(url.query, key_name):
            # A signature without its key id authenticates nothing: token formats only.
            yield Value(Location("text"), value, site)
        else:
            yield Value(Location("query", name), value, site)
    if url.userinfo:
        user, colon, password = url.userinfo.partition(":")
        site = Site("request", "url", where, "userinfo", unquote(user))
        if colon and password:
            yield Value(Location("userinfo", unquote(user)), unquote(password), site)
        else:
            yield Value(Location("text"), unquote(user), site, accounts=True)
    yield Value(Location("url"), _without_query(url.raw), Site("request", "url", where, "path"))
    query = _raw_query(url.raw)
    if "+" in query:
        # Parameters are read as forms are (``+`` is a space), but clients also write a token's
        # ``+`` as it is: its formats are searched in the query as written too.
        yield Value(Location("text"), query, Site("request", "url", where, "text"))


def _raw_query(raw: str) -> str:
    return raw.partition("?")[2].partition("#")[0]


def _holds_key_id(query: Iterable[tuple[str, str]], key_name: str) -> bool:
    """Whether a parameter named ``key_name`` holds a credential (not a scrubbed key id)."""
    return any(
        normalize_key(name) == key_name
        and any(m.severity == "error" for m in scan_value(Location("query", name), value))
        for name, value in query
    )


def _without_query(raw: str) -> str:
    """Scheme, host and path: the query is scanned per parameter, userinfo on its own."""
    head = re.split(r"[?#]", raw, maxsplit=1)[0]
    scheme, sep, rest = head.partition("://")
    if not sep:
        return head
    netloc, slash, path = rest.partition("/")
    return f"{scheme}://{netloc.rpartition('@')[2]}{slash}{path}"


def _form(request: Request) -> Iterator[Value]:
    fallback = request.positions.get("form", Position(1, 1))
    for index, (name, value) in enumerate(request.form):
        where = request.form_positions[index] if index < len(request.form_positions) else fallback
        yield Value(Location("form", name), value, Site("request", "form", where, "form", name))


def _body(side: Side, part: Request | Response, call: LlmCall | None) -> Iterator[Value]:
    body = part.body
    if body.storage == "absent":
        return
    if body.storage == "parsed_body" and isinstance(body.tree, YamlMap | YamlSeq):
        yield from _tree_values(side, body)
        return
    text = body.content.decode("utf-8", "replace")
    site = Site(side, "body", body.position, "text")
    if len(body.content) <= MAX_PARSED_BYTES:
        yield from _named_body_values(side, part, text, call)
    yield Value(Location("text"), text, site, accounts=True)
    yield from _stream_values(side, body, call)


def _named_body_values(
    side: Side, part: Request | Response, text: str, call: LlmCall | None
) -> Iterator[Value]:
    body = part.body
    if _is_form(part, text):
        for name, value in parse_qsl(text.strip(), keep_blank_values=True):
            yield Value(Location("form", name), value, Site(side, "body", body.position, "form", name))
        return
    site = Site(side, "body", body.position, "json")
    for document in _json_documents(body.content, text, call):
        yield from _json_values(document, site)


def _is_form(part: Request | Response, text: str) -> bool:
    if media_type(part.headers.get("content-type")) == _FORM_TYPE:
        return True
    stripped = text.strip()
    return bool(stripped) and "=" in stripped and _FORM.fullmatch(stripped) is not None


def _json_documents(content: bytes, text: str, call: LlmCall | None) -> Iterator[Any]:
    """The body as JSON, or each event of its stream that is JSON (Bedrock chunks decoded),
    where a credential-like key name occurs at all."""
    decoded = call.stream if call is not None else None
    if decoded is None or decoded.kind == "json-array" or not decoded.events:
        candidates: Iterable[str] = (text,) if may_hold_credential_key(content) else ()
    elif decoded.kind == "aws-eventstream" or may_hold_credential_key(content):
        # Bedrock chunk JSON is base64 inside the payload: only the events tell.
        candidates = (event.data for event in decoded.events if may_hold_credential_key(event.data))
    else:
        candidates = ()
    for candidate in candidates:
        parsed = _parse_json(candidate)
        if parsed is not None:
            yield parsed


def may_hold_credential_key(text: str | bytes) -> bool:
    """Whether JSON in ``text`` can have a key that names a credential (a cheap superset test)."""
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    folded = data.lower().translate(None, _FOLDED_AWAY)
    return bool(_CREDENTIAL_KEYS.find_matches_as_indexes(folded[::-1]))


def _parse_json(text: str) -> Any:
    if text.lstrip()[:1] not in ("{", "["):
        return None
    try:
        return loads(text)
    except (ValueError, RecursionError):
        return None


def _json_values(document: Any, site: Site) -> Iterator[Value]:
    """String values under their key, at any depth, JSON inside JSON strings included."""
    stack: list[tuple[Any, str, int]] = [(document, "", 0)]
    while stack:
        node, key, depth = stack.pop()
        if isinstance(node, dict):
            stack.extend((value, str(name), depth) for name, value in node.items())
        elif isinstance(node, list):
            stack.extend((value, key, depth) for value in node)
        elif isinstance(node, str):
            if key and classify_position(Location("json_key", key)) is not None:
                where = Site(site.side, site.field, site.position, site.layer, key)
                yield Value(Location("json_key", key), node, where)
            if depth < MAX_JSON_DEPTH and may_hold_credential_key(node):
                inner = _parse_json(node)
                if inner is not None:
                    stack.append((inner, key, depth + 1))


def _tree_values(side: Side, body: Body) -> Iterator[Value]:
    """pydantic-ai's ``parsed_body``: every string scalar, at the line where it is written."""
    stack: list[tuple[Any, str, Position]] = [(body.tree, "", body.position)]
    while stack:
        node, key, where = stack.pop()
        if isinstance(node, YamlMap):
            stack.extend((value, str(name), node.position_of(name)) for name, value in node.items())
        elif isinstance(node, YamlSeq):
            stack.extend((value, key, node.position_of(i)) for i, value in enumerate(node))
        elif isinstance(node, str):
            site = Site(side, "body", where, "parsed_body", key)
            yield Value(Location("json_key", key), node, site, accounts=True)
            inner = _parse_json(node) if may_hold_credential_key(node) else None
            if inner is not None:
                yield from _json_values(inner, site)


def _stream_values(side: Side, body: Body, call: LlmCall | None) -> Iterator[Value]:
    if call is None or call.stream is None:
        return
    if call.stream.kind == "aws-eventstream":
        yield from _chunk_values(side, body, call)
    yield from _reassembled(side, body, call)


def _chunk_values(side: Side, body: Body, call: LlmCall) -> Iterator[Value]:
    """Bedrock ``chunk`` events carry their JSON base64-encoded: scan it decoded."""
    from toolkit.analyze.streams.eventstream import EventStreamDecoding

    detail = call.stream.detail if call.stream is not None else None
    if not isinstance(detail, EventStreamDecoding):
        return
    site = Site(side, "body", body.position, "event-stream")
    for message in detail.messages:
        if message.inner is not None:
            yield Value(Location("text"), message.inner, site, accounts=True)


def _reassembled(side: Side, body: Body, call: LlmCall) -> Iterator[Value]:
    """The text, reasoning and tool arguments a stream spells out over many events.

    The reader already joined them; the events are gone through again only for a joined text
    that may hold a token, to know which event added which piece.
    """
    message = call.exchange.message
    joined = {"text": message.text, "reasoning": message.reasoning}
    if len(message.tool_calls) == 1:
        joined["tool_call"] = message.tool_calls[0].arguments
    site = Site(side, "body", body.position, "stream-text")
    for kind, text in joined.items():
        if text and (may_hold_token(text) or may_hold_keyword(text)):
            fragments = _fragments(call, kind)
            if len(fragments) > 1:
                whole = "".join(fragment.text for fragment in fragments)
                yield Value(Location("text"), whole, site, fragments=fragments)


def _fragments(call: LlmCall, kind: str) -> tuple[Fragment, ...]:
    fragments: list[Fragment] = []
    start = 0
    for index, chunk in enumerate(call.chunks):
        if chunk.delta_kind == kind and chunk.delta_text:
            fragments.append(Fragment(index, start, chunk.delta_text))
            start += len(chunk.delta_text)
    return tuple(fragments)
