"""Pieces every format reader shares: headers, bodies, status lines, durations."""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from toolkit.model import Body, BodyStorage, Header, Headers
from toolkit.read.content_coding import decode_content
from toolkit.read.document import Position, YamlMap, position_of

__all__ = [
    "as_int",
    "as_text",
    "build_body",
    "json_ready",
    "parse_go_duration",
    "read_headers",
    "seconds",
    "stored_bytes",
]


def as_text(value: Any) -> str:
    """A scalar as text: bytes are decoded (UTF-8, else Latin-1), None is empty."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return value.decode("latin-1")
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(json_ready(value), default=str)


def json_ready(value: Any) -> Any:
    """YAML data as JSON can write it: mapping keys that are not text, numbers, booleans or null
    (a ``!!binary`` key) as text, bytes values left to the caller's ``default``."""
    if isinstance(value, dict):
        return {
            key if key is None or isinstance(key, str | int | float) else as_text(key): json_ready(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [json_ready(item) for item in value]
    return value


#: Integers a field of the model holds (a status code, a length): 64-bit, as every recorder's.
_INT64 = 1 << 63


def as_int(value: Any) -> int | None:
    """An integer field written as a number or a numeric string (within 64 bits), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if -_INT64 <= value < _INT64 else None
    if isinstance(value, str) and len(value) < 40 and value.strip().lstrip("-").isdigit():
        return as_int(int(value.strip()))
    return None


def seconds(value: float | Decimal, per_second: float = 1) -> float | None:
    """``value / per_second`` as a duration in seconds, or None when that is not a finite number
    (Go's durations are 64-bit nanoseconds: about 292 years)."""
    try:
        number = float(value) / per_second
    except (OverflowError, ValueError):
        return None
    return number if math.isfinite(number) and abs(number) < _INT64 / 1e9 else None


def read_headers(value: Any) -> Headers:
    """Headers written as ``name: [values]`` or ``name: value`` (any case, any order)."""
    if not isinstance(value, dict):
        return Headers()
    items: list[Header] = []
    for name, values in value.items():
        where = position_of(value, name)
        if isinstance(values, list):
            for i, item in enumerate(values):
                items.append(Header(as_text(name), as_text(item), position_of(values, i)))
        elif values is not None:
            items.append(Header(as_text(name), as_text(values), where))
    return Headers(items)


def stored_bytes(value: Any) -> tuple[bytes, BodyStorage]:
    """The bytes of a body value and how it was stored (text, binary or absent)."""
    if value is None:
        return b"", "absent"
    if isinstance(value, bytes):
        return value, "binary"
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass"), "string"
    return as_text(value).encode("utf-8"), "string"


def parsed_body_bytes(value: Any) -> bytes:
    """pydantic-ai's ``parsed_body`` back to the JSON its serializer replays."""
    return json.dumps(json_ready(value), default=_json_default).encode("utf-8")


def _json_default(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    raise TypeError(f"{type(value).__name__} is not JSON")


def build_body(
    stored: bytes, storage: BodyStorage, position: Position, headers: Headers, tree: Any = None
) -> Body:
    """A body with its ``Content-Encoding`` removed (see ``toolkit.read.content_coding``)."""
    decoded = decode_content(stored, headers.get("content-encoding"))
    return Body(
        stored=stored,
        storage=storage,
        position=position,
        content=decoded.content,
        encoding=decoded.encoding,
        problem=decoded.problem,
        tree=tree,
    )


_GO_UNITS = {
    unit: Decimal(scale)
    for unit, scale in {
        "ns": "1e-9",
        "us": "1e-6",
        "µs": "1e-6",
        "μs": "1e-6",
        "ms": "1e-3",
        "s": "1",
        "m": "60",
        "h": "3600",
    }.items()
}
_GO_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")


def parse_go_duration(value: Any) -> float | None:
    """Seconds from a Go duration string (``1m2.5s``, ``312.0085ms``, ``850µs``) or nanoseconds."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return seconds(value, 1e9)  # time.Duration marshalled as an integer of nanoseconds
    text = as_text(value).strip()
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if text == "0":
        return 0.0
    # Decimal arithmetic so that "812.440459ms" is exactly 0.812440459 s, as written.
    total, end = Decimal(0), 0
    try:
        for match in _GO_PART.finditer(text):
            if match.start() != end:
                return None
            total += Decimal(match.group(1)) * _GO_UNITS[match.group(2)]
            end = match.end()
    except (InvalidOperation, ArithmeticError):  # more digits than Decimal's context holds
        return None
    return seconds(sign * total) if end == len(text) and end else None


def split_status(status: Any) -> tuple[int | None, str | None]:
    """A status line such as ``200 OK`` as code and reason."""
    text = as_text(status).strip()
    code, _, reason = text.partition(" ")
    number = as_int(code)
    return (number, reason or None) if number is not None else (None, text or None)


def read_status(value: Any) -> tuple[int | None, str | None]:
    """A status written as ``{code, message}``, a bare code, or a ``200 OK`` line."""
    if isinstance(value, dict):
        return as_int(value.get("code")), as_text(value.get("message")) or None
    if isinstance(value, int) and not isinstance(value, bool):
        return value, None
    return split_status(value)


def url_key(mapping: YamlMap) -> str:
    """The key holding the request URL: ``uri`` (vcrpy, Ruby) or ``url`` (go-vcr, Betamax)."""
    return "uri" if "uri" in mapping or "url" not in mapping else "url"


def field_positions(mapping: YamlMap | None, names: dict[str, str]) -> dict[str, Position]:
    """Positions of the present fields, keyed by model name (``names``: model → YAML key)."""
    if mapping is None:
        return {}
    return {model: mapping.position_of(key) for model, key in names.items() if key in mapping}
