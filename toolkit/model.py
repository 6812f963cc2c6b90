"""One model of a cassette for every dialect.

Format readers (``toolkit.read.dialects``) build these values; everything later
(streams, usage, lint rules, frames, reports) reads only these. Values are
frozen; positions are 1-based ``(line, column)`` of the YAML node where each
field starts, so every finding can point at ``path:line:column``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, NamedTuple, get_args
from urllib.parse import SplitResult, parse_qsl, urlsplit

from toolkit.problems import Problem

__all__ = [
    "HTTP_FORMATS",
    "SIDES",
    "START",
    "Body",
    "BodyStorage",
    "Cassette",
    "FormatName",
    "Header",
    "Headers",
    "HttpFormatName",
    "Interaction",
    "Position",
    "Request",
    "Response",
    "Side",
    "Url",
]


class Position(NamedTuple):
    """A 1-based line and column in a file."""

    line: int
    column: int


START = Position(1, 1)

#: The HTTP cassette dialects: the formats of the cassettes that have interactions.
HttpFormatName = Literal[
    "go-vcr-v2", "go-vcr-v1", "vcrpy", "ruby-vcr", "langchain-split", "r-vcr", "httprr", "har"
]
#: Every HTTP cassette dialect, in the order the loader tries them.
HTTP_FORMATS: tuple[HttpFormatName, ...] = get_args(HttpFormatName)
#: What a file was read as: an HTTP cassette dialect, a recording of another protocol, or unknown.
FormatName = Literal[HttpFormatName, "websocket", "grpc", "transcript", "unknown"]

#: The two messages of an interaction.
Side = Literal["request", "response"]
#: Both sides, the request first.
SIDES: tuple[Side, ...] = get_args(Side)

#: How a cassette stored a body:
#: ``string`` text as written; ``binary`` a base64 ``!!binary`` / ``!binary`` value;
#: ``base64`` base64 text (Ruby's ``base64_string``, R vcr's ``raw_gzip``, a HAR ``content``
#: with ``encoding: base64``); ``parsed_body`` a JSON body written as YAML data (pydantic-ai's
#: ``parsed_body``, Polly's ``textJSON`` as Cody writes it, R vcr's form ``fields``);
#: ``content`` the legacy httpx ``content`` field; ``raw`` the bytes of an HTTP message
#: (httprr); ``file`` a file named in place of the body (R vcr ``on_disk``), whose bytes are
#: not in the cassette; ``absent`` no body recorded.
BodyStorage = Literal["string", "binary", "base64", "parsed_body", "content", "raw", "file", "absent"]


class Header(NamedTuple):
    """One header line as recorded: name in its original case, one value."""

    name: str
    value: str
    position: Position = START


class Headers:
    """Multi-valued headers: case-insensitive lookup, original order and case kept."""

    __slots__ = ("_index", "_items")

    def __init__(self, items: Iterable[Header] = ()) -> None:
        self._items: tuple[Header, ...] = tuple(items)
        index: dict[str, list[str]] = {}
        for header in self._items:
            index.setdefault(header.name.lower(), []).append(header.value)
        self._index = index

    def get(self, name: str, default: str | None = None) -> str | None:
        """The first value of ``name`` (any case), or ``default``."""
        values = self._index.get(name.lower())
        return values[0] if values else default

    def get_all(self, name: str) -> list[str]:
        """Every value of ``name`` (any case), in recorded order."""
        return list(self._index.get(name.lower(), ()))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._index

    def __iter__(self) -> Iterator[Header]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Headers({[(h.name, h.value) for h in self._items]!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Headers):
            return NotImplemented
        return [(h.name, h.value) for h in self] == [(h.name, h.value) for h in other]

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Url:
    """A request URL and its parts. ``host`` is lower-case without the port."""

    raw: str
    scheme: str
    host: str
    port: int | None
    path: str
    query: tuple[tuple[str, str], ...]
    userinfo: str | None

    @classmethod
    def parse(cls, raw: str) -> Url:
        """Parse leniently: placeholders in the host and missing hosts are kept as written."""
        try:
            parts: SplitResult = urlsplit(raw)
            port = parts.port
        except ValueError:  # "<AWS_REGION>"-style placeholders or a bad port
            parts = urlsplit(raw.replace("[", "%5B").replace("]", "%5D"))
            port = None
        netloc = parts.netloc
        userinfo, _, hostport = netloc.rpartition("@")
        host = hostport.rsplit(":", 1)[0] if port is not None else hostport
        return cls(
            raw=raw,
            scheme=parts.scheme,
            host=host.lower(),
            port=port,
            path=parts.path,
            query=tuple(parse_qsl(parts.query, keep_blank_values=True)),
            userinfo=userinfo or None,
        )


@dataclass(frozen=True, slots=True)
class Body:
    """A body: bytes as stored, and its content once ``Content-Encoding`` is undone.

    ``stored`` are the bytes the cassette holds (base64 already undone, a
    ``parsed_body`` serialized back to JSON as its recorder does). ``content``
    is what the application saw: equal to ``stored`` unless ``encoding`` names
    the coding that was removed. ``problem`` says why decoding failed, if it did.
    ``tree`` is a ``parsed_body`` as the document holds it (``YamlMap`` / ``YamlSeq``,
    which know where each value is written); None for other storages.
    """

    stored: bytes = b""
    storage: BodyStorage = "absent"
    position: Position = START
    content: bytes = b""
    encoding: str | None = None
    problem: str | None = None
    tree: Any = field(default=None, compare=False, repr=False)

    @property
    def text(self) -> str:
        """The content as text (UTF-8, undecodable bytes replaced)."""
        return self.content.decode("utf-8", "replace")


@dataclass(frozen=True, slots=True)
class Request:
    """A recorded request. ``positions`` maps field names to where they start.

    ``form`` is go-vcr's parsed copy of the query and form body, one pair per value;
    ``form_positions[i]`` is where the value of ``form[i]`` is written.
    """

    method: str
    url: Url
    headers: Headers
    body: Body
    form: tuple[tuple[str, str], ...] = ()
    positions: dict[str, Position] = field(default_factory=dict)
    form_positions: tuple[Position, ...] = ()


@dataclass(frozen=True, slots=True)
class Response:
    """A recorded response. ``duration_s`` is the recorded duration, if any (go-vcr's
    ``duration``, a HAR entry's ``time``)."""

    status_code: int | None
    reason: str | None
    headers: Headers
    body: Body
    duration_s: float | None = None
    positions: dict[str, Position] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Interaction:
    """One request and its response, at ``index`` (0-based) in the cassette."""

    index: int
    position: Position
    request: Request
    response: Response
    recorded_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Cassette:
    """A cassette file read into the model, with the problems met on the way."""

    path: str
    format: FormatName
    interactions: tuple[Interaction, ...] = ()
    problems: tuple[Problem, ...] = ()
    version: str | None = None
