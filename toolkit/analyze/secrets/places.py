"""Where a leak is written in the file: the secret's own line and column, or what hides it.

A leak's site is the YAML node that holds its value, and a body's node spans many lines.
Where the value is written in the file's text (a header, the URL, a form value, a
``parsed_body`` string, a body stored as text), the scalar is read again from its position
(``toolkit.read.scalar_offsets``: quotes, escapes, folding and block indentation undone, with
where each character comes from) and the secret is found in it, in whatever spelling its
layers gave it (JSON escapes, percent-encoding: ``toolkit.credentials.spelling``). A secret
spelled over several stream events is placed at its first piece, inside the JSON string of
its event. A body stored as base64 or compressed does not show its value: the leak stays at
the body's node and says what hides it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import NamedTuple

from toolkit.analyze.secrets.leaks import Leak
from toolkit.credentials.spelling import json_string_spans, spelled
from toolkit.model import Body, Interaction
from toolkit.read.scalar_offsets import LineIndex, read_scalar

__all__ = ["FileText", "hidden_by", "place_leak"]

_BASE64_STORAGES = frozenset({"binary", "base64"})


class FileText(NamedTuple):
    """A cassette's YAML text, and its lines."""

    text: str
    lines: LineIndex

    @classmethod
    def of(cls, data: bytes) -> FileText:
        text = data.decode("utf-8", "replace").removeprefix("\ufeff")
        return cls(text, LineIndex(text))


def hidden_by(body: Body) -> str:
    """What keeps a body's content from being read in the file: its storage, its coding."""
    if body.storage == "file":
        return "stored in another file"
    layers = ["base64"] if body.storage in _BASE64_STORAGES else []
    layers += [body.encoding] if body.encoding else []
    return ", ".join(layers)


def place_leak(leak: Leak, interaction: Interaction, source: FileText, events: Sequence[int] = ()) -> Leak:
    """``leak`` with where its secret is written, or what hides it; as it was when neither is known.

    ``events`` are the byte offsets of the body's stream events (for a secret spelled over them).
    """
    body = _body(leak, interaction)
    hidden = hidden_by(body) if body is not None else ""
    if hidden:
        return dataclasses.replace(leak, hidden=hidden)
    read = read_scalar(source.text, source.lines.offset(leak.site.position))
    if read is None:
        return leak
    value, offsets = read
    at = _first_piece(leak, value, body, events) if leak.pieces else _secret_at(leak, value)
    if at is None or at >= len(offsets):
        return leak
    return dataclasses.replace(leak, written=source.lines.position(offsets[at]))


def _body(leak: Leak, interaction: Interaction) -> Body | None:
    site = leak.site
    if site.field != "body" or site.layer == "parsed_body":
        return None
    return interaction.request.body if site.side == "request" else interaction.response.body


def _secret_at(leak: Leak, value: str) -> int | None:
    found = spelled(leak.secret).search(value)
    return None if found is None else found.start()


def _first_piece(leak: Leak, value: str, body: Body | None, events: Sequence[int]) -> int | None:
    """Where the first piece of a secret spelled over stream events is written in ``value``."""
    piece = min(leak.pieces, key=lambda p: p.event)
    if body is None or piece.event >= len(events):
        return None
    content = body.content
    end = events[piece.event + 1] if piece.event + 1 < len(events) else len(content)
    start = len(content[: events[piece.event]].decode("utf-8", "replace"))
    stop = start + len(content[events[piece.event] : end].decode("utf-8", "replace"))
    literals = json_string_spans(value[start:stop], piece.fragment)
    return start + literals[0][piece.start][0] if literals else None
