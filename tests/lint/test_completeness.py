"""Every rule: a unique code in a known family, a kebab-case name, documentation, and examples that work."""

from __future__ import annotations

import re

import pytest

from tests.lint.helpers import lint_example
from toolkit.lint.rule import Rule
from toolkit.lint.rules import FAMILIES, INTERNAL_ERROR, RULE_BY_CODE, RULES
from toolkit.problems import SEVERITY, ProblemCode

CHECKED = [rule for rule in RULES if rule is not INTERNAL_ERROR]


def test_codes_are_unique_and_well_formed() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    assert codes == sorted(codes)
    for code in codes:
        assert re.fullmatch(r"CT\d{3}", code)
        assert any(code.startswith(family.prefix) for family in FAMILIES)


def test_names_are_unique_kebab_case() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    for name in names:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name)


def test_file_family_keeps_the_reader_codes_and_severities() -> None:
    for code in ProblemCode:
        assert RULE_BY_CODE[code.value].severity == SEVERITY[code]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_documentation_is_complete(rule: Rule) -> None:
    assert rule.severity in ("error", "warning", "info")
    assert rule.summary.endswith(".") and len(rule.summary) <= 110
    for text in (rule.docs.what, rule.docs.why, rule.docs.seen):
        assert len(text) >= 30
    for name, option in rule.options.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name) and option.help


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: r.code)
def test_failing_example_fails_with_this_rule(rule: Rule) -> None:
    findings = lint_example(rule, rule.docs.failing)
    assert rule.code in {f.code for f in findings}


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: r.code)
def test_passing_example_passes_every_rule(rule: Rule) -> None:
    assert lint_example(rule, rule.docs.passing) == ()


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: r.code)
def test_failing_example_finds_nothing_unrelated_at_error(rule: Rule) -> None:
    findings = lint_example(rule, rule.docs.failing)
    assert {f.code for f in findings if f.severity == "error"} <= {rule.code}


def test_internal_error_is_tested_by_the_engine_tests() -> None:
    # CT099 has no cassette that triggers it (it is a bug); tests/lint/test_engine.py raises in a rule.
    assert INTERNAL_ERROR.code == "CT099"
