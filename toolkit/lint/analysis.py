"""The LLM reading of an interaction (``toolkit.analyze.llm.analyze``), computed once per file and shared.

Stream rules (CT3xx) and LLM-semantics rules (CT5xx) all need the decoded
response stream and the reader's result; the first rule to ask pays for it.
``toolkit.analyze.llm`` is imported on first use, so runs without these rules skip it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from toolkit.lint.rule import LintContext
from toolkit.model import Interaction
from toolkit.read.jsonparse import parse_body

if TYPE_CHECKING:
    from toolkit.analyze.llm import Analysis

__all__ = ["analysis_of", "request_json"]


def analysis_of(context: LintContext, interaction: Interaction) -> Analysis:
    """``analyze(interaction)``, memoised in the context."""
    key = ("analysis", interaction.index)
    found = context.cache.get(key)
    if found is None:
        from toolkit.analyze.llm import analyze

        found = analyze(interaction)
        context.cache[key] = found
    result: Analysis = found
    return result


def request_json(context: LintContext, interaction: Interaction) -> Any:
    """The request body parsed as JSON (None when it is not JSON), parsed once for every reader."""
    return parse_body(interaction.request.body.content).value
