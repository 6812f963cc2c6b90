"""Whether a value could be a credential, or stands for one.

In a credential position (an ``Authorization`` header, an ``api_key`` field ...) a value is a
credential only if it could be one: long enough, with the variety of random data, and not
made of words. Projects write their own placeholders there (``Bearer TOKEN``,
``AZURE_API_KEY``, ``my-gateway-api-key``, ``AUTHORIZATION-XXX``, ``REDACTED_<hash>``,
``Bearer ollama``), and no list of them is ever complete, so the test is the other way
round: what is not random data is not a credential.

Three judges, from strict to lenient:

- ``is_placeholder_token``: a span that already has a provider's token format. Only
  unmistakable markers and fake structure count (a random body may contain any short word).
- ``could_be_credential``: a prefix-less value in a credential position.
- ``is_placeholder_identifier``: an account id (``org-...``), which people choose, so words
  and low variety are normal; only markers, wrappers and echoes of the header name count.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter

from toolkit.credentials.identity import fingerprint
from toolkit.credentials.jwt import is_hand_made, read_jwt
from toolkit.credentials.words import is_identifier_like, tokens

__all__ = [
    "MIN_KEY_LENGTH",
    "MIN_PASSWORD_LENGTH",
    "could_be_credential",
    "has_marker",
    "is_documentation_token",
    "is_not_a_credential",
    "is_placeholder_identifier",
    "is_placeholder_token",
]

#: A prefix-less key shorter than this is not told from a word or a setting: real keys are
#: 20 characters and more (AWS 20 and 40, Azure 32, Mistral 32, proxies' own 24 to 64).
MIN_KEY_LENGTH = 16
#: Passwords are chosen by people and may be short.
MIN_PASSWORD_LENGTH = 8

# Tokens printed in public documentation, known by fingerprint so that no token-shaped
# literal sits in this file: the jwt.io debugger's sample HS256 token
# (https://jwt.io/introduction) and the test-mode keys of Stripe's API reference examples
# (https://docs.stripe.com/api/authentication).
_DOCUMENTATION_FINGERPRINTS = frozenset({"7f75367e78812551", "2cafc0970149a84f", "f2d6ca16515033e5"})

# Words of six letters or more that no generated key contains by chance and that mark
# documentation, fixtures and redaction, searched anywhere in the value and written as words
# (``REDACTED``, ``Redacted``, ``yourApiKey``; not ``rEdAcTeD`` in random mixed case); a
# five-letter one must also stand apart from its neighbours (``DUMMY_``, ``dummyKey``) ...
_DUMMY = re.compile(r"(?i)dummy")
_TOKEN_MARKERS = re.compile(
    r"(?i)example|placeholder|redacted|sample|changeme|scrubbed|filtered|"
    r"your[-_]?(?:api|key|token|secret|own)|insert[-_ ]?your|replace[-_ ]?me|not[-_]?a[-_]?real"
)
# ... and fill characters (``XXXXX``, ``***``, ``sk-...``) or template syntax.
_FILLERS = re.compile(r"x{5}|X{5}|\*{3}|\.{3}|<[^>]*>|\$\{|\{\{")
# In a prefix-less value, more words count; ``secret`` and ``password`` also when digits
# stand for letters (``s3cr3t``, ``p4ssw0rd``).
_VALUE_MARKERS = re.compile(
    r"(?i)redact|masked|hidden|omitted|removed|sanitized|fixture|invalid|insert|replace|"
    r"not[-_]?real|your[-_]?(?:org|project)|secret|password|passwd"
)
_LEET_MARKERS = re.compile(r"secret|password|passwd|changeme")
_LEET = str.maketrans("013457@$", "oieastas")
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NOT_LETTERS = re.compile(r"[^A-Za-z]+")
# A short marker is a whole token among the first two (``test-...``, ``sk_test_...``,
# ``my-test-key``, ``XXXX``, ``lcgo-tst``; ``sha256:<hash>`` is a digest, not the secret), or starts
# the value, ended by a digit or a case change (``mockKey``, ``Test1...``). Further in, a
# four-letter word is as likely to be chance in random data as a marker.
_MARKER_STARTS = ("test", "fake", "mock", "stub", "dummy", "scrub", "hash")
_MARKER_TOKENS = frozenset({"tst", "sha256", "sha512"})
_MARKED_TOKENS = 2
_WRAPPERS = (("<", ">"), ("${", "}"), ("{{", "}}"), ("%(", ")s"), ("[", "]"), ("(", ")"), ("%", "%"))
_ENV_REFERENCE = re.compile(r"\$[A-Za-z_][A-Za-z0-9_]*|env[:.]\S+", re.IGNORECASE)
_NULL_WORDS = frozenset(
    {
        "null",
        "none",
        "nil",
        "undefined",
        "nan",
        "true",
        "false",
        "yes",
        "no",
        "bearer",
        "basic",
        "token",
        "n/a",
        "na",
        "empty",
        "unset",
        "default",
    }
)
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")
# Counts, timestamps and ids have at most 19 digits; twenty random digits are a key.
_NUMERIC_KEY = 20
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_CREDENTIAL_CHARS = re.compile(r"[A-Za-z0-9._~+/=:@!#$%^&*-]+")
# Runs long enough that random data of 16 symbols or more shows one in fewer than one key in
# ten million (a 64-character hex key holds a run of 8 with odds of about 1 in 4 million).
_SAME_CHAR_RUN = 8
_ASCENDING_RUN = 8
_MAX_PERIOD = 16
# ``abc123def456``: most neighbours repeat or count up.
_SEQUENTIAL_SHARE = 0.6


def _longest_run(text: str, *, ascending: bool) -> int:
    longest = run = 1
    for left, right in itertools.pairwise(text):
        step = ord(right) - ord(left)
        run = run + 1 if step == (1 if ascending else 0) else 1
        longest = max(longest, run)
    return longest


def _is_periodic(text: str) -> bool:
    """``abcabcab``: the text repeats a unit of at most 16 characters (at least twice)."""
    limit = min(_MAX_PERIOD, len(text) // 2)
    return any(text[period:] == text[:-period] for period in range(1, limit + 1))


def _is_sequential(text: str) -> bool:
    """``abc123def456ghi789``: most neighbouring characters repeat or count up by one."""
    steps = [ord(right) - ord(left) for left, right in itertools.pairwise(text)]
    return len(text) >= MIN_PASSWORD_LENGTH and sum(
        step in (0, 1) for step in steps
    ) >= _SEQUENTIAL_SHARE * len(steps)


def shannon_entropy(text: str) -> float:
    """Bits per character of the text's own character distribution."""
    counts = Counter(text)
    size = len(text)
    return -sum(n / size * math.log2(n / size) for n in counts.values())


