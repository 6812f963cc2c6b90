"""Run the catalog over text fast: a keyword pass, then only the patterns it calls for.

Running sixty regexes over every header and body string would be slow, and so would one
big alternation (the regex engine tries every branch at every position). Instead plain
substring tests of the patterns' literal keywords find which keywords occur at all (for
most strings: none), and only the patterns owning those keywords run. Each candidate span
must then pass its validator and must not be a placeholder. Where two patterns claim
overlapping spans, the earlier catalog entry wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from toolkit.secrets.pattern import PatternLayer, TokenPattern
from toolkit.secrets.placeholders import is_placeholder_token
from toolkit.secrets.validators import VALIDATORS

__all__ = ["MIN_TOKEN_LENGTH", "CompiledCatalog", "TokenHit", "build_matcher", "find_tokens"]


@dataclass(frozen=True, slots=True)
class TokenHit:
    """A confirmed span ``text[start:end]`` in the format of ``pattern``."""

    pattern: TokenPattern
    priority: int
    start: int
    end: int


#: The shortest span any catalog pattern can match (an AWS access key id); shorter
#: strings cannot hold a token. A test checks every pattern against it.
MIN_TOKEN_LENGTH = 20
#: Longer than any token format; a run of base64 this long is media (an image, audio,
#: a PDF) or ciphertext, and a token inside it would have no boundary to match at.
_OPAQUE_BLOB = re.compile(r"(?:data:[\w/+.-]+;base64,)?[A-Za-z0-9+/=_-]{16384,}")


@dataclass(frozen=True, slots=True)
class CompiledCatalog:
    """The catalog compiled once: its regexes and the keyword prefilter.

    ``stems`` are the keywords that contain no other keyword: where a keyword occurs its
    stems occur too, so testing stems alone (plain substring tests, run in C) is enough.
    Each stem maps to the patterns owning a keyword that contains it.
    """

    patterns: tuple[TokenPattern, ...]
    regexes: tuple[re.Pattern[str], ...]
    stems: tuple[tuple[str, tuple[int, ...]], ...]
    folded_stems: tuple[tuple[str, tuple[int, ...]], ...]


def _stems(keywords: dict[str, set[int]]) -> tuple[tuple[str, tuple[int, ...]], ...]:
    stems = [k for k in keywords if not any(other != k and other in k for other in keywords)]
    return tuple(
        (stem, tuple(sorted({i for k, ids in keywords.items() if stem in k for i in ids})))
        for stem in sorted(stems)
    )


def _keywords(patterns: Iterable[TokenPattern], *, folded: bool) -> dict[str, set[int]]:
    owners: dict[str, set[int]] = {}
    for index, pattern in enumerate(patterns):
        if pattern.keywords_ignore_case == folded:
            for keyword in pattern.keywords:
                owners.setdefault(keyword.lower() if folded else keyword, set()).add(index)
    return owners


def build_matcher(patterns: tuple[TokenPattern, ...]) -> CompiledCatalog:
    """Compile ``patterns`` (in priority order) into a matcher."""
    return CompiledCatalog(
        patterns=patterns,
        regexes=tuple(pattern.compile() for pattern in patterns),
        stems=_stems(_keywords(patterns, folded=False)),
        folded_stems=_stems(_keywords(patterns, folded=True)),
    )


def _candidates(text: str, matcher: CompiledCatalog) -> set[int]:
    if len(text) < MIN_TOKEN_LENGTH or _OPAQUE_BLOB.fullmatch(text) is not None:
        return set()
    found = {i for stem, ids in matcher.stems if stem in text for i in ids}
    folded = text.lower()
    found.update(i for stem, ids in matcher.folded_stems if stem in folded for i in ids)
    return found


def _spans(text: str, regex: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    group = "secret" if "secret" in regex.groupindex else 0
    for found in regex.finditer(text):
        yield found.span(group)


def _is_confirmed(secret: str, pattern: TokenPattern) -> bool:
    validator = VALIDATORS[pattern.validator] if pattern.validator else None
    if validator is not None and not validator(secret):
        return False
    return not is_placeholder_token(secret, random_body=pattern.random_body)


def _pattern_hits(text: str, matcher: CompiledCatalog, index: int) -> Iterator[TokenHit]:
    pattern = matcher.patterns[index]
    for start, end in _spans(text, matcher.regexes[index]):
        if _is_confirmed(text[start:end], pattern):
            yield TokenHit(pattern, index, start, end)


def _without_overlaps(hits: list[TokenHit]) -> list[TokenHit]:
    kept: list[TokenHit] = []
    for hit in sorted(hits, key=lambda h: (h.priority, h.start)):
        if all(hit.end <= other.start or other.end <= hit.start for other in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def find_tokens(text: str, matcher: CompiledCatalog, layers: frozenset[PatternLayer]) -> list[TokenHit]:
    """Confirmed, non-overlapping spans of ``text`` in a catalog format of the given layers."""
    indices = [i for i in _candidates(text, matcher) if matcher.patterns[i].layer in layers]
    if not indices:
        return []
    hits = [hit for index in indices for hit in _pattern_hits(text, matcher, index)]
    return _without_overlaps(hits)
