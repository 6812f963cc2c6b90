"""Keys with no prefix, in free text next to a credential keyword.

Free text says what a value is by the words before it: ``API_KEY=...``, ``token: ...``,
``auth_token="..."``, ``The access token is ...``, ``Your API key is: ...``,
``Authorization: Bearer ...``. A value found so is reported only if it could be a credential
(``placeholders.could_be_credential``: long, random in structure, not words, not marked or
wrapped), with the stricter length of a generated key even after ``password``: people write
short example passwords in prose.

What is not a credential keyword matters as much: ``page_token``, ``next_page_token`` or a
tokenizer's ``max_tokens`` name cursors and counts; a bare ``key`` (``cache key``, ``sort
key``, ``public key``) and ``signature`` name data that authenticates nothing, and a UUID
written after a keyword is an object's id far more often than a key. Names may be quoted (a Python
dict or a JSON snippet in a prompt) and a command line's ``--api-key VALUE`` counts; where
the credential-position layer reports the same value under a JSON key, it alone does.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from toolkit.credentials.placeholders import MIN_KEY_LENGTH, could_be_credential

__all__ = ["KeywordSpan", "find_keyword_credentials", "may_hold_keyword"]

#: A value is at most this long (a JWT or a long session token fits).
_MAX_VALUE = 2048

# The keyword ends the name (``SERVICE_SECRET``, ``auth_token``, ``OPENAI_API_KEY``); a bare
# ``key`` only as ``your key`` or ``my key``.
_KEYWORD = (
    r"(?:(?:api|access|secret|private|auth|license|subscription|account|session)[ _.-]?key"
    r"|secret|token|password|passwd|passphrase|credentials?|authorization"
    r"|(?:your|my)[ _.-]key)"
)
_NAME = (
    r"(?<![A-Za-z0-9_.\\-])(?P<flag>--?)?"
    r"(?P<name>(?P<bearer>bearer(?=[ \t]))|[A-Za-z][A-Za-z0-9_.-]{0,60}?" + _KEYWORD + r"|" + _KEYWORD + r")"
    r"(?P<quoted>\\{0,3}[\"'])?"
)
# ``NAME=``, ``NAME:``, ``NAME is``, ``NAME is:``, a command line's ``--NAME VALUE``, ``Bearer
# VALUE`` (RFC 6750 section 2.1, written anywhere); then an
# optional Authorization scheme and an opening quote (escaped once or more when the text is
# JSON inside a string).
_ASSIGN = r"(?P<phrase>[ \t]*[:=][ \t]*|[ \t]+is:?[ \t]+|(?(flag)[ \t]+|(?(bearer)[ \t]+|(?!))))"
_OPENING = r"(?:(?:Bearer|Basic|Token)[ \t]+)?(?:\\{0,3}[\"'`])?"
_VALUE = rf"(?P<value>[A-Za-z0-9_+/=.~-]{{{MIN_KEY_LENGTH},{_MAX_VALUE}}})"
_IN_CONTEXT = re.compile(_NAME + _ASSIGN + _OPENING + _VALUE, re.IGNORECASE)
_PREFILTER = re.compile(r"(?i)key|secret|token|passw|passphrase|credential|authorization|bearer")

# Names that end in a keyword but name no credential: cursors, counts, tokenizer pieces.
_NOT_CREDENTIAL_QUALIFIERS = frozenset(
    {
        "page",
        "nextpage",
        "next",
        "continuation",
        "cursor",
        "sync",
        "csrf",
        "xsrf",
        "max",
        "maxoutput",
        "input",
        "output",
        "prompt",
        "completion",
        "reasoning",
        "cached",
        "total",
        "special",
        "stop",
        "end",
        "start",
        "bos",
        "eos",
        "pad",
        "unk",
        "mask",
        "first",
        "last",
        "verification",
        "cancellation",
        "idempotency",
        "public",
    }
)
_SEPARATORS = re.compile(r"[ _.-]")
# Object ids: in free text a UUID after ``token`` names a record (a trace's ancestry, a job).
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_QUALIFIER = re.compile(r"(?i)(?:" + _KEYWORD + r")$")
# The word before a phrase's keyword (``the access token is``), to tell ``next page token``.
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]+$")


class KeywordSpan(NamedTuple):
    """``text[start:end]`` could be a credential: ``keyword`` is the name written before it."""

    start: int
    end: int
    keyword: str


def may_hold_keyword(text: str) -> bool:
    """False when no credential keyword occurs in ``text`` (a cheap test before the search)."""
    return _PREFILTER.search(text) is not None


def _qualifier(name: str, text: str, start: int) -> str:
    """What comes before the keyword in the name, or the word before a spaced name."""
    keyword = _QUALIFIER.search(name)
    head = name[: keyword.start()] if keyword is not None else name
    qualifier = _SEPARATORS.sub("", head).lower()
    if not qualifier:
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        qualifier = before.group(1).lower() if before is not None else ""
    return qualifier


def _names_credential(name: str, text: str, start: int) -> bool:
    qualifier = _qualifier(name, text, start)
    return not any(qualifier.endswith(word) for word in _NOT_CREDENTIAL_QUALIFIERS)


def find_keyword_credentials(text: str) -> list[KeywordSpan]:
    """Every value in ``text`` written after a credential keyword that could be a credential."""
    if not may_hold_keyword(text):
        return []
    found: list[KeywordSpan] = []
    for match in _IN_CONTEXT.finditer(text):
        name = match.group("name")
        value = match.group("value").rstrip(".")
        start = match.start("value")
        if match.group("phrase").strip(" \t").startswith("is") and not _spaced_phrase(name):
            continue  # ``token_type is``: an identifier before "is" is not prose
        if _UUID.fullmatch(value) is not None or not could_be_credential(value):
            continue
        if not _names_credential(name, text, match.start("name")):
            continue
        found.append(KeywordSpan(start, start + len(value), _SEPARATORS.sub("-", name.lower())))
    return found


def _spaced_phrase(name: str) -> bool:
    """A name read before ``is`` is prose (``access token``, ``API key``): no ``_`` or ``.``."""
    return "_" not in name and "." not in name
