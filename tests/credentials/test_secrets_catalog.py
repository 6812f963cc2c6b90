"""The catalog as data: every pattern's own examples, and the completeness of each record."""

from __future__ import annotations

import re
import re._parser as sre_parse  # type: ignore[import-not-found]

import pytest

from toolkit.credentials import CATALOG, TokenPattern, scan_text
from toolkit.credentials.matcher import MIN_TOKEN_LENGTH
from toolkit.credentials.templates import expand_all
from toolkit.credentials.validators import VALIDATORS

KEBAB_CASE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _cases(field: str) -> list[tuple[TokenPattern, str]]:
    return [
        (pattern, example)
        for pattern in CATALOG
        for example in expand_all(getattr(pattern, field), f"{pattern.id}:{field}")
    ]


def _case_id(case: tuple[TokenPattern, str]) -> str:
    return case[0].id


def _kinds(pattern: TokenPattern, text: str) -> list[str]:
    return [match.kind for match in scan_text(text, accounts=pattern.layer == "account")]


@pytest.mark.parametrize("case", _cases("must_match"), ids=_case_id)
def test_must_match(case: tuple[TokenPattern, str]) -> None:
    pattern, example = case
    assert pattern.id in _kinds(pattern, example)


@pytest.mark.parametrize("case", _cases("must_not_match"), ids=_case_id)
def test_must_not_match(case: tuple[TokenPattern, str]) -> None:
    pattern, example = case
    assert pattern.id not in _kinds(pattern, example)


@pytest.mark.parametrize("case", _cases("must_match"), ids=_case_id)
def test_match_span_is_inside_a_full_regex_match(case: tuple[TokenPattern, str]) -> None:
    pattern, example = case
    spans = [m.span() for m in pattern.compile().finditer(example)]
    for match in scan_text(example, accounts=True):
        if match.kind == pattern.id:
            assert any(start <= match.start < match.end <= end for start, end in spans)


def test_ids_are_unique_kebab_case() -> None:
    ids = [pattern.id for pattern in CATALOG]
    assert len(ids) == len(set(ids))
    assert all(KEBAB_CASE.fullmatch(pattern_id) for pattern_id in ids)


@pytest.mark.parametrize("pattern", CATALOG, ids=lambda p: p.id)
def test_record_is_complete(pattern: TokenPattern) -> None:
    assert pattern.source.startswith("https://") and " " not in pattern.source
    assert pattern.provider and pattern.description
    assert len(pattern.must_match) >= 2 and len(pattern.must_not_match) >= 2
    assert pattern.validator is None or pattern.validator in VALIDATORS
    assert pattern.keywords and all(pattern.keywords)
    assert pattern.severity in ("error", "warning", "info")
    assert pattern.layer == "token" or pattern.severity == "warning"


@pytest.mark.parametrize("pattern", CATALOG, ids=lambda p: p.id)
def test_every_example_holds_a_keyword(pattern: TokenPattern) -> None:
    """The matcher only runs a pattern where one of its keywords occurs."""
    for example in expand_all(pattern.must_match, f"{pattern.id}:must_match"):
        haystack = example.lower() if pattern.keywords_ignore_case else example
        keywords = [k.lower() if pattern.keywords_ignore_case else k for k in pattern.keywords]
        assert any(keyword in haystack for keyword in keywords)


@pytest.mark.parametrize("pattern", CATALOG, ids=lambda p: p.id)
def test_no_pattern_is_shorter_than_the_length_gate(pattern: TokenPattern) -> None:
    """Strings shorter than MIN_TOKEN_LENGTH are never searched."""
    shortest, _ = sre_parse.parse(pattern.regex).getwidth()
    assert shortest >= MIN_TOKEN_LENGTH


def test_examples_are_deterministic() -> None:
    first = _cases("must_match")
    assert first == _cases("must_match")


def test_catalog_covers_the_required_providers() -> None:
    providers = {pattern.provider for pattern in CATALOG}
    required = {
        "openai", "anthropic", "google", "xai", "groq", "openrouter", "deepseek", "mistral",
        "cohere", "together", "cerebras", "nvidia", "huggingface", "perplexity", "replicate",
        "langsmith", "elevenlabs", "azure", "aws", "github", "slack", "stripe", "generic",
    }  # fmt: skip
    assert required <= providers
