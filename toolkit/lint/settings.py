"""``LintSettings``: everything a lint run needs, resolved from the configuration file and the flags.

Settings are plain data (codes, not rule objects), so a worker process can
receive them and look the rules up in the registry itself.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from toolkit.lint.allow import ALLOW_VALUES
from toolkit.lint.config.file import FileConfig
from toolkit.lint.config.walking import WalkFlags, build_walk_options
from toolkit.lint.finding import Severity
from toolkit.lint.rule import Rule
from toolkit.lint.rules import RULES
from toolkit.lint.selection import is_selected, longest_match, severity_for
from toolkit.plumbing.paths import relative_path
from toolkit.read.walk.globs import matches_glob

__all__ = ["CommandLine", "LintSettings", "WalkFlags", "build_settings", "build_walk_options"]


@dataclass(frozen=True, slots=True)
class LintSettings:
    """The resolved configuration of a run. ``root`` anchors per-file-ignore globs."""

    select: tuple[str, ...] = ("CT",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    fail_on: Severity = "error"
    root: str = "."
    #: Each rule's options, resolved on first use (every file asks again).
    _resolved: dict[str, dict[str, Any]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def enabled(self, rules: tuple[Rule, ...] = RULES) -> tuple[Rule, ...]:
        """The rules that run (before per-file ignores)."""
        return _enabled(rules, self.select, self.ignore)

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """Code prefixes the per-file ignores switch off for ``path``."""
        if not self.per_file_ignores:
            return ()
        relative = relative_path(path, self.root)
        return tuple(
            code for glob, codes in self.per_file_ignores if matches_glob(relative, (glob,)) for code in codes
        )

    def rules_for(self, path: str, rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
        ignored = self.ignored_for(path)
        if not ignored:
            return rules
        return tuple(rule for rule in rules if longest_match(rule.code, ignored) < 0)

    def severity_of(self, rule: Rule) -> Severity:
        return severity_for(rule.code, rule.severity, self.severity)

    def options_of(self, rule: Rule) -> Mapping[str, Any]:
        resolved = self._resolved.get(rule.code)
        if resolved is None:
            resolved = self._resolved[rule.code] = rule.resolve_options(self.options.get(rule.code))
        return resolved


@functools.lru_cache(maxsize=64)
def _enabled(rules: tuple[Rule, ...], select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[Rule, ...]:
    return tuple(rule for rule in rules if is_selected(rule.code, select, ignore))


@dataclass(frozen=True, slots=True)
class CommandLine:
    """What the command-line flags say; None or empty means "as the file says"."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: Severity | None = None
    fail_on_stale_baseline: bool | None = None
    walk: WalkFlags = field(default_factory=WalkFlags)


def build_settings(config: FileConfig, flags: CommandLine) -> LintSettings:
    """Flags override the file: ``--select``/``--ignore`` replace its lists, the rest add to them."""
    select = flags.select if flags.select is not None else (config.select or ("CT",))
    ignore = flags.ignore if flags.ignore is not None else (config.ignore or ())
    return LintSettings(
        select=(*select, *config.extend_select, *flags.extend_select),
        ignore=(*ignore, *config.extend_ignore, *flags.extend_ignore),
        per_file_ignores=config.per_file_ignores,
        severity=(*config.severity, *flags.severity),
        options=_with_allow_values(config),
        fail_on=flags.fail_on or config.fail_on or "error",
        root=config.root,
    )


def _with_allow_values(config: FileConfig) -> Mapping[str, Mapping[str, Any]]:
    """Rule options, with the top-level ``allow-values`` added to every rule that takes them."""
    if not config.allow_values:
        return config.options
    options = {code: dict(values) for code, values in config.options.items()}
    for rule in RULES:
        if ALLOW_VALUES in rule.options:
            own = options.setdefault(rule.code, {})
            own[ALLOW_VALUES] = (*config.allow_values, *own.get(ALLOW_VALUES, ()))
    return options
