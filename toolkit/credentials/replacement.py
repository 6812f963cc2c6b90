"""Replacement text for a secret span, and a value with all its secrets replaced.

By default a secret becomes ``<REDACTED:kind>``, which says what was there. With
``keep_length`` it becomes ``REDACTED`` padded with ``X`` to the secret's length (``XXXX``
when shorter than that), for formats whose byte counts must not change: letters only, so
it needs no escaping in JSON, a URL, a form body or any YAML scalar style. Both are
placeholders the scanner itself recognises, so scanning a redacted value finds nothing
again.
"""

from __future__ import annotations

from collections.abc import Iterable

from toolkit.credentials.records import SecretMatch

__all__ = ["apply_redactions", "filler", "placeholder_for"]

_MARK = "REDACTED"


def placeholder_for(match: SecretMatch, original: str, *, keep_length: bool = False) -> str:
    """The text to put in place of ``original[match.start:match.end]``."""
    if not 0 <= match.start < match.end <= len(original):
        raise ValueError(f"match span {match.start}:{match.end} is outside the value")
    if not keep_length:
        return f"<{_MARK}:{match.kind}>"
    return filler(match.end - match.start)


def filler(length: int) -> str:
    """A placeholder of exactly ``length`` ASCII letters: ``REDACTEDXXX...`` or ``XXX``."""
    if length < len(_MARK):
        return "X" * length
    return _MARK + "X" * (length - len(_MARK))


def apply_redactions(original: str, matches: Iterable[SecretMatch], *, keep_length: bool = False) -> str:
    """``original`` with every matched span replaced (overlapping spans merged first)."""
    spans = sorted(matches, key=lambda match: match.start)
    out: list[str] = []
    position = 0
    for match in spans:
        if match.start < position:
            continue  # nested in a span already replaced
        out.append(original[position : match.start])
        out.append(placeholder_for(match, original, keep_length=keep_length))
        position = match.end
    out.append(original[position:])
    return "".join(out)
