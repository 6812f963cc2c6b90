"""Scan every site of an interaction: ``Leak`` records, one per secret and YAML node.

A secret seen twice at one node (a token in a JSON string under a credential key, found by
its format in the body text as well) is one leak. The secret itself stays in memory for
``redact``; reports show only its kind, fingerprint and ``display``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from toolkit.analyze.secrets.sites import Fragment, Site, Value, walk_interaction
from toolkit.credentials import DEFAULT_POLICY, ScanPolicy, SecretMatch, scan_text, scan_value
from toolkit.credentials.account_headers import account_header_provider
from toolkit.credentials.matcher import MIN_TOKEN_LENGTH
from toolkit.credentials.positions import classify_position
from toolkit.credentials.scan import scan_keywords
from toolkit.credentials.spelling import decoded_views
from toolkit.model import Interaction
from toolkit.read.document import Position

if TYPE_CHECKING:
    from toolkit.analyze.llm import LlmCall

__all__ = ["Leak", "Piece", "scan_interaction", "scan_values"]


class Piece(NamedTuple):
    """The part ``fragment[start:end]`` of stream event ``event`` that spells part of a secret,
    from offset ``at`` of the secret on."""

    event: int
    fragment: str
    start: int
    end: int
    at: int = 0


@dataclass(frozen=True, slots=True)
class Leak:
    """A secret (or account identifier) at a site of interaction ``interaction``.

    ``secret`` is the matched text, kept for redaction only: never print it. ``pieces``
    are set when the secret was spelled out over several stream events.
    """

    interaction: int
    site: Site
    match: SecretMatch
    secret: str = field(repr=False)
    pieces: tuple[Piece, ...] = ()
    #: Where the secret itself is written (``toolkit.analyze.secrets.places``), when known.
    written: Position | None = None
    #: What keeps the secret from being read in the file's text (``gzip``, ``base64`` ...).
    hidden: str = ""

    @property
    def blocking(self) -> bool:
        """A credential to remove (not an account identifier or a test-mode key)."""
        return self.match.severity == "error"

    @property
    def position(self) -> Position:
        """Where to report the leak: the secret's own line and column, else its node's."""
        return self.written or self.site.position


def scan_interaction(
    interaction: Interaction, call: LlmCall | None = None, policy: ScanPolicy = DEFAULT_POLICY
) -> list[Leak]:
    """Every secret and account identifier in ``interaction``, in document order.

    ``call``: the LLM reading of a streamed response (see ``walk_interaction``).
    """
    return scan_values(interaction.index, walk_interaction(interaction, call), policy)


def scan_values(index: int, values: Iterable[Value], policy: ScanPolicy = DEFAULT_POLICY) -> list[Leak]:
    """Scan walked values; one leak per secret and site (the first, most specific, wins; a
    format or a position over a keyword)."""
    leaks: dict[tuple[tuple[str, str, Position], str], Leak] = {}
    for value in values:
        for text, match in _matches(value, policy):
            secret = text[match.start : match.end]
            pieces = _pieces(value.fragments, match) if value.fragments else ()
            site = value.site
            identity = (site.side, site.field, site.position)
            key = (identity, match.fingerprint)
            known = leaks.get(key)
            if known is None or (known.match.layer == "keyword" and match.layer != "keyword"):
                leaks[key] = Leak(index, site, match, secret, pieces)
    kept = _without_parts(_without_keyword_echoes(leaks.values()))
    return sorted(kept, key=lambda leak: (leak.site.position, leak.match.start))


def _matches(value: Value, policy: ScanPolicy) -> list[tuple[str, SecretMatch]]:
    """Matches in the value, then token formats in its decoded views (JSON escapes and
    percent-encoding undone), each with the text its offsets are in; then, where the value is
    not itself in a credential position, values after a credential keyword in any of them."""
    found = [(value.text, match) for match in _value_matches(value, policy)]
    views = [] if value.fragments else decoded_views(value.text)
    for view in views:
        found += [(view, match) for match in scan_text(view, policy=policy)]
    position = classify_position(value.location)
    if position is None or position.parser == "cookie":  # a cookie's value may be free text
        for text in (value.text, *views):
            found += [(text, match) for match in scan_keywords(text)]
    return found


def _value_matches(value: Value, policy: ScanPolicy) -> list[SecretMatch]:
    location = value.location
    if location.kind == "text":
        return scan_text(value.text, accounts=value.accounts and policy.report_accounts, policy=policy)
    if (
        len(value.text) < MIN_TOKEN_LENGTH
        and classify_position(location) is None
        and account_header_provider(location) is None
    ):
        return []  # too short for a token format, and not under a name that makes it a secret
    return scan_value(location, value.text, policy)


def _without_parts(leaks: Iterable[Leak]) -> list[Leak]:
    """Drop what is only a part of a secret spelled over several stream events: an event that
    holds a long enough piece of it can look like a token of its own."""
    kept = list(leaks)
    spelled = [leak for leak in kept if leak.pieces]
    if not spelled:
        return kept
    return [
        leak
        for leak in kept
        if leak.pieces
        or not any(
            leak.site[:3] == whole.site[:3] and leak.secret in whole.secret and leak.secret != whole.secret
            for whole in spelled
        )
    ]


def _without_keyword_echoes(leaks: Iterable[Leak]) -> list[Leak]:
    """Drop a keyword leak whose value another layer reported at the same node (a form body's
    ``client_secret=...`` is a credential position; a token after ``token=`` has its format)."""
    kept = list(leaks)
    others: dict[tuple[str, str, Position], list[str]] = {}
    for leak in kept:
        if leak.match.layer != "keyword":
            others.setdefault(leak.site[:3], []).append(leak.secret)
    return [
        leak
        for leak in kept
        if leak.match.layer != "keyword"
        or not any(leak.secret in other or other in leak.secret for other in others.get(leak.site[:3], ()))
    ]


def _pieces(fragments: tuple[Fragment, ...], match: SecretMatch) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    for fragment in fragments:
        end = fragment.start + len(fragment.text)
        if fragment.start < match.end and match.start < end:
            start = max(match.start, fragment.start) - fragment.start
            stop = min(match.end, end) - fragment.start
            at = fragment.start + start - match.start
            pieces.append(Piece(fragment.event, fragment.text, start, stop, at))
    return tuple(pieces)
