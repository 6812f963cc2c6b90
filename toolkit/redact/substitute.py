"""Replace a secret wherever it is written in one layer of text, however that layer escapes it.

A secret is found in a decoded value, but it is written in the file (or in a body) in the
layer's own spelling: verbatim in a header, percent-encoded in a URL or a form body, JSON-
escaped in a JSON string (``\\/``, ``\\n`` in a PEM key), escaped twice in JSON inside a JSON
string, or in any mix of JSON escapes and percent-encoding a writer chose
(``toolkit.credentials.spelling``). Each spelling is replaced by a placeholder of the same
length in that layer, made of letters only (``REDACTEDXXX``), so it needs no escaping and
every recorded length still holds.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from typing import Literal
from urllib.parse import quote, quote_plus

from toolkit.credentials.replacement import filler
from toolkit.credentials.spelling import spelled

__all__ = ["Layer", "replace_all", "replace_all_bytes", "spellings", "written_spellings"]

#: How a layer writes text: as is, in URLs and form bodies, in JSON strings.
Layer = Literal["verbatim", "url", "json"]

_PERCENT = re.compile(r"%[0-9A-F]{2}")


def _json_spellings(secret: str) -> list[str]:
    once = json.dumps(secret)[1:-1]
    unicode = json.dumps(secret, ensure_ascii=True)[1:-1]
    twice = json.dumps(once)[1:-1]
    return [once, unicode, once.replace("/", "\\/"), twice, twice.replace("/", "\\\\\\/")]


def _url_spellings(secret: str) -> list[str]:
    encoded = [
        quote(secret, safe=""),
        quote(secret, safe="/"),
        quote_plus(secret),
        quote_plus(secret, safe="/"),
    ]
    lower = [_PERCENT.sub(lambda m: m.group(0).lower(), text) for text in encoded]
    return encoded + lower


def spellings(secret: str, layers: Iterable[Layer]) -> list[str]:
    """Every way ``secret`` may be written in ``layers``, the secret itself first, longest next."""
    found = [secret]
    for layer in layers:
        if layer == "json":
            found += _json_spellings(secret)
        elif layer == "url":
            found += _url_spellings(secret)
    unique = list(dict.fromkeys(found))
    return unique[:1] + sorted(unique[1:], key=len, reverse=True)


def written_spellings(text: str, secret: str, layers: Iterable[Layer]) -> list[str]:
    """The spellings of ``secret`` that ``text`` holds, longest first: the known ones of
    ``layers``, and whatever mix of JSON escapes and percent-encoding a writer chose."""
    found = [spelling for spelling in spellings(secret, layers) if spelling and spelling in text]
    found += [match.group() for match in spelled(secret).finditer(text)]
    return sorted(dict.fromkeys(found), key=len, reverse=True)


@functools.lru_cache(maxsize=256)
def _spelled_bytes(secret: str) -> re.Pattern[bytes]:
    return re.compile(spelled(secret).pattern.encode("utf-8", "surrogatepass"))


def replace_all(text: str, replacements: Iterable[tuple[str, str]]) -> str:
    """``text`` with every ``old`` replaced by its ``new``, longest ``old`` first."""
    for old, new in sorted(set(replacements), key=lambda pair: len(pair[0]), reverse=True):
        if old and old in text:
            text = text.replace(old, new)
    return text


def replace_all_bytes(data: bytes, secrets: Iterable[str], layers: Iterable[Layer]) -> bytes:
    """Every spelling of every secret in ``data``, replaced by a same-length placeholder."""
    chosen = tuple(layers)
    for secret in sorted(set(secrets), key=len, reverse=True):
        for spelling in spellings(secret, chosen):
            raw = spelling.encode("utf-8", "surrogatepass")
            if raw and raw in data:
                data = data.replace(raw, filler(len(raw)).encode("ascii"))
        data = _spelled_bytes(secret).sub(lambda found: filler(len(found.group())).encode("ascii"), data)
    return data
