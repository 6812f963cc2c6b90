"""Secrets hidden from what people read and share: ``show``'s view, exported URLs.

``mask_url`` hides the values of the query parameters that hold credentials (``key``,
``api_key``, ``access_token``, ``X-Amz-Signature``, Azure's ``sig`` ...: the names the secret
scanner treats as credential positions) and the password of a URL's user information.
``mask_secrets`` hides every spelling of given secrets in a text (``[secret KIND DISPLAY]``,
never the secret).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from urllib.parse import quote, unquote_plus

from toolkit.analyze.secrets.leaks import Leak
from toolkit.credentials.positions import classify_position
from toolkit.credentials.records import Location

__all__ = ["MASK", "mask_secrets", "mask_url", "masks_of"]

#: What a masked URL value reads (letters only, so the URL needs no escaping).
MASK = "MASKED"
#: Pieces of a secret spelled out over stream events are masked from this length on: a
#: shorter piece ("sk") would hide ordinary text.
_MIN_PIECE = 6
_USERINFO = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#@:]*):([^/?#@]*)@")


def mask_url(url: str) -> str:
    """``url`` with each credential query value and any userinfo password replaced by ``MASK``."""
    url = _USERINFO.sub(lambda m: f"{m.group(1)}{m.group(2)}:{MASK}@", url, count=1)
    base, question, rest = url.partition("?")
    if not question:
        return url
    query, hash_mark, fragment = rest.partition("#")
    pairs = [_masked_pair(pair) for pair in query.split("&")]
    return f"{base}?{'&'.join(pairs)}{hash_mark}{fragment}"


def _masked_pair(pair: str) -> str:
    name, equals, value = pair.partition("=")
    if not equals or not value or classify_position(Location("query", unquote_plus(name))) is None:
        return pair
    return f"{name}={MASK}"


def masks_of(leaks: Iterable[Leak]) -> list[tuple[str, str]]:
    """(text, mask) pairs for every secret of ``leaks`` (account identifiers are not secrets)."""
    pairs: dict[str, str] = {}
    for leak in leaks:
        if leak.match.layer == "account":
            continue
        mask = f"[secret {leak.match.kind} {leak.match.display}]"
        spellings = (leak.secret, json.dumps(leak.secret)[1:-1], quote(leak.secret, safe=""))
        fragments = (piece.fragment for piece in leak.pieces if len(piece.fragment) >= _MIN_PIECE)
        for text in (*spellings, *fragments):
            pairs.setdefault(text, mask)
    return sorted(pairs.items(), key=lambda pair: len(pair[0]), reverse=True)


def mask_secrets(text: str, masks: list[tuple[str, str]]) -> str:
    """``text`` with each secret of ``masks`` replaced by its mask, longest first."""
    for secret, mask in masks:
        if secret and secret in text:
            text = text.replace(secret, mask)
    return text
