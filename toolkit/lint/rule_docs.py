"""Rule documentation as ``cassette-toolkit rules`` prints it: a table, or one rule in full."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from toolkit.lint.rule import Example, Rule
from toolkit.lint.rules import FAMILIES

__all__ = ["render_rule", "render_rule_table", "render_rules_markdown"]

_WIDTH = 88


def render_rule_table(rules: Iterable[Rule]) -> str:
    """One line per rule: code, name, default severity, summary; grouped by family."""
    rules = list(rules)
    width = max((len(rule.name) for rule in rules), default=0)
    lines: list[str] = []
    for family in FAMILIES:
        members = [rule for rule in rules if rule.code.startswith(family.prefix)]
        if members:
            lines.append(f"{family.prefix}xx {family.title}")
            lines.extend(f"  {r.code}  {r.name:<{width}}  {r.severity:<7}  {r.summary}" for r in members)
    return "\n".join(lines) + "\n"


def render_rules_markdown(rules: Iterable[Rule]) -> str:
    """The rules as a Markdown table (the README's): code, name, default severity, summary."""
    lines = ["| code | name | severity | finds |", "|---|---|---|---|"]
    lines.extend(f"| {r.code} | `{r.name}` | {r.severity} | {r.summary} |" for r in rules)
    return "\n".join(lines) + "\n"


def render_rule(rule: Rule) -> str:
    """A rule's full documentation: what, why, where seen, options, a failing and a passing example."""
    docs = rule.docs
    parts = [
        f"{rule.code} {rule.name} (default severity: {rule.severity})",
        rule.summary,
        _section("What it finds", docs.what),
        _section("Why it matters", docs.why),
        _section("Seen in", docs.seen),
    ]
    if rule.options:
        options = [
            f"  {name} = {_toml(option.default)}\n      {option.help}"
            for name, option in rule.options.items()
        ]
        parts.append(f"Options ([tool.cassette-toolkit.rules.{rule.code}])\n" + "\n".join(options))
    parts.append(_example("Failing example", docs.failing))
    parts.append(_example("Passing example", docs.passing))
    return "\n\n".join(parts) + "\n"


def _section(title: str, text: str) -> str:
    body = textwrap.fill(text, _WIDTH, initial_indent="  ", subsequent_indent="  ")
    return f"{title}\n{body}"


def _example(title: str, example: Example) -> str:
    content = example.content
    text = content if isinstance(content, str) else content.decode("utf-8", "backslashreplace")
    settings = "".join(f" {name} = {_toml(value)}" for name, value in example.options.items())
    header = f"{title} ({example.filename}{';' + settings if settings else ''}):"
    shown = text if len(text) <= 2000 else text[:2000] + "\n..."
    return header + "\n" + textwrap.indent(shown.rstrip("\n"), "  | ", lambda _line: True)


def _toml(value: object) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return str(value)