def _is_low_variety(text: str) -> bool:
    """Too few distinct characters for a random secret (``aaaa1111``, ``0000...``)."""
    distinct = len(set(text))
    return distinct <= min(max(4, len(text) // 10), 10) or shannon_entropy(text) < 2.0


def _is_structurally_fake(text: str) -> bool:
    return (
        _longest_run(text, ascending=False) >= _SAME_CHAR_RUN
        or _longest_run(text, ascending=True) >= _ASCENDING_RUN
        or _is_periodic(text)
        or _is_low_variety(text)
        or _is_sequential(text)
    )


def is_placeholder_token(secret: str, *, random_body: bool = True) -> bool:
    """A span with a provider's format that is really a placeholder or documentation key.

    ``random_body`` is false for formats with inner structure (PEM, JWT, session tokens),
    where runs such as ``AAAAAA`` are normal and only the marker words count. A JWT must
    carry a real signature and no fixture claims (see ``jwt``).
    """
    if _marked(_TOKEN_MARKERS, secret) or _FILLERS.search(secret) or is_documentation_token(secret):
        return True
    jwt = read_jwt(secret)
    if jwt is not None and is_hand_made(jwt, has_marker):
        return True
    return random_body and _is_structurally_fake(secret)


def is_documentation_token(secret: str) -> bool:
    """A token published in a provider's or standard's documentation."""
    return fingerprint(secret) in _DOCUMENTATION_FINGERPRINTS


def _written_as_words(text: str) -> bool:
    """``REDACTED``, ``Redacted``, ``your_api``, ``YourApi``, ``P@ssw0rd``: the letters of
    each word in one case (``rEdAcTeD`` is random mixed case)."""
    spaced = _CAMEL_BOUNDARY.sub(" ", _NOT_LETTERS.sub("", text))
    return spaced.islower() or spaced.isupper() or spaced.istitle()


def _stands_apart(text: str, start: int, end: int) -> bool:
    """No letter of the same case touches ``text[start:end]`` on either side."""
    before, after = text[start - 1 : start], text[end : end + 1]
    first, last = text[start], text[end - 1]
    return not (before.isalpha() and before.isupper() == first.isupper()) and not (
        after.isalpha() and after.isupper() == last.isupper()
    )


def _marked(pattern: re.Pattern[str], text: str) -> bool:
    if any(_written_as_words(found.group()) for found in pattern.finditer(text)):
        return True
    return any(
        _written_as_words(found.group()) and _stands_apart(text, *found.span())
        for found in _DUMMY.finditer(text)
    )


def _starts_with_marker(token: str) -> bool:
    """``test123...``, ``mockKey``, ``FakeApiKey``: a marker, then a digit or a new word."""
    for marker in _MARKER_STARTS:
        head, after = token[: len(marker)], token[len(marker) : len(marker) + 1]
        if head.lower() != marker or not _written_as_words(head):
            continue
        if after.isdigit() or (after.isupper() and not head.isupper()):
            return True
    return False


def _is_marker_token(token: str, *, first: bool, shortest_crosses: int = 4) -> bool:
    lowered = token.lower()
    crosses = len(token) >= shortest_crosses and set(lowered) == {"x"}
    whole = lowered in _MARKER_TOKENS or lowered in _MARKER_STARTS or crosses
    return (whole and _written_as_words(token)) or (first and _starts_with_marker(token))


def has_marker(text: str, *, every_token: bool = False) -> bool:
    """A word that marks a fixture, a redaction or documentation (see the module's lists).

    Short markers count among the first tokens only, unless ``every_token`` (for names
    people choose, such as account ids, where nothing is random).
    """
    if _marked(_TOKEN_MARKERS, text) or _FILLERS.search(text) or _marked(_VALUE_MARKERS, text):
        return True
    folded = text.lower().translate(_LEET)  # same length: spans map back to the text
    if any(_written_as_words(text[m.start() : m.end()]) for m in _LEET_MARKERS.finditer(folded)):
        return True
    words = tokens(text)
    checked = words if every_token else words[:_MARKED_TOKENS]
    return any(_is_marker_token(token, first=index == 0) for index, token in enumerate(checked))


def _is_wrapped(text: str) -> bool:
    return any(text.startswith(left) and text.endswith(right) for left, right in _WRAPPERS) or (
        _ENV_REFERENCE.fullmatch(text) is not None
    )


def is_not_a_credential(value: str) -> bool:
    """Values a credential position may hold that are obviously not secrets."""
    text = value.strip()
    return (
        (_NUMBER.fullmatch(text) is not None and not (text.isdigit() and len(text) >= _NUMERIC_KEY))
        or _DATE.fullmatch(text) is not None
        or _URL.match(text) is not None
        or any(char.isspace() for char in text)
        or _CREDENTIAL_CHARS.fullmatch(text) is None
    )


def could_be_credential(value: str, min_length: int = MIN_KEY_LENGTH) -> bool:
    """Whether a value in a credential position could be a real credential.

    Not when it is empty, a null word, wrapped (``<...>``, ``${...}``), a number, a date, a
    URL, a documentation token, a hand-made JWT, marked (``REDACTED``, ``test-``, ``XXX``),
    shorter than ``min_length``, structurally fake (runs, repeats, counting, low variety) or
    made of words (``AZURE_OPENAI_API_KEY``, ``AUTHORIZATION-XXX``).
    """
    text = value.strip().strip("\"'")
    if not text or text.lower() in _NULL_WORDS or _is_wrapped(text) or is_not_a_credential(text):
        return False
    if is_documentation_token(text):
        return False
    jwt = read_jwt(text)
    if jwt is not None:
        return not is_hand_made(jwt, has_marker)
    if has_marker(text) or len(text) < min_length:
        return False
    return not (_is_structurally_fake(text) or is_identifier_like(text))


def _echoes(value_tokens: list[str], name: str) -> bool:
    """``OPENAI-ORG-XXX`` under ``OpenAI-Organization``: the header's own words, shortened."""
    words = [word.lower() for word in tokens(name)] + ["id"]
    return all(
        _is_marker_token(token, first=False, shortest_crosses=3)
        or any(
            word == token.lower() or (len(token) >= 3 and word.startswith(token.lower())) for word in words
        )
        for token in value_tokens
    )


def is_placeholder_identifier(value: str, name: str = "") -> bool:
    """An account id that was scrubbed: empty, a null word, wrapped, marked, a run of one
    character or of counting digits (``org-123456789``), or the header's name echoed.

    Identifiers may be short and low-entropy (``org-1``), so length and variety do not count.
    """
    text = value.strip().strip("\"'")
    if (
        len(text) < 3
        or text.lower() in _NULL_WORDS
        or _is_wrapped(text)
        or has_marker(text, every_token=True)
    ):
        return True
    value_tokens = tokens(text)
    if not value_tokens or (name and _echoes(value_tokens, name)):
        return True
    return _longest_run(text, ascending=False) >= 6 or _longest_run(text, ascending=True) >= 6
