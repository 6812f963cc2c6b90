"""Run the catalog over text fast: a keyword pass, then only the patterns it calls for.

Running sixty regexes over every header and body string would be slow, and so would one
big alternation (the regex engine tries every branch at every position), and so would one
substring test per keyword (each is a pass over the whole text). Instead one Aho-Corasick
automaton finds, in a single pass, which literal keywords occur at all (for most strings:
none), and only the patterns owning those keywords run. Each candidate span must then pass
its validator and must not be a placeholder. Where two patterns claim overlapping spans,
the earlier catalog entry wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import ahocorasick_rs

from toolkit.credentials.pattern import START_BOUNDARIES, PatternLayer, TokenPattern
from toolkit.credentials.placeholders import is_placeholder_token
from toolkit.credentials.validators import VALIDATORS

__all__ = ["MIN_TOKEN_LENGTH", "CompiledCatalog", "TokenHit", "build_matcher", "find_tokens", "has_keywords"]


class TokenHit(NamedTuple):
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


class CompiledCatalog(NamedTuple):
    """The catalog compiled once: one keyword automaton, and each regex when first needed.

    Every keyword is searched lower-cased in the lower-cased text, in one pass: that finds
    a superset of the case-sensitive keywords' occurrences, and the pattern's regex, which
    keeps its case, confirms or drops each candidate. ``owners[k]`` are the patterns owning
    keyword ``k`` of ``automaton``. Most runs meet the keywords of a few patterns only, so
    the regexes are compiled on first use (compiling all of them costs more than a short run).
    """

    patterns: tuple[TokenPattern, ...]
    automaton: ahocorasick_rs.BytesAhoCorasick
    owners: tuple[tuple[int, ...], ...]
    compiled: list[_Finder | None]

    def finder(self, index: int) -> _Finder:
        """Pattern ``index``, compiled."""
        found = self.compiled[index]
        if found is None:
            found = self.compiled[index] = _Finder(self.patterns[index].regex)
        return found


class _Finder:
    """A pattern's regex, with a leading start boundary checked here rather than by ``re``.

    ``re`` finds a literal prefix (``sk-``, ``AKIA``) with a fast scan, but a pattern that
    starts with a look-behind is tried at every position: thirty times slower on a long
    body. So the boundary is cut off the regex, and each match of the rest is kept only
    when the character before it is not one the boundary forbids. Searching again one
    character further after a rejected match finds exactly what the whole regex finds.
    """

    __slots__ = ("group", "not_after", "regex")

    def __init__(self, pattern: str) -> None:
        boundary = next((b for b in START_BOUNDARIES if pattern.startswith(b)), "")
        self.not_after = START_BOUNDARIES.get(boundary, frozenset())
        self.regex = re.compile(pattern[len(boundary) :])
        self.group: int | str = "secret" if "secret" in self.regex.groupindex else 0

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """The span (of the ``secret`` group, if any) of every match, left to right."""
        search, not_after, position = self.regex.search, self.not_after, 0
        while (found := search(text, position)) is not None:
            start = found.start()
            if start and text[start - 1] in not_after:
                position = start + 1
                continue
            yield found.span(self.group)
            position = max(found.end(), start + 1)


def _keywords(patterns: Iterable[TokenPattern]) -> dict[str, set[int]]:
    owners: dict[str, set[int]] = {}
    for index, pattern in enumerate(patterns):
        for keyword in pattern.keywords:
            owners.setdefault(keyword.lower(), set()).add(index)
    return owners


def build_matcher(patterns: tuple[TokenPattern, ...]) -> CompiledCatalog:
    """Compile ``patterns`` (in priority order) into a matcher."""
    owners = _keywords(patterns)
    keywords = sorted(owners)
    return CompiledCatalog(
        patterns=patterns,
        automaton=ahocorasick_rs.BytesAhoCorasick([k.encode() for k in keywords]),
        owners=tuple(tuple(sorted(owners[k])) for k in keywords),
        compiled=[None] * len(patterns),
    )


def _candidates(text: str, matcher: CompiledCatalog) -> set[int]:
    if len(text) < MIN_TOKEN_LENGTH or _OPAQUE_BLOB.fullmatch(text) is not None:
        return set()
    # Keywords are ASCII: searching the UTF-8 bytes (lone surrogates kept) finds the same ones,
    # and ``bytes.lower`` folds exactly the ASCII letters the keywords can contain.
    data = text.encode("utf-8", "surrogatepass").lower()
    return {
        i
        for keyword, _, _ in matcher.automaton.find_matches_as_indexes(data, overlapping=True)
        for i in matcher.owners[keyword]
    }


def _is_confirmed(secret: str, pattern: TokenPattern) -> bool:
    validator = VALIDATORS[pattern.validator] if pattern.validator else None
    if validator is not None and not validator(secret):
        return False
    return not is_placeholder_token(secret, random_body=pattern.random_body)


def _pattern_hits(text: str, matcher: CompiledCatalog, index: int) -> Iterator[TokenHit]:
    pattern = matcher.patterns[index]
    for start, end in matcher.finder(index).spans(text):
        if _is_confirmed(text[start:end], pattern):
            yield TokenHit(pattern, index, start, end)


def _without_overlaps(hits: list[TokenHit]) -> list[TokenHit]:
    kept: list[TokenHit] = []
    for hit in sorted(hits, key=lambda h: (h.priority, h.start)):
        if all(hit.end <= other.start or other.end <= hit.start for other in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def has_keywords(text: str, matcher: CompiledCatalog, layers: frozenset[PatternLayer]) -> bool:
    """Whether some pattern of ``layers`` may match ``text`` (its keywords occur): a cheap test."""
    return any(matcher.patterns[i].layer in layers for i in _candidates(text, matcher))


def find_tokens(text: str, matcher: CompiledCatalog, layers: frozenset[PatternLayer]) -> list[TokenHit]:
    """Confirmed, non-overlapping spans of ``text`` in a catalog format of the given layers."""
    indices = [i for i in _candidates(text, matcher) if matcher.patterns[i].layer in layers]
    if not indices:
        return []
    hits = [hit for index in indices for hit in _pattern_hits(text, matcher, index)]
    return _without_overlaps(hits)
