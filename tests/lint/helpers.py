"""Shared helpers: lint bytes or text through the engine and compare ``(code, line, column)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from toolkit.lint.engine import lint_data
from toolkit.lint.finding import Finding
from toolkit.lint.rule import Example, Rule
from toolkit.lint.settings import LintSettings

Where = tuple[str, int, int]


def lint_text(
    content: str | bytes,
    filename: str = "cassette.yaml",
    *,
    select: tuple[str, ...] = ("CT",),
    options: Mapping[str, Mapping[str, Any]] | None = None,
    rules: tuple[Rule, ...] | None = None,
) -> tuple[Finding, ...]:
    data = content.encode("utf-8") if isinstance(content, str) else content
    settings = LintSettings(select=select, options=options or {})
    return lint_data(data, filename, settings, rules)


def where(findings: tuple[Finding, ...], code_prefix: str = "CT") -> list[Where]:
    """``(code, line, column)`` of the findings whose code starts with ``code_prefix``."""
    return [(f.code, f.line, f.column) for f in findings if f.code.startswith(code_prefix)]


def lint_example(rule: Rule, example: Example) -> tuple[Finding, ...]:
    return lint_text(example.content, example.filename, options={rule.code: dict(example.options)})
