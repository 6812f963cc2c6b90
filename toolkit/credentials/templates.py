"""Expand the catalog's example templates into synthetic strings.

A template is literal text with ``{name:count}`` (``count`` characters drawn from a named
alphabet) and ``{name}`` (a named generator for structured formats: a GitHub checksum of
the 30 characters before it, a JWT, a Bedrock key ...). Expansion is deterministic for a
given seed, so tests are reproducible, yet the strings never existed as real credentials.
"""

from __future__ import annotations

import base64
import json
import random
import re
import zlib
from collections.abc import Callable, Mapping

from toolkit.credentials.validators import github_checksum

__all__ = ["ALPHABETS", "expand", "expand_all"]

_DIGITS = "0123456789"
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = "abcdefghijklmnopqrstuvwxyz"

ALPHABETS: Mapping[str, str] = {
    "b62": _DIGITS + _UPPER + _LOWER,
    "alpha": _UPPER + _LOWER,
    "lower": _LOWER,
    "upnum": _UPPER + _DIGITS,
    "lowalnum": _LOWER + _DIGITS,
    "digits": _DIGITS,
    "hex": _DIGITS + "abcdef",
    "b32": _UPPER + "234567",
    "b64": _UPPER + _LOWER + _DIGITS + "+/",
    "b64url": _UPPER + _LOWER + _DIGITS + "-_",
    "AL": "ABCDEFGHIJKL",
}

_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::(\d+))?\}")
_GITHUB_ENTROPY = 30

Generator = Callable[[random.Random, str], str]


def _draw(rng: random.Random, alphabet: str, count: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(count))


def _b64url_json(value: object) -> str:
    raw = json.dumps(value, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _jwt(rng: random.Random, _before: str) -> str:
    header = _b64url_json({"alg": "HS256", "typ": "JWT"})
    payload = _b64url_json({"sub": _draw(rng, _DIGITS, 10), "iat": rng.randrange(10**9, 2 * 10**9)})
    return f"{header}.{payload}.{_draw(rng, ALPHABETS['b64url'], 43)}"


def _jwt_unsigned(rng: random.Random, _before: str) -> str:
    header = _b64url_json({"alg": "none"})
    return f"{header}.{_b64url_json({'sub': _draw(rng, _DIGITS, 10)})}."


def _bedrock_long(rng: random.Random, _before: str) -> str:
    inner = (
        f"BedrockAPIKey-{_draw(rng, ALPHABETS['lowalnum'], 4)}-at-{_draw(rng, _DIGITS, 12)}:"
        f"{_draw(rng, ALPHABETS['b64'], 60)}"
    )
    return "ABSK" + base64.b64encode(inner.encode()).decode()


def _bedrock_short(rng: random.Random, _before: str) -> str:
    url = (
        "bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256"
        f"&X-Amz-Credential=ASIA{_draw(rng, ALPHABETS['b32'], 16)}%2F20250101%2Fus-east-1"
        "%2Fbedrock%2Faws4_request&X-Amz-Expires=43200"
        f"&X-Amz-Signature={_draw(rng, ALPHABETS['hex'], 64)}"
        "&X-Amz-SignedHeaders=host&Version=1"
    )
    return "bedrock-api-key-" + base64.b64encode(url.encode()).decode()


def _ghsum(_rng: random.Random, before: str) -> str:
    return github_checksum(before[-_GITHUB_ENTROPY:])


GENERATORS: Mapping[str, Generator] = {
    "jwt": _jwt,
    "jwt_unsigned": _jwt_unsigned,
    "bedrock_long": _bedrock_long,
    "bedrock_short": _bedrock_short,
    "ghsum": _ghsum,
}


def expand(template: str, seed: str) -> str:
    """The synthetic string a template stands for; the same seed gives the same string."""
    rng = random.Random(zlib.crc32(seed.encode()))
    out: list[str] = []
    position = 0
    for field in _FIELD.finditer(template):
        out.append(template[position : field.start()])
        out.append(_expand_field(rng, field, "".join(out)))
        position = field.end()
    out.append(template[position:])
    return "".join(out)


def _expand_field(rng: random.Random, field: re.Match[str], before: str) -> str:
    name, count = field.group(1), field.group(2)
    if count is not None:
        return _draw(rng, ALPHABETS[name], int(count))
    return GENERATORS[name](rng, before)


def expand_all(templates: tuple[str, ...], seed: str) -> tuple[str, ...]:
    """Expand each template with its own seed derived from ``seed`` and its position."""
    return tuple(expand(template, f"{seed}:{index}") for index, template in enumerate(templates))
