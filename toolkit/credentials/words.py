"""Whether a value is made of words: an identifier, an environment-variable name, a phrase.

A credential is random data; a placeholder is written by a person, in words. The value is cut
into *tokens* at every character that is not a letter or digit (``AZURE_API_KEY``,
``my-gateway-api-key``), and each token into *pieces* at case changes (``OpenAIKey`` is
``Open``, ``AI``, ``Key``). A value is identifier-like when every token follows the grammar of
names people write and every piece is a word, an acronym or a short number:

- a token is letters with at most a number after them (``key2``, ``claude3``), a number of at
  most 8 digits, or a short mix of at most 6 characters (``gpt4o``, ``v1beta``, ``k8s``);
- a piece of letters is a *word* when it has a vowel, no run of five consonants, at most one
  letter pair that English writes at an eighth of chance or less, and letter pairs that on
  average English writes at least about as often as chance (brand names such as ``azure``
  fall a little below; a compound such as ``deepseek`` or ``webhook`` is two such words);
- in a camelCase token (``AwsAccessKeyId``), every piece is a word, an acronym or a two- or
  three-letter abbreviation, and at least half of the pieces are words at least as English as
  chance;
- an upper-case piece of at most 5 letters is an acronym (``API``, ``HMAC``, ``XXX``); a token
  of at most 5 letters in one case is an abbreviation (``lm``, ``gsk``, ``tst``, ``vllm``).

Random data fails this almost always: a base62, base64 or hex string changes between letters
and digits in the middle of its tokens, and mixed case cuts it into one- and two-letter pieces.
What is left is a string of one case without digits, whose letter pairs give it away.
"""

from __future__ import annotations

import itertools
import re

__all__ = ["is_identifier_like", "is_word", "tokens"]

_TOKEN = re.compile(r"[A-Za-z0-9]+")
_LETTERS_THEN_NUMBER = re.compile(r"([A-Za-z]+)([0-9]{0,8})")
_PIECE = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")
_VOWELS = frozenset("aeiouy")
_MAX_CONSONANTS = 4
_SHORT_MIX = 6
_MAX_NUMBER = 8
_ACRONYM = 5
_ABBREVIATION = 5
_COMPOUND = 6

# How often English spells each letter after another, against chance: row = the first
# letter, column = the second, from 0 (at most 1/16 of chance) through 4 (chance) to 7 (8
# times chance), i.e. log2 of the ratio, rounded and clamped to -4..3, plus 4. Counted once
# over the 73,000 words of an English word list (SCOWL's "words", as packaged by Debian):
# a fact about English spelling. Random letters average about 2.5; words average 4 or more.
_PAIR_SCORES = (
    "04541241403646040656332131",  # a
    "64016000510610600542500020",  # b
    "60305006505400600525400020",  # c
    "52147131710422510450412030",  # d
    "42463221200545230664132320",  # e
    "50006500600500600534500030",  # f
    "60006045600524500651500030",  # g
    "61007100600322600434402040",  # h
    "43545340001447530455130003",  # i
    "70006000500000700000700000",  # j
    "52017103601424420361302040",  # k
    "61136110602621510043410050",  # l
    "65106100600142650040400020",  # m
    "51556271503103400156320010",  # n
    "33442241302556440644544120",  # o
    "60006005500500650644400020",  # p
    "10000000100100000000700000",  # q
    "62346131602333520454421030",  # r
    "41406105503433441057402020",  # s
    "50207105700311500554401030",  # t
    "44444240401556240665000001",  # u
    "60007000700000500000200010",  # v
    "72036105602414610441000010",  # w
    "50506004600100460006421330",  # x
    "53445232501555450464303101",  # y
    "60007002600410400000200035",  # z
)
# A word's letter pairs score on average at least this (brand names such as ``azure`` fall
# a little below chance); inside camelCase, half the words must reach chance itself.
_THRESHOLD = 3.5
_STRICT_THRESHOLD = 4
_A = ord("a")


def tokens(text: str) -> list[str]:
    """The maximal runs of ASCII letters and digits."""
    return _TOKEN.findall(text)


def _longest_consonant_run(word: str) -> int:
    longest = run = 0
    for char in word:
        run = 0 if char in _VOWELS else run + 1
        longest = max(longest, run)
    return longest


