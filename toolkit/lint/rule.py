"""A lint rule: its code, name, default severity, options, documentation and ``check``.

Rules are values (``Rule``), not classes: in a family module each rule is declared
right after its check (``SCHEMA_VIOLATION = Rule("CT101", ..., check_schema_rule)``),
the module's ``RULES`` tuple lists them, and the registry in ``toolkit.lint.rules``
lists the families. ``check`` is a generator over ``Hit``; it reads a ``LintContext``
and its options and does no I/O. The engine, not the check, stamps the code,
severity and fingerprint on each hit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple, Protocol

from toolkit.analyze.cassette import AnalyzedCassette
from toolkit.lint.finding import Hit, Severity
from toolkit.model import Cassette
from toolkit.read.document import Document

__all__ = ["Check", "Example", "LintContext", "Option", "Rule", "RuleDocs"]


@dataclass(frozen=True, slots=True)
class LintContext:
    """What a rule may read about one file. ``analyzed`` reads each interaction (LLM call, stream,
    secrets) once, for every rule that asks."""

    path: str
    analyzed: AnalyzedCassette
    size: int

    @property
    def cassette(self) -> Cassette:
        return self.analyzed.cassette

    @property
    def document(self) -> Document | None:
        return self.analyzed.document


class Check(Protocol):
    """A rule's check: hits for one file, given the rule's options."""

    def __call__(self, context: LintContext, options: Mapping[str, Any], /) -> Iterable[Hit]: ...


class Option(NamedTuple):
    """A rule option: its default (whose type the configured value must have) and meaning."""

    default: int | str | tuple[str, ...]
    help: str


class Example(NamedTuple):
    """A cassette for the documentation and the tests; ``options`` override the rule's."""

    content: str | bytes
    filename: str = "cassette.yaml"
    options: Mapping[str, Any] = MappingProxyType({})


class RuleDocs(NamedTuple):
    """What the rule finds, why it matters, where it was seen, and an example each way."""

    what: str
    why: str
    seen: str
    failing: Example
    passing: Example


@dataclass(frozen=True, slots=True, eq=False)
class Rule:
    """One rule. ``code`` is ``CT`` plus three digits, never reused; ``name`` is kebab-case.

    Rules are singletons: equal and hashed by identity.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    docs: RuleDocs
    check: Check
    options: Mapping[str, Option] = field(default_factory=dict)

    def resolve_options(self, configured: Mapping[str, Any] | None) -> dict[str, Any]:
        """The defaults overridden by ``configured`` (already validated)."""
        values: dict[str, Any] = {name: option.default for name, option in self.options.items()}
        values.update(configured or {})
        return values
