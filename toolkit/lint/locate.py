"""Where a finding is: YAML positions from the model, and keys that survive re-recording.

Recorders rewrite cassettes (new ids, new timestamps, reordered keys, comments
dropped), so a fingerprint cannot use line numbers. It uses the interaction's
method, host and URL path (the query often holds volatile values), its
occurrence among interactions with the same anchor, and the rule's key for
the place in the interaction (``response.body``, ``request.header:date``).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from toolkit.lint.finding import Hit
from toolkit.model import Header, Interaction, Request, Response, Side

__all__ = [
    "Side",
    "at_body",
    "at_field",
    "at_header",
    "at_interaction",
    "fingerprint",
    "interaction_anchors",
    "message_of",
]


def message_of(interaction: Interaction, side: Side) -> Request | Response:
    """The request or the response of ``interaction``."""
    return interaction.request if side == "request" else interaction.response


def at_interaction(interaction: Interaction, message: str, key: str = "") -> Hit:
    """A hit on the interaction as a whole (its list item)."""
    return Hit(interaction.position, message, interaction.index, key)


def at_field(interaction: Interaction, side: Side, name: str, message: str, key: str = "") -> Hit:
    """A hit on a field of the request or response (``status``, ``url``, ``body``...)."""
    part = message_of(interaction, side)
    where = part.positions.get(name, interaction.position)
    return Hit(where, message, interaction.index, key or f"{side}.{name}")


def at_header(interaction: Interaction, side: Side, header: Header, message: str, key: str = "") -> Hit:
    """A hit on one header value; the key names the header in lower case."""
    return Hit(header.position, message, interaction.index, key or f"{side}.header:{header.name.lower()}")


def at_body(interaction: Interaction, side: Side, message: str, key: str = "") -> Hit:
    """A hit on the body node of the request or response."""
    body = message_of(interaction, side).body
    where = body.position if body.storage != "absent" else interaction.position
    return Hit(where, message, interaction.index, key or f"{side}.body")


def interaction_anchors(interactions: Iterable[Interaction]) -> dict[int, str]:
    """``METHOD host/path #n`` for each interaction index: stable when a cassette is re-recorded."""
    seen: Counter[str] = Counter()
    anchors: dict[int, str] = {}
    for interaction in interactions:
        url = interaction.request.url
        base = f"{interaction.request.method} {url.host}{url.path}"
        seen[base] += 1
        anchors[interaction.index] = f"{base} #{seen[base]}"
    return anchors


def fingerprint(code: str, anchor: str, key: str, occurrence: int = 1) -> str:
    """A short stable hash of the code and the normalised location (never line numbers)."""
    text = "\x1f".join((code, anchor, key, str(occurrence)))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