def _spells_like_english(word: str, threshold: float) -> bool:
    """A vowel, no run of five consonants, letter pairs on average at least ``threshold``
    and at most one pair that English writes at an eighth of chance or less."""
    if not any(char in _VOWELS for char in word) or _longest_consonant_run(word) > _MAX_CONSONANTS:
        return False
    scores = [int(_PAIR_SCORES[ord(a) - _A][ord(b) - _A]) for a, b in itertools.pairwise(word)]
    return sum(scores) >= threshold * len(scores) and sum(score <= 1 for score in scores) <= 1


def is_word(piece: str, *, strict: bool = False) -> bool:
    """A run of letters that English could spell, or two such words joined (``webhook``,
    ``deepseek``).

    Brand names (``azure``, ``groq``) spell a little less like English than chance; a
    ``strict`` word must spell at least as English as chance.
    """
    word = piece.lower()
    if len(word) <= 2:
        return len(word) == 2 and any(char in _VOWELS for char in word)
    threshold = _STRICT_THRESHOLD if strict else _THRESHOLD
    if _spells_like_english(word, threshold):
        return True
    return len(word) >= _COMPOUND and any(
        _spells_like_english(word[:cut], threshold) and _spells_like_english(word[cut:], threshold)
        for cut in range(3, len(word) - 2)
    )


def _camel_kinds(pieces: list[str]) -> list[str] | None:
    """``myApiKey``, ``OpenAIKey``, ``AwsAccessKeyId``: every piece a word, an acronym or a
    two- or three-letter abbreviation; at least half of them words that spell as English as
    chance, and no more abbreviations than such words. Random mixed case cuts into many
    short pieces that spell like nothing."""
    kinds: list[str] = []
    for piece in pieces:
        if len(piece) < 2 or (piece.isupper() and len(piece) > _ACRONYM):
            return None  # a lone letter; inside camelCase, capitals are an acronym
        if piece.isupper() or len(piece) == 2:
            kinds.append("short")
        elif is_word(piece, strict=True):
            kinds.append("english")
        elif len(piece) == 3:
            kinds.append("short")
        elif is_word(piece):
            kinds.append("word")
        else:
            return None
    english = kinds.count("english")
    if 2 * english < len(pieces) or kinds.count("short") > english:
        return None
    return ["word" if kind == "english" else kind for kind in kinds]


def _single_kind(piece: str) -> str | None:
    """A token in one case: a word (``ollama``, ``DEEPSEEK``), or an abbreviation of at most
    five letters (``lm``, ``gsk``, ``tst``, ``vllm``)."""
    if is_word(piece):
        return "word" if len(piece) >= 3 else "short"
    return "short" if len(piece) <= _ABBREVIATION else None


def _token_kinds(token: str) -> list[str] | None:
    if token.isdigit():
        return ["number"] if len(token) <= _MAX_NUMBER else None
    if len(token) <= _SHORT_MIX and not token.isalpha():
        # ``gpt4o``, ``v1beta``, ``K8S``: one case, at most two changes between letters and
        # digits; random data mixes cases and changes more often.
        changes = sum(a.isdigit() != b.isdigit() for a, b in itertools.pairwise(token))
        single_case = token.islower() or token.isupper()
        return ["short"] if single_case and changes <= 2 else None
    found = _LETTERS_THEN_NUMBER.fullmatch(token)
    if found is None:
        return None
    pieces = _PIECE.findall(found.group(1))
    if len(pieces) > 1:
        return _camel_kinds(pieces)
    kind = _single_kind(pieces[0])
    return None if kind is None else [kind]


def is_identifier_like(text: str) -> bool:
    """``AZURE_OPENAI_API_KEY``, ``my-gateway-api-key``, ``AUTHORIZATION-XXX``: words, not data.

    Words of three letters or more must be at least as many as the other pieces but one:
    random mixed-case data cuts into many acronym-like and two-letter pieces.
    """
    kinds: list[str] = []
    for token in tokens(text):
        found = _token_kinds(token)
        if found is None:
            return False
        kinds += found
    words = kinds.count("word")
    return words > 0 and len(kinds) - words <= words + 1
